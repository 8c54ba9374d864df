"""Shared test set-up: the offscreen Qt platform and paths to bundled resources."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Mapping

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SHOW = PROJECT_ROOT / "resources" / "demo.show.yaml"


@pytest.fixture
def demo_show_path() -> Path:
    return DEMO_SHOW


def _qasync_loop() -> asyncio.AbstractEventLoop:
    """The app's own loop: asyncio inside Qt's event loop (qasync)."""
    from PySide6.QtWidgets import QApplication  # first, so qasync picks PySide6

    from hostconsole.ui.eventloop import ShowEventLoop

    app = QApplication.instance() or QApplication([])
    # As in the app: closing a test's last window must not stop the shared loop.
    QApplication.setQuitOnLastWindowClosed(False)
    loop: asyncio.AbstractEventLoop = ShowEventLoop(app)
    return loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": _qasync_loop}
