"""UI fixtures: a real show session (real ledger, real files) and its log handler."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest_asyncio

from hostconsole.ui.logpanel import QtLogHandler
from tests.harness.sessions import demo_session

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from hostconsole.services.show import ShowSession


@pytest_asyncio.fixture
async def session(tmp_path: Path) -> AsyncIterator[ShowSession]:
    """A session without OBS control (tests of the OBS state open their own)."""
    running = await demo_session(tmp_path)
    yield running
    await running.close()


@pytest_asyncio.fixture
async def log_handler() -> QtLogHandler:
    return QtLogHandler()
