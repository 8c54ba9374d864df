"""The whole application object in the test's own qasync loop, as ``hostconsole`` runs it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from typing import TYPE_CHECKING, Any

import pytest

from hostconsole.app import Application, AppOptions
from hostconsole.ui.i18n import install_language

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable


async def until(condition: Callable[[], Any], within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {within} s")
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def running_application(options: AppOptions) -> AsyncIterator[Application]:
    """Prepared, started (console up), and quit at the end; logging and signals restored."""
    handlers = list(logging.getLogger().handlers)
    signals = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    app = Application(options)
    running: asyncio.Task[int] | None = None
    try:
        assert app.prepare()
        running = asyncio.get_running_loop().create_task(app.main_async())
        await until(lambda: app.console is not None, 10, "the console")
        yield app
        app.request_quit()
        assert await asyncio.wait_for(running, 20) == 0
    finally:
        if running is not None and not running.done():
            app.request_quit()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(running, 20)
        for added in logging.getLogger().handlers:
            if added not in handlers:
                logging.getLogger().removeHandler(added)
                added.close()
        for number, previous in signals.items():
            signal.signal(number, previous)
        install_language("en")
