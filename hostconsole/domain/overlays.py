"""What OBS needs for a show — its scenes, and one image source per overlay — and where each
graphic sits on the canvas: a layout per aspect ratio, with its safe area and presenter zone.

Every graphic is drawn by the console into an image of exactly its box's size on the canvas
(graphics/), so OBS only places it: the same look on every OBS build, no browser source.
"""

from __future__ import annotations

import math
from enum import StrEnum

import msgspec

from hostconsole.domain.show import (
    SLATE_SOURCE,
    Layer,
    Motion,
    Overlay,
    OverlayKind,
    Problem,
    Show,
)

# The canvas a show is laid out for until OBS says otherwise (GetVideoSettings).
DEFAULT_CANVAS = (1920, 1080)
LANDSCAPE_CANVAS = (1920, 1080)
PORTRAIT_CANVAS = (1080, 1920)
# No text on air is drawn smaller than this many pixels per 1080 lines of the canvas's short
# side: about 2.6 % of a phone's width in 9:16, legible at arm's length.
MIN_TEXT_PX_AT_1080 = 28
# In 9:16 no text is smaller than this many pixels per 1920 lines: a phone shows the canvas
# about 14 cm tall, so 40 px is near 3 mm, the smallest a viewer reads at arm's length.
MIN_TEXT_PX_PORTRAIT_AT_1920 = 40
# A QR code's modules are at least this many pixels per 1080 (a phone scans it off a screen).
MIN_QR_MODULE_PX_AT_1080 = 6


class PartRole(StrEnum):
    """The kind of OBS source a part of an overlay is."""

    TEXT = "text"
    IMAGE = "image"
    COLOR = "color"


class Box(msgspec.Struct, frozen=True):
    """A place on the canvas as fractions of its width and height (0..1), top-left origin."""

    x: float
    y: float
    width: float
    height: float

    def pixels(self, canvas: tuple[int, int]) -> tuple[int, int, int, int]:
        width, height = canvas
        return (
            round(self.x * width),
            round(self.y * height),
            max(round(self.width * width), 1),
            max(round(self.height * height), 1),
        )

    def inside(self, other: Box) -> bool:
        return (
            self.x >= other.x - 1e-9
            and self.y >= other.y - 1e-9
            and self.x + self.width <= other.x + other.width + 1e-9
            and self.y + self.height <= other.y + other.height + 1e-9
        )

    def overlaps(self, other: Box) -> bool:
        return not (
            self.x + self.width <= other.x
            or other.x + other.width <= self.x
            or self.y + self.height <= other.y
            or other.y + other.height <= self.y
        )


class Layout(msgspec.Struct, frozen=True):
    """Where each kind of graphic goes on one shape of canvas.

    ``safe`` is where graphics may be (title safe in 16:9; in 9:16 also clear of the
    platform's own top bar, comment area and bottom bar); ``presenter`` is the zone kept
    clear for the official's face and hands.
    """

    name: str
    safe: Box
    presenter: Box
    boxes: dict[OverlayKind, Box]


LANDSCAPE = Layout(
    "16:9",
    safe=Box(0.05, 0.05, 0.90, 0.90),
    presenter=Box(0.30, 0.08, 0.40, 0.68),
    boxes={
        OverlayKind.LOWER_THIRD: Box(0.05, 0.78, 0.46, 0.13),
        OverlayKind.CAPTION: Box(0.05, 0.63, 0.24, 0.13),
        OverlayKind.COUNTER: Box(0.72, 0.05, 0.23, 0.09),
        OverlayKind.PRODUCT_CARD: Box(0.72, 0.16, 0.23, 0.74),  # down to the title-safe edge
        OverlayKind.MILESTONE: Box(0.05, 0.05, 0.24, 0.16),
        OverlayKind.TEXT: Box(0.05, 0.23, 0.24, 0.09),
        # Top left, where the milestone card flashes over it for its few seconds.
        OverlayKind.FLASH_SALE: Box(0.05, 0.05, 0.24, 0.14),
        # A viewer's question: the lower third's place (on its layer, it takes that off).
        OverlayKind.QUESTION: Box(0.05, 0.78, 0.46, 0.13),
        # The title card across the lower part of the picture (a long title in two lines).
        OverlayKind.TITLE: Box(0.05, 0.76, 0.90, 0.17),
    },
)
# 9:16 as Douyin, Channels and Taobao Live show it: their top bar (title, viewers, close) takes
# the top ~12 %, the comment stream the band above the bottom bar (~64–88 %), the bottom bar
# the rest, and the like/share/cart column the right ~16 % from mid-height down.
PORTRAIT = Layout(
    "9:16",
    safe=Box(0.04, 0.12, 0.80, 0.52),
    presenter=Box(0.20, 0.20, 0.60, 0.24),
    boxes={
        # Tall enough for two lines of 40 px text per 1920 lines (the 9:16 minimum).
        OverlayKind.COUNTER: Box(0.04, 0.125, 0.40, 0.07),
        OverlayKind.TEXT: Box(0.46, 0.125, 0.38, 0.07),
        OverlayKind.MILESTONE: Box(0.46, 0.125, 0.38, 0.07),
        OverlayKind.CAPTION: Box(0.04, 0.445, 0.80, 0.085),
        OverlayKind.LOWER_THIRD: Box(0.04, 0.535, 0.80, 0.095),
        # Across the band under the presenter (wide: the QR code at full height on the right).
        OverlayKind.PRODUCT_CARD: Box(0.04, 0.445, 0.80, 0.195),
        # Beside the counter, in the text's place (a sale takes the text off).
        OverlayKind.FLASH_SALE: Box(0.46, 0.125, 0.38, 0.07),
        # Its question in up to two lines over who asked: the lower third's place and layer.
        OverlayKind.QUESTION: Box(0.04, 0.445, 0.80, 0.13),
        OverlayKind.TITLE: Box(0.04, 0.445, 0.80, 0.16),
    },
)


def layout_for(canvas: tuple[int, int]) -> Layout:
    """The portrait layout for a canvas taller than wide, else the landscape one."""
    width, height = canvas
    return PORTRAIT if height > width else LANDSCAPE


SLIDE_FRAMES = 6  # a slide takes this many frames (0.2 s at 30 fps)


def slide_path(box: Box, canvas: tuple[int, int], frames: int = SLIDE_FRAMES) -> list[float]:
    """positionX, frame by frame, for a graphic sliding in from the nearest side of the canvas
    to its place (eased out); reversed, it slides out."""
    width = canvas[0]
    left, _top, box_width, _height = box.pixels(canvas)
    start = -box_width if box.x + box.width / 2 < 0.5 else width
    steps = []
    for frame in range(1, frames + 1):
        progress = 1 - (1 - frame / frames) ** 3  # ease out: fast in, settling
        steps.append(round(start + (left - start) * progress))
    return [float(start), *map(float, steps)]


FADE_FRAMES = 8  # a fade takes this many frames (0.27 s at 30 fps)
# The colour-correction filter pre-flight puts on a graphic that fades: its opacity is what a
# fade steps through (scene items have no opacity of their own in OBS).
FADE_FILTER = "Host Console fade"
FADE_FILTER_KIND = "color_filter_v2"


def fade_steps(frames: int = FADE_FRAMES) -> list[float]:
    """Opacity frame by frame from nothing to whole (smoothstep: gentle at both ends)."""
    return [(t * t * (3 - 2 * t)) for t in (frame / frames for frame in range(1, frames + 1))]


def min_text_px(canvas: tuple[int, int]) -> int:
    """The smallest text drawn on this canvas, in its pixels."""
    width, height = canvas
    if height > width:
        return math.ceil(MIN_TEXT_PX_PORTRAIT_AT_1920 * height / 1920)
    return math.ceil(MIN_TEXT_PX_AT_1080 * min(canvas) / 1080)


def text_scale(canvas: tuple[int, int]) -> float:
    """Pixels per pixel-at-1080 on this canvas (its short side over 1080)."""
    return min(canvas) / 1080


class OverlayPart(msgspec.Struct, frozen=True):
    source: str
    role: PartRole
    box: Box
    overlay_id: str


def overlay_box(overlay: Overlay, canvas: tuple[int, int] = DEFAULT_CANVAS) -> Box:
    """The overlay's own box for this canvas's shape if the show gives one, else the
    layout's box for its kind."""
    layout = layout_for(canvas)
    own = overlay.position_for(layout.name)
    if own is not None:
        return Box(own.x, own.y, own.width, own.height)
    return layout.boxes[overlay.kind]


def take_each_other_off(first: Overlay, second: Overlay, canvas: tuple[int, int]) -> bool:
    """Whether showing one of two graphics takes the other off air: they are on the same
    layer, one is full-screen, or their boxes overlap on this canvas."""
    if first.id == second.id:
        return False
    layers = (first.on_layer, second.on_layer)
    if Layer.FULL in layers or (layers[0] is not None and layers[0] is layers[1]):
        return True
    return overlay_box(first, canvas).overlaps(overlay_box(second, canvas))


def cue_graphics(
    show: Show, overlay_ids: tuple[str, ...], canvas: tuple[int, int]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(shown, left off) for the graphics one cue asks for on this canvas: two that would
    overlap (or share a layer) never go on together — the one listed first in the cue stays
    and the other is left off (``validate`` names each such pair, with its line). The
    milestone card flashes over the others and is never left off."""
    by_id = {o.id: o for o in show.overlays}
    shown: list[str] = []
    left_off: list[str] = []
    for overlay_id in overlay_ids:
        overlay = by_id.get(overlay_id)
        if overlay is None:
            continue
        if overlay.kind is not OverlayKind.MILESTONE and any(
            by_id[kept].kind is not OverlayKind.MILESTONE
            and take_each_other_off(overlay, by_id[kept], canvas)
            for kept in shown
        ):
            left_off.append(overlay_id)
        else:
            shown.append(overlay_id)
    return tuple(shown), tuple(left_off)


def overlap_warnings(show: Show) -> list[Problem]:
    """Each cue that asks for two graphics which would overlap on a canvas: the second is left
    off there; named with the segment's line so the producer can move one."""
    warnings: list[Problem] = []
    by_id = {o.id: o for o in show.overlays}
    for index, segment in enumerate(show.segments):
        for canvas, name in ((LANDSCAPE_CANVAS, "16:9"), (PORTRAIT_CANVAS, "9:16")):
            shown, left_off = cue_graphics(show, segment.show_overlays, canvas)
            for overlay_id in left_off:
                over = next(
                    kept
                    for kept in shown
                    if take_each_other_off(by_id[overlay_id], by_id[kept], canvas)
                )
                warnings.append(
                    Problem(
                        f"segments[{index}].show_overlays",
                        f"“{overlay_id}” and “{over}” would overlap in {name} on segment "
                        f"“{segment.id}”: “{overlay_id}” is left off there (give one of them a "
                        f"{'portrait' if name == '9:16' else 'landscape'} position)",
                    )
                )
    return warnings


_SHAPE_KEYS = {"16:9": "landscape", "9:16": "portrait"}  # as the show file names them


def placement_problems(show: Show) -> list[Problem]:
    """A position override that leaves the canvas or covers the presenter zone is an error;
    one that leaves the safe area is a warning the caller may show (second list)."""
    problems: list[Problem] = []
    for index, overlay in enumerate(show.overlays):
        for shape, own in overlay.positions:
            path = f"overlays[{index}].position.{_SHAPE_KEYS.get(shape, shape)}"
            layout = next((lay for lay in (LANDSCAPE, PORTRAIT) if lay.name == shape), None)
            if layout is None:
                problems.append(Problem(path, "expected 16:9 or 9:16"))
                continue
            box = Box(own.x, own.y, own.width, own.height)
            if box.width <= 0 or box.height <= 0 or not box.inside(Box(0, 0, 1, 1)):
                problems.append(
                    Problem(path, "the box must lie on the canvas (x, y, width, height in 0..1)")
                )
            elif box.overlaps(layout.presenter):
                p = layout.presenter
                problems.append(
                    Problem(
                        path,
                        f"the box covers the {shape} presenter zone (x {p.x:g}–{p.x + p.width:g},"
                        f" y {p.y:g}–{p.y + p.height:g}), kept clear for the official",
                    )
                )
    return problems


def placement_warnings(show: Show) -> list[Problem]:
    """Position overrides that leave the safe area (a platform's own UI may cover them)."""
    warnings: list[Problem] = []
    for index, overlay in enumerate(show.overlays):
        for shape, own in overlay.positions:
            layout = next((lay for lay in (LANDSCAPE, PORTRAIT) if lay.name == shape), None)
            box = Box(own.x, own.y, own.width, own.height)
            if layout is not None and not box.inside(layout.safe):
                warnings.append(
                    Problem(
                        f"overlays[{index}].position.{_SHAPE_KEYS.get(shape, shape)}",
                        f"the box leaves the {shape} safe area: the edge of a screen or the "
                        "platform's own buttons and comments may cover it",
                    )
                )
    return warnings


def overlay_parts(overlay: Overlay, canvas: tuple[int, int] = DEFAULT_CANVAS) -> list[OverlayPart]:
    """The OBS sources an overlay is shown with: one image source, the console's drawing."""
    return [OverlayPart(overlay.source, PartRole.IMAGE, overlay_box(overlay, canvas), overlay.id)]


FULL_CANVAS = Box(0.0, 0.0, 1.0, 1.0)


class ObsNeeds(msgspec.Struct, frozen=True):
    """Every scene a show switches to, every source its overlays use, and where they go."""

    scenes: tuple[str, ...]
    parts: tuple[OverlayPart, ...]
    canvas: tuple[int, int] = DEFAULT_CANVAS
    fades: tuple[str, ...] = ()  # sources that fade in or out: each needs FADE_FILTER
    # SAFE: the standby scene (one of ``scenes``) shows the console's slate, full canvas.
    standby: str | None = None
    slate: OverlayPart | None = None
    microphones: tuple[str, ...] = ()  # inputs SAFE mutes: they must exist in OBS

    def placements(self) -> list[tuple[str, OverlayPart]]:
        """(scene, part): each overlay is placed in every scene of the show, hidden by default,
        so a cue can show or hide it wherever the show is."""
        return [(scene, part) for scene in self.scenes for part in self.parts]


def obs_needs(show: Show, canvas: tuple[int, int] = DEFAULT_CANVAS) -> ObsNeeds:
    scenes: list[str] = []
    for segment in show.segments:
        if segment.scene and segment.scene not in scenes:
            scenes.append(segment.scene)
    parts: list[OverlayPart] = []
    fades: list[str] = []
    for overlay in show.overlays:
        parts.extend(overlay_parts(overlay, canvas))
        if Motion.FADE in (overlay.motion_in, overlay.motion_out) and overlay.source not in fades:
            fades.append(overlay.source)
    # The standby scene holds the graphics too (hidden), so "every graphic off" covers it.
    standby = show.safe.scene
    if standby not in scenes:
        scenes.append(standby)
    slate = OverlayPart(SLATE_SOURCE, PartRole.IMAGE, FULL_CANVAS, "safe")
    return ObsNeeds(
        tuple(scenes),
        tuple(parts),
        canvas,
        tuple(fades),
        standby=standby,
        slate=slate,
        microphones=show.safe.microphones,
    )
