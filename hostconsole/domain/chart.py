"""The per-minute sales chart as shapes: bars per minute, segment bands, a time axis, the
current minute, milestones. Pure geometry — the console paints it with QPainter, the report
writes it as SVG — so both show the same chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

# Tick steps in minutes, smallest first: the first that keeps the axis to ~8 labels.
TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 240)


class Band(msgspec.Struct, frozen=True):
    """A segment on air from ``start`` to ``end`` (epoch seconds)."""

    start: float
    end: float
    name: str


class Shape(msgspec.Struct, frozen=True):
    """A rectangle; ``role`` names its colour (bar, current, band0, band1, axis, milestone)."""

    x: float
    y: float
    width: float
    height: float
    role: str


class Label(msgspec.Struct, frozen=True):
    x: float
    y: float  # the text's baseline
    text: str
    role: str  # tick, band, peak, milestone
    anchor: str = "start"  # start, middle or end of the text at x


class ChartPicture(msgspec.Struct):
    width: float
    height: float
    shapes: list[Shape] = msgspec.field(default_factory=list)
    labels: list[Label] = msgspec.field(default_factory=list)
    peak: int = 0
    # (number, name) of each band labelled by its number because its name did not fit
    # (with ``numbered``): drawn as a legend under the chart, so no name is cut.
    legend: list[tuple[str, str]] = msgspec.field(default_factory=list)


def text_width(text: str, font_px: float) -> float:
    """About how wide a text is drawn: CJK characters a full em, others about half."""
    return sum(font_px if ord(c) >= 0x2E80 else font_px * 0.58 for c in text)


def fit_label(text: str, room: float, font_px: float) -> str:
    """The label as it fits ``room``: whole, cut with "…", or nothing when not even a few
    characters fit (a band too narrow to name)."""
    if text_width(text, font_px) <= room:
        return text
    kept = text
    while kept and text_width(kept + "…", font_px) > room:
        kept = kept[:-1]
    return kept.rstrip() + "…" if len(kept) >= 2 else ""


def minute_chart(
    buckets: Sequence[int],
    start: float,
    *,
    width: float,
    height: float,
    clock: Callable[[float], str],
    bands: Sequence[Band] = (),
    milestones: Sequence[tuple[float, int]] = (),
    now: float | None = None,
    font_px: float = 11.0,
    peak_text: Callable[[int], str] = str,
    numbered: bool = False,
) -> ChartPicture:
    """Vouchers per minute from ``start``: one bar per minute, the segments as alternating
    bands labelled with their names, a time axis with wall-clock ticks (``clock`` formats an
    epoch second), the current minute (``now``) marked, milestones as ticks on top. With
    ``numbered``, a band whose name does not fit is labelled with a number the legend names."""
    picture = ChartPicture(width, height)
    minutes = max(len(buckets), 1)
    axis_height = font_px * 1.6
    band_label = font_px * 1.4
    plot_top = band_label + font_px * 0.3
    plot_bottom = height - axis_height
    plot_height = max(plot_bottom - plot_top, 1.0)
    per_minute = width / minutes
    end = start + minutes * 60

    def x_at(epoch: float) -> float:
        return (epoch - start) / 60 * per_minute

    for index, band in enumerate(bands):
        left, right = max(x_at(band.start), 0.0), min(x_at(band.end), width)
        if now is not None and band.end >= now:
            right = width  # on air still: its band runs to the end of the current minute
        if right <= left:
            continue
        picture.shapes.append(Shape(left, 0, right - left, plot_bottom, f"band{index % 2}"))
        room = right - left - font_px * 0.6
        name = fit_label(band.name, room, font_px)
        if numbered and name != band.name:
            number = str(len(picture.legend) + 1)
            picture.legend.append((number, band.name))
            name = fit_label(number, room, font_px) or ""
        if name:
            picture.labels.append(Label(left + font_px * 0.3, font_px * 1.05, name, "band"))
    peak = max(max(buckets, default=0), 1)
    picture.peak = max(buckets, default=0)
    current = None if now is None else int((now - start) // 60)
    gap = 1.0 if per_minute > 4 else 0.0
    for index, value in enumerate(buckets):
        if value <= 0 and index != current:
            continue
        bar = plot_height * value / peak
        role = "current" if index == current else "bar"
        picture.shapes.append(
            Shape(
                index * per_minute + gap / 2,
                plot_bottom - bar,
                max(per_minute - gap, 0.5),
                bar,
                role,
            )
        )
    if current is not None and 0 <= current < minutes:
        # The minute that is still running: a thin marker the full height of the plot.
        picture.shapes.append(
            Shape((current + 1) * per_minute - 1, plot_top, 2, plot_height, "now")
        )
    for at, value in milestones:
        if start <= at <= end:
            x = x_at(at)
            picture.shapes.append(Shape(x - 1, plot_top, 2, plot_height, "milestone"))
            picture.labels.append(Label(x + 2, plot_top + font_px, f"{value:,}", "milestone"))
    picture.shapes.append(Shape(0, plot_bottom, width, 1, "axis"))
    step = next(
        (s for s in TICK_STEPS if minutes / s <= max(width / (font_px * 6), 1)), TICK_STEPS[-1]
    )
    first = -(-int(start // 60) // step) * step  # the first whole-step minute at or after start
    minute = first
    while minute * 60 <= end:
        x = x_at(minute * 60)
        if 0 <= x <= width:
            picture.shapes.append(Shape(x, plot_bottom, 1, font_px * 0.4, "axis"))
            anchor = "start" if x < font_px * 2 else "end" if x > width - font_px * 2 else "middle"
            picture.labels.append(
                Label(x, height - font_px * 0.3, clock(minute * 60), "tick", anchor)
            )
        minute += step
    picture.labels.append(
        Label(width - font_px * 0.3, plot_top + font_px, peak_text(picture.peak), "peak", "end")
    )
    return picture
