"""The stream watch against a real OBS streaming to a real RTMP ingest on 127.0.0.1 and
recording to a small disk: each fault made real reaches the state JSON (as a control-API
client reads it), the console and the presenter's screen within seconds, and clears by
itself when the cause goes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import time
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import pytest_asyncio
from PySide6.QtWidgets import QMessageBox

from hostconsole.remote.control_api import ControlApi
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.logpanel import QtLogHandler
from hostconsole.ui.presenter import PresenterView
from tests.harness.rtmp import RtmpReceiver
from tests.integration.conftest import in_thread, wait_until
from tests.integration.test_onair_obs import open_session

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


class Studio:
    """The show on real OBS, its control API, and an RTMP ingest OBS is set to stream to."""

    def __init__(self, session: ShowSession, api: ControlApi, port: int, ingest: RtmpReceiver):
        self.session = session
        self.api = api
        self.client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10)
        self.ingest = ingest

    async def state(self) -> dict[str, Any]:
        answer = await self.client.get("/api/v1/state")
        assert answer.status_code == 200
        result: dict[str, Any] = answer.json()
        return result

    async def alarm_kinds(self) -> set[str]:
        return {alarm["kind"] for alarm in (await self.state())["alarms"]}

    async def until(self, wanted: Callable[[set[str]], bool], within: float, what: str) -> float:
        """Seconds until the state JSON's alarms satisfy ``wanted`` (fails after ``within``)."""
        started = time.monotonic()
        while not wanted(await self.alarm_kinds()):
            if time.monotonic() - started > within:
                pytest.fail(f"{what}: not within {within} s (alarms: {await self.alarm_kinds()})")
            await asyncio.sleep(0.05)
        return time.monotonic() - started


@pytest_asyncio.fixture
async def studio(fresh_obs: HeadlessObs, tmp_path: Path) -> AsyncIterator[Studio]:
    await in_thread(fresh_obs.start)
    with RtmpReceiver() as ingest:
        session = await open_session(fresh_obs, tmp_path)
        assert session.obs is not None
        await session.obs.request(
            "SetStreamServiceSettings",
            {
                "streamServiceType": "rtmp_custom",
                "streamServiceSettings": {"server": ingest.server, "key": ingest.key},
            },
        )
        api = ControlApi(session, "127.0.0.1", 0, None)
        port = await api.start()
        studio = Studio(session, api, port, ingest)
        try:
            yield studio
        finally:
            await studio.client.aclose()
            await api.cleanup()
            with contextlib.suppress(Exception):
                await session.obs.request("StopStream")
            with contextlib.suppress(Exception):
                await session.obs.request("StopRecord")
            await session.close()


async def test_on_air_without_a_stream_is_an_alarm_until_the_producer_starts_it(
    studio: Studio, qtbot: QtBot
) -> None:
    session = studio.session
    console = ProducerConsole(session, QtLogHandler())
    qtbot.addWidget(console)
    presenter = PresenterView(session)
    qtbot.addWidget(presenter)
    console.show()
    await session.go(0)  # on air, but OBS was never told to stream
    took = await studio.until(lambda kinds: "not-streaming" in kinds, 3, "not streaming")
    assert took <= 3
    await wait_until(lambda: console.alarm_line.isVisible(), 2, "the console's alarm line")
    assert "NOT LIVE" in console.alarm_line.text()
    presenter.refresh()
    assert "interrupted" in presenter.content.safe

    # Started from the console's OBS panel: the alarm clears by itself.
    button = console.obs_panel.stream
    assert button.text() == "Start streaming"
    button.click()
    await studio.until(lambda kinds: "not-streaming" not in kinds, 5, "the alarm cleared")
    assert (await studio.state())["stream"]["streaming"] is True
    await wait_until(lambda: not console.alarm_line.isVisible(), 2, "the alarm line hidden")
    presenter.refresh()
    assert presenter.content.safe == ""
    lines = [(line.action, line.detail, line.result) for line in session.onair_log.lines()]
    assert ("stream", "streaming started", "ok") in lines
    alarms = [line for line in lines if line[0] == "alarm"]
    assert alarms[0][1].startswith("not-streaming:") and alarms[0][2] == "raised"
    assert alarms[1][1].startswith("not-streaming: cleared after") and alarms[1][2] == "cleared"

    # Stopping while on air is asked first; "Keep going" changes nothing.
    await wait_until(lambda: button.text() == "Stop streaming", 2, "the button says Stop")
    button.click()
    box = console.findChild(QMessageBox, "confirm-stop-stream")
    assert box is not None and box.isVisible()
    keep = next(b for b in box.buttons() if b.text() == "Keep going")
    keep.click()
    await wait_until(lambda: not box.isVisible(), 2, "the question answered")
    await session.commands.settled()
    assert session.obs is not None and session.obs.streaming
    # Through the API without the confirmation: refused, still streaming.
    refused = await studio.client.post("/api/v1/stream", json={"on": False})
    assert refused.status_code == 409, refused.text
    assert (await studio.state())["stream"]["streaming"] is True
    console.hide()


async def test_the_ingest_going_away_is_on_the_console_within_3_seconds_and_clears(
    studio: Studio,
) -> None:
    session = studio.session
    await session.go(0)
    started = await studio.client.post("/api/v1/stream", json={"on": True})
    assert started.status_code == 200, started.text
    await studio.until(lambda kinds: not kinds, 5, "streaming without alarms")
    await wait_until(
        lambda: session.outputs.last is not None and session.outputs.last.stream_total > 30,
        10,
        "frames reaching the ingest",
    )

    studio.ingest.kill()  # the ingest server is gone: OBS reconnects
    took = await studio.until(lambda kinds: "reconnecting" in kinds, 3, "reconnecting")
    assert took <= 3
    state = await studio.state()
    assert state["stream"]["reconnecting"] is True

    studio.ingest.start()  # back: OBS's next retry gets through, the alarm ends by itself
    await studio.until(lambda kinds: "reconnecting" not in kinds, 40, "reconnected")
    log = [(line.action, line.detail) for line in session.onair_log.lines()]
    assert any(a == "alarm" and d.startswith("reconnecting: cleared after") for a, d in log)


def fill(path: Path) -> None:
    with open(path, "wb") as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * (1 << 20))
            filler.flush()
            os.fsync(filler.fileno())


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 128 MB tmpfs for the recording (root mounts it, as the suite runs in CI); OBS itself
    refuses to record with less than 50 MB free."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128m", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


async def test_a_recording_disk_that_fills_is_an_alarm_then_the_recording_stopping(
    studio: Studio, small_disk: Path
) -> None:
    session = studio.session
    assert session.obs is not None
    await session.obs.request(
        "SetProfileParameter",
        {
            "parameterCategory": "SimpleOutput",
            "parameterName": "FilePath",
            "parameterValue": str(small_disk),
        },
    )
    await session.go(0)
    await studio.client.post("/api/v1/stream", json={"on": True})
    started = await studio.client.post("/api/v1/record", json={"on": True})
    assert started.status_code == 200, started.text
    # 128 MB free is far less than a show needs: said at once.
    took = await studio.until(lambda kinds: "disk-low" in kinds, 3, "disk low")
    assert took <= 3
    # The disk fills: OBS stops the recording itself, and the console says so.
    await in_thread(lambda: fill(small_disk / "filler"))
    await studio.until(lambda kinds: "recording-stopped" in kinds, 15, "recording stopped")
    assert (await studio.state())["stream"]["recording"] is False
    (small_disk / "filler").unlink()
