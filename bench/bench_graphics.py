"""Graphics figures: how long one 1080p graphic takes to draw, the smallest text any demo
graphic is drawn at (both aspect ratios, the longest texts), and the smallest text in 9:16
measured on the drawn images themselves."""

from __future__ import annotations

import functools
import math
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace
from PySide6.QtGui import QFontMetricsF

from bench.figure import Figure, Measure, median, percentile
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import overlay_box

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QImage

    from hostconsole.domain.show import Show

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"
FARM = Path(__file__).resolve().parent.parent / "tests" / "data" / "farm.show.yaml"
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
        baseline=round(percentile(timings["counter"], 0.99) * 1000, 2),
        samples=len(timings["card"]),
    )


def min_text_px_at_1080() -> Figure:
    """The smallest text that reaches a 16:9 picture, in px per 1080 lines, measured on the
    drawn images; the baseline is the same graphics with the renderer's minimum taken away
    (what a long product name shrinks to without it: the figure fails then)."""
    _qt()
    smallest, where, measured = _smallest_text(None, LANDSCAPES, 1080)
    without, _where, _count = _smallest_text(lambda _canvas: 1, LANDSCAPES, 1080)
    return Figure(
        "min_text_px_at_1080",
        round(smallest, 1),
        "px per 1080 lines",
        28,
        detail=f"smallest of {measured} text lines measured on the drawn 16:9 images (ink "
        f"against the same graphic without text; demo, a {len(LONG_NAME)}-character product "
        f"name, the farm show, two generated shows): {where}; without the renderer's minimum: "
        f"{without:.1f}",
        at_least=True,
        baseline=round(without, 1),
        samples=measured,
    )


PORTRAITS = ((1080, 1920), (720, 1280))
LANDSCAPES = ((1920, 1080), (1280, 720))
LONG_QUESTION = ("小王", "这个车能在雨天自动驾驶吗？下雨天和晚上激光雷达会不会看不清行人和电动车")


def _ink_height(
    with_text: QImage, without: QImage, left: float, top: float, right: float, bottom: float
) -> int:
    """Rows in the band where the text changed the picture: the ink's height in pixels."""
    rows = []
    for y in range(max(int(top), 0), min(int(bottom) + 1, with_text.height())):
        for x in range(max(int(left), 0), min(int(right) + 1, with_text.width()), 1):
            a, b = with_text.pixel(x, y), without.pixel(x, y)
            if max(abs((a >> s & 255) - (b >> s & 255)) for s in (0, 8, 16)) > 8:
                rows.append(y)
                break
    return rows[-1] - rows[0] + 1 if rows else 0


@functools.lru_cache(maxsize=4096)
def _ink_per_pixel(text: str, family: str, bold: bool) -> float:
    """The string's ink height per pixel of font size, drawn alone at 400 px and measured the
    same way (so the measure's own edge rounding cancels out)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    from hostconsole.graphics.render import _font

    size = 400
    font = _font(family, size, bold)
    width = int(QFontMetricsF(font).horizontalAdvance(text)) + 40
    blank = QImage(width, size * 2, QImage.Format.Format_ARGB32_Premultiplied)
    blank.fill(QColor("#000000"))
    inked = QImage(blank)
    painter = QPainter(inked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(QPointF(20, size * 1.4), text)
    painter.end()
    return _ink_height(inked, blank, 0, 0, width - 1, size * 2 - 1) / size


def _smallest_text(
    rule: Callable[[tuple[int, int]], int] | None,
    canvases: tuple[tuple[int, int], ...] = PORTRAITS,
    lines: int = 1920,
) -> tuple[float, str, int]:
    """(smallest text in px per ``lines`` lines of the canvas's long side in portrait, short
    side in landscape, where, lines measured) over every graphic of the demo, the demo with a
    long product name, the farm show and two generated shows, every segment, in ``canvases``.
    Each line's ink is found by comparing the graphic with the same graphic drawn without
    text, and its size is the ink's height over that string's ink height per pixel of font
    size — what reaches the picture, not what the renderer meant to draw. ``rule`` replaces
    the renderer's minimum (the baseline: what the graphics would be without it)."""
    import hostconsole.graphics.render as render
    from bench.bench_onscreen import generated_graphics_show
    from hostconsole.adapters.storage.showfile import parse_show_text
    from hostconsole.graphics.render import QtGraphicRenderer, _font
    from hostconsole.services.overlays import OverlayContext, graphic_content

    shows = [load_show(DEMO), _long_named(load_show(DEMO)), load_show(FARM)]
    shows += [parse_show_text(generated_graphics_show(seed, 8), f"g{seed}.yaml") for seed in (1, 2)]
    kept = getattr(render, "min_text_px")  # noqa: B009 - put back after the baseline
    if rule is not None:
        setattr(render, "min_text_px", rule)  # noqa: B010 - the baseline: 16:9's rule
    smallest, where, measured = float("inf"), "", 0
    try:
        with tempfile.TemporaryDirectory(prefix="bench-graphics-") as folder:
            renderer = QtGraphicRenderer(Path(folder), DEMO.parent)
            for show in shows:
                renderer.prepare(show.theme)
                for canvas in canvases:
                    for segment in show.segments:
                        context = OverlayContext(
                            show=show,
                            segment=segment,
                            sold=123_456,
                            goal=300,
                            canvas=canvas,
                            milestone=100,
                            question=LONG_QUESTION,
                        )
                        for overlay in show.overlays:
                            content = graphic_content(context, overlay)
                            box = overlay_box(overlay, canvas)
                            image, painter = renderer.draw(content, show.theme, canvas, box)
                            bare, _ = renderer.draw(
                                content, show.theme, canvas, box, with_text=False
                            )
                            for line in painter.lines:
                                if not line.text.strip():
                                    continue
                                font = _font(painter.family, line.pixel_size, line.bold)
                                tight = QFontMetricsF(font).tightBoundingRect(line.text)
                                per_pixel = _ink_per_pixel(line.text, painter.family, line.bold)
                                if tight.height() <= 0 or per_pixel <= 0:
                                    continue
                                ink = _ink_height(
                                    image,
                                    bare,
                                    line.x + tight.left() - 2,
                                    line.baseline + tight.top() - 2,
                                    line.x + tight.right() + 2,
                                    line.baseline + tight.bottom() + 2,
                                )
                                size = (
                                    ink
                                    / per_pixel
                                    * lines
                                    / (canvas[1] if canvas[1] > canvas[0] else min(canvas))
                                )
                                measured += 1
                                if size < smallest:
                                    smallest = size
                                    where = (
                                        f"{overlay.id} of {show.title[:12]} on "
                                        f"{canvas[0]}×{canvas[1]}: “{line.text[:16]}”"
                                    )
    finally:
        setattr(render, "min_text_px", kept)  # noqa: B010
    return smallest, where, measured


def min_text_px_9x16() -> Figure:
    _qt()
    smallest, where, measured = _smallest_text(None)
    # The same graphics with 16:9's rule (28 px per 1080 lines of the short side) in 9:16.
    before, _where, _count = _smallest_text(lambda c: math.ceil(28 * min(c) / 1080))
    return Figure(
        "min_text_px_9x16",
        round(smallest, 1),
        "px per 1920 lines",
        40,
        detail=f"smallest of {measured} text lines measured on the drawn 9:16 images (ink "
        f"against the same graphic without text): {where}; with 16:9's rule: {before:.1f}",
        at_least=True,
        baseline=round(before, 1),
        samples=measured,
    )


FIGURES: dict[str, Measure] = {
    "min_text_px_9x16": min_text_px_9x16,
    "graphic_render_ms_p99": graphic_render_ms_p99,
    "min_text_px_at_1080": min_text_px_at_1080,
}
