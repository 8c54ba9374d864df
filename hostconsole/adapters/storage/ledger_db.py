"""The voucher ledger in SQLite (WAL): append-only, every write committed before it is used.

One writer thread owns the connection. ``append`` returns only after COMMIT with
``synchronous=FULL``, so an entry the console has acted on survives ``kill -9`` and power
loss; order ids are unique for sales, so a replayed or duplicated order is counted once.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hostconsole.domain.ledger import Entry, EntryKind

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA_VERSION = 1

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
CREATE UNIQUE INDEX IF NOT EXISTS one_entry_per_milestone ON entries(amount)
    WHERE kind = 'milestone';
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


def payload_hash(raw: bytes | str) -> str:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return hashlib.sha256(data).hexdigest()


def _row_to_entry(row: sqlite3.Row) -> Entry:
    return Entry(
        kind=EntryKind(row["kind"]),
        at=float(row["at"]),
        source=str(row["source"]),
        amount=int(row["amount"]),
        order_id=row["order_id"],
        reason=str(row["reason"]),
        segment_id=row["segment_id"],
        product_id=row["product_id"],
        payload_hash=str(row["payload_hash"]),
        flag=str(row["flag"]),
        event_id=str(row["event_id"]),
        seq=int(row["seq"]),
    )


class LedgerFile:
    """Synchronous access to one ledger file; used only from the store's writer thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=True)
            self._db.row_factory = sqlite3.Row
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
            elif int(version["value"]) > SCHEMA_VERSION:
                raise LedgerError(
                    f"{path}: written by a newer Host Console (ledger version {version['value']})"
                )
        except sqlite3.DatabaseError as error:
            raise LedgerError(f"{path}: not a usable ledger ({error})") from None
        except OSError as error:
            raise LedgerError(f"{path}: cannot open the ledger ({error.strerror})") from None

    def append(self, entries: list[Entry]) -> list[Entry]:
        """Store entries in one transaction; returns those stored (duplicates are skipped)."""
        stored: list[Entry] = []
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for entry in entries:
                cursor = db.execute(
                    _INSERT,
                    (
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
                    ),
                )
                if cursor.rowcount == 1:
                    stored.append(replace(entry, seq=int(cursor.lastrowid or 0)))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return stored

    def entries(self) -> list[Entry]:
        rows = self._db.execute("SELECT * FROM entries ORDER BY seq").fetchall()
        return [_row_to_entry(row) for row in rows]

    def export_csv(self, target: Path) -> int:
        rows = self._db.execute("SELECT * FROM entries ORDER BY seq").fetchall()
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("seq", *_COLUMNS))
            for row in rows:
                writer.writerow([row["seq"], *(row[column] for column in _COLUMNS)])
        return len(rows)

    def close(self) -> None:
        self._db.close()


class LedgerStore:
    """The ledger for the asyncio side: every call runs on one writer thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-writer")
        self._file: LedgerFile | None = None

    async def _run(self, call: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call, *args)

    async def open(self) -> list[Entry]:
        """Open (or create) the file and return every entry in ledger order."""

        def opening() -> list[Entry]:
            self._file = LedgerFile(self.path)
            return self._file.entries()

        entries: list[Entry] = await self._run(opening)
        return entries

    async def append(self, entries: list[Entry]) -> list[Entry]:
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        stored: list[Entry] = await self._run(self._file.append, entries)
        return stored

    async def export_csv(self, target: Path) -> int:
        if self._file is None:
            raise LedgerError(f"{self.path}: the ledger is not open")
        count: int = await self._run(self._file.export_csv, target)
        return count

    async def close(self) -> None:
        if self._file is not None:
            await self._run(self._file.close)
            self._file = None
        executor = self._executor
        await asyncio.get_running_loop().run_in_executor(None, executor.shutdown)
