"""The live voucher counter: feed observations and manual corrections → ledger → numbers.

Every observation is committed to the ledger before the count changes, in batches: under
a burst, whatever arrived while the previous commit ran goes into the next transaction.
Milestones are announced once, ever: the announcement is itself a ledger entry.

A write that fails for a reason of the storage (disk full, folder read-only, I/O error)
loses nothing: the entries stay in memory in their order, the writer retries with backoff,
the fault is announced (once) and cleared when they are written. A feed event that cannot
be counted is quarantined with its raw text, never taking good sales with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

from hostconsole.adapters.sales.model import Observation, RefundSeen, Rejected, TotalSeen
from hostconsole.adapters.storage.ledger_db import (
    LedgerDamagedError,
    LedgerWriteError,
    Quarantined,
    payload_hash,
)
from hostconsole.domain.announcer import Announcer
from hostconsole.domain.ledger import CountChange, Entry, EntryKind, LedgerState
from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.services.ports import LedgerPort

log = logging.getLogger(__name__)

Now = Callable[[], float]
OnAir = Callable[[], tuple[str | None, str | None]]  # (segment id, product id) on air now
BATCH_LIMIT = 2000
# Behind a burst, a commit takes up to this many entries at once: batches grow rather than
# the queue (fewer transactions for the same entries).
MAX_BATCH = 20_000
# Entries accepted but not committed before a feed must wait: the sales stream stops being
# read (the platform holds its events; nothing is dropped) until the ledger catches up.
MAX_HELD = 200_000
# More than this waiting to be committed: the screen says the count is catching up.
CATCHING_UP = 5_000
# A replay of more entries than this (a ledger without a usable snapshot) runs in the
# background when the console opens: about 1.5 s of folding.
BACKGROUND_FOLD_OVER = 50_000
# The ledger keeps a snapshot of the derived numbers every this many entries (and at close):
# a restart folds at most these, however long the show.
SNAPSHOT_EVERY = 20_000
RETRY_BACKOFF_MAX = 2.0
WATCH_FILE_EVERY = 2.0  # seconds between the cheap checks that the file is still whole


class Recorded(msgspec.Struct, frozen=True):
    """What one committed batch did."""

    entries: tuple[Entry, ...]
    changes: tuple[CountChange, ...]
    duplicates: int


class StorageFault(msgspec.Struct, frozen=True):
    """The ledger cannot be written: why, since when, and how many entries wait in memory."""

    message: str
    since: float
    held: int


class _Pending(msgspec.Struct):
    """One queued piece of work for the ledger writer, waiting for its commit."""

    entries: list[Entry]
    quarantined: list[Quarantined]
    done: asyncio.Future[Recorded] | None


ChangeListener = Callable[[Recorded], None]
MilestoneListener = Callable[[int], None]
FlagListener = Callable[[str], None]
StorageListener = Callable[[StorageFault | None], None]


class VoucherCounter:
    def __init__(
        self,
        store: LedgerPort,
        *,
        goal: int | None = None,
        milestones: tuple[int, ...] = (),
        on_air: OnAir = lambda: (None, None),
        now: Now = time.time,
    ) -> None:
        self.store = store
        self.state = LedgerState(goal=goal, milestones=milestones)
        self.replayed = 0  # entries folded at open (after the snapshot, if there was one)
        self._room = asyncio.Event()  # set when the ledger has room for more (backpressure)
        self._room.set()
        self._last_seq = 0
        self._since_snapshot = 0
        self._on_air = on_air
        self._now = now
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        # Taken off the queue but not yet committed, in order: kept here while storage fails.
        self._pending: list[_Pending] = []
        self._pending_entries = 0  # kept with _pending: held_entries() is asked per sale
        self._queued_entries = 0
        self._writer: asyncio.Task[None] | None = None
        # Listeners run after the commit and cannot fail it: what was committed is the result.
        self._changed: Announcer[Recorded] = Announcer("a ledger commit")
        self._retargeted: Announcer[None] = Announcer("a new goal")
        self._milestone_reached: Announcer[int] = Announcer("a voucher milestone")
        self._flagged: Announcer[str] = Announcer("a voucher feed flag")
        self._storage: Announcer[StorageFault | None] = Announcer("a ledger storage fault")
        self.storage_fault: StorageFault | None = None
        self.quarantined = 0
        self.duplicates_skipped = 0
        self._last_totals: dict[str, int] = {}  # by source: an unchanged one is not stored
        # Said to the producer: the ledger was found damaged (at start, or cut short under
        # the running console), and what was done about it.
        self.ledger_problem: str | None = None
        self.file_damaged = False  # the running file was found cut short
        self._watching: asyncio.Task[None] | None = None
        # The newest stream event id in the ledger: a restarted stream resumes after it.
        self.last_stream_event_id = ""
        # (entries replayed, of about how many) while a background replay runs, else None.
        self.folding: tuple[int, int] | None = None
        self._state_whole = True  # False once a replay was cut short (closing mid-replay)
        self._folder: asyncio.Task[None] | None = None

    # --- lifecycle ----------------------------------------------------------------------

    async def open(self, *, fold_in_background: bool = False) -> None:
        """Replay the ledger, then announce any milestone reached but never announced
        (the app died between a sale and its announcement). A damaged ledger never stops the
        show: it is kept aside and a new one is started from what can be read of it (the
        stream then replays from before the damage, and its total reconciles the rest).

        With ``fold_in_background``, a replay of more than BACKGROUND_FOLD_OVER entries (a
        ledger without a usable snapshot) runs after this returns: the window and the control
        API come up at once, ``folding`` says how far it is, and no count is put anywhere
        until it is whole (``whole``); sales arriving meanwhile wait in order for it."""
        try:
            background = await self._fold_ledger(fold_in_background)
        except LedgerDamagedError as error:
            await self._salvaged(error)
            background = False
        self.last_stream_event_id = self.store.last_event_id
        self.quarantined = self.store.quarantined
        if background:
            self._folder = asyncio.get_running_loop().create_task(
                self._fold_then_write(), name="voucher-ledger-fold"
            )
        else:
            await self._start_writing()

    async def _salvaged(self, error: LedgerDamagedError) -> None:
        saved = await self.store.salvage()
        self.state = LedgerState(goal=self.state.goal, milestones=self.state.milestones)
        self._last_seq = 0
        self.replayed = 0
        await self._fold_ledger(False)
        read = f"{len(saved.entries):,}"
        self.ledger_problem = (
            Said("ledger.salvaged-gaps", error, saved.kept_as.name, read, saved.unreadable)
            if saved.unreadable
            else Said("ledger.salvaged", error, saved.kept_as.name, read)
        )
        log.error("%s", self.ledger_problem)

    async def _start_writing(self) -> None:
        self._writer = asyncio.get_running_loop().create_task(
            self._write_forever(), name="voucher-ledger-writer"
        )
        if self._pending_milestones():
            await self._submit([])
        self._watching = asyncio.get_running_loop().create_task(
            self._watch_file(), name="voucher-ledger-watch"
        )

    async def _fold_then_write(self) -> None:
        """The background replay; then the count is whole, said once, and writing starts."""
        started = time.monotonic()
        try:
            try:
                await self._fold_entries(self._last_seq)
            except LedgerDamagedError as error:
                self.state = LedgerState(goal=self.state.goal, milestones=self.state.milestones)
                await self._salvaged(error)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Said now, not when the task is collected: the count stays "catching up" (never
            # a part of itself) and the sales wait, held, until the console is restarted.
            log.exception("%s", Said("log.not-replayed"))
            self.ledger_problem = Said("ledger.not-replayed")
            raise
        self.folding = None
        log.info(
            "%s",
            Said("log.count-whole", f"{self.replayed:,}", f"{time.monotonic() - started:.1f}"),
        )
        await self._start_writing()
        self._changed.emit(Recorded((), (), 0))  # every screen shows the whole count

    @property
    def whole(self) -> bool:
        """The count is the ledger's (False while a background replay runs: never show it)."""
        return self.folding is None

    async def _fold_ledger(self, background: bool) -> bool:
        """The snapshot, then the entries after it — or, when ``background`` and they are many,
        only the plan (``folding``); True when the replay is left to run in the background."""
        snapshot, seq = await self.store.open_resume()
        if snapshot is not None:
            try:
                self.state = LedgerState.from_snapshot(
                    snapshot, self.state.goal, self.state.milestones
                )
            except ValueError as error:  # fold everything instead: slower, never wrong
                log.warning("%s", Said("log.snapshot-unusable", error))
                seq = 0
            else:
                if not await self.store.snapshot_matches(snapshot, seq):
                    log.warning("%s", Said("log.snapshot-mismatch"))
                    self.state = LedgerState(goal=self.state.goal, milestones=self.state.milestones)
                    seq = 0
        self._last_seq = seq
        if background:
            waiting = await self.store.entries_after(seq)
            if waiting > BACKGROUND_FOLD_OVER:
                self.folding = (0, waiting)
                log.warning("%s", Said("log.replaying-background", f"{waiting:,}"))
                return True
        await self._fold_entries(seq)
        return False

    async def _fold_entries(self, seq: int) -> None:
        # A batch at a time: a ledger without a usable snapshot is folded in bounded memory.
        async for batch in self.store.entry_batches(after=seq):
            for entry in batch:
                self.state.apply(entry)
            self._last_seq = max(self._last_seq, batch[-1].seq)
            self.replayed += len(batch)
            if self.folding is not None:
                self.folding = (self.replayed, max(self.folding[1], self.replayed))
        self._since_snapshot = self.replayed

    async def _watch_file(self) -> None:
        """Every few seconds, cheaply: has the file been cut short under the console? Said at
        once (the badge and the banner), logged once; the next start salvages it."""
        while True:
            await asyncio.sleep(WATCH_FILE_EVERY)
            if self.ledger_problem is not None:
                continue
            try:
                damage = await self.store.damage()
            except RuntimeError:  # the writer thread is gone: the ledger is closing
                return
            if damage is not None:
                self.file_damaged = True
                self.ledger_problem = Said("ledger.file-damaged", damage)
                log.error("%s", Said("log.at-path", self.ledger_problem, self.store.path))
                self._storage.emit(self.storage_fault)

    async def close(self, patience: float = 5.0) -> None:
        """Commit what is queued, then close the ledger.

        While the storage fails, wait at most ``patience`` seconds; what is still held then
        is named in the log (the stream resumes after the last committed event next time,
        so a platform that replays events delivers those sales again)."""
        if self._watching is not None:
            self._watching.cancel()
        if self._folder is not None and not self._folder.done():
            # Closed during the background replay: the sales that arrived meanwhile are
            # still written (the ledger is the record), but no snapshot of a partial count.
            self._folder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._folder
            self._state_whole = False
            if self._queued_entries:
                await self._start_writing()
        if self._writer is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._queue.join(), patience)
            held = self.held_entries()
            if held:
                log.error(
                    "%s",
                    Said(
                        "log.closing-held",
                        held,
                        self.storage_fault.message if self.storage_fault else "storage fault",
                        repr(self.last_stream_event_id or "-"),
                    ),
                )
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
            self._writer = None
            if not held and self._since_snapshot:
                await self._save_snapshot()
        await self.store.close()

    def retarget(self, goal: int | None, milestones: tuple[int, ...]) -> None:
        """The producer changed the goal or milestones in Settings: on air at once."""
        self.state.retarget(goal, milestones)
        self._retargeted.emit(None)

    def add_retarget_listener(self, listener: Callable[[None], None]) -> None:
        self._retargeted.connect(listener)

    def add_change_listener(self, listener: ChangeListener) -> None:
        self._changed.connect(listener)

    def add_milestone_listener(self, listener: MilestoneListener) -> None:
        self._milestone_reached.connect(listener)

    def add_flag_listener(self, listener: FlagListener) -> None:
        self._flagged.connect(listener)

    def add_storage_listener(self, listener: StorageListener) -> None:
        self._storage.connect(listener)

    @property
    def last_seq(self) -> int:
        """The ledger's newest stored entry (its seq)."""
        return self._last_seq

    def held_entries(self) -> int:
        """Entries accepted but not yet committed (queued or held through a fault)."""
        return self._queued_entries + self._pending_entries

    @property
    def catching_up(self) -> bool:
        """The count on screen lags: sales arrive faster than they are committed, or the
        ledger is still being replayed."""
        if self.folding is not None:
            return True
        return self.storage_fault is None and self.held_entries() > CATCHING_UP

    async def _enqueue(self, item: _Pending) -> None:
        # Backpressure, never an unbounded queue nor a dropped sale: the feed waits here.
        while item.entries and self.held_entries() >= MAX_HELD:
            self._room.clear()
            await self._room.wait()
        self._queued_entries += len(item.entries)
        await self._queue.put(item)

    # --- inputs -------------------------------------------------------------------------

    async def observe(self, observation: Observation) -> None:
        """A feed's sink: queue the observation for the ledger (returns at once)."""
        segment, product = self._on_air()
        at = self._now()
        if isinstance(observation, Rejected):
            log.warning(
                "%s",
                Said(
                    "log.event-quarantined",
                    observation.source,
                    observation.event_id or "?",
                    observation.reason,
                ),
            )
            held = Quarantined(
                at, observation.source, observation.reason, observation.raw, observation.event_id
            )
            await self._enqueue(_Pending([], [held], None))
            return
        if isinstance(observation, TotalSeen):
            if self._last_totals.get(observation.source) == observation.total:
                return  # an unchanged total says nothing new; the ledger keeps changes
            self._last_totals[observation.source] = observation.total
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
        elif isinstance(observation, RefundSeen):
            entries = [
                Entry(
                    EntryKind.REFUND,
                    at,
                    observation.source,
                    observation.quantity,
                    order_id=observation.order_id,
                    reason=observation.reason,
                    segment_id=segment,
                    product_id=observation.product,
                    payload_hash=observation.payload_hash,
                    event_id=observation.event_id,
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
        await self._enqueue(_Pending(entries, [], None))

    async def committed(self) -> None:
        """Return once everything queued so far is committed (waits through a fault)."""
        await self._submit([])

    async def observe_and_wait(self, observation: Observation) -> Recorded:
        """Like observe, but return once committed (tests, the rehearsal tooling)."""
        await self.observe(observation)
        return await self._submit([])

    async def correct(self, delta: int, reason: str, operator: str = "producer") -> Recorded:
        """A manual correction (a phone order, a miscount): a new entry, never an edit.

        Refused (LedgerWriteError) while the ledger cannot be written, so a refused
        correction changes nothing."""
        if self.storage_fault is not None:
            raise LedgerWriteError(f"the ledger cannot be written: {self.storage_fault.message}")
        if self.folding is not None:
            done, total = self.folding
            raise LedgerWriteError(Said("ledger.rebuilding", f"{done:,}", f"{total:,}"))
        if delta == 0:
            raise ValueError("a correction needs a non-zero amount")
        if not reason.strip():
            raise ValueError(Said("results.needs-reason"))
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
        recorded = await self._submit([entry])
        # Told "saved" means saved in the file itself, not only in its WAL.
        try:
            await self.store.checkpoint()
        except LedgerWriteError as error:
            log.warning("%s", Said("log.correction-in-wal", error))
        return recorded

    async def segment_on_air(
        self, segment_id: str | None, product_id: str | None, *, wait: float = 2.0
    ) -> None:
        """Record the segment change in order with the sales: waits for its commit at most
        ``wait`` seconds, and not at all while the ledger cannot be written, so a GO never
        waits for a failing disk (the entry stays queued and is written when it can be)."""
        entry = Entry(
            EntryKind.SEGMENT,
            self._now(),
            "run sheet",
            0,
            segment_id=segment_id,
            product_id=product_id,
        )
        if self.storage_fault is not None or self.folding is not None:
            await self._enqueue(_Pending([entry], [], None))  # written in order, later
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._submit([entry]), wait)

    async def _submit(self, entries: list[Entry]) -> Recorded:
        future: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
        await self._enqueue(_Pending(entries, [], future))
        # The caller may give up waiting; the entries are committed all the same.
        return await asyncio.shield(future)

    # --- the writer -----------------------------------------------------------------------

    async def _write_forever(self) -> None:
        failures = 0
        while True:
            if not self._pending and not self._pending_milestones():
                self._take(await self._queue.get())
            while not self._queue.empty():
                self._take(self._queue.get_nowait())
            try:
                if self._pending:
                    await self._commit_chunk()
                await self._announce_milestones()
            except Exception as error:  # the writer must never stop
                # A storage fault (LedgerWriteError) or a fault of our own: either way the
                # entries stay pending, in order, and are retried; a bug is logged with its
                # traceback (collapsed when repeated) rather than silently ending the writer.
                if not isinstance(error, LedgerWriteError):
                    log.exception("%s", Said("log.ledger-writer-failed"))
                    error = LedgerWriteError(f"{self.store.path}: could not write ({error})")
                failures += 1
                self._storage_failed(error)
                await asyncio.sleep(min(0.25 * 2 ** (failures - 1), RETRY_BACKOFF_MAX))
                if failures % 4 == 0:
                    # A connection that failed on I/O may stay broken; a fresh one may not.
                    with contextlib.suppress(LedgerWriteError):
                        await self.store.reopen()
                continue
            if failures:
                failures = 0
                self._storage_recovered()

    def _take(self, item: _Pending) -> None:
        self._queued_entries -= len(item.entries)
        self._pending.append(item)
        self._pending_entries += len(item.entries)

    async def _commit_chunk(self) -> None:
        """Commit the oldest pending work (up to BATCH_LIMIT entries) in one transaction."""
        size = 0
        chunk: list[_Pending] = []
        # Behind a burst, the batch grows with what is waiting (up to MAX_BATCH).
        waiting = self._pending_entries
        limit = min(max(BATCH_LIMIT, waiting), MAX_BATCH)
        for item in self._pending:
            if chunk and size + len(item.entries) > limit:
                break
            chunk.append(item)
            size += len(item.entries)
        entries = [entry for item in chunk for entry in item.entries]
        quarantined = [held for item in chunk for held in item.quarantined]
        # The stream resumes after the newest event committed here, good or quarantined.
        resume_after = ""
        for item in chunk:
            for event_id in [e.event_id for e in item.entries] + [
                q.event_id for q in item.quarantined
            ]:
                resume_after = event_id or resume_after
        recorded = await self._commit(entries, quarantined, resume_after)
        del self._pending[: len(chunk)]
        self._pending_entries -= size
        self._room.set()
        for item in chunk:
            if item.done is not None and not item.done.done():
                item.done.set_result(recorded)
            self._queue.task_done()

    async def _commit(
        self, entries: list[Entry], quarantined: list[Quarantined], resume_after: str
    ) -> Recorded:
        stored: list[Entry] = []
        held: list[Quarantined] = []
        if entries or quarantined:
            stored, held = await self.store.append(entries, quarantined, resume_after)
            if resume_after:
                self.last_stream_event_id = resume_after
        self.quarantined += len(held)
        for item in held:
            if item not in quarantined:  # an entry the ledger itself could not take
                log.warning("%s", Said("log.entry-quarantined", item.reason, item.raw))
        duplicates = len(entries) - len(stored) - (len(held) - len(quarantined))
        self.duplicates_skipped += duplicates
        changes: list[CountChange] = []
        flags_before = len(self.state.flags)
        for entry in stored:
            change = self.state.apply(entry)
            if change is not None:
                changes.append(change)
        if stored:
            self._last_seq = max(self._last_seq, stored[-1].seq)
            self._since_snapshot += len(stored)
            if self._since_snapshot >= SNAPSHOT_EVERY:
                await self._save_snapshot()
        recorded = Recorded(tuple(stored), tuple(changes), duplicates)
        for flag in self.state.flags[flags_before:]:
            log.warning("%s", Said("log.feed-flagged", flag))
            self._flagged.emit(flag)
        self._changed.emit(recorded)
        return recorded

    async def _save_snapshot(self) -> None:
        """The numbers as of the last stored entry, kept by the ledger (an optimisation: a
        failure is logged and the next restart folds a little more)."""
        if not self._last_seq or not self._state_whole:
            return  # a snapshot of a part of the ledger would be trusted next time: never
        try:
            await self.store.save_snapshot(self.state.snapshot(), self._last_seq)
            self._since_snapshot = 0
        except LedgerWriteError as error:
            log.info("%s", Said("log.snapshot-not-written", error))

    def _pending_milestones(self) -> list[int]:
        # Of a part of the ledger (closing mid-replay) a milestone may look unannounced that
        # a later entry announced: none then.
        return list(self.state.pending_milestones()) if self._state_whole else []

    async def _announce_milestones(self) -> None:
        milestones = self._pending_milestones()
        if not milestones:
            return
        announcements = [
            Entry(EntryKind.MILESTONE, self._now(), "counter", milestone)
            for milestone in milestones
        ]
        stored, _held = await self.store.append(announcements)
        for entry in stored:
            self.state.apply(entry)
            self._last_seq = max(self._last_seq, entry.seq)
        for milestone in milestones:
            self.state.announced.add(milestone)  # stored now, or already stored before
            log.info("%s", Said("log.milestone", milestone))
            self._milestone_reached.emit(milestone)

    def _storage_failed(self, error: LedgerWriteError) -> None:
        held = self.held_entries()
        first = self.storage_fault is None
        since = self._now() if first or self.storage_fault is None else self.storage_fault.since
        message = str(error).split("could not write (", 1)[-1].rstrip(")")
        self.storage_fault = StorageFault(message, since, held)
        if first:
            log.error("%s", Said("log.ledger-failing", error, held))
        self._storage.emit(self.storage_fault)

    def _storage_recovered(self) -> None:
        if self.storage_fault is None:
            return
        lasted = f"{self._now() - self.storage_fault.since:.0f}"
        log.warning("%s", Said("log.ledger-recovered", lasted))
        self.storage_fault = None
        self._storage.emit(None)

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


def write_quarantine_csv(quarantined: list[Quarantined], target: Path) -> None:
    """The feed events the ledger did not count, with why and their raw text."""
    import csv
    from datetime import UTC, datetime

    with open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("at", "source", "event_id", "reason", "raw"))
        for item in quarantined:
            at = datetime.fromtimestamp(item.at, UTC).isoformat(timespec="seconds")
            writer.writerow((at, item.source, item.event_id, item.reason, item.raw))
