"""A restart resumes from the snapshot the ledger keeps, folding only the entries after it —
and shows the same count, rate and attribution as a fold of every entry."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.adapters.storage.ledger_db import LedgerStore
from hostconsole.services.vouchers import VoucherCounter
from tests.harness.ledgers import made_up_show

if TYPE_CHECKING:
    from pathlib import Path


def numbers(counter: VoucherCounter, start: float, end: float) -> tuple[object, ...]:
    state = counter.state
    return (
        counter.count,
        state.rate(end),
        state.per_minute(start, end),
        state.by_product(),
        state.segment_summary(end),
        sorted(state.announced),
        state.flags,
    )


def test_a_restart_resumes_from_the_snapshot_with_the_same_numbers(tmp_path: Path) -> None:
    _show, data, expected = made_up_show(tmp_path / "show", sales=60_000)
    ledger = data / "ledger.sqlite"
    end = expected.end + 30

    async def run() -> None:
        full = VoucherCounter(LedgerStore(ledger), milestones=(1000, 2000, 3000), now=lambda: end)
        await full.open()
        assert full.replayed >= 60_000  # no snapshot yet: every entry folded
        before = numbers(full, expected.start, end)
        assert before[0] == expected.count
        await full.close()  # keeps a snapshot

        resumed = VoucherCounter(
            LedgerStore(ledger), milestones=(1000, 2000, 3000), now=lambda: end
        )
        await resumed.open()
        assert resumed.replayed == 0  # nothing folded: the snapshot covers it all
        assert numbers(resumed, expected.start, end) == before
        # Sales after the restart land on top, and the next restart folds only those.
        orders = tuple(Order(f"late-{n}", 1, "m5") for n in range(25))
        await resumed.observe_and_wait(OrdersSeen(orders, "late", "stream"))
        after = numbers(resumed, expected.start, end)
        assert after[0] == expected.count + 25
        await resumed.close()

        again = VoucherCounter(LedgerStore(ledger), milestones=(1000, 2000, 3000), now=lambda: end)
        await again.open()
        assert again.replayed == 0
        assert numbers(again, expected.start, end) == after
        await again.close()

    asyncio.run(run())


def test_an_unusable_snapshot_falls_back_to_folding_everything(tmp_path: Path) -> None:
    import sqlite3

    _show, data, expected = made_up_show(tmp_path / "show", sales=3_000, segments=4)
    ledger = data / "ledger.sqlite"

    async def run() -> int:
        counter = VoucherCounter(LedgerStore(ledger))
        await counter.open()
        await counter.close()
        db = sqlite3.connect(ledger)
        db.execute("UPDATE meta SET value = ? WHERE key = 'snapshot'", ('{"version": 99}',))
        db.commit()
        db.close()
        reopened = VoucherCounter(LedgerStore(ledger))
        await reopened.open()
        count = reopened.count
        replayed = reopened.replayed
        await reopened.close()
        assert replayed > 3_000
        return count

    assert asyncio.run(run()) == expected.count


def test_behind_a_burst_batches_grow_and_the_queue_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30,000 sales handed over at once: committed in a few large transactions, not fifteen
    of 2,000; with room for only 3,000 waiting, the feed waits (nothing dropped, the queue
    never past it) and the count says it is catching up meanwhile."""
    from hostconsole.services import vouchers

    monkeypatch.setattr(vouchers, "MAX_HELD", 3_000)
    monkeypatch.setattr(vouchers, "CATCHING_UP", 500)

    async def run() -> tuple[int, int, int, bool]:
        counter = VoucherCounter(LedgerStore(tmp_path / "ledger.sqlite"))
        await counter.open()
        most = 0
        caught = False

        async def feed() -> None:
            nonlocal most, caught
            for number in range(30_000):
                await counter.observe(OrdersSeen((Order(f"b-{number}"),), f"h{number}", "stream"))
                most = max(most, counter.held_entries())
                caught = caught or counter.catching_up

        await feed()
        await counter.committed()
        count, transactions = counter.count, counter.store.transactions
        await counter.close()
        return count, transactions, most, caught

    count, transactions, most, caught = asyncio.run(run())
    assert count == 30_000
    assert most <= 3_000
    assert caught
    assert transactions < 15, transactions


@pytest.mark.timeout(600)
def test_a_million_entry_ledger_resumes_with_the_same_numbers(tmp_path: Path) -> None:
    """The issue's case: a ledger of a million sales, written through the ledger's own API.
    Folded whole once (as a console running the show would have, keeping snapshots), then
    restarted: nothing folded again, the same count, rate and attribution."""
    _show, data, expected = made_up_show(tmp_path / "show", sales=1_000_000)
    ledger = data / "ledger.sqlite"
    end = expected.end + 30

    async def run() -> None:
        first = VoucherCounter(LedgerStore(ledger), milestones=(1000, 2000, 3000), now=lambda: end)
        await first.open()
        before = numbers(first, expected.start, end)
        assert before[0] == expected.count
        await first.close()
        again = VoucherCounter(LedgerStore(ledger), milestones=(1000, 2000, 3000), now=lambda: end)
        await again.open()
        assert again.replayed == 0
        assert numbers(again, expected.start, end) == before
        await again.close()

    asyncio.run(run())
