"""Validation of how a show's graphics will look: every text that would be cut with “…” (a
warning), every QR code that would not scan (an error)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from hostconsole.domain.overlays import overlay_box
from hostconsole.domain.show import Problem

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.domain.show import Show

CANVASES = (((1920, 1080), "16:9"), ((1080, 1920), "9:16"))


def logo_warnings(show: Show, base_dir: Path) -> list[Problem]:
    """The theme's logo, if it would not be drawn (unreadable, or too large to load)."""
    if not show.theme.logo:
        return []
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from hostconsole.graphics.render import load_logo

    _app = QGuiApplication.instance() or QGuiApplication([])
    _logo, problem = load_logo(base_dir / show.theme.logo)
    if problem is None:
        return []
    return [Problem("theme.logo", f"“{show.theme.logo}” {problem}; it is left out")]


def cut_texts(show: Show, base_dir: Path) -> list[Problem]:
    """The warnings of check_graphics (texts cut)."""
    return check_graphics(show, base_dir)[0]


def check_graphics(show: Show, base_dir: Path) -> tuple[list[Problem], list[Problem]]:
    """Draw each graphic each segment puts on air, in 16:9 and 9:16: (warnings, errors).

    A warning names a graphic whose text does not fit even at the smallest readable size
    (drawn cut, with an ellipsis); an error, a purchase link whose QR code would be too fine
    to scan (under 6 px a module at 1080 lines) or would not fit at all.
    Each distinct graphic is drawn once, however many segments show it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from hostconsole.graphics.render import QtGraphicRenderer
    from hostconsole.services.overlays import OverlayContext, graphic_content

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QtGraphicRenderer(base_dir / ".graphics-check", base_dir)
    renderer.prepare(show.theme)
    overlays = {o.id: o for o in show.overlays}
    indexes = {o.id: n for n, o in enumerate(show.overlays)}
    seen: set[object] = set()
    problems: list[Problem] = []
    errors: list[Problem] = []
    for segment in show.segments:
        for overlay_id in segment.show_overlays:
            overlay = overlays.get(overlay_id)
            if overlay is None:
                continue
            for canvas, name in CANVASES:
                context = OverlayContext(show=show, segment=segment, canvas=canvas)
                content = graphic_content(context, overlay)
                key = (overlay.kind, content, canvas)
                if key in seen or not content.heading:
                    continue
                seen.add(key)
                _image, drawn = renderer.draw(
                    content, show.theme, canvas, overlay_box(overlay, canvas)
                )
                for problem in drawn.qr_problems():
                    errors.append(
                        Problem(
                            f"overlays[{indexes[overlay.id]}]",
                            f"“{overlay.id}” in {name} on segment “{segment.id}”: {problem}",
                        )
                    )
                for text, last_line in drawn.cut:
                    problems.append(
                        Problem(
                            f"overlays[{indexes[overlay.id]}]",
                            f"“{overlay.id}” cuts “{text}” to “{last_line}” in {name} on "
                            f"segment “{segment.id}”: shorten that text",
                        )
                    )
    return problems, errors
