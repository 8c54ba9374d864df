"""Counted once, whatever the platform does: a stand-in platform that says its total on every
connect, computes it ahead of the sales, and replays what a restarted console missed. The app
runs as a subprocess, is killed and restarted; the count on air is never above what the
platform sold, and ends equal to it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from tests.harness.app_process import AppProcess
from tests.harness.salesfeed import FeedServer
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from pathlib import Path


def _never_above_sold(app: AppProcess, sales: FeedServer, seconds: float) -> int:
    """Sample the count on air, then the platform's sold (which only grows), for a while:
    every count is at most what had been sold. Returns how many samples were taken."""
    samples = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        count = app.state()["vouchers"]["count"]
        sold = sales.stats()["sold"]
        assert count <= sold, f"{count} on air for {sold} sold"
        samples += 1
        time.sleep(0.05)
    return samples


def _settles_at_sold(app: AppProcess, sales: FeedServer) -> None:
    sales.control(rate=0)
    sold = sales.stats()["sold"]
    eventually(lambda: app.state()["vouchers"]["count"] == sold, 15, f"the count at {sold}")
    _never_above_sold(app, sales, 1.0)


def test_totals_on_every_connect_never_double_the_replayed_sales(
    tmp_path: Path, show_file: Path
) -> None:
    with FeedServer("--rate", "40") as sales:
        sales.control(faults=["total-on-reconnect"])
        app = AppProcess(tmp_path / "config", show_file, stream_url=sales.stream_url).start()
        try:
            for _cycle in range(3):
                assert _never_above_sold(app, sales, 1.5) > 5
                app.kill()  # a crash; the platform goes on selling
                sold = sales.stats()["sold"]
                eventually(lambda: sales.stats()["sold"] >= sold + 20, 10, "sales meanwhile")  # noqa: B023
                app.start()  # resumes after the last event the ledger holds
                assert _never_above_sold(app, sales, 1.5) > 5
            _settles_at_sold(app, sales)
        finally:
            app.close()


@pytest.mark.parametrize(
    "faults",
    [["totals-ahead"], ["totals-ahead", "no-running-totals"]],
    ids=["sales-carry-totals", "bare-totals-only"],
)
def test_totals_computed_ahead_of_the_sales_never_put_the_count_above_sold(
    tmp_path: Path, show_file: Path, faults: list[str]
) -> None:
    with FeedServer("--rate", "40") as sales:
        sales.control(faults=faults)
        app = AppProcess(tmp_path / "config", show_file, stream_url=sales.stream_url).start()
        try:
            eventually(lambda: app.state()["vouchers"]["count"] > 40, 15, "sales counted")
            assert _never_above_sold(app, sales, 4.0) > 20
            _settles_at_sold(app, sales)
        finally:
            app.close()
