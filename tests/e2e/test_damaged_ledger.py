"""A damaged ledger never stops the show: the app as a producer runs it (default flags), its
ledger truncated or its WAL deleted between runs, an edited snapshot; the app starts, keeps
the damaged file, rebuilds what can be read plus the platform's replay, and says so."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tests.harness.app_process import AppProcess
from tests.harness.salesfeed import FeedServer
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from pathlib import Path


def _ledger_problem(app: AppProcess) -> str:
    return str(app.state()["vouchers"].get("ledger_problem") or "")


def test_a_truncated_ledger_is_noticed_kept_aside_and_the_show_starts(
    tmp_path: Path, show_file: Path
) -> None:
    config = tmp_path / "config"
    with FeedServer("--rate", "0") as sales:
        app = AppProcess(config, show_file, stream_url=sales.stream_url, resume=None).start()
        try:
            eventually(lambda: app.state()["vouchers"]["freshness"]["state"] == "live", 10, "live")
            assert app.post("/api/v1/go").status_code == 200
            sales.control(sell=3000)
            eventually(lambda: app.state()["vouchers"]["count"] == 3000, 20, "3000 counted")
            corrected = app.post("/api/v1/vouchers/correction", {"amount": 5, "reason": "电话订单"})
            assert corrected.status_code == 200, corrected.text
            ledger = app.show_dir() / "ledger.sqlite"
            size = ledger.stat().st_size
            assert size > 64 * 1024  # the correction put the entries into the file itself
            with open(ledger, "r+b") as handle:
                handle.truncate(size // 2)  # mid-show
            eventually(
                lambda: (
                    "damaged" in app.state()["vouchers"]["freshness"]["state"]
                    or "damaged" in _ledger_problem(app)
                ),
                10,
                "the badge saying the ledger is damaged",
            )
            app.kill()
            sales.control(sell=20)  # sold while the console was down
            restarted = AppProcess(
                config, show_file, stream_url=sales.stream_url, resume=None
            ).start()
            try:
                problem = _ledger_problem(restarted)
                assert "damaged" in problem and "kept as" in problem, problem
                kept = list(ledger.parent.glob("ledger.damaged-*.sqlite"))
                assert len(kept) == 1 and kept[0].stat().st_size == size // 2
                # What could be read plus the platform's replay and its total: never above
                # what was sold (with the correction), ending at it.
                eventually(
                    lambda: restarted.state()["vouchers"]["count"] in (3020, 3025),
                    20,
                    "the count rebuilt",
                )
                assert "Traceback" not in restarted.output()
            finally:
                restarted.close()
        finally:
            app.close()


def test_a_confirmed_correction_survives_a_deleted_wal(tmp_path: Path, show_file: Path) -> None:
    config = tmp_path / "config"
    app = AppProcess(config, show_file, resume=None).start()
    try:
        corrected = app.post("/api/v1/vouchers/correction", {"amount": 7, "reason": "电话订单"})
        assert corrected.status_code == 200, corrected.text
        app.kill()
        wal = app.show_dir() / "ledger.sqlite-wal"
        wal.unlink(missing_ok=True)
        restarted = AppProcess(config, show_file, resume=None).start()
        try:
            assert restarted.state()["vouchers"]["count"] == 7
        finally:
            restarted.close()
    finally:
        app.close()


def test_an_edited_snapshot_is_not_trusted(tmp_path: Path, show_file: Path) -> None:
    config = tmp_path / "config"
    app = AppProcess(config, show_file, resume=None).start()
    try:
        corrected = app.post("/api/v1/vouchers/correction", {"amount": 40, "reason": "电话订单"})
        assert corrected.status_code == 200, corrected.text
        assert app.terminate() == 0  # a clean close writes the snapshot
        connection = sqlite3.connect(app.show_dir() / "ledger.sqlite")
        try:
            (text,) = connection.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()
            assert '"corrections":40' in text
            connection.execute(
                "UPDATE meta SET value = ? WHERE key = 'snapshot'",
                (text.replace('"corrections":40', '"corrections":80'),),
            )
            connection.commit()
        finally:
            connection.close()
        restarted = AppProcess(config, show_file, resume=None).start()
        try:
            assert restarted.state()["vouchers"]["count"] == 40
        finally:
            restarted.close()
    finally:
        app.close()
