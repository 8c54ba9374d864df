"""SAFE against a real OBS: off air in one press (the standby slate on program, the named
microphones muted, every graphic off) and back in one press to exactly what was on before —
through the producer's key, the control API, and across a restart of the console."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hostconsole.domain.show import SLATE_SOURCE
from hostconsole.remote.control_api import ControlApi
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.logpanel import QtLogHandler
from hostconsole.ui.presenter import PresenterView
from tests.conftest import DEMO_SHOW
from tests.harness.obs import add_microphones
from tests.integration.conftest import bright_pixels, in_thread, wait_until
from tests.integration.test_onair_obs import item_enabled, open_session

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]

MICROPHONES = ("Presenter Mic", "Guest Mic")


def safe_show(folder: Path) -> Path:
    """The demo, naming two microphones this OBS has (the demo's Mic/Aux is a studio's)."""
    show = folder / "demo.show.yaml"
    text = DEMO_SHOW.read_text(encoding="utf-8")
    assert "microphones: [Mic/Aux]" in text
    show.write_text(
        text.replace("microphones: [Mic/Aux]", f"microphones: [{', '.join(MICROPHONES)}]"),
        encoding="utf-8",
    )
    return show


@pytest_asyncio.fixture
async def on_air(fresh_obs: HeadlessObs, tmp_path: Path) -> AsyncIterator[ShowSession]:
    await in_thread(fresh_obs.start)
    await in_thread(lambda: add_microphones(fresh_obs, MICROPHONES, muted=("Guest Mic",)))
    session = await open_session(fresh_obs, tmp_path, safe_show(tmp_path))
    yield session
    await session.close()


async def program(session: ShowSession) -> str:
    assert session.obs is not None
    answer = await session.obs.request("GetCurrentProgramScene")
    return str(answer["currentProgramSceneName"])


async def muted(session: ShowSession, name: str) -> bool:
    assert session.obs is not None
    return bool((await session.obs.request("GetInputMute", {"inputName": name}))["inputMuted"])


def off_air(session: ShowSession) -> bool:
    return session.off_air is not None


def log_actions(session: ShowSession) -> list[tuple[str, str, str]]:
    return [(line.action, line.origin, line.detail) for line in session.onair_log.lines()]


async def test_the_safe_key_takes_the_official_off_air_and_back_exactly(
    on_air: ShowSession, qtbot: QtBot
) -> None:
    await on_air.go(0)  # Opening, the lower third naming the deputy on
    assert await program(on_air) == "Opening"
    assert await item_enabled(on_air, "Opening", "HC Lower Third")
    console = ProducerConsole(on_air, QtLogHandler())
    qtbot.addWidget(console)
    presenter = PresenterView(on_air)
    qtbot.addWidget(presenter)
    console.show()
    presenter.show()
    console.activateWindow()
    await asyncio.sleep(0.05)

    QTest.keyClick(console, Qt.Key.Key_F9)
    await on_air.commands.settled()
    assert on_air.off_air is not None and on_air.off_air.origin == "shortcut"
    assert await program(on_air) == "Standby"
    assert await muted(on_air, "Presenter Mic")
    assert await muted(on_air, "Guest Mic")
    for scene in ("Opening", "Standby"):
        assert not await item_enabled(on_air, scene, "HC Lower Third"), scene
    # The slate is the console's drawing, on air: OBS has its file and shows its words.
    assert on_air.obs is not None
    slate = (await on_air.obs.input_settings(SLATE_SOURCE))["file"]
    assert Path(slate).is_file()
    shot = await on_air.obs.screenshot("Standby", 640, 360, "ppm")
    assert bright_pixels(shot) > 200  # white words on the dark plate
    # The presenter is told at once, calmly; the producer sees it across the console.
    presenter.refresh()
    assert "Off air" in presenter.content.safe or "暂离" in presenter.content.safe
    await wait_until(lambda: "SAFE" in console.on_air.text(), 2, "the console says SAFE")
    assert console.actions_by_name["safe"].text() in ("Back on air", "回到直播")

    # Nothing puts the programme back on screen while SAFE is on: GO is refused, changes nothing.
    before = on_air.state.clock.index
    QTest.keyClick(console, Qt.Key.Key_Space)
    await on_air.commands.settled()
    assert on_air.state.clock.index == before
    assert await program(on_air) == "Standby"
    assert "SAFE" in console.statusBar().currentMessage()

    QTest.keyClick(console, Qt.Key.Key_F9)  # back on air: exactly as before
    await on_air.commands.settled()
    assert not off_air(on_air)
    assert await program(on_air) == "Opening"
    assert await item_enabled(on_air, "Opening", "HC Lower Third")
    assert not await muted(on_air, "Presenter Mic")
    assert await muted(on_air, "Guest Mic")  # muted before SAFE: still muted
    presenter.refresh()
    assert presenter.content.safe == ""
    actions = log_actions(on_air)
    assert [a for a in actions if a[0] in ("safe", "back-on-air")] == [
        actions[-2],
        actions[-1],
    ]
    assert actions[-2][:2] == ("safe", "shortcut")
    assert actions[-1][0] == "back-on-air" and "after" in actions[-1][2]
    console.hide()
    presenter.hide()


async def test_safe_through_the_control_api_and_a_restart_of_the_console(
    on_air: ShowSession, fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    await on_air.goto("models")  # Product scene: product card and counter on
    assert await program(on_air) == "Product"
    api = ControlApi(on_air, "127.0.0.1", 0, None)
    port = await api.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            wrong = await client.post("/api/v1/safe", json={"on": "yes"})
            assert wrong.status_code == 400, wrong.text
            assert await program(on_air) == "Product"  # a refused request changed nothing
            answer = await client.post("/api/v1/safe", json={"on": True})
            assert answer.status_code == 200, answer.text
            state = (await client.get("/api/v1/state")).json()
            assert state["safe"] is not None and state["safe"]["by"].startswith("control-api")
            again = await client.post("/api/v1/safe", json={"on": True})  # twice: still off
            assert again.status_code == 200 and "already" in again.json()["result"]
    finally:
        await api.cleanup()
    assert await program(on_air) == "Standby"
    assert not await item_enabled(on_air, "Product", "HC Product Card")

    # The console stops while off air; the next one is still off air and still knows what to
    # put back.
    await on_air.close()
    show = tmp_path / "demo.show.yaml"
    restarted = await open_session(fresh_obs, tmp_path, show, preflight=False, resume=True)
    try:
        assert restarted.off_air is not None
        assert await program(restarted) == "Standby"
        api = ControlApi(restarted, "127.0.0.1", 0, None)
        port = await api.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                back = await client.post("/api/v1/back-on-air", json={})
                assert back.status_code == 200, back.text
                assert (await client.get("/api/v1/state")).json()["safe"] is None
        finally:
            await api.cleanup()
        assert await program(restarted) == "Product"
        assert await item_enabled(restarted, "Product", "HC Product Card")
        assert await item_enabled(restarted, "Product", "HC Voucher Counter")
        assert not await muted(restarted, "Presenter Mic")
    finally:
        await restarted.close()


async def test_preflight_makes_the_standby_scene_and_names_a_missing_microphone(
    fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)  # names Mic/Aux, which this OBS does not have
    session = await open_session(fresh_obs, tmp_path, show, preflight=False)
    try:
        result = await session.execute("preflight", create=True)
        assert result.ok, result.detail
        assert any("Mic/Aux" in warning for warning in result.data["warnings"])
        assert session.obs is not None
        items = await session.obs.request("GetSceneItemList", {"sceneName": "Standby"})
        names = [item["sourceName"] for item in items["sceneItems"]]
        assert names[0] == SLATE_SOURCE  # at the bottom: the graphics above it
        assert await item_enabled(session, "Standby", SLATE_SOURCE)
        assert Path((await session.obs.input_settings(SLATE_SOURCE))["file"]).is_file()
        # SAFE with a microphone OBS lacks: the rest is done, and the answer says what not.
        off = await session.execute("safe", on=True)
        assert not off.ok and "Mic/Aux" in off.detail
        assert await program(session) == "Standby"
    finally:
        await session.close()
