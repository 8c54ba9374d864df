"""What views read of a running show: the committed run state and the parts' statuses.
Reading never changes anything (the prompter's script is set by the command that changed
the show, not by a view that asks for it)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostconsole.domain.clock import ClockState
from hostconsole.domain.durations import format_countdown
from hostconsole.services.prompter import build_script

if TYPE_CHECKING:
    from hostconsole.adapters.obs.link import LinkStatus
    from hostconsole.adapters.sales.model import FeedStatus
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.domain.clock import ClockSnapshot, RunSheetClock
    from hostconsole.domain.show import Segment, Show
    from hostconsole.services.ports import ObsPort
    from hostconsole.services.prompter import Prompter, Script
    from hostconsole.services.questions import Question, Questions
    from hostconsole.services.report import ShowReport
    from hostconsole.services.show.feeds import Feeds
    from hostconsole.services.show.graphics import GraphicsRoom
    from hostconsole.services.show.reactions import Reactions
    from hostconsole.services.show.results import ResultsRoom
    from hostconsole.services.show.showfile import ShowFileRoom
    from hostconsole.services.show.state import OffAir, PresenterMessage, RunState
    from hostconsole.services.vouchers import VoucherCounter


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


class ShowReading:
    """The reading side of ShowSession (services/show/session.py)."""

    state: RunState
    document: ShowDocument
    questions: Questions
    obs: ObsPort | None
    reactions: Reactions
    showfile: ShowFileRoom
    feeds: Feeds
    graphics: GraphicsRoom
    results_room: ResultsRoom
    counter: VoucherCounter
    _script: tuple[Show, Script] | None

    @property
    def show(self) -> Show:
        return self.document.show

    # --- reading (never changes anything) ------------------------------------------------

    @property
    def clock(self) -> RunSheetClock:
        return self.state.clock

    @property
    def off_air(self) -> OffAir | None:
        """SAFE is on: the standby scene is on program (None while on air)."""
        return self.state.safe

    @property
    def armed(self) -> int | None:
        return self.state.armed

    @property
    def prepared(self) -> int | None:
        return self.state.prepared

    @property
    def message(self) -> PresenterMessage:
        return self.state.message

    def message_now(self) -> str:
        """The producer's message as the presenter reads it now: ``{sold}`` is the count and
        ``{left}`` the segment's time left at this moment, never the figure when it was sent
        (the on-air log keeps the message as written)."""
        text = self.state.message.text
        if "{" not in text:
            return text
        snap = self.state.clock.snapshot()
        started = snap.state is not ClockState.NOT_STARTED
        left = format_countdown(snap.remaining if started else self.current_segment().duration)
        sold = f"{self.counter.count:,}" if self.counter.whole else "…"
        return text.replace("{sold}", sold).replace("{left}", left)

    @property
    def covered(self) -> frozenset[str]:
        return self.state.covered

    @property
    def pushed_point(self) -> str | None:
        return self.state.pushed_point

    @property
    def caption_point(self) -> str | None:
        return self.state.caption_point

    @property
    def owed_cue(self) -> str | None:
        return self.state.owed_cue

    @property
    def prompter(self) -> Prompter:
        return self.state.prompter

    @property
    def actual_times(self) -> dict[str, tuple[float, float | None]]:
        return self.state.actual_times

    @property
    def presented_question(self) -> Question | None:
        presented = self.state.question_presented
        return None if presented is None else self.questions.get(presented)

    @property
    def on_air_question(self) -> Question | None:
        on_air = self.state.question_on_air
        return None if on_air is None else self.questions.get(on_air)

    @property
    def milestone_hits(self) -> list[int]:
        return self.reactions.milestone_hits

    @property
    def flags(self) -> list[str]:
        return self.reactions.flags

    @property
    def show_file_problem(self) -> str | None:
        return self.showfile.problem

    @property
    def show_file_conflict(self) -> str | None:
        return self.showfile.conflict

    def snapshot(self) -> ClockSnapshot:
        return self.state.clock.snapshot()

    def current_segment(self) -> Segment:
        return self.show.segments[self.state.clock.index]

    def next_segment(self) -> Segment | None:
        snap = self.state.clock.snapshot()
        return None if snap.next_index is None else self.show.segments[snap.next_index]

    def current_script(self) -> Script:
        """The prompter's text for the show as it is now (built once per version of the
        show; the prompter itself is told by the command that changed the show)."""
        show = self.show
        if self._script is None or self._script[0] is not show:
            self._script = (show, build_script(show))
        return self._script[1]

    def missing_earlier_sales_since(self) -> float | None:
        return self.feeds.missing_earlier_sales_since()

    def feed_statuses(self) -> list[FeedStatus]:
        return self.feeds.statuses()

    @property
    def stream(self) -> Any:
        return self.feeds.stream

    @property
    def poll(self) -> Any:
        return self.feeds.poll

    def obs_status(self) -> LinkStatus | None:
        return None if self.obs is None else self.obs.status

    async def graphics_tally(self) -> dict[str, bool | None]:
        return await self.graphics.tally()

    async def results(self) -> ShowReport:
        return await self.results_room.report()

    def advertising_warnings(self) -> list[Any]:
        return self.graphics.advertising_warnings()
