"""Sales prompts: a quiet segment with products prompts the product's next talking point, a
burst of sales prompts the count; both on the presenter's screen and in the console until
the producer dismisses them, each logged."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.adapters.storage.settings import Settings
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.presenter import PresenterView
from tests.harness.sessions import closed_port, demo_session

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio


async def test_quiet_and_burst_prompts_reach_the_presenter_until_dismissed(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    settings = Settings(obs_port=closed_port(), quiet_prompt_seconds=1.5, burst_prompt_sales=3)
    session = await demo_session(tmp_path, settings=settings)
    try:
        console = ProducerConsole(session, log_handler)
        presenter = PresenterView(session)
        qtbot.addWidget(console)
        qtbot.addWidget(presenter)
        console.show()
        presenter.resize(1280, 720)
        presenter.show()
        await session.goto("models")  # three products, nothing sold yet
        await asyncio.sleep(1.0)
        assert presenter.content.prompt == ""  # not quiet for long enough yet
        await asyncio.sleep(2.0)
        assert presenter.content.prompt == (
            "No sale for a while — say: M5 续航 650 公里，支持城市领航辅助"
        ), presenter.content.prompt
        presenter.repaint()
        assert "prompt" in presenter.drawn
        await asyncio.sleep(0.2)
        assert console.prompt_row.isVisible()
        console.dismiss_prompt.click()
        await session.commands.settled()
        assert presenter.content.prompt == ""
        await asyncio.sleep(0.2)
        assert not console.prompt_row.isVisible()

        orders = tuple(Order(f"burst-{n}") for n in range(3))
        await session.counter.observe(OrdersSeen(orders, "b", "stream"))
        await asyncio.sleep(1.5)
        assert presenter.content.prompt == "Sales are flowing — mention the count: 3 sold"
        prompts = [
            (line.origin, line.detail)
            for line in session.onair_log.lines()
            if line.action == "prompt"
        ]
        assert prompts == [
            ("automatic", "quiet: M5 续航 650 公里，支持城市领航辅助"),
            ("console", "dismissed quiet: M5 续航 650 公里，支持城市领航辅助"),
            ("automatic", "burst: 3"),
        ], prompts
    finally:
        await session.close()
