"""The console's Rehearsal switch, through the whole application object: a rehearsal keeps its
own ledger, and the live run never sees its sales."""

from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import time
from typing import TYPE_CHECKING, Any

import pytest

from hostconsole.app import Application, AppOptions
from hostconsole.ui.i18n import install_language
from tests.conftest import DEMO_SHOW

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.asyncio


async def until(condition: Callable[[], Any], within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {within} s")
        await asyncio.sleep(0.02)


async def test_the_rehearsal_switch_keeps_rehearsal_sales_out_of_the_live_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    handlers = list(logging.getLogger().handlers)
    signals = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    app = Application(AppOptions(show_file=str(show), no_obs=True, control_port=0))
    try:
        assert app.prepare()
        running = asyncio.get_running_loop().create_task(app.main_async())
        await until(lambda: app.console is not None, 10, "the console")
        live = app.session
        assert not live.rehearsal
        switch = app.console.actions_by_name["rehearsal"]
        assert switch.isEnabled() and not switch.isChecked()

        switch.trigger()  # the producer ticks Rehearsal before the show starts
        await until(lambda: app._switching is not None and app._switching.done(), 10, "reopened")
        rehearsal = app.session
        assert rehearsal.rehearsal
        assert rehearsal.show_dir == live.show_dir / "rehearsal"
        assert app.console.actions_by_name["rehearsal"].isChecked()
        app.console.actions_by_name["go"].trigger()
        app.console._correct(4, "演练")
        await rehearsal.commands.settled()
        assert rehearsal.counter.count == 4
        app.console._refresh()
        assert app.console.show_line.text().startswith("Rehearsal")
        # Once the rehearsal is on air, the switch is off: its sales stay where they are.
        assert not app.console.actions_by_name["rehearsal"].isEnabled()

        await rehearsal.execute("restart", "console")
        app.console._refresh()
        app.console.actions_by_name["rehearsal"].trigger()  # back to the live run
        await until(
            lambda: (
                app._switching is not None
                and app._switching.done()
                and app.session is not rehearsal
            ),
            10,
            "the live show reopened",
        )
        assert not app.session.rehearsal
        assert app.session.show_dir == live.show_dir
        assert app.session.counter.count == 0  # rehearsal sales never reach the live ledger

        app.request_quit()
        assert await asyncio.wait_for(running, 20) == 0
    finally:
        for added in logging.getLogger().handlers:
            if added not in handlers:
                logging.getLogger().removeHandler(added)
                added.close()
        for number, previous in signals.items():
            signal.signal(number, previous)
        install_language("en")
