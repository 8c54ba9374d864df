"""The SQLite ledger: append-only, deduplicated, and surviving kill -9."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.ledger_db import LedgerError, LedgerFile, LedgerStore
from hostconsole.domain.ledger import Entry, EntryKind, LedgerState
from hostconsole.services.vouchers import VoucherCounter
from tests.conftest import PROJECT_ROOT
from tests.harness.salesfeed import FeedServer

if TYPE_CHECKING:
    from pathlib import Path

T0 = 1_800_000_000.0


def test_entries_can_be_added_but_never_edited_or_deleted(tmp_path: Path) -> None:
    ledger = LedgerFile(tmp_path / "l.sqlite")
    stored, _ = ledger.append([Entry(EntryKind.SALE, T0, "stream", 1, order_id="A")])
    assert stored[0].seq == 1
    ledger.close()  # the ledger holds its file exclusively while open
    raw = sqlite3.connect(tmp_path / "l.sqlite")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("UPDATE entries SET amount = 5")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM entries")
    raw.close()


def test_an_order_id_is_stored_once_and_milestones_once(tmp_path: Path) -> None:
    ledger = LedgerFile(tmp_path / "l.sqlite")
    first, _ = ledger.append([Entry(EntryKind.SALE, T0, "stream", 1, order_id="A")])
    again, _ = ledger.append(
        [
            Entry(EntryKind.SALE, T0 + 1, "poll", 1, order_id="A"),
            Entry(EntryKind.SALE, T0 + 1, "stream", 1, order_id="B"),
            Entry(EntryKind.MILESTONE, T0 + 1, "counter", 10),
            Entry(EntryKind.MILESTONE, T0 + 2, "counter", 10),
        ]
    )
    assert len(first) == 1
    assert [e.order_id for e in again if e.kind is EntryKind.SALE] == ["B"]
    assert [e.amount for e in again if e.kind is EntryKind.MILESTONE] == [10]
    assert [e.kind for e in ledger.entries()] == [
        EntryKind.SALE,
        EntryKind.SALE,
        EntryKind.MILESTONE,
    ]
    ledger.close()


def test_wal_and_full_sync(tmp_path: Path) -> None:
    ledger = LedgerFile(tmp_path / "l.sqlite")
    assert ledger._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    ledger.close()


def test_a_file_that_is_not_a_ledger_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(LedgerError, match="not a usable ledger"):
        LedgerFile(path)
    assert path.read_bytes().startswith(b"these are my notes")  # nothing overwritten


@pytest.mark.asyncio
async def test_restart_replays_to_the_same_numbers_and_never_re_announces(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    milestones: list[int] = []
    first = VoucherCounter(LedgerStore(path), goal=20, milestones=(5, 10))
    first.add_milestone_listener(milestones.append)
    await first.open()
    await first.segment_on_air("voucher-drop", "m5")
    for number in range(12):
        await first.correct(1, f"phone order {number}")
    await first.close()
    assert milestones == [5, 10]

    again: list[int] = []
    second = VoucherCounter(LedgerStore(path), goal=20, milestones=(5, 10, 12))
    second.add_milestone_listener(again.append)
    await second.open()
    await second.correct(0 + 1, "one more")
    await second.close()
    assert second.count == 13
    assert again == [12]  # only the milestone newly configured; 5 and 10 were announced
    summary = second.state.segment_summary(time.time())
    assert summary[0].segment_id == "voucher-drop"
    assert summary[0].vouchers == 13


def test_kill_9_at_any_moment_loses_nothing_acknowledged_and_counts_nothing_twice(
    tmp_path: Path,
) -> None:
    ledger = tmp_path / "show.sqlite"
    acknowledged: set[str] = set()
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with FeedServer("--rate", "0") as feed:
        for run in range(3):
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.harness.counter_process",
                    str(ledger),
                    feed.stream_url,
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            assert process.stdout is not None
            assert process.stdout.readline().startswith("READY")
            if run == 0:
                # Once the stream is connected, every sale from here on must reach the ledger.
                deadline = time.monotonic() + 10
                while feed.stats()["stream_connections"] == 0 and time.monotonic() < deadline:
                    time.sleep(0.02)
                feed.control(rate=300)
            # Killed at a moment of the dice's choosing: after this many acknowledged sales
            # (at 300 a second, half a second to a second and a half in).
            kill_after = rng.randint(150, 450)
            seen = 0
            while seen < kill_after:
                line = process.stdout.readline()
                assert line, "the counter process ended before it was killed"
                if line.startswith("ACK "):
                    acknowledged.add(line[4:].rstrip("\n"))
                    seen += 1
            process.send_signal(signal.SIGKILL)
            output, _errors = process.communicate(timeout=30)
            acknowledged |= {line[4:] for line in output.splitlines() if line.startswith("ACK ")}
        # A last run resumes after the newest event in the ledger and catches up in full.
        feed.control(rate=0)
        sold_at_end = feed.stats()["sold"]
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.counter_process", str(ledger), feed.stream_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        ready = process.stdout.readline()
        assert ready.startswith("READY")
        # The ledger is held exclusively by the running counter: read its count from READY
        # (what was committed before) plus the sales it acknowledges now.
        count = int(ready.split()[1])
        while count < sold_at_end:
            line = process.stdout.readline()
            assert line, "the counter stopped before catching up"
            if line.startswith("ACK "):
                count += 1
        process.send_signal(signal.SIGTERM)
        output, _errors = process.communicate(timeout=30)
        assert process.returncode == 0
        assert output.strip().endswith(f"CLOSED {sold_at_end}")
    assert len(acknowledged) > 100

    raw = sqlite3.connect(ledger)
    rows = raw.execute("SELECT order_id FROM entries WHERE kind = 'sale'").fetchall()
    raw.close()
    stored = [row[0] for row in rows]
    assert acknowledged <= set(stored), "an acknowledged sale was lost"
    assert len(stored) == len(set(stored)), "a sale was counted twice"
    assert len(stored) == sold_at_end, "every sale the platform made is in the ledger"
    state = LedgerState()
    reader = LedgerFile(ledger)
    for entry in reader.entries():
        state.apply(entry)
    reader.close()
    assert state.on_air == len(stored)


def test_report_command_writes_entries_and_segment_summary(tmp_path: Path) -> None:
    ledger = LedgerFile(tmp_path / "show.sqlite")
    ledger.append(
        [
            Entry(EntryKind.SEGMENT, T0, "run sheet", 0, segment_id="opening"),
            Entry(EntryKind.SALE, T0 + 30, "stream", 1, order_id="A"),
            Entry(
                EntryKind.SEGMENT,
                T0 + 120,
                "run sheet",
                0,
                segment_id="voucher-drop",
                product_id="m5",
            ),
            Entry(EntryKind.SALE, T0 + 130, "stream", 2, order_id="B"),
            Entry(EntryKind.CORRECTION, T0 + 140, "manual:producer", 1, reason="电话订单"),
        ]
    )
    ledger.close()
    entries, summary = tmp_path / "entries.csv", tmp_path / "summary.csv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hostconsole",
            "report",
            str(tmp_path / "show.sqlite"),
            "--entries",
            str(entries),
            "--summary",
            str(summary),
            "--until",
            str(T0 + 420),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "vouchers on air: 4" in result.stdout
    assert "电话订单" in entries.read_text(encoding="utf-8-sig")
    lines = summary.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "segment,seconds_on_air,vouchers,vouchers_per_minute",
        "opening,120.0,1,0.5",
        "voucher-drop,300.0,3,0.6",
    ]


def test_an_entry_sqlite_cannot_take_is_quarantined_and_the_good_ones_beside_it_stored(
    tmp_path: Path,
) -> None:
    ledger = LedgerFile(tmp_path / "l.sqlite")
    stored, quarantined = ledger.append(
        [
            Entry(EntryKind.SALE, T0, "stream", 1, order_id="GOOD-1", event_id="1"),
            Entry(EntryKind.SALE, T0, "stream", 1, order_id="\ud800BAD", event_id="2"),
            Entry(EntryKind.SALE, T0, "stream", 2**70, order_id="HUGE", event_id="3"),
            Entry(EntryKind.SALE, T0, "stream", 1, order_id="GOOD-2", event_id="4"),
        ],
        resume_after="4",
    )
    assert [e.order_id for e in stored] == ["GOOD-1", "GOOD-2"]
    assert len(quarantined) == 2
    ledger.close()
    reopened = LedgerFile(tmp_path / "l.sqlite")
    assert [e.order_id for e in reopened.entries()] == ["GOOD-1", "GOOD-2"]
    kept = reopened.quarantined()
    assert [q.event_id for q in kept] == ["2", "3"]
    assert "\\ud800BAD" in kept[0].raw  # the raw text, made storable, not dropped
    assert reopened.last_event_id() == "4"
    reopened.close()
