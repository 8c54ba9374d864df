"""Graphics figures: how long one 1080p graphic takes to draw, and the smallest text any demo
graphic is drawn at (both aspect ratios, the longest texts)."""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bench.figure import Figure, Measure, median, percentile
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import overlay_box, text_scale

if TYPE_CHECKING:
    from hostconsole.domain.show import Show

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"
LONG_NAME = "嘉驰 M5 Pro Max 智能驾驶豪华旗舰长续航版轿车（二〇二七款·限量珍藏版本）"


def _qt() -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])


def _long_named(show: Show) -> Show:
    return replace(show, products=(replace(show.products[0], name=LONG_NAME), *show.products[1:]))


def graphic_render_ms_p99() -> Figure:
    _qt()
    from hostconsole.graphics.render import QtGraphicRenderer
    from hostconsole.services.overlays import OverlayContext, graphic_content

    show = _long_named(load_show(DEMO))
    canvas = (1920, 1080)
    card = next(o for o in show.overlays if o.id == "product_card")
    counter = next(o for o in show.overlays if o.id == "counter")
    with tempfile.TemporaryDirectory(prefix="bench-graphics-") as folder:
        renderer = QtGraphicRenderer(Path(folder), DEMO.parent)
        context = OverlayContext(show=show, segment=show.segment("voucher-drop"), canvas=canvas)
        timings: dict[str, list[float]] = {"card": [], "counter": []}
        for round_number in range(220):
            for name, overlay in (("card", card), ("counter", counter)):
                content = graphic_content(replace(context, sold=round_number), overlay)
                started = time.perf_counter()
                renderer.render(
                    overlay.source, content, show.theme, canvas, overlay_box(overlay, canvas)
                )
                if round_number >= 20:  # the first draws warm the font caches
                    timings[name].append(time.perf_counter() - started)
    return Figure(
        "graphic_render_ms_p99",
        round(percentile(timings["card"], 0.99) * 1000, 2),
        "ms",
        15,
        detail=f"product card with QR and a {len(LONG_NAME)}-character name, 1080p, drawn and "
        f"written as PNG, 200 times; median {median(timings['card']) * 1000:.1f} ms; the counter "
        f"(baseline) p99 {percentile(timings['counter'], 0.99) * 1000:.1f} ms",
    )


def min_text_px_at_1080() -> Figure:
    _qt()
    from hostconsole.graphics.render import QtGraphicRenderer
    from hostconsole.services.overlays import OverlayContext, graphic_content

    smallest = float("inf")
    where = ""
    drawn = 0
    with tempfile.TemporaryDirectory(prefix="bench-graphics-") as folder:
        renderer = QtGraphicRenderer(Path(folder), DEMO.parent)
        for show in (load_show(DEMO), _long_named(load_show(DEMO))):
            for canvas in ((1920, 1080), (1080, 1920)):
                for segment in show.segments:
                    context = OverlayContext(
                        show=show, segment=segment, sold=123_456, goal=30, canvas=canvas
                    )
                    for overlay in show.overlays:
                        content = graphic_content(context, overlay)
                        box = overlay_box(overlay, canvas)
                        _image, painter = renderer.draw(content, show.theme, canvas, box)
                        drawn += 1
                        if painter.smallest_text is not None:
                            size = painter.smallest_text / text_scale(canvas)
                            if size < smallest:
                                smallest = size
                                where = f"{overlay.id} on {canvas[0]}×{canvas[1]}"
    return Figure(
        "min_text_px_at_1080",
        round(smallest, 1),
        "px",
        28,
        detail=f"smallest text in {drawn} demo graphics (every segment, 16:9 and 9:16, with a "
        f"{len(LONG_NAME)}-character product name): {where}",
        at_least=True,
    )


FIGURES: dict[str, Measure] = {
    "graphic_render_ms_p99": graphic_render_ms_p99,
    "min_text_px_at_1080": min_text_px_at_1080,
}
