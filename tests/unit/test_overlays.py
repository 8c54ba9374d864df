"""What a show needs from OBS, where each graphic goes on a 16:9 and a 9:16 canvas, and
choosing source kinds from what OBS offers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.obs.preflight import pick_kind
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import LANDSCAPE, PORTRAIT, PartRole, layout_for, obs_needs

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.domain.overlays import Layout

CANVASES = [(1920, 1080), (1080, 1920), (1280, 720), (720, 1280)]


def test_demo_needs_every_scene_once_and_one_image_per_overlay(demo_show_path: Path) -> None:
    needs = obs_needs(load_show(demo_show_path))
    assert needs.scenes == ("Opening", "Studio", "Product", "Voucher Drop", "Wrap-up")
    sources = [(p.source, p.role) for p in needs.parts]
    assert ("HC Lower Third", PartRole.IMAGE) in sources
    assert ("HC Product Card", PartRole.IMAGE) in sources
    assert all(role is PartRole.IMAGE for _source, role in sources)
    assert len(needs.placements()) == len(needs.scenes) * len(needs.parts)


@pytest.mark.parametrize("canvas", CANVASES)
def test_the_canvas_chooses_its_layout(canvas: tuple[int, int]) -> None:
    assert layout_for(canvas) is (PORTRAIT if canvas[1] > canvas[0] else LANDSCAPE)


@pytest.mark.parametrize("layout", [LANDSCAPE, PORTRAIT], ids=["16:9", "9:16"])
def test_every_graphic_is_inside_the_safe_area_and_clear_of_the_presenter(layout: Layout) -> None:
    for kind, box in layout.boxes.items():
        assert box.inside(layout.safe), f"{kind} leaves the {layout.name} safe area"
        assert not box.overlaps(layout.presenter), f"{kind} covers the presenter"


@pytest.mark.parametrize(
    ("layout", "pairs"),
    [
        (
            LANDSCAPE,
            [
                ("counter", "product_card"),
                ("caption", "product_card"),
                ("lower_third", "caption"),
                ("lower_third", "product_card"),
                ("milestone", "product_card"),
                ("milestone", "counter"),
            ],
        ),
        (
            PORTRAIT,
            [("counter", "product_card"), ("counter", "milestone"), ("caption", "lower_third")],
        ),
    ],
    ids=["16:9", "9:16"],
)
def test_graphics_that_share_the_screen_do_not_overlap(
    demo_show_path: Path, layout: Layout, pairs: list[tuple[str, str]]
) -> None:
    kinds = {o.id: o.kind for o in load_show(demo_show_path).overlays}
    for first, second in pairs:
        a, b = layout.boxes[kinds[first]], layout.boxes[kinds[second]]
        assert not a.overlaps(b), f"{first} overlaps {second} in {layout.name}"


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (("image_source", "text_ft2_source_v2", "color_source_v3"), "text_ft2_source_v2"),
        (("text_gdiplus_v2", "text_ft2_source_v2"), "text_gdiplus_v2"),
        (("text_gdiplus_v3", "text_gdiplus_v2"), "text_gdiplus_v3"),
        (("text_something_new",), "text_something_new"),
    ],
)
def test_text_kind_is_chosen_from_what_obs_offers(kinds: tuple[str, ...], expected: str) -> None:
    assert pick_kind(kinds, PartRole.TEXT) == expected


def test_no_text_kind_is_a_clear_error() -> None:
    with pytest.raises(LookupError, match="no text source kind"):
        pick_kind(("image_source",), PartRole.TEXT)
