"""The system clock stepped while the show runs: freshness, countdown and count keep the
show's own time, and the step is logged (a real session with a real sales stream)."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import pytest

from hostconsole.remote.state import state_json
from hostconsole.services.show import showtime as showtime_module
from tests.harness.salesfeed import FeedServer
from tests.integration.conftest import wait_until
from tests.integration.test_questions import session_with_feed

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("step", [3600.0, -3600.0], ids=["forward", "back"])
async def test_a_step_while_running_changes_no_freshness_countdown_or_count(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    step: float,
) -> None:
    monkeypatch.setattr(showtime_module, "WALL_CLOCK_WATCH_SECONDS", 0.1)
    with FeedServer("--rate", "5") as feed:
        session = await session_with_feed(tmp_path, feed)
        try:
            await wait_until(lambda: session.counter.count >= 3, 10, "sales counted")
            assert (await session.execute("go", "console")).ok
            before = state_json(session)
            assert before["vouchers"]["freshness"]["state"] == "live"
            real_time = time.time
            with caplog.at_level(logging.WARNING):
                monkeypatch.setattr(time, "time", lambda: real_time() + step)
                await wait_until(
                    lambda: "system clock was stepped" in caplog.text, 5, "the step logged"
                )
            after = state_json(session)
            assert after["vouchers"]["freshness"]["state"] == "live"
            assert after["vouchers"]["count"] >= before["vouchers"]["count"]
            assert abs(after["segment"]["remaining"] - before["segment"]["remaining"]) < 3
            lines = [line.detail for line in session.onair_log.lines() if line.action == "clock"]
            assert lines and "stepped" in lines[-1]
        finally:
            await session.close()
