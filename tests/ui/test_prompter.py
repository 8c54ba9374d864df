"""The prompter: the segments' scripts scrolling on the presenter view, driven from the
control API (a Stream Deck, a clicker), the presenter view's keys and the console; its place
survives a restart."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from hostconsole.remote.control_api import ControlApi
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.presenter import PresenterView
from tests.harness.sessions import demo_session
from tests.harness.waiting import until
from tests.unit.fakes import FakeClock

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio


async def test_the_prompter_from_the_control_api_and_on_the_presenter_view(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = FakeClock()
    session = await demo_session(tmp_path, now=clock)
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    presenter = PresenterView(session)
    qtbot.addWidget(presenter)
    presenter.resize(1920, 1080)
    presenter.show()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:

            async def prompter(action: str, **extra: str) -> dict[str, object]:
                answer = await client.post("/api/v1/prompter", json={"action": action, **extra})
                assert answer.status_code == 200, answer.text
                result: dict[str, object] = answer.json()["prompter"]
                return result

            assert (await prompter("show"))["visible"] is True
            started = await prompter("start")
            assert started["running"] is True
            clock.advance(1.0)  # the show's own clock: a second later
            presenter.refresh()
            presenter.repaint()
            state = (await client.get("/api/v1/state")).json()["prompter"]
            assert state["position"] == 4.0, state  # 4 characters a second
            assert "prompter" in presenter.drawn and presenter.prompter_lines_drawn >= 3
            assert not any(name.startswith("point") for name in presenter.drawn)
            assert (await prompter("faster"))["speed"] == 5.0
            held = await prompter("stop")
            clock.advance(1.0)
            assert (await client.get("/api/v1/state")).json()["prompter"]["position"] == (
                held["position"]
            )
            script = session.current_script()
            drop = next(m for m in script.markers if m.segment_id == "voucher-drop")
            assert (await prompter("segment", segment="voucher-drop"))["position"] == drop.offset
            assert (await prompter("previous-marker"))["position"] == 0
            assert (await prompter("next-marker"))["position"] == drop.offset
            refused = await client.post("/api/v1/prompter", json={"action": "fly"})
            assert refused.status_code == 400 and "unknown prompter action" in refused.text
            missing = await client.post(
                "/api/v1/prompter", json={"action": "segment", "segment": "qa"}
            )
            assert missing.status_code == 400 and "no script for segment 'qa'" in missing.text

        # The presenter's own keys (and a clicker's Page Down), on the same queue.
        QTest.keyClick(presenter, Qt.Key.Key_Space)
        await session.commands.settled()
        assert session.prompter.running
        QTest.keyClick(presenter, Qt.Key.Key_Space)
        await session.commands.settled()
        before = session.prompter.position(session.now())
        QTest.keyClick(presenter, Qt.Key.Key_PageDown)
        await session.commands.settled()
        assert session.prompter.position(session.now()) == before + 40
        grab = presenter.grab()
        grab.save(str(tmp_path / "prompter.png"), "PNG")
    finally:
        await api.cleanup()
        await session.close()


async def test_the_console_drives_it_and_its_place_survives_a_crash(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    clock = FakeClock()
    session = await demo_session(tmp_path, now=clock)
    try:
        console = ProducerConsole(session, log_handler)
        qtbot.addWidget(console)
        console.show()
        await session.go(0)  # on air
        for action in ("show", "next-marker", "forward", "toggle"):
            button = console.findChild(QPushButton, f"prompter_{action}")
            assert button is not None and button.isEnabled()
            button.click()
            await session.commands.settled()
        assert session.prompter.visible and session.prompter.running
        clock.advance(2.0)
        console.findChild(QPushButton, "prompter_toggle").click()  # type: ignore[union-attr]
        await session.commands.settled()
        place = session.prompter.position(session.now())
        assert place > 40

        def saved_place() -> float:  # the run state is written on the show's writer thread
            try:
                saved = json.loads(session.state_path.read_bytes())
                return float(saved["prompter"]["position"])
            except (OSError, ValueError, KeyError):
                return -1.0

        await until(lambda: abs(saved_place() - place) < 0.5, 5, "the place saved")
        crashed = session.state_path.read_bytes()  # as a crash would leave it
    finally:
        await session.close()
    session.state_path.write_bytes(crashed)
    again = await demo_session(tmp_path, show=tmp_path / "demo.show.yaml", resume=True)
    try:
        assert again.prompter.visible
        assert not again.prompter.running  # held after a restart, where it was
        assert again.prompter.position(again.now()) == pytest.approx(place, abs=0.01)
    finally:
        await again.close()


async def test_the_prompter_opens_at_the_script_on_air_and_follows_the_run_sheet(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Mid-show the producer opens the prompter: it shows the script of the segment on air,
    not the first; held, it turns to the next segment's script when that goes on air."""
    session = await demo_session(tmp_path)
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    presenter = PresenterView(session)
    qtbot.addWidget(presenter)
    presenter.resize(1920, 1080)
    presenter.show()
    try:
        markers = {m.segment_id: m.offset for m in session.current_script().markers}
        assert set(markers) >= {"opening", "voucher-drop"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            answer = await client.post("/api/v1/goto", json={"segment": "voucher-drop"})
            assert answer.status_code in (200, 502), answer.text  # 502: no OBS here
            shown = await client.post("/api/v1/prompter", json={"action": "show"})
            assert shown.status_code == 200, shown.text
            assert shown.json()["prompter"]["position"] == markers["voucher-drop"]
            # Back to the opening (held): the text turns with the run sheet.
            await client.post("/api/v1/goto", json={"segment": "opening"})
            state = (await client.get("/api/v1/state")).json()["prompter"]
            assert state["position"] == markers["opening"]
            presenter.refresh()
            presenter.repaint()
            assert presenter.prompter_lines_drawn >= 1
    finally:
        await api.cleanup()
        await session.close()
