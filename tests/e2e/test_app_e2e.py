"""The whole app as a subprocess, against a real headless OBS and the rehearsal feed."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from typing import TYPE_CHECKING

import obsws_python
import pytest

from tests.harness.app_process import AppProcess
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.obs import HeadlessObs
    from tests.harness.salesfeed import FeedServer

pytestmark = pytest.mark.obs


def program_scene(obs: HeadlessObs) -> str:
    client = obsws_python.ReqClient(
        host="127.0.0.1", port=obs.port, password=obs.password, timeout=5
    )
    try:
        return str(client.send("GetCurrentProgramScene", raw=True)["currentProgramSceneName"])
    finally:
        client.disconnect()


def test_the_app_drives_obs_and_counts_sales_then_resumes_after_sigkill(
    tmp_path: Path, show_file: Path, e2e_obs: HeadlessObs, sales: FeedServer
) -> None:
    app = AppProcess(
        tmp_path / "config",
        show_file,
        obs_port=e2e_obs.port,
        obs_password=e2e_obs.password,
        stream_url=sales.stream_url,
    ).start()
    try:
        eventually(lambda: app.state()["obs"]["state"] == "connected", 10, "OBS connected")
        preflight = app.post("/api/v1/preflight", {"create": True}).json()
        assert preflight["failed"] == []
        assert preflight["created"], "the demo needs scenes the seed collection lacks"
        assert app.post("/api/v1/go").status_code == 200  # opening
        assert app.post("/api/v1/next").json()["cue"]["ok"] is True  # driverless → Studio
        eventually(lambda: program_scene(e2e_obs) == "Studio", 5, "Studio on program")
        assert app.post("/api/v1/goto", {"segment": "voucher-drop"}).json()["cue"]["ok"] is True
        eventually(lambda: program_scene(e2e_obs) == "Voucher Drop", 5, "Voucher Drop on program")

        eventually(lambda: app.state()["vouchers"]["freshness"]["state"] == "live", 10, "feed live")
        sales.control(sell=11)
        eventually(lambda: app.state()["vouchers"]["count"] == 11, 10, "11 counted")
        before = app.state()
        app.kill()  # SIGKILL mid-show
        down = time.monotonic()
        # The ledger is held exclusively while the app runs; read it now it is down.
        connection = sqlite3.connect(app.show_dir() / "ledger.sqlite")
        rows = connection.execute(
            "SELECT count(*), min(segment_id), max(segment_id) FROM entries WHERE kind = 'sale'"
        ).fetchone()
        connection.close()
        assert rows == (11, "voucher-drop", "voucher-drop")  # attributed to the segment on air

        restarted = AppProcess(
            tmp_path / "config",
            show_file,
            obs_port=e2e_obs.port,
            obs_password=e2e_obs.password,
            stream_url=sales.stream_url,
        ).start()
        try:
            after = restarted.state()
            assert after["segment"]["id"] == "voucher-drop"
            assert after["clock"]["state"] == "running"
            expected = before["segment"]["elapsed"] + (time.monotonic() - down)
            assert abs(after["segment"]["elapsed"] - expected) < 5  # wall-clock time went on
            assert after["vouchers"]["count"] == 11
            assert any(line["action"] == "resume" for line in restarted.onair_log())
            # SIGTERM (logout, shutdown) mid-show: the show did not end, so it resumes.
            assert restarted.terminate(signal.SIGTERM) == 0
            state = json.loads(
                (restarted.show_dir() / "run-state.json").read_text(encoding="utf-8")
            )
            assert state["closed_cleanly"] is False
            assert state["clock"]["index"] == after["segment"]["index"]
        finally:
            restarted.close()
    finally:
        app.close()


def test_sigint_mid_show_shuts_down_cleanly_and_resumes_there(
    tmp_path: Path, show_file: Path
) -> None:
    app = AppProcess(tmp_path / "config", show_file).start()
    try:
        app.post("/api/v1/go")
        app.post("/api/v1/next")
        on_air = app.state()["segment"]["id"]
        assert app.terminate(signal.SIGINT) == 0
        state = json.loads((app.show_dir() / "run-state.json").read_text(encoding="utf-8"))
        assert state["closed_cleanly"] is False  # the app closed; the show did not end
        assert "Traceback" not in app.output()
        log_text = (tmp_path / "config" / "data" / "logs" / "hostconsole.log").read_text(
            encoding="utf-8"
        )
        assert "Host Console closed cleanly" in log_text
        assert f"closed mid-show ({on_air}, running)" in log_text
    finally:
        app.close()
    again = AppProcess(tmp_path / "config", show_file).start()
    try:
        assert again.state()["segment"]["id"] == on_air
        assert again.state()["clock"]["state"] == "running"
    finally:
        again.close()
