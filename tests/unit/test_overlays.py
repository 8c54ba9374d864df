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
    assert needs.scenes == ("Opening", "Studio", "Product", "Voucher Drop", "Wrap-up", "Standby")
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
                ("flash_sale", "counter"),
                ("flash_sale", "product_card"),
            ],
        ),
        (
            PORTRAIT,
            [
                ("counter", "product_card"),
                ("counter", "milestone"),
                ("caption", "lower_third"),
                ("flash_sale", "counter"),
                ("flash_sale", "product_card"),
            ],
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


def test_layers_full_screen_and_overlap_decide_what_goes_off(demo_show_path: Path) -> None:
    from msgspec.structs import replace

    from hostconsole.domain.overlays import take_each_other_off
    from hostconsole.domain.show import Layer

    show = load_show(demo_show_path)
    by_id = {o.id: o for o in show.overlays}
    canvas = (1920, 1080)
    # Same default layer (lower-third), apart on the canvas.
    assert take_each_other_off(by_id["lower_third"], by_id["caption"], canvas)
    # No shared layer and apart: both stay.
    assert not take_each_other_off(by_id["counter"], by_id["product_card"], canvas)
    full = replace(by_id["counter"], layer=Layer.FULL)
    assert take_each_other_off(full, by_id["product_card"], canvas)
    # In 9:16 the product card and the lower third overlap: one takes the other off.
    assert take_each_other_off(by_id["product_card"], by_id["lower_third"], (1080, 1920))


def test_a_flash_sale_without_stock_leaves_out_its_stock_line(demo_show_path: Path) -> None:
    from msgspec.structs import replace

    from hostconsole.services.overlays import OverlayContext, overlay_text

    show = load_show(demo_show_path)
    sale = next(o for o in show.overlays if o.id == "flash_sale")
    segment = show.segment("voucher-drop")
    context = OverlayContext(show=show, segment=segment, segment_elapsed=61.5, product_sold=3)
    assert overlay_text(context, sale) == "限时 03:59\n仅剩 47 张"
    m5 = show.products[0]
    assert m5.voucher is not None
    unstocked = replace(
        show, products=(replace(m5, voucher=replace(m5.voucher, stock=None)), *show.products[1:])
    )
    context = replace(context, show=unstocked, segment_elapsed=400.0)
    assert overlay_text(context, sale) == "限时 00:00"
    windowed = replace(sale, window=90.0)
    assert overlay_text(replace(context, segment_elapsed=30.0), windowed) == "限时 01:00"
