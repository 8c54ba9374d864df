"""The one run state of a show: what a restart must get back, defined once. The engine keeps
the committed state, hands each command a copy (a Draft) and keeps the copy only when the
command is carried out; the state is saved as and resumed from `SavedRunState`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.storage.validated import SavedMessage, SavedOffAir, SavedRunState
from hostconsole.domain.clock import ClockState
from hostconsole.services.prompter import Prompter

if TYPE_CHECKING:
    from collections.abc import Callable

    from hostconsole.domain.clock import RunSheetClock

ON_AIR = (ClockState.RUNNING, ClockState.PAUSED)


class PresenterMessage(msgspec.Struct, frozen=True):
    text: str = ""
    blink: bool = False
    at: float = 0.0


class OffAir(msgspec.Struct, frozen=True):
    """SAFE was pressed: when and by whom, and what Back on air puts back exactly."""

    since: float
    origin: str
    program: str | None  # the scene on program before
    graphics: tuple[str, ...] = ()  # the overlays that were on
    muted_before: tuple[tuple[str, bool], ...] = ()  # each microphone SAFE muted: was it muted

    def to_saved(self) -> SavedOffAir:
        return SavedOffAir(
            since=self.since,
            origin=self.origin,
            program=self.program,
            graphics=list(self.graphics),
            muted_before=list(self.muted_before),
        )


class RunState(msgspec.Struct):
    """Everything about the running show that a command may change and a crash must keep."""

    clock: RunSheetClock
    armed: int | None = None  # the segment GO takes next, when not the following one
    prepared: int | None = None  # the segment whose cue is in studio-mode preview
    pushed_point: str | None = None  # the talking point pushed to the presenter
    caption_point: str | None = None  # the talking point on air as the caption
    message: PresenterMessage = PresenterMessage()
    covered: frozenset[str] = frozenset()  # talking points the presenter has covered
    # segment id → (actual start, actual end or None), wall clock: the cuesheet's times
    actual_times: dict[str, tuple[float, float | None]] = msgspec.field(default_factory=dict)
    owed_cue: str | None = None  # a segment whose cue did not reach OBS yet
    question_presented: str | None = None  # the question on the presenter's screen
    question_on_air: str | None = None  # the question on the on-air card
    prompter: Prompter = msgspec.field(default_factory=Prompter)
    safe: OffAir | None = None  # SAFE is on: the standby scene is on program

    def copy(self) -> RunState:
        """An independent copy (O(1) in the clock; the dict of actual times is shallow)."""
        return msgspec.structs.replace(
            self,
            clock=self.clock.copy(),
            actual_times=dict(self.actual_times),
            prompter=msgspec.structs.replace(self.prompter),
        )

    def on_air(self) -> bool:
        return self.clock.state in ON_AIR

    def track_actual_times(self, on_air_id: str | None, now: float) -> None:
        """When each segment really started and ended (wall clock), for the cuesheet: noted
        whenever a command is carried out, so every change of segment."""
        times = self.actual_times
        for segment_id, (start, end) in list(times.items()):
            if segment_id != on_air_id and end is None:
                times[segment_id] = (start, now)
        if on_air_id is not None:
            known = times.get(on_air_id)
            if known is None:
                times[on_air_id] = (now, None)
            elif known[1] is not None:  # back to a segment: its first start, a new end
                times[on_air_id] = (known[0], None)

    def fingerprint(self, now: float) -> dict[str, Any]:
        """A plain value that is equal for two states exactly when they are the same."""
        return {
            "clock": self.clock.save_state(),
            "armed": self.armed,
            "prepared": self.prepared,
            "pushed_point": self.pushed_point,
            "caption_point": self.caption_point,
            "message": (self.message.text, self.message.blink, self.message.at),
            "covered": sorted(self.covered),
            "actual_times": dict(self.actual_times),
            "owed_cue": self.owed_cue,
            "question_presented": self.question_presented,
            "question_on_air": self.question_on_air,
            "prompter": self.prompter.to_json(now),
            "safe": None if self.safe is None else self.safe.to_saved(),
        }

    def to_saved(
        self,
        *,
        now: float,
        show_file: str,
        closed_cleanly: bool,
        rehearsal: bool,
        day: str,
        monotonic: float | None = None,
        boot: str = "",
    ) -> SavedRunState:
        return SavedRunState(
            show_file=show_file,
            saved_at=now,
            monotonic=monotonic,
            boot=boot,
            closed_cleanly=closed_cleanly,
            rehearsal=rehearsal,
            day=day,
            clock=self.clock.save_state(),
            covered=sorted(self.covered),
            message=SavedMessage(self.message.text, self.message.blink),
            prompter=self.prompter.to_json(now),
            actual_times={key: [start, end] for key, (start, end) in self.actual_times.items()},
            armed=self.armed,
            prepared=self.prepared,
            pushed_point=self.pushed_point,
            caption_point=self.caption_point,
            owed_cue=self.owed_cue,
            question_presented=self.question_presented,
            question_on_air=self.question_on_air,
            safe=None if self.safe is None else self.safe.to_saved(),
        )


class Draft(msgspec.Struct):
    """What a command works on: a copy of the run state, the topics to announce and the
    changes outside the run state (a question's approval…) to make — all only if the
    command is carried out. A refused or failed command leaves no trace."""

    state: RunState
    topics: set[str] = msgspec.field(default_factory=set)
    effects: list[Callable[[], object]] = msgspec.field(default_factory=list)
    save: bool = False  # save the run state once committed
    saved_early: bool = False  # saved while running (a GO saves before OBS answers)
    # Set by the engine: shows the draft to the views before the command ends. Only for what
    # can no longer be refused (a GO, once its segment is on the run sheet: OBS's answer
    # then only says whether the cue is owed).
    publish: Callable[[], None] | None = None
    published: bool = False

    def changed(self, *topics: str) -> None:
        self.topics.update(topics)

    def on_commit(self, effect: Callable[[], object]) -> None:
        self.effects.append(effect)
