"""The live voucher counter: feed observations and manual corrections → ledger → numbers.

Every observation is committed to the ledger before the count changes, in batches: under
a burst, whatever arrived while the previous commit ran goes into the next transaction.
Milestones are announced once, ever: the announcement is itself a ledger entry.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hostconsole.adapters.sales.model import Observation, TotalSeen
from hostconsole.adapters.storage.ledger_db import LedgerStore, payload_hash
from hostconsole.domain.announcer import Announcer
from hostconsole.domain.ledger import CountChange, Entry, EntryKind, LedgerState

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

Now = Callable[[], float]
OnAir = Callable[[], tuple[str | None, str | None]]  # (segment id, product id) on air now
BATCH_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Recorded:
    """What one committed batch did."""

    entries: tuple[Entry, ...]
    changes: tuple[CountChange, ...]
    duplicates: int


ChangeListener = Callable[[Recorded], None]
MilestoneListener = Callable[[int], None]
FlagListener = Callable[[str], None]


class VoucherCounter:
    def __init__(
        self,
        ledger_path: Path,
        *,
        goal: int | None = None,
        milestones: tuple[int, ...] = (),
        on_air: OnAir = lambda: (None, None),
        now: Now = time.time,
    ) -> None:
        self.store = LedgerStore(ledger_path)
        self.state = LedgerState(goal=goal, milestones=milestones)
        self._on_air = on_air
        self._now = now
        self._queue: asyncio.Queue[tuple[list[Entry], asyncio.Future[Recorded] | None]] = (
            asyncio.Queue()
        )
        self._writer: asyncio.Task[None] | None = None
        # Listeners run after the commit and cannot fail it: what was committed is the result.
        self._changed: Announcer[Recorded] = Announcer("a ledger commit")
        self._milestone_reached: Announcer[int] = Announcer("a voucher milestone")
        self._flagged: Announcer[str] = Announcer("a voucher feed flag")
        self.duplicates_skipped = 0
        # The newest stream event id in the ledger: a restarted stream resumes after it.
        self.last_stream_event_id = ""

    # --- lifecycle ----------------------------------------------------------------------

    async def open(self) -> None:
        """Replay the ledger, then announce any milestone reached but never announced
        (the app died between a sale and its announcement)."""
        for entry in await self.store.open():
            self.state.apply(entry)
            if entry.event_id:
                self.last_stream_event_id = entry.event_id
        self._writer = asyncio.get_running_loop().create_task(
            self._write_forever(), name="voucher-ledger-writer"
        )
        if self.state.pending_milestones():
            await self._submit([])

    async def close(self) -> None:
        """Commit what is queued, then close the ledger."""
        if self._writer is not None:
            await self._queue.join()
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
            self._writer = None
        await self.store.close()

    def add_change_listener(self, listener: ChangeListener) -> None:
        self._changed.connect(listener)

    def add_milestone_listener(self, listener: MilestoneListener) -> None:
        self._milestone_reached.connect(listener)

    def add_flag_listener(self, listener: FlagListener) -> None:
        self._flagged.connect(listener)

    # --- inputs -------------------------------------------------------------------------

    async def observe(self, observation: Observation) -> None:
        """A feed's sink: queue the observation for the ledger (returns at once)."""
        segment, product = self._on_air()
        at = self._now()
        if isinstance(observation, TotalSeen):
            if observation.total == self.state.last_total:
                return  # an unchanged total says nothing new; the ledger keeps changes
            entries = [
                Entry(
                    EntryKind.TOTAL,
                    at,
                    observation.source,
                    observation.total,
                    segment_id=segment,
                    product_id=product,
                    payload_hash=observation.payload_hash,
                )
            ]
        else:
            entries = [
                Entry(
                    EntryKind.SALE,
                    at,
                    observation.source,
                    order.quantity,
                    order_id=order.order_id,
                    segment_id=segment,
                    product_id=order.product or product,
                    payload_hash=observation.payload_hash,
                    event_id=observation.event_id,
                )
                for order in observation.orders
            ]
        await self._queue.put((entries, None))

    async def observe_and_wait(self, observation: Observation) -> Recorded:
        """Like observe, but return once committed (tests, the rehearsal tooling)."""
        await self.observe(observation)
        return await self._submit([])

    async def correct(self, delta: int, reason: str, operator: str = "producer") -> Recorded:
        """A manual correction (a phone order, a miscount): a new entry, never an edit."""
        if delta == 0:
            raise ValueError("a correction needs a non-zero amount")
        if not reason.strip():
            raise ValueError("a correction needs a reason")
        segment, product = self._on_air()
        entry = Entry(
            EntryKind.CORRECTION,
            self._now(),
            f"manual:{operator}",
            delta,
            reason=reason.strip(),
            segment_id=segment,
            product_id=product,
            payload_hash=payload_hash(f"{delta}|{reason}|{operator}"),
        )
        return await self._submit([entry])

    async def segment_on_air(self, segment_id: str | None, product_id: str | None) -> Recorded:
        entry = Entry(
            EntryKind.SEGMENT,
            self._now(),
            "run sheet",
            0,
            segment_id=segment_id,
            product_id=product_id,
        )
        return await self._submit([entry])

    async def _submit(self, entries: list[Entry]) -> Recorded:
        future: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
        await self._queue.put((entries, future))
        return await future

    # --- the writer -----------------------------------------------------------------------

    async def _write_forever(self) -> None:
        while True:
            batch = [await self._queue.get()]
            # Everything that queued up during the previous commit goes into this one.
            while not self._queue.empty() and len(batch) < BATCH_LIMIT:
                batch.append(self._queue.get_nowait())
            entries = [entry for item, _ in batch for entry in item]
            try:
                recorded = await self._commit(entries)
            except Exception as error:
                log.exception("could not write to the ledger")
                for _ in batch:
                    self._queue.task_done()
                for _, future in batch:
                    if future is not None and not future.done():
                        future.set_exception(error)
                continue
            for _, future in batch:
                if future is not None and not future.done():
                    future.set_result(recorded)
            for _ in batch:
                self._queue.task_done()

    async def _commit(self, entries: list[Entry]) -> Recorded:
        stored = await self.store.append(entries) if entries else []
        duplicates = len(entries) - len(stored)
        self.duplicates_skipped += duplicates
        changes: list[CountChange] = []
        flags_before = len(self.state.flags)
        for entry in stored:
            if entry.event_id:
                self.last_stream_event_id = entry.event_id
            change = self.state.apply(entry)
            if change is not None:
                changes.append(change)
        milestones = self.state.pending_milestones()
        if milestones:
            announcements = [
                Entry(EntryKind.MILESTONE, self._now(), "counter", milestone)
                for milestone in milestones
            ]
            for entry in await self.store.append(announcements):
                self.state.apply(entry)
        recorded = Recorded(tuple(stored), tuple(changes), duplicates)
        for flag in self.state.flags[flags_before:]:
            log.warning("voucher feed flagged: %s", flag)
            self._flagged.emit(flag)
        self._changed.emit(recorded)
        for milestone in milestones:
            log.info("voucher milestone reached: %d", milestone)
            self._milestone_reached.emit(milestone)
        return recorded

    # --- reading ------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return self.state.on_air

    def rate(self) -> int:
        return self.state.rate(self._now())

    async def export_csv(self, target: Path) -> int:
        return await self.store.export_csv(target)


def write_segment_summary_csv(counter: VoucherCounter, target: Path, until: float) -> None:
    """Per segment: time on air, vouchers, vouchers per minute (the after-show summary)."""
    import csv

    with open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("segment", "seconds_on_air", "vouchers", "vouchers_per_minute"))
        for row in counter.state.segment_summary(until):
            writer.writerow(
                (
                    row.segment_id,
                    round(row.seconds_on_air, 1),
                    row.vouchers,
                    round(row.per_minute, 2),
                )
            )
