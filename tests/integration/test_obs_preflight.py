"""Pre-flight against a real OBS: what the demo show needs, created, then found complete."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.obs.link import LinkState
from hostconsole.adapters.obs.preflight import check, create_missing, pick_kind
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import PartRole, obs_needs
from tests.integration.conftest import bright_pixels, in_thread, link_to, wait_state

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


async def test_preflight_creates_what_the_demo_needs_then_finds_nothing_missing(
    fresh_obs: HeadlessObs, demo_show_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    show = load_show(demo_show_path)
    needs = obs_needs(show)
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        before = await check(link, needs)
        assert not before.ok
        assert set(before.missing_scenes) == {"Product", "Voucher Drop", "Wrap-up"}
        missing_names = {name for name, _ in before.missing_sources}
        assert {
            "HC Voucher Counter",
            "HC Voucher Counter Plate",
            "HC Product Card QR",
        } <= missing_names
        assert pick_kind(before.input_kinds, PartRole.TEXT) == "text_ft2_source_v2"

        result = await create_missing(link, needs)
        assert result.failed == []
        assert len(result.created) == len(before.missing_scenes) + len(before.missing_placements)

        after = await check(link, needs)
        assert after.ok, after.lines()
        assert after.wrong_kinds == ()

        # The created text source works on air in a scene pre-flight made.
        await link.set_text("HC Voucher Counter", "已售 11 张 · 目标 30")
        await link.set_visible("Voucher Drop", "HC Voucher Counter", True)
        await link.set_visible("Voucher Drop", "HC Voucher Counter Plate", True)
        await asyncio.sleep(0.3)
        shown = bright_pixels(await link.screenshot("Voucher Drop", 640, 360, "ppm"))
        await link.set_visible("Voucher Drop", "HC Voucher Counter", False)
        await asyncio.sleep(0.3)
        hidden = bright_pixels(await link.screenshot("Voucher Drop", 640, 360, "ppm"))
        assert shown > 60
        assert hidden < 10
    finally:
        await link.stop()


async def test_preflight_reports_a_source_of_the_wrong_kind(
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
        report = await check(link, obs_needs(show))
        assert ("HC Caption", PartRole.TEXT, "color_source_v3") in report.wrong_kinds
        assert "'HC Caption' should be a text source but is color_source_v3" in report.lines()
    finally:
        await link.stop()
