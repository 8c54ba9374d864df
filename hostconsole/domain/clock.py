"""The run-sheet clock: which segment is on, how long it has run, and where the show will end.

Pure logic over an injected clock (seconds since the epoch), so tests run in zero time and a
restarted app resumes from saved state with the time that really passed. The clock never
changes by itself: reading it changes nothing, and a segment that runs out with
``end_action: next`` is reported by ``due()`` as a transition for the show engine to carry out
(the same GO path as a producer's, so OBS, the ledger and the on-air log follow).
"""

from __future__ import annotations

import itertools
import math
import time as _time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any, overload

import msgspec

from hostconsole.domain.show import EndAction, Show

Now = Callable[[], float]


class ClockState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Level(StrEnum):
    """How urgent the countdown looks: the UI colours it from this."""

    NORMAL = "normal"
    WARNING = "warning"
    DANGER = "danger"
    OVER = "over"


class MonotonicWallClock:
    """Epoch seconds that advance with the monotonic clock.

    Anchored to the wall clock once, when made, so values can be saved and compared after a
    restart; from then on an NTP step or a manual change of the system time moves no countdown.
    """

    def __init__(self) -> None:
        self._wall = _time.time()
        self._monotonic = _time.monotonic()

    def __call__(self) -> float:
        return self._wall + (_time.monotonic() - self._monotonic)

    def continue_from(self, wall: float, monotonic: float) -> None:
        """Continue a timeline where ``wall`` was the time at ``monotonic`` (a run before this
        one, on the same boot): the show's time goes on as if the app had never stopped."""
        self._wall, self._monotonic = wall, monotonic

    def step(self) -> float:
        """How far the system's wall clock is from this clock's time (+: ahead of it)."""
        return _time.time() - self()


class Transition(msgspec.Struct, frozen=True):
    """A change the clock's own time brings: a ``next`` segment ran out at ``at``.

    ``to_index`` is the segment that follows, or None when the show ends there.
    """

    from_index: int
    to_index: int | None
    at: float


class SegmentTiming(msgspec.Struct, frozen=True):
    """What the clock needs to know of a segment."""

    id: str
    duration: float
    end_action: EndAction = EndAction.HOLD
    hard_start: float | None = None  # epoch seconds
    warning: float = 60.0
    danger: float = 15.0


class HardStart(msgspec.Struct, frozen=True):
    index: int
    at: float  # epoch seconds the segment must start
    seconds_until: float  # from now; negative once passed
    projected_start: float  # when the segment will start at the current pace
    slip: float  # projected_start - at: positive means late


class ActualTimes(Sequence[float]):
    """Each segment's actual time as of a snapshot, read without copying them all.

    Holds the clock's banked times (a list the clock never changes once shared: it copies on
    its next write) and the running stretch of the segment on air, so taking a snapshot costs
    the same for ten segments as for ten thousand."""

    __slots__ = ("_banked", "_index", "_running")

    def __init__(self, banked: list[float], index: int, running: float) -> None:
        self._banked = banked
        self._index = index
        self._running = running

    def __len__(self) -> int:
        return len(self._banked)

    @overload
    def __getitem__(self, position: int) -> float: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[float, ...]: ...

    def __getitem__(self, position: int | slice) -> float | tuple[float, ...]:
        if isinstance(position, slice):
            return tuple(self)[position]
        value = self._banked[position]
        if position in (self._index, self._index - len(self._banked)):
            value += self._running
        return value

    def __iter__(self) -> Iterator[float]:
        for number, value in enumerate(self._banked):
            yield value + self._running if number == self._index else value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ActualTimes({tuple(self)!r})"


class ClockSnapshot(msgspec.Struct, frozen=True):
    state: ClockState
    index: int
    next_index: int | None
    elapsed: float
    planned: float  # the segment's planned time including time added on air
    remaining: float  # negative when over
    level: Level
    actuals: ActualTimes
    show_elapsed: float
    planned_total: float
    planned_end: float
    projected_end: float
    over_under: float  # projected_end - planned_end: positive means the show runs over
    hard_starts: tuple[HardStart, ...]

    @property
    def over(self) -> bool:
        return self.remaining < 0


def epoch_at(day: date, at: time, tz: tzinfo | None = None) -> float:
    """Epoch seconds of a time of day on a date (local time when no zone is given)."""
    return datetime.combine(day, at, tzinfo=tz).timestamp()


def timings_for(show: Show, day: date, tz: tzinfo | None = None) -> list[SegmentTiming]:
    """The clock's view of a show's segments, with hard starts placed on ``day`` — or on the
    day after when the time of day is before the show's planned start (a 20:00 show's 00:15)."""

    def hard_start_at(at: time) -> float:
        after_midnight = show.planned_start is not None and at < show.planned_start
        return epoch_at(day + timedelta(days=1) if after_midnight else day, at, tz)

    return [
        SegmentTiming(
            id=segment.id,
            duration=segment.duration,
            end_action=segment.end_action,
            hard_start=None if segment.hard_start is None else hard_start_at(segment.hard_start),
            warning=show.warning_for(segment),
            danger=show.danger_for(segment),
        )
        for segment in show.segments
    ]


class _Progress(msgspec.Struct):
    index: int = 0
    actuals: list[float] = msgspec.field(default_factory=list)
    added: list[float] = msgspec.field(default_factory=list)
    state: ClockState = ClockState.NOT_STARTED
    started_at: float | None = None
    running_since: float | None = None
    finished_at: float | None = None
    # Kept as the actuals change, so a snapshot never sums them: the show's banked time,
    # and whether a snapshot holds ``actuals`` (then the next write copies it first).
    banked_total: float = 0.0
    actuals_shared: bool = False


class RunSheetClock:
    """Start, pause, resume, next, previous, go to, and add time; auto-advances "next" segments."""

    def __init__(
        self,
        segments: Sequence[SegmentTiming],
        now: Now,
        planned_start: float | None = None,
    ) -> None:
        if not segments:
            raise ValueError("a run sheet needs at least one segment")
        self._segments = list(segments)
        self._now = now
        self.planned_start = planned_start
        self._planned_total = sum(s.duration for s in self._segments)
        self._hard_start_indices = [
            n for n, s in enumerate(self._segments) if s.hard_start is not None
        ]
        self._p = _Progress(actuals=[0.0] * len(segments), added=[0.0] * len(segments))
        self._plan_sums()

    # --- commands -------------------------------------------------------------------------

    @property
    def segments(self) -> Sequence[SegmentTiming]:
        return tuple(self._segments)

    @property
    def state(self) -> ClockState:
        return self._p.state

    @property
    def index(self) -> int:
        return self._p.index

    def due(self, now: float | None = None) -> Transition | None:
        """The transition that is due by ``now`` (the earliest), without carrying it out."""
        p = self._p
        if p.state is not ClockState.RUNNING or p.running_since is None:
            return None
        segment = self._segments[p.index]
        if segment.end_action is not EndAction.NEXT:
            return None
        left = self._planned(p.index) - p.actuals[p.index]
        ends_at = p.running_since + max(left, 0.0)
        if ends_at > (self._now() if now is None else now):
            return None
        following = p.index + 1 if p.index + 1 < len(self._segments) else None
        return Transition(p.index, following, ends_at)

    def seconds_until_due(self, now: float | None = None) -> float | None:
        """How long until the running segment hands over by itself (None: it will not)."""
        p = self._p
        if p.state is not ClockState.RUNNING or p.running_since is None:
            return None
        if self._segments[p.index].end_action is not EndAction.NEXT:
            return None
        left = self._planned(p.index) - p.actuals[p.index]
        ends_at = p.running_since + max(left, 0.0)
        return max(ends_at - (self._now() if now is None else now), 0.0)

    def carry_out(self, transition: Transition) -> None:
        """Apply a transition from ``due()`` at the moment it happened (not when handled)."""
        if self._p.index != transition.from_index or self._p.state is not ClockState.RUNNING:
            raise ValueError("the transition is no longer due")
        if transition.to_index is None:
            self._finish(transition.at)
        else:
            self.go_to(transition.to_index, at=transition.at)

    def settle(self, now: float | None = None) -> list[Transition]:
        """Carry out every transition due by ``now``; for tools and tests without an engine."""
        done: list[Transition] = []
        while (transition := self.due(now)) is not None:
            self.carry_out(transition)
            done.append(transition)
        return done

    def start(self) -> None:
        """Start the show on the first segment (does nothing once started)."""
        now = self._now()
        if self._p.state is ClockState.NOT_STARTED:
            self._p.state = ClockState.RUNNING
            self._p.started_at = now
            self._p.running_since = now

    def pause(self) -> None:
        now = self._now()
        if self._p.state is ClockState.RUNNING:
            self._bank(now)
            self._p.running_since = None
            self._p.state = ClockState.PAUSED

    def resume(self) -> None:
        now = self._now()
        if self._p.state is ClockState.PAUSED:
            self._p.state = ClockState.RUNNING
            self._p.running_since = now

    def go_to(self, index: int, at: float | None = None) -> None:
        """Put segment ``index`` on air (as of ``at``, default now); starts the show if it had
        not started."""
        if not 0 <= index < len(self._segments):
            raise IndexError(f"no segment {index}")
        now = self._now() if at is None else at
        if self._p.state is ClockState.NOT_STARTED:
            self._p.state = ClockState.RUNNING
            self._p.started_at = now
            self._p.running_since = now
        elif self._p.state is ClockState.RUNNING:
            self._bank(now)
            self._p.running_since = now
        elif self._p.state is ClockState.FINISHED:
            self._p.state = ClockState.RUNNING
            self._p.finished_at = None
            self._p.running_since = now
        self._p.index = index

    def next(self) -> None:
        """The next segment; on the last one, ends the show."""
        now = self._now()
        if self._p.state is ClockState.NOT_STARTED:
            self.start()
            return
        if self._p.state is ClockState.FINISHED:
            return
        if self._p.index + 1 < len(self._segments):
            self.go_to(self._p.index + 1)
        else:
            self._finish(now)

    def previous(self) -> None:
        if self._p.state is ClockState.NOT_STARTED:
            return
        self.go_to(
            max(self._p.index - 1, 0) if self._p.state is not ClockState.FINISHED else self._p.index
        )

    def add_time(self, seconds: float) -> None:
        """Lengthen (or, with a negative amount, shorten) the segment on air; never below zero."""
        now = self._now()
        if self._p.state is ClockState.RUNNING:
            # Bank the running stretch first, so a cut below the time already run ends the
            # segment now rather than at the moment it started.
            self._bank(now)
        index = self._p.index
        planned = self._segments[index].duration + self._p.added[index] + seconds
        added = list(self._p.added)  # a copy of this clock may share the list: never in place
        added[index] += seconds - min(planned, 0.0)
        self._p.added = added
        self._plan_sums()

    def copy(self) -> RunSheetClock:
        """An independent clock in the same state: a command moves a copy, and the engine
        keeps it only when the command is carried out. O(1): the lists are shared until one
        of the two clocks writes (``actuals`` copy-on-write, ``added`` replaced whole)."""
        twin = RunSheetClock.__new__(RunSheetClock)
        twin._segments = self._segments
        twin._now = self._now
        twin.planned_start = self.planned_start
        twin._planned_total = self._planned_total
        twin._hard_start_indices = self._hard_start_indices
        twin._planned_before = self._planned_before
        self._p.actuals_shared = True
        twin._p = msgspec.structs.replace(self._p)
        return twin

    def reset(self) -> None:
        """Back to not started, every actual and added time cleared (start afresh)."""
        self._p = _Progress(actuals=[0.0] * len(self._segments), added=[0.0] * len(self._segments))
        self._plan_sums()

    # --- reading --------------------------------------------------------------------------

    def snapshot(self) -> ClockSnapshot:
        """The clock as of now. O(1) in the number of segments (plus one step per hard start):
        it is read every tick of every view, and a show may have thousands of segments."""
        now = self._now()
        p = self._p
        index = p.index
        running = 0.0
        if p.state is ClockState.RUNNING and p.running_since is not None:
            running = now - p.running_since
        segment = self._segments[index]
        planned = self._planned(index)
        elapsed = p.actuals[index] + running
        remaining = planned - elapsed
        level = _level(remaining, segment)
        anchor = self._anchor(now)
        planned_end = anchor + self._planned_total

        # Where each segment from ``position`` on would start at the current pace: from
        # ``cursor``, plus the planned time of the segments between (prefix sums).
        position: int | None = None
        cursor = 0.0
        if p.state is ClockState.FINISHED and p.finished_at is not None:
            projected_end = p.finished_at
        else:
            if p.state is ClockState.NOT_STARTED:
                cursor, position = max(now, anchor), 0
            else:
                cursor, position = now + max(remaining, 0.0), index + 1
            projected_end = cursor + self._planned_before[-1] - self._planned_before[position]
        hard_starts = []
        for number in self._hard_start_indices:
            hard_start = self._segments[number].hard_start
            assert hard_start is not None
            reached = p.state is ClockState.FINISHED or (
                p.state is not ClockState.NOT_STARTED and number <= index
            )
            if reached or position is None:
                projected = hard_start
            else:
                projected = cursor + self._planned_before[number] - self._planned_before[position]
            hard_starts.append(
                HardStart(
                    index=number,
                    at=hard_start,
                    seconds_until=hard_start - now,
                    projected_start=projected,
                    slip=0.0 if reached else projected - hard_start,
                )
            )
        next_index = index + 1 if index + 1 < len(self._segments) else None
        if p.state is ClockState.NOT_STARTED:
            next_index = 0
        elif p.state is ClockState.FINISHED:
            next_index = None
        p.actuals_shared = True
        return ClockSnapshot(
            state=p.state,
            index=index,
            next_index=next_index,
            elapsed=elapsed,
            planned=planned,
            remaining=remaining,
            level=level,
            actuals=ActualTimes(p.actuals, index, running),
            show_elapsed=p.banked_total + running,
            planned_total=self._planned_total,
            planned_end=planned_end,
            projected_end=projected_end,
            over_under=projected_end - planned_end,
            hard_starts=tuple(hard_starts),
        )

    # --- persistence ----------------------------------------------------------------------

    def save_state(self) -> dict[str, Any]:
        """Everything needed to resume: plain JSON-able values, times as epoch seconds."""
        p = self._p
        return {
            "segment_ids": [s.id for s in self._segments],
            "index": p.index,
            "actuals": list(p.actuals),
            "added": list(p.added),
            "state": p.state.value,
            "started_at": p.started_at,
            "running_since": p.running_since,
            "finished_at": p.finished_at,
        }

    def restore_state(self, saved: dict[str, Any]) -> None:
        """Resume from save_state(); segments are matched by id so an edited show still fits.

        Raises ValueError when the saved state is unusable; the clock is unchanged then.
        """
        try:
            ids = [str(i) for i in saved["segment_ids"]]
            old_index = int(saved["index"])
            old_actuals = [float(v) for v in saved["actuals"]]
            old_added = [float(v) for v in saved["added"]]
            state = ClockState(saved["state"])
            started_at = _optional_float(saved.get("started_at"))
            running_since = _optional_float(saved.get("running_since"))
            finished_at = _optional_float(saved.get("finished_at"))
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            raise ValueError(f"saved run state is unreadable: {error}") from None
        numbers = [*old_actuals, *old_added, started_at, running_since, finished_at]
        if not all(math.isfinite(n) for n in numbers if n is not None):
            raise ValueError("saved run state holds a number that is not finite")
        if not (len(ids) == len(old_actuals) == len(old_added)) or not 0 <= old_index < len(ids):
            raise ValueError("saved run state is inconsistent")
        if state is ClockState.RUNNING and running_since is None:
            raise ValueError("saved run state is running but has no start time")
        position = {s.id: n for n, s in enumerate(self._segments)}
        progress = _Progress(
            actuals=[0.0] * len(self._segments),
            added=[0.0] * len(self._segments),
            state=state,
            started_at=started_at,
            running_since=running_since,
            finished_at=finished_at,
        )
        for old, segment_id in enumerate(ids):
            if segment_id in position:
                progress.actuals[position[segment_id]] = old_actuals[old]
                progress.added[position[segment_id]] = old_added[old]
        current = ids[old_index]
        if current not in position:
            raise ValueError(
                f"the segment on air when saved ('{current}') is no longer in the show"
            )
        progress.index = position[current]
        progress.banked_total = sum(progress.actuals)
        self._p = progress
        self._plan_sums()

    # --- internals ------------------------------------------------------------------------

    def _planned(self, index: int) -> float:
        return self._segments[index].duration + self._p.added[index]

    def _plan_sums(self) -> None:
        """``_planned_before[n]``: the planned time of the segments before ``n`` (time added
        included). Rebuilt when added time changes — a producer's command, not a tick."""
        self._planned_before = [
            0.0,
            *itertools.accumulate(self._planned(n) for n in range(len(self._segments))),
        ]

    def _anchor(self, now: float) -> float:
        if self._p.started_at is not None and self.planned_start is None:
            return self._p.started_at
        if self.planned_start is not None:
            return self.planned_start
        return now

    def _bank(self, now: float) -> None:
        """Move the running stretch into the segment's actual time (only while running)."""
        p = self._p
        if p.state is ClockState.RUNNING and p.running_since is not None:
            if p.actuals_shared:  # a snapshot reads this list: it must not change under it
                p.actuals = list(p.actuals)
                p.actuals_shared = False
            p.actuals[p.index] += now - p.running_since
            p.banked_total += now - p.running_since
            p.running_since = now

    def _finish(self, at: float) -> None:
        self._bank(at)
        self._p.running_since = None
        self._p.state = ClockState.FINISHED
        self._p.finished_at = at


def _level(remaining: float, segment: SegmentTiming) -> Level:
    if remaining < 0:
        return Level.OVER
    if remaining <= segment.danger:
        return Level.DANGER
    if remaining <= segment.warning:
        return Level.WARNING
    return Level.NORMAL


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)
