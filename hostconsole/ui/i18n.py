"""Languages: Qt Linguist translations (Simplified Chinese, English), chosen or from the system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hostconsole.resources import resources_dir

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []
_current = ["en"]  # the source strings are English: nothing installed means English


def current_language() -> str:
    """The language the windows are in now (zh_CN or en)."""
    return _current[0]


def resolve_language(choice: str) -> str:
    """``system`` becomes zh_CN for any Chinese system locale, else English."""
    if choice in LANGUAGES:
        return choice
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_language(choice: str) -> str:
    """Install the translators for a language (replacing earlier ones); returns the language."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve_language(choice)
    _current[0] = language
    if language == "en":
        return language  # the source strings are English
    ours = QTranslator()
    if ours.load(str(resources_dir() / "i18n" / f"hostconsole_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator()  # Qt's own dialogs' buttons (OK, Cancel, ...)
    if qt_own.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language
