"""The show engine against a real OBS: pre-flight's dialog, opened from the console, leaves the
asyncio side running (feeds, ledger, OBS link), and a cue owed while OBS was away is sent by
the link's re-sync as a command."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMessageBox

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.parts import StudioParts
from hostconsole.services.show import ShowSession
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.logpanel import QtLogHandler
from tests.conftest import DEMO_SHOW
from tests.harness.engine import longest_loop_gap
from tests.integration.conftest import in_thread, wait_until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


@contextlib.asynccontextmanager
async def console_on(
    qtbot: QtBot, server: HeadlessObs, folder: Path
) -> AsyncIterator[tuple[ShowSession, ProducerConsole]]:
    """The demo show's console on ``server``, shown and connected to it."""
    show = folder / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=server.port),
        folder / "data",
        parts=StudioParts(obs_password=lambda: server.password),
    )
    await session.start()
    console = ProducerConsole(session, QtLogHandler())
    qtbot.addWidget(console)
    console.show()
    try:
        await wait_until(lambda: session.obs is not None and session.obs.connected, 10, "OBS")
        yield session, console
    finally:
        await session.close()


async def open_preflight(console: ProducerConsole) -> QMessageBox:
    """Pre-flight… in the OBS panel, until its question is on screen."""
    console.obs_panel.preflight_requested.emit()
    await wait_until(
        lambda: (
            getattr(console, "preflight_dialog", None) is not None
            and console.preflight_dialog.isVisible()
        ),
        10,
        "pre-flight's dialog",
    )
    box: QMessageBox = console.preflight_dialog
    return box


async def test_preflight_dialog_leaves_the_loop_running(
    qtbot: QtBot, obs: HeadlessObs, tmp_path: Path
) -> None:
    async with console_on(qtbot, obs, tmp_path) as (session, console):
        box = await open_preflight(console)
        assert await longest_loop_gap(1.0) < 0.05
        # While it is on screen: the OBS link answers, commands run, the ledger commits.
        assert session.obs is not None and session.obs.connected
        await session.obs.request("GetVersion", {})
        result = await session.correct(3, "电话订单")
        assert result.ok and session.counter.count == 3
        no = box.button(QMessageBox.StandardButton.No) or box.button(QMessageBox.StandardButton.Ok)
        no.click()
        await asyncio.sleep(0.1)
        await session.commands.settled()
        preflights = [c for c in session.command_log.records() if c["kind"] == "preflight"]
        assert [c["args"]["create"] for c in preflights] == [False]  # "No" created nothing


@pytest.mark.expected_errors(r"pre-flight: .*OBS refused Create(Scene|SceneItem) \(code 60[12]\)")
async def test_preflight_says_what_obs_would_not_create(
    qtbot: QtBot, fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    """The show needs a scene "Product", and OBS already has a source of that name: pre-flight's
    Yes creates the rest and the status bar and the log say which one OBS refused, and why."""
    await in_thread(fresh_obs.start)
    async with console_on(qtbot, fresh_obs, tmp_path) as (session, console):
        assert session.obs is not None
        await session.obs.request(
            "CreateInput",
            {"sceneName": "Studio", "inputName": "Product", "inputKind": "color_source_v3"},
        )
        (await open_preflight(console)).button(QMessageBox.StandardButton.Yes).click()
        bar = console.statusBar()
        await wait_until(lambda: "not created" in bar.currentMessage(), 20, "the refusal said")
        message = bar.currentMessage()
        assert "not created: scene “Product”: OBS refused CreateScene (code 601)" in message
        assert "Created " in message and "Created 0 " not in message, message
