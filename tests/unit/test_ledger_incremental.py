"""The ledger's numbers are kept up to date entry by entry (issue: a million sales cost what
a thousand do); they equal a plain fold of the same entries, whatever the entries."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostconsole.domain.ledger import Entry, EntryKind, LedgerState

START = 1_800_000_000.0
PRODUCTS = st.sampled_from([None, "m5", "x7"])
SEGMENTS = st.sampled_from(["a", "b", "c"])


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    at = START + draw(st.floats(0, 59))
    made: list[Entry] = []
    for number in range(draw(st.integers(0, 120))):
        at += draw(st.sampled_from([0.0, 0.5, 3.0, 40.0, 170.0, 400.0]))
        kind = draw(st.sampled_from(["sale", "sale", "sale", "total", "correction", "segment"]))
        if kind == "sale":
            made.append(
                Entry(
                    EntryKind.SALE,
                    at,
                    "stream",
                    draw(st.integers(1, 3)),
                    order_id=f"o{number}",
                    product_id=draw(PRODUCTS),
                )
            )
        elif kind == "total":
            made.append(Entry(EntryKind.TOTAL, at, "poll", draw(st.integers(0, 400))))
        elif kind == "correction":
            made.append(
                Entry(EntryKind.CORRECTION, at, "console", draw(st.sampled_from([-3, -1, 1, 5])))
            )
        else:
            made.append(
                Entry(
                    EntryKind.SEGMENT,
                    at,
                    "console",
                    segment_id=draw(SEGMENTS),
                    product_id=draw(PRODUCTS),
                )
            )
    return made


def plain_fold(
    made: list[Entry],
) -> tuple[LedgerState, list[tuple[float, int, str | None, str | None]]]:
    """Every change kept in a list, as before: what the incremental numbers must equal."""
    state = LedgerState()
    changes = []
    on_air: tuple[str | None, str | None] = (None, None)
    for entry in made:
        if entry.kind is EntryKind.SEGMENT:
            on_air = (entry.segment_id, entry.product_id)
        change = state.apply(entry)
        if change is not None:
            segment = entry.segment_id if entry.segment_id is not None else on_air[0]
            product = entry.product_id if entry.product_id is not None else on_air[1]
            changes.append((entry.at, change.after - change.before, segment, product))
    return state, changes


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries(), st.floats(0, 900))
def test_incremental_numbers_equal_a_plain_fold(made: list[Entry], later: float) -> None:
    state, changes = plain_fold(made)
    end = (made[-1].at if made else START) + later
    # Per wall-clock minute.
    first = math.floor(START / 60)
    buckets = [0] * (math.floor(end / 60) - first + 1)
    for at, delta, _segment, _product in changes:
        buckets[math.floor(at / 60) - first] += delta
    assert state.per_minute(START, end) == buckets
    # The last five minutes (and the last minute), in whole seconds.
    now = math.floor(end)
    for window in (300, 60):
        expected = sum(
            delta for at, delta, _s, _p in changes if now - window < math.floor(at) <= now
        )
        assert state.rate(end, window) == max(expected, 0)
    # The best five minutes: sales (corrections aside) in any 300 whole seconds.
    per_second: dict[int, int] = {}
    fresh = LedgerState()
    for entry in made:
        change = fresh.apply(entry)
        if change is not None and entry.kind is not EntryKind.CORRECTION:
            delta = change.after - change.before
            if delta > 0:
                per_second[math.floor(entry.at)] = per_second.get(math.floor(entry.at), 0) + delta
    seconds = sorted(per_second)
    best = max(
        (sum(per_second[t] for t in seconds if begin <= t < begin + 300) for begin in seconds),
        default=0,
    )
    assert state.best_window()[0] == best
    # And a snapshot of it is the same state (a restart resumes from it).
    again = LedgerState.from_snapshot(json.loads(json.dumps(state.snapshot())))
    assert again.on_air == state.on_air
    assert again.per_minute(START, end) == state.per_minute(START, end)
    assert again.rate(end) == state.rate(end)
    assert again.by_product() == state.by_product()
    assert again.segment_summary(end) == state.segment_summary(end)
    # Per product and per segment.
    by_product: dict[str | None, int] = {}
    by_segment: dict[str, int] = {}
    for _at, delta, segment, product in changes:
        by_product[product] = by_product.get(product, 0) + delta
        name = segment if segment is not None else "(before the show)"
        by_segment[name] = by_segment.get(name, 0) + delta
    assert state.by_product() == by_product
    summary = {row.segment_id: row.vouchers for row in state.segment_summary(end)}
    assert {k: v for k, v in summary.items() if k in by_segment} == by_segment
    assert all(v == 0 for k, v in summary.items() if k not in by_segment)
    # The count itself: the sum of every change.
    assert state.on_air == sum(delta for _at, delta, _s, _p in changes)


def test_memory_does_not_grow_with_each_sale() -> None:
    """100,000 sales in ten minutes keep ten minute buckets and five minutes of changes, not
    one record per sale."""
    state = LedgerState()
    for number in range(100_000):
        at = START + number * 0.006
        state.apply(Entry(EntryKind.SALE, at, "stream", 1, order_id=f"o{number}"))
    assert state.on_air == 100_000
    assert len(state._per_minute) <= 11
    assert len(state._recent) <= 50_001
    assert abs(state.rate(START + 600) - 50_000) <= 170  # the window's edge: a whole second
