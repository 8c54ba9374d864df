"""Clips of the moments that sold, from a real OBS replay buffer: a milestone's clip and the
producer's Clip, each saved after the delay, cut to the window around its moment with ffmpeg,
read back with ffprobe, and listed in the console and the state JSON."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.graphics.report_html import show_html
from hostconsole.remote.control_api import ControlApi
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.logpanel import QtLogHandler
from tests.harness.sessions import clipped_demo_show
from tests.integration.conftest import in_thread, wait_until
from tests.integration.test_onair_obs import open_session

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]

BEFORE, AFTER, DELAY = 3.0, 2.0, 3.0


def seconds_of(path: str) -> float:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams", path],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    probed = json.loads(result.stdout)
    assert any(stream["codec_type"] == "video" for stream in probed["streams"])
    return float(probed["format"]["duration"])


async def test_a_milestone_and_the_producers_clip_are_cut_from_the_replay_buffer(
    fresh_obs: HeadlessObs, tmp_path: Path, qtbot: QtBot
) -> None:
    fresh_obs.record_to(tmp_path / "recordings", replay_buffer_seconds=30)
    (tmp_path / "recordings").mkdir()
    await in_thread(fresh_obs.start)
    session = await open_session(
        fresh_obs, tmp_path, clipped_demo_show(tmp_path, BEFORE, AFTER, DELAY)
    )
    assert session.obs is not None
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    console = ProducerConsole(session, QtLogHandler())
    qtbot.addWidget(console)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            # No replay buffer running: a clip is refused, and says how to get one.
            refused = await client.post("/api/v1/clip", json={"what": "too early"})
            assert refused.status_code == 409, refused.text
            assert "replay buffer" in refused.json()["error"]
            await session.obs.request("StartReplayBuffer")
            await wait_until(lambda: session.obs is not None and session.obs.replay_buffer, 5, "rb")
            await session.goto("voucher-drop")
            await asyncio.sleep(BEFORE + 2)  # the buffer holds the time before the moment
            for number in range(10):  # the first milestone: 10 sold
                await session.counter.observe(OrdersSeen((Order(f"m-{number}"),), "h", "stream"))
            await wait_until(lambda: session.clips.clips != [], DELAY + 20, "the milestone clip")
            console.actions_by_name["clip"].trigger()  # the producer's Clip
            await wait_until(lambda: len(session.clips.clips) == 2, DELAY + 20, "the second clip")
            state = (await client.get("/api/v1/state")).json()
        milestone, producers = session.clips.clips
        assert milestone.what == "milestone 10" and not milestone.problem, milestone
        assert producers.problem == "" and producers.what != "", producers
        for clip in (milestone, producers):
            assert Path(clip.file).is_file()
            assert abs(seconds_of(clip.file) - (BEFORE + AFTER)) < 1.0, clip
            assert clip.start == pytest.approx(-BEFORE, abs=0.5)
        assert [c["file"] for c in state["clips"]] == [milestone.file, producers.file]
        console.show()
        await wait_until(lambda: console.clip_list.count() == 2, 5, "both clips listed")
        assert "milestone 10" in console.clip_list.item(1).text()
        logged = [line.detail for line in session.onair_log.lines() if line.action == "clip"]
        assert any(milestone.file in detail for detail in logged)
        # The report lists them, each a link to its file.
        page = show_html(await session.results(), "en")
        assert "milestone 10" in page and Path(milestone.file).as_uri() in page
    finally:
        console.hide()
        await api.cleanup()
        await session.close()
