"""The run-sheet clock, driven by a fake wall clock."""

from __future__ import annotations

from datetime import UTC, date, time
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.clock import (
    ClockState,
    Level,
    RunSheetClock,
    SegmentTiming,
    epoch_at,
    timings_for,
)
from hostconsole.domain.show import EndAction
from tests.unit.fakes import FakeClock

if TYPE_CHECKING:
    from pathlib import Path


def make_clock(
    fake: FakeClock, *durations: float, actions: tuple[EndAction, ...] = ()
) -> RunSheetClock:
    segments = [
        SegmentTiming(
            id=f"s{n}",
            duration=d,
            end_action=actions[n] if n < len(actions) else EndAction.HOLD,
            warning=30,
            danger=10,
        )
        for n, d in enumerate(durations)
    ]
    return RunSheetClock(segments, fake)


def test_elapsed_remaining_and_levels() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 120, 60)
    assert clock.snapshot().state is ClockState.NOT_STARTED
    clock.start()
    fake.advance(80)
    snap = clock.snapshot()
    assert (snap.elapsed, snap.remaining, snap.level) == (80, 40, Level.NORMAL)
    fake.advance(15)
    assert clock.snapshot().level is Level.WARNING
    fake.advance(20)
    assert clock.snapshot().level is Level.DANGER
    fake.advance(10)
    snap = clock.snapshot()
    assert snap.remaining == -5 and snap.over and snap.level is Level.OVER
    assert snap.index == 0  # hold keeps counting over


def test_pause_stops_time_and_resume_continues() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 120)
    clock.start()
    fake.advance(30)
    clock.pause()
    fake.advance(500)
    assert clock.snapshot().elapsed == 30
    assert clock.state is ClockState.PAUSED
    clock.resume()
    fake.advance(5)
    assert clock.snapshot().elapsed == 35


def test_next_previous_and_go_to_keep_actuals_per_segment() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 60, 60, 60)
    clock.start()
    fake.advance(10)
    clock.next()
    fake.advance(20)
    clock.previous()
    fake.advance(5)
    clock.go_to(2)
    fake.advance(7)
    snap = clock.snapshot()
    assert snap.actuals == (15.0, 20.0, 7.0)
    assert snap.show_elapsed == 42
    assert snap.index == 2 and snap.next_index is None
    clock.next()
    assert clock.state is ClockState.FINISHED
    fake.advance(100)
    assert clock.snapshot().show_elapsed == 42


def test_end_action_next_advances_by_itself_at_the_exact_moment() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 30, 30, 30, actions=(EndAction.NEXT, EndAction.NEXT))
    clock.start()
    fake.advance(75)  # 30 in s0, 30 in s1, 15 in s2
    assert clock.snapshot().index == 0, "reading the clock must not move it"
    transitions = clock.settle()
    assert [(t.from_index, t.to_index, t.at) for t in transitions] == [
        (0, 1, fake.now - 45),
        (1, 2, fake.now - 15),
    ]
    snap = clock.snapshot()
    assert snap.index == 2
    assert snap.actuals == (30.0, 30.0, 15.0)
    fake.advance(100)  # s2 holds
    assert clock.snapshot().remaining == -85


def test_last_segment_with_next_finishes_the_show() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 10, actions=(EndAction.NEXT,))
    clock.start()
    fake.advance(25)
    assert clock.state is ClockState.RUNNING
    assert clock.due() is not None and clock.due().to_index is None  # type: ignore[union-attr]
    clock.settle()
    snap = clock.snapshot()
    assert snap.state is ClockState.FINISHED
    assert snap.show_elapsed == 10
    assert snap.projected_end == fake.now - 15


def test_adding_and_removing_time() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 60, 60, actions=(EndAction.NEXT,))
    clock.start()
    fake.advance(50)
    clock.add_time(60)
    fake.advance(30)
    snap = clock.snapshot()
    assert (snap.index, snap.planned, snap.remaining) == (0, 120, 40)
    clock.add_time(-1000)  # never below zero: the segment ends now and advances
    assert clock.seconds_until_due() == 0
    clock.settle()
    snap = clock.snapshot()
    assert snap.index == 1 and snap.actuals[0] == 80


def test_projected_end_and_over_under() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 600, 300)
    clock.planned_start = fake.now
    clock.start()
    fake.advance(600 + 120)  # two minutes over in the first segment
    snap = clock.snapshot()
    assert snap.planned_end == clock.planned_start + 900
    assert snap.projected_end == fake.now + 300
    assert snap.over_under == 120


def test_hard_start_countdown_and_projected_slip() -> None:
    day = date(2026, 11, 28)
    start = epoch_at(day, time(19, 30), UTC)
    fake = FakeClock(start)
    segments = [
        SegmentTiming("a", 600),
        SegmentTiming("b", 300),
        SegmentTiming("c", 300, hard_start=epoch_at(day, time(19, 45), UTC)),
    ]
    clock = RunSheetClock(segments, fake, planned_start=start)
    clock.start()
    fake.advance(700)  # 100 s over in "a": "c" will start 100 s late
    (hard,) = clock.snapshot().hard_starts
    assert hard.index == 2
    assert hard.seconds_until == 900 - 700
    assert hard.slip == 100


def test_state_survives_a_restart_with_wall_clock_time() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 60, 60, 60)
    clock.start()
    fake.advance(70)
    clock.next()
    fake.advance(12)
    saved = clock.save_state()

    fake.advance(8)  # the app was down for 8 s while the show went on
    restarted = make_clock(fake, 60, 60, 60)
    restarted.restore_state(saved)
    snap = restarted.snapshot()
    assert snap.index == 1
    assert snap.elapsed == 20
    assert snap.actuals == (70.0, 20.0, 0.0)


def test_restore_matches_segments_by_id_and_refuses_garbage() -> None:
    fake = FakeClock()
    clock = make_clock(fake, 60, 60)
    clock.start()
    fake.advance(10)
    clock.next()
    saved = clock.save_state()
    reordered = RunSheetClock([SegmentTiming("s1", 60), SegmentTiming("s0", 60)], fake)
    reordered.restore_state(saved)
    assert reordered.snapshot().index == 0
    assert reordered.snapshot().actuals == (0.0, 10.0)
    for broken in ({}, {**saved, "index": 9}, {**saved, "state": "dancing"}):
        with pytest.raises(ValueError, match="saved run state"):
            reordered.restore_state(broken)


def test_clock_from_the_demo_show(demo_show_path: Path) -> None:
    show = load_show(demo_show_path)
    assert show.date is not None and show.planned_start is not None
    timings = timings_for(show, show.date, UTC)
    fake = FakeClock(epoch_at(show.date, show.planned_start, UTC))
    clock = RunSheetClock(timings, fake, planned_start=fake.now)
    clock.start()
    fake.advance(125)  # the opening (2 min, end action next) has handed over
    clock.settle()
    snap = clock.snapshot()
    assert timings[snap.index].id == "driverless"
    assert snap.elapsed == 5
    assert snap.planned_total == 24 * 60
