"""A new control-API token, generated in Settings, revokes the old one at once (no restart)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import httpx
import pytest

from hostconsole.app import AppOptions
from tests.conftest import DEMO_SHOW
from tests.harness.application import running_application
from tests.harness.obs import free_port
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.asyncio
JSON = {"Content-Type": "application/json"}


async def test_a_new_token_from_settings_revokes_the_old_one_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("HOSTCONSOLE_CONTROL_TOKEN", "the-old-token-0123456789")
    show = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    options = AppOptions(
        show_file=str(show),
        no_obs=True,
        control_port=free_port(),
        control_host="0.0.0.0",  # noqa: S104 - beyond loopback a token is asked for
    )
    async with running_application(options) as app:
        await until(lambda: app.control is not None, 10, "the control API")
        url = f"http://127.0.0.1:{app.control.port}/api/v1/pause"
        async with httpx.AsyncClient(timeout=10) as client:

            async def post(token: str) -> int:
                headers = {**JSON, "Authorization": f"Bearer {token}"}
                return (await client.post(url, headers=headers)).status_code

            assert await post("the-old-token-0123456789") == 409  # accepted: not running yet
            app.console.actions_by_name["settings"].trigger()
            await until(lambda: app.settings_dialog is not None, 5, "the settings dialog")
            dialog = app.settings_dialog
            dialog.new_token.click()  # Generate a new token and show it once
            new = dialog.token_view.text()
            assert len(new) > 20
            assert await post("the-old-token-0123456789") == 401  # revoked at once
            assert await post(new) == 409
            dialog.reject()
