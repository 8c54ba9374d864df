"""The console fed by the hub: real orders (signed pushes → hub → NATS JetStream) on screen,
refunds beside the count, never taken off it."""

from __future__ import annotations

import functools
import shutil
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
