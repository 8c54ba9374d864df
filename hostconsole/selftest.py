"""``hostconsole --self-test``: prove an installation works, then print OK (exit 0) or what failed.

Run by installers' smoke tests and by IT staff: it opens the main window offscreen on the
demo show, loads the Chinese translation, checks the OS keyring (and round-trips a secret
when a real one is there), round-trips the ledger in a temporary folder and draws a report.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def _check_window_and_translation() -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.parts import StudioParts
    from hostconsole.resources import demo_show_path
    from hostconsole.services.show import ShowSession
    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.eventloop import ShowEventLoop
    from hostconsole.ui.i18n import install_language
    from hostconsole.ui.logpanel import QtLogHandler
    from hostconsole.ui.style import apply_cjk_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_cjk_font(app)
    if install_language("zh_CN") != "zh_CN":
        raise RuntimeError("the zh_CN language could not be chosen")
    translated = QCoreApplication.translate("ProducerConsole", "Next")
    if translated == "Next":
        raise RuntimeError("the zh_CN translation did not load")

    async def open_window() -> str:
        with tempfile.TemporaryDirectory(prefix="hostconsole-selftest-") as folder:
            session = ShowSession(
                ShowDocument.open(demo_show_path()),
                Settings(),
                Path(folder),
                parts=StudioParts(obs_control=False),
            )
            await session.start()
            console = ProducerConsole(session, QtLogHandler())
            console.show()
            await asyncio.sleep(0.2)
            shown = console.isVisible() and console.model.rowCount() == len(session.show.segments)
            title = console.windowTitle()
            console.hide()
            await session.close()
            console.deleteLater()
        if not shown:
            raise RuntimeError("the main window did not show the demo run sheet")
        return title

    with asyncio.Runner(loop_factory=lambda: ShowEventLoop(app)) as runner:
        title = runner.run(open_window())
    return f"window: {title}; translation: Next → {translated}"


def _check_keyring() -> str:
    from hostconsole.adapters.secrets import (
        delete_secret,
        get_secret,
        keyring_backend_name,
        set_secret,
    )

    backend = keyring_backend_name()
    if "fail" in backend.lower() or "null" in backend.lower():
        raise RuntimeError(f"no keyring backend is usable ({backend})")
    name = f"self-test-{os.getpid()}-{int(time.time())}"
    set_secret(name, "密-self-test")
    try:
        if get_secret(name) != "密-self-test":
            raise RuntimeError(f"the keyring ({backend}) did not return the secret it stored")
    finally:
        delete_secret(name)
    return f"keyring: {backend}, secret round trip ok"


def _check_ledger() -> str:
    from hostconsole.adapters.storage.ledger_db import LedgerFile
    from hostconsole.domain.ledger import Entry, EntryKind, LedgerState

    with tempfile.TemporaryDirectory(prefix="hostconsole-selftest-") as folder:
        path = Path(folder) / "ledger.sqlite"
        ledger = LedgerFile(path)
        ledger.append([Entry(EntryKind.SALE, time.time(), "self-test", 2, order_id="T1")])
        ledger.append([Entry(EntryKind.SALE, time.time(), "self-test", 2, order_id="T1")])
        ledger.close()
        reopened = LedgerFile(path)
        state = LedgerState()
        for entry in reopened.entries():
            state.apply(entry)
        reopened.close()
    if state.on_air != 2:
        raise RuntimeError(f"the ledger round trip gave {state.on_air}, expected 2")
    return "ledger: SQLite round trip ok"


def _check_report() -> str:
    """The report's chart (QtSvg) and page: what the Report button writes."""
    from hostconsole.adapters.storage.showfile import load_show
    from hostconsole.domain.ledger import Entry, EntryKind
    from hostconsole.graphics.report_html import show_html
    from hostconsole.resources import demo_show_path
    from hostconsole.services.report import build_report

    show = load_show(demo_show_path())
    now = time.time()
    entries = [
        Entry(EntryKind.SEGMENT, now, "self-test", segment_id=show.segments[0].id),
        Entry(EntryKind.SALE, now + 30, "self-test", 11, order_id="T1"),
    ]
    page = show_html(build_report(show, entries), "zh")
    if "<svg" not in page or "5 分钟内 11 张" not in page:
        raise RuntimeError("the report page came out without its chart or numbers")
    return f"report: {len(page) // 1024} KB page with its chart"


def self_test() -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[tuple[str, Callable[[], str]]] = [
        ("window", _check_window_and_translation),
        ("keyring", _check_keyring),
        ("ledger", _check_ledger),
        ("report", _check_report),
    ]
    failures = 0
    for name, check in checks:
        try:
            print(f"  {check()}", flush=True)
        except Exception as error:
            failures += 1
            print(f"FAILED {name}: {error}", flush=True)
            if os.environ.get("HOSTCONSOLE_SELF_TEST_TRACE"):
                traceback.print_exc()
    if failures:
        return 1
    print("OK", flush=True)
    return 0
