"""UI fixtures: a real show session (real ledger, real files) and its log handler."""

from __future__ import annotations

import shutil
import socket
from typing import TYPE_CHECKING

import pytest_asyncio

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.services.session import ShowSession
from hostconsole.ui.logpanel import QtLogHandler
from tests.conftest import DEMO_SHOW

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # nothing listens here once the probe is closed


async def open_session(tmp_path: Path, *, connect_obs: bool) -> ShowSession:
    show_file = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show_file)
    settings = Settings(obs_port=closed_port())
    running = ShowSession(
        ShowDocument.open(show_file),
        settings,
        tmp_path / "data",
        obs_password=lambda: "x",
        connect_obs=connect_obs,
    )
    await running.start()
    return running


@pytest_asyncio.fixture
async def session(tmp_path: Path) -> AsyncIterator[ShowSession]:
    """A session without OBS control (tests of the OBS state open their own, and close it
    before the test ends: qtbot's teardown processes Qt events outside the asyncio loop)."""
    running = await open_session(tmp_path, connect_obs=False)
    yield running
    await running.close()


@pytest_asyncio.fixture
async def log_handler() -> QtLogHandler:
    return QtLogHandler()
