"""Property tests: the loader never raises anything but its own error; clock invariants hold."""

from __future__ import annotations

import io
from typing import Any

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
        before = clock.state
        if name == "advance":
            fake.advance(amount)
            if before is ClockState.RUNNING:
                # Time passes only while running; finishing midway stops it.
                running_time += amount
        elif name == "goto":
            clock.go_to(index % len(timings))
        elif name == "add":
            clock.add_time(amount - 200)
        else:
            getattr(clock, name)()
        clock.settle()  # what the show engine does with every transition that is due
        snap = clock.snapshot()
        assert all(actual >= 0 for actual in snap.actuals)
        assert snap.elapsed >= 0
        assert abs(sum(snap.actuals) - snap.show_elapsed) < 1e-6
        assert snap.show_elapsed <= running_time + 1e-6
        assert 0 <= snap.index < len(timings)
        if snap.state is ClockState.RUNNING:
            assert timings[snap.index].end_action is EndAction.HOLD or snap.remaining > 0
