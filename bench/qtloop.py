"""One event loop for every benchmark in a run, the app's own (several crash qasync)."""

from __future__ import annotations

import asyncio
import atexit
import os
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Coroutine

T = TypeVar("T")
_loop: asyncio.AbstractEventLoop | None = None


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    global _loop
    if _loop is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from hostconsole.ui.eventloop import ShowEventLoop

        app = QApplication.instance() or QApplication([])
        _loop = ShowEventLoop(app)
        asyncio.set_event_loop(_loop)
        # Closing the loop stops qasync's executor threads before Qt is torn down.
        atexit.register(_loop.close)
    return _loop.run_until_complete(coroutine)
