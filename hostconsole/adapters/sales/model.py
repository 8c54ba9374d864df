"""What a sales feed reports: observations for the ledger, and its own honest status."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Protocol

import msgspec


class FeedState(StrEnum):
    STARTING = "starting"
    LIVE = "live"
    ERROR = "error"  # the last attempt failed; retrying with backoff
    UNAUTHORIZED = "unauthorized"  # token refused: stopped until a new token
    STOPPED = "stopped"


class FeedStatus(msgspec.Struct, frozen=True):
    feed: str  # "poll" or "stream"
    state: FeedState
    message: str = ""
    last_ok_at: float | None = None  # epoch seconds of the last good answer or heartbeat
    stale_after: float = 10.0

    def age(self, now: float) -> float | None:
        return None if self.last_ok_at is None else max(now - self.last_ok_at, 0.0)

    def is_stale(self, now: float) -> bool:
        age = self.age(now)
        return age is None or age > self.stale_after


class Order(msgspec.Struct, frozen=True):
    order_id: str
    quantity: int = 1
    product: str | None = None


class TotalSeen(msgspec.Struct, frozen=True):
    total: int
    payload_hash: str
    source: str


class OrdersSeen(msgspec.Struct, frozen=True):
    orders: tuple[Order, ...]
    payload_hash: str
    source: str
    event_id: str = ""
    emitted_at: float | None = None  # the platform's own timestamp, when it sends one


class RefundSeen(msgspec.Struct, frozen=True):
    """An order refunded or cancelled after payment (``event: refund`` on the stream)."""

    order_id: str
    quantity: int
    product: str | None
    reason: str  # "refunded" or "cancelled"
    payload_hash: str
    source: str
    event_id: str = ""


class Rejected(msgspec.Struct, frozen=True):
    """An event the feed could not read as a sale or a total: quarantined with its raw text."""

    raw: str
    reason: str
    source: str
    event_id: str = ""


class CommentSeen(msgspec.Struct, frozen=True):
    """A viewer's comment from the platform (an ``event: comment`` on the stream)."""

    comment_id: str
    author: str
    text: str
    at: float


Observation = TotalSeen | OrdersSeen | RefundSeen | Rejected
Sink = Callable[[Observation], Awaitable[None]]
StatusListener = Callable[[FeedStatus], None]


class Fallback(Protocol):
    """A feed a stream turns on while it is down (the poll feed)."""

    status: FeedStatus

    def start(self) -> None: ...

    async def stop(self) -> None: ...
