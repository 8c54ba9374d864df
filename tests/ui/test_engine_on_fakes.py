"""The show engine on its in-memory parts (tests/harness/fake_parts.py, fake_obs.py), driven
through the producer console: a sale from the feed, a full disk, a refused token and a
duplicate order behave as on the real adapters, without OBS, SQLite, HTTP or a keyring."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.sales.model import FeedState
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.domain.ledger import EntryKind
from hostconsole.domain.said import Said
from hostconsole.services.show import ShowSession
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.i18n import install_language
from hostconsole.ui.reasons import reason
from tests.harness.fake_obs import FakeObs
from tests.harness.fake_parts import FakeFeed, FakeParts, MemoryLedger
from tests.harness.sessions import demo_show_file
from tests.harness.waiting import until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

STREAM = Settings(feed_kind="stream", stream_url="https://shop.example/stream")


class OnFakes:
    """A console on a show whose parts are all in memory."""

    def __init__(self, session: ShowSession, console: ProducerConsole, parts: FakeParts) -> None:
        self.session, self.console, self.parts = session, console, parts

    @property
    def feed(self) -> FakeFeed:
        assert self.parts.feeds.stream_feed is not None
        return self.parts.feeds.stream_feed

    @property
    def ledger(self) -> MemoryLedger:
        (ledger,) = self.parts.ledgers.values()
        return ledger

    @property
    def parts_obs(self) -> FakeObs:
        obs = self.session.obs
        assert isinstance(obs, FakeObs)
        return obs

    def count_shown(self) -> str:
        return self.console.vouchers.count.text()


@contextlib.asynccontextmanager
async def console_on_fakes(
    qtbot: QtBot, folder: Path, log_handler: QtLogHandler, settings: Settings = STREAM
) -> AsyncIterator[OnFakes]:
    document = ShowDocument.open(demo_show_file(folder))
    parts = FakeParts(FakeObs(document.show))
    session = ShowSession(document, settings, folder / "data", parts=parts)
    await session.start()
    console = ProducerConsole(session, log_handler)
    qtbot.addWidget(console)
    console.show()
    try:
        yield OnFakes(session, console, parts)
    finally:
        await session.close()
    assert parts.feeds.closed and not next(iter(parts.ledgers.values())).is_open


async def test_a_sale_from_the_feed_is_counted_once_in_the_console(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    async with console_on_fakes(qtbot, tmp_path, log_handler) as show:
        assert show.feed.status.state is FeedState.LIVE
        order = await show.feed.sell(2)
        await until(lambda: show.count_shown() == "2", 5, "the sale in the console")
        await show.feed.sell(2, order_id=order)  # the platform sends it again
        await show.feed.sell(1)
        await until(lambda: show.count_shown() == "3", 5, "the next sale")
        sales = [e for e in show.ledger.rows if e.kind is EntryKind.SALE]
        assert [(e.order_id, e.amount) for e in sales] == [(order, 2), ("fake-3", 1)]
        assert show.session.counter.duplicates_skipped == 1


@pytest.mark.expected_errors("the voucher ledger cannot be written")
async def test_a_full_disk_holds_the_sales_and_says_so_until_it_is_freed(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    async with console_on_fakes(qtbot, tmp_path, log_handler) as show:
        show.ledger.failing = "No space left on device"
        for _ in range(3):
            await show.feed.sell()
        problems = show.console.problems.text
        await until(lambda: "cannot be written" in problems.text(), 5, "the storage banner")
        assert "No space left on device" in problems.text() and "3 sales" in problems.text()
        assert show.count_shown() == "0" and show.ledger.rows == []  # held, not shown as sold
        show.ledger.failing = None
        await until(lambda: show.count_shown() == "3", 10, "the held sales written")
        await until(lambda: "cannot be written" not in problems.text(), 5, "the banner gone")
        assert len([e for e in show.ledger.rows if e.kind is EntryKind.SALE]) == 3


async def test_a_refused_token_is_said_in_the_vouchers_panel(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    install_language("zh_CN")
    try:
        async with console_on_fakes(qtbot, tmp_path, log_handler) as show:
            show.feed.say(FeedState.UNAUTHORIZED, Said("http.token-refused", 401))
            await until(
                lambda: "销售接口拒绝了令牌（HTTP 401）" in show.console.vouchers.feed.text(),
                5,
                "the refusal in Chinese",
            )
            await show.session.sales_token_changed()
            assert show.feed.token_changes == 1
            await until(
                lambda: "令牌" not in show.console.vouchers.feed.text(), 5, "the feed live again"
            )
    finally:
        install_language("en")


@pytest.mark.expected_errors("the voucher ledger cannot be written")
async def test_obs_faults_and_refusals_reach_the_chinese_console_by_their_codes(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler, caplog: pytest.LogCaptureFixture
) -> None:
    """GO with OBS lost mid-cue, GO with OBS refusing a cue's request, and a Take the engine
    refuses: the status bar and the log panel say each in Chinese, from the codes the link and
    the engine gave (what OBS itself answered stays as it came)."""
    install_language("zh_CN")
    caplog.set_level(logging.INFO, logger="hostconsole")
    logger = logging.getLogger("hostconsole")
    logger.addHandler(log_handler)
    try:
        async with console_on_fakes(qtbot, tmp_path, log_handler) as show:
            console = show.console
            obs = show.parts_obs
            obs.lose_next = True
            console.go_button.click()
            bar = console.statusBar()
            await until(lambda: "连接中断：" in bar.currentMessage(), 5, "the lost link said")
            assert "提示未完整送达 OBS" in bar.currentMessage()
            await until(
                lambda: "提示 opening：连接中断：" in console.log_panel.toPlainText(),
                5,
                "the cue's line in the log panel",
            )
            # The stream watch's alarm (OBS is not streaming) is said in Chinese too.
            await until(lambda: "未在直播" in console.log_panel.toPlainText(), 5, "the alarm")
            assert "stream alarm" not in console.log_panel.toPlainText()
            obs.refuse_next = 1
            console.go_button.click()
            await until(lambda: "OBS 拒绝了" in bar.currentMessage(), 5, "OBS's refusal said")
            console.command("take")  # studio mode is off: the engine refuses it
            await until(lambda: bar.currentMessage() == "OBS 不在工作室模式", 5, "the refusal said")
            # Logged once, as its code: the log panel says it from that, the file in English.
            (refusal,) = [
                r.args[0]
                for r in caplog.records
                if isinstance(r.args, tuple) and r.args and isinstance(r.args[0], Said)
                if r.args[0].code == "log.refused"
            ]
            assert refusal == "take from console refused: OBS is not in studio mode"
            assert reason(refusal) == "来自控制台的“切出”被拒绝：OBS 不在工作室模式"
            # A full disk mid-show, and its end, in the log panel's words.
            show.ledger.failing = "No space left on device"
            await show.feed.sell()
            panel = console.log_panel
            await until(lambda: "订车券账本无法写入" in panel.toPlainText(), 5, "the fault")
            show.ledger.failing = None
            await until(lambda: "订车券账本已恢复写入" in panel.toPlainText(), 10, "the recovery")
    finally:
        logger.removeHandler(log_handler)
        install_language("en")


async def test_the_banner_says_a_broken_show_file_in_chinese(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    """An editor saves a show file with an error while the show runs: the banner says so in
    Chinese (the line and the parser's words stay as they are)."""
    install_language("zh_CN")
    try:
        async with console_on_fakes(qtbot, tmp_path, log_handler) as show:
            path = Path(show.session.document.file)
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("segments:", "segments: {", 1), encoding="utf-8")
            banner = show.console.problems.text
            await until(
                lambda: "磁盘上的节目文件有错误（第 " in banner.text(), 10, "the banner in Chinese"
            )
            assert "修正之前保留此处的节目单" in banner.text()
            assert "the run sheet here is kept" not in banner.text()
    finally:
        install_language("en")
