"""One connection to OBS: a request client and an event reader, used from the worker thread.

obsws-python is synchronous, not thread-safe and never checks request ids, so a session is
created, used and closed on the link's single worker thread, and is thrown away whole after
any timeout or connection error: a late reply can never be read as the answer to a later
request. Events are read by a thread of the session's own, which hands each one to the
asyncio loop with ``call_soon_threadsafe`` and reports how the connection ended.
"""

from __future__ import annotations

import contextlib
import json
import logging
import struct
import threading
import uuid
from collections.abc import Callable
from typing import Any

import msgspec
import obsws_python
import websocket
from obsws_python.error import OBSSDKError, OBSSDKRequestError, OBSSDKTimeoutError

from hostconsole.adapters.obs.errors import (
    ObsAuthError,
    ObsConnectionLostError,
    ObsError,
    ObsIncompatibleError,
    ObsRequestError,
    ObsUnreachableError,
)
from hostconsole.domain.said import Said

log = logging.getLogger(__name__)

__all__ = [
    "ObsAuthError",
    "ObsConnectionLostError",
    "ObsError",
    "ObsIncompatibleError",
    "ObsRequestError",
    "ObsSession",
    "ObsUnreachableError",
]

# obs-websocket close codes (protocol: WebSocketCloseCode)
CLOSE_AUTHENTICATION_FAILED = 4009
CLOSE_UNSUPPORTED_RPC_VERSION = 4010
CLOSE_SESSION_INVALIDATED = 4011  # "kicked": must not reconnect automatically

EXECUTION_SERIAL_REALTIME = 0  # at once, in order: reads that need no frame
EXECUTION_SERIAL_FRAME = 1
# Events the console follows: general, config, scenes, inputs, transitions, outputs,
# scene items, UI (studio mode). High-volume events (volume meters) are left out.
EVENT_SUBSCRIPTIONS = int(obsws_python.Subs.LOW_VOLUME)


class Versions(msgspec.Struct, frozen=True):
    obs: str
    websocket: str
    rpc: int
    platform: str
    image_formats: tuple[str, ...]


class BatchResult(msgspec.Struct, frozen=True):
    request_type: str
    ok: bool
    code: int
    comment: str
    data: dict[str, Any]


EventSink = Callable[[str, dict[str, Any]], None]
ClosedSink = Callable[[int | None, str], None]


def _major(version: str) -> int:
    try:
        return int(version.split(".", 1)[0])
    except ValueError:
        return 0


class ObsSession:
    """A live, identified pair of connections to OBS. Not thread-safe: worker thread only."""

    def __init__(
        self,
        host: str,
        port: int,
        password: str,
        timeout: float,
        on_event: EventSink,
        on_closed: ClosedSink,
    ) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._closed = threading.Event()
        self._requests = self._connect_requests(password)
        try:
            self.versions = self._read_versions()
            self._events = self._connect_events(password)
        except BaseException:
            self._requests.disconnect()
            raise
        self._reader = threading.Thread(
            target=self._read_events,
            args=(on_event, on_closed),
            name=f"obs-events-{port}",
            daemon=True,
        )
        self._reader.start()

    # --- connecting -----------------------------------------------------------------------

    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    def _open(self, password: str, subs: int) -> Any:
        """An identified obsws-python base client; any failure closes its socket and is
        translated into one of the adapter's errors."""
        try:
            client = _ClosingObsClient(
                host=self.host, port=self.port, password=password, timeout=self.timeout, subs=subs
            )
        except ConnectionRefusedError:
            raise ObsUnreachableError(Said("obs.nothing-listening", self._where())) from None
        except (TimeoutError, websocket.WebSocketTimeoutException):
            raise ObsUnreachableError(
                Said("obs.frozen", self._where(), f"{self.timeout:g}")
            ) from None
        except websocket.WebSocketBadStatusException as error:
            raise ObsIncompatibleError(
                Said("obs.not-websocket", self._where(), error.status_code)
            ) from None
        except (OSError, websocket.WebSocketException, ValueError, KeyError) as error:
            raise ObsUnreachableError(
                Said("obs.cannot-connect", self._where(), f"{type(error).__name__}: {error}")
            ) from None
        try:
            client.authenticate()
        except OBSSDKError as error:
            _discard(client.ws)
            if "no password provided" in str(error):
                raise ObsAuthError(Said("obs.password-needed")) from None
            # obs-websocket closes with 4009 on a wrong password; obsws-python turns that
            # close into "failed to identify client".
            raise ObsAuthError(Said("obs.password-refused")) from None
        except (
            TimeoutError,
            ConnectionError,
            websocket.WebSocketTimeoutException,
            websocket.WebSocketConnectionClosedException,
        ):
            # An OBS still starting (loading its scenes) says Hello but is slow to identify:
            # worth trying again, not written off as incompatible.
            _discard(client.ws)
            raise ObsUnreachableError(
                Said("obs.still-starting", self._where(), f"{self.timeout:g}")
            ) from None
        except (OSError, websocket.WebSocketException, ValueError, KeyError) as error:
            _discard(client.ws)
            raise ObsIncompatibleError(
                Said("obs.identify-unexpected", self._where(), type(error).__name__)
            ) from None
        return client

    def _connect_requests(self, password: str) -> Any:
        return _IdentifiedReqClient(self._open(password, 0))

    def _read_versions(self) -> Versions:
        data = self.request("GetVersion")
        versions = Versions(
            obs=str(data.get("obsVersion", "?")),
            websocket=str(data.get("obsWebSocketVersion", "?")),
            rpc=int(data.get("rpcVersion", 0)),
            platform=str(data.get("platform", "")),
            image_formats=tuple(data.get("supportedImageFormats", ())),
        )
        if _major(versions.websocket) < 5 or versions.rpc < 1:
            raise ObsIncompatibleError(Said("obs.too-old", versions.websocket))
        return versions

    def _connect_events(self, password: str) -> Any:
        return self._open(password, EVENT_SUBSCRIPTIONS)

    # --- events ---------------------------------------------------------------------------

    def _read_events(self, on_event: EventSink, on_closed: ClosedSink) -> None:
        """Event thread: read frames until the connection ends, then say how it ended."""
        ws: websocket.WebSocket = self._events.ws
        code: int | None = None
        reason = "connection closed"
        try:
            # A short timeout lets the thread notice close() without waiting for an event.
            ws.settimeout(0.5)
            while not self._closed.is_set():
                try:
                    opcode, frame = ws.recv_data_frame(True)
                except websocket.WebSocketTimeoutException:
                    continue
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    data = frame.data or b""
                    if len(data) >= 2:
                        code = struct.unpack("!H", data[:2])[0]
                        reason = data[2:].decode("utf-8", "replace") or f"closed with {code}"
                    break
                if opcode != websocket.ABNF.OPCODE_TEXT:
                    continue
                message = json.loads(frame.data)
                if message.get("op") == 5:
                    payload = message.get("d", {})
                    on_event(str(payload.get("eventType")), payload.get("eventData") or {})
        except (OSError, websocket.WebSocketException) as error:
            reason = f"{type(error).__name__}"
        except Exception as error:
            reason = f"unreadable event: {type(error).__name__}"
        finally:
            if not self._closed.is_set():
                on_closed(code, reason)

    @property
    def events_alive(self) -> bool:
        return self._reader.is_alive()

    # --- requests -------------------------------------------------------------------------

    def request(self, request_type: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one request and return its response data; raises ObsError subclasses."""
        try:
            response = self._requests.send(request_type, data, raw=True)
        except OBSSDKRequestError as error:
            raise ObsRequestError(request_type, error.code, _comment(error)) from None
        except OBSSDKTimeoutError:
            raise ObsConnectionLostError(
                Said("obs.request-timeout", request_type, f"{self.timeout:g}")
            ) from None
        except (OSError, websocket.WebSocketException, ValueError, KeyError, TypeError) as error:
            raise ObsConnectionLostError(
                Said("obs.request-lost", request_type, type(error).__name__)
            ) from None
        return dict(response or {})

    def batch(
        self,
        requests: list[tuple[str, dict[str, Any]]],
        *,
        halt_on_failure: bool = False,
        realtime: bool = False,
    ) -> list[BatchResult]:
        """Send requests as one RequestBatch executed SerialFrame: they land in the same frame
        (``realtime``: SerialRealtime, at once — for reads, which need not wait for a frame).

        obsws-python has no batch call; this uses its socket under the same discipline
        (worker thread only, finite timeout, the answer's id checked).
        """
        batch_id = uuid.uuid4().hex
        payload = {
            "op": 8,
            "d": {
                "requestId": batch_id,
                "haltOnFailure": halt_on_failure,
                "executionType": EXECUTION_SERIAL_REALTIME if realtime else EXECUTION_SERIAL_FRAME,
                "requests": [{"requestType": name, "requestData": data} for name, data in requests],
            },
        }
        ws: websocket.WebSocket = self._requests.base_client.ws
        try:
            ws.send(json.dumps(payload))
            message = json.loads(ws.recv())
        except websocket.WebSocketTimeoutException:
            raise ObsConnectionLostError(
                Said("obs.batch-timeout", len(requests), f"{self.timeout:g}")
            ) from None
        except (OSError, websocket.WebSocketException, ValueError) as error:
            raise ObsConnectionLostError(Said("obs.batch-lost", type(error).__name__)) from None
        body = message.get("d", {}) if isinstance(message, dict) else {}
        if message.get("op") != 9 or body.get("requestId") != batch_id:
            raise ObsConnectionLostError(Said("obs.batch-out-of-step"))
        results = []
        for item in body.get("results", []):
            status = item.get("requestStatus", {})
            results.append(
                BatchResult(
                    request_type=str(item.get("requestType", "")),
                    ok=bool(status.get("result")),
                    code=int(status.get("code", 0)),
                    comment=str(status.get("comment") or ""),
                    data=dict(item.get("responseData") or {}),
                )
            )
        return results

    # --- ending ---------------------------------------------------------------------------

    def abort(self) -> None:
        """Break both sockets from any thread, so a blocked request returns at once."""
        self._closed.set()
        for client in (self._requests.base_client, self._events):
            sock = getattr(client.ws, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(2)

    def close(self) -> None:
        self._closed.set()
        # The event socket is shut down without a close handshake: its reader thread is the
        # only one allowed to read from it.
        for closer in (self._requests.disconnect, self._events.ws.shutdown):
            with contextlib.suppress(Exception):  # closing a dead socket may fail any way
                closer()
        # The reader hands events to the loop; it must be gone before the loop may close.
        if threading.current_thread() is not self._reader:
            self._reader.join(2.0)


class _ClosingObsClient(obsws_python.baseclient.ObsClient):  # type: ignore[misc]
    """obsws-python's base client, closing its socket when the handshake fails part-way
    (obsws-python 1.8.0 leaves it open)."""

    def __init__(self, **kwargs: Any) -> None:
        try:
            super().__init__(**kwargs)
        except BaseException:
            ws = getattr(self, "ws", None)
            if ws is not None:
                _discard(ws)
            raise


class _IdentifiedReqClient(obsws_python.ReqClient):  # type: ignore[misc]
    """obsws-python's request client over a base client this module already identified.

    ReqClient's own constructor connects and identifies in one step, which loses the socket
    when identifying fails; everything else (``send``) is used as obsws-python ships it.
    """

    def __init__(self, base_client: Any) -> None:
        self.logger = logging.getLogger("obsws_python.reqs.ReqClient")
        self.base_client = base_client


def _discard(ws: Any) -> None:
    """Close a websocket in any state: websocket-client's close() skips a socket whose
    handshake never completed, shutdown() does not."""
    with contextlib.suppress(Exception):
        ws.close(timeout=0.2)
    with contextlib.suppress(Exception):
        ws.shutdown()


def _comment(error: OBSSDKRequestError) -> str | None:
    text = str(error)
    marker = "With message: "
    return text.split(marker, 1)[1] if marker in text else None
