"""What the sales feeds say reaches the Chinese console by its code, not by reading English
back: a feed refused its token shows the Chinese sentence in the vouchers panel and the log
panel, while the log file keeps the English."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.settings import Settings
from hostconsole.domain.said import Said
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.i18n import install_language
from tests.harness.salesfeed import FeedServer
from tests.harness.sessions import closed_port, demo_session
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler


class Kept(logging.Handler):
    """Every record, as logged (its arguments unformatted)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


REFUSED_ZH = "销售接口拒绝了令牌（HTTP 401）：请在设置中输入正确的令牌"


@pytest.mark.asyncio
async def test_a_refused_token_is_said_in_chinese_by_its_code(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    install_language("zh_CN")
    with FeedServer("--rate", "0") as feed:
        feed.control(token="the-right-one")
        settings = Settings(
            obs_port=closed_port(), feed_kind="poll", poll_url=feed.poll_url, poll_interval=0.2
        )
        logger = logging.getLogger("hostconsole")
        logger.addHandler(log_handler)
        keep = Kept()
        records = keep.records
        logger.addHandler(keep)
        session = await demo_session(tmp_path, settings=settings)
        try:
            console = ProducerConsole(session, log_handler)
            qtbot.addWidget(console)
            console.show()
            await until(lambda: REFUSED_ZH in console.vouchers.feed.text(), 10, "the refusal")
            await until(
                lambda: any(
                    REFUSED_ZH in line for line in console.log_panel.toPlainText().splitlines()
                ),
                10,
                "the log panel's line",
            )
            panel = next(
                line for line in console.log_panel.toPlainText().splitlines() if REFUSED_ZH in line
            )
            assert "销售数据源" in panel and "sales" not in panel, panel
            # The file's line is English; what the panel translated was the code, not the text.
            said = next(
                r.args[0]
                for r in records
                if isinstance(r.args, tuple)
                and r.args
                and isinstance(r.args[0], Said)
                and r.args[0].values[1] == "unauthorized"
            )
            assert said.code == "log.feed-state"
            assert said.values[2] == (
                "the sales API refused the token (HTTP 401): enter the right token in Settings"
            )
            assert session.feeds.poll is not None
            assert isinstance(session.feeds.poll.status.message, Said)
        finally:
            logger.removeHandler(log_handler)
            logger.removeHandler(keep)
            await session.close()
            install_language("en")


def test_every_code_has_a_sentence_in_the_console_with_values_it_has(qapp: object) -> None:
    """A code said without a sentence here would reach the Chinese console in English; a
    sentence naming a value its code does not have would show "%3"."""
    from hostconsole.domain.said import ENGLISH
    from hostconsole.ui import reasons

    sentences = reasons._by_code()
    assert set(ENGLISH) - {"joined"} == set(sentences)
    for code, english in ENGLISH.items():
        if code == "joined":
            continue
        values = {int(n) for n in re.findall(r"%(\d)", english)}
        used = {int(n) for n in re.findall(r"%(\d)", sentences[code])}
        # The English names the last value (the values are positional).
        assert max(used, default=0) <= max(values, default=0), code
        said = Said(code, *(f"v{n}" for n in range(1, max(values, default=0) + 1)))
        assert all(f"v{n}" in reasons.reason(said) for n in used), code
