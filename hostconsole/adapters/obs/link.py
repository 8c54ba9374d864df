"""The supervised OBS link: honest connection state, reconnect and re-sync, and commands.

Runs on the asyncio loop. Every call into obsws-python goes through one worker thread
(``ThreadPoolExecutor(max_workers=1)``) with a finite timeout; events come back from the
session's reader thread with ``loop.call_soon_threadsafe``. After any timeout or connection
error the whole session is discarded and a new one connected.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import msgspec

from hostconsole.adapters.obs.errors import ObsNotConnectedError
from hostconsole.adapters.obs.session import (
    CLOSE_SESSION_INVALIDATED,
    BatchResult,
    ObsAuthError,
    ObsConnectionLostError,
    ObsError,
    ObsIncompatibleError,
    ObsRequestError,
    ObsSession,
)
from hostconsole.adapters.obs.status import STOPPED_STATES, LinkState, LinkStatus
from hostconsole.domain.announcer import Announcer
from hostconsole.domain.said import Said, told
from hostconsole.domain.stream_watch import Reading

log = logging.getLogger(__name__)

__all__ = ["LinkState", "LinkStatus", "ObsLink", "ObsNotConnectedError", "ObsSettings"]

T = TypeVar("T")


class ObsSettings(msgspec.Struct, frozen=True):
    host: str = "127.0.0.1"
    port: int = 4455
    request_timeout: float = 2.0
    heartbeat_interval: float = 0.5
    heartbeat_timeout: float = 1.2
    backoff_first: float = 0.25
    backoff_cap: float = 2.0


class Correction(msgspec.Struct, frozen=True):
    """Something OBS had different from what the console put on air, and was set back."""

    what: str
    found: str
    restored: str

    def __str__(self) -> str:
        return f"{self.what}: OBS had {self.found}, restored {self.restored}"


class ResyncReport(msgspec.Struct, frozen=True):
    program_scene: str | None
    preview_scene: str | None
    studio_mode: bool
    streaming: bool
    recording: bool
    corrections: tuple[Correction, ...]
    failures: tuple[str, ...] = ()
    canvas: tuple[int, int] | None = None  # OBS's base canvas (width, height)


class SceneItem(msgspec.Struct, frozen=True):
    source: str
    item_id: int
    enabled: bool
    input_kind: str | None


class Scene(msgspec.Struct, frozen=True):
    name: str
    items: tuple[SceneItem, ...]


class OwnedRecord(msgspec.Struct):
    """What the console has put on air: re-applied after a reconnect."""

    texts: dict[str, str] = msgspec.field(default_factory=dict)
    images: dict[str, str] = msgspec.field(default_factory=dict)
    visibility: dict[tuple[str, str], bool] = msgspec.field(default_factory=dict)
    # Microphones SAFE holds muted (re-muted after a reconnect); Back on air lets go of them,
    # so a re-sync never opens a microphone the producer muted by hand.
    mutes: dict[str, bool] = msgspec.field(default_factory=dict)


StatusListener = Callable[[LinkStatus], None]
EventListener = Callable[[str, dict[str, Any]], None]
ResyncListener = Callable[[ResyncReport], None]
# One request OBS confirmed that changes what is on air (a graphic's file, a visibility, the
# program scene): told to the evidence record (services/show/aired.py).
SentListener = Callable[[str, dict[str, Any]], None]
ON_AIR_REQUESTS = frozenset({"SetInputSettings", "SetSceneItemEnabled", "SetCurrentProgramScene"})


class ObsLink:
    """Keeps one session to OBS alive and tells the truth about it."""

    def __init__(
        self,
        settings: ObsSettings,
        password: Callable[[], str | None],
    ) -> None:
        self.settings = settings
        self._password = password
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="obs-worker")
        self._status = LinkStatus(LinkState.DISCONNECTED, Said("obs.not-started"))
        self._session: ObsSession | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._waiting_for_request = False  # stopped: only reconnect_now() leaves it
        self._lost = asyncio.Event()
        self._lost_reason = ""
        self._kicked = False
        self._session_token: object | None = None
        self._in_flight = 0
        self._item_ids: dict[tuple[str, str], int] = {}
        # (scene, item id) → source, never cleared: the answer to a batch is matched to the
        # sources it set even when an OBS event emptied the id cache meanwhile (ids are not
        # reused by OBS).
        self._item_sources: dict[tuple[str, int], str] = {}
        self._reread_program: asyncio.Task[None] | None = None  # after a collection switch
        self._waiters: list[
            tuple[str, Callable[[dict[str, Any]], bool], asyncio.Future[dict[str, Any]]]
        ] = []
        # A listener that raises is logged and skipped: it never stops the supervisor.
        self._status_changed: Announcer[LinkStatus] = Announcer("the OBS connection state")
        self._events: Announcer[tuple[str, dict[str, Any]]] = Announcer("an OBS event")
        self._event_wrappers: dict[EventListener, Callable[[tuple[str, dict[str, Any]]], None]] = {}
        self._resynced: Announcer[ResyncReport] = Announcer("an OBS re-sync")
        self._sent_listeners: list[SentListener] = []
        self.owned = OwnedRecord()
        self.program_scene: str | None = None
        self.preview_scene: str | None = None
        self.studio_mode = False
        self.streaming = False
        self.recording = False
        self.replay_buffer = False  # OBS's replay buffer is running: clips can be saved
        self.last_resync: ResyncReport | None = None
        # OBS's base canvas, read at every (re)connect and pre-flight: graphics are laid out
        # and drawn for it (16:9 or 9:16).
        self.canvas: tuple[int, int] = (1920, 1080)

    # --- observing ------------------------------------------------------------------------

    @property
    def status(self) -> LinkStatus:
        return self._status

    @property
    def connected(self) -> bool:
        return self._status.state is LinkState.CONNECTED

    @property
    def waiting_for_request(self) -> bool:
        """Stopped (password refused, kicked, too old) and trying nothing until asked."""
        return self._waiting_for_request

    def add_status_listener(self, listener: StatusListener) -> None:
        self._status_changed.connect(listener)

    def add_event_listener(self, listener: EventListener) -> None:
        def wrapper(event: tuple[str, dict[str, Any]]) -> None:
            listener(*event)

        wrapper.__qualname__ = getattr(listener, "__qualname__", repr(listener))
        self._event_wrappers[listener] = wrapper
        self._events.connect(wrapper)

    def remove_event_listener(self, listener: EventListener) -> None:
        self._events.disconnect(self._event_wrappers.pop(listener))

    def add_sent_listener(self, listener: SentListener) -> None:
        self._sent_listeners.append(listener)

    def _tell_sent(self, name: str, data: dict[str, Any]) -> None:
        if name == "SetSceneItemEnabled" and "sourceName" not in data:
            key = (str(data.get("sceneName")), int(data.get("sceneItemId", -1)))
            data = {**data, "sourceName": self._item_sources.get(key)}
        for listener in list(self._sent_listeners):
            try:
                listener(name, data)
            except Exception:  # a record that failed never fails what went on air
                log.exception("%s", Said("log.listener-failed"))

    def add_resync_listener(self, listener: ResyncListener) -> None:
        self._resynced.connect(listener)

    def _set_status(self, status: LinkStatus) -> None:
        if status == self._status:
            return
        self._status = status
        log.info("%s", Said("log.obs-state", status.state.value, status.message))
        self._status_changed.emit(status)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        if self._supervisor is None or self._supervisor.done():
            self._supervisor = asyncio.get_running_loop().create_task(
                self._supervise(), name="obs-supervisor"
            )

    async def stop(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
            try:
                await self._supervisor
            except asyncio.CancelledError:
                pass
            except RuntimeError as error:
                # Seen rarely in the test suite's fixture teardown: qasync stepped the
                # cancelled supervisor outside a running loop ("no running event loop").
                # Whatever it was doing, the session below is still dropped and closed.
                log.warning("%s", Said("log.supervisor-irregular", error))
            self._supervisor = None
        await self._drop_session()
        # Wait for the worker: a call finishing after the loop closed would post into it.
        executor = self._executor
        await asyncio.get_running_loop().run_in_executor(
            None, lambda: executor.shutdown(wait=True, cancel_futures=True)
        )
        self._set_status(LinkStatus(LinkState.DISCONNECTED, Said("obs.stopped")))

    def password_changed(self) -> None:
        """A new password was stored: try again, also after an authentication failure."""
        self.reconnect_now()

    def reconnect_now(self) -> None:
        """Leave a stopped state (auth failed, kicked, incompatible) or skip a backoff wait."""
        self._kicked = False
        if self._status.state in STOPPED_STATES:
            self._set_status(LinkStatus(LinkState.DISCONNECTED, Said("obs.retrying")))
        self._wake.set()

    # --- the supervisor -------------------------------------------------------------------

    async def _supervise(self) -> None:
        attempt = 0
        while True:
            if self._status.state in STOPPED_STATES:
                self._wake.clear()
                self._waiting_for_request = True
                try:
                    await self._wake.wait()
                finally:
                    self._waiting_for_request = False
                attempt = 0
                continue
            self._set_status(
                LinkStatus(
                    LinkState.CONNECTING if attempt == 0 else LinkState.RECONNECTING,
                    Said("obs.connecting", self._where())
                    if attempt == 0
                    else Said("obs.attempt", attempt, self._where()),
                    attempt=attempt,
                )
            )
            try:
                session = await self._connect()
            except ObsAuthError as error:
                self._set_status(LinkStatus(LinkState.AUTH_FAILED, told(error)))
                continue
            except ObsIncompatibleError as error:
                self._set_status(LinkStatus(LinkState.INCOMPATIBLE, told(error)))
                continue
            except ObsError as error:
                attempt += 1
                await self._back_off(attempt, told(error))
                continue
            try:
                report = await self._resync(session)
            except ObsError as error:
                await self._drop_session()
                attempt += 1
                await self._back_off(attempt, Said("obs.resync-failed", told(error)))
                continue
            attempt = 0
            versions = session.versions
            self._set_status(
                LinkStatus(
                    LinkState.CONNECTED,
                    Said("obs.versions", versions.obs, versions.websocket),
                    versions=versions,
                )
            )
            self.last_resync = report
            self._resynced.emit(report)
            reason = await self._watch(session)
            await self._drop_session()
            if self._kicked:
                self._set_status(
                    LinkStatus(
                        LinkState.KICKED,
                        Said("obs.kicked"),
                    )
                )
                continue
            attempt = 1
            self._set_status(
                LinkStatus(LinkState.RECONNECTING, Said("obs.lost", reason), attempt=attempt)
            )

    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    async def _back_off(self, attempt: int, reason: str) -> None:
        delay = min(self.settings.backoff_first * 2 ** (attempt - 1), self.settings.backoff_cap)
        self._set_status(
            LinkStatus(
                LinkState.RECONNECTING,
                reason,
                attempt=attempt,
                retry_at=time.monotonic() + delay,
            )
        )
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), delay)

    async def _connect(self) -> ObsSession:
        loop = asyncio.get_running_loop()
        self._lost.clear()
        self._lost_reason = ""
        self._kicked = False
        token = object()
        self._session_token = token

        def on_event(event_type: str, data: dict[str, Any]) -> None:
            loop.call_soon_threadsafe(self._on_event, token, event_type, data)

        def on_closed(code: int | None, reason: str) -> None:
            loop.call_soon_threadsafe(self._on_closed, token, code, reason)

        settings = self.settings
        read_password = self._password

        def build() -> ObsSession:
            # Read here, on the worker, once per attempt: a locked keyring that prompts
            # must not stall the loop (and so the UI).
            try:
                password = read_password() or ""
            except Exception as error:
                raise ObsAuthError(Said("obs.password-unreadable", str(error))) from None
            return ObsSession(
                settings.host,
                settings.port,
                password,
                settings.request_timeout,
                on_event,
                on_closed,
            )

        # Connecting makes two websocket handshakes and a GetVersion, each bounded by the
        # request timeout inside obsws-python; the outer bound is a backstop.
        future = loop.run_in_executor(self._executor, build)
        try:
            session = await asyncio.wait_for(
                asyncio.shield(future), settings.request_timeout * 3 + 1
            )
        except TimeoutError:
            future.add_done_callback(_close_if_built)
            raise ObsConnectionLostError(Said("obs.too-long")) from None
        self._item_ids.clear()
        self._session = session
        return session

    async def _watch(self, session: ObsSession) -> str:
        """Return why the session ended: closed by OBS, dead event thread, failed heartbeat."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._lost.wait(), self.settings.heartbeat_interval)
            if self._lost.is_set():
                return self._lost_reason
            if not session.events_alive:
                return Said("obs.event-connection-ended")
            if self._in_flight:
                # A command is on the worker; its own timeout catches a dead OBS, and a
                # heartbeat queued behind it would time out for the wrong reason.
                continue
            try:
                data = await self._run(
                    session,
                    lambda s: s.request("GetStudioModeEnabled"),
                    self.settings.heartbeat_timeout,
                )
            except ObsRequestError:
                continue
            except ObsError as error:
                return Said("obs.no-heartbeat", told(error))
            self.studio_mode = bool(data.get("studioModeEnabled"))

    def _declare_lost(self, session: ObsSession, reason: str) -> None:
        if self._session is session and not self._lost.is_set():
            self._lost_reason = reason
            self._lost.set()
            # Unblock the worker at once if it is waiting on this session's socket.
            session.abort()

    async def _drop_session(self) -> None:
        session, self._session = self._session, None
        self._item_ids.clear()
        if session is None:
            return
        session.abort()
        loop = asyncio.get_running_loop()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(loop.run_in_executor(self._executor, session.close), 2.0)
        for _, _, future in self._waiters:
            if not future.done():
                future.set_exception(ObsConnectionLostError(Said("obs.connection-lost")))
        self._waiters.clear()

    # --- events from the reader thread (on the loop) ---------------------------------------

    def _on_event(self, token: object, event_type: str, data: dict[str, Any]) -> None:
        if token is not self._session_token:
            return
        if event_type == "CurrentProgramSceneChanged":
            self.program_scene = data.get("sceneName")
        elif event_type == "CurrentPreviewSceneChanged":
            self.preview_scene = data.get("sceneName")
        elif event_type == "StudioModeStateChanged":
            self.studio_mode = bool(data.get("studioModeEnabled"))
            if not self.studio_mode:
                self.preview_scene = None
        elif event_type == "StreamStateChanged":
            self.streaming = bool(data.get("outputActive"))
        elif event_type == "RecordStateChanged":
            self.recording = bool(data.get("outputActive"))
        elif event_type == "ReplayBufferStateChanged":
            self.replay_buffer = bool(data.get("outputActive"))
        elif event_type == "SceneItemRemoved":
            # Only that item's id is stale (a new item never changes the ids already known).
            self._item_ids.pop((str(data.get("sceneName")), str(data.get("sourceName"))), None)
        elif event_type in (
            "SceneNameChanged",
            "InputNameChanged",
            "InputRemoved",
            "SceneRemoved",
        ):
            self._item_ids.clear()
        elif event_type == "CurrentSceneCollectionChanged":
            # Other scenes, other items: nothing known of the last collection holds (the
            # session re-applies the cue on air; OBS says the new program scene itself).
            self._item_ids.clear()
            self._item_sources.clear()
            self.preview_scene = None
            self._reread_program = asyncio.get_running_loop().create_task(
                self._read_program(token), name="obs-program-after-collection"
            )
        for waited_type, predicate, future in list(self._waiters):
            if waited_type == event_type and not future.done() and predicate(data):
                future.set_result(data)
        self._waiters = [w for w in self._waiters if not w[2].done()]
        self._events.emit((event_type, data))

    async def _read_program(self, token: object) -> None:
        """The new collection's program scene, told to listeners as OBS's own event would."""
        try:
            answer = await self.request("GetCurrentProgramScene")
        except ObsError as error:
            log.info("%s", Said("log.program-not-read", told(error)))
            return
        name = answer.get("currentProgramSceneName") or answer.get("sceneName")
        if name and name != self.program_scene:
            self._on_event(token, "CurrentProgramSceneChanged", {"sceneName": name})

    def _on_closed(self, token: object, code: int | None, reason: str) -> None:
        if token is not self._session_token:
            return
        if code == CLOSE_SESSION_INVALIDATED:
            self._kicked = True
        self._lost_reason = Said("obs.closed-by-obs", reason)
        self._lost.set()

    def _expect(
        self, event_type: str, predicate: Callable[[dict[str, Any]], bool]
    ) -> asyncio.Future[dict[str, Any]]:
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiters.append((event_type, predicate, future))
        return future

    # --- running calls on the worker --------------------------------------------------------

    async def _run(
        self,
        session: ObsSession,
        call: Callable[[ObsSession], T],
        timeout: float | None = None,  # noqa: ASYNC109 - the worker call is what is bounded
    ) -> T:
        loop = asyncio.get_running_loop()
        limit = self.settings.request_timeout + 0.5 if timeout is None else timeout
        self._in_flight += 1
        try:
            return await asyncio.wait_for(
                loop.run_in_executor(self._executor, call, session), limit
            )
        except TimeoutError:
            self._declare_lost(session, Said("obs.no-answer-within", f"{limit:g}"))
            raise ObsConnectionLostError(Said("obs.did-not-answer", f"{limit:g}")) from None
        except ObsConnectionLostError as error:
            self._declare_lost(session, told(error))
            raise
        finally:
            self._in_flight -= 1

    async def call(
        self,
        call: Callable[[ObsSession], T],
        timeout: float | None = None,  # noqa: ASYNC109
    ) -> T:
        session = self._session
        if session is None or self._status.state is not LinkState.CONNECTED:
            raise ObsNotConnectedError(Said("obs.not-connected-because", self._status.message))
        return await self._run(session, call, timeout)

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return await self.call(lambda s: s.request(request_type, data))

    async def batch(
        self,
        requests: list[tuple[str, dict[str, Any]]],
        *,
        halt_on_failure: bool = False,
        realtime: bool = False,
    ) -> list[BatchResult]:
        """One RequestBatch, SerialFrame: a scene change and its overlays land together.

        What the console owns on air (re-sync puts it back) is recorded from OBS's answers:
        a request OBS refused or never answered changes nothing in that record."""
        answers = await self.call(
            lambda s: s.batch(requests, halt_on_failure=halt_on_failure, realtime=realtime)
        )
        record_confirmed(self.owned, self._item_sources, requests, answers)
        if len(answers) == len(requests):
            for (name, data), answer in zip(requests, answers, strict=True):
                if answer.ok and name in ON_AIR_REQUESTS:
                    self._tell_sent(name, data)
        return answers

    # --- commands ---------------------------------------------------------------------------

    async def list_scenes(self) -> list[Scene]:
        """Scenes in OBS's own order (top of its list first), with their items."""

        def read(session: ObsSession) -> list[Scene]:
            listing = session.request("GetSceneList")
            ordered = sorted(
                listing.get("scenes", []), key=lambda s: int(s.get("sceneIndex", 0)), reverse=True
            )
            scenes = []
            for entry in ordered:
                name = str(entry.get("sceneName"))
                items = session.request("GetSceneItemList", {"sceneName": name})
                scenes.append(
                    Scene(
                        name,
                        tuple(
                            SceneItem(
                                str(item.get("sourceName")),
                                int(item.get("sceneItemId", 0)),
                                bool(item.get("sceneItemEnabled")),
                                item.get("inputKind"),
                            )
                            for item in items.get("sceneItems", [])
                        ),
                    )
                )
            return scenes

        return await self.call(read)

    async def set_program_scene(self, scene: str, *, confirm: bool = False) -> None:
        """Put a scene on program; with confirm, wait for OBS's CurrentProgramSceneChanged."""
        waiter = (
            self._expect("CurrentProgramSceneChanged", lambda d: d.get("sceneName") == scene)
            if confirm
            else None
        )
        await self._with_waiter(
            self.request("SetCurrentProgramScene", {"sceneName": scene}), waiter
        )
        self._tell_sent("SetCurrentProgramScene", {"sceneName": scene})

    async def set_studio_mode(self, enabled: bool) -> None:
        await self.request("SetStudioModeEnabled", {"studioModeEnabled": enabled})
        self.studio_mode = enabled

    async def set_preview_scene(self, scene: str) -> None:
        """Prepare a scene in preview (studio mode). OBS applies it asynchronously, so this
        returns once its CurrentPreviewSceneChanged arrives."""
        if self.preview_scene == scene:
            return
        waiter = self._expect("CurrentPreviewSceneChanged", lambda d: d.get("sceneName") == scene)
        await self._with_waiter(
            self.request("SetCurrentPreviewScene", {"sceneName": scene}), waiter
        )

    async def take(self) -> str | None:
        """Studio-mode take: preview goes to program; returns the new program scene."""
        expected = self.preview_scene
        waiter = self._expect(
            "CurrentProgramSceneChanged",
            lambda d: expected is None or d.get("sceneName") == expected,
        )
        await self._with_waiter(self.request("TriggerStudioModeTransition"), waiter)
        return self.program_scene

    async def _with_waiter(
        self, sending: Awaitable[Any], waiter: asyncio.Future[dict[str, Any]] | None
    ) -> None:
        try:
            await sending
        except BaseException:
            if waiter is not None:
                waiter.cancel()
            raise
        if waiter is None:
            return
        try:
            await asyncio.wait_for(waiter, self.settings.request_timeout)
        except TimeoutError:
            raise ObsConnectionLostError(Said("obs.never-confirmed")) from None

    async def scene_item_id(self, scene: str, source: str) -> int:
        key = (scene, source)
        if key not in self._item_ids:
            data = await self.request("GetSceneItemId", {"sceneName": scene, "sourceName": source})
            self._item_ids[key] = int(data["sceneItemId"])
            self._item_sources[(scene, self._item_ids[key])] = source
        return self._item_ids[key]

    async def set_visible(self, scene: str, source: str, visible: bool) -> None:
        """Show or hide a source in a scene; the console owns this visibility from now on
        (wanted even while OBS is away: re-sync puts it there)."""
        self.owned.visibility[(scene, source)] = visible
        item_id = await self.scene_item_id(scene, source)
        data = {"sceneName": scene, "sceneItemId": item_id, "sceneItemEnabled": visible}
        await self.request("SetSceneItemEnabled", data)
        self._tell_sent("SetSceneItemEnabled", data)

    async def set_text(self, source: str, text: str) -> None:
        self.owned.texts[source] = text
        await self.request(
            "SetInputSettings", {"inputName": source, "inputSettings": {"text": text}}
        )

    async def set_image(self, source: str, path: str) -> None:
        self.owned.images[source] = path
        data = {"inputName": source, "inputSettings": {"file": path}}
        await self.request("SetInputSettings", data)
        self._tell_sent("SetInputSettings", data)

    async def learn_scene_items(self, scenes: tuple[str, ...]) -> None:
        """Read every item id of these scenes at once (after pre-flight), so a GO never
        waits on a GetSceneItemId."""

        def read(session: ObsSession) -> list[tuple[str, str, int]]:
            found = []
            for scene in scenes:
                try:
                    items = session.request("GetSceneItemList", {"sceneName": scene})
                except ObsRequestError:
                    continue  # not created (pre-flight said why)
                for item in items.get("sceneItems", []):
                    found.append((scene, str(item.get("sourceName")), int(item["sceneItemId"])))
            return found

        for scene, source, item_id in await self.call(read):
            self._item_ids[(scene, source)] = item_id
            self._item_sources[(scene, item_id)] = source

    def expect_program_scene(self, scene: str) -> asyncio.Future[dict[str, Any]]:
        """A future OBS's CurrentProgramSceneChanged to ``scene`` resolves (GO's proof)."""
        return self._expect("CurrentProgramSceneChanged", lambda d: d.get("sceneName") == scene)

    async def video_canvas(self) -> tuple[int, int]:
        """OBS's base canvas now (it may have changed since the last connect)."""
        self.canvas = _canvas(await self.request("GetVideoSettings"))
        return self.canvas

    async def input_settings(self, source: str) -> dict[str, Any]:
        data = await self.request("GetInputSettings", {"inputName": source})
        settings: dict[str, Any] = data.get("inputSettings", {})
        return settings

    async def outputs(self, at: float) -> Reading:
        """The stream, the recording and the render as OBS reports them now, in one batch
        that waits for no frame (the stream watch reads this every second)."""
        answers = await self.batch(
            [
                ("GetStreamStatus", {}),
                ("GetRecordStatus", {}),
                ("GetStats", {}),
                ("GetVideoSettings", {}),
                ("GetReplayBufferStatus", {}),  # refused where OBS has no replay buffer
            ],
            realtime=True,
        )
        stream, record, stats, video, replay = (a.data if a.ok else {} for a in answers)
        self.replay_buffer = bool(replay.get("outputActive"))
        numerator = float(video.get("fpsNumerator") or 30)
        denominator = float(video.get("fpsDenominator") or 1)
        reading = Reading(
            at=at,
            streaming=bool(stream.get("outputActive")),
            reconnecting=bool(stream.get("outputReconnecting")),
            congestion=float(stream.get("outputCongestion") or 0.0),
            stream_skipped=int(stream.get("outputSkippedFrames") or 0),
            stream_total=int(stream.get("outputTotalFrames") or 0),
            recording=bool(record.get("outputActive")),
            record_bytes=int(record.get("outputBytes") or 0),
            disk_free_mb=float(stats["availableDiskSpace"])
            if "availableDiskSpace" in stats
            else None,
            render_skipped=int(stats.get("renderSkippedFrames") or 0),
            render_total=int(stats.get("renderTotalFrames") or 0),
            output_skipped=int(stats.get("outputSkippedFrames") or 0),
            output_total=int(stats.get("outputTotalFrames") or 0),
            fps=float(stats.get("activeFps") or 0.0),
            canvas_fps=numerator / denominator if denominator else numerator,
        )
        self.streaming, self.recording = reading.streaming, reading.recording
        return reading

    async def screenshot(
        self, source: str, width: int | None = None, height: int | None = None, fmt: str = "png"
    ) -> bytes:
        """The source as OBS renders it (image bytes); empty areas are transparent."""
        request: dict[str, Any] = {"sourceName": source, "imageFormat": fmt}
        if width:
            request["imageWidth"] = width
        if height:
            request["imageHeight"] = height
        data = await self.request("GetSourceScreenshot", request)
        encoded = str(data.get("imageData", ""))
        return base64.b64decode(encoded.split(",", 1)[1] if "," in encoded else encoded)

    # --- re-sync ---------------------------------------------------------------------------

    async def _resync(self, session: ObsSession) -> ResyncReport:
        """Read OBS's state and put back what the console owns on air."""
        owned = msgspec.structs.replace(
            self.owned,
            texts=dict(self.owned.texts),
            images=dict(self.owned.images),
            visibility=dict(self.owned.visibility),
            mutes=dict(self.owned.mutes),
        )

        def work(s: ObsSession) -> ResyncReport:
            program = s.request("GetCurrentProgramScene").get("currentProgramSceneName")
            studio = bool(s.request("GetStudioModeEnabled").get("studioModeEnabled"))
            preview = (
                s.request("GetCurrentPreviewScene").get("currentPreviewSceneName")
                if studio
                else None
            )
            streaming = bool(s.request("GetStreamStatus").get("outputActive"))
            recording = bool(s.request("GetRecordStatus").get("outputActive"))
            canvas = _canvas(s.request("GetVideoSettings"))
            corrections: list[Correction] = []
            failures: list[str] = []
            for source, text in owned.texts.items():
                _restore_setting(s, source, "text", text, corrections, failures)
            for source, path in owned.images.items():
                _restore_setting(s, source, "file", path, corrections, failures)
            for (scene, source), visible in owned.visibility.items():
                try:
                    item = s.request("GetSceneItemId", {"sceneName": scene, "sourceName": source})
                    item_id = int(item["sceneItemId"])
                    enabled = bool(
                        s.request(
                            "GetSceneItemEnabled", {"sceneName": scene, "sceneItemId": item_id}
                        ).get("sceneItemEnabled")
                    )
                    if enabled != visible:
                        s.request(
                            "SetSceneItemEnabled",
                            {
                                "sceneName": scene,
                                "sceneItemId": item_id,
                                "sceneItemEnabled": visible,
                            },
                        )
                        corrections.append(
                            Correction(
                                f"{source} in {scene}",
                                "shown" if enabled else "hidden",
                                "shown" if visible else "hidden",
                            )
                        )
                except ObsRequestError as error:
                    failures.append(f"{source} in {scene}: {error}")
            for microphone, muted in owned.mutes.items():
                try:
                    now_muted = bool(
                        s.request("GetInputMute", {"inputName": microphone}).get("inputMuted")
                    )
                    if now_muted != muted:
                        s.request("SetInputMute", {"inputName": microphone, "inputMuted": muted})
                        corrections.append(
                            Correction(
                                f"{microphone} microphone",
                                "muted" if now_muted else "open",
                                "muted" if muted else "open",
                            )
                        )
                except ObsRequestError as error:
                    failures.append(f"{microphone}: {error}")
            return ResyncReport(
                program_scene=program,
                preview_scene=preview,
                studio_mode=studio,
                streaming=streaming,
                recording=recording,
                corrections=tuple(corrections),
                failures=tuple(failures),
                canvas=canvas,
            )

        report = await self._run(session, work, self.settings.request_timeout * 4)
        self.program_scene = report.program_scene
        self.preview_scene = report.preview_scene
        self.studio_mode = report.studio_mode
        self.streaming = report.streaming
        self.recording = report.recording
        if report.canvas is not None:
            self.canvas = report.canvas
        for correction in report.corrections:
            log.warning("%s", Said("log.resync-corrected", correction))
        for failure in report.failures:
            log.warning("%s", Said("log.resync-not-restored", failure))
        return report


def record_confirmed(
    owned: OwnedRecord,
    sources: dict[tuple[str, int], str],
    requests: list[tuple[str, dict[str, Any]]],
    answers: list[BatchResult],
) -> None:
    """Record in ``owned`` each graphic and visibility a batch set and OBS confirmed; a
    request refused (or a batch not answered request by request) changes nothing there."""
    if len(answers) != len(requests):
        return
    for (name, data), answer in zip(requests, answers, strict=True):
        if not answer.ok:
            continue
        if name == "SetSceneItemEnabled":
            scene = str(data.get("sceneName"))
            source = sources.get((scene, int(data.get("sceneItemId", -1))))
            if source is not None:
                owned.visibility[(scene, source)] = bool(data.get("sceneItemEnabled"))
        elif name == "SetInputMute":
            if data.get("inputMuted"):
                owned.mutes[str(data.get("inputName"))] = True
            else:
                owned.mutes.pop(str(data.get("inputName")), None)
        elif name == "SetInputSettings":
            settings = data.get("inputSettings") or {}
            if "file" in settings:
                owned.images[str(data.get("inputName"))] = str(settings["file"])
            if "text" in settings:
                owned.texts[str(data.get("inputName"))] = str(settings["text"])


def _canvas(video: dict[str, Any]) -> tuple[int, int]:
    return int(video.get("baseWidth") or 1920), int(video.get("baseHeight") or 1080)


def _restore_setting(
    session: ObsSession,
    source: str,
    key: str,
    wanted: str,
    corrections: list[Correction],
    failures: list[str],
) -> None:
    try:
        current = session.request("GetInputSettings", {"inputName": source})
        found = current.get("inputSettings", {}).get(key)
        if found != wanted:
            session.request(
                "SetInputSettings", {"inputName": source, "inputSettings": {key: wanted}}
            )
            corrections.append(Correction(f"{source} {key}", repr(found), repr(wanted)))
    except ObsRequestError as error:
        failures.append(f"{source}: {error}")


def _close_if_built(future: Any) -> None:
    """A connection that finished after we gave up on it is closed, not leaked."""
    if not future.cancelled() and future.exception() is None:
        future.result().close()
