"""The console fed by the hub: real orders (signed pushes → hub → NATS JetStream) on screen,
refunds beside the count, never taken off it."""

from __future__ import annotations

import asyncio
import functools
import shutil
import time
from typing import TYPE_CHECKING

import httpx
import pytest

from hostconsole.adapters.storage.settings import Settings
from hostconsole.domain.orders import OrderStatus, Platform
from tests.harness.hub import HUB_SHOW, SHOW_TOKEN, HubProcess, NatsServer, Platforms, send
from tests.harness.sessions import closed_port, demo_session
from tests.harness.waiting import until
from tests.integration.conftest import in_thread
from tests.ui.test_windows import windows

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(120)]


async def test_refunds_shown_beside_the_count_never_off_it(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSTCONSOLE_SALES_TOKEN", SHOW_TOKEN)
    nats = NatsServer(tmp_path / "nats").start()
    platforms = Platforms().start()
    hub = HubProcess(tmp_path / "hub", nats=nats.url, api=platforms.api).start()
    show = tmp_path / "hub.show.yaml"
    shutil.copy(HUB_SHOW, show)
    settings = Settings(obs_port=closed_port(), feed_kind="stream", stream_url=hub.stream_url)
    session = await demo_session(tmp_path, show=show, settings=settings)
    try:
        console, presenter = await windows(qtbot, session, log_handler)
        await session.go(0)
        sold = [platforms.order(Platform.DOUYIN, 1), platforms.order(Platform.WECHAT, 2)]

        def shop() -> None:
            with httpx.Client(timeout=10) as client:
                for order in sold:
                    assert send(client, hub.url, platforms.message(order)).status_code == 200
                refund = platforms.message(sold[1], OrderStatus.REFUNDED)
                assert send(client, hub.url, refund).status_code == 200

        await in_thread(shop)
        await until(
            lambda: (
                "2 refunded · net 1" in console.vouchers.rate.text()
                and presenter.content.count == "3"
            ),
            30,
            "the refund beside the count, the count on both screens",
        )
        assert console.vouchers.count.text() == "3"  # what was sold stays on air
        assert presenter.content.count == "3"
        # The hub's sales carry its running total: nothing was sold before the console came.
        assert session.missing_earlier_sales_since() is None
        console.grab().save(str(tmp_path / "console-refund.png"))
    finally:
        await session.close()
        await in_thread(functools.partial(hub.stop))
        platforms.stop()
        nats.stop()


async def test_a_hub_set_in_settings_hears_the_studio_once_the_show_is_reopened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hostconsole.adapters.secrets import delete_secret, get_secret
    from hostconsole.app import AppOptions
    from tests.harness.application import running_application
    from tests.harness.hub import BOARD_SHOWS, CAMPAIGN, SECRETS, VIEWER_TOKEN
    from tests.harness.obs import free_port

    monkeypatch.setenv("HOSTCONSOLE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("HOSTCONSOLE_HUB_TOKEN", raising=False)
    nats = NatsServer(tmp_path / "nats").start()
    hub = HubProcess(tmp_path / "hub", nats=nats.url, shows=BOARD_SHOWS).start()
    show = tmp_path / "board-a.show.yaml"
    shutil.copy(BOARD_SHOWS[0], show)
    token = SECRETS["hub-show-token-board-a"]

    def heard() -> bool:
        state = httpx.get(
            f"{hub.url}/board/{CAMPAIGN}/state", params={"token": VIEWER_TOKEN}, timeout=5
        ).json()
        return any(s["show"] == "board-a" and s["heard_at"] for s in state["studios"])

    try:
        options = AppOptions(show_file=str(show), no_obs=True, control_port=free_port())
        async with running_application(options) as app:
            app.console.actions_by_name["settings"].trigger()
            await until(lambda: app.settings_dialog is not None, 5, "the settings dialog")
            dialog = app.settings_dialog
            dialog.hub_url.setText(hub.url)
            dialog.hub_token.setText(token)
            dialog._accept()
            await until(
                lambda: "Hub URL" in app.console.statusBar().currentMessage(),
                5,
                "the hub named as applying when the show is next opened",
            )
        assert get_secret("hub-token") == token  # in the real Secret Service
        assert not await asyncio.to_thread(heard)
        options = AppOptions(show_file=str(show), no_obs=True, control_port=free_port())
        async with running_application(options) as app:
            await until(lambda: app.session.feeds.hub is not None, 10, "the hub link")
            deadline = time.monotonic() + 15
            while not await asyncio.to_thread(heard):
                assert time.monotonic() < deadline, "the board never heard the studio"
                await asyncio.sleep(0.05)
            await until(
                lambda: "festival board: reporting" in app.console.vouchers.feed.text(),
                10,
                "the console saying it reports to the board",
            )
    finally:
        delete_secret("hub-token")
        await in_thread(hub.stop)
        nats.stop()
