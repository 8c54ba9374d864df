"""Settings saved in the dialog while a show runs: the goal and milestones change on air at
once (a milestone already passed is not announced late); what needs the show opened again
is named in the status bar."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from hostconsole.app import AppOptions
from tests.conftest import DEMO_SHOW
from tests.harness.application import running_application
from tests.harness.obs import free_port
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.asyncio


async def test_goal_and_milestones_apply_at_once_and_the_rest_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    options = AppOptions(show_file=str(show), no_obs=True, control_port=free_port())
    async with running_application(options) as app:
        session = app.session
        assert (await session.execute("go", "console")).ok
        assert (await session.execute("correction", "console", amount=25, reason="电话订单")).ok
        await until(lambda: session.milestone_hits == [10, 20], 5, "10 and 20 announced")
        app.console.actions_by_name["settings"].trigger()
        await until(lambda: app.settings_dialog is not None, 5, "the settings dialog")
        dialog = app.settings_dialog
        dialog.goal.setValue(40)
        dialog.milestones.setText("15, 35")
        dialog.verify.setChecked(not dialog.verify.isChecked())
        dialog._accept()
        vouchers = app.console.vouchers
        await until(lambda: vouchers.progress.maximum() == 40, 5, "the new goal in the console")
        assert session.counter.state.goal == 40
        message = app.console.statusBar().currentMessage()
        assert "Verify TLS certificates" in message, message
        assert "Goal" not in message  # applied, not postponed
        # 15 was passed before it was set: never announced; 35 is, when it is reached.
        assert (await session.execute("correction", "console", amount=10, reason="补录")).ok
        await until(lambda: session.milestone_hits == [10, 20, 35], 5, "35 announced")
        announced = [
            line.detail for line in session.onair_log.lines() if line.action == "milestone"
        ]
        assert announced == ["10 vouchers sold", "20 vouchers sold", "35 vouchers sold"]


async def test_a_language_switch_leaves_no_listener_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    options = AppOptions(show_file=str(show), no_obs=True, control_port=free_port())
    async with running_application(options) as app:
        listening = app.session.listener_count
        for language in ("zh_CN", "en", "zh_CN"):
            opened = getattr(app, "settings_dialog", None)
            app.console.actions_by_name["settings"].trigger()

            def new_dialog(before: object = opened) -> bool:
                return getattr(app, "settings_dialog", None) not in (None, before)

            await until(new_dialog, 5, "the settings dialog")
            dialog = app.settings_dialog
            assert dialog is not None
            dialog.language.setCurrentIndex(dialog.language.findData(language))
            dialog._accept()

            def saved(wanted: str = language) -> bool:
                return app.settings.language == wanted

            await until(saved, 5, "the language saved")
        # The windows were built anew three times; only the current ones listen.
        assert app.session.listener_count == listening
