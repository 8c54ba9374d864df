"""The whole application object in the test's own qasync loop, as ``hostconsole`` runs it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import TYPE_CHECKING

from hostconsole.app import Application, AppOptions
from hostconsole.ui.i18n import install_language
from tests.harness.waiting import until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


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
