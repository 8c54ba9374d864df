"""Fonts with Chinese glyphs: the theme's own, else the bundled Host Console Sans SC (a
subset of Noto Sans CJK SC, OFL), else the best installed CJK face."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase

from hostconsole.domain.said import Said

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

# Regular and Bold, cut from Noto Sans CJK SC by scripts/make-font (resources/fonts/OFL.txt):
# the same graphics on a studio PC with no Chinese font installed.
BUNDLED_FAMILY = "Host Console Sans SC"
BUNDLED_FILES = ("HostConsoleSansSC-Regular.otf", "HostConsoleSansSC-Bold.otf")


def bundled_family() -> str | None:
    """Load the bundled face (once; on the GUI thread) and name it, or None if it is missing."""
    from hostconsole.resources import resources_dir

    for name in BUNDLED_FILES:
        try:
            path = resources_dir() / "fonts" / name
        except FileNotFoundError:
            return None
        key = str(path)
        if key not in _loaded:
            identifier = QFontDatabase.addApplicationFont(key) if path.is_file() else -1
            families = QFontDatabase.applicationFontFamilies(identifier)
            _loaded[key] = families[0] if families else None
            if not families:
                log.warning("%s", Said("log.bundled-font", path))
    loaded = [_loaded[str(resources_dir() / "fonts" / name)] for name in BUNDLED_FILES]
    return BUNDLED_FAMILY if BUNDLED_FAMILY in loaded else None


def cjk_family() -> str | None:
    """The best installed face with Chinese glyphs (for widgets: the system's own hinting),
    else the bundled one."""
    available = set(QFontDatabase.families())
    for face in CJK_FACES:
        if face in available:
            return face
    return bundled_family()


def theme_family(font: str, base_dir: Path) -> str:
    """The family to draw with: a font file beside the show (loaded once), a family name, the
    bundled face, or the best CJK face installed; the application's default when none is."""
    if font:
        candidate = (base_dir / font).resolve()
        if candidate.suffix.lower() in (".ttf", ".otf", ".ttc") and candidate.is_file():
            key = str(candidate)
            if key not in _loaded:
                identifier = QFontDatabase.addApplicationFont(key)
                families = QFontDatabase.applicationFontFamilies(identifier)
                _loaded[key] = families[0] if families else None
                if not families:
                    log.warning("%s", Said("log.theme-font", candidate))
            family = _loaded[key]
            if family:
                return family
        elif font in set(QFontDatabase.families()):
            return font
        else:
            log.warning("%s", Said("log.theme-font-missing", repr(font)))
    return bundled_family() or cjk_family() or ""
