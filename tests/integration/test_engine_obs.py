"""The show engine against a real OBS: pre-flight's dialog, opened from the console, leaves the
asyncio side running (feeds, ledger, OBS link), and a cue owed while OBS was away is sent by
the link's re-sync as a command."""

from __future__ import annotations

import asyncio
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
from tests.integration.conftest import wait_until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


async def test_preflight_dialog_leaves_the_loop_running(
    qtbot: QtBot, obs: HeadlessObs, tmp_path: Path
) -> None:
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=obs.port),
        tmp_path / "data",
        parts=StudioParts(obs_password=lambda: obs.password),
    )
    await session.start()
    console = ProducerConsole(session, QtLogHandler())
    qtbot.addWidget(console)
    console.show()
    try:
        await wait_until(lambda: session.obs is not None and session.obs.connected, 10, "OBS")
        console.obs_panel.preflight_requested.emit()
        await wait_until(
            lambda: (
                getattr(console, "preflight_dialog", None) is not None
                and console.preflight_dialog.isVisible()
            ),
            10,
            "pre-flight's dialog",
        )
        assert await longest_loop_gap(1.0) < 0.05
        # While it is on screen: the OBS link answers, commands run, the ledger commits.
        assert session.obs is not None and session.obs.connected
        await session.obs.request("GetVersion", {})
        result = await session.correct(3, "电话订单")
        assert result.ok and session.counter.count == 3
        box = console.preflight_dialog
        no = box.button(QMessageBox.StandardButton.No) or box.button(QMessageBox.StandardButton.Ok)
        no.click()
        await asyncio.sleep(0.1)
        await session.commands.settled()
        preflights = [c for c in session.command_log.records() if c["kind"] == "preflight"]
        assert [c["args"]["create"] for c in preflights] == [False]  # "No" created nothing
    finally:
        await session.close()
