"""Property tests: the loader never raises anything but its own error; clock invariants hold."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from hostconsole.adapters.storage.showfile import (
    ShowFileError,
    decode_show_bytes,
    parse_show_text,
)
from hostconsole.domain.clock import ClockState, RunSheetClock, SegmentTiming
from hostconsole.domain.show import EndAction, Show
from tests.unit.fakes import FakeClock

FIELD_NAMES = st.sampled_from(
    [
        "format",
        "title",
        "segments",
        "id",
        "duration",
        "products",
        "talking_points",
        "scene",
        "hard_start",
        "end_action",
        "overlays",
        "kind",
        "source",
        "template",
        "goal",
        "x",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["hostconsole-show/1", "5m", "1:30", "-1m", "next", "hold", "19:30", "{sold}"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(FIELD_NAMES, children, max_size=5)
    ),
    max_leaves=25,
)


def load(data: bytes) -> Show | ShowFileError:
    try:
        return parse_show_text(decode_show_bytes(data, "p.yaml"), "p.yaml")
    except ShowFileError as error:
        assert error.errors, "a ShowFileError always says what is wrong"
        for located in error.errors:
            assert located.file == "p.yaml"
            assert located.line >= 1 and located.column >= 1
            assert located.message
        return error


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_yield_a_show_or_located_errors(data: bytes) -> None:
    load(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!#'\"\n 0123%|>?,.")), max_size=200))
def test_yaml_like_text_yields_a_show_or_located_errors(text: str) -> None:
    load(text.encode("utf-8"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(DOCUMENTS)
def test_any_yaml_document_yields_a_show_or_located_errors(document: Any) -> None:
    buffer = io.StringIO()
    YAML(typ="safe", pure=True).dump(document, buffer)
    load(buffer.getvalue().encode("utf-8"))


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["advance", "start", "pause", "resume", "next", "previous", "goto", "add"]),
        st.floats(min_value=0, max_value=400, allow_nan=False),
        st.integers(min_value=0, max_value=4),
    ),
    max_size=40,
)


def operate(clock: RunSheetClock, fake: FakeClock, name: str, amount: float, index: int) -> None:
    """One generated operation on the clock, then what the show engine does with every
    transition that is due."""
    if name == "advance":
        fake.advance(amount)
    elif name == "goto":
        clock.go_to(index % len(clock.segments))
    elif name == "add":
        clock.add_time(amount - 200)
    else:
        getattr(clock, name)()
    clock.settle()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=1, max_value=300), st.booleans()), min_size=1, max_size=5
    ),
    OPERATIONS,
)
def test_clock_invariants(
    segments: list[tuple[float, bool]], operations: list[tuple[str, float, int]]
) -> None:
    fake = FakeClock()
    timings = [
        SegmentTiming(f"s{n}", d, EndAction.NEXT if auto else EndAction.HOLD)
        for n, (d, auto) in enumerate(segments)
    ]
    clock = RunSheetClock(timings, fake)
    running_time = 0.0
    for name, amount, index in operations:
        if name == "advance" and clock.state is ClockState.RUNNING:
            # Time passes only while running; finishing midway stops it.
            running_time += amount
        operate(clock, fake, name, amount, index)
        snap = clock.snapshot()
        assert all(actual >= 0 for actual in snap.actuals)
        assert snap.elapsed >= 0
        assert abs(sum(snap.actuals) - snap.show_elapsed) < 1e-6
        assert snap.show_elapsed <= running_time + 1e-6
        assert 0 <= snap.index < len(timings)
        if snap.state is ClockState.RUNNING:
            assert timings[snap.index].end_action is EndAction.HOLD or snap.remaining > 0


def folded_snapshot(
    timings: list[SegmentTiming], saved: dict[str, Any], now: float, planned_start: float | None
) -> dict[str, Any]:
    """What the clock's snapshot says, worked out the plain way from its saved state: every
    segment's time summed and every start walked (the clock keeps these as running sums)."""
    state = ClockState(saved["state"])
    index = saved["index"]
    actuals = list(saved["actuals"])
    if state is ClockState.RUNNING:
        actuals[index] += now - saved["running_since"]
    planned = [t.duration + added for t, added in zip(timings, saved["added"], strict=True)]
    remaining = planned[index] - actuals[index]
    if saved["started_at"] is not None and planned_start is None:
        anchor = saved["started_at"]
    else:
        anchor = planned_start if planned_start is not None else now
    starts: dict[int, float] = {}
    if state is ClockState.FINISHED:
        projected_end = saved["finished_at"]
    else:
        cursor = max(now, anchor) if state is ClockState.NOT_STARTED else now
        first = 0 if state is ClockState.NOT_STARTED else index + 1
        if state is not ClockState.NOT_STARTED:
            cursor += max(remaining, 0.0)
        for later in range(first, len(timings)):
            starts[later] = cursor
            cursor += planned[later]
        projected_end = cursor
    hard: list[float] = []
    for number, timing in enumerate(timings):
        if timing.hard_start is not None:
            projected = starts.get(number, timing.hard_start)
            hard += [number, projected, projected - timing.hard_start]
    return {
        "actuals": actuals,
        "show_elapsed": sum(actuals),
        "planned_total": sum(t.duration for t in timings),
        "remaining": remaining,
        "projected_end": projected_end,
        "planned_end": anchor + sum(t.duration for t in timings),
        "hard_starts": hard,
    }


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(min_value=1, max_value=300),
            st.booleans(),
            st.none() | st.floats(min_value=-600, max_value=3600),
        ),
        min_size=1,
        max_size=6,
    ),
    st.none() | st.floats(min_value=-600, max_value=600),
    OPERATIONS,
)
def test_clock_snapshot_equals_a_plain_fold(
    segments: list[tuple[float, bool, float | None]],
    planned_offset: float | None,
    operations: list[tuple[str, float, int]],
) -> None:
    """The snapshot keeps running sums and prefix sums; it says what summing everything says."""
    fake = FakeClock()
    base = fake.now
    timings = [
        SegmentTiming(
            f"s{n}",
            d,
            EndAction.NEXT if auto else EndAction.HOLD,
            None if hard is None else base + hard,
        )
        for n, (d, auto, hard) in enumerate(segments)
    ]
    planned_start = None if planned_offset is None else base + planned_offset
    clock = RunSheetClock(timings, fake, planned_start)
    held = []
    for name, amount, index in operations:
        operate(clock, fake, name, amount, index)
        snap = clock.snapshot()
        held.append((snap, list(snap.actuals)))
        folded = folded_snapshot(timings, clock.save_state(), fake(), planned_start)
        assert list(snap.actuals) == pytest.approx(folded["actuals"], abs=1e-6)
        assert snap.show_elapsed == pytest.approx(folded["show_elapsed"], abs=1e-6)
        assert snap.planned_total == pytest.approx(folded["planned_total"], abs=1e-6)
        assert snap.remaining == pytest.approx(folded["remaining"], abs=1e-6)
        assert snap.projected_end == pytest.approx(folded["projected_end"], abs=1e-6)
        assert snap.planned_end == pytest.approx(folded["planned_end"], abs=1e-6)
        hard = [value for h in snap.hard_starts for value in (h.index, h.projected_start, h.slip)]
        assert hard == pytest.approx(folded["hard_starts"], abs=1e-6)
    # A snapshot is a picture: what the clock did afterwards changed none of the earlier ones.
    for snap, actuals in held:
        assert list(snap.actuals) == actuals
