"""The console's Report button writes the show's report while the show is open (the ledger
held by this console is read through its own store), and the headline numbers show in the
header when the show has ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.ui.console import ProducerConsole
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio


async def test_the_report_button_and_the_numbers_at_the_end(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console = ProducerConsole(session, log_handler)
    qtbot.addWidget(console)
    console.opens_reports = False  # no browser in a test
    console.show()
    await session.go(0)
    orders = tuple(Order(f"o-{n}") for n in range(11))
    await session.counter.observe(OrdersSeen(orders, "h", "stream"))
    corrected = await session.execute("correction", "console", amount=2, reason="电话订单")
    assert corrected.ok, corrected.detail
    console.actions_by_name["report"].trigger()
    await until(lambda: console.last_report is not None, 5, "the report written")
    assert console.last_report is not None
    page = console.last_report.read_text(encoding="utf-8")
    assert "<svg" in page and "13" in page and "电话订单" in page
    assert console.last_report.parent == session.show_dir
    await session.goto("wrap-up")
    await session.next()  # the last segment: the show ends
    await until(
        lambda: bool(console.final_numbers) and "vouchers" in console.on_air.text(),
        5,
        "the numbers at the end",
    )
    assert console.on_air.text() == (
        "The show has ended: 13 vouchers in 0 min · best five minutes 11 · peak 13 a minute"
    ), console.on_air.text()
