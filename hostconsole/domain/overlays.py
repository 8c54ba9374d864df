"""What OBS needs for a show: its scenes, and the sources each overlay is built from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hostconsole.domain.show import Overlay, OverlayKind, Show


class PartRole(StrEnum):
    """The kind of OBS source a part of an overlay is."""

    TEXT = "text"
    IMAGE = "image"
    COLOR = "color"


@dataclass(frozen=True, slots=True)
class Box:
    """A place on the canvas as fractions of its width and height (0..1), top-left origin."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class OverlayPart:
    source: str
    role: PartRole
    box: Box
    overlay_id: str


# Where each kind of overlay sits on a 16:9 canvas: clear of each other, inside title safe.
_LAYOUT: dict[OverlayKind, Box] = {
    OverlayKind.LOWER_THIRD: Box(0.05, 0.76, 0.55, 0.14),
    OverlayKind.COUNTER: Box(0.68, 0.05, 0.27, 0.10),
    OverlayKind.PRODUCT_CARD: Box(0.66, 0.22, 0.29, 0.50),
    OverlayKind.CAPTION: Box(0.05, 0.60, 0.58, 0.12),
    OverlayKind.MILESTONE: Box(0.12, 0.30, 0.48, 0.20),
    OverlayKind.TEXT: Box(0.05, 0.05, 0.50, 0.10),
}
_PADDING = 0.012


def plate_name(overlay: Overlay) -> str:
    return f"{overlay.source} Plate"


def qr_name(overlay: Overlay) -> str:
    return f"{overlay.source} QR"


def overlay_parts(overlay: Overlay) -> list[OverlayPart]:
    """The sources an overlay is drawn with, bottom to top: backing plate, text, QR code."""
    box = _LAYOUT[overlay.kind]
    inner = Box(
        box.x + _PADDING, box.y + _PADDING, box.width - 2 * _PADDING, box.height - 2 * _PADDING
    )
    if overlay.kind is OverlayKind.TEXT:
        return [OverlayPart(overlay.source, PartRole.TEXT, box, overlay.id)]
    parts = [
        OverlayPart(plate_name(overlay), PartRole.COLOR, box, overlay.id),
    ]
    if overlay.kind is OverlayKind.PRODUCT_CARD:
        text_box = Box(inner.x, inner.y, inner.width, inner.height * 0.38)
        qr_side = min(inner.height * 0.58, inner.width * 9 / 16)
        qr_box = Box(
            inner.x + (inner.width - qr_side * 9 / 16) / 2,
            inner.y + inner.height * 0.40,
            qr_side * 9 / 16,
            qr_side,
        )
        parts.append(OverlayPart(overlay.source, PartRole.TEXT, text_box, overlay.id))
        parts.append(OverlayPart(qr_name(overlay), PartRole.IMAGE, qr_box, overlay.id))
    else:
        parts.append(OverlayPart(overlay.source, PartRole.TEXT, inner, overlay.id))
    return parts


@dataclass(frozen=True, slots=True)
class ObsNeeds:
    """Every scene a show switches to, every source its overlays use, and where they go."""

    scenes: tuple[str, ...]
    parts: tuple[OverlayPart, ...]

    def placements(self) -> list[tuple[str, OverlayPart]]:
        """(scene, part): each overlay is placed in every scene of the show, hidden by default,
        so a cue can show or hide it wherever the show is."""
        return [(scene, part) for scene in self.scenes for part in self.parts]


def obs_needs(show: Show) -> ObsNeeds:
    scenes: list[str] = []
    for segment in show.segments:
        if segment.scene and segment.scene not in scenes:
            scenes.append(segment.scene)
    parts: list[OverlayPart] = []
    for overlay in show.overlays:
        parts.extend(overlay_parts(overlay))
    return ObsNeeds(tuple(scenes), tuple(parts))
