"""Pre-flight against a real OBS: the demo's graphics created as image sources, laid out for
the canvas OBS has (16:9, then 9:16 and back), a source of the wrong kind kept and renamed."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

import pytest

from hostconsole.adapters.obs.link import LinkState
from hostconsole.adapters.obs.preflight import check, create_missing, pick_kind
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import LANDSCAPE, PORTRAIT, Box, PartRole, obs_needs
from hostconsole.domain.show import OverlayKind
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.services.overlays import OverlayContext, graphic_content
from tests.integration.conftest import bright_pixels, in_thread, link_to, wait_state

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hostconsole.adapters.obs.link import ObsLink
    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


async def set_canvas(link: ObsLink, width: int, height: int) -> None:
    await link.request(
        "SetVideoSettings",
        {"baseWidth": width, "baseHeight": height, "outputWidth": width, "outputHeight": height},
    )
    assert await link.video_canvas() == (width, height)


async def transforms(link: ObsLink, scene: str) -> dict[str, dict[str, Any]]:
    items = (await link.request("GetSceneItemList", {"sceneName": scene}))["sceneItems"]
    return {str(item["sourceName"]): item["sceneItemTransform"] for item in items}


def as_box(transform: dict[str, Any], canvas: tuple[int, int]) -> Box:
    width, height = canvas
    return Box(
        transform["positionX"] / width,
        transform["positionY"] / height,
        transform["boundsWidth"] / width,
        transform["boundsHeight"] / height,
    )


async def test_preflight_creates_the_graphics_then_finds_nothing_missing(
    fresh_obs: HeadlessObs, demo_show_path: Path, tmp_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    show = load_show(demo_show_path)
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        canvas = await link.video_canvas()
        needs = obs_needs(show, canvas)
        before = await check(link, needs)
        assert not before.ok
        assert set(before.missing_scenes) == {"Product", "Voucher Drop", "Wrap-up", "Standby"}
        assert ("HC Voucher Counter", PartRole.IMAGE) in before.missing_sources
        assert pick_kind(before.input_kinds, PartRole.IMAGE) == "image_source"

        result = await create_missing(link, needs)
        assert result.failed == []
        assert before.missing_fades == ("HC Caption",)  # the demo's caption fades in and out
        assert len(result.created) == (
            len(before.missing_scenes) + len(before.missing_placements) + 1
        )
        after = await check(link, needs)
        assert after.ok, after.lines()

        # Each graphic sits at its box, unscaled.
        placed = await transforms(link, "Voucher Drop")
        counter = placed["HC Voucher Counter"]
        left, top, width, height = LANDSCAPE.boxes[show.overlays[1].kind].pixels(canvas)
        assert (counter["positionX"], counter["positionY"]) == (left, top)
        assert (counter["boundsWidth"], counter["boundsHeight"]) == (width, height)

        # A drawn graphic shows on air in a scene pre-flight made.
        renderer = QtGraphicRenderer(tmp_path / "graphics", tmp_path)
        context = OverlayContext(show=show, segment=show.segment("voucher-drop"), sold=11)
        drawn = renderer.render(
            "HC Voucher Counter",
            graphic_content(context, show.overlays[1]),
            show.theme,
            canvas,
            LANDSCAPE.boxes[show.overlays[1].kind],
        )
        await link.set_image("HC Voucher Counter", str(drawn))

        async def bright() -> int:
            return bright_pixels(await link.screenshot("Voucher Drop", 640, 360, "ppm"))

        async def settles(wanted: Callable[[int], bool]) -> int:
            """Screenshots until OBS shows what was asked (the image loads in a frame or
            two), 5 s at most; the last count seen."""
            deadline = time.monotonic() + 5
            seen = await bright()
            for _ in range(500):
                if wanted(seen) or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.01)
                seen = await bright()
            return seen

        await link.set_visible("Voucher Drop", "HC Voucher Counter", True)
        assert await settles(lambda n: n > 60) > 60
        await link.set_visible("Voucher Drop", "HC Voucher Counter", False)
        assert await settles(lambda n: n < 10) < 10
    finally:
        await link.stop()


async def test_a_position_the_show_gives_wins_over_the_layout(
    fresh_obs: HeadlessObs, demo_show_path: Path, tmp_path: Path
) -> None:
    """`position: portrait: [...]` on the counter: on a 9:16 canvas pre-flight puts it
    there, read back from OBS; on 16:9 (no override) it keeps the layout's box."""
    await in_thread(fresh_obs.start)
    text = demo_show_path.read_text(encoding="utf-8").replace(
        "    source: HC Voucher Counter\n",
        "    source: HC Voucher Counter\n    position:\n      portrait: [0.04, 0.45, 0.5, 0.05]\n",
    )
    (tmp_path / "placed.show.yaml").write_text(text, encoding="utf-8")
    show = load_show(tmp_path / "placed.show.yaml")
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        await set_canvas(link, 360, 640)
        assert (await create_missing(link, obs_needs(show, (360, 640)))).failed == []
        counter = as_box((await transforms(link, "Studio"))["HC Voucher Counter"], (360, 640))
        assert abs(counter.y - 0.45) < 0.01 and abs(counter.width - 0.5) < 0.01, counter
        await set_canvas(link, 640, 360)
        assert (await create_missing(link, obs_needs(show, (640, 360)))).failed == []
        counter = as_box((await transforms(link, "Studio"))["HC Voucher Counter"], (640, 360))
        expected = LANDSCAPE.boxes[OverlayKind.COUNTER]
        assert abs(counter.x - expected.x) < 0.01 and abs(counter.y - expected.y) < 0.01
    finally:
        await link.stop()


async def test_a_9_16_canvas_gets_the_vertical_layout_and_back_again(
    fresh_obs: HeadlessObs, demo_show_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    show = load_show(demo_show_path)
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        await set_canvas(link, 360, 640)
        result = await create_missing(link, obs_needs(show, (360, 640)))
        assert result.failed == []
        for source, transform in (await transforms(link, "Studio")).items():
            if not source.startswith("HC "):
                continue
            box = as_box(transform, (360, 640))
            assert box.inside(Box(0.03, 0.11, 0.82, 0.54)), (source, box)  # PORTRAIT.safe ± 1 px
            assert not box.overlaps(PORTRAIT.presenter), source

        await set_canvas(link, 640, 360)  # the producer turned the canvas back: laid out again
        result = await create_missing(link, obs_needs(show, (640, 360)))
        assert result.failed == [] and result.created == []
        lower_third = as_box((await transforms(link, "Studio"))["HC Lower Third"], (640, 360))
        expected = LANDSCAPE.boxes[show.overlays[0].kind]
        assert (
            abs(lower_third.y - expected.y) < 0.01
            and abs(lower_third.width - expected.width) < 0.01
        )
    finally:
        await link.stop()


async def test_a_source_of_the_wrong_kind_is_reported_then_kept_under_another_name(
    fresh_obs: HeadlessObs, demo_show_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    show = load_show(demo_show_path)
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        await link.request(
            "CreateInput",
            {
                "sceneName": "Studio",
                "inputName": "HC Caption",
                "inputKind": "color_source_v3",
                "inputSettings": {},
            },
        )
        needs = obs_needs(show, await link.video_canvas())
        report = await check(link, needs)
        assert ("HC Caption", PartRole.IMAGE, "color_source_v3") in report.wrong_kinds
        assert "'HC Caption' should be an image source but is color_source_v3" in report.lines()
        result = await create_missing(link, needs)
        assert result.failed == []
        assert "'HC Caption' (color_source_v3) renamed to 'HC Caption (old color_source_v3)'" in (
            result.created
        )
        inputs = {
            i["inputName"]: i["inputKind"] for i in (await link.request("GetInputList"))["inputs"]
        }
        assert inputs["HC Caption"] == "image_source"
        assert inputs["HC Caption (old color_source_v3)"] == "color_source_v3"
        assert (await check(link, needs)).ok
    finally:
        await link.stop()
