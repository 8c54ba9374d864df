"""Fonts and colours shared by the windows: a CJK-capable face, tally and timing colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QFontDatabase

from hostconsole.domain.clock import Level

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

# Faces with Simplified Chinese glyphs, best first, across Linux, Windows and macOS. Noto Sans
# CJK is named explicitly: fontconfig's default for "Noto Sans CJK" picks the JP variant.
CJK_FACES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "SimHei",
)

PROGRAM_RED = QColor("#d32f2f")
PREVIEW_GREEN = QColor("#2e7d32")
LEVEL_COLOURS = {
    Level.NORMAL: QColor("#e8f5e9"),
    Level.WARNING: QColor("#ffb300"),
    Level.DANGER: QColor("#ff5722"),
    Level.OVER: QColor("#e53935"),
}


def cjk_family() -> str | None:
    available = set(QFontDatabase.families())
    for face in CJK_FACES:
        if face in available:
            return face
    return None


def apply_cjk_font(app: QApplication) -> str | None:
    """Make the application font one that renders Chinese; returns the face chosen."""
    face = cjk_family()
    if face is not None:
        font = QFont(face)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return face
