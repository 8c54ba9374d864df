"""Shared test set-up: the offscreen Qt platform and paths to bundled resources."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Iterator, Mapping

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


@pytest.fixture(autouse=True)
def _no_unexpected_error_logged(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A test fails when the app logs an ERROR it did not provoke on purpose (a fault a
    producer would see in the log but no assertion looked at). A test that provokes one
    names it: ``@pytest.mark.expected_errors("pattern", ...)``."""
    yield
    marker = request.node.get_closest_marker("expected_errors")
    patterns = tuple(marker.args) if marker is not None else ()
    unexpected = [
        f"{record.name}: {record.getMessage()}"
        for when in ("setup", "call", "teardown")
        for record in caplog.get_records(when)
        if record.levelno >= logging.ERROR
        and not any(re.search(pattern, record.getMessage()) for pattern in patterns)
    ]
    if unexpected:
        pytest.fail("unexpected ERROR logged:\n" + "\n".join(unexpected[:10]), pytrace=False)
