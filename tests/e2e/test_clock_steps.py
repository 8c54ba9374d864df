"""One clock: the system clock set an hour forward or back between a crash and the restart
moves no countdown and no "in 5 min" rate, and the step is logged (the app under libfaketime,
killed and restarted as a producer's PC would be)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from tests.harness.app_process import AppProcess
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from pathlib import Path

START = datetime(2026, 11, 28, 20, 0, 0)


@pytest.mark.parametrize("step_hours", [1, -1], ids=["forward", "back"])
def test_a_clock_step_between_runs_moves_no_countdown_and_no_rate(
    tmp_path: Path, show_file: Path, step_hours: int
) -> None:
    config = tmp_path / "config"
    before = AppProcess(config, show_file, resume=None, faketime=f"{START:%Y-%m-%d %H:%M:%S}")
    before.start()
    try:
        assert before.post("/api/v1/go").status_code == 200
        for _ in range(3):
            corrected = before.post(
                "/api/v1/vouchers/correction", {"amount": 10, "reason": "电话订单"}
            )
            assert corrected.status_code == 200
        eventually(lambda: before.state()["vouchers"]["rate_5min"] == 30, 5, "the rate at 30")
        seen = before.state()
        before.kill()
        down = time.monotonic()
    finally:
        before.close()
    # Restarted a few seconds later by the monotonic clock, an hour off by the wall clock.
    stepped = START + timedelta(hours=step_hours, seconds=3)
    after = AppProcess(config, show_file, resume=None, faketime=f"{stepped:%Y-%m-%d %H:%M:%S}")
    after.start()
    try:
        state = after.state()
        passed = time.monotonic() - down
        assert state["segment"]["id"] == seen["segment"]["id"]
        expected = seen["segment"]["remaining"] - passed
        assert abs(state["segment"]["remaining"] - expected) < 5, (state["segment"], expected)
        assert state["vouchers"]["count"] == 30
        assert state["vouchers"]["rate_5min"] == 30  # the same five minutes, not an hour off
        log = config / "data" / "logs" / "hostconsole.log"
        eventually(
            lambda: "off the show's own time" in log.read_text(encoding="utf-8"), 5, "the step"
        )
    finally:
        after.close()
