"""On air: cues, overlays, the live counter and the milestone card, against a real OBS."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import obsws_python
import pytest
import pytest_asyncio
from msgspec.structs import replace
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton

from hostconsole.adapters.obs.status import LinkState
from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.domain.overlays import LANDSCAPE
from hostconsole.domain.show import OverlayKind
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.parts import StudioParts
from hostconsole.remote.control_api import ControlApi
from hostconsole.services.cues import apply_cue
from hostconsole.services.show import ShowSession
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.logpanel import QtLogHandler
from tests.conftest import DEMO_SHOW
from tests.integration.conftest import bright_pixels, in_thread, wait_until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from pytestqt.qtbot import QtBot

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


async def open_session(
    obs: HeadlessObs,
    folder: Path,
    show: Path | None = None,
    *,
    preflight: bool = True,
    resume: bool = False,
) -> ShowSession:
    """A session on real OBS for ``show`` (the demo by default), connected, and with
    pre-flight's scenes and sources created unless told not to; ``resume``: from the run
    state the last run left, as the app does."""
    if show is None:
        show = folder / "demo.show.yaml"
        shutil.copy(DEMO_SHOW, show)
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=obs.port),
        folder / "data",
        parts=StudioParts(obs_password=lambda: obs.password),
        renderer=QtGraphicRenderer(folder / "graphics", folder),
    )
    await session.start(session.saved_state() if resume else None)
    assert session.obs is not None
    await wait_until(lambda: session.obs is not None and session.obs.connected, 10, "OBS connected")
    if preflight:
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


async def screen_until(
    session: ShowSession, scene: str, enough: Callable[[int], bool], what: str
) -> int:
    """Bright pixels OBS renders in ``scene``, read until ``enough`` of them (OBS draws the
    change on its next frames): bounded, so a graphic that never shows fails fast."""
    assert session.obs is not None
    deadline = asyncio.get_running_loop().time() + 5
    while True:
        count = bright_pixels(await session.obs.screenshot(scene, 640, 360, "ppm"))
        if enough(count) or asyncio.get_running_loop().time() > deadline:
            assert enough(count), f"{what}: {count} bright pixels"
            return count
        await asyncio.sleep(0.05)


async def drawn_graphic(session: ShowSession, source: str) -> QImage:
    """The image OBS's source shows now: the file it was told to read, as drawn."""
    assert session.obs is not None
    path = (await session.obs.input_settings(source))["file"]
    assert path == session.obs.owned.images[source]
    image = QImage(path)
    assert not image.isNull(), path
    return image


async def test_go_puts_the_scene_overlays_and_texts_on_air_together(on_air: ShowSession) -> None:
    obs = on_air.obs
    assert obs is not None
    result = await on_air.go(0)  # opening: Opening scene, lower third naming the deputy
    assert result is not None
    assert result.ok, result.problems
    program = await obs.request("GetCurrentProgramScene")
    assert program["currentProgramSceneName"] == "Opening"
    lower_third = await drawn_graphic(on_air, "HC Lower Third")
    # Drawn at exactly its box on this canvas (OBS's test canvas is 640×360): placed, not scaled.
    assert (lower_third.width(), lower_third.height()) == (294, 47)
    assert await item_enabled(on_air, "Opening", "HC Lower Third")
    assert not await item_enabled(on_air, "Opening", "HC Product Card")
    await screen_until(on_air, "Opening", lambda n: n > 100, "the lower third really drawn")

    result = await on_air.goto("models")  # Product scene: product card with its QR code
    assert result is not None
    assert result.ok, result.problems
    assert (await obs.request("GetCurrentProgramScene"))["currentProgramSceneName"] == "Product"
    card = await drawn_graphic(on_air, "HC Product Card")
    assert card.height() > card.width()  # the 16:9 card: text, voucher value, QR, call to action
    assert await item_enabled(on_air, "Product", "HC Product Card")
    assert await item_enabled(on_air, "Product", "HC Voucher Counter")
    # The QR code's white modules and the card's text.
    await screen_until(on_air, "Product", lambda n: n > 2000, "the product card drawn")
    preview = on_air.last_cue
    assert preview is not None


async def test_a_thousand_sales_in_a_second_end_on_the_exact_count(on_air: ShowSession) -> None:
    obs = on_air.obs
    assert obs is not None
    assert on_air.live_graphics is not None
    await on_air.goto("voucher-drop")
    live = on_air.live_graphics
    await wait_until(lambda: "HC Voucher Counter" in live.last_sent, 5, "the counter drawn")
    before = live.updates_sent
    for number in range(1000):
        await on_air.counter.observe(OrdersSeen((Order(f"burst-{number}"),), "h", "stream"))
        if number % 10 == 9:
            await asyncio.sleep(0.01)  # a thousand over about a second
    await wait_until(lambda: on_air.counter.count == 1000, 10, "all counted")
    await wait_until(
        lambda: live.last_sent["HC Voucher Counter"] == "已售 1,000 张", 5, "the last count sent"
    )
    await drawn_graphic(on_air, "HC Voucher Counter")  # OBS reads the last one drawn
    sent = live.updates_sent - before
    # The count moved on air during the burst, a frame at a time, never once per sale.
    assert 2 <= sent <= 20, sent


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
    await drawn_graphic(on_air, "HC Milestone")
    assert any("已售 10 张!" in line.detail for line in on_air.onair_log.lines())
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
        # A real OBS restarting on a loaded machine: room to come back (a hang guard).
        await wait_until(lambda: session.obs is not None and session.obs.connected, 30, "back")
        # Should OBS not have saved on the way down (killed when slow to exit), pre-flight
        # puts back what is missing — what a producer does after OBS restarts.
        assert (await session.preflight(create=True)).failed == []
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


async def test_clear_all_graphics_from_the_control_api_takes_every_graphic_off(
    on_air: ShowSession,
) -> None:
    obs = on_air.obs
    assert obs is not None
    await on_air.goto("models")  # product card and counter on air
    api = ControlApi(on_air, "127.0.0.1", 0, None)
    port = await api.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            shown = await client.post("/api/v1/overlays/lower_third/show", json={})
            assert shown.status_code == 200, shown.text
            assert await item_enabled(on_air, "Product", "HC Lower Third")
            await screen_until(on_air, "Product", lambda n: n > 500, "graphics on")
            cleared = await client.post("/api/v1/overlays/clear", json={})
            assert cleared.status_code == 200, cleared.text
        for source in ("HC Lower Third", "HC Product Card", "HC Voucher Counter"):
            assert not await item_enabled(on_air, "Product", source), source
        await screen_until(on_air, "Product", lambda n: n < 10, "every graphic off")
        assert on_air.onair_log.lines()[-1].detail == "all graphics cleared"
    finally:
        await api.cleanup()


async def test_in_9_16_the_product_card_takes_the_lower_third_off_in_the_same_batch(
    on_air: ShowSession,
) -> None:
    obs = on_air.obs
    assert obs is not None
    await obs.request(
        "SetVideoSettings",
        {"baseWidth": 360, "baseHeight": 640, "outputWidth": 360, "outputHeight": 640},
    )
    result = await on_air.preflight(create=True)  # laid out again for the vertical canvas
    assert result.failed == []
    assert obs.canvas == (360, 640)
    await on_air.go(0)  # opening: the lower third
    assert await item_enabled(on_air, "Opening", "HC Lower Third")
    executed = await on_air.execute("overlay", "console", overlay="product_card", visible=True)
    assert executed.ok, executed.detail
    assert await item_enabled(on_air, "Opening", "HC Product Card")
    assert not await item_enabled(on_air, "Opening", "HC Lower Third")  # same place: taken off
    card = await drawn_graphic(on_air, "HC Product Card")
    assert card.width() > card.height()  # the wide 9:16 card, QR code on the right


async def test_a_graphic_slides_in_frame_by_frame_with_its_cue(
    on_air: ShowSession, fresh_obs: HeadlessObs
) -> None:
    """Watched from a second OBS client while the cue plays: the lower third's x passes
    through the frames in between, then rests where the layout puts it."""
    obs = on_air.obs
    assert obs is not None
    item = await obs.scene_item_id("Opening", "HC Lower Third")
    watcher = obsws_python.ReqClient(
        host="127.0.0.1", port=fresh_obs.port, password=fresh_obs.password, timeout=5
    )
    seen: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            answer = watcher.send(
                "GetSceneItemTransform", {"sceneName": "Opening", "sceneItemId": item}, raw=True
            )
            seen.append(float(answer["sceneItemTransform"]["positionX"]))

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    home = LANDSCAPE.boxes[OverlayKind.LOWER_THIRD].pixels(obs.canvas)[0]
    try:
        result = await on_air.go(0)  # opening: the lower third comes on
        # Until the watcher sees it at rest (the slide's last frame has played).
        await wait_until(lambda: bool(seen) and seen[-1] == home, 5, "the slide finished")
    finally:
        done.set()
        await in_thread(lambda: thread.join(5))
        watcher.disconnect()
    assert result is not None
    assert result.ok, result.problems
    start = -LANDSCAPE.boxes[OverlayKind.LOWER_THIRD].pixels(obs.canvas)[2]
    between = {x for x in seen if start < x < home}
    assert len(between) >= 2, sorted(set(seen))  # moving, frame by frame, in OBS itself
    assert seen[-1] == home

    # A cue in the same scene that hides it: it slides out, then rests at home, hidden.
    opening = on_air.show.segment("opening")
    hiding = replace(opening, show_overlays=(), hide_overlays=("lower_third",))
    cue = await apply_cue(on_air.overlay_context(hiding), obs)
    assert cue.ok, cue.problems
    assert not await item_enabled(on_air, "Opening", "HC Lower Third")
    transform = await obs.request(
        "GetSceneItemTransform", {"sceneName": "Opening", "sceneItemId": item}
    )
    assert transform["sceneItemTransform"]["positionX"] == home


async def test_the_graphics_panel_takes_and_clears_with_a_tally_read_from_obs(
    on_air: ShowSession, qtbot: QtBot
) -> None:
    obs = on_air.obs
    assert obs is not None
    await on_air.go(0)  # opening: lower third on; next cue (driverless) shows the caption
    console = ProducerConsole(on_air, QtLogHandler())
    qtbot.addWidget(console)
    console.show()
    panel = console.graphics
    console.obs_tabs.setCurrentWidget(panel)  # shown: drawn and read at once
    await asyncio.sleep(0.1)
    thumb = panel.findChild(QLabel, "thumb_product_card")
    assert thumb is not None and not thumb.pixmap().isNull()
    upcoming = panel.findChild(QLabel, "next_caption")
    assert upcoming is not None and not upcoming.pixmap().isNull()  # previewed before GO

    panel.read_tally()
    await wait_until(lambda: panel.tally.get("lower_third") is True, 5, "tally read")
    tally = panel.findChild(QLabel, "tally_lower_third")
    assert tally is not None and tally.text() == "ON AIR"

    take = panel.findChild(QPushButton, "take_counter")
    assert take is not None
    take.click()
    await on_air.commands.settled()
    assert await item_enabled(on_air, "Opening", "HC Voucher Counter")
    # OBS itself says so: switched off behind the console's back, the tally follows OBS.
    item = await obs.scene_item_id("Opening", "HC Voucher Counter")
    await obs.request(
        "SetSceneItemEnabled",
        {"sceneName": "Opening", "sceneItemId": item, "sceneItemEnabled": False},
    )
    panel.read_tally()
    await wait_until(lambda: panel.tally.get("counter") is False, 5, "tally follows OBS")

    clear_all = panel.findChild(QPushButton, "clearAllGraphics")
    assert clear_all is not None
    clear_all.click()
    await on_air.commands.settled()
    panel.read_tally()
    await wait_until(lambda: panel.tally.get("lower_third") is False, 5, "all cleared")
    console.hide()


async def test_a_caption_fades_in_with_its_cue_and_obs_shows_it_at_once(
    on_air: ShowSession, fresh_obs: HeadlessObs
) -> None:
    """`in: fade`: watched from a second client, the caption's fade filter passes through
    opacities in between while the scene changes in the same batch; right after, OBS's own
    screenshot of the scene has the caption drawn in its box. `out: fade` takes it off and
    leaves it whole (opacity 1) for next time."""
    obs = on_air.obs
    assert obs is not None
    await on_air.go(0)
    watcher = obsws_python.ReqClient(
        host="127.0.0.1", port=fresh_obs.port, password=fresh_obs.password, timeout=5
    )
    seen: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            answer = watcher.send(
                "GetSourceFilter",
                {"sourceName": "HC Caption", "filterName": "Host Console fade"},
                raw=True,
            )
            seen.append(float(answer["filterSettings"]["opacity"]))

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        result = await on_air.goto("driverless")  # Studio scene, caption fades in
        shot = await obs.screenshot("Studio", 640, 360, "ppm")
        # Until the watcher sees the fade at its end (whole).
        await wait_until(lambda: bool(seen) and seen[-1] == 1.0, 5, "the fade finished")
    finally:
        done.set()
        await in_thread(lambda: thread.join(5))
        watcher.disconnect()
    assert result is not None
    assert result.ok, result.problems
    assert (await obs.request("GetCurrentProgramScene"))["currentProgramSceneName"] == "Studio"
    assert len({v for v in seen if 0 < v < 1}) >= 2, sorted(set(seen))
    assert seen[-1] == 1.0
    box = LANDSCAPE.boxes[OverlayKind.CAPTION].pixels(obs.canvas)
    assert bright_pixels(shot, box=box) > 50  # its text on screen straight after the GO

    studio = on_air.show.segment("driverless")
    hiding = replace(studio, show_overlays=(), hide_overlays=("caption",))
    cue = await apply_cue(on_air.overlay_context(hiding), obs)
    assert cue.ok, cue.problems
    assert not await item_enabled(on_air, "Studio", "HC Caption")
    settings = await obs.request(
        "GetSourceFilter", {"sourceName": "HC Caption", "filterName": "Host Console fade"}
    )
    assert settings["filterSettings"]["opacity"] == 1.0


async def test_a_flash_sale_counts_down_and_its_stock_follows_the_sales(
    on_air: ShowSession,
) -> None:
    """The voucher drop's 限时 card: drawn with the segment's time left, redrawn as the
    seconds pass while it is on air, and 仅剩 follows the sales of the segment's product."""
    obs = on_air.obs
    assert obs is not None and on_air.live_graphics is not None
    result = await on_air.goto("voucher-drop")
    assert result is not None
    assert result.ok, result.problems
    assert await item_enabled(on_air, "Voucher Drop", "HC Flash Sale")
    first = await drawn_graphic(on_air, "HC Flash Sale")
    assert first.width() > first.height()
    texts: set[str] = set()

    def sent() -> str:
        text = (
            on_air.live_graphics.last_sent.get("HC Flash Sale", "") if on_air.live_graphics else ""
        )
        texts.add(text)
        return text

    await wait_until(lambda: sent().startswith("限时 04:5"), 5, "the timer on air")
    await wait_until(lambda: len({t for t in texts if t}) >= 2, 5, "the timer ticking")
    assert sent().endswith("仅剩 50 张")
    for number in range(11):
        await on_air.counter.observe(
            OrdersSeen((Order(f"sale-{number}", product="m5"),), "h", "stream")
        )
    await wait_until(lambda: sent().endswith("仅剩 39 张"), 5, "stock follows sales")
    await drawn_graphic(on_air, "HC Flash Sale")


async def test_graphics_on_one_layer_take_each_other_off(on_air: ShowSession) -> None:
    """`layer: corner` on the counter and the text graphic (apart on the canvas): taking the
    text on takes the counter off in the same batch (Singular's layer logic)."""
    obs = on_air.obs
    assert obs is not None
    path = Path(on_air.document.file)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '    template: "已售 {sold} 张"\n',
        '    template: "已售 {sold} 张"\n    layer: corner\n',
    ).replace(
        "  - id: milestone\n",
        '  - id: title\n    kind: text\n    source: HC Title\n    template: "{show_title}"\n'
        "    layer: corner\n  - id: milestone\n",
    )
    path.write_text(text, encoding="utf-8")
    reloaded = await on_air.execute("reload", "console")
    assert reloaded.ok, reloaded.detail
    assert (await on_air.preflight(create=True)).failed == []
    await on_air.goto("models")  # the counter is on
    assert await item_enabled(on_air, "Product", "HC Voucher Counter")
    taken = await on_air.execute("overlay", "console", overlay="title", visible=True)
    assert taken.ok, taken.detail
    assert await item_enabled(on_air, "Product", "HC Title")
    assert not await item_enabled(on_air, "Product", "HC Voucher Counter")


@pytest.mark.expected_errors("pre-flight: “product_card”")
async def test_a_purchase_link_too_long_for_a_qr_code_is_named_and_never_blocks_go(
    fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    """2,400 characters fit no QR code: pre-flight names the card; GO still switches the scene
    and the card goes on air without a code and without its call to action."""
    await in_thread(fresh_obs.start)
    show = tmp_path / "demo.show.yaml"
    long_url = "https://shop.example.com/jiachi/m5?from=jiading-live&x=" + "a" * 2400
    text = DEMO_SHOW.read_text(encoding="utf-8")
    show.write_text(
        text.replace("https://shop.example.com/jiachi/m5?from=jiading-live", long_url),
        encoding="utf-8",
    )
    session = await open_session(fresh_obs, tmp_path, show, preflight=False)
    try:
        checked = await session.execute("preflight", "console", create=True)
        assert not checked.ok
        assert any("does not fit a QR code" in p for p in checked.data["graphics"])
        result = await session.goto("models")
        assert result is not None and result.ok, result
        obs = session.obs
        assert obs is not None
        program = await obs.request("GetCurrentProgramScene")
        assert program["currentProgramSceneName"] == "Product"
        assert await item_enabled(session, "Product", "HC Product Card")
        card = await drawn_graphic(session, "HC Product Card")
        assert card.height() > 0
    finally:
        await session.close()


async def test_a_renamed_counter_source_is_named_in_the_console_banner(
    on_air: ShowSession, qtbot: QtBot
) -> None:
    """Renamed in OBS mid-show, the counter stops taking updates: the console says so in its
    banner for as long as it lasts (once only in the log)."""
    console = ProducerConsole(on_air, QtLogHandler())
    qtbot.addWidget(console)
    console.show()
    obs = on_air.obs
    assert obs is not None
    await on_air.goto("models")
    await obs.request(
        "SetInputName", {"inputName": "HC Voucher Counter", "newInputName": "Counter (old)"}
    )
    await on_air.counter.observe(OrdersSeen((Order("renamed-1"),), "h", "stream"))
    await wait_until(
        lambda: (
            "HC Voucher Counter" in console.problems.text.text() and console.problems.isVisible()
        ),
        10,
        "the banner naming the counter source",
    )
    assert "renamed or deleted" in console.problems.text.text()


async def test_a_scene_collection_switch_mid_show_is_followed(on_air: ShowSession) -> None:
    """Switched to a collection without the show's scenes, Next answers ok: false with the
    cue's problem (it is owed); switched back, the cue on air is sent again by itself."""
    obs = on_air.obs
    assert obs is not None
    assert (await on_air.goto("driverless")) is not None
    listed = await obs.request("GetSceneCollectionList")
    original = listed["currentSceneCollectionName"]
    await obs.request("CreateSceneCollection", {"sceneCollectionName": "Other show"})
    await wait_until(
        lambda: on_air.obs is not None and on_air.obs.program_scene != "Studio",
        10,
        "the other collection on program",
    )
    moved = await on_air.execute("next", "console")
    assert not moved.ok and moved.cue is not None and not moved.cue.ok, moved
    assert on_air.current_segment().id == "models"  # the show went on; its cue is owed
    assert on_air.state.owed_cue == "models"
    await obs.request("SetCurrentSceneCollection", {"sceneCollectionName": original})

    async def product_on_program() -> bool:
        answer = await obs.request("GetCurrentProgramScene")
        return bool(answer["currentProgramSceneName"] == "Product")

    def owed() -> str | None:
        return on_air.state.owed_cue

    for _ in range(100):
        if await product_on_program() and owed() is None:
            break
        await asyncio.sleep(0.1)
    assert await product_on_program()
    assert owed() is None
    assert await item_enabled(on_air, "Product", "HC Product Card")
    lines = [line.detail for line in on_air.onair_log.lines() if line.action == "go"]
    assert any("re-applied after the scene collection changed" in line for line in lines)
