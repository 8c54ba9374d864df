"""The ledger's storage, the sales feeds and the secrets in memory, for the show engine's own
tests: they fit services/ports.py as the real adapters do (the SQLite ledger, the HTTP feeds,
the keyring), keep the same promises (a sale per order, a write that fails stores nothing),
and fail on demand. The real adapters keep their own tests (tests/integration)."""

from __future__ import annotations

import asyncio
import csv
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.sales.model import (
    CommentSeen,
    FeedState,
    FeedStatus,
    Order,
    OrdersSeen,
    Sink,
    StatusListener,
)
from hostconsole.adapters.storage.ledger_db import (
    LedgerWriteError,
    Quarantined,
    Salvage,
)
from hostconsole.domain.ledger import Entry, EntryKind
from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.services.ports import ObsPort

BATCH = 500


def _unique_key(entry: Entry) -> tuple[str, object] | None:
    """What the ledger keeps once (as the SQLite ledger's unique indexes do)."""
    if entry.kind in (EntryKind.SALE, EntryKind.REFUND) and entry.order_id is not None:
        return entry.kind.value, entry.order_id
    if entry.kind is EntryKind.MILESTONE:
        return entry.kind.value, entry.amount
    return None


class MemoryLedger:
    """The voucher ledger in memory. ``failing``: every write raises LedgerWriteError with
    this reason and stores nothing, until it is None again (a full disk). ``damaged``: what
    the cheap check finds (the file cut short under the console)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows: list[Entry] = []
        self.held: list[Quarantined] = []
        self.last_event_id = ""
        self.quarantined = 0
        self.transactions = 0
        self.failing: str | None = None
        self.damaged: str | None = None
        self.is_open = False
        self._keys: set[tuple[str, object]] = set()
        self._last_seq = 0
        self._resume_after = ""
        self._snapshot: tuple[dict[str, Any], int] | None = None

    def _write(self) -> None:
        if self.failing is not None:
            raise LedgerWriteError(f"{self.path}: could not write ({self.failing})")

    async def open_resume(self) -> tuple[dict[str, Any] | None, int]:
        self.is_open = True
        self.last_event_id = self._resume_after
        self.quarantined = len(self.held)
        return self._snapshot if self._snapshot is not None else (None, 0)

    async def entry_batches(self, after: int = 0) -> AsyncIterator[list[Entry]]:
        waiting = [entry for entry in self.rows if entry.seq > after]
        for start in range(0, len(waiting), BATCH):
            await asyncio.sleep(0)
            yield waiting[start : start + BATCH]

    async def snapshot_matches(self, data: dict[str, Any], seq: int) -> bool:
        upto = [entry for entry in self.rows if entry.seq <= seq]
        sales = sum(entry.amount for entry in upto if entry.kind is EntryKind.SALE)
        corrections = sum(entry.amount for entry in upto if entry.kind is EntryKind.CORRECTION)
        last = max((entry.seq for entry in upto), default=0)
        return (data.get("unique_sales"), data.get("corrections"), seq) == (
            sales,
            corrections,
            last,
        )

    async def entries_after(self, seq: int) -> int:
        return max((self.rows[-1].seq if self.rows else seq) - seq, 0)

    async def append(
        self,
        entries: list[Entry],
        quarantined: list[Quarantined] | None = None,
        resume_after: str = "",
    ) -> tuple[list[Entry], list[Quarantined]]:
        self._write()
        stored: list[Entry] = []
        keys: set[tuple[str, object]] = set()
        seq = self._last_seq
        for entry in entries:
            # Every entry takes a seq, a skipped one too (as SQLite's AUTOINCREMENT does):
            # seqs are never reused, and may have gaps.
            seq += 1
            key = _unique_key(entry)
            if key is not None and (key in self._keys or key in keys):
                continue
            if key is not None:
                keys.add(key)
            stored.append(msgspec.structs.replace(entry, seq=seq))
        held = list(quarantined or ())
        # Committed at once, as one transaction is.
        self._last_seq = seq
        self.rows.extend(stored)
        self._keys |= keys
        self.held.extend(held)
        self.quarantined += len(held)
        if resume_after:
            self._resume_after = resume_after  # read back when the ledger is next opened
        self.transactions += 1
        return stored, held

    async def checkpoint(self) -> None:
        self._write()

    async def save_snapshot(self, data: dict[str, Any], seq: int) -> None:
        self._write()
        self._snapshot = (data, seq)

    async def reopen(self) -> None:
        self._write()

    async def damage(self) -> str | None:
        return self.damaged

    async def salvage(self) -> Salvage:
        self.damaged = None
        self.last_event_id = self._resume_after
        return Salvage(
            self.path.with_name(self.path.name + ".damaged"),
            list(self.rows),
            list(self.held),
            0,
            self._resume_after,
        )

    async def report_parts(
        self,
    ) -> tuple[list[Entry], list[Entry], tuple[float | None, float], list[Quarantined]]:
        def of(kind: EntryKind) -> list[Entry]:
            return [entry for entry in self.rows if entry.kind is kind]

        span = (self.rows[0].at, self.rows[-1].at) if self.rows else (None, 0.0)
        return of(EntryKind.CORRECTION), of(EntryKind.MILESTONE), span, list(self.held)

    async def entries(self) -> list[Entry]:
        return list(self.rows)

    async def quarantine_list(self) -> list[Quarantined]:
        return list(self.held)

    async def export_csv(self, target: Path) -> int:
        return await asyncio.to_thread(self._write_csv, target)

    def _write_csv(self, target: Path) -> int:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("seq", "kind", "at", "source", "amount", "order_id"))
            for entry in self.rows:
                writer.writerow(
                    (entry.seq, entry.kind, entry.at, entry.source, entry.amount, entry.order_id)
                )
        return len(self.rows)

    async def close(self) -> None:
        self.is_open = False


class FakeFeed:
    """A sales (or comment) feed the test speaks for: ``sell`` hands an order to the show as
    the platform's stream would; ``say`` puts the feed in a state (a refused token…)."""

    def __init__(self, kind: str, sink: Sink, now: Callable[[], float]) -> None:
        self.kind = kind
        self._sink = sink
        self._now = now
        self._listeners: list[StatusListener] = []
        self.status = FeedStatus(kind, FeedState.STOPPED, Said("feed.stopped"), None, 10.0)
        self.waiting_for_token = False
        self.interval = 2.0
        self.first_connected_at: float | None = None
        self.token_changes = 0
        self.on_comment: Callable[[CommentSeen], None] | None = None
        self._sold = 0

    @property
    def may_miss_earlier_sales(self) -> bool:
        return False

    def add_status_listener(self, listener: StatusListener) -> None:
        self._listeners.append(listener)

    def say(self, state: FeedState, message: str) -> None:
        ok = state is FeedState.LIVE
        self.status = FeedStatus(
            self.kind, state, message, self._now() if ok else self.status.last_ok_at, 10.0
        )
        self.waiting_for_token = state is FeedState.UNAUTHORIZED
        for listener in list(self._listeners):
            listener(self.status)

    def start(self) -> None:
        self.first_connected_at = self._now()
        self.say(FeedState.LIVE, Said("feed.live"))

    async def stop(self) -> None:
        self.say(FeedState.STOPPED, Said("feed.stopped"))

    def token_changed(self) -> None:
        self.token_changes += 1
        if self.status.state is FeedState.UNAUTHORIZED:
            self.say(FeedState.LIVE, Said("feed.live"))

    async def sell(self, quantity: int = 1, order_id: str | None = None) -> str:
        """One paid order, as the platform's stream sends it: its id."""
        self._sold += 1
        order_id = order_id or f"fake-{self._sold}"
        orders = (Order(order_id, quantity),)
        await self._sink(OrdersSeen(orders, f"hash-{order_id}", "stream", f"e{self._sold}"))
        return order_id


class FakeSalesFeeds:
    """Builds FakeFeeds for the show; the test reaches them here."""

    def __init__(self) -> None:
        self.poll_feed: FakeFeed | None = None
        self.stream_feed: FakeFeed | None = None
        self.comment_feed: FakeFeed | None = None
        self.closed = False

    def poll(
        self,
        url: str,
        pointer: str,
        sink: Sink,
        *,
        interval: float,
        token: Callable[[], str | None],
        now: Callable[[], float],
    ) -> FakeFeed:
        self.poll_feed = FakeFeed("poll", sink, now)
        self.poll_feed.interval = interval
        return self.poll_feed

    def stream(
        self,
        url: str,
        sink: Sink,
        *,
        token: Callable[[], str | None],
        fallback: Any,
        now: Callable[[], float],
        resume_after: str,
        on_comment: Callable[[CommentSeen], None],
    ) -> FakeFeed:
        self.stream_feed = FakeFeed("stream", sink, now)
        self.stream_feed.on_comment = on_comment
        return self.stream_feed

    def comments(
        self,
        url: str,
        *,
        token: Callable[[], str | None],
        now: Callable[[], float],
        on_comment: Callable[[CommentSeen], None],
    ) -> FakeFeed:
        async def no_sales(_observation: Any) -> None:
            return None

        self.comment_feed = FakeFeed("comments", no_sales, now)
        self.comment_feed.on_comment = on_comment
        return self.comment_feed

    async def close(self) -> None:
        self.closed = True


class FakeParts:
    """A show's parts in memory: the given OBS (FakeObs, or none), a MemoryLedger per path
    (kept across sessions, as a file is), FakeSalesFeeds, and secrets from a dict."""

    def __init__(self, obs: ObsPort | None = None, secrets: dict[str, str] | None = None) -> None:
        self._obs = obs
        self.secrets = dict(secrets or {})
        self.ledgers: dict[Path, MemoryLedger] = {}
        self.feeds = FakeSalesFeeds()

    def obs(self, settings: Settings, password: Callable[[], str | None]) -> ObsPort | None:
        return self._obs

    def ledger(self, path: Path) -> MemoryLedger:
        return self.ledgers.setdefault(path, MemoryLedger(path))

    def sales_feeds(self, settings: Settings) -> FakeSalesFeeds:
        return self.feeds

    def secret(self, name: str) -> str | None:
        return self.secrets.get(name)
