"""A voucher counter as its own process (the ledger writer the app runs), for kill -9 tests.

Usage: python -m tests.harness.counter_process LEDGER STREAM_URL
Prints ``ACK <order id>`` for every sale once it is committed, and ``READY`` at start.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from hostconsole.adapters.sales.feeds import StreamFeed
from hostconsole.adapters.sales.http import make_client
from hostconsole.adapters.storage.ledger_db import LedgerStore
from hostconsole.domain.ledger import EntryKind
from hostconsole.services.vouchers import Recorded, VoucherCounter


async def run(ledger: Path, stream_url: str) -> None:
    counter = VoucherCounter(LedgerStore(ledger), milestones=(10, 100, 1000))
    await counter.open()

    def acknowledge(recorded: Recorded) -> None:
        lines = [f"ACK {e.order_id}" for e in recorded.entries if e.kind is EntryKind.SALE]
        if lines:
            sys.stdout.write("\n".join(lines) + "\n")
            sys.stdout.flush()

    counter.add_change_listener(acknowledge)
    print(f"READY {counter.count} after event {counter.last_stream_event_id or '-'}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with make_client() as client:
        stream = StreamFeed(
            client, stream_url, counter.observe, resume_after=counter.last_stream_event_id
        )
        stream.start()
        await stop.wait()
        await stream.stop()
    await counter.close()
    print(f"CLOSED {counter.count}", flush=True)


if __name__ == "__main__":
    asyncio.run(run(Path(sys.argv[1]), sys.argv[2]))
