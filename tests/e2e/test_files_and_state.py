"""The app's own files under a hostile environment: a second console on the same show, damaged
run state and settings."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from typing import TYPE_CHECKING

from tests.harness.app_process import AppProcess
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from pathlib import Path


def test_a_second_console_on_the_same_show_is_told_who_holds_it(
    tmp_path: Path, show_file: Path
) -> None:
    config = tmp_path / "config"
    first = AppProcess(config, show_file).start()
    try:
        assert first.post("/api/v1/go").status_code == 200
        assert first.process is not None
        second = subprocess.run(
            [sys.executable, "-m", "hostconsole", str(show_file), "--if-locked", "quit"],
            env=first.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 3
        assert f"process {first.process.pid}" in second.stderr
        assert "another Host Console" in second.stderr

        # Read-only: it opens, shows the run sheet, and changes nothing.
        output = tmp_path / "reader.log"
        with open(output, "w", encoding="utf-8") as sink:
            reader = subprocess.Popen(
                [
                    *(sys.executable, "-m", "hostconsole", str(show_file)),
                    *("--if-locked", "read-only", "--no-obs", "--control-port", "0"),
                ],
                env=first.env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        try:
            eventually(
                lambda: f"process {first.process.pid}" in output.read_text(encoding="utf-8"),  # type: ignore[union-attr]
                20,
                "the read-only console naming the holder",
            )
            logged = first.config_dir / "data" / "logs" / "hostconsole.log"
            eventually(
                lambda: f"(read-only) (process {reader.pid})" in logged.read_text(encoding="utf-8"),
                20,
                "the read-only console up",
            )
            assert reader.poll() is None, output.read_text(encoding="utf-8")  # up, not crashed
            reader.send_signal(signal.SIGTERM)
            assert reader.wait(30) == 0
        finally:
            if reader.poll() is None:
                reader.kill()
        # The first console never noticed: still running its show, its ledger its own.
        assert first.state()["clock"]["state"] == "running"
        assert (
            first.post("/api/v1/vouchers/correction", {"amount": 3, "reason": "电话"}).json()[
                "count"
            ]
            == 3
        )
    finally:
        first.close()


def test_damaged_run_state_and_settings_are_named_kept_aside_and_never_crash(
    tmp_path: Path, show_file: Path
) -> None:
    config = tmp_path / "config"
    app = AppProcess(config, show_file).start()
    assert app.post("/api/v1/goto", {"segment": "models"}).status_code == 200
    app.kill()
    state_file = app.show_dir() / "run-state.json"
    text = state_file.read_text(encoding="utf-8")
    state_file.write_text(text[: len(text) // 2], encoding="utf-8")  # cut short
    (config / "settings.json").write_text(
        json.dumps(
            {
                "schema_version": 2,
                "shortcuts": ["Space"],
                "goal": "lots",
                "milestones": [10, -5],
                "presenter_screen": "left",
                "obs_port": 99999,
                "poll_interval": float("nan"),
            }
        ),
        encoding="utf-8",
    )
    app.start()
    state = app.state()
    assert state["clock"]["state"] == "not_started"  # afresh, and said so
    kept = list(app.show_dir().glob("run-state.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == text[: len(text) // 2]
    log = (config / "data" / "logs" / "hostconsole.log").read_text(encoding="utf-8")
    for name in ("shortcuts", "goal", "milestones", "presenter_screen", "obs_port"):
        assert f"'{name}'" in log, name
    assert "kept as run-state.damaged-" in log
    app.kill()

    # A clock of the wrong shape, even with --resume no.
    state_file.write_text(json.dumps({"closed_cleanly": False, "clock": []}), encoding="utf-8")
    again = AppProcess(config, show_file, resume="no").start()
    try:
        assert again.state()["clock"]["state"] == "not_started"
        assert again.post("/api/v1/go").status_code == 200
        assert "Traceback" not in again.output()
    finally:
        again.close()
