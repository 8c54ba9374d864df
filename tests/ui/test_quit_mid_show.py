"""Quitting mid-show asks first (Ctrl+Q and the close button), never freezes the show while it
asks, and a quit mid-show resumes at the segment it left next time."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from hostconsole.app import AppOptions
from tests.conftest import DEMO_SHOW
from tests.harness.application import running_application
from tests.harness.obs import free_port
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.app import Application

pytestmark = pytest.mark.asyncio


def _options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppOptions:
    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    show = tmp_path / "demo.show.yaml"
    if not show.exists():
        shutil.copy(DEMO_SHOW, show)
    return AppOptions(show_file=str(show), no_obs=True, control_port=free_port(), resume="yes")


def _quit_box(app: Application) -> QMessageBox | None:
    box: QMessageBox | None = app.console.findChild(QMessageBox, "quit-mid-show")
    return box


def _click(box: QMessageBox, text: str) -> None:
    buttons = [b for b in box.findChildren(QPushButton) if b.text() == text]
    assert buttons, [b.text() for b in box.findChildren(QPushButton)]
    buttons[0].click()


async def test_quit_before_the_show_quits_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_application(_options(tmp_path, monkeypatch)) as app:
        app.console.actions_by_name["quit"].trigger()
        await until(app.quit_event.is_set, 5, "the quit")
        assert _quit_box(app) is None


async def test_quit_mid_show_asks_and_resumes_where_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = _options(tmp_path, monkeypatch)
    async with running_application(options) as app:
        session = app.session
        assert (await session.execute("go", "console")).ok
        assert (await session.execute("next", "console")).ok
        on_air = session.current_segment().id
        app.console.actions_by_name["quit"].trigger()  # Ctrl+Q
        await until(lambda: _quit_box(app) is not None, 5, "the question")
        box = _quit_box(app)
        assert box is not None and box.isVisible()
        # The show goes on while the question is open: a command still runs.
        assert (await session.execute("pause", "console")).ok
        assert (await session.execute("resume", "console")).ok
        _click(box, "Keep running")
        await until(lambda: _quit_box(app) is None, 5, "the question closed")
        assert not app.quit_event.is_set()
        app.console.close()  # the window's close button asks the same
        await until(lambda: _quit_box(app) is not None, 5, "the question again")
        box = _quit_box(app)
        assert box is not None
        _click(box, "Quit and resume later")
        await until(app.quit_event.is_set, 5, "the quit")
    saved = json.loads(
        next((tmp_path / "config" / "data" / "shows").iterdir())
        .joinpath("run-state.json")
        .read_text(encoding="utf-8")
    )
    assert saved["closed_cleanly"] is False  # the show did not end: it resumes
    async with running_application(options) as app:
        assert app.session.resumed
        assert app.session.current_segment().id == on_air
