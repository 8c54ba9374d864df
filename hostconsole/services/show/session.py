"""One running show: its parts (OBS, the counter, the feeds, the logs), its committed run
state, and the rooms whose handlers the engine runs. Views read it; only commands change it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.boot import boot_id
from hostconsole.adapters.secrets import SecretsUnavailableError
from hostconsole.adapters.storage.onair_log import JsonLinesFile, OnAirLog
from hostconsole.adapters.storage.showlock import ShowLock
from hostconsole.adapters.storage.writer import BackgroundWriter
from hostconsole.domain.announcer import Announcer
from hostconsole.domain.clock import (
    ClockState,
    MonotonicWallClock,
    RunSheetClock,
    epoch_at,
    timings_for,
)
from hostconsole.domain.said import Said
from hostconsole.services.commands import (
    NOT_FOUND,
    CommandQueue,
    Refused,
)
from hostconsole.services.overlays import GraphicRenderer, LiveGraphics, OverlayContext
from hostconsole.services.prompts import SalesPrompter
from hostconsole.services.questions import Questions
from hostconsole.services.show.aired import AiredRecord
from hostconsole.services.show.clips import ClipsRoom
from hostconsole.services.show.engine import Engine
from hostconsole.services.show.feeds import Feeds
from hostconsole.services.show.graphics import GraphicsRoom
from hostconsole.services.show.outputs import OutputsRoom
from hostconsole.services.show.presenter import PresenterRoom
from hostconsole.services.show.reactions import Reactions
from hostconsole.services.show.reading import ShowReading, show_key
from hostconsole.services.show.results import ResultsRoom
from hostconsole.services.show.resume import resume_run, save_run_state, saved_run_state
from hostconsole.services.show.runsheet import RunSheetRoom
from hostconsole.services.show.safe import SafeRoom
from hostconsole.services.show.shortcuts import CommandShortcuts
from hostconsole.services.show.showfile import ShowFileRoom
from hostconsole.services.show.showtime import ShowTime
from hostconsole.services.show.state import ON_AIR, RunState
from hostconsole.services.show.studio import StudioRoom
from hostconsole.services.vouchers import VoucherCounter

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.domain.show import Segment, Show
    from hostconsole.services.cues import CueResult
    from hostconsole.services.ports import ObsPort, ShowParts
    from hostconsole.services.prompter import Script

log = logging.getLogger(__name__)

CLOSE_STEP_SECONDS = 8.0  # one part of the show that does not stop in this time is left
CLOSE_LEDGER_SECONDS = 12.0  # the ledger waits longest: it holds the sales


async def _bounded(what: str, step: Awaitable[object], seconds: float = CLOSE_STEP_SECONDS) -> None:
    """Await one closing step for at most ``seconds``; one that overruns is named in the
    log and left behind, so closing always ends."""
    task = asyncio.ensure_future(step)
    # asyncio.wait, not wait_for: wait_for would wait again for the cancelled step to end.
    done, _pending = await asyncio.wait({task}, timeout=seconds)
    if not done:
        log.error("%s", Said("log.closing-overran", what, f"{seconds:.0f}"))
        task.cancel()
        return
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        log.error("%s", Said("log.closing-failed", what, error), exc_info=error)


Listener = Callable[[str], None]


class ShowSession(ShowReading, CommandShortcuts):
    def __init__(
        self,
        document: ShowDocument,
        settings: Settings,
        data_dir: Path,
        *,
        parts: ShowParts,
        now: Callable[[], float] | None = None,
        rehearsal: bool = False,
        today: Callable[[], date] = date.today,
        read_only: bool = False,
        lock: ShowLock | None = None,
        renderer: GraphicRenderer | None = None,
    ) -> None:
        self.document = document
        # OBS, the ledger's storage, the feeds and the secrets: built by the wiring module
        # (hostconsole/parts.py) or, in the engine's own tests, in memory.
        self.parts = parts
        # Read-only: another console runs this show (it holds the folder's lock); this one
        # shows the run sheet and changes nothing — no ledger, feeds, OBS or saves.
        self.read_only = read_only
        # Draws the on-air graphics (the app gives the Qt one; services never import Qt).
        self.renderer = renderer
        self.settings = settings
        # Running time follows the monotonic clock: an NTP step moves no countdown.
        self.now: Callable[[], float] = now or MonotonicWallClock()
        self.boot = boot_id()
        self.data_dir = data_dir
        self.rehearsal = rehearsal
        # Hard starts are times of day on the show's own date (or the day it was first run).
        self.day = document.show.date or today()
        live_dir = data_dir / "shows" / show_key(document)
        # Rehearsal sales never reach the live ledger or its report.
        self.show_dir = live_dir / "rehearsal" if rehearsal else live_dir
        self.lock = lock or ShowLock(self.show_dir)
        self.state_path = self.show_dir / "run-state.json"
        self.writer = BackgroundWriter("show-writer")
        self.state = RunState(self.make_clock(document.show))
        self.time = ShowTime(self)
        goal = settings.goal if settings.goal is not None else document.show.goal
        milestones = (
            tuple(settings.milestones)
            if settings.milestones is not None
            else document.show.milestones
        )
        self.counter = VoucherCounter(
            parts.ledger(self.show_dir / "ledger.sqlite"),
            goal=goal,
            milestones=milestones,
            on_air=self._on_air,
            now=self.now,
        )
        self.onair_log = OnAirLog(self.show_dir / "on-air-log.jsonl", self.writer, self.now)
        self.command_log = JsonLinesFile(self.show_dir / "commands.jsonl", self.writer)
        self.aired = AiredRecord(self)
        self.obs: ObsPort | None = None if read_only else parts.obs(settings, self._obs_password)
        self.secret_problem: str | None = None
        self.questions = Questions()
        self.sales_prompter = SalesPrompter(
            settings.quiet_prompt_seconds, settings.burst_prompt_sales
        )
        self.live_graphics: LiveGraphics | None = None
        self.last_cue: CueResult | None = None
        self.resumed = False  # started from a crashed run's state
        # A damaged run-state.json, kept aside: said once in the console's banner.
        self.run_state_problem: str | None = None
        self.closing = False
        self._script: tuple[Show, Script] | None = None
        self._changed: Announcer[str] = Announcer("a show change")
        self._tasks: set[asyncio.Task[Any]] = set()
        # The rooms: each registers the handlers of its commands with the engine.
        self.engine = Engine(self)
        self.commands: CommandQueue = self.engine.queue
        self.runsheet = RunSheetRoom(self)
        self.studio = StudioRoom(self, self.runsheet)
        self.graphics = GraphicsRoom(self)
        self.presenter = PresenterRoom(self, self.graphics)
        self.results_room = ResultsRoom(self)
        self.showfile = ShowFileRoom(self)
        self.safe_room = SafeRoom(self)
        self.outputs = OutputsRoom(self)
        self.clips = ClipsRoom(self)
        for room in (
            self.runsheet,
            self.studio,
            self.graphics,
            self.presenter,
            self.results_room,
            self.showfile,
            self.safe_room,
            self.outputs,
            self.clips,
        ):
            self.engine.register(room.handlers())
        self.engine.check_complete()
        self.engine.queue.after_each.append(self.outputs.after_command)
        self.reactions = Reactions(self)
        self.feeds = Feeds(self, self._sales_token)

    # --- plumbing -----------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._changed.connect(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._changed.disconnect(listener)

    @property
    def listener_count(self) -> int:
        return len(self._changed)

    def changed(self, topic: str) -> None:
        self._changed.emit(topic)

    def spawn(self, coroutine: Any, name: str) -> asyncio.Task[Any]:
        """Start a named refresh task and keep a reference (an unreferenced task can vanish).

        Only for idempotent refreshes (listing scenes…): a newer one replaces a stale one.
        Changes to the show are commands: see submit().
        """
        for task in list(self._tasks):
            if task.get_name() == name and not task.done():
                task.cancel()
        task = asyncio.get_running_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s", Said("log.task-failed", task.get_name(), task.exception()))

    def _obs_password(self) -> str | None:
        # Called by the OBS link on its worker thread, once per connection attempt.
        try:
            return self.parts.secret("obs-password")
        except SecretsUnavailableError as error:
            # Try without one (OBS may not ask); if it does, the link says a password is
            # needed and this message says why none could be read.
            if self.secret_problem != str(error):
                log.warning("%s", error)
            self.secret_problem = str(error)
            return None

    def _sales_token(self) -> str | None:
        try:
            return self.parts.secret("sales-token")
        except SecretsUnavailableError as error:
            self.secret_problem = str(error)
            return None

    async def sales_token_changed(self) -> None:
        await self.feeds.token_changed()

    def make_clock(self, show: Show) -> RunSheetClock:
        if self.rehearsal:
            # A rehearsal runs from when it is started: times of day would be hours off.
            timings = [
                msgspec.structs.replace(t, hard_start=None) for t in timings_for(show, self.day)
            ]
            return RunSheetClock(timings, self.now)
        planned = epoch_at(self.day, show.planned_start) if show.planned_start else None
        return RunSheetClock(timings_for(show, self.day), self.now, planned_start=planned)

    def _on_air(self) -> tuple[str | None, str | None]:
        if self.state.clock.state not in ON_AIR:
            return (None, None)
        segment = self.show.segments[self.state.clock.index]
        return (segment.id, segment.products[0] if segment.products else None)

    def overlay_context(
        self, segment: Segment | None = None, state: RunState | None = None
    ) -> OverlayContext:
        """What the graphics are drawn from, frozen: of ``state`` (a command's draft) or the
        committed state."""
        return self.graphics.context(segment, state or self.state)

    def point_id(self, point: str | None) -> str | None:
        """``point`` when the show has that talking point (None: none named)."""
        if point is None:
            return None
        if point not in {p.id for p in self.show.talking_points}:
            raise Refused(f"no talking point with id '{point}'", NOT_FOUND)
        return point

    # --- lifecycle ----------------------------------------------------------------------

    def saved_state(self) -> dict[str, Any] | None:
        """The run state left by the last run of this show, if it did not close cleanly."""
        return saved_run_state(self)

    def save_state(self, state: RunState | None = None, *, closed_cleanly: bool = False) -> None:
        save_run_state(self, state or self.state, closed_cleanly=closed_cleanly)

    async def start(self, resume: dict[str, Any] | None = None) -> None:
        """Open the ledger, resume, start the engine, OBS and the feeds. Raises
        ShowLockedError when another console holds this show (before touching anything)."""
        self.state.prompter.set_script(self.current_script(), self.now())
        if self.read_only:
            self.engine.start()
            self.changed("show")
            return
        self.lock.acquire()
        self.time.continue_timeline(self.boot)
        # A ledger without a usable snapshot is replayed in the background: the window and
        # the control API come up at once, the count served as catching up until whole.
        await self.counter.open(fold_in_background=True)
        self.reactions.connect()
        if resume is not None:
            resume_run(self, resume)
        self.engine.start()
        self.engine.schedule_transition()
        if self.obs is not None:
            self.live_graphics = LiveGraphics(
                self.obs, self.overlay_context, lambda: self.changed("feed")
            )
            self.live_graphics.start()
            self.obs.start()
            self.spawn(self.outputs.run(), "stream-watch")
        await self.feeds.start()
        self.spawn(self.showfile.watch(), "show-file-watch")
        self.spawn(self.reactions.watch_sales_prompts(), "sales-prompts")
        self.spawn(self.time.watch(), "wall-clock-watch")
        self.track_actual_times(self.state)
        self.save_state()
        self.changed("show")

    def forget_resume(self) -> None:
        self.resumed = False

    async def close(self) -> None:
        """Run queued commands, stop feeds and OBS, commit the ledger, save the run state.

        "Closed cleanly" means the show ended (not started, or finished): a console closed
        mid-show, by a person or by a signal, resumes where it was next time. Each step is
        bounded, so a part that hangs is named in the log and never keeps the app open."""
        self.closing = True  # no new clock timers, also while queued commands finish
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # Let them finish cancelling while the loop runs (not in a later, loop-less step).
        await _bounded("background tasks", asyncio.gather(*tasks, return_exceptions=True))
        await _bounded("queued commands", self.engine.stop())
        if self.live_graphics is not None:
            await _bounded("live graphics", self.live_graphics.stop())
        await _bounded("sales feeds", self.feeds.stop())
        if self.obs is not None:
            await _bounded("the OBS connection", self.obs.stop())
        if not self.read_only:
            await _bounded("the voucher ledger", self.counter.close(), CLOSE_LEDGER_SECONDS)
            ended = self.state.clock.state in (ClockState.NOT_STARTED, ClockState.FINISHED)
            if not ended:
                segment = self.show.segments[self.state.clock.index].id
                log.info("%s", Said("log.closed-mid-show", segment, self.state.clock.state.value))
            self.save_state(closed_cleanly=ended)
        self.onair_log.close()
        self.command_log.close()
        self.aired.close()
        await _bounded(
            "the log writer", asyncio.get_running_loop().run_in_executor(None, self.writer.close)
        )
        self.lock.release()

    def track_actual_times(self, state: RunState) -> None:
        on_air = self.show.segments[state.clock.index].id if state.on_air() else None
        state.track_actual_times(on_air, self.now())

    def cue_done(self, result: CueResult | None) -> None:
        self.last_cue = result

    def save_while_prompting(self) -> None:
        self.spawn(self.reactions.save_while_prompting(), "prompter-save")
