"""The console's Rehearsal switch, through the whole application object: a rehearsal keeps its
own ledger, and the live run never sees its sales."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from hostconsole.app import AppOptions
from tests.conftest import DEMO_SHOW
from tests.harness.application import running_application
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.asyncio


async def test_the_rehearsal_switch_keeps_rehearsal_sales_out_of_the_live_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    options = AppOptions(show_file=str(show), no_obs=True, control_port=0)
    async with running_application(options) as app:
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
