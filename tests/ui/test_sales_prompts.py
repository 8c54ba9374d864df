"""Sales prompts: a quiet segment with products prompts the product's next talking point, a
burst of sales prompts the count; both on the presenter's screen and in the console until
the producer dismisses them, each logged."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.settings import Settings
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.presenter import PresenterView
from tests.harness.salesfeed import FeedServer
from tests.harness.sessions import closed_port, demo_session
from tests.harness.waiting import until
from tests.integration.conftest import in_thread
from tests.unit.fakes import FakeClock

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio


async def test_quiet_and_burst_prompts_reach_the_presenter_until_dismissed(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    clock = FakeClock()
    with FeedServer("--rate", "0") as feed:
        settings = Settings(
            obs_port=closed_port(),
            quiet_prompt_seconds=60,
            burst_prompt_sales=3,
            feed_kind="stream",
            stream_url=feed.stream_url,
        )
        session = await demo_session(tmp_path, settings=settings, now=clock)
        try:
            console = ProducerConsole(session, log_handler)
            presenter = PresenterView(session)
            qtbot.addWidget(console)
            qtbot.addWidget(presenter)
            console.show()
            presenter.resize(1280, 720)
            presenter.show()
            await until(
                lambda: session.stream is not None and session.stream.status.state.value == "live",
                10,
                "the sales stream live",
            )
            await session.goto("models")  # three products, nothing sold yet
            clock.advance(30)
            checks = session.reactions.prompt_checks
            await until(lambda: session.reactions.prompt_checks > checks, 5, "a prompt check")
            assert presenter.content.prompt == ""  # not quiet for long enough yet
            clock.advance(31)
            quiet = "No sale for a while — say: M5 续航 650 公里，支持城市领航辅助"
            await until(lambda: presenter.content.prompt == quiet, 5, "the quiet prompt")
            await until(lambda: "prompt" in presenter.drawn, 5, "the prompt drawn")
            await until(console.prompt_row.isVisible, 5, "the prompt in the console")
            console.dismiss_prompt.click()
            await session.commands.settled()
            assert presenter.content.prompt == ""
            await until(lambda: not console.prompt_row.isVisible(), 5, "the prompt gone")

            await in_thread(functools.partial(feed.control, sell=3))  # three sales at once
            burst = "Sales are flowing — mention the count: 3 sold"
            await until(lambda: presenter.content.prompt == burst, 10, "the burst prompt")
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


async def test_a_count_prompt_says_the_count_now_and_goes_when_sales_stop(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    """ "Mention the count: 3 sold" said at 3 must say 9 once nine are sold — on the presenter's
    screen, the web presenter's state and the console — and go once sales have stopped."""
    clock = FakeClock()
    with FeedServer("--rate", "0") as feed:
        settings = Settings(
            obs_port=closed_port(),
            burst_prompt_sales=3,
            feed_kind="stream",
            stream_url=feed.stream_url,
        )
        session = await demo_session(tmp_path, settings=settings, now=clock)
        try:
            presenter = PresenterView(session)
            qtbot.addWidget(presenter)
            presenter.resize(1280, 720)
            presenter.show()
            await until(
                lambda: session.stream is not None and session.stream.status.state.value == "live",
                10,
                "the sales stream live",
            )
            await session.goto("models")
            await in_thread(functools.partial(feed.control, sell=3))
            said = "Sales are flowing — mention the count: %s sold"
            await until(lambda: presenter.content.prompt == said % 3, 10, "the count prompt")
            await in_thread(functools.partial(feed.control, sell=6))
            await until(lambda: presenter.content.prompt == said % 9, 10, "the count now")
            from hostconsole.remote.state import state_json

            assert state_json(session)["prompt"]["text"] == "9"
            clock.advance(46)  # no sale since: the count prompt goes
            await until(lambda: presenter.content.prompt == "", 5, "the stale prompt gone")
            assert session.sales_prompter.current is None
            expired = [line.detail for line in session.onair_log.lines() if line.action == "prompt"]
            assert expired[-1] == "burst: expired (sales stopped)", expired
        finally:
            await session.close()


async def test_a_message_quoting_the_time_left_or_the_count_is_live_everywhere(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    """The producer sends the “{left} left” preset, then a message quoting the count: the
    presenter view, the console's echo and the state JSON show the figures now, not when the
    message was sent; the on-air log keeps the message as written."""
    from hostconsole.adapters.sales.model import Order, OrdersSeen
    from hostconsole.remote.state import state_json

    clock = FakeClock()
    session = await demo_session(tmp_path, now=clock)
    try:
        console = ProducerConsole(session, log_handler)
        presenter = PresenterView(session)
        qtbot.addWidget(console)
        qtbot.addWidget(presenter)
        console.show()
        await session.goto("driverless")  # a 5-minute segment
        panel = console.messages
        panel.presets.setCurrentIndex(panel.presets.findText("{left} left"))
        panel.send_preset.click()
        await session.commands.settled()
        left = session.snapshot().remaining
        presenter.refresh()
        assert presenter.content.message == f"{int(left) // 60}:{int(left) % 60:02d} left"
        clock.advance(65)
        presenter.refresh()
        later = session.snapshot().remaining
        assert later < left - 60
        expected = f"{int(later) // 60}:{int(later) % 60:02d} left"
        assert presenter.content.message == expected
        assert state_json(session)["message"]["text"] == expected
        await until(lambda: expected in panel.current.text(), 5, "the console's echo")
        panel.text.setText("mention the count: {sold} sold")
        panel.send.click()
        await session.commands.settled()
        orders = tuple(Order(f"live-{n}", product="m5") for n in range(7))
        await session.counter.observe(OrdersSeen(orders, "t", "stream"))
        presenter.refresh()
        assert presenter.content.message == f"mention the count: {session.counter.count:,} sold"
        logged = [line.detail for line in session.onair_log.lines() if line.action == "message"]
        assert "'mention the count: {sold} sold'" in logged
    finally:
        await session.close()
