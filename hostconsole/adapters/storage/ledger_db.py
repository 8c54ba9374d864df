"""The voucher ledger in SQLite (WAL): append-only, every write committed before it is used.

One writer thread owns the connection. ``append`` returns only after COMMIT with
``synchronous=FULL``, so an entry the console has acted on survives ``kill -9`` and power
loss; order ids are unique for sales, so a replayed or duplicated order is counted once.

The connection holds the file in exclusive locking mode: WAL then keeps its index in the
process's memory instead of a memory-mapped ``-shm`` file, so storage turning unwritable is
an error the counter reports (and retries), never a SIGBUS; it also means one process per
ledger. An entry SQLite cannot take (text that is not valid Unicode, a number beyond 64
bits) is quarantined with its raw text in the same transaction and never takes the good
entries beside it down with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import errno
import hashlib
import itertools
import json
import os
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.domain.ledger import Entry, EntryKind

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

SCHEMA_VERSION = 1
READ_BATCH = 20_000  # entries held at once while a replay or a report reads the ledger

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    at           REAL    NOT NULL,
    source       TEXT    NOT NULL,
    amount       INTEGER NOT NULL,
    order_id     TEXT,
    reason       TEXT    NOT NULL DEFAULT '',
    segment_id   TEXT,
    product_id   TEXT,
    payload_hash TEXT    NOT NULL DEFAULT '',
    flag         TEXT    NOT NULL DEFAULT '',
    event_id     TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS one_entry_per_order ON entries(order_id) WHERE kind = 'sale';
CREATE UNIQUE INDEX IF NOT EXISTS one_refund_per_order ON entries(order_id)
    WHERE kind = 'refund';
CREATE UNIQUE INDEX IF NOT EXISTS one_entry_per_milestone ON entries(amount)
    WHERE kind = 'milestone';
CREATE TABLE IF NOT EXISTS quarantine (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       REAL    NOT NULL,
    source   TEXT    NOT NULL,
    event_id TEXT    NOT NULL DEFAULT '',
    reason   TEXT    NOT NULL,
    raw      TEXT    NOT NULL
);
CREATE TRIGGER IF NOT EXISTS quarantine_is_never_edited BEFORE UPDATE ON quarantine
    BEGIN SELECT RAISE(ABORT, 'the quarantine is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_are_never_edited BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_are_never_deleted BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
"""

_COLUMNS = (
    "kind",
    "at",
    "source",
    "amount",
    "order_id",
    "reason",
    "segment_id",
    "product_id",
    "payload_hash",
    "flag",
    "event_id",
)


# Built from this module's own column names, never from input.
_INSERT = (
    f"INSERT OR IGNORE INTO entries({', '.join(_COLUMNS)}) "  # noqa: S608
    f"VALUES ({', '.join('?' for _ in _COLUMNS)})"
)


class LedgerError(Exception):
    """The ledger file cannot be used; the message names the file and why."""


class LedgerDamagedError(LedgerError):
    """The file is not a whole SQLite database any more (truncated, overwritten): what can
    still be read is salvaged into a new ledger and the damaged file is kept beside it."""


class LedgerWriteError(LedgerError):
    """A write failed for a reason of the storage (full, read-only, I/O); nothing of the
    transaction was stored, and the same entries can be written again later."""


class Quarantined(msgspec.Struct, frozen=True):
    """An event or entry the ledger will not count, kept with its raw text for the report."""

    at: float
    source: str
    reason: str
    raw: str
    event_id: str = ""


def safe_text(text: str) -> str:
    """Text SQLite can store: lone surrogates become visible ``\\udxxx`` escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def describe_storage_error(error: BaseException) -> str:
    """What a producer needs to know about a failed write, in a few words."""
    text = str(error).lower()
    if isinstance(error, sqlite3.OperationalError | OSError):
        if "full" in text or getattr(error, "errno", None) == errno.ENOSPC:
            return "the disk is full"
        if "readonly" in text or "read-only" in text:
            return "the ledger's folder is read-only"
        if "disk i/o" in text:
            return "the disk reported an I/O error"
        if "locked" in text:
            return "another program holds the ledger"
    return str(error) or type(error).__name__


# Raised by the sqlite3 module for a value it cannot bind (before SQLite sees the row).
_BAD_VALUE = (UnicodeEncodeError, OverflowError, sqlite3.InterfaceError, sqlite3.IntegrityError)


def payload_hash(raw: bytes | str) -> str:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return hashlib.sha256(data).hexdigest()


def _row(entry: Entry) -> tuple[object, ...]:
    return (
        entry.kind.value,
        entry.at,
        entry.source,
        entry.amount,
        entry.order_id,
        entry.reason,
        entry.segment_id,
        entry.product_id,
        entry.payload_hash,
        entry.flag,
        entry.event_id,
    )


def file_damage(path: Path) -> str | None:
    """A SQLite file shorter than its header's page count (valid since the last checkpoint)
    has lost pages; None when it looks whole (or is too new to say)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    if len(header) < 100:
        return None if size == 0 else "its header is cut short"
    if header[:16] != b"SQLite format 3\x00":
        return "it is not a SQLite file any more"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = int.from_bytes(header[24:28], "big")
    pages = int.from_bytes(header[28:32], "big")
    if int.from_bytes(header[92:96], "big") != change_counter:
        return None  # the page count is not kept up to date by whatever wrote it
    if size < pages * page_size:
        return f"it is {size:,} bytes where its header needs {pages * page_size:,}"
    return None


class Salvage(msgspec.Struct, frozen=True):
    """What could be read from a damaged ledger moved aside."""

    kept_as: Path
    entries: list[Entry]
    quarantined: list[Quarantined]
    unreadable: int  # ranges of entries that could not be read
    resume_after: str  # the stream event to resume after: before the first gap


SALVAGE_RANGE = 500


def _remove_scratch(scratch: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            scratch.with_name(scratch.name + suffix).unlink()


def salvage(path: Path) -> Salvage:
    """Move a damaged ledger (and its WAL) aside under a new name, never deleting it, and
    read what can still be read from it, range by range around the damage."""
    number = 1
    while path.with_name(f"{path.stem}.damaged-{number}{path.suffix}").exists():
        number += 1
    kept = path.with_name(f"{path.stem}.damaged-{number}{path.suffix}")
    path.replace(kept)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(kept.with_name(kept.name + suffix))
    entries: list[Entry] = []
    quarantined: list[Quarantined] = []
    unreadable = 0
    first_gap_at: int | None = None
    # Read from a scratch copy: opening the kept file would let SQLite replay its WAL into it
    # (the file kept must stay exactly as it was found).
    scratch = kept.with_name(kept.name + ".reading")
    for suffix in ("", "-wal"):
        source = kept.with_name(kept.name + suffix)
        if source.exists():
            shutil.copyfile(source, scratch.with_name(scratch.name + suffix))
    try:
        db = sqlite3.connect(scratch, isolation_level=None)
    except sqlite3.Error:
        _remove_scratch(scratch)
        return Salvage(kept, [], [], 1, "")
    try:
        try:
            last = int(db.execute("SELECT COALESCE(MAX(seq), 0) FROM entries").fetchone()[0])
        except sqlite3.Error:
            last = 0
        start = 0
        empty_after_end = 0
        while start < last or (last == 0 and empty_after_end < 20):
            try:
                batch = list(_entries(db, start, start + SALVAGE_RANGE))
            except sqlite3.Error:
                unreadable += 1
                if first_gap_at is None:
                    first_gap_at = len(entries)
                batch = []
            if last == 0:
                empty_after_end = empty_after_end + 1 if not batch else 0
            entries += batch
            start += SALVAGE_RANGE
        with contextlib.suppress(sqlite3.Error):
            quarantined = _quarantined(db)
    finally:
        db.close()
        _remove_scratch(scratch)
    before_gap = entries if first_gap_at is None else entries[:first_gap_at]
    resume_after = next((e.event_id for e in reversed(before_gap) if e.event_id), "")
    return Salvage(kept, entries, quarantined, unreadable, resume_after)


_EXPORT = f"SELECT seq, {', '.join(_COLUMNS)} FROM entries ORDER BY seq"  # noqa: S608 (ours)
_KINDS = {kind.value: kind for kind in EntryKind}


def _entries(
    db: sqlite3.Connection, after: int, upto: int | None = None, only: set[str] | None = None
) -> Iterator[Entry]:
    """Entries with ``after`` < seq (≤ ``upto``; of the kinds in ``only``) in ledger order."""
    # Plain tuples in column order, made into entries positionally: a replay or a report
    # of 10^5 entries reads them in a fraction of the time sqlite3.Row lookups take.
    cursor = db.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        "SELECT kind, at, source, amount, order_id, reason, segment_id, product_id, "
        "payload_hash, flag, event_id, seq FROM entries WHERE seq > ?1 "
        "AND (?3 IS NULL OR seq <= ?3) "
        "AND (?2 IS NULL OR kind IN (SELECT value FROM json_each(?2))) ORDER BY seq",
        (after, None if only is None else json.dumps(sorted(only)), upto),
    )
    kinds = _KINDS
    for (
        kind,
        at,
        source,
        amount,
        order_id,
        reason,
        segment_id,
        product_id,
        payload_hash,
        flag,
        event_id,
        seq,
    ) in rows:
        yield Entry(
            kinds[kind],
            float(at),
            source or "",
            int(amount),
            order_id,
            reason or "",
            segment_id,
            product_id,
            payload_hash or "",
            flag or "",
            event_id or "",
            int(seq),
        )


def _quarantined(db: sqlite3.Connection) -> list[Quarantined]:
    cursor = db.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        "SELECT at, source, reason, raw, event_id FROM quarantine ORDER BY seq"
    ).fetchall()
    return [
        Quarantined(float(at), str(source), str(reason), str(raw), str(event_id))
        for at, source, reason, raw, event_id in rows
    ]


class LedgerFile:
    """Synchronous access to one ledger file; used only from the store's writer thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=True)
            self._db.row_factory = sqlite3.Row
            # Exclusive before WAL: the WAL index lives in this process's heap (no -shm map).
            self._db.execute("PRAGMA locking_mode=EXCLUSIVE")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
            version = self._db.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
            if version is None:
                self._db.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
                # A new ledger: no stream event yet. Said here so that opening it never
                # searches the entries for one (a ledger without this row is searched).
                self._db.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('last_event_id', '')"
                )
            elif int(version["value"]) > SCHEMA_VERSION:
                raise LedgerError(
                    f"{path}: written by a newer Host Console (ledger version {version['value']})"
                )
        except sqlite3.OperationalError as error:
            if "locked" in str(error):
                raise LedgerError(
                    f"{path}: in use by another Host Console (one console per show)"
                ) from None
            raise LedgerError(f"{path}: cannot open the ledger ({error})") from None
        except sqlite3.DatabaseError as error:
            raise LedgerDamagedError(f"{path}: not a usable ledger ({error})") from None
        except OSError as error:
            raise LedgerError(f"{path}: cannot open the ledger ({error.strerror})") from None

    def append(
        self,
        entries: list[Entry],
        quarantined: list[Quarantined] | None = None,
        resume_after: str = "",
    ) -> tuple[list[Entry], list[Quarantined]]:
        """Store entries (and quarantined events) in one transaction, and the stream event
        id a restarted stream resumes after (the newest of them, in the order they came).

        Returns the entries stored (duplicates are skipped) and everything quarantined,
        including entries SQLite could not take. A storage failure stores nothing and
        raises LedgerWriteError.
        """
        stored: list[Entry] = []
        held = list(quarantined or ())
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                for entry in entries:
                    try:
                        cursor = db.execute(_INSERT, _row(entry))
                    except _BAD_VALUE as bad:
                        held.append(
                            Quarantined(
                                entry.at,
                                safe_text(entry.source),
                                f"the ledger cannot store it ({bad})",
                                safe_text(repr(entry)),
                                safe_text(entry.event_id),
                            )
                        )
                        continue
                    if cursor.rowcount == 1:
                        stored.append(
                            msgspec.structs.replace(entry, seq=int(cursor.lastrowid or 0))
                        )
                for item in held:
                    db.execute(
                        "INSERT INTO quarantine(at, source, event_id, reason, raw) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (
                            item.at,
                            safe_text(item.source),
                            safe_text(item.event_id),
                            safe_text(item.reason),
                            safe_text(item.raw),
                        ),
                    )
                if resume_after:
                    # The stream resumes after what is committed, quarantined events included.
                    db.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('last_event_id', ?)",
                        (safe_text(resume_after),),
                    )
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
        except (sqlite3.OperationalError, OSError) as error:
            raise LedgerWriteError(
                f"{self.path}: could not write ({describe_storage_error(error)})"
            ) from error
        return stored, held

    def set_resume_after(self, event_id: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('last_event_id', ?)",
            (safe_text(event_id),),
        )

    def checkpoint(self) -> None:
        """Copy what the WAL holds into the file itself and sync it: an entry a person was
        told is saved (a correction) then survives a lost or deleted ``-wal`` too."""
        try:
            self._db.execute("PRAGMA wal_checkpoint(FULL)")
        except (sqlite3.OperationalError, OSError) as error:
            raise LedgerWriteError(
                f"{self.path}: could not write ({describe_storage_error(error)})"
            ) from error

    def snapshot_matches(self, data: dict[str, Any], seq: int) -> bool:
        """Whether a snapshot agrees with the entries it summarises (sales and corrections up
        to ``seq``): one aggregate in SQLite, a fraction of folding them in Python."""
        row = self._db.execute(
            "SELECT COALESCE(SUM(CASE WHEN kind = 'sale' THEN amount END), 0), "
            "COALESCE(SUM(CASE WHEN kind = 'correction' THEN amount END), 0), "
            "COALESCE(MAX(seq), 0) FROM entries WHERE seq <= ?",
            (seq,),
        ).fetchone()
        try:
            return (int(row[0]), int(row[1]), int(row[2])) == (
                int(data["unique_sales"]),
                int(data["corrections"]),
                seq,
            )
        except (KeyError, TypeError, ValueError):
            return False

    def damage(self) -> str | None:
        """Cheap, while the show runs: whether the file is shorter than its own header says
        (truncated under the console); None when it looks whole."""
        return file_damage(self.path)

    def last_event_id(self) -> str:
        """The stream event id the ledger has committed last ('' if none)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'last_event_id'").fetchone()
        if row is not None:
            return str(row["value"])
        row = self._db.execute(
            "SELECT event_id FROM entries WHERE event_id != '' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return "" if row is None else str(row["event_id"])

    def quarantined_count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) AS n FROM quarantine").fetchone()
        return int(row["n"])

    def quarantined(self) -> list[Quarantined]:
        return _quarantined(self._db)

    def save_snapshot(self, data: dict[str, Any], seq: int) -> None:
        """The derived numbers as of entry ``seq`` (a restart folds only what follows)."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('snapshot', ?)", (text,)
            )
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('snapshot_seq', ?)", (str(seq),)
            )
            self._db.execute("COMMIT")
        except (sqlite3.OperationalError, OSError) as error:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise LedgerWriteError(
                f"{self.path}: could not write ({describe_storage_error(error)})"
            ) from error

    def snapshot(self) -> tuple[dict[str, Any] | None, int]:
        """The last snapshot and the seq it covers; (None, 0) when there is none or it is
        unreadable (the whole ledger is folded then)."""
        rows = dict(
            self._db.execute(
                "SELECT key, value FROM meta WHERE key IN ('snapshot', 'snapshot_seq')"
            ).fetchall()
        )
        try:
            data = json.loads(rows["snapshot"])
            seq = int(rows["snapshot_seq"])
        except (KeyError, ValueError, TypeError):
            return None, 0
        return (data, seq) if isinstance(data, dict) else (None, 0)

    def entries_of(self, kinds: tuple[EntryKind, ...]) -> list[Entry]:
        """Only the entries of these kinds (corrections, milestones: a few), in order."""
        wanted = {kind.value for kind in kinds}
        return self.entries(only=wanted)

    def entries_after(self, seq: int) -> int:
        """About how many entries come after seq ``seq`` (from the largest seq: no entry is
        read)."""
        row = self._db.execute("SELECT COALESCE(MAX(seq), ?1) - ?1 FROM entries", (seq,)).fetchone()
        return max(int(row[0]), 0)

    def time_span(self) -> tuple[float | None, float]:
        """The first and the last entry's time (None, 0.0 for an empty ledger)."""
        row = self._db.execute("SELECT MIN(at) AS first, MAX(at) AS last FROM entries").fetchone()
        if row is None or row["first"] is None:
            return None, 0.0
        return float(row["first"]), float(row["last"])

    def entries(self, after: int = 0, only: set[str] | None = None) -> list[Entry]:
        """Every entry (after seq ``after``) in ledger order, in a list: for a few."""
        return list(self.iter_entries(after, only))

    def entry_batches(self, after: int = 0, size: int = READ_BATCH) -> Iterator[list[Entry]]:
        """The entries after seq ``after`` in ledger order, ``size`` at a time: a replay or a
        report of 10^6 entries holds one batch, not the ledger."""
        entries = self.iter_entries(after)
        while batch := list(itertools.islice(entries, size)):
            yield batch

    def iter_entries(self, after: int = 0, only: set[str] | None = None) -> Iterator[Entry]:
        """The entries (after seq ``after``; of the kinds in ``only``) as SQLite reads them."""
        return _entries(self._db, after, None, only)

    def export_csv(self, target: Path) -> int:
        """Every entry to a CSV (UTF-8 with BOM, for Excel), written as SQLite reads them."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        rows = cursor.execute(_EXPORT)
        written = 0
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("seq", *_COLUMNS))
            for row in rows:
                writer.writerow(row)
                written += 1
        return written

    def close(self) -> None:
        self._db.close()


class LedgerStore:
    """The ledger for the asyncio side: every call runs on one writer thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-writer")
        self._file: LedgerFile | None = None
        self.transactions = 0  # appends committed (for the batching figures and tests)
        self.last_event_id = ""
        self.quarantined = 0

    async def _run(self, call: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call, *args)

    async def open_resume(self) -> tuple[dict[str, Any] | None, int]:
        """Open (or create) the file: its last snapshot (if any) and the seq it was taken at
        (read the entries after it with ``entry_batches``)."""

        def opening() -> tuple[dict[str, Any] | None, int]:
            if self._file is None:  # (a salvage leaves the new ledger open)
                damage = file_damage(self.path) if self.path.exists() else None
                if damage is not None:
                    raise LedgerDamagedError(f"{self.path}: {damage}")
                self._file = LedgerFile(self.path)
            self.last_event_id = self._file.last_event_id()
            self.quarantined = self._file.quarantined_count()
            data, seq = self._file.snapshot()
            return data, seq if data is not None else 0

        result: tuple[dict[str, Any] | None, int] = await self._run(opening)
        return result

    async def entry_batches(self, after: int = 0) -> AsyncIterator[list[Entry]]:
        """The entries after seq ``after`` a batch at a time, each read on the writer thread
        (for the replay at opening, before anything is written)."""
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        batches = self._file.entry_batches(after)
        while True:
            try:
                batch = await self._run(next, batches, [])
            except sqlite3.DatabaseError as error:  # pages lost under the entries
                raise LedgerDamagedError(f"{self.path}: damaged ({error})") from None
            if not batch:
                return
            yield batch

    async def snapshot_matches(self, data: dict[str, Any], seq: int) -> bool:
        """Whether the snapshot agrees with its entries (False too when they cannot be
        read: folding them then finds the damage)."""
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        ledger = self._file

        def checking() -> bool:
            try:
                return ledger.snapshot_matches(data, seq)
            except sqlite3.DatabaseError:
                return False

        matches: bool = await self._run(checking)
        return matches

    async def entries_after(self, seq: int) -> int:
        """About how many entries a replay from ``seq`` folds (seqs are never reused)."""
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        ledger = self._file

        def counting() -> int:
            try:
                return ledger.entries_after(seq)
            except sqlite3.DatabaseError:
                return 0  # folding finds the damage and says so

        counted: int = await self._run(counting)
        return counted

    async def checkpoint(self) -> None:
        if self._file is None:
            raise LedgerWriteError(f"{self.path}: the ledger is not open")
        await self._run(self._file.checkpoint)

    async def damage(self) -> str | None:
        """Whether the file has been cut short under the console (a cheap check)."""
        problem: str | None = await self._run(file_damage, self.path)
        return problem

    async def salvage(self) -> Salvage:
        """Keep the damaged file aside, start a new ledger at this path with every entry
        that could be read (in order) and the stream's resume point before the first gap."""

        def salvaging() -> Salvage:
            if self._file is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._file.close()
                self._file = None
            saved = salvage(self.path)
            fresh = LedgerFile(self.path)
            for start in range(0, len(saved.entries), READ_BATCH):
                chunk = [
                    msgspec.structs.replace(e, seq=0)
                    for e in saved.entries[start : start + READ_BATCH]
                ]
                fresh.append(chunk, saved.quarantined if start == 0 else None)
            if not saved.entries and saved.quarantined:
                fresh.append([], saved.quarantined)
            fresh.set_resume_after(saved.resume_after)
            fresh.checkpoint()
            self._file = fresh
            self.last_event_id = saved.resume_after
            self.quarantined = fresh.quarantined_count()
            return saved

        result: Salvage = await self._run(salvaging)
        return result

    async def report_parts(
        self,
    ) -> tuple[list[Entry], list[Entry], tuple[float | None, float], list[Quarantined]]:
        """What a report needs beyond the running numbers: corrections, milestones, the
        ledger's time span and its quarantined events (a few rows, read on its thread)."""
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        ledger = self._file

        def reading() -> tuple[
            list[Entry], list[Entry], tuple[float | None, float], list[Quarantined]
        ]:
            return (
                ledger.entries_of((EntryKind.CORRECTION,)),
                ledger.entries_of((EntryKind.MILESTONE,)),
                ledger.time_span(),
                ledger.quarantined(),
            )

        result: tuple[list[Entry], list[Entry], tuple[float | None, float], list[Quarantined]]
        result = await self._run(reading)
        return result

    async def save_snapshot(self, data: dict[str, Any], seq: int) -> None:
        if self._file is None:
            raise LedgerWriteError(f"{self.path}: the ledger is not open")
        await self._run(self._file.save_snapshot, data, seq)

    async def append(
        self,
        entries: list[Entry],
        quarantined: list[Quarantined] | None = None,
        resume_after: str = "",
    ) -> tuple[list[Entry], list[Quarantined]]:
        if self._file is None:
            raise LedgerWriteError(f"{self.path}: the ledger is not open")
        result: tuple[list[Entry], list[Quarantined]] = await self._run(
            self._file.append, entries, quarantined, resume_after
        )
        self.transactions += 1
        self.quarantined += len(result[1])
        return result

    async def reopen(self) -> None:
        """A fresh connection after a storage fault (the old one may be in a bad state)."""

        def reopening() -> None:
            if self._file is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._file.close()
                self._file = None
            try:
                self._file = LedgerFile(self.path)
            except LedgerError as error:
                raise LedgerWriteError(str(error)) from None

        await self._run(reopening)

    async def entries(self) -> list[Entry]:
        """Every entry in ledger order, read on the writer thread (the file is held
        exclusively: other connections cannot read it while the show is open)."""
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        entries: list[Entry] = await self._run(self._file.entries)
        return entries

    async def quarantine_list(self) -> list[Quarantined]:
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        items: list[Quarantined] = await self._run(self._file.quarantined)
        return items

    async def export_csv(self, target: Path) -> int:
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        count: int = await self._run(self._file.export_csv, target)
        return count

    async def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(sqlite3.Error):
                await self._run(self._file.close)
            self._file = None
        executor = self._executor
        await asyncio.get_running_loop().run_in_executor(None, executor.shutdown)
