"""One running show: the run sheet, its clock, the voucher counter, OBS and the feeds.

The UI and the control API are views and remotes of this object. Commands are coroutines
(they may talk to OBS); every state change is announced to listeners by topic, and the run
state is saved on each change so a crash resumes exactly where the show was.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.secrets import SecretsUnavailableError, get_secret
from hostconsole.adapters.storage.onair_log import OnAirLog
from hostconsole.adapters.storage.settings import Settings, write_json_atomically
from hostconsole.domain.clock import ClockSnapshot, ClockState, RunSheetClock, epoch_at, timings_for
from hostconsole.domain.overlays import obs_needs, overlay_parts
from hostconsole.services.vouchers import Recorded, VoucherCounter

if TYPE_CHECKING:
    import httpx

    from hostconsole.adapters.obs.link import LinkStatus, ObsLink
    from hostconsole.adapters.obs.preflight import PreflightResult
    from hostconsole.adapters.sales.feeds import PollFeed, StreamFeed
    from hostconsole.adapters.sales.model import FeedStatus
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.domain.show import Segment, Show
    from hostconsole.services.cues import CueResult
    from hostconsole.services.overlays import CounterOverlay

log = logging.getLogger(__name__)

Listener = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class PresenterMessage:
    text: str = ""
    blink: bool = False
    at: float = 0.0


def show_slug(path: str) -> str:
    stem = Path(path).name.split(".")[0] or "show"
    return re.sub(r"[^\w-]+", "-", stem).strip("-") or "show"


class ShowSession:
    def __init__(
        self,
        document: ShowDocument,
        settings: Settings,
        data_dir: Path,
        *,
        now: Callable[[], float] = time.time,
        obs_password: Callable[[], str | None] | None = None,
        sales_token: Callable[[], str | None] | None = None,
        connect_obs: bool = True,
    ) -> None:
        self.document = document
        self.settings = settings
        self.now = now
        self.data_dir = data_dir
        today = date.today()
        # Rehearsing on another day than the show's: times of day (planned start, hard
        # starts) would be hours off, so the run sheet counts from when it is started.
        self.rehearsal = document.show.date is not None and document.show.date != today
        self.day = today
        self.show_dir = data_dir / "shows" / f"{show_slug(document.file)}-{today.isoformat()}"
        self.state_path = self.show_dir / "run-state.json"
        self.clock = self._make_clock(document.show)
        goal = settings.goal if settings.goal is not None else document.show.goal
        milestones = (
            tuple(settings.milestones)
            if settings.milestones is not None
            else document.show.milestones
        )
        self.counter = VoucherCounter(
            self.show_dir / "ledger.sqlite",
            goal=goal,
            milestones=milestones,
            on_air=self._on_air,
            now=now,
        )
        self.onair_log = OnAirLog(self.show_dir / "on-air-log.jsonl")
        self.obs: ObsLink | None = None
        if connect_obs:
            # Imported only with OBS control on: obsws-python and websocket-client are not
            # needed to show a run sheet.
            from hostconsole.adapters.obs.link import ObsLink, ObsSettings

            self.obs = ObsLink(
                ObsSettings(host=settings.obs_host, port=settings.obs_port),
                obs_password or self._obs_password,
            )
        self._sales_token = sales_token or self._sales_token_from_keyring
        self.http: httpx.AsyncClient | None = None
        self.poll: PollFeed | None = None
        self.stream: StreamFeed | None = None
        self.message = PresenterMessage()
        self.covered: set[str] = set()
        self.pushed_point: str | None = None
        self.caption_point: str | None = None
        self.counter_overlay: CounterOverlay | None = None
        self.armed: int | None = None
        self.prepared: int | None = None  # the segment whose cue is in studio-mode preview
        self.last_cue: CueResult | None = None
        self.flags: list[str] = []
        self.milestone_hits: list[int] = []
        self._listeners: list[Listener] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        self.secret_problem: str | None = None

    # --- plumbing -----------------------------------------------------------------------

    @property
    def show(self) -> Show:
        return self.document.show

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def changed(self, topic: str) -> None:
        for listener in list(self._listeners):
            listener(topic)

    def spawn(self, coroutine: Any, name: str) -> asyncio.Task[Any]:
        """Start a named task and keep a reference (an unreferenced task can vanish)."""
        for task in list(self._tasks):
            if task.get_name() == name and not task.done():
                task.cancel()  # a newer request of the same kind replaces a stale one
        task = asyncio.get_running_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed: %s", task.get_name(), task.exception())

    def _obs_password(self) -> str | None:
        try:
            return get_secret("obs-password")
        except SecretsUnavailableError as error:
            # Try without one (OBS may not ask); if it does, the link says a password is
            # needed and this message says why none could be read.
            if self.secret_problem != str(error):
                log.warning("%s", error)
            self.secret_problem = str(error)
            return None

    def _sales_token_from_keyring(self) -> str | None:
        try:
            return get_secret("sales-token")
        except SecretsUnavailableError as error:
            self.secret_problem = str(error)
            return None

    def _make_clock(self, show: Show) -> RunSheetClock:
        if self.rehearsal:
            timings = [replace(t, hard_start=None) for t in timings_for(show, self.day)]
            return RunSheetClock(timings, self.now)
        planned = epoch_at(self.day, show.planned_start) if show.planned_start else None
        return RunSheetClock(timings_for(show, self.day), self.now, planned_start=planned)

    def _on_air(self) -> tuple[str | None, str | None]:
        if self.clock.state in (ClockState.NOT_STARTED, ClockState.FINISHED):
            return (None, None)
        segment = self.show.segments[self.clock.index]
        return (segment.id, segment.products[0] if segment.products else None)

    # --- lifecycle ----------------------------------------------------------------------

    def saved_state(self) -> dict[str, Any] | None:
        """The run state left by the last run of this show, if it did not close cleanly."""
        import json

        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("closed_cleanly", True):
            return None
        if state.get("clock", {}).get("state") in (None, ClockState.NOT_STARTED.value):
            return None
        return state

    async def start(self, resume: dict[str, Any] | None = None) -> None:
        await self.counter.open()
        self.counter.add_change_listener(self._vouchers_changed)
        self.counter.add_flag_listener(self._flagged)
        self.counter.add_milestone_listener(self._milestone)
        if resume is not None:
            try:
                self.clock.restore_state(resume["clock"])
                self.covered = set(resume.get("covered", []))
                message = resume.get("message") or {}
                self.message = PresenterMessage(
                    str(message.get("text", "")), bool(message.get("blink"))
                )
                self.onair_log.write(
                    "resume", "auto", f"resumed at segment {self.current_segment().id}"
                )
            except (KeyError, ValueError, TypeError) as error:
                log.warning("could not resume the saved run state: %s", error)
        if self.obs is not None:
            from hostconsole.services.overlays import CounterOverlay

            self.counter_overlay = CounterOverlay(self)
            self.counter_overlay.start()
            self.obs.add_status_listener(lambda _status: self.changed("obs"))
            self.obs.add_event_listener(self._obs_event)
            self.obs.add_resync_listener(lambda _report: self._resynced())
            self.obs.start()
        self._start_feeds()
        self.save_state()
        self.changed("show")

    def _start_feeds(self) -> None:
        kind = self.settings.feed_kind
        if kind == "none":
            return
        # Imported here: httpx costs a tenth of a second at start-up, for shows without a feed.
        from hostconsole.adapters.sales.feeds import PollFeed, StreamFeed
        from hostconsole.adapters.sales.http import make_client

        self.http = make_client(verify=self.settings.verify_tls)
        if kind in ("poll", "both") and self.settings.poll_url:
            self.poll = PollFeed(
                self.http,
                self.settings.poll_url,
                self.settings.json_pointer,
                self.counter.observe,
                interval=self.settings.poll_interval,
                token=self._sales_token,
                now=self.now,
            )
            self.poll.add_status_listener(lambda _status: self.changed("feed"))
        if kind in ("stream", "both") and self.settings.stream_url:
            self.stream = StreamFeed(
                self.http,
                self.settings.stream_url,
                self.counter.observe,
                token=self._sales_token,
                fallback=self.poll,
                now=self.now,
                resume_after=self.counter.last_stream_event_id,
            )
            self.stream.add_status_listener(lambda _status: self.changed("feed"))
            self.stream.start()
        elif self.poll is not None:
            self.poll.start()

    async def close(self) -> None:
        """Stop feeds and OBS, commit the ledger, save the run state as closed cleanly."""
        for task in list(self._tasks):
            task.cancel()
        if self.counter_overlay is not None:
            await self.counter_overlay.stop()
        for feed in (self.stream, self.poll):
            if feed is not None:
                await feed.stop()
        if self.http is not None:
            await self.http.aclose()
        if self.obs is not None:
            await self.obs.stop()
        await self.counter.close()
        self.save_state(closed_cleanly=True)
        self.onair_log.close()

    def save_state(self, *, closed_cleanly: bool = False) -> None:
        state = {
            "show_file": str(Path(self.document.file).resolve()),
            "saved_at": self.now(),
            "closed_cleanly": closed_cleanly,
            "clock": self.clock.save_state(),
            "covered": sorted(self.covered),
            "message": {"text": self.message.text, "blink": self.message.blink},
        }
        try:
            write_json_atomically(self.state_path, state)
        except OSError as error:
            log.error("could not save the run state: %s", error)

    # --- reading ------------------------------------------------------------------------

    def snapshot(self) -> ClockSnapshot:
        return self.clock.snapshot()

    def current_segment(self) -> Segment:
        return self.show.segments[self.clock.index]

    def next_segment(self) -> Segment | None:
        snap = self.clock.snapshot()
        return None if snap.next_index is None else self.show.segments[snap.next_index]

    def feed_statuses(self) -> list[FeedStatus]:
        return [feed.status for feed in (self.stream, self.poll) if feed is not None]

    def obs_status(self) -> LinkStatus | None:
        return None if self.obs is None else self.obs.status

    # --- commands -----------------------------------------------------------------------

    async def go(self, index: int | None = None, origin: str = "console") -> CueResult | None:
        """Put a segment on air: the armed one, else the next; applies its cue in OBS."""
        snap = self.clock.snapshot()
        if index is None:
            index = self.armed if self.armed is not None else snap.next_index
        if index is None:
            return None
        self.armed = None
        if self.clock.state is ClockState.PAUSED:
            self.clock.resume()
        self.clock.go_to(index)
        return await self._entered(origin, "go")

    async def next(self, origin: str = "console") -> CueResult | None:
        before = self.clock.state
        self.clock.next()
        if self.clock.state is ClockState.FINISHED:
            self.onair_log.write("finish", origin, "the show ended")
            self.save_state()
            self.changed("clock")
            return None
        if before is ClockState.FINISHED:
            return None
        return await self._entered(origin, "next")

    async def previous(self, origin: str = "console") -> CueResult | None:
        if self.clock.state is ClockState.NOT_STARTED:
            return None
        self.clock.previous()
        return await self._entered(origin, "previous")

    async def goto(self, segment_id: str, origin: str = "console") -> CueResult | None:
        for index, segment in enumerate(self.show.segments):
            if segment.id == segment_id:
                return await self.go(index, origin)
        raise KeyError(segment_id)

    def pause(self, origin: str = "console") -> None:
        self.clock.pause()
        self.onair_log.write("pause", origin, f"paused in {self.current_segment().id}")
        self.save_state()
        self.changed("clock")

    def resume(self, origin: str = "console") -> None:
        self.clock.resume()
        self.onair_log.write("resume", origin, f"resumed in {self.current_segment().id}")
        self.save_state()
        self.changed("clock")

    def toggle_pause(self, origin: str = "console") -> None:
        if self.clock.state is ClockState.PAUSED:
            self.resume(origin)
        elif self.clock.state is ClockState.RUNNING:
            self.pause(origin)

    def add_time(self, seconds: float, origin: str = "console") -> None:
        self.clock.add_time(seconds)
        self.onair_log.write("time", origin, f"{seconds:+g} s on {self.current_segment().id}")
        self.save_state()
        self.changed("clock")

    def arm(self, index: int | None) -> None:
        self.armed = index
        self.changed("clock")

    async def prepare(self, index: int | None = None, origin: str = "console") -> CueResult | None:
        """Studio mode: put the next (or armed, or given) segment's cue in preview; Take
        then puts it on air and moves the run sheet to it."""
        from hostconsole.services.cues import apply_cue

        if self.obs is None or not self.obs.connected:
            return None
        if index is None:
            index = self.armed if self.armed is not None else self.clock.snapshot().next_index
        if index is None:
            return None
        if not self.obs.studio_mode:
            await self.obs.set_studio_mode(True)
        segment = self.show.segments[index]
        result = await apply_cue(self, self.obs, segment, to_preview=True)
        self.prepared = index
        self.onair_log.write(
            "prepare", origin, f"{segment.id} in preview", "ok" if result.ok else result.summary()
        )
        self.changed("cue")
        return result

    async def take(self, origin: str = "console") -> str | None:
        """Studio mode: the prepared preview goes to program (and the run sheet with it)."""
        if self.obs is None:
            return None
        try:
            program = await self.obs.take()
        except Exception as error:
            self.onair_log.write("take", origin, "take", f"failed: {error}")
            raise
        self.onair_log.write("take", origin, f"program is {program}")
        if self.prepared is not None:
            index, self.prepared = self.prepared, None
            if self.clock.state is ClockState.PAUSED:
                self.clock.resume()
            self.clock.go_to(index)
            segment = self.current_segment()
            await self.counter.segment_on_air(
                segment.id, segment.products[0] if segment.products else None
            )
            self.save_state()
            self.changed("clock")
        return program

    def send_message(self, text: str, blink: bool = False, origin: str = "console") -> None:
        self.message = PresenterMessage(text.strip(), blink, self.now())
        self.onair_log.write("message", origin, f"{text.strip()!r}{' (blinking)' if blink else ''}")
        self.save_state()
        self.changed("message")

    def set_covered(self, point_id: str, covered: bool) -> None:
        (self.covered.add if covered else self.covered.discard)(point_id)
        self.save_state()
        self.changed("points")

    async def caption(self, point_id: str | None, origin: str = "console") -> str:
        """Put a talking point on air as the caption overlay (or hide the caption)."""
        from hostconsole.services.overlays import overlay_text

        captions = [o for o in self.show.overlays if o.kind.value == "caption"]
        if not captions:
            return "this show has no caption overlay"
        self.caption_point = point_id
        if self.obs is None or not self.obs.connected:
            return "OBS is not connected"
        overlay = captions[0]
        if point_id is not None:
            await self.obs.set_text(
                overlay.source, overlay_text(self, overlay, self.current_segment())
            )
        result = await self.set_overlay(overlay.id, point_id is not None, origin)
        self.onair_log.write("caption", origin, f"talking point {point_id}", result)
        return result

    def push_point(self, point_id: str | None, origin: str = "console") -> None:
        self.pushed_point = point_id
        self.onair_log.write("push", origin, f"talking point {point_id}")
        self.changed("points")

    async def correct(self, delta: int, reason: str, origin: str = "console") -> Recorded:
        recorded = await self.counter.correct(delta, reason, operator=origin)
        self.onair_log.write("correction", origin, f"{delta:+d}: {reason}")
        return recorded

    async def preflight(self, create: bool, origin: str = "console") -> PreflightResult:
        from hostconsole.adapters.obs.preflight import PreflightResult, check, create_missing

        if self.obs is None:
            raise RuntimeError("OBS control is off")
        needs = obs_needs(self.show)
        if create:
            result = await create_missing(self.obs, needs)
        else:
            result = PreflightResult(await check(self.obs, needs))
        self.onair_log.write(
            "preflight",
            origin,
            f"missing: {len(result.report.lines())}; created: {len(result.created)}",
            "ok" if not result.failed else "; ".join(result.failed),
        )
        return result

    async def set_overlay(self, overlay_id: str, visible: bool, origin: str = "console") -> str:
        """Show or hide one overlay in the program scene, as one batch (all its parts)."""
        from hostconsole.adapters.obs.errors import ObsNotConnectedError
        from hostconsole.services.overlays import visibility_requests

        overlay = next(o for o in self.show.overlays if o.id == overlay_id)
        on_air = self.clock.state in (ClockState.RUNNING, ClockState.PAUSED)
        # The scene the console put on program (OBS's own event may be a frame behind).
        wanted = self.current_segment().scene if on_air else None
        scene = wanted or (self.obs.program_scene if self.obs is not None else None)
        if self.obs is None or not self.obs.connected or scene is None:
            raise ObsNotConnectedError("OBS is not connected")
        requests = await visibility_requests(
            self.obs, scene, overlay_parts(overlay), visible=visible
        )
        answers = await self.obs.batch(requests)
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        self.onair_log.write(
            "overlay", origin, f"{overlay_id} {'shown' if visible else 'hidden'} in {scene}", result
        )
        self.changed("cue")
        return result

    def replace_show(self, show_document: ShowDocument) -> None:
        """After an edit: the clock follows the new run sheet, matching segments by id."""
        self.document = show_document
        saved = self.clock.save_state()
        clock = self._make_clock(show_document.show)
        with contextlib.suppress(ValueError):
            clock.restore_state(saved)
        self.clock = clock
        self.save_state()
        self.changed("show")

    # --- internals ----------------------------------------------------------------------

    async def _entered(self, origin: str, action: str) -> CueResult | None:
        from hostconsole.services.cues import CueResult, apply_cue

        segment = self.current_segment()
        # The cue goes to OBS first; the bookkeeping (ledger entry, saved state) is done while
        # OBS works, so a GO costs the audience no more than the batch and one frame.
        cue: asyncio.Task[CueResult] | None = None
        if self.obs is not None and self.obs.connected:
            cue = asyncio.get_running_loop().create_task(
                apply_cue(self, self.obs, segment), name="obs-cue"
            )
        self.changed("clock")
        await self.counter.segment_on_air(
            segment.id, segment.products[0] if segment.products else None
        )
        self.save_state()
        result: CueResult | None = None
        if cue is not None:
            result = await cue
        elif self.obs is not None:
            result = CueResult(
                segment.id, segment.scene, ok=False, problems=["OBS is not connected"]
            )
        self.last_cue = result
        self.onair_log.write(
            action,
            origin,
            f"{segment.id} → scene {segment.scene or '-'}",
            "ok" if result is None or result.ok else result.summary(),
        )
        self.changed("cue")
        return result

    def _resynced(self) -> None:
        # A cue that failed while OBS was away is applied again if its segment is still on.
        cue = self.last_cue
        still_on = cue is not None and cue.segment_id == self.current_segment().id
        if still_on and cue is not None and not cue.ok and self.clock.state is ClockState.RUNNING:
            self.spawn(self._reapply(), "obs-reapply-cue")
        self.changed("obs")

    async def _reapply(self) -> None:
        from hostconsole.services.cues import apply_cue

        if self.obs is None:
            return
        segment = self.current_segment()
        result = await apply_cue(self, self.obs, segment)
        self.last_cue = result
        self.onair_log.write(
            "go",
            "auto",
            f"{segment.id} re-applied after reconnect",
            "ok" if result.ok else result.summary(),
        )
        self.changed("cue")

    def _obs_event(self, event_type: str, _data: dict[str, Any]) -> None:
        if event_type in (
            "CurrentProgramSceneChanged",
            "CurrentPreviewSceneChanged",
            "StudioModeStateChanged",
            "StreamStateChanged",
            "RecordStateChanged",
        ):
            self.changed("obs")

    def _vouchers_changed(self, _recorded: Recorded) -> None:
        if self.counter_overlay is not None:
            self.counter_overlay.touch()
        self.changed("vouchers")

    def _flagged(self, flag: str) -> None:
        self.flags.append(flag)
        self.changed("flag")

    def _milestone(self, milestone: int) -> None:
        self.milestone_hits.append(milestone)
        self.onair_log.write("milestone", "auto", f"{milestone} vouchers sold")
        if self.obs is not None and self.obs.connected:
            from hostconsole.services.overlays import run_milestone_card

            # A cue driven by sales: the card is taken, held, then hidden by itself.
            self.spawn(run_milestone_card(self, milestone), f"milestone-card-{milestone}")
        self.changed("milestone")
