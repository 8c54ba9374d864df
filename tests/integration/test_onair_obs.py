"""On air: cues, overlays, the live counter and the milestone card, against a real OBS."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from hostconsole.adapters.obs.status import LinkState
from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.services.session import ShowSession
from tests.conftest import DEMO_SHOW
from tests.integration.conftest import bright_pixels, in_thread, wait_until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


async def open_session(obs: HeadlessObs, folder: Path) -> ShowSession:
    show = folder / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=obs.port),
        folder / "data",
        obs_password=lambda: obs.password,
    )
    await session.start()
    assert session.obs is not None
    await wait_until(lambda: session.obs is not None and session.obs.connected, 10, "OBS connected")
    result = await session.preflight(create=True)
    assert result.failed == []
    return session


@pytest_asyncio.fixture
async def on_air(fresh_obs: HeadlessObs, tmp_path: Path) -> AsyncIterator[ShowSession]:
    await in_thread(fresh_obs.start)
    session = await open_session(fresh_obs, tmp_path)
    yield session
    await session.close()


async def item_enabled(session: ShowSession, scene: str, source: str) -> bool:
    assert session.obs is not None
    item = await session.obs.scene_item_id(scene, source)
    answer = await session.obs.request(
        "GetSceneItemEnabled", {"sceneName": scene, "sceneItemId": item}
    )
    return bool(answer["sceneItemEnabled"])


async def test_go_puts_the_scene_overlays_and_texts_on_air_together(on_air: ShowSession) -> None:
    obs = on_air.obs
    assert obs is not None
    result = await on_air.go(0)  # opening: Opening scene, lower third naming the deputy
    assert result is not None
    assert result.ok, result.problems
    program = await obs.request("GetCurrentProgramScene")
    assert program["currentProgramSceneName"] == "Opening"
    assert (await obs.input_settings("HC Lower Third"))["text"] == "沈华迪 · 嘉定区副区长"
    assert await item_enabled(on_air, "Opening", "HC Lower Third")
    assert await item_enabled(on_air, "Opening", "HC Lower Third Plate")
    assert not await item_enabled(on_air, "Opening", "HC Product Card")
    await asyncio.sleep(0.3)
    shown = bright_pixels(await obs.screenshot("Opening", 640, 360, "ppm"))

    result = await on_air.goto("models")  # Product scene: product card with its QR code
    assert result is not None
    assert result.ok, result.problems
    assert (await obs.request("GetCurrentProgramScene"))["currentProgramSceneName"] == "Product"
    card = (await obs.input_settings("HC Product Card"))["text"]
    assert card.startswith("嘉驰 M5 智驾轿车  ¥189,800")
    qr = (await obs.input_settings("HC Product Card QR"))["file"]
    assert Path(qr).is_file()
    assert Path(qr).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert await item_enabled(on_air, "Product", "HC Product Card QR")
    assert await item_enabled(on_air, "Product", "HC Voucher Counter")
    await asyncio.sleep(0.3)
    product_scene = bright_pixels(await obs.screenshot("Product", 640, 360, "ppm"))
    assert shown > 100  # the lower third is really drawn
    assert product_scene > 2000  # the QR code's white modules and the card's text
    preview = on_air.last_cue
    assert preview is not None


async def test_a_thousand_sales_in_a_second_end_on_the_exact_count(on_air: ShowSession) -> None:
    obs = on_air.obs
    assert obs is not None
    assert on_air.counter_overlay is not None
    await on_air.goto("voucher-drop")
    await asyncio.sleep(0.5)
    before = on_air.counter_overlay.updates_sent
    for number in range(1000):
        await on_air.counter.observe(OrdersSeen((Order(f"burst-{number}"),), "h", "stream"))
        if number % 10 == 9:
            await asyncio.sleep(0.01)  # a thousand over about a second
    await wait_until(lambda: on_air.counter.count == 1000, 10, "all counted")
    await asyncio.sleep(0.5)
    text = (await obs.input_settings("HC Voucher Counter"))["text"]
    assert text == "已售 1000 张 · 目标 30"
    sent = on_air.counter_overlay.updates_sent - before
    assert 1 <= sent <= 20, sent


async def test_crossing_a_milestone_takes_the_card_and_hides_it(on_air: ShowSession) -> None:
    obs = on_air.obs
    assert obs is not None
    await on_air.goto("voucher-drop")
    for number in range(10):
        await on_air.counter.observe(OrdersSeen((Order(f"m-{number}"),), "h", "stream"))
    scene = "Voucher Drop"
    visible = {"seen": False}

    async def card_visible() -> bool:
        return await item_enabled(on_air, scene, "HC Milestone")

    for _ in range(50):
        if await card_visible():
            visible["seen"] = True
            break
        await asyncio.sleep(0.1)
    assert visible["seen"], f"the milestone card was not taken: {on_air.onair_log.lines()[-3:]}"
    assert (await obs.input_settings("HC Milestone"))["text"] == "已售 10 张!"
    for _ in range(100):
        if not await card_visible():
            break
        await asyncio.sleep(0.1)
    assert not await card_visible(), "the milestone card was not hidden after its hold"


async def test_a_cue_while_obs_is_down_is_reported_and_reapplied(
    fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    session = await open_session(fresh_obs, tmp_path)
    try:
        # Let OBS save what pre-flight created, so a restart after a crash still has it.
        await in_thread(fresh_obs.stop)
        await in_thread(fresh_obs.start)
        assert session.obs is not None
        await wait_until(lambda: session.obs is not None and session.obs.connected, 10, "back")
        await session.go(0)
        await in_thread(fresh_obs.kill)
        await wait_until(lambda: session.obs is not None and not session.obs.connected, 5, "down")
        result = await session.goto("driverless")
        assert result is not None
        assert not result.ok
        assert "not connected" in result.summary()
        assert session.onair_log.lines()[-1].result != "ok"
        await in_thread(fresh_obs.start)
        await wait_until(
            lambda: session.obs is not None and session.obs.status.state is LinkState.CONNECTED,
            10,
            "up",
        )
        await wait_until(
            lambda: session.last_cue is not None and session.last_cue.ok, 10, "cue re-applied"
        )
        program = await session.obs.request("GetCurrentProgramScene")
        assert program["currentProgramSceneName"] == "Studio"
        assert any(
            "re-applied after reconnect" in line.detail for line in session.onair_log.lines()
        )
    finally:
        await session.close()
