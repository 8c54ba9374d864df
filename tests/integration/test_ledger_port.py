"""The in-memory ledger the engine's tests use keeps the SQLite ledger's promises: the same
calls give the same answers on both (a sale, a refund and a milestone once; seqs in order;
the snapshot and the resume point kept; the batches and the report's parts), so a test on the
fake cannot pass where the real ledger would not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.ledger_db import LedgerStore, Quarantined
from hostconsole.domain.ledger import Entry, EntryKind
from tests.harness.fake_parts import MemoryLedger

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hostconsole.services.ports import LedgerPort

pytestmark = pytest.mark.asyncio


def sale(order: str, amount: int = 1, at: float = 100.0) -> Entry:
    return Entry(EntryKind.SALE, at, "stream", amount, order_id=order, event_id=f"e-{order}")


async def answers(ledger: LedgerPort, target: Path) -> list[object]:
    """What a run of the counter's calls gives back, as plain values."""
    seen: list[object] = [await ledger.open_resume()]
    stored, held = await ledger.append(
        [sale("a", 2), sale("b"), sale("a", 5)],
        [Quarantined(101.0, "stream", "not JSON", "{", "e-x")],
        resume_after="e-b",
    )
    seen.append([(e.order_id, e.amount, e.seq) for e in stored])
    seen.append(len(held))
    refund = Entry(EntryKind.REFUND, 102.0, "stream", 1, order_id="b", reason="refunded")
    milestone = Entry(EntryKind.MILESTONE, 103.0, "console", 10)
    correction = Entry(EntryKind.CORRECTION, 104.0, "console", -1, reason="a test order")
    stored, _ = await ledger.append([refund, milestone, correction, refund, milestone])
    seen.append([(e.kind.value, e.seq) for e in stored])
    seen.append((ledger.last_event_id, ledger.quarantined))
    seen.append([[e.seq for e in batch] async for batch in ledger.entry_batches(after=2)])
    seen.append(await ledger.entries_after(1))
    snapshot = {"unique_sales": 3, "corrections": -1}
    seen.append(await ledger.snapshot_matches(snapshot, 5))
    seen.append(await ledger.snapshot_matches({"unique_sales": 4, "corrections": -1}, 5))
    await ledger.save_snapshot(snapshot, 5)
    corrections, milestones, span, quarantined = await ledger.report_parts()
    seen.append(([e.amount for e in corrections], [e.amount for e in milestones], span))
    seen.append([q.reason for q in quarantined])
    seen.append(await ledger.export_csv(target))
    seen.append(await ledger.damage())
    await ledger.close()
    return seen


async def test_the_memory_ledger_answers_as_the_sqlite_ledger(tmp_path: Path) -> None:
    real = await answers(LedgerStore(tmp_path / "ledger.sqlite"), tmp_path / "real.csv")
    fake = await answers(MemoryLedger(tmp_path / "memory.sqlite"), tmp_path / "fake.csv")
    assert fake == real
    assert real[1] == [("a", 2, 1), ("b", 1, 2)]  # the second "a" is skipped, not stored


async def test_both_reopen_at_their_snapshot(tmp_path: Path) -> None:
    memory = MemoryLedger(tmp_path / "memory.sqlite")  # kept across sessions, as a file is
    makers: list[Callable[[], LedgerPort]] = [
        lambda: LedgerStore(tmp_path / "ledger.sqlite"),
        lambda: memory,
    ]
    for make in makers:
        ledger = make()
        await ledger.open_resume()
        await ledger.append([sale("a"), sale("b")], resume_after="e-b")
        await ledger.save_snapshot({"unique_sales": 2, "corrections": 0}, 2)
        await ledger.close()
        again = make()
        assert await again.open_resume() == ({"unique_sales": 2, "corrections": 0}, 2)
        assert again.last_event_id == "e-b"
        assert [e.order_id for e in await again.entries()] == ["a", "b"]
        await again.close()
