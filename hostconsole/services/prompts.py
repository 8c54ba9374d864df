"""Sales prompts for the presenter: when a segment with products sells nothing for a while,
the product's next talking point not yet covered; when sales burst, "mention the count".
Decided from numbers the engine gives (no timers here); shown until the producer dismisses
them or the next one replaces them."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from hostconsole.domain.show import Segment, Show

QUIET_SECONDS = 180.0  # no sale for this long in a segment with products: a talking point
BURST_SALES = 5  # this many sales …
BURST_WINDOW = 30.0  # … within this many seconds: mention the count
BURST_GAP = 60.0  # at most one count prompt this often
# A "mention the count" prompt goes once sales have stopped this long (a count said minutes
# after the burst would be news of the past); while it shows, its number is the live count.
BURST_EXPIRE_SECONDS = 45.0


class SalesPrompt(msgspec.Struct, frozen=True):
    kind: str  # "quiet" (say a talking point) or "burst" (mention the count)
    text: str  # the talking point's headline, or the count when it was raised (the log's)
    segment_id: str
    at: float
    point_id: str | None = None

    def shown(self, count: int) -> str:
        """What a screen shows: a count prompt always says the count now, never a stale one."""
        return f"{count:,}" if self.kind == "burst" else self.text


class SalesPrompter:
    def __init__(
        self, quiet_seconds: float = QUIET_SECONDS, burst_sales: int = BURST_SALES
    ) -> None:
        self.quiet_seconds = quiet_seconds
        self.burst_sales = burst_sales
        self.current: SalesPrompt | None = None
        self._sales: deque[float] = deque(maxlen=1000)
        self._last_sale_at: float | None = None
        self._last_burst_at = float("-inf")
        self._quiet_done: set[tuple[str, float]] = set()  # (segment, quiet stretch start)

    def sold(self, count: int, now: float) -> None:
        for _ in range(min(count, 1000)):
            self._sales.append(now)
        self._last_sale_at = now

    def check(
        self,
        now: float,
        show: Show,
        segment: Segment | None,
        segment_started: float | None,
        covered: AbstractSet[str],
        sold: int,
    ) -> SalesPrompt | None:
        """A new prompt, if one is due now (it becomes ``current``), else None."""
        if segment is None or segment_started is None:
            return None
        while self._sales and now - self._sales[0] > BURST_WINDOW:
            self._sales.popleft()
        if len(self._sales) >= self.burst_sales and now - self._last_burst_at >= BURST_GAP:
            self._last_burst_at = now
            self._sales.clear()
            return self._set(SalesPrompt("burst", f"{sold:,}", segment.id, now))
        if not segment.products:
            return None
        quiet_since = max(self._last_sale_at or segment_started, segment_started)
        if now - quiet_since < self.quiet_seconds or (segment.id, quiet_since) in self._quiet_done:
            return None
        self._quiet_done.add((segment.id, quiet_since))
        points = [p for p in show.points_for_segment(segment) if p.id not in covered]
        # The product's own points first (what sells it), then the segment's others.
        points.sort(key=lambda p: p.product not in segment.products)
        if not points:
            return None
        point = points[0]
        return self._set(SalesPrompt("quiet", point.headline, segment.id, now, point.id))

    def expire(self, now: float) -> SalesPrompt | None:
        """The count prompt, taken away once sales stopped BURST_EXPIRE_SECONDS ago."""
        current = self.current
        if current is None or current.kind != "burst":
            return None
        last = max(current.at, self._last_sale_at or current.at)
        if now - last < BURST_EXPIRE_SECONDS:
            return None
        self.current = None
        return current

    def _set(self, prompt: SalesPrompt) -> SalesPrompt:
        self.current = prompt
        return prompt

    def dismiss(self) -> SalesPrompt | None:
        gone, self.current = self.current, None
        return gone
