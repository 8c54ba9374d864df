"""One running show: the show engine that owns the run sheet, its clock, the voucher counter,
OBS and the feeds.

Every change to the show is a command on one queue (see services/commands.py and
docs/architecture.md): the console, its shortcuts, the control API and the clock's own
transitions all submit commands, which run one at a time, to completion, in order. Views read
the session after each change; they are told which topic changed and can never fail it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsRequestError
from hostconsole.adapters.secrets import SecretsUnavailableError, get_secret
from hostconsole.adapters.storage.onair_log import JsonLinesFile, OnAirLog
from hostconsole.adapters.storage.settings import Settings, write_json_atomically
from hostconsole.adapters.storage.showfile import DiskVersion, ShowDocument, ShowFileError
from hostconsole.adapters.storage.showlock import ShowLock
from hostconsole.adapters.storage.writer import BackgroundWriter
from hostconsole.domain.announcer import Announcer
from hostconsole.domain.clock import (
    ClockSnapshot,
    ClockState,
    MonotonicWallClock,
    RunSheetClock,
    epoch_at,
    timings_for,
)
from hostconsole.domain.overlays import (
    DEFAULT_CANVAS,
    obs_needs,
    overlay_parts,
    placement_warnings,
)
from hostconsole.domain.show import OverlayKind, Problem, advertising_warnings
from hostconsole.services.commands import (
    CONFLICT,
    INVALID,
    NOT_FOUND,
    STORAGE,
    UNAVAILABLE,
    Command,
    CommandQueue,
    CommandResult,
    Refused,
    clean_text,
    finite_number,
)
from hostconsole.services.cues import CueResult, apply_cue, crowded_out, motion_plan
from hostconsole.services.overlays import (
    GraphicRenderer,
    LiveGraphics,
    OverlayContext,
    milestone_card_requests,
    milestone_cards,
    render_graphic,
    visibility_requests,
)
from hostconsole.services.prompter import Prompter, Script, build_script
from hostconsole.services.prompts import SalesPrompter
from hostconsole.services.questions import Question, Questions, QuestionState
from hostconsole.services.vouchers import Recorded, VoucherCounter

if TYPE_CHECKING:
    import httpx

    from hostconsole.adapters.obs.link import LinkStatus, ObsLink
    from hostconsole.adapters.obs.preflight import PreflightResult
    from hostconsole.adapters.sales.feeds import CommentFeed, PollFeed, StreamFeed
    from hostconsole.adapters.sales.model import CommentSeen, FeedStatus
    from hostconsole.domain.show import Segment, Show
    from hostconsole.services.report import ShowReport

log = logging.getLogger(__name__)

Listener = Callable[[str], None]
ON_AIR = (ClockState.RUNNING, ClockState.PAUSED)
SHOW_FILE_WATCH_SECONDS = 2.0  # how often the show file is checked for outside changes
PROMPTER_SAVE_SECONDS = 3.0  # how often a running prompter's place is saved


@dataclass(frozen=True, slots=True)
class PresenterMessage:
    text: str = ""
    blink: bool = False
    at: float = 0.0


def show_slug(path: str) -> str:
    stem = Path(path).name.split(".")[0] or "show"
    return re.sub(r"[^\w-]+", "-", stem).strip("-") or "show"


def show_key(document: ShowDocument) -> str:
    """The name of a show's data folder: what the show is, never the day it is opened.

    An explicit ``id`` in the show file wins; otherwise the file (its name and where it is)
    and the show's date, so a show that runs past midnight keeps one ledger.
    """
    show = document.show
    if show.id:
        return re.sub(r"[^\w-]+", "-", show.id).strip("-") or "show"
    where = hashlib.sha1(str(Path(document.file).resolve()).encode(), usedforsecurity=False)
    day = show.date.isoformat() if show.date else "undated"
    return f"{show_slug(document.file)}-{day}-{where.hexdigest()[:8]}"


def _plain(value: Any) -> Any:
    """A YAML node as plain JSON values (for the command log and an undo)."""
    return json.loads(json.dumps(value, default=str))


def _edit_document(
    document: ShowDocument, args: dict[str, Any], on_air_id: str | None
) -> tuple[str, dict[str, Any]]:
    """Apply one run-sheet edit to a document: (what was done, what an undo needs). Refused
    (the document unchanged) when it is invalid or would take the segment on air off."""
    show = document.show
    op = args.get("op")
    data: dict[str, Any] = {}
    try:
        if op == "insert":
            fields = args.get("fields")
            index = args.get("index")
            if not isinstance(fields, dict) or not isinstance(index, int):
                raise Refused("an insert needs 'index' and 'fields'", INVALID)
            document.insert_segment(max(0, min(index, len(show.segments))), dict(fields))
            return f"added {fields.get('id')}", data
        if op == "remove":
            segment_id = str(args.get("segment"))
            segment = show.segment(segment_id)
            if segment_id == on_air_id:
                raise Refused(
                    f"“{segment.title}” is on air and cannot be deleted; "
                    "move to another segment first"
                )
            if len(show.segments) <= 1:
                raise Refused("a run sheet needs at least one segment")
            index = [s.id for s in show.segments].index(segment_id)
            removed = document.remove_segment(segment_id)
            return f"deleted {segment_id}", {"index": index, "fields": _plain(removed)}
        if op == "move":
            segment_id = str(args.get("segment"))
            index = args.get("index")
            if not isinstance(index, int) or not 0 <= index < len(show.segments):
                raise Refused("'index' must be a place in the run sheet", INVALID)
            show.segment(segment_id)
            document.move_segment(segment_id, index)
            return f"moved {segment_id} to {index}", data
        if op == "set":
            segment_id = str(args.get("segment"))
            changes = args.get("changes")
            if not isinstance(changes, dict) or "id" in changes:
                raise Refused("'changes' must be fields other than the id", INVALID)
            show.segment(segment_id)
            data = {"before": _plain(document.segment_fields(segment_id, list(changes)))}
            document.set_segment_fields(segment_id, dict(changes))
            return f"edited {segment_id}", data
        raise Refused(f"unknown edit '{op}'", INVALID)
    except ShowFileError as error:
        raise Refused(str(error), INVALID) from None
    except KeyError as error:
        raise Refused(f"no segment with id {error}", NOT_FOUND) from None


class ShowSession:
    def __init__(
        self,
        document: ShowDocument,
        settings: Settings,
        data_dir: Path,
        *,
        now: Callable[[], float] | None = None,
        obs_password: Callable[[], str | None] | None = None,
        sales_token: Callable[[], str | None] | None = None,
        connect_obs: bool = True,
        rehearsal: bool = False,
        today: Callable[[], date] = date.today,
        read_only: bool = False,
        lock: ShowLock | None = None,
        renderer: GraphicRenderer | None = None,
    ) -> None:
        self.document = document
        # Read-only: another console runs this show (it holds the folder's lock); this one
        # shows the run sheet and changes nothing — no ledger, feeds, OBS or saves.
        self.read_only = read_only
        # Draws the on-air graphics (the app gives the Qt one; services never import Qt).
        self.renderer = renderer
        self.settings = settings
        # Running time follows the monotonic clock: an NTP step moves no countdown.
        self.now: Callable[[], float] = now or MonotonicWallClock()
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
            now=self.now,
        )
        self.onair_log = OnAirLog(self.show_dir / "on-air-log.jsonl", self.writer)
        self.command_log = JsonLinesFile(self.show_dir / "commands.jsonl", self.writer)
        self.commands = CommandQueue(self._execute, self._record, self.now)
        self.commands.after_each.append(lambda _command, _result: self._schedule_transition())
        self.obs: ObsLink | None = None
        if connect_obs:
            # Imported only with OBS control on: obsws-python and websocket-client are not
            # needed to show a run sheet.
            from hostconsole.adapters.obs.link import ObsLink, ObsSettings

            self.obs = ObsLink(
                ObsSettings(host=settings.obs_host, port=settings.obs_port),
                obs_password or self._obs_password,
            )
        self._read_sales_token = sales_token or self._sales_token_from_keyring
        self._sales_token: str | None = None
        self.http: httpx.AsyncClient | None = None
        self.poll: PollFeed | None = None
        self.stream: StreamFeed | None = None
        self.message = PresenterMessage()
        self.covered: set[str] = set()
        self.actual_times: dict[str, list[float | None]] = {}  # segment → [start, end]
        self.prompter = Prompter()
        self.questions = Questions()
        self.sales_prompter = SalesPrompter(
            settings.quiet_prompt_seconds, settings.burst_prompt_sales
        )
        self._prompted_count = 0
        self.comments: CommentFeed | None = None  # viewers' comments from their own URL
        self._script: Script | None = None
        self._script_for: Show | None = None
        self.pushed_point: str | None = None
        self.caption_point: str | None = None
        self.live_graphics: LiveGraphics | None = None
        self.armed: int | None = None
        self.prepared: int | None = None  # the segment whose cue is in studio-mode preview
        self.last_cue: CueResult | None = None
        self.owed_cue: str | None = None  # a segment whose cue did not reach OBS yet
        self.resumed = False  # started from a crashed run's state
        self.flags: list[str] = []
        # A damaged run-state.json, kept aside: said once in the console's banner.
        self.run_state_problem: str | None = None
        # The show file: a failed save (kept, retried), an outside change that does not fit.
        self.show_file_problem: str | None = None
        self.show_file_conflict: str | None = None
        self._unsaved_edits: list[dict[str, Any]] = []
        self._last_file_problem: str | None = None
        self._last_rejected_digest: str | None = None
        self.milestone_hits: list[int] = []
        self._changed: Announcer[str] = Announcer("a show change")
        self._tasks: set[asyncio.Task[Any]] = set()
        self._timers: list[asyncio.TimerHandle] = []
        self._transition_timer: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._auto_pending = False
        self._closing = False
        self.secret_problem: str | None = None

    # --- plumbing -----------------------------------------------------------------------

    @property
    def show(self) -> Show:
        return self.document.show

    def add_listener(self, listener: Listener) -> None:
        self._changed.connect(listener)

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
            log.error("%s failed: %s", task.get_name(), task.exception())

    def _obs_password(self) -> str | None:
        # Called by the OBS link on its worker thread, once per connection attempt.
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

    async def _load_sales_token(self) -> None:
        """Read the token on a worker (a locked keyring may prompt), once, not per request."""
        self._sales_token = await asyncio.get_running_loop().run_in_executor(
            None, self._read_sales_token
        )

    async def sales_token_changed(self) -> None:
        await self._load_sales_token()
        for feed in (self.poll, self.stream):
            if feed is not None:
                feed.token_changed()

    def _make_clock(self, show: Show) -> RunSheetClock:
        if self.rehearsal:
            # A rehearsal runs from when it is started: times of day would be hours off.
            timings = [replace(t, hard_start=None) for t in timings_for(show, self.day)]
            return RunSheetClock(timings, self.now)
        planned = epoch_at(self.day, show.planned_start) if show.planned_start else None
        return RunSheetClock(timings_for(show, self.day), self.now, planned_start=planned)

    def _on_air(self) -> tuple[str | None, str | None]:
        if self.clock.state not in ON_AIR:
            return (None, None)
        segment = self.show.segments[self.clock.index]
        return (segment.id, segment.products[0] if segment.products else None)

    def overlay_context(self, segment: Segment | None = None) -> OverlayContext:
        shown = segment or self.current_segment()
        elapsed, planned, product_sold = 0.0, None, 0
        if self._has_flash_sale and self.clock.state in ON_AIR and shown is self.current_segment():
            snap = self.clock.snapshot()
            elapsed, planned = snap.elapsed, snap.planned
        if self._has_flash_sale and shown.products:
            product_sold = self.counter.state.by_product().get(shown.products[0], 0)
        return OverlayContext(
            show=self.show,
            segment=shown,
            sold=self.counter.count,
            goal=self.counter.state.goal,
            rate=self.counter.rate(),
            caption_point=self.caption_point,
            milestone=self.milestone_hits[-1] if self.milestone_hits else 0,
            qr_dir=self.show_dir / "qr",
            canvas=self.obs.canvas if self.obs is not None else DEFAULT_CANVAS,
            renderer=self.renderer,
            segment_elapsed=elapsed,
            segment_planned=planned,
            product_sold=product_sold,
            question=None
            if self.questions.on_air_question is None
            else (self.questions.on_air_question.author, self.questions.on_air_question.text),
        )

    @property
    def _has_flash_sale(self) -> bool:
        return any(o.kind is OverlayKind.FLASH_SALE for o in self.show.overlays)

    # --- lifecycle ----------------------------------------------------------------------

    def saved_state(self) -> dict[str, Any] | None:
        """The run state left by the last run of this show, if it did not close cleanly.

        Read field by field (adapters/storage/validated.py): a wrong value is named and
        defaulted; a file that cannot be read is kept aside and reported, never a crash."""
        from hostconsole.adapters.storage.validated import read_run_state

        read = read_run_state(self.state_path)
        if read.problem:
            self.run_state_problem = read.problem
            self.changed("show")
        state = read.state
        if state is None or state["closed_cleanly"]:
            return None
        clock = state.get("clock")
        if not isinstance(clock, dict) or clock.get("state") in (
            None,
            ClockState.NOT_STARTED.value,
        ):
            return None
        return state

    async def start(self, resume: dict[str, Any] | None = None) -> None:
        """Open the ledger, resume, start the engine, OBS and the feeds. Raises
        ShowLockedError when another console holds this show (before touching anything)."""
        self._loop = asyncio.get_running_loop()
        if self.read_only:
            self.commands.start()
            self.changed("show")
            return
        self.lock.acquire()
        await self.counter.open()
        self.counter.add_change_listener(self._vouchers_changed)
        self.counter.add_flag_listener(self._flagged)
        self.counter.add_milestone_listener(self._milestone)
        self.counter.add_storage_listener(lambda _fault: self.changed("vouchers"))
        if resume is not None:
            self._resume(resume)
        self.commands.start()
        self._schedule_transition()
        if self.obs is not None:
            self.live_graphics = LiveGraphics(self.obs, self.overlay_context)
            self.live_graphics.start()
            self.obs.add_status_listener(lambda _status: self.changed("obs"))
            self.obs.add_event_listener(self._obs_event)
            self.obs.add_resync_listener(lambda _report: self._resynced())
            self.obs.start()
        await self._start_feeds()
        self.spawn(self._watch_show_file(), "show-file-watch")
        self._prompted_count = self.counter.count
        self.spawn(self._watch_sales_prompts(), "sales-prompts")
        self.save_state()
        self.changed("show")

    def _resume(self, saved: dict[str, Any]) -> None:
        try:
            day = saved.get("day")
            if self.show.date is None and isinstance(day, str):
                self.day = date.fromisoformat(day)
                self.clock = self._make_clock(self.show)
            self.clock.restore_state(saved["clock"])
            prompter = saved.get("prompter")
            if isinstance(prompter, dict):
                self.current_script()  # its length first: a saved place is kept within it
                self.prompter.restore(prompter, self.now())
            times = saved.get("actual_times") or {}
            self.actual_times = {
                str(key): [value[0], value[1] if len(value) > 1 else None]
                for key, value in times.items()
                if isinstance(value, list) and value and value[0] is not None
            }
            covered = saved.get("covered", [])
            self.covered = {str(c) for c in covered} if isinstance(covered, list) else set()
            message = saved.get("message") or {}
            if isinstance(message, dict):
                self.message = PresenterMessage(
                    str(message.get("text", "")), bool(message.get("blink"))
                )
        except (KeyError, ValueError, TypeError, AttributeError, IndexError) as error:
            from hostconsole.adapters.storage.validated import keep_aside

            self.clock = self._make_clock(self.show)
            self.covered, self.message = set(), PresenterMessage()
            self.run_state_problem = keep_aside(
                self.state_path, f"could not be resumed ({error})"
            ).problem
            return
        self.resumed = True
        if self.clock.state in ON_AIR:
            # OBS may have been changed while the console was away: the segment's cue is
            # owed, and sent as soon as OBS is connected.
            self.owed_cue = self.current_segment().id
        self.onair_log.write(
            "resume", "automatic", f"resumed at segment {self.current_segment().id}"
        )

    async def _start_feeds(self) -> None:
        kind = self.settings.feed_kind
        if kind == "none" and not self.settings.comments_url:
            return
        # Imported here: httpx costs a tenth of a second at start-up, for shows without a feed.
        from hostconsole.adapters.sales.feeds import CommentFeed, PollFeed, StreamFeed
        from hostconsole.adapters.sales.http import make_client

        await self._load_sales_token()

        def token() -> str | None:
            return self._sales_token

        self.http = make_client(verify=self.settings.verify_tls)
        if kind in ("poll", "both") and self.settings.poll_url:
            self.poll = PollFeed(
                self.http,
                self.settings.poll_url,
                self.settings.json_pointer,
                self.counter.observe,
                interval=self.settings.poll_interval,
                token=token,
                now=self.now,
            )
            self.poll.add_status_listener(lambda _status: self.changed("feed"))
        if kind in ("stream", "both") and self.settings.stream_url:
            self.stream = StreamFeed(
                self.http,
                self.settings.stream_url,
                self.counter.observe,
                token=token,
                fallback=self.poll,
                now=self.now,
                resume_after=self.counter.last_stream_event_id,
                on_comment=self._comment,
            )
            self.stream.add_status_listener(lambda _status: self.changed("feed"))
            self.stream.start()
        elif self.poll is not None:
            self.poll.start()
        if self.settings.comments_url:

            async def no_sales(_observation: Any) -> None:
                return None

            self.comments = CommentFeed(
                self.http,
                self.settings.comments_url,
                no_sales,
                token=token,
                now=self.now,
                on_comment=self._comment,
            )
            self.comments.add_status_listener(lambda _status: self.changed("feed"))
            self.comments.start()

    def _comment(self, comment: CommentSeen) -> None:
        """A viewer's comment: listed for the producer (nothing reaches a screen unapproved)."""
        self.questions.add(comment)
        self.changed("question")

    async def close(self) -> None:
        """Run queued commands, stop feeds and OBS, commit the ledger, save the run state as
        closed cleanly."""
        self._closing = True  # no new clock timers, also while queued commands finish
        for timer in self._timers:
            timer.cancel()
        if self._transition_timer is not None:
            self._transition_timer.cancel()
            self._transition_timer = None
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # Let them finish cancelling while the loop runs (not in a later, loop-less step).
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.commands.stop()
        if self.live_graphics is not None:
            await self.live_graphics.stop()
        for feed in (self.stream, self.poll, self.comments):
            if feed is not None:
                await feed.stop()
        if self.http is not None:
            await self.http.aclose()
        if self.obs is not None:
            await self.obs.stop()
        if not self.read_only:
            await self.counter.close()
            self.save_state(closed_cleanly=True)
        self.onair_log.close()
        self.command_log.close()
        await asyncio.get_running_loop().run_in_executor(None, self.writer.close)
        self.lock.release()

    def save_state(self, *, closed_cleanly: bool = False) -> None:
        """Written on the show's writer thread (fsync there), in order with the logs."""
        if self.read_only:
            return
        self._track_actual_times()
        state = {
            "show_file": str(Path(self.document.file).resolve()),
            "saved_at": self.now(),
            "closed_cleanly": closed_cleanly,
            "rehearsal": self.rehearsal,
            "day": self.day.isoformat(),
            "clock": self.clock.save_state(),
            "covered": sorted(self.covered),
            "message": {"text": self.message.text, "blink": self.message.blink},
            "actual_times": {key: list(value) for key, value in self.actual_times.items()},
            "prompter": self.prompter.to_json(self.now()),
        }
        self.writer.submit("the run state", write_json_atomically, self.state_path, state)

    def _track_actual_times(self) -> None:
        """When each segment really started and ended (wall clock), for the cuesheet: noted
        whenever the run state is saved, which every change of segment does."""
        now = self.now()
        state = self.clock.state
        on_air = self.current_segment().id if state in ON_AIR else None
        for segment_id, times in self.actual_times.items():
            if segment_id != on_air and times[1] is None:
                times[1] = now
        if on_air is not None:
            known = self.actual_times.get(on_air)
            if known is None:
                self.actual_times[on_air] = [now, None]
            elif known[1] is not None:  # back to a segment: its first start, a new end
                known[1] = None

    # --- reading ------------------------------------------------------------------------

    def snapshot(self) -> ClockSnapshot:
        return self.clock.snapshot()

    def current_segment(self) -> Segment:
        return self.show.segments[self.clock.index]

    def next_segment(self) -> Segment | None:
        snap = self.clock.snapshot()
        return None if snap.next_index is None else self.show.segments[snap.next_index]

    def missing_earlier_sales_since(self) -> float | None:
        """When a stream-only feed first connected, while it may lack earlier sales (the
        platform has sent no total to reconcile with); None otherwise."""
        stream = self.stream
        if stream is None or self.poll is not None or not stream.may_miss_earlier_sales:
            return None
        return stream.first_connected_at

    def feed_statuses(self) -> list[FeedStatus]:
        return [feed.status for feed in (self.stream, self.poll) if feed is not None]

    def obs_status(self) -> LinkStatus | None:
        return None if self.obs is None else self.obs.status

    # --- the command path ---------------------------------------------------------------

    def submit(
        self, kind: str, origin: str = "console", **args: Any
    ) -> asyncio.Future[CommandResult]:
        """Queue a command; the future holds its result once it has run."""
        return self.commands.submit(kind, origin, **args)

    async def execute(self, kind: str, origin: str = "console", **args: Any) -> CommandResult:
        """Queue a command and wait for its result (the command runs even if this is
        cancelled)."""
        return await asyncio.shield(self.submit(kind, origin, **args))

    async def _execute(self, command: Command) -> CommandResult:
        if self.read_only:
            raise Refused(
                "this console is read-only: the show runs in another Host Console", UNAVAILABLE
            )
        handler = getattr(self, "_do_" + command.kind.replace("-", "_"), None)
        if handler is None:
            raise Refused(f"unknown command '{command.kind}'", INVALID)
        result: CommandResult = await handler(command)
        return result

    def _record(self, command: Command, result: CommandResult) -> None:
        self.command_log.append({**command.to_json(), "result": result.to_json()})

    def _schedule_transition(self) -> None:
        """Set a timer for the moment the running segment runs out by itself (re-set after
        every command, since only a command changes when that is)."""
        if self._transition_timer is not None:
            self._transition_timer.cancel()
            self._transition_timer = None
        if self._closing or self._loop is None:
            return
        wait = self.clock.seconds_until_due(self.now())
        if wait is not None and not self._auto_pending:
            self._transition_timer = self._loop.call_later(wait, self._transition_due)

    def _transition_due(self) -> None:
        """The clock's own transition becomes a command on the one queue, origin automatic."""
        self._transition_timer = None
        transition = self.clock.due(self.now())
        if transition is None:
            self._schedule_transition()  # a timer a hair early: set it again
            return
        self._auto_pending = True
        future = self.submit(
            "go",
            "automatic",
            from_index=transition.from_index,
            to_index=transition.to_index,
            at=transition.at,
        )
        future.add_done_callback(self._auto_done)

    def _auto_done(self, _future: asyncio.Future[CommandResult]) -> None:
        self._auto_pending = False
        self._schedule_transition()

    # --- legacy-shaped helpers (tests, the screenshot tour, benchmarks) -------------------

    async def go(self, index: int | None = None, origin: str = "console") -> CueResult | None:
        return (await self.execute("go", origin, index=index)).cue  # type: ignore[no-any-return]

    async def goto(self, segment_id: str, origin: str = "console") -> CueResult | None:
        return (await self.execute("go", origin, segment=segment_id)).cue  # type: ignore[no-any-return]

    async def next(self, origin: str = "console") -> CueResult | None:
        return (await self.execute("next", origin)).cue  # type: ignore[no-any-return]

    async def correct(self, delta: int, reason: str, origin: str = "console") -> CommandResult:
        return await self.execute("correction", origin, amount=delta, reason=reason)

    async def preflight(self, create: bool, origin: str = "console") -> PreflightResult:
        result = await self.execute("preflight", origin, create=create)
        if "preflight" not in result.data:
            raise RuntimeError(result.detail)
        return result.data["preflight"]  # type: ignore[no-any-return]

    def send_message(
        self, text: str, blink: bool = False, origin: str = "console"
    ) -> asyncio.Future[CommandResult]:
        return self.submit("message", origin, text=text, blink=blink)

    def push_point(
        self, point_id: str | None, origin: str = "console"
    ) -> asyncio.Future[CommandResult]:
        return self.submit("push", origin, point=point_id)

    def set_covered(
        self, point_id: str, covered: bool, origin: str = "console"
    ) -> asyncio.Future[CommandResult]:
        return self.submit("covered", origin, point=point_id, covered=covered)

    # --- commands: the run sheet ----------------------------------------------------------

    def _segment_index(self, args: Any) -> int | None:
        if args.get("segment") is not None:
            segment_id = args["segment"]
            if not isinstance(segment_id, str):
                raise Refused("'segment' must be a segment id (text)", INVALID)
            for index, segment in enumerate(self.show.segments):
                if segment.id == segment_id:
                    return index
            raise Refused(f"no segment with id '{segment_id}'", NOT_FOUND)
        index = args.get("index")
        if index is None:
            return None
        if isinstance(index, bool) or not isinstance(index, int):
            raise Refused("'index' must be a whole number", INVALID)
        if not 0 <= index < len(self.show.segments):
            raise Refused(f"no segment number {index}", NOT_FOUND)
        return index

    async def _do_go(self, command: Command) -> CommandResult:
        """Put a segment on air: the given, else the armed, else the next; sends its cue."""
        args = command.args
        if "from_index" in args:
            return await self._clock_transition(command)
        index = self._segment_index(args)
        if index is None:
            index = self.armed if self.armed is not None else self.clock.snapshot().next_index
        if index is None:
            raise Refused("the show has ended: there is no next segment")
        self.armed = None
        if self.clock.state is ClockState.PAUSED:
            self.clock.resume()
        self.clock.go_to(index)
        return await self._entered(command, "go")

    async def _clock_transition(self, command: Command) -> CommandResult:
        """A ``next`` segment ran out: exactly the GO path, as of the moment it ran out."""
        transition = self.clock.due(self.now())
        if transition is None or transition.from_index != command.args.get("from_index"):
            raise Refused("the segment no longer runs out by itself (the run sheet moved)")
        self.clock.carry_out(transition)
        if transition.to_index is None:
            return self._finished(command)
        return await self._entered(command, "go")

    async def _do_next(self, command: Command) -> CommandResult:
        state = self.clock.state
        if state is ClockState.FINISHED:
            raise Refused("the show has ended")
        self.clock.next()
        if self.clock.state is ClockState.FINISHED:
            return self._finished(command)
        return await self._entered(command, "next")

    def _finished(self, command: Command) -> CommandResult:
        self.onair_log.write("finish", command.origin, "the show ended")
        self.save_state()
        self.changed("clock")
        return CommandResult(detail="the show ended")

    async def _do_previous(self, command: Command) -> CommandResult:
        if self.clock.state is ClockState.NOT_STARTED:
            raise Refused("the show has not started")
        self.clock.previous()
        return await self._entered(command, "previous")

    def _clock_changed(self, action: str, origin: str, detail: str) -> CommandResult:
        self.onair_log.write(action, origin, detail)
        self.save_state()
        self.changed("clock")
        return CommandResult(detail=detail)

    async def _do_pause(self, command: Command) -> CommandResult:
        if self.clock.state is not ClockState.RUNNING:
            raise Refused("the show is not running")
        self.clock.pause()
        return self._clock_changed(
            "pause", command.origin, f"paused in {self.current_segment().id}"
        )

    async def _do_resume(self, command: Command) -> CommandResult:
        if self.clock.state is not ClockState.PAUSED:
            raise Refused("the show is not paused")
        self.clock.resume()
        return self._clock_changed(
            "resume", command.origin, f"resumed in {self.current_segment().id}"
        )

    async def _do_toggle_pause(self, command: Command) -> CommandResult:
        if self.clock.state is ClockState.PAUSED:
            return await self._do_resume(command)
        return await self._do_pause(command)

    async def _do_time(self, command: Command) -> CommandResult:
        seconds = finite_number(command.args.get("seconds"), "seconds", 3600)
        if self.clock.state not in ON_AIR:
            raise Refused("the show is not on air")
        self.clock.add_time(seconds)
        return self._clock_changed(
            "time", command.origin, f"{seconds:+g} s on {self.current_segment().id}"
        )

    async def _do_arm(self, command: Command) -> CommandResult:
        self.armed = self._segment_index(command.args)
        self.changed("clock")
        return CommandResult(detail=f"armed {self.armed}")

    async def _do_restart(self, command: Command) -> CommandResult:
        """Start the run sheet afresh (after a resume): the ledger and its count stay."""
        self.clock.reset()
        self.actual_times = {}
        self.owed_cue = None
        self.resumed = False
        self.armed = None
        self.changed("show")
        return self._clock_changed("restart", command.origin, "run sheet started afresh")

    async def _entered(self, command: Command, action: str) -> CommandResult:
        segment = self.current_segment()
        # The cue goes to OBS first; the bookkeeping (ledger entry, saved state) is done while
        # OBS works, so a GO costs the audience no more than the batch and one frame.
        cue: asyncio.Task[CueResult] | None = None
        if self.obs is not None and self.obs.connected:
            cue = asyncio.get_running_loop().create_task(
                apply_cue(self.overlay_context(segment), self.obs), name="obs-cue"
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
        # A cue OBS did not get is owed: the link's re-sync sends it when OBS is back.
        self.owed_cue = segment.id if result is not None and not result.ok else None
        self.onair_log.write(
            action,
            command.origin,
            f"{segment.id} → scene {segment.scene or '-'}",
            "ok" if result is None or result.ok else result.summary(),
        )
        self.changed("cue")
        return CommandResult(detail=f"{segment.id} on air", cue=result)

    async def _do_reapply(self, command: Command) -> CommandResult:
        """Send an owed cue again (OBS came back), if its segment is still on air."""
        if self.obs is None or not self.obs.connected:
            raise Refused("OBS is not connected", UNAVAILABLE)
        segment = self.current_segment()
        if self.owed_cue != segment.id or self.clock.state not in ON_AIR:
            raise Refused("no cue is owed for the segment on air")
        result = await apply_cue(self.overlay_context(segment), self.obs)
        self.last_cue = result
        self.owed_cue = None if result.ok else segment.id
        self.onair_log.write(
            "go",
            command.origin,
            f"{segment.id} re-applied after reconnect",
            "ok" if result.ok else result.summary(),
        )
        self.changed("cue")
        return CommandResult(detail=f"{segment.id} re-applied", cue=result)

    # --- commands: studio mode ------------------------------------------------------------

    def _connected_obs(self) -> ObsLink:
        if self.obs is None:
            raise Refused("OBS control is off", UNAVAILABLE)
        if not self.obs.connected:
            raise Refused("OBS is not connected", UNAVAILABLE)
        return self.obs

    async def _do_prepare(self, command: Command) -> CommandResult:
        """Studio mode: put the next (or armed, or given) segment's cue in preview; Take then
        puts it on air and moves the run sheet to it."""
        obs = self._connected_obs()
        index = self._segment_index(command.args)
        if index is None:
            index = self.armed if self.armed is not None else self.clock.snapshot().next_index
        if index is None:
            raise Refused("there is no next segment to prepare")
        if not obs.studio_mode:
            await obs.set_studio_mode(True)
        segment = self.show.segments[index]
        result = await apply_cue(self.overlay_context(segment), obs, to_preview=True)
        self.prepared = index
        self.onair_log.write(
            "prepare",
            command.origin,
            f"{segment.id} in preview",
            "ok" if result.ok else result.summary(),
        )
        self.changed("cue")
        return CommandResult(detail=f"{segment.id} in preview", cue=result)

    async def _do_take(self, command: Command) -> CommandResult:
        """Studio mode: the prepared preview goes to program (and the run sheet with it)."""
        obs = self._connected_obs()
        if not obs.studio_mode:
            raise Refused("OBS is not in studio mode")
        from hostconsole.adapters.obs.errors import ObsError

        try:
            program = await obs.take()
        except ObsError as error:
            self.onair_log.write("take", command.origin, "take", f"failed: {error}")
            return CommandResult(False, f"OBS: {error}")
        self.onair_log.write("take", command.origin, f"program is {program}")
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
        return CommandResult(detail=f"program is {program}", data={"program": program})

    async def _do_studio_mode(self, command: Command) -> CommandResult:
        obs = self._connected_obs()
        enabled = command.args.get("enabled")
        if not isinstance(enabled, bool):
            raise Refused("'enabled' must be true or false", INVALID)
        await obs.set_studio_mode(enabled)
        self.changed("obs")
        return CommandResult(detail=f"studio mode {'on' if enabled else 'off'}")

    # --- commands: presenter, points, overlays --------------------------------------------

    async def _do_message(self, command: Command) -> CommandResult:
        text = clean_text(command.args.get("text", ""), "text", 500).strip()
        blink = command.args.get("blink", False)
        if not isinstance(blink, bool):
            raise Refused("'blink' must be true or false", INVALID)
        self.message = PresenterMessage(text, blink, self.now())
        self.onair_log.write("message", command.origin, f"{text!r}{' (blinking)' if blink else ''}")
        self.save_state()
        self.changed("message")
        return CommandResult(detail="message sent" if text else "message cleared")

    def _point_id(self, command: Command, *, required: bool) -> str | None:
        point = command.args.get("point")
        if point is None and not required:
            return None
        if not isinstance(point, str):
            raise Refused("'point' must be a talking point id", INVALID)
        if point not in {p.id for p in self.show.talking_points}:
            raise Refused(f"no talking point with id '{point}'", NOT_FOUND)
        return point

    async def _do_prompter(self, command: Command) -> CommandResult:
        """Start, stop, speed, size, back/forward and jump to a segment's marker: from the
        console, its keys, the presenter's clicker or the control API."""
        action = command.args.get("action")
        segment = command.args.get("segment")
        if not isinstance(action, str) or (segment is not None and not isinstance(segment, str)):
            raise Refused("'action' must be a prompter action (and 'segment' an id)", INVALID)
        if not self.current_script().markers and action not in ("show", "hide"):
            raise Refused("no segment of this show has a script", NOT_FOUND)
        try:
            detail = self.prompter.apply(action, self.now(), segment)
        except ValueError as error:
            raise Refused(str(error), INVALID) from None
        self.onair_log.write("prompter", command.origin, detail)
        self.save_state()
        if self.prompter.running:
            self.spawn(self._save_while_prompting(), "prompter-save")
        self.changed("prompter")
        return CommandResult(detail=detail, data={"prompter": self.prompter.to_json(self.now())})

    async def results(self) -> ShowReport:
        """The show's report so far: the console's own running numbers, with the ledger's
        corrections, milestones and quarantined events (read on its thread — the file is
        held by this console) and the on-air log. Nothing walks every sale."""
        from hostconsole.services.report import report_from_state

        (
            corrections,
            milestones,
            (first, last),
            quarantined,
        ) = await self.counter.store.report_parts()
        timeline = await asyncio.get_running_loop().run_in_executor(None, self.onair_log.lines)
        return report_from_state(
            self.show,
            self.counter.state,
            first=first,
            last=last,
            corrections=corrections,
            milestones=milestones,
            quarantined=quarantined,
            timeline=timeline,
            rehearsal=self.rehearsal,
        )

    def current_script(self) -> Script:
        """The prompter's text for the show as it is now (rebuilt when the show changed)."""
        show = self.show
        if self._script is None or self._script_for is not show:
            self._script = build_script(show)
            self._script_for = show
            self.prompter.set_script(self._script, self.now())
        return self._script

    async def _watch_sales_prompts(self) -> None:
        """Once a second: is a sales prompt due (quiet segment, or a burst)? A prompt is an
        automatic event, logged and shown; the producer dismisses it."""
        while not self._closing:
            await asyncio.sleep(1.0)
            on_air = self.clock.state is ClockState.RUNNING
            segment = self.current_segment() if on_air else None
            started = None
            if segment is not None:
                started = (self.actual_times.get(segment.id) or [None])[0]
            prompt = self.sales_prompter.check(
                self.now(), self.show, segment, started, self.covered, self.counter.count
            )
            if prompt is not None:
                self.onair_log.write("prompt", "automatic", f"{prompt.kind}: {prompt.text}")
                self.changed("prompt")

    async def _do_prompt(self, command: Command) -> CommandResult:
        """The producer dismisses the sales prompt on the presenter's screen."""
        if command.args.get("action") != "dismiss":
            raise Refused("'action' must be dismiss", INVALID)
        gone = self.sales_prompter.dismiss()
        if gone is None:
            raise Refused("there is no sales prompt to dismiss", CONFLICT)
        detail = f"dismissed {gone.kind}: {gone.text}"
        self.onair_log.write("prompt", command.origin, detail)
        self.changed("prompt")
        return CommandResult(detail=detail)

    async def _save_while_prompting(self) -> None:
        """While the text runs, its position is saved every few seconds (a crash loses at most
        that much of the official's place)."""
        while self.prompter.running and not self._closing:
            await asyncio.sleep(PROMPTER_SAVE_SECONDS)
            self.save_state()

    async def _do_question(self, command: Command) -> CommandResult:
        """approve / dismiss a viewer's question; present / withdraw it on the presenter's
        screen; on-air / off-air as the question card. Only an approved one goes anywhere."""
        action = command.args.get("action")
        question_id = command.args.get("id")
        questions = self.questions
        if action == "withdraw":
            questions.presented = None
            detail = "question withdrawn from the presenter"
        elif action == "off-air":
            detail = await self._question_card(None, command.origin)
        else:
            if not isinstance(question_id, str) or questions.get(question_id) is None:
                raise Refused(f"no question with id '{question_id}'", NOT_FOUND)
            question = questions.get(question_id)
            assert question is not None
            if action == "approve":
                question.state = QuestionState.APPROVED
                detail = f"approved {question.id}"
            elif action == "dismiss":
                question.state = QuestionState.DISMISSED
                if questions.presented == question.id:
                    questions.presented = None
                detail = f"dismissed {question.id}"
            elif action in ("present", "on-air"):
                if question.state is not QuestionState.APPROVED:
                    raise Refused("only an approved question can be shown", CONFLICT)
                if action == "present":
                    questions.presented = question.id
                    detail = f"{question.id} on the presenter's screen"
                else:
                    detail = await self._question_card(question, command.origin)
            else:
                raise Refused(
                    "'action' must be approve, dismiss, present, withdraw, on-air or off-air",
                    INVALID,
                )
        self.onair_log.write("question", command.origin, detail)
        self.changed("question")
        return CommandResult(detail=detail)

    async def _question_card(self, question: Question | None, origin: str) -> str:
        """The question card on air (drawn with the question) or off."""
        cards = [o for o in self.show.overlays if o.kind is OverlayKind.QUESTION]
        if not cards:
            raise Refused("this show has no question overlay", NOT_FOUND)
        self._connected_obs()
        self.questions.on_air = None if question is None else question.id
        result = await self._set_overlay(cards[0].id, question is not None, origin)
        if result != "ok":
            raise Refused(result, UNAVAILABLE)
        return f"question card {'on air: ' + question.id if question else 'off air'}"

    async def _do_covered(self, command: Command) -> CommandResult:
        point = self._point_id(command, required=True)
        assert point is not None
        if command.args.get("covered", True):
            self.covered.add(point)
        else:
            self.covered.discard(point)
        self.save_state()
        self.changed("points")
        return CommandResult()

    async def _do_push(self, command: Command) -> CommandResult:
        self.pushed_point = self._point_id(command, required=False)
        self.onair_log.write("push", command.origin, f"talking point {self.pushed_point}")
        self.changed("points")
        return CommandResult()

    async def _do_caption(self, command: Command) -> CommandResult:
        """Put a talking point on air as the caption overlay (or hide the caption)."""
        point = self._point_id(command, required=False)
        captions = [o for o in self.show.overlays if o.kind is OverlayKind.CAPTION]
        if not captions:
            raise Refused("this show has no caption overlay", NOT_FOUND)
        self._connected_obs()
        self.caption_point = point
        overlay = captions[0]
        result = await self._set_overlay(overlay.id, point is not None, command.origin)
        self.onair_log.write("caption", command.origin, f"talking point {point}", result)
        return CommandResult(result == "ok", result)

    async def _do_overlay(self, command: Command) -> CommandResult:
        overlay_id = command.args.get("overlay")
        visible = command.args.get("visible")
        if not isinstance(visible, bool):
            raise Refused("'visible' must be true or false", INVALID)
        if overlay_id not in {o.id for o in self.show.overlays}:
            raise Refused(f"no overlay with id '{overlay_id}'", NOT_FOUND)
        self._connected_obs()
        result = await self._set_overlay(str(overlay_id), visible, command.origin)
        return CommandResult(result == "ok", result, data={"result": result})

    async def _set_overlay(self, overlay_id: str, visible: bool, origin: str) -> str:
        """Show or hide one overlay in the program scene, as one batch (all its parts)."""
        obs = self._connected_obs()
        overlay = next(o for o in self.show.overlays if o.id == overlay_id)
        # The scene the console put on program (OBS's own event may be a frame behind).
        wanted = self.current_segment().scene if self.clock.state in ON_AIR else None
        scene = wanted or obs.program_scene
        if scene is None:
            raise Refused("OBS has no program scene yet", UNAVAILABLE)
        context = self.overlay_context()
        requests: list[tuple[str, dict[str, Any]]] = []
        if visible:  # drawn fresh for now, in the same batch as its visibility
            path = await render_graphic(context, overlay)
            if path is not None:
                obs.owned.images[overlay.source] = path
                requests.append(
                    (
                        "SetInputSettings",
                        {"inputName": overlay.source, "inputSettings": {"file": path}},
                    )
                )
        # What it takes the place of goes off in the same batch; each animates as it says.
        others = crowded_out(context, (overlay.id,)) if visible else ()
        problems: list[str] = []
        plan = await motion_plan(
            context,
            obs,
            scene,
            (overlay.id,) if visible else (),
            others if visible else (overlay.id,),
            problems,
        )
        if problems:
            raise Refused("; ".join(problems), UNAVAILABLE)
        requests += plan.at_once + plan.animation()
        answers = await obs.batch(requests)
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        self.onair_log.write(
            "overlay", origin, f"{overlay_id} {'shown' if visible else 'hidden'} in {scene}", result
        )
        self.changed("cue")
        return result

    async def _do_clear_graphics(self, command: Command) -> CommandResult:
        """Every graphic of the show off, in every scene of the show and on program, as one
        batch (the panic key, POST /api/v1/overlays/clear)."""
        obs = self._connected_obs()
        scenes = list(obs_needs(self.show, obs.canvas).scenes)
        if obs.program_scene and obs.program_scene not in scenes:
            scenes.append(obs.program_scene)
        requests: list[tuple[str, dict[str, Any]]] = []
        missing = 0
        for scene in scenes:
            for overlay in self.show.overlays:
                try:
                    requests += await visibility_requests(
                        obs, scene, overlay_parts(overlay, obs.canvas), visible=False
                    )
                except ObsRequestError:
                    missing += 1  # not placed in this scene: nothing to take off
        answers = await obs.batch(requests) if requests else []
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        self.onair_log.write("overlay", command.origin, "all graphics cleared", result)
        self.changed("cue")
        return CommandResult(not failed, result, data={"hidden": len(requests)})

    async def _do_milestone_card(self, command: Command) -> CommandResult:
        """A cue driven by sales: the card is taken, then (a later command) hidden."""
        visible = bool(command.args.get("visible"))
        milestone = command.args.get("milestone")
        cards = milestone_cards(self.show)
        if not cards:
            raise Refused("this show has no milestone overlay", NOT_FOUND)
        obs = self._connected_obs()
        segment = self.current_segment()
        scene = segment.scene or obs.program_scene
        if not scene:
            raise Refused("OBS has no program scene yet", UNAVAILABLE)
        requests, texts = await milestone_card_requests(
            self.overlay_context(segment), obs, scene, visible=visible
        )
        answers = await obs.batch(requests)
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        if visible:
            self.onair_log.write(
                "overlay",
                command.origin,
                f"milestone card {' / '.join(texts)!r} shown in {scene}",
                result,
            )
            hold = max(card.hold_seconds for card in cards)
            loop = asyncio.get_running_loop()
            self._timers.append(
                loop.call_later(
                    hold,
                    lambda: self.submit(
                        "milestone-card", "milestone", milestone=milestone, visible=False
                    ),
                )
            )
        else:
            self.onair_log.write(
                "overlay", command.origin, f"milestone card hidden in {scene}", result
            )
        self.changed("cue")
        return CommandResult(result == "ok", result)

    # --- commands: vouchers and OBS checks ------------------------------------------------

    async def _do_correction(self, command: Command) -> CommandResult:
        amount = command.args.get("amount")
        reason = command.args.get("reason")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
            raise Refused("'amount' must be a non-zero whole number", INVALID)
        if abs(amount) > 10_000:
            raise Refused("'amount' must be at most 10,000 either way", INVALID)
        reason = clean_text(reason, "reason", 500).strip()
        if not reason:
            raise Refused("a correction needs a reason", INVALID)
        if self.counter.storage_fault is not None:
            raise Refused(
                f"the ledger cannot be written ({self.counter.storage_fault.message}); "
                "the correction was not recorded",
                STORAGE,
            )
        from hostconsole.adapters.storage.ledger_db import LedgerWriteError

        try:
            # Bounded: if the disk fails during this commit the correction stays queued and is
            # written when it can; the engine's queue does not wait for the disk.
            recorded: Recorded = await asyncio.wait_for(
                self.counter.correct(amount, reason, operator=command.origin), 5.0
            )
        except LedgerWriteError as error:
            raise Refused(f"{error}; the correction was not recorded", STORAGE) from None
        except TimeoutError:
            self.onair_log.write(
                "correction", command.origin, f"{amount:+d}: {reason} (held: ledger not writable)"
            )
            return CommandResult(
                False,
                "the correction is held in memory and will be written when the ledger can be",
            )
        self.onair_log.write("correction", command.origin, f"{amount:+d}: {reason}")
        return CommandResult(
            detail=f"{amount:+d} recorded",
            data={"count": self.counter.count, "recorded": recorded},
        )

    async def _do_preflight(self, command: Command) -> CommandResult:
        from hostconsole.adapters.obs.preflight import PreflightResult, check, create_missing

        obs = self._connected_obs()
        create = command.args.get("create", False)
        if not isinstance(create, bool):
            raise Refused("'create' must be true or false", INVALID)
        # Laid out for the canvas OBS has now: 16:9 or 9:16 (re-laid out when it changed).
        needs = obs_needs(self.show, await obs.video_canvas())
        if create:
            result = await create_missing(obs, needs)
        else:
            result = PreflightResult(await check(obs, needs))
        detail = f"missing: {len(result.report.lines())}; created: {len(result.created)}"
        self.onair_log.write(
            "preflight",
            command.origin,
            detail,
            "ok" if not result.failed else "; ".join(result.failed),
        )
        # What would reach the screen with an absolute claim (广告法 art. 9), and graphics
        # placed outside the safe area: warned here too.
        found = self.advertising_warnings() + placement_warnings(self.show)
        warnings = [f"{w.path}: {w.message}" for w in found]
        for warning in warnings:
            log.warning("pre-flight: %s", warning)
        self.changed("obs")
        return CommandResult(
            not result.failed, detail, data={"preflight": result, "warnings": warnings}
        )

    async def graphics_tally(self) -> dict[str, bool | None]:
        """Each graphic's state in OBS's program scene, read from OBS (not assumed): on, off,
        or None when it is not in that scene. Empty while OBS is away."""
        obs = self.obs
        if obs is None or not obs.connected or not obs.program_scene:
            return {}
        scene = obs.program_scene
        tally: dict[str, bool | None] = {}
        for overlay in self.show.overlays:
            try:
                item = await obs.scene_item_id(scene, overlay.source)
                answer = await obs.request(
                    "GetSceneItemEnabled", {"sceneName": scene, "sceneItemId": item}
                )
                tally[overlay.id] = bool(answer.get("sceneItemEnabled"))
            except ObsRequestError:
                tally[overlay.id] = None
        return tally

    def advertising_warnings(self) -> list[Problem]:
        """On-screen texts of the show with an absolute claim the Advertising Law bans."""
        from hostconsole.adapters.storage.showfile import banned_words

        return advertising_warnings(self.show, banned_words())

    # --- commands: editing the run sheet --------------------------------------------------

    async def _do_edit(self, command: Command) -> CommandResult:
        """Change the run sheet (insert, remove, move, set fields), save it, and let the clock
        follow. Refused — changing nothing — when invalid or when it would reset the show.

        The file is never clobbered: a change made to it outside (a text editor) is taken in
        first and the edit applied on top of it; a failed save keeps the edit, says so and is
        retried."""
        if self.show_file_conflict is not None:
            raise Refused(
                "the show file changed outside Host Console and does not fit the edits here; "
                "choose “Use the file's version” or “Keep mine” first"
            )
        on_disk = await self._read_changed_show_file()
        if on_disk is not None:
            reloaded = self._take_in_file(on_disk, command.origin)
            if reloaded is not None:
                raise Refused(reloaded)
        on_air_id = self.current_segment().id if self.clock.state in ON_AIR else None
        detail, data = _edit_document(self.document, dict(command.args), on_air_id)
        self._unsaved_edits.append(dict(command.args))
        self._follow_show()
        saved = await self._save_show_file()
        self.onair_log.write("edit", command.origin, detail, saved)
        return CommandResult(saved == "ok", detail if saved == "ok" else saved, data=data)

    async def _do_retry_save(self, command: Command) -> CommandResult:
        """Save the show file again after a failed save (the console's Retry button)."""
        if not self._unsaved_edits:
            return CommandResult(detail="nothing to save")
        on_disk = await self._read_changed_show_file()
        if on_disk is not None:
            # Changed outside meanwhile: take it in with the unsaved edits on top, then save.
            problem = self._take_in_file(on_disk, command.origin)
            return CommandResult(problem is None, problem or "merged")
        saved = await self._save_show_file()
        return CommandResult(saved == "ok", saved)

    async def _do_reload(self, command: Command) -> CommandResult:
        """The show file changed on disk: take it in (and re-apply unsaved edits on top)."""
        on_disk = await self._read_changed_show_file()
        if on_disk is None:
            return CommandResult(detail="unchanged")
        problem = self._take_in_file(on_disk, command.origin)
        return CommandResult(problem is None, problem or "reloaded")

    async def _do_resolve_file(self, command: Command) -> CommandResult:
        """After a conflict: keep the file's version ("file") or write ours over it ("mine")."""
        choice = command.args.get("keep")
        if choice not in ("file", "mine"):
            raise Refused("'keep' must be 'file' or 'mine'", INVALID)
        if choice == "mine":
            self.show_file_conflict = None
            if not self._unsaved_edits:
                self._unsaved_edits.append({"op": "keep-mine"})
            saved = await self._save_show_file(force=True)
            self.onair_log.write("edit", command.origin, "kept the console's run sheet", saved)
            self.changed("show")
            return CommandResult(saved == "ok", saved)
        try:
            on_disk = await asyncio.get_running_loop().run_in_executor(
                self.writer.executor, self.document.read_disk
            )
        except ShowFileError as error:
            raise Refused(f"the show file cannot be read: {error}", UNAVAILABLE) from None
        self._unsaved_edits.clear()
        self.show_file_conflict = None
        problem = self._take_in_file(on_disk, command.origin)
        return CommandResult(problem is None, problem or "the file's version is on the run sheet")

    async def _read_changed_show_file(self) -> DiskVersion | None:
        """The file if it changed on disk since it was read or saved (read on a worker)."""
        try:
            changed: DiskVersion | None = await asyncio.get_running_loop().run_in_executor(
                self.writer.executor, self.document.changed_on_disk
            )
        except OSError as error:
            log.warning("the show file cannot be read to check for changes: %s", error)
            return None
        return changed

    def _take_in_file(self, on_disk: DiskVersion, origin: str) -> str | None:
        """Replace the run sheet with the file's new version, unsaved edits replayed on top;
        None when done, else why not (and the console says so)."""
        try:
            fresh = ShowDocument(on_disk.text, self.document.file)
            fresh.mark_read(on_disk)
            for edit in self._unsaved_edits:
                if edit.get("op") != "keep-mine":
                    _edit_document(fresh, dict(edit), None)
        except ShowFileError as error:
            first = error.errors[0]
            problem = (
                f"the show file on disk has an error (line {first.line}: {first.message}); "
                "the run sheet here is kept until it is fixed"
            )
            self._file_problem(problem, conflict=True)
            return problem
        except Refused as refused:
            problem = (
                "the show file changed outside Host Console and the unsaved edits here do not "
                f"fit it ({refused})"
            )
            self._file_problem(problem, conflict=True)
            return problem
        if self.clock.state in ON_AIR:
            on_air = self.current_segment()
            if on_air.id not in {segment.id for segment in fresh.show.segments}:
                problem = (
                    f"the show file changed on disk and no longer has “{on_air.title}”, which is "
                    "on air; it is taken in once another segment is on air"
                )
                self._file_problem(problem, conflict=False)
                return problem
        merged = bool(self._unsaved_edits)
        self.document = fresh
        self.show_file_conflict = None
        self._follow_show()
        log.info("the show file changed on disk: %s", "merged" if merged else "reloaded")
        self.onair_log.write(
            "reload",
            origin,
            "show file changed on disk" + ("; unsaved edits kept on top" if merged else ""),
        )
        if merged:
            self.spawn(self._save_show_file(), "save-merged-show")
        return None

    def _file_problem(self, problem: str, *, conflict: bool) -> None:
        if conflict:
            self.show_file_conflict = problem
        if problem != self._last_file_problem:
            log.warning("%s", problem)
            self._last_file_problem = problem
        self.changed("show")

    async def _save_show_file(self, *, force: bool = False) -> str:
        """Save on the writer thread; a failure keeps the edits (retried) and is shown."""
        try:
            await asyncio.get_running_loop().run_in_executor(
                self.writer.executor, self.document.save
            )
        except OSError as error:
            reason = error.strerror or str(error)
            problem = (
                f"the edit is on the run sheet, but the show file could not be saved ({reason}); "
                "it is kept here and saved again when possible"
            )
            if self.show_file_problem is None:
                log.error("the show file %s could not be saved: %s", self.document.file, reason)
            self.show_file_problem = problem
            self.changed("show")
            return problem
        if self.show_file_problem is not None:
            log.info("the show file is saved again")
        self.show_file_problem = None
        self._unsaved_edits.clear()
        self.changed("show")
        return "ok"

    async def _watch_show_file(self) -> None:
        """Every few seconds: notice an outside change to the show file, retry a failed save."""
        while True:
            await asyncio.sleep(SHOW_FILE_WATCH_SECONDS)
            if self._closing:
                return
            if self.show_file_problem is not None:
                self.submit("retry-save", "automatic")
            else:
                on_disk = await self._read_changed_show_file()
                # A conflict waits for the producer's choice or a newer file, not a re-read.
                if on_disk is not None and not (
                    self.show_file_conflict is not None
                    and on_disk.digest == self._last_rejected_digest
                ):
                    self._last_rejected_digest = on_disk.digest
                    self.submit("reload", "file")

    def _follow_show(self) -> None:
        """After an edit: the clock follows the new run sheet, matching segments by id.

        Edits that would lose the segment on air are refused before they get here, so the
        restore cannot fail; if it ever did, the running clock is kept, never reset.
        """
        saved = self.clock.save_state()
        clock = self._make_clock(self.show)
        clock.restore_state(saved)
        self.clock = clock
        if self.armed is not None and self.armed >= len(self.show.segments):
            self.armed = None
        self.save_state()
        self.changed("show")

    # --- events from the parts -------------------------------------------------------------

    def _resynced(self) -> None:
        # A cue that did not reach OBS is sent again — as a command, on the one path.
        if self.owed_cue is not None and self.owed_cue == self.current_segment().id:
            self.submit("reapply", "automatic")
        self.changed("obs")

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
        if self.live_graphics is not None:
            self.live_graphics.touch()
        count = self.counter.count
        if count > self._prompted_count:
            self.sales_prompter.sold(count - self._prompted_count, self.now())
        self._prompted_count = count
        self.changed("vouchers")

    def _flagged(self, flag: str) -> None:
        self.flags.append(flag)
        self.changed("flag")

    def _milestone(self, milestone: int) -> None:
        self.milestone_hits.append(milestone)
        self.onair_log.write("milestone", "automatic", f"{milestone} vouchers sold")
        if self.obs is not None and self.obs.connected and milestone_cards(self.show):
            self.submit("milestone-card", "milestone", milestone=milestone, visible=True)
        self.changed("milestone")
