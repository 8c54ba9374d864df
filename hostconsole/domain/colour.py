"""Colour maths for plates on air: sRGB blending as a designer expects it, and the plate colour
and opacity that make OBS (which blends in linear light) show that expectation."""

from __future__ import annotations

import functools

# The set behind the graphics when the show does not say (a mid-grey studio).
DEFAULT_BACKDROP = "#808080"
# Backgrounds a plate is fitted across besides the set itself: black to white, in steps.
_GREYS = tuple(step / 8 for step in range(9))


def channels(colour: str) -> tuple[float, float, float]:
    """ "#RRGGBB" as three sRGB values from 0 to 1."""
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def hex_colour(values: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02X}" for v in values)


def to_linear(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def to_srgb(value: float) -> float:
    value = min(max(value, 0.0), 1.0)
    return 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def blend(top: str, opacity: float, under: str) -> str:
    """``top`` at ``opacity`` over ``under``, mixed in sRGB as a designer's tool shows it."""
    pairs = zip(channels(top), channels(under), strict=True)
    red, green, blue = (opacity * t + (1 - opacity) * u for t, u in pairs)
    return hex_colour((red, green, blue))


def linear_blend(top: str, opacity: float, under: str) -> str:
    """The same mix as OBS makes it: in linear light (a dark plate reads lighter and greyer)."""
    pairs = zip(channels(top), channels(under), strict=True)
    red, green, blue = (
        to_srgb(opacity * to_linear(t) + (1 - opacity) * to_linear(u)) for t, u in pairs
    )
    return hex_colour((red, green, blue))


@functools.lru_cache(maxsize=64)
def for_linear_blending(colour: str, opacity: float, backdrop: str) -> tuple[str, float]:
    """The colour and opacity to draw a plate with so that OBS's linear-light blending shows
    ``colour`` at ``opacity`` as an sRGB mix: exactly over ``backdrop`` (the set behind the
    graphics), and as close as one colour can across black to white elsewhere."""
    if opacity >= 1.0 or opacity <= 0.0:
        return colour, opacity
    wanted = channels(colour)
    back = channels(backdrop)
    best: tuple[float, tuple[float, float, float], float] | None = None
    for step in range(1, 201):
        drawn_opacity = opacity + (1 - opacity) * step / 200
        # Exact over the backdrop: drawn_opacity·q + (1 − drawn_opacity)·B = lin(sRGB mix).
        drawn = tuple(
            (to_linear(opacity * w + (1 - opacity) * b) - (1 - drawn_opacity) * to_linear(b))
            / drawn_opacity
            for w, b in zip(wanted, back, strict=True)
        )
        if any(q < 0 or q > 1 for q in drawn):
            continue
        worst = max(
            abs(
                to_srgb(drawn_opacity * q + (1 - drawn_opacity) * to_linear(grey))
                - (opacity * w + (1 - opacity) * grey)
            )
            for grey in _GREYS
            for q, w in zip(drawn, wanted, strict=True)
        )
        if best is None or worst < best[0]:
            red, green, blue = (to_srgb(q) for q in drawn)
            best = (worst, (red, green, blue), drawn_opacity)
    if best is None:  # no plate can be exact here (a backdrop brighter than allows): as is
        return colour, opacity
    return hex_colour(best[1]), best[2]


def _luminance(colour: str) -> float:
    """Relative luminance of an sRGB "#RRGGBB" colour (WCAG 2)."""
    red, green, blue = (to_linear(c) for c in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours, 1..21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
