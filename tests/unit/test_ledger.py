"""Ledger maths: the on-air count, rate, goal, milestones and attribution."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostconsole.domain.ledger import (
    Entry,
    EntryKind,
    LedgerState,
    parse_count,
    resolve_pointer,
)

T0 = 1_800_000_000.0


def total(at: float, value: int) -> Entry:
    return Entry(EntryKind.TOTAL, T0 + at, "poll", value)


def sale(at: float, order: str, quantity: int = 1, product: str | None = None) -> Entry:
    return Entry(EntryKind.SALE, T0 + at, "stream", quantity, order_id=order, product_id=product)


def correction(at: float, delta: int, reason: str = "phone order") -> Entry:
    return Entry(EntryKind.CORRECTION, T0 + at, "manual:producer", delta, reason=reason)


def segment(at: float, segment_id: str | None, product: str | None = None) -> Entry:
    return Entry(
        EntryKind.SEGMENT, T0 + at, "run sheet", 0, segment_id=segment_id, product_id=product
    )


def test_count_never_goes_backwards_on_the_feeds_word() -> None:
    state = LedgerState()
    for entry in (total(0, 5), total(1, 9), total(2, 7), total(3, 7)):
        state.apply(entry)
    assert state.on_air == 9
    assert len(state.flags) == 1
    assert "went back from 9 to 7" in state.flags[0]
    state.apply(total(4, 10))
    assert state.on_air == 10


def test_only_a_manual_correction_lowers_the_count() -> None:
    state = LedgerState()
    state.apply(total(0, 12))
    change = state.apply(correction(1, -2, "two test orders"))
    assert change is not None
    assert (change.before, change.after) == (12, 10)
    state.apply(correction(2, +1, "phone order"))
    assert state.on_air == 11


def test_stream_orders_and_poll_totals_count_the_same_vouchers() -> None:
    state = LedgerState()
    state.apply(sale(0, "a"))
    state.apply(sale(1, "b", quantity=2))
    assert state.on_air == 3
    state.apply(total(2, 3))  # the poll agrees
    assert state.on_air == 3
    state.apply(total(3, 5))  # the poll saw two the stream missed while it was down
    assert state.on_air == 5
    state.apply(sale(4, "c"))
    assert state.on_air == 5  # the stream has caught up to 4, still below the total


def test_rate_is_the_last_five_minutes() -> None:
    state = LedgerState()
    for minute in range(10):
        state.apply(sale(minute * 60, f"o{minute}"))
    # At minute 9.5: sales at minutes 5,6,7,8,9 are inside the window (4:30 .. 9:30).
    assert state.rate(T0 + 9.5 * 60) == 5
    assert state.rate(T0 + 100 * 60) == 0


def test_milestones_reached_once_and_remembered() -> None:
    state = LedgerState(goal=30, milestones=(10, 20))
    change = None
    for number in range(12):
        change = state.apply(sale(number, f"o{number}")) or change
    assert state.pending_milestones() == (10,)
    state.apply(Entry(EntryKind.MILESTONE, T0 + 12, "counter", 10))
    assert state.pending_milestones() == ()
    state.apply(correction(13, -5, "refunds"))
    state.apply(correction(14, +5, "re-sold"))
    assert state.pending_milestones() == ()  # 10 is not announced twice
    assert state.progress == pytest.approx(12 / 30)


def test_sales_are_attributed_to_the_segment_and_product_on_air() -> None:
    state = LedgerState()
    state.apply(segment(0, "opening"))
    state.apply(sale(10, "a"))
    state.apply(segment(60, "voucher-drop", "m5"))
    state.apply(sale(70, "b"))
    state.apply(sale(80, "c", product="x7"))
    state.apply(correction(90, +1))
    summary = {row.segment_id: row for row in state.segment_summary(until=T0 + 360)}
    assert summary["opening"].vouchers == 1
    assert summary["opening"].seconds_on_air == 60
    assert summary["voucher-drop"].vouchers == 3
    assert summary["voucher-drop"].seconds_on_air == 300
    assert summary["voucher-drop"].per_minute == pytest.approx(0.6)
    assert state.by_product() == {None: 1, "m5": 2, "x7": 1}


def test_per_minute_chart() -> None:
    state = LedgerState()
    for at in (5, 10, 70, 200):
        state.apply(sale(at, str(at)))
    assert state.per_minute(T0, T0 + 200) == [2, 1, 0, 1]


@given(
    st.lists(st.tuples(st.sampled_from(["total", "sale", "fix"]), st.integers(-5, 50)), max_size=60)
)
def test_on_air_only_falls_through_corrections(steps: list[tuple[str, int]]) -> None:
    state = LedgerState()
    for number, (kind, value) in enumerate(steps):
        before = state.on_air
        if kind == "total":
            state.apply(total(number, abs(value)))
        elif kind == "sale":
            state.apply(sale(number, f"o{number}", max(abs(value), 1)))
        else:
            if value:
                state.apply(correction(number, value))
            continue
        assert state.on_air >= before


def test_json_pointer() -> None:
    document = {"data": {"sold": 11, "a/b": 1, "list": [4, 5]}}
    assert resolve_pointer(document, "/data/sold") == 11
    assert resolve_pointer(document, "/data/a~1b") == 1
    assert resolve_pointer(document, "/data/list/1") == 5
    for missing in ("/data/count", "/data/list/9", "/data/sold/x"):
        with pytest.raises(KeyError):
            resolve_pointer(document, missing)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12", "text"),
        (-1, "negative"),
        (12.5, "fractional"),
        (True, "boolean"),
        (None, "NoneType"),
        (10**12, "implausibly large"),
    ],
)
def test_counts_that_are_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_count(value)


def test_counts_that_are_accepted() -> None:
    assert parse_count(12) == 12
    assert parse_count(12.0) == 12
    assert parse_count(0) == 0
