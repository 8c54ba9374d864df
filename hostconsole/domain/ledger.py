"""Ledger maths: the on-air voucher count, rate, goal, milestones and attribution to segments.

The ledger itself is append-only (entries are never edited); everything here is derived by
applying its entries in order, so a restart that replays the ledger arrives at exactly the
same numbers. The number on air is a claim that must be true, so it is never above what the
platform sold: sales are counted once by order id; a stream's total raises the count only by
sales that can no longer arrive (see the three stream sources below); a poll's lower total is
recorded and flagged, and only a manual correction lowers the number shown for it.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from enum import StrEnum
from typing import Any

import msgspec

RATE_WINDOW_SECONDS = 300.0
SNAPSHOT_VERSION = 3
READABLE_SNAPSHOTS = (2, 3)  # version 2 lacks the stream's floor (0 then)
# A stream's totals come in three kinds, by what they can promise:
STREAM_SOURCE = "stream"  # a running total carried by a sale: in order with the sales
# A total event on its own: it may run ahead of sales still on their way (sent on connect
# before a replay, or computed at send time), so it is recorded but never counted...
STREAM_TOTAL_SOURCE = "stream-total"
# ...until the stream settles it (no sale behind it arrived in a grace period): then the count
# on air is at least that total, never that total plus sales.
STREAM_SETTLED_SOURCE = "stream-settled"
MAX_PLAUSIBLE_COUNT = 100_000_000


class EntryKind(StrEnum):
    TOTAL = "total"  # the feed's running total, as observed
    SALE = "sale"  # one order (deduplicated by order id)
    CORRECTION = "correction"  # the producer's manual +/- with a reason
    SEGMENT = "segment"  # the run sheet put a segment (and product) on air
    MILESTONE = "milestone"  # a milestone was crossed and announced (once, ever)
    # An order refunded or cancelled after it was paid (once per order; reason: "refunded" or
    # "cancelled"). The count on air stays what was sold: a refund never lowers it during
    # the show; the console and the report show refunds and the net beside it.
    REFUND = "refund"


class Entry(msgspec.Struct, frozen=True):
    kind: EntryKind
    at: float  # epoch seconds
    source: str = ""
    amount: int = 0  # TOTAL: the total; SALE: quantity; CORRECTION: delta; MILESTONE: the count
    order_id: str | None = None
    reason: str = ""
    segment_id: str | None = None
    product_id: str | None = None
    payload_hash: str = ""
    flag: str = ""
    event_id: str = ""  # the stream's event id, so a restart resumes where it left off
    seq: int = 0  # the ledger's own order, once stored


class CountChange(msgspec.Struct, frozen=True):
    """What one entry did to the on-air count."""

    before: int
    after: int
    at: float
    entry: Entry
    crossed: tuple[int, ...] = ()  # milestones reached by this change and not announced yet


class SegmentSummary(msgspec.Struct, frozen=True):
    segment_id: str
    seconds_on_air: float
    vouchers: int

    @property
    def per_minute(self) -> float:
        return self.vouchers / (self.seconds_on_air / 60) if self.seconds_on_air > 0 else 0.0


class LedgerState(msgspec.Struct):
    """The numbers derived from the ledger so far."""

    goal: int | None = None
    milestones: tuple[int, ...] = ()
    feed_high_water: int = 0  # the highest total a poll ever reported
    last_total: int | None = None  # the total the feed reported most recently
    unique_sales: int = 0  # sum of quantities of distinct orders
    # Sales the stream never delivered (made before it connected, or lost by the platform),
    # as its own in-order totals show: total − distinct sales seen at that point, the most.
    stream_missed: int = 0
    # The highest settled stream total: the count is at least this (sales arriving later are
    # the ones it stood for, so it is never added to them).
    stream_floor: int = 0
    # The stream's latest total event, and the distinct sales seen when it came.
    last_stream_total: int | None = None
    corrections: int = 0
    refunded: int = 0  # vouchers of orders refunded or cancelled after payment
    flags: list[str] = msgspec.field(default_factory=list)
    announced: set[int] = msgspec.field(default_factory=set)
    # Milestones the count had already passed when the producer set them: never announced
    # (a card saying "10 sold!" at 25 would be news of the past).
    passed_when_set: set[int] = msgspec.field(default_factory=set)
    # Kept up to date as entries arrive, so no question walks every sale so far (a show of a
    # million sales costs what a thousand do): vouchers per wall-clock minute, the last five
    # minutes' changes, and sums per product and per segment.
    _per_minute: dict[int, int] = msgspec.field(default_factory=dict)  # epoch minute → vouchers
    # The last five minutes' changes, second by second: [epoch second, change].
    _recent: deque[list[int]] = msgspec.field(default_factory=deque)
    # Sales per epoch second for the whole show (a 3-hour show: ≤ 10,800 keys), for "the best
    # five minutes"; corrections are not sales and are left out.
    _per_second: dict[int, int] = msgspec.field(default_factory=dict)
    _by_product: dict[str | None, int] = msgspec.field(default_factory=dict)
    _by_segment: dict[str | None, int] = msgspec.field(default_factory=dict)  # in first-seen order
    _segments: list[tuple[float, str | None]] = msgspec.field(default_factory=list)
    _on_air: tuple[str | None, str | None] = (None, None)
    first_at: float | None = None

    @property
    def feed_count(self) -> int:
        # A poll reports totals, a stream reports orders (and, in order with them, totals
        # that reconcile); both count the same vouchers, and either may have missed some.
        return max(self.feed_high_water, self.unique_sales + self.stream_missed, self.stream_floor)

    @property
    def on_air(self) -> int:
        return max(self.feed_count + self.corrections, 0)

    @property
    def net(self) -> int:
        """What was sold less what went back: beside the count, never on air."""
        return max(self.on_air - self.refunded, 0)

    @property
    def progress(self) -> float | None:
        return None if not self.goal else self.on_air / self.goal

    def apply(self, entry: Entry) -> CountChange | None:
        """Fold one entry in; returns the count change it caused, if any."""
        if self.first_at is None:
            self.first_at = entry.at
        before = self.on_air
        if entry.kind is EntryKind.TOTAL and entry.source == STREAM_SOURCE:
            # In order with the stream's sales: everything it has sent so far is in the total,
            # so total − distinct sales is what it never sent. The latest such total is the
            # truth: when sales it stood for arrive after all, the mark comes down again.
            missed = max(entry.amount - self.unique_sales, 0)
            if missed < self.stream_missed:
                self.flags.append(
                    entry.flag
                    or f"the platform's total ({entry.amount}) is below the "
                    f"{self.unique_sales + self.stream_missed} counted from its orders and "
                    f"earlier totals; the count on air follows the platform: "
                    f"{max(self.unique_sales + missed + self.corrections, 0)}"
                )
            self.last_total = entry.amount
            self.stream_missed = missed
        elif entry.kind is EntryKind.TOTAL and entry.source == STREAM_TOTAL_SOURCE:
            # Counts nothing yet: sales it includes may still be on their way.
            if entry.amount < self.unique_sales and entry.amount != self.last_stream_total:
                self.flags.append(
                    entry.flag
                    or f"the platform's total ({entry.amount}) is below the "
                    f"{self.unique_sales} distinct orders its stream sent; the count on air "
                    f"stays at {max(before, 0)}"
                )
            self.last_stream_total = entry.amount
        elif entry.kind is EntryKind.TOTAL and entry.source == STREAM_SETTLED_SOURCE:
            self.stream_floor = max(self.stream_floor, entry.amount)
        elif entry.kind is EntryKind.TOTAL:
            if entry.amount < self.feed_high_water and entry.amount != self.last_total:
                self.flags.append(
                    entry.flag
                    or f"the feed's total went back from {self.feed_high_water} to "
                    f"{entry.amount}; the count on air stays at {max(before, 0)} until "
                    "you correct it"
                )
            self.last_total = entry.amount
            self.feed_high_water = max(self.feed_high_water, entry.amount)
        elif entry.kind is EntryKind.SALE:
            self.unique_sales += entry.amount
        elif entry.kind is EntryKind.CORRECTION:
            self.corrections += entry.amount
        elif entry.kind is EntryKind.SEGMENT:
            self._on_air = (entry.segment_id, entry.product_id)
            self._segments.append((entry.at, entry.segment_id))
            return None
        elif entry.kind is EntryKind.MILESTONE:
            self.announced.add(entry.amount)
            return None
        elif entry.kind is EntryKind.REFUND:
            self.refunded += entry.amount
            return None
        after = self.on_air
        if after == before:
            return None
        delta = after - before
        segment = entry.segment_id if entry.segment_id is not None else self._on_air[0]
        product = entry.product_id if entry.product_id is not None else self._on_air[1]
        minute = math.floor(entry.at / 60)
        self._per_minute[minute] = self._per_minute.get(minute, 0) + delta
        second = math.floor(entry.at)
        recent = self._recent
        if recent and recent[-1][0] == second:
            recent[-1][1] += delta
        else:
            recent.append([second, delta])
        self._forget_before(second - RATE_WINDOW_SECONDS)
        if entry.kind is not EntryKind.CORRECTION and delta > 0:
            self._per_second[second] = self._per_second.get(second, 0) + delta
        self._by_product[product] = self._by_product.get(product, 0) + delta
        self._by_segment[segment] = self._by_segment.get(segment, 0) + delta
        return CountChange(before, after, entry.at, entry, self.pending_milestones())

    def _forget_before(self, second: float) -> None:
        recent = self._recent
        while recent and recent[0][0] <= second:
            recent.popleft()

    def pending_milestones(self) -> tuple[int, ...]:
        """Milestones the count has reached that were never announced."""
        return tuple(
            m
            for m in self.milestones
            if m <= self.on_air and m not in self.announced and m not in self.passed_when_set
        )

    def retarget(self, goal: int | None, milestones: tuple[int, ...]) -> None:
        """A new goal and milestones on air; those the count has already passed are not
        announced now."""
        fresh = set(milestones) - set(self.milestones)
        self.passed_when_set |= {m for m in fresh if m <= self.on_air}
        self.goal = goal
        self.milestones = tuple(sorted(set(milestones)))

    def rate(self, now: float, window: float = RATE_WINDOW_SECONDS) -> int:
        """Vouchers added in the last ``window`` whole seconds up to ``now``'s (never
        negative; at most five minutes: only those are kept). O(seconds in the window)."""
        window = min(window, RATE_WINDOW_SECONDS)
        current = math.floor(now)
        self._forget_before(current - RATE_WINDOW_SECONDS)
        total = sum(delta for second, delta in self._recent if current - window < second <= current)
        return max(total, 0)

    def best_window(self, seconds: float = RATE_WINDOW_SECONDS) -> tuple[int, float | None]:
        """The most vouchers sold (corrections aside) within any ``seconds`` (whole seconds),
        and the second that stretch began: "11 in 5 min". O(seconds with sales)."""
        times = sorted(self._per_second.items())
        best, best_at = 0, None
        total = 0
        left = 0
        for second, amount in times:
            total += amount
            while times[left][0] <= second - seconds:
                total -= times[left][1]
                left += 1
            if total > best:
                best, best_at = total, float(times[left][0])
        return best, best_at

    # --- snapshot: resume without replaying every entry ------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything derived so far, as JSON-able data (the ledger keeps it with the seq of
        the last entry it covers; a restart folds only the entries after that)."""
        return {
            "version": SNAPSHOT_VERSION,
            "feed_high_water": self.feed_high_water,
            "last_total": self.last_total,
            "unique_sales": self.unique_sales,
            "stream_missed": self.stream_missed,
            "stream_floor": self.stream_floor,
            "last_stream_total": self.last_stream_total,
            "corrections": self.corrections,
            "refunded": self.refunded,
            "flags": self.flags[-50:],
            "announced": sorted(self.announced),
            "per_minute": [[minute, count] for minute, count in self._per_minute.items()],
            "recent": [list(pair) for pair in self._recent],
            "per_second": [[second, count] for second, count in self._per_second.items()],
            "by_product": [[key, count] for key, count in self._by_product.items()],
            "by_segment": [[key, count] for key, count in self._by_segment.items()],
            "segments": [[at, segment] for at, segment in self._segments],
            "on_air": list(self._on_air),
            "first_at": self.first_at,
        }

    @classmethod
    def from_snapshot(
        cls, data: dict[str, Any], goal: int | None = None, milestones: tuple[int, ...] = ()
    ) -> LedgerState:
        """The state a snapshot describes (with today's goal and milestones); ValueError
        when it is not one this version wrote."""
        if not isinstance(data, dict) or data.get("version") not in READABLE_SNAPSHOTS:
            raise ValueError("not a ledger snapshot of this version")
        try:
            state = cls(goal=goal, milestones=milestones)
            state.feed_high_water = int(data["feed_high_water"])
            state.last_total = None if data["last_total"] is None else int(data["last_total"])
            state.unique_sales = int(data["unique_sales"])
            state.stream_missed = int(data["stream_missed"])
            state.stream_floor = int(data.get("stream_floor", 0))
            last_stream_total = data.get("last_stream_total")
            state.last_stream_total = None if last_stream_total is None else int(last_stream_total)
            state.corrections = int(data["corrections"])
            state.refunded = int(data.get("refunded", 0))  # none before refunds were kept
            state.flags = [str(flag) for flag in data["flags"]]
            state.announced = {int(value) for value in data["announced"]}
            state._per_minute = {int(minute): int(count) for minute, count in data["per_minute"]}
            state._recent = deque([int(second), int(delta)] for second, delta in data["recent"])
            state._per_second = {int(second): int(count) for second, count in data["per_second"]}
            state._by_product = {key: int(count) for key, count in data["by_product"]}
            state._by_segment = {key: int(count) for key, count in data["by_segment"]}
            state._segments = [(float(at), segment) for at, segment in data["segments"]]
            on_air = data["on_air"]
            state._on_air = (on_air[0], on_air[1])
            state.first_at = None if data["first_at"] is None else float(data["first_at"])
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise ValueError(f"a damaged ledger snapshot ({error})") from None
        return state

    def per_minute(self, start: float, now: float) -> list[int]:
        """Vouchers added in each wall-clock minute from the one ``start`` falls in to the
        one ``now`` falls in (for the show's chart): O(minutes), however many sales."""
        first, last = math.floor(start / 60), math.floor(now / 60)
        minutes = max(last - first + 1, 1)
        buckets = [0] * minutes
        if len(self._per_minute) <= minutes:
            for minute, delta in self._per_minute.items():
                if first <= minute <= last:
                    buckets[minute - first] += delta
        else:
            for index in range(minutes):
                buckets[index] = self._per_minute.get(first + index, 0)
        return buckets

    def segment_spans(self, until: float) -> list[tuple[float, float, str]]:
        """(start, end, segment id) of each stretch a segment was on air, from the ledger's
        segment entries (for the chart's bands)."""
        spans = []
        for index, (at, segment) in enumerate(self._segments):
            end = self._segments[index + 1][0] if index + 1 < len(self._segments) else until
            if segment is not None and end > at:
                spans.append((at, end, segment))
        return spans

    def by_product(self) -> dict[str | None, int]:
        return dict(self._by_product)

    def segment_summary(self, until: float) -> list[SegmentSummary]:
        """Per segment: time on air (from the ledger's segment entries) and vouchers sold."""
        seconds: dict[str, float] = defaultdict(float)
        order: list[str] = []
        for index, (at, segment) in enumerate(self._segments):
            end = self._segments[index + 1][0] if index + 1 < len(self._segments) else until
            if segment is None:
                continue
            if segment not in seconds:
                order.append(segment)
            seconds[segment] += max(end - at, 0.0)
        vouchers: dict[str, int] = defaultdict(int)
        for segment, delta in self._by_segment.items():
            name = "(before the show)" if segment is None else segment
            if name not in seconds and name not in order:
                order.append(name)
            vouchers[name] += delta
        return [SegmentSummary(s, seconds.get(s, 0.0), vouchers.get(s, 0)) for s in order]


def resolve_pointer(document: object, pointer: str) -> object:
    """The value at an RFC 6901 JSON pointer such as ``/data/sold``; KeyError if absent."""
    if pointer == "":
        return document
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/', got {pointer!r}")
    current = document
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(current, dict):
            if token not in current:
                raise KeyError(pointer)
            current = current[token]
        elif isinstance(current, list):
            if not token.isdigit() or int(token) >= len(current):
                raise KeyError(pointer)
            current = current[int(token)]
        else:
            raise KeyError(pointer)
    return current


def parse_count(value: object) -> int:
    """A voucher count from a feed: a whole number, zero or more. ValueError says why not."""
    if isinstance(value, bool):
        raise ValueError(f"the count is a boolean ({value!r}), not a number")
    if isinstance(value, str):
        raise ValueError(f"the count is text ({value!r}), not a number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"the count is fractional ({value!r})")
        value = int(value)
    if not isinstance(value, int):
        raise ValueError(f"the count is {type(value).__name__}, not a number")
    if value < 0:
        raise ValueError(f"the count is negative ({value})")
    if value > MAX_PLAUSIBLE_COUNT:
        raise ValueError(f"the count is implausibly large ({value})")
    return value
