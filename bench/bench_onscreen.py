"""True on screen: graphics that overlap on air, over every cue of the demo, the farm show
written for the tests, and two generated shows whose cues ask for random sets of graphics —
on both canvases, following the run sheet as the engine does (what each cue shows, hides,
leaves off and takes off by layer)."""

from __future__ import annotations

import random
from pathlib import Path

from bench.figure import Figure
from hostconsole.adapters.storage.showfile import load_show, parse_show_text
from hostconsole.domain.overlays import (
    LANDSCAPE_CANVAS,
    PORTRAIT_CANVAS,
    cue_graphics,
    overlay_box,
)
from hostconsole.domain.show import OverlayKind, Show
from hostconsole.services.cues import crowded_out
from hostconsole.services.overlays import OverlayContext

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("lower_third", "counter", "product_card", "caption", "flash_sale", "text")


def generated_graphics_show(seed: int, segments: int = 40) -> str:
    """A valid show whose segments show and hide random graphics in three scenes."""
    chance = random.Random(seed)
    lines = [
        "format: hostconsole-show/1",
        f"title: Generated graphics show {seed}",
        "hosts:",
        "  - id: host",
        "    name: 主持人 Host",
        "    title: 嘉宾 Guest",
        "products:",
        "  - id: item",
        "    name: 商品 Item",
        "    price: 45",
        "    voucher: {name: 券, price: 1, value: 10, stock: 300}",
        "    purchase_url: https://shop.example.com/i",
        "overlays:",
    ]
    for kind in KINDS:
        template = '"{sold}"' if kind == "counter" else '"{name}"'
        if kind == "flash_sale":
            template = '"{remaining}"'
        if kind == "text":
            template = '"{segment_title}"'
        if kind == "caption":
            template = '"{headline}"'
        lines += [f"  - id: {kind}", f"    kind: {kind}", f"    source: HC {kind}"]
        lines += [f"    template: {template}"]
    lines.append("segments:")
    for number in range(segments):
        shown = chance.sample(KINDS, chance.randint(1, 3))
        hidden = [k for k in chance.sample(KINDS, chance.randint(0, 2)) if k not in shown]
        lines += [
            f"  - id: s{number}",
            f"    title: Segment {number}",
            "    duration: 1m",
            f"    scene: Scene {chance.randint(1, 3)}",
            "    host: host",
            "    products: [item]",
            f"    show_overlays: [{', '.join(shown)}]",
            f"    hide_overlays: [{', '.join(hidden)}]",
        ]
    return "\n".join(lines) + "\n"


def _overlapping_on_air(show: Show, canvas: tuple[int, int], *, resolve: bool) -> int:
    """Pairs of graphics on air together whose boxes overlap, summed over the cues. Without
    ``resolve``, a cue shows every graphic it lists (the baseline)."""
    by_id = {o.id: o for o in show.overlays}
    on_air: set[str] = set()
    overlapping = 0
    for segment in show.segments:
        context = OverlayContext(show=show, segment=segment, canvas=canvas)
        if resolve:
            shown, left_off = cue_graphics(show, segment.show_overlays, canvas)
        else:
            shown, left_off = tuple(segment.show_overlays), ()
        off = set(segment.hide_overlays) | set(left_off) | set(crowded_out(context, shown))
        on_air = (on_air - off) | set(shown)
        visible = sorted(i for i in on_air if by_id[i].kind is not OverlayKind.MILESTONE)
        for index, first in enumerate(visible):
            for second in visible[index + 1 :]:
                if overlay_box(by_id[first], canvas).overlaps(overlay_box(by_id[second], canvas)):
                    overlapping += 1
    return overlapping


def graphics_overlapping_in_cue() -> Figure:
    shows = [
        load_show(ROOT / "resources" / "demo.show.yaml"),
        load_show(ROOT / "tests" / "data" / "farm.show.yaml"),
        parse_show_text(generated_graphics_show(1), "generated-1.show.yaml"),
        parse_show_text(generated_graphics_show(2), "generated-2.show.yaml"),
    ]
    cues = sum(len(show.segments) for show in shows) * 2
    canvases = (LANDSCAPE_CANVAS, PORTRAIT_CANVAS)
    value = sum(_overlapping_on_air(s, c, resolve=True) for s in shows for c in canvases)
    baseline = sum(_overlapping_on_air(s, c, resolve=False) for s in shows for c in canvases)
    return Figure(
        "graphics_overlapping_in_cue",
        float(value),
        "pairs",
        0,
        f"{cues} cues (the demo, the farm show, two generated shows; 16:9 and 9:16) followed "
        f"as the engine does; showing every graphic a cue lists (baseline): {baseline} pairs",
        baseline=float(baseline),
        samples=cues,
    )


FIGURES = {"graphics_overlapping_in_cue": graphics_overlapping_in_cue}
