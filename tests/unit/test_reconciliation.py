"""Counted once: whatever order a platform's sales and totals arrive in, the count on air is
never above what it sold, and once everything has arrived it is exactly what it sold.

A model platform sells in order; its stream delivers sales in order, late, lost, or replayed;
it says its total whenever it likes (ahead of sales still on their way); sales may carry their
running total; a total is settled the way the stream feed settles it (once no sale behind it
is still on its way). The ledger's fold must keep the promise for every such history."""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from hostconsole.domain.ledger import (
    STREAM_SETTLED_SOURCE,
    STREAM_SOURCE,
    STREAM_TOTAL_SOURCE,
    Entry,
    EntryKind,
    LedgerState,
)

STEPS = st.lists(
    st.sampled_from(["sell", "sell", "deliver", "deliver", "lose", "total", "settle", "replay"]),
    max_size=150,
)


class ModelPlatform:
    def __init__(self, running_totals: bool) -> None:
        self.running_totals = running_totals
        self.sold = 0
        self.on_the_way: deque[tuple[str, int]] = deque()  # (order id, total when sold)
        self.delivered: list[tuple[str, int]] = []
        self.claims: list[tuple[int, int]] = []  # (total said, last order it includes)
        self.ledger = LedgerState()
        self.seen: set[str] = set()  # the ledger's unique order ids
        self.at = 0.0

    def record(self, kind: EntryKind, amount: int, source: str, order: str | None = None) -> None:
        self.at += 1.0
        if order is not None:
            if order in self.seen:
                return  # a duplicate: the ledger stores each order once
            self.seen.add(order)
        self.ledger.apply(Entry(kind, self.at, source, amount, order_id=order))
        assert self.ledger.on_air <= self.sold, (self.ledger.on_air, self.sold)

    def step(self, step: str) -> None:
        if step == "sell":
            self.sold += 1
            self.on_the_way.append((f"o{self.sold}", self.sold))
        elif step == "deliver" and self.on_the_way:
            self._deliver(self.on_the_way.popleft())
        elif step == "lose" and self.on_the_way:
            self.on_the_way.popleft()  # the platform never sends it
        elif step == "total":
            self.record(EntryKind.TOTAL, self.sold, STREAM_TOTAL_SOURCE)
            self.claims.append((self.sold, self.sold))
        elif step == "settle":
            self._settle()
        elif step == "replay" and self.delivered:
            self._deliver(self.delivered[len(self.delivered) // 2])

    def _deliver(self, sale: tuple[str, int]) -> None:
        order, running_total = sale
        self.delivered.append(sale)
        self.record(EntryKind.SALE, 1, "stream", order)
        if self.running_totals:
            self.record(EntryKind.TOTAL, running_total, STREAM_SOURCE)

    def _settle(self) -> None:
        """The feed's rule: a total is settled once no sale it includes is on its way."""
        oldest_on_the_way = self.on_the_way[0][1] if self.on_the_way else self.sold + 1
        ready = [claim for claim in self.claims if claim[1] < oldest_on_the_way]
        if ready:
            self.claims = [claim for claim in self.claims if claim not in ready]
            self.record(EntryKind.TOTAL, max(total for total, _ in ready), STREAM_SETTLED_SOURCE)

    def finish(self) -> None:
        while self.on_the_way:
            self._deliver(self.on_the_way.popleft())
        self.step("total")
        self._settle()


@settings(max_examples=400, deadline=None)
@given(steps=STEPS, running_totals=st.booleans())
def test_the_count_is_never_above_sold_and_ends_at_sold(
    steps: list[str], running_totals: bool
) -> None:
    platform = ModelPlatform(running_totals)
    for step in steps:
        platform.step(step)
    platform.finish()
    assert platform.ledger.on_air == platform.sold


def test_a_total_said_on_connect_before_the_replay_is_not_added_to_it() -> None:
    """The stand-in's history from the issue: 522 counted, a crash, 748 sold; the stream says
    748 on connect and then replays the 226 sales the console missed."""
    platform = ModelPlatform(running_totals=True)
    for _ in range(522):
        platform.step("sell")
        platform.step("deliver")
    for _ in range(226):
        platform.step("sell")
    platform.step("total")
    for _ in range(226):
        platform.step("deliver")
    platform.step("settle")
    assert platform.ledger.on_air == 748
