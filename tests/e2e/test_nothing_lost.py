"""No sale lost to the console's own faults: a full disk, poison events, a late subscriber.

The app runs as a subprocess with the rehearsal platform's stream, as in a show; sales are
checked against what the platform says it sold, in the ledger after the app has closed.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING

from tests.harness.app_process import AppProcess
from tests.harness.salesfeed import FeedServer
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def ledger_rows(app: AppProcess, query: str) -> list[tuple[object, ...]]:
    """Read the ledger once the app has closed it (it holds the file exclusively)."""
    connection = sqlite3.connect(app.show_dir() / "ledger.sqlite")
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


@contextlib.contextmanager
def small_volume(folder: Path, megabytes: int) -> Iterator[Path]:
    """A tmpfs of its own at ``folder``: a disk that really fills (CI runs as root)."""
    assert os.geteuid() == 0, "the disk-full test mounts a tmpfs: run the suite as root (CI is)"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], check=True
    )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(volume: Path) -> Path:
    """Write until the volume has no space left; returns the filler to delete later."""
    filler = volume / "filler.bin"
    # Unbuffered: a write that does not fit fails at once, and closing has nothing left to
    # flush (a buffered file raises ENOSPC again when it is closed).
    with open(filler, "wb", buffering=0) as handle:
        for size in (65536, 512):  # big blocks, then the last crumbs
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    return filler


def test_a_full_disk_holds_sales_in_memory_and_writes_every_one_when_space_returns(
    tmp_path: Path, show_file: Path
) -> None:
    config = tmp_path / "config"
    with FeedServer("--rate", "0") as sales, small_volume(config / "data", 24) as volume:
        app = AppProcess(config, show_file, stream_url=sales.stream_url, resume=None).start()
        try:
            eventually(lambda: app.state()["vouchers"]["freshness"]["state"] == "live", 10, "live")
            assert app.post("/api/v1/go").status_code == 200
            sales.control(rate=50)
            eventually(lambda: app.state()["vouchers"]["count"] >= 50, 10, "50 sales counted")

            # No memory-mapped WAL index: a full or unwritable volume cannot SIGBUS the app.
            assert not (app.show_dir() / "ledger.sqlite-shm").exists()
            filler = fill(volume)
            eventually(
                lambda: app.state()["vouchers"]["freshness"]["state"] == "held",
                10,
                "the badge saying the sales are not written",
            )
            state = app.state()
            assert app.process is not None and app.process.poll() is None
            assert state["vouchers"]["storage"]["held"] > 0
            assert "full" in state["vouchers"]["storage"]["message"]
            held_count = state["vouchers"]["count"]

            # A correction is refused (and changes nothing) while the ledger cannot be written.
            refused = app.post("/api/v1/vouchers/correction", {"amount": 5, "reason": "电话订单"})
            assert refused.status_code == 503
            assert "full" in refused.json()["error"]
            # The show goes on: Next works, its ledger entry waits with the sales.
            moved = app.post("/api/v1/next")
            assert moved.status_code == 200, moved.text
            assert moved.json()["state"]["segment"]["id"] == "driverless"
            eventually(lambda: app.state()["vouchers"]["storage"]["held"] > 200, 15, "sales held")
            assert app.state()["vouchers"]["count"] <= held_count + 5  # the count waits

            sales.control(rate=0)
            sold = sales.stats()["sold"]
            filler.unlink()
            eventually(
                lambda: app.state()["vouchers"]["count"] == sold, 20, "every held sale written"
            )
            state = app.state()
            assert state["vouchers"]["storage"] is None
            assert state["vouchers"]["freshness"]["state"] == "live"
            assert app.terminate() == 0
            assert "cannot be written" in app.output() or "cannot be written" in (
                volume / "logs" / "hostconsole.log"
            ).read_text(encoding="utf-8")
            rows = ledger_rows(
                app, "SELECT count(*), count(DISTINCT order_id) FROM entries WHERE kind = 'sale'"
            )
            assert rows == [(sold, sold)]
            segments = ledger_rows(app, "SELECT segment_id FROM entries WHERE kind = 'segment'")
            assert [row[0] for row in segments] == ["opening", "driverless"]
        finally:
            app.close()


def test_poison_events_are_quarantined_and_never_take_good_sales_with_them(
    tmp_path: Path, show_file: Path
) -> None:
    with FeedServer("--rate", "0") as sales:
        app = AppProcess(tmp_path / "config", show_file, stream_url=sales.stream_url).start()
        try:
            eventually(lambda: app.state()["vouchers"]["freshness"]["state"] == "live", 10, "live")
            sales.control(faults=["poison-sse"], sell=40)
            eventually(lambda: app.state()["vouchers"]["count"] == 40, 10, "40 good sales")
            eventually(lambda: app.state()["vouchers"]["quarantined"] == 160, 10, "160 quarantined")
            state = app.state()
            assert state["vouchers"]["freshness"]["state"] == "live"
            app.kill()
            app.start()  # resumes after the newest committed event: nothing more, nothing less
            sales.control(faults=[], sell=2)
            eventually(lambda: app.state()["vouchers"]["count"] == 42, 10, "42 after restart")
            assert app.state()["vouchers"]["quarantined"] == 160
            assert app.terminate() == 0
            reasons = [
                (str(reason), str(raw))
                for reason, raw in ledger_rows(app, "SELECT reason, raw FROM quarantine")
            ]
            assert len(reasons) == 160
            assert any("Unicode" in reason for reason, _raw in reasons)
            assert any(r"\ud800BAD-" in raw for _reason, raw in reasons)  # the raw text kept
            assert ledger_rows(app, "SELECT count(*) FROM entries WHERE kind = 'sale'") == [(42,)]
            # The report names them, raw text and reason, for the after-show record.
            table = tmp_path / "quarantine.csv"
            report = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "hostconsole",
                    "report",
                    str(app.show_dir() / "ledger.sqlite"),
                    "--quarantine",
                    str(table),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            assert "quarantined feed events (not counted): 160" in report.stdout
            with open(table, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert len(rows) == 160
            assert {row["reason"] for row in rows} >= {"the order id is not valid Unicode"}
        finally:
            app.close()


def test_a_stream_counts_sales_made_before_it_connected_from_the_platform_total(
    tmp_path: Path, show_file: Path
) -> None:
    with FeedServer("--rate", "0") as sales:
        sales.control(sell=764)  # sold before the console ever connected
        app = AppProcess(tmp_path / "config", show_file, stream_url=sales.stream_url).start()
        try:
            eventually(lambda: app.state()["vouchers"]["count"] == 764, 10, "764 reconciled")
            sales.control(sell=11)
            eventually(lambda: app.state()["vouchers"]["count"] == 775, 10, "775 counted")
            assert app.state()["vouchers"]["missing_earlier_sales_since"] is None
        finally:
            app.close()


def test_a_stream_without_totals_says_it_may_miss_earlier_sales(
    tmp_path: Path, show_file: Path
) -> None:
    with FeedServer("--rate", "0") as sales:
        sales.control(faults=["no-totals"], sell=30)
        app = AppProcess(tmp_path / "config", show_file, stream_url=sales.stream_url).start()
        try:
            eventually(
                lambda: app.state()["vouchers"]["missing_earlier_sales_since"] is not None,
                10,
                "the warning that earlier sales may be missing",
            )
            sales.control(sell=3)
            eventually(lambda: app.state()["vouchers"]["count"] == 3, 10, "3 counted")
        finally:
            app.close()
