"""Fonts with Chinese glyphs: the theme's own, or the best installed CJK face."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

# Faces with Simplified Chinese glyphs, best first, across Linux, Windows and macOS. Noto Sans
# CJK is named explicitly: fontconfig's default for "Noto Sans CJK" picks the JP variant.
CJK_FACES = (
    "Noto Sans SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "SimHei",
)
_loaded: dict[str, str | None] = {}


def cjk_family() -> str | None:
    available = set(QFontDatabase.families())
    for face in CJK_FACES:
        if face in available:
            return face
    return None


def theme_family(font: str, base_dir: Path) -> str:
    """The family to draw with: a font file beside the show (loaded once), a family name, or
    the best CJK face installed; the application's default when there is none."""
    if font:
        candidate = (base_dir / font).resolve()
        if candidate.suffix.lower() in (".ttf", ".otf", ".ttc") and candidate.is_file():
            key = str(candidate)
            if key not in _loaded:
                identifier = QFontDatabase.addApplicationFont(key)
                families = QFontDatabase.applicationFontFamilies(identifier)
                _loaded[key] = families[0] if families else None
                if not families:
                    log.warning("the theme's font %s could not be loaded", candidate)
            family = _loaded[key]
            if family:
                return family
        elif font in set(QFontDatabase.families()):
            return font
        else:
            log.warning("the theme's font %r is not installed; using a CJK default", font)
    return cjk_family() or ""
