"""The Chinese console says nothing in English: with OBS and both sales feeds unreachable, a
GO that cannot reach OBS and a refused command, every visible text — status details, feed
lines, the next cue, the log panel, the status bar — is Chinese (the show's own texts and
a few names aside)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

from hostconsole.adapters.storage.settings import Settings
from hostconsole.domain.show import on_screen_texts
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.i18n import install_language
from tests.harness.sessions import closed_port, demo_session
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

# Names that stay as they are in a Chinese UI.
ALLOWED = {"OBS", "HTTP", "JSON", "Host", "Console", "GO", "obs", "websocket", "URL", "QR", "API"}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def visible_texts(console: ProducerConsole) -> list[str]:
    texts: list[str] = []
    for label in console.findChildren(QLabel):
        if label.isVisible():
            texts.append(label.text())
    for button in console.findChildren(QAbstractButton):
        if button.isVisible():
            texts.append(button.text())
    for box in console.findChildren(QGroupBox):
        if box.isVisible():
            texts.append(box.title())
    for tabs in console.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    texts += [action.text() for action in console.actions_by_name.values()]
    texts += console.log_panel.toPlainText().splitlines()
    texts.append(console.statusBar().currentMessage())
    return texts


async def test_the_chinese_console_has_no_english_left(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    import logging

    install_language("zh_CN")
    settings = Settings(
        obs_port=closed_port(),
        feed_kind="both",
        poll_url=f"http://127.0.0.1:{closed_port()}/sold",
        stream_url=f"http://127.0.0.1:{closed_port()}/events",
        poll_interval=0.5,
    )
    logging.getLogger("hostconsole").addHandler(log_handler)
    session = await demo_session(tmp_path, settings=settings, connect_obs=True)
    try:
        console = ProducerConsole(session, log_handler)
        qtbot.addWidget(console)
        console.resize(1400, 860)
        console.show()
        # The feeds and OBS fail (a few times each): said in the console.
        await until(
            lambda: "没有服务在监听" in console.vouchers.feed.text(), 10, "the feed's fault"
        )
        await until(
            lambda: session.obs is not None and session.obs.status.state.value == "reconnecting",
            10,
            "OBS tried and failed",
        )
        console.go_button.click()  # OBS is away: the cue is not on air
        await session.commands.settled()
        console.pause()
        console.pause()
        console.actions_by_name["prepare"].trigger()  # refused: OBS is not connected
        await session.commands.settled()
        await until(lambda: console.statusBar().currentMessage() != "", 5, "the refusal said")
        show_texts = [text for _path, text in on_screen_texts(session.show)]
        show_texts += [s.title for s in session.show.segments] + [
            s.notes for s in session.show.segments
        ]
        show_texts += [session.show.title]
        # OBS's scene names are the studio's own words, as the producer named them.
        show_texts += [s.scene or "" for s in session.show.segments]
        english: list[str] = []
        for text in visible_texts(console):
            rest = text
            for own in sorted(show_texts, key=len, reverse=True):
                if own:
                    rest = rest.replace(own, "")
            words = [w for w in LATIN_WORD.findall(rest) if w not in ALLOWED]
            if words:
                english.append(f"{text!r}: {words}")
        assert not english, "English in the Chinese console:\n" + "\n".join(english)
        assert "没有服务在监听" in console.vouchers.feed.text()  # the feed's detail, in Chinese
    finally:
        logging.getLogger("hostconsole").removeHandler(log_handler)
        install_language("en")
        await session.close()
