"""What reaches the screen is true, read back from a real OBS on a show written for the tests
(not the demo), in 16:9 and 9:16: a graphic a cue took off stays off when an earlier scene
returns, and no two visible graphics of a cue overlap."""

from __future__ import annotations

import base64
import shutil
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio
from PySide6.QtGui import QColor, QImage

from hostconsole.domain.overlays import Box
from tests.conftest import PROJECT_ROOT
from tests.harness.obs_frames import backdrop
from tests.integration.conftest import in_thread
from tests.integration.test_onair_obs import open_session

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from hostconsole.services.show import ShowSession
    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]

FARM_SHOW = PROJECT_ROOT / "tests" / "data" / "farm.show.yaml"
CANVASES = {"16:9": (640, 360), "9:16": (360, 640)}


@pytest_asyncio.fixture(params=sorted(CANVASES))
async def farm(
    request: pytest.FixtureRequest, fresh_obs: HeadlessObs, tmp_path: Path
) -> AsyncIterator[ShowSession]:
    await in_thread(fresh_obs.start)
    show = tmp_path / "farm.show.yaml"
    shutil.copy(FARM_SHOW, show)
    session = await open_session(fresh_obs, tmp_path, show, preflight=False)
    try:
        obs = session.obs
        assert obs is not None
        width, height = CANVASES[request.param]
        await on_canvas(session, width, height)
        assert obs.canvas == (width, height)
        yield session
    finally:
        await session.close()


async def on_canvas(session: ShowSession, width: int, height: int) -> None:
    """OBS's canvas set to ``width``×``height``, then pre-flight run for it."""
    obs = session.obs
    assert obs is not None
    await obs.request(
        "SetVideoSettings",
        {"baseWidth": width, "baseHeight": height, "outputWidth": width, "outputHeight": height},
    )
    assert (await session.preflight(create=True)).failed == []


async def visible_boxes(session: ShowSession) -> dict[str, Box]:
    """Each enabled item of the program scene and where OBS draws it, read back from OBS."""
    obs = session.obs
    assert obs is not None
    scene = (await obs.request("GetCurrentProgramScene"))["currentProgramSceneName"]
    items = (await obs.request("GetSceneItemList", {"sceneName": scene}))["sceneItems"]
    boxes = {}
    for item in items:
        if not item["sceneItemEnabled"] or not str(item["sourceName"]).startswith("HC "):
            continue
        t = item["sceneItemTransform"]
        boxes[item["sourceName"]] = Box(
            t["positionX"], t["positionY"], t["width"] or t["sourceWidth"], t["height"]
        )
    return boxes


async def test_a_graphic_taken_off_stays_off_when_an_earlier_scene_returns(
    farm: ShowSession,
) -> None:
    """hello (Farm Gate) puts the lower third on; field (Field) takes it off; back at the gate
    it must not come back."""
    await farm.go(0)
    assert "HC Lower Third" in await visible_boxes(farm)
    await farm.goto("field")
    await farm.goto("back-at-the-gate")
    obs = farm.obs
    assert obs is not None
    assert (await obs.request("GetCurrentProgramScene"))["currentProgramSceneName"] == "Farm Gate"
    shown = await visible_boxes(farm)
    assert "HC Lower Third" not in shown, shown
    assert "HC Caption" not in shown, shown
    assert "HC Voucher Counter" in shown


async def test_no_two_visible_graphics_of_a_cue_overlap(farm: ShowSession) -> None:
    for segment in farm.show.segments:
        result = await farm.goto(segment.id)
        assert result is not None
        shown = await visible_boxes(farm)
        names = sorted(shown)
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                assert not shown[first].overlaps(shown[second]), (
                    f"{first} and {second} overlap on {segment.id}: {shown}"
                )


async def test_a_plate_shows_the_theme_colour_over_the_set(
    fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    """The farm show's lower third, put on by the producer over a flat set of the show's
    backdrop colour: OBS's output is the plate as designed (its colour at its opacity, mixed
    in sRGB) within ΔE 2000 of 3 — drawn as designed, OBS's linear blending reads ~9 off."""
    from coloraide import Color

    from hostconsole.domain.colour import blend

    await in_thread(fresh_obs.start)
    show = tmp_path / "farm.show.yaml"
    shutil.copy(FARM_SHOW, show)
    session = await open_session(fresh_obs, tmp_path, show, preflight=False)
    try:
        obs = session.obs
        assert obs is not None
        width, height = 1280, 720
        await on_canvas(session, width, height)
        theme = session.show.theme
        await session.go(0)
        scene = session.show.segments[0].scene
        assert scene is not None
        await backdrop(obs, scene, width, height, theme.backdrop)  # a flat set of its colour
        result = await session.execute("overlay", "console", overlay="lower_third", visible=True)
        assert result is not None and result.ok
        box = (await visible_boxes(session))["HC Lower Third"]
        shot = await obs.request("GetSourceScreenshot", {"sourceName": scene, "imageFormat": "png"})
        image = QImage.fromData(base64.b64decode(str(shot["imageData"]).split(",", 1)[1]))
        assert (image.width(), image.height()) == (width, height)
        # Above the text, across the middle of the plate (clear of the accent bar and corners).
        samples = [
            QColor(image.pixel(x, y))
            for x in range(int(box.x + box.width * 0.4), int(box.x + box.width * 0.6), 8)
            for y in range(int(box.y) + 3, int(box.y) + 6)
        ]
        seen = sorted(samples, key=lambda c: c.lightness())[len(samples) // 2].name()
        expected = blend(theme.plate, theme.plate_opacity, theme.backdrop)
        difference = Color(seen).delta_e(Color(expected), method="2000")
        assert difference <= 3, f"OBS shows {seen} for the plate designed as {expected}"
    finally:
        await session.close()


async def test_a_caption_never_takes_the_product_card_off_air(farm: ShowSession) -> None:
    """The producer asks for a caption (control API) during the offer: in 9:16, where it
    would cover the product card and its code, it is refused and the card stays; in 16:9,
    where both fit, it goes on beside the card."""
    import httpx

    from tests.harness.sessions import serving

    await farm.goto("offer")
    assert "HC Product Card" in await visible_boxes(farm)
    portrait = farm.obs is not None and farm.obs.canvas[1] > farm.obs.canvas[0]
    async with serving(farm) as (_api, port), httpx.AsyncClient() as client:
        answer = await client.post(
            f"http://127.0.0.1:{port}/api/v1/caption", json={"point": "picked"}, timeout=10
        )
    shown = await visible_boxes(farm)
    assert "HC Product Card" in shown, shown
    if portrait:
        assert answer.status_code == 409, answer.text
        assert "product_card off air during a sale" in answer.json()["error"]
        assert "HC Caption" not in shown
        assert farm.state.caption_point is None
    else:
        assert answer.status_code == 200, answer.text
        assert "HC Caption" in shown
