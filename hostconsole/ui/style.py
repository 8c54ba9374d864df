"""Fonts and colours shared by the windows: a CJK-capable face, tally and timing colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont

from hostconsole.domain.clock import Level
from hostconsole.graphics.fonts import cjk_family

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

PROGRAM_RED = QColor("#d32f2f")
PREVIEW_GREEN = QColor("#2e7d32")
LEVEL_COLOURS = {
    Level.NORMAL: QColor("#e8f5e9"),
    Level.WARNING: QColor("#ffb300"),
    Level.DANGER: QColor("#ff5722"),
    Level.OVER: QColor("#e53935"),
}


def apply_cjk_font(app: QApplication) -> str | None:
    """Make the application font one that renders Chinese; returns the face chosen."""
    face = cjk_family()
    if face is not None:
        font = QFont(face)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return face
