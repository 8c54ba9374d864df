"""What a show needs from OBS, and choosing source kinds from what OBS offers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.obs.preflight import pick_kind
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import PartRole, obs_needs

if TYPE_CHECKING:
    from pathlib import Path


def test_demo_needs_every_scene_once_and_each_overlay_part(demo_show_path: Path) -> None:
    needs = obs_needs(load_show(demo_show_path))
    assert needs.scenes == ("Opening", "Studio", "Product", "Voucher Drop", "Wrap-up")
    sources = [(p.source, p.role) for p in needs.parts]
    assert ("HC Lower Third Plate", PartRole.COLOR) in sources
    assert ("HC Product Card QR", PartRole.IMAGE) in sources
    assert len(needs.placements()) == len(needs.scenes) * len(needs.parts)
    for part in needs.parts:
        box = part.box
        assert box.x >= 0 and box.x + box.width <= 1
        assert box.y >= 0 and box.y + box.height <= 1


def test_overlays_that_can_share_the_screen_do_not_overlap(demo_show_path: Path) -> None:
    needs = obs_needs(load_show(demo_show_path))
    plates = {p.overlay_id: p.box for p in needs.parts if p.role is PartRole.COLOR}
    for first, second in [
        ("counter", "product_card"),
        ("caption", "product_card"),
        ("lower_third", "caption"),
        ("milestone", "product_card"),
        ("milestone", "counter"),
    ]:
        a, b = plates[first], plates[second]
        separate = (
            a.x + a.width <= b.x
            or b.x + b.width <= a.x
            or a.y + a.height <= b.y
            or b.y + b.height <= a.y
        )
        assert separate, f"{first} overlaps {second}"


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
