"""The control API for Companion, Stream Deck and scripts, on the app's own asyncio loop.

JSON in, JSON out under /api/v1; a Server-Sent Events stream of state at /api/v1/events;
a read-only web presenter view at /presenter. Bound to 127.0.0.1 by default; bound to any
other interface it requires a bearer token, and a request without it changes nothing.

It serves only its own: a request naming another host (DNS rebinding) is refused; a
state-changing request needs ``Content-Type: application/json`` (body-less ones too, which
no HTML form can send) and is refused when its Origin is another site; no CORS is granted.
Every body is checked at the door (valid Unicode, finite numbers, bounded nesting); every
error is a JSON answer with a 4xx status.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
import math
import socket
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import web

from hostconsole.adapters.obs.errors import ObsError, ObsNotConnectedError
from hostconsole.domain.said import Said
from hostconsole.remote.guard import (
    MAX_CONNECTIONS,
    MIN_TOKEN_LENGTH,
    GuardedRunner,
    Limits,
    TokenBackoff,
    collapse_accept_errors,
    connection_limit,
)
from hostconsole.remote.state import show_body, state_json
from hostconsole.resources import resources_dir

if TYPE_CHECKING:
    from hostconsole.services.show import ShowSession

log = logging.getLogger(__name__)

# Inside an inline <script>, "<!--", "<script" and "</script" change how HTML reads the rest
# of the page, and U+2028/9 end a line in older JavaScript: escaped, they stay JSON text.
_SCRIPT_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_safe_json(value: object) -> str:
    """JSON that can sit inside an inline <script> whatever text it carries."""
    return json.dumps(value, ensure_ascii=False).translate(_SCRIPT_UNSAFE)


MAX_BODY = 64 * 1024
MAX_DEPTH = 32  # JSON nesting a command ever needs is 2; this bounds the parser's recursion
MAX_EVENT_CLIENTS = 64  # held event streams; more answer 503 instead of exhausting sockets
MAX_EVENT_CLIENTS_PER_ADDRESS = 16  # so that one client cannot hold them all
EVENT_SEND_BUFFER = 64 * 1024
SLOW_READER_SECONDS = 5.0  # an event stream whose reader takes longer than this is dropped
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# A refused command changed nothing; its reason decides the status.
REFUSAL_STATUS = {
    "conflict": 409,
    "not_found": 404,
    "invalid": 400,
    "unavailable": 409,
    "storage": 503,
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def json_too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text nests arrays/objects deeper than ``limit`` (strings skipped)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _reject_constant(name: str) -> Any:
    raise ApiError(400, f"{name} is not a number JSON allows")


def check_values(value: Any, where: str = "body") -> None:
    """Every text valid Unicode (no lone surrogates), every number finite."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(400, f"{where} holds text that is not valid Unicode") from None
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ApiError(400, f"{where} holds a number out of range")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_values(key, where)
            check_values(item, f"'{key}'" if isinstance(key, str) and key.isascii() else where)
    elif isinstance(value, list):
        for item in value:
            check_values(item, where)


def _token_matches(supplied: str, expected: str) -> bool:
    # Bytes, so a token with non-ASCII characters is a mismatch rather than a TypeError.
    return hmac.compare_digest(
        supplied.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape")
    )


def check_token(token: str | None) -> None:
    """ValueError, with what to do, unless the token can guard the API beyond loopback."""
    if not token:
        raise ValueError("the control API needs a token when bound beyond this computer")
    if len(token) < MIN_TOKEN_LENGTH:
        raise ValueError(
            f"the control API's token is {len(token)} characters; beyond this computer it "
            f"needs at least {MIN_TOKEN_LENGTH} (Settings → Control API → Generate a new token)"
        )


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class StateBroadcast:
    """The state, serialised once per change (at most ten times a second, at least once a
    second) and shared by every event-stream client and GET: a hundred tablets cost one
    state, not a hundred."""

    FRESH = 0.1  # seconds a serialised state is served as it is

    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.version = 0
        self.payload = b""
        self._built_at = float("-inf")
        self._stale = True  # the show changed since the last serialisation
        self._wake = asyncio.Event()  # wakes the event streams' publisher
        self._published = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        session.add_listener(self._changed)

    def _changed(self, _topic: str) -> None:
        self._stale = True
        self._wake.set()

    def current(self) -> bytes:
        """The state as JSON, rebuilt only when the last one is older than FRESH."""
        now = time.monotonic()
        if self._stale or now - self._built_at >= self.FRESH:
            self._stale = False
            self.payload = json.dumps(state_json(self.session), ensure_ascii=False).encode()
            self._built_at = now
            self.version += 1
        return self.payload

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="state-events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 1.0)
            self._wake.clear()
            self._stale = True  # a change, or a second gone by: a new state
            self.current()
            async with self._published:
                self._published.notify_all()
            await asyncio.sleep(self.FRESH)

    async def newer_than(self, seen: int) -> tuple[int, bytes]:
        """The next state after version ``seen`` (at once if there is one already)."""
        async with self._published:
            await self._published.wait_for(lambda: self.version > seen)
        return self.version, self.payload


class ControlApi:
    def __init__(
        self,
        session: ShowSession,
        host: str,
        port: int,
        token: str | None,
        limits: Limits | None = None,
    ) -> None:
        self.session = session
        self.host = host
        self.port = port
        self.token = token if not is_loopback(host) else None
        if not is_loopback(host):
            check_token(token)
        self.runner: GuardedRunner | None = None
        self.limits = limits or Limits(max_connections=connection_limit(MAX_CONNECTIONS))
        self.backoff = TokenBackoff(self.limits)
        self.event_clients = 0
        self._event_clients_by_address: dict[str, int] = {}
        self._pages: dict[str, str] = {}
        self.broadcast = StateBroadcast(session)

    # --- server ---------------------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._errors, self._guard])
        routes = [
            web.get("/api/v1/state", self.get_state),
            web.get("/api/v1/show", self.get_show),
            web.get("/api/v1/events", self.events),
            web.post("/api/v1/go", self.go),
            web.post("/api/v1/next", self.next),
            web.post("/api/v1/previous", self.previous),
            web.post("/api/v1/goto", self.goto),
            web.post("/api/v1/pause", self.pause),
            web.post("/api/v1/resume", self.resume),
            web.post("/api/v1/time", self.time),
            web.post("/api/v1/take", self.take),
            web.post("/api/v1/arm", self.arm),
            web.post("/api/v1/points/push", self.push),
            web.post("/api/v1/points/covered", self.covered),
            web.post("/api/v1/caption", self.caption),
            web.post("/api/v1/overlays/clear", self.overlays_clear),
            web.post("/api/v1/safe", self.safe),
            web.post("/api/v1/back-on-air", self.back_on_air),
            web.post("/api/v1/stream", self.stream),
            web.post("/api/v1/clip", self.clip),
            web.post("/api/v1/record", self.record),
            web.post("/api/v1/overlays/{overlay_id}/show", self.overlay_show),
            web.post("/api/v1/overlays/{overlay_id}/hide", self.overlay_hide),
            web.post("/api/v1/message", self.message),
            web.post("/api/v1/prompter", self.prompter),
            web.post("/api/v1/prompt/dismiss", self.dismiss_prompt),
            web.get("/api/v1/questions", self.questions),
            web.post("/api/v1/questions/{question_id}/{action}", self.question),
            web.post("/api/v1/question/{action}", self.question),
            web.post("/api/v1/vouchers/correction", self.correction),
            web.post("/api/v1/preflight", self.preflight),
            web.get("/presenter", self.presenter_page),
            web.get("/cuesheet", self.cuesheet_page),
        ]
        app.add_routes(routes)
        return app

    async def start(self) -> int:
        collapse_accept_errors()
        self.runner = GuardedRunner(
            self.application(), self.limits, access_log=None, shutdown_timeout=0.5
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            self.port = int(server.sockets[0].getsockname()[1])
        on = "log.api-on-token" if self.token else "log.api-on-loopback"
        log.info("%s", Said(on, self.host, self.port))
        return self.port

    async def cleanup(self) -> None:
        await self.broadcast.stop()
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    def set_token(self, token: str | None) -> None:
        """A new token takes effect at once: the old one is refused from the next request."""
        if is_loopback(self.host):
            return  # on loopback no token is asked for
        check_token(token)
        assert token is not None
        self.token = token
        log.info("%s", Said("log.api-token-replaced"))

    # --- who may ask ------------------------------------------------------------------------

    def host_allowed(self, header: str) -> bool:
        """The Host header names this server: its port, and a name of this computer (an IP
        address, localhost or its own host name), never a stranger's domain (DNS rebinding)."""
        try:
            parts = urlsplit(f"//{header}")
            name, port = (parts.hostname or ""), parts.port
        except ValueError:
            return False
        if port is None or port != self.port:
            return False
        if name in ("localhost", "localhost."):
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            pass
        else:
            if is_loopback(self.host):
                return address.is_loopback
            return True  # beyond loopback every request carries the token anyway
        if is_loopback(self.host):
            return False
        names = {self.host.lower(), socket.gethostname().lower()}
        names |= {f"{n}.local" for n in list(names)}
        with contextlib.suppress(OSError):
            names.add(socket.getfqdn().lower())
        return name.lower().rstrip(".") in names

    def origin_allowed(self, request: web.Request) -> bool:
        """A browser's request from another site (Origin or Sec-Fetch-Site says so)."""
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            return False
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser's cross-site request (Companion, curl, scripts)
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        if parts.scheme != "http" or not parts.netloc:
            return False  # "null" (sandboxed pages, file://) and everything else
        return self.host_allowed(parts.netloc)

    # --- middlewares ------------------------------------------------------------------------

    @web.middleware
    async def _errors(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every failure is a JSON error with a 4xx/5xx status, never a traceback page."""
        try:
            return await handler(request)
        except ApiError as error:
            return web.json_response({"error": str(error)}, status=error.status)
        except web.HTTPRequestEntityTooLarge:
            return web.json_response(
                {"error": f"the body is larger than {MAX_BODY // 1024} KB"}, status=413
            )
        except web.HTTPException as error:
            if error.status < 400:
                raise
            return web.json_response({"error": error.reason}, status=error.status)
        except ObsNotConnectedError as error:
            return web.json_response({"error": str(error)}, status=409)
        except ObsError as error:
            return web.json_response({"error": f"OBS: {error}"}, status=502)
        except (ConnectionError, asyncio.CancelledError):
            raise
        except Exception:
            # A fault of the console's own, not of the request: logged with its traceback
            # (collapsed when repeated), answered as JSON.
            log.exception("%s", Said("log.api-failed", request.method, request.path))
            return web.json_response({"error": "internal error; see the log"}, status=500)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Host, origin, content type and token, before any handler runs."""
        if not self.host_allowed(request.headers.get("Host", "")):
            raise ApiError(421, "this server does not answer for that host name")
        if request.method == "OPTIONS":
            # CORS pre-flight: no cross-origin access is granted, to anyone.
            raise ApiError(403, "cross-origin requests are not accepted")
        if self.token is not None:
            address = request.remote or "?"
            wait = self.backoff.wait_for(address)
            if wait > 0:
                raise ApiError(429, f"too many wrong tokens; try again in {math.ceil(wait)} s")
            supplied = request.headers.get("Authorization", "")
            query = request.query.get("token", "")
            if not (
                _token_matches(supplied, f"Bearer {self.token}")
                or (query and _token_matches(query, self.token))
            ):
                self.backoff.failed(address)
                raise ApiError(401, "a bearer token is required (see Settings → Control API)")
            self.backoff.succeeded(address)
        if request.method in STATE_CHANGING:
            if not self.origin_allowed(request):
                raise ApiError(403, "requests from other web sites are not accepted")
            if request.content_type != "application/json":
                raise ApiError(415, "send Content-Type: application/json (also with an empty body)")
        elif request.path.startswith("/api/") and not self.origin_allowed(request):
            raise ApiError(403, "requests from other web sites are not accepted")
        return await handler(request)

    # --- helpers ----------------------------------------------------------------------------

    def origin(self, request: web.Request) -> str:
        peer = request.remote or "?"
        return f"control-api:{peer}"

    async def body(self, request: web.Request, required: bool = False) -> dict[str, Any]:
        if not request.can_read_body:
            if required:
                raise ApiError(400, "a JSON body is required")
            return {}
        if request.content_type != "application/json":
            raise ApiError(415, "send JSON with Content-Type: application/json")
        seconds = self.limits.body_seconds
        try:
            raw = await asyncio.wait_for(request.read(), seconds)
        except TimeoutError:
            raise ApiError(408, f"the body did not arrive within {seconds:g} s") from None
        if not raw.strip():
            if required:
                raise ApiError(400, "a JSON body is required")
            return {}
        if json_too_deep(raw):
            raise ApiError(400, f"the body nests deeper than {MAX_DEPTH} levels")
        try:
            data = json.loads(raw, parse_constant=_reject_constant)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise ApiError(400, "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise ApiError(400, "the body must be a JSON object")
        check_values(data)
        return data

    def ok(self, **extra: Any) -> web.Response:
        return web.json_response({"ok": True, **extra, "state": state_json(self.session)})

    # --- endpoints --------------------------------------------------------------------------

    async def get_show(self, request: web.Request) -> web.Response:
        """The show's static part (segments, titles, notes), with an ETag: a client asks
        again with If-None-Match and gets 304 while it has not changed."""
        body = show_body(self.session)
        etag = f'"{body.version}"'
        headers = {"ETag": etag, "Vary": "Accept-Encoding"}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return web.Response(body=body.gzipped, content_type="application/json", headers=headers)
        return web.Response(body=body.json, content_type="application/json", headers=headers)

    async def get_state(self, request: web.Request) -> web.Response:
        return web.Response(body=self.broadcast.current(), content_type="application/json")

    async def events(self, request: web.Request) -> web.StreamResponse:
        """State on every change (at most 10 a second) and at least once a second."""
        if self.event_clients >= MAX_EVENT_CLIENTS:
            raise ApiError(
                503, f"already {MAX_EVENT_CLIENTS} event streams open; close one and retry"
            )
        address = request.remote or "?"
        held = self._event_clients_by_address.get(address, 0)
        if held >= MAX_EVENT_CLIENTS_PER_ADDRESS:
            raise ApiError(
                429,
                f"already {MAX_EVENT_CLIENTS_PER_ADDRESS} event streams open from {address}; "
                "close one and retry",
            )
        self.event_clients += 1
        self._event_clients_by_address[address] = held + 1
        try:
            return await self._stream_events(request)
        finally:
            self.event_clients -= 1
            left = self._event_clients_by_address.get(address, 1) - 1
            if left > 0:
                self._event_clients_by_address[address] = left
            else:
                self._event_clients_by_address.pop(address, None)

    async def _stream_events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        # A small send buffer: a reader that stops reading is noticed (the write waits) after
        # a few states, not after megabytes held for it by the kernel.
        sock = request.transport.get_extra_info("socket") if request.transport else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, EVENT_SEND_BUFFER)
        self.broadcast.start()
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            payload = self.broadcast.current()
            version = self.broadcast.version
            while True:
                try:
                    await asyncio.wait_for(
                        response.write(b"event: state\ndata: " + payload + b"\n\n"),
                        SLOW_READER_SECONDS,
                    )
                except TimeoutError:
                    # A reader that does not read holds a socket and memory: let it go (an
                    # EventSource reconnects and gets the state afresh).
                    log.info("%s", Said("log.api-dropped-stream"))
                    if request.transport is not None:
                        request.transport.abort()
                    break
                version, payload = await self.broadcast.newer_than(version)
        return response

    async def command(self, request: web.Request, kind: str, **args: Any) -> web.Response:
        """Run one command on the show engine's queue and answer with its result."""
        result = await self.session.execute(kind, self.origin(request), **args)
        # The answer comes once the on-air log and the command log hold the command: a
        # caller (Companion, a script, the evidence) may read them the moment it is told.
        await self.session.written()
        if result.refused is not None:
            raise ApiError(REFUSAL_STATUS.get(result.refused, 409), result.detail)
        extra: dict[str, Any] = {"result": result.detail}
        if "program" in result.data:  # Take answers with the scene now on program
            extra["program"] = result.data["program"]
        if "prompter" in result.data:
            extra["prompter"] = result.data["prompter"]
        if result.cue is not None or kind in ("go", "next", "previous"):
            cue = result.cue
            extra["cue"] = None if cue is None else {"ok": cue.ok, "problems": cue.problems}
        return self.ok(**extra) if result.ok else self.failed(result.detail, **extra)

    def failed(self, detail: str, **extra: Any) -> web.Response:
        """The command ran but OBS refused part of it (or a file could not be written)."""
        return web.json_response(
            {"ok": False, "error": detail, **extra, "state": state_json(self.session)},
            status=502,
        )

    async def go(self, request: web.Request) -> web.Response:
        body = await self.body(request)
        # Its type is checked at the engine's door (services/arguments.py), as for every caller.
        return await self.command(request, "go", segment=body.get("segment"))

    async def next(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "next")

    async def previous(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "previous")

    async def goto(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        if body.get("segment") is None:  # without one, GO would take the next segment
            raise ApiError(400, "goto needs a 'segment' (a segment id)")
        return await self.command(request, "go", segment=body["segment"])

    async def pause(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "pause")

    async def resume(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "resume")

    async def time(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        return await self.command(request, "time", seconds=body.get("seconds"))

    async def take(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "take")

    async def arm(self, request: web.Request) -> web.Response:
        """{"segment": id} — GO takes that segment next; {"segment": null} disarms."""
        body = await self.body(request)
        return await self.command(request, "arm", segment=body.get("segment"))

    async def push(self, request: web.Request) -> web.Response:
        """{"point": id} — the talking point to the presenter's screen; null takes it off."""
        body = await self.body(request)
        return await self.command(request, "push", point=body.get("point"))

    async def covered(self, request: web.Request) -> web.Response:
        """{"point": id, "covered": true | false} — ticked off on the presenter's list."""
        body = await self.body(request, required=True)
        return await self.command(
            request, "covered", point=body.get("point"), covered=body.get("covered", True)
        )

    async def caption(self, request: web.Request) -> web.Response:
        """{"point": id} — the talking point on air as the caption; null hides it."""
        body = await self.body(request)
        return await self.command(request, "caption", point=body.get("point"))

    async def _overlay(self, request: web.Request, visible: bool) -> web.Response:
        await self.body(request)
        overlay_id = request.match_info["overlay_id"]
        check_values(overlay_id, "the overlay id")
        return await self.command(request, "overlay", overlay=overlay_id, visible=visible)

    async def overlays_clear(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "clear-graphics")

    async def safe(self, request: web.Request) -> web.Response:
        """Off air in one press: {"on": false} is Back on air; no body switches (the key)."""
        body = await self.body(request)
        return await self.command(request, "safe", on=body.get("on"))

    async def back_on_air(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "safe", on=False)

    async def clip(self, request: web.Request) -> web.Response:
        """{"what": "the moment's name"} (optional): a clip of now from the replay buffer."""
        body = await self.body(request)
        return await self.command(request, "clip", what=body.get("what", ""))

    async def stream(self, request: web.Request) -> web.Response:
        """{"on": true} starts streaming; {"on": false, "confirm": true} stops it (a stop
        while a segment is on air is refused without the confirmation)."""
        body = await self.body(request, required=True)
        return await self.command(
            request, "stream", on=body.get("on"), confirm=body.get("confirm", False)
        )

    async def record(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        return await self.command(
            request, "record", on=body.get("on"), confirm=body.get("confirm", False)
        )

    async def overlay_show(self, request: web.Request) -> web.Response:
        return await self._overlay(request, True)

    async def overlay_hide(self, request: web.Request) -> web.Response:
        return await self._overlay(request, False)

    async def message(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        return await self.command(
            request, "message", text=body.get("text", ""), blink=body.get("blink", False)
        )

    async def prompter(self, request: web.Request) -> web.Response:
        """{"action": "start" | "stop" | "toggle" | "faster" | "slower" | "bigger" | "smaller"
        | "back" | "forward" | "previous-marker" | "next-marker" | "segment" | "top" | "show"
        | "hide", "segment": id (for "segment")} — a presenter clicker or a Stream Deck."""
        body = await self.body(request, required=True)
        args: dict[str, Any] = {"action": body.get("action")}
        if "segment" in body:
            args["segment"] = body.get("segment")
        return await self.command(request, "prompter", **args)

    async def dismiss_prompt(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "prompt", action="dismiss")

    async def questions(self, request: web.Request) -> web.Response:
        """Viewers' questions, newest first (dismissed ones left out)."""
        listed = self.session.questions.listed()
        return web.json_response({"questions": [q.to_json() for q in listed[:100]]})

    async def question(self, request: web.Request) -> web.Response:
        """approve | dismiss | present | on-air a question by id; /question/withdraw and
        /question/off-air take the one shown off."""
        await self.body(request)
        args: dict[str, Any] = {"action": request.match_info["action"]}
        if "question_id" in request.match_info:
            args["id"] = request.match_info["question_id"]
        return await self.command(request, "question", **args)

    async def correction(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        result = await self.session.execute(
            "correction",
            self.origin(request),
            amount=body.get("amount"),
            reason=body.get("reason"),
        )
        if result.refused is not None:
            raise ApiError(REFUSAL_STATUS.get(result.refused, 409), result.detail)
        return self.ok(count=self.session.counter.count)

    async def preflight(self, request: web.Request) -> web.Response:
        body = await self.body(request)
        result = await self.session.execute(
            "preflight", self.origin(request), create=body.get("create", False)
        )
        if result.refused is not None:
            raise ApiError(REFUSAL_STATUS.get(result.refused, 409), result.detail)
        if "preflight" not in result.data:
            raise ApiError(502, result.detail)
        preflight = result.data["preflight"]
        return web.json_response(
            {
                "ok": not preflight.failed,
                "missing": preflight.report.lines(),
                "created": preflight.created,
                "failed": preflight.failed,
                "warnings": result.data.get("warnings", []),
            }
        )

    async def presenter_page(self, request: web.Request) -> web.Response:
        return self._page_with_state("presenter.html")

    async def cuesheet_page(self, request: web.Request) -> web.Response:
        """The run sheet for the floor manager's tablet: read-only, live."""
        return self._page_with_state("cuesheet.html")

    def _page_with_state(self, name: str) -> web.Response:
        page = self._pages.get(name)
        if page is None:
            page = (resources_dir() / "web" / name).read_text(encoding="utf-8")
            self._pages[name] = page
        # The state at load time is in the page, so it draws at once; the stream keeps it live.
        initial = script_safe_json(state_json(self.session))
        html = page.replace("/*INITIAL_STATE*/null", initial)
        return web.Response(text=html, content_type="text/html", charset="utf-8")
