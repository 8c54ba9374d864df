"""Every visible string has a Simplified Chinese translation, and the compiled file is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import PROJECT_ROOT

I18N = PROJECT_ROOT / "resources" / "i18n"
UI_SOURCES = sorted((PROJECT_ROOT / "hostconsole" / "ui").glob("*.py"))
SOURCES = [*UI_SOURCES, PROJECT_ROOT / "hostconsole" / "app.py"]


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    assert Path(found).exists(), f"{name} is missing (it ships with PySide6-Essentials)"
    return found


def test_every_visible_string_has_a_zh_cn_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "hostconsole_zh_CN.ts"
    shutil.copy(I18N / "hostconsole_zh_CN.ts", fresh)
    # Extract from the code as it is now, merged with the committed translations.
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", *map(str, SOURCES), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    untranslated = []
    count = 0
    # Our own file, just written by lupdate.
    for context in ET.parse(fresh).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name")
        for message in context.iter("message"):
            count += 1
            translation = message.find("translation")
            assert translation is not None
            if (
                translation.get("type") in ("unfinished", "vanished")
                or not (translation.text or "").strip()
            ):
                untranslated.append(f"{name}: {message.findtext('source')!r}")
    assert count > 100
    assert untranslated == [], "run scripts/translations and translate:\n" + "\n".join(untranslated)


def test_compiled_translations_match_their_sources(tmp_path: Path) -> None:
    compiled = tmp_path / "check.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(I18N / "hostconsole_zh_CN.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert compiled.read_bytes() == (I18N / "hostconsole_zh_CN.qm").read_bytes(), (
        "resources/i18n/hostconsole_zh_CN.qm is stale: run scripts/translations"
    )
