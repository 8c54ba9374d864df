"""A viewer's text is text: HTML in an approved question is shown as its characters (no local
file loaded, no window resized), and a U+202E in a name never reaches any screen."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from hostconsole.remote.control_api import ControlApi
from hostconsole.ui.console import ProducerConsole
from tests.harness.salesfeed import FeedServer
from tests.integration.conftest import in_thread, wait_until
from tests.integration.test_questions import session_with_feed

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.asyncio

HTML_QUESTION = '<img src="file:///etc/hostname" width=1500> 能退吗'


async def test_an_approved_html_question_is_shown_as_text(qtbot: QtBot, tmp_path: Path) -> None:
    from hostconsole.ui.logpanel import QtLogHandler

    with FeedServer("--rate", "0") as feed:
        session = await session_with_feed(tmp_path, feed)
        api = ControlApi(session, "127.0.0.1", 0, None)
        port = await api.start()
        try:
            console = ProducerConsole(session, QtLogHandler())
            qtbot.addWidget(console)
            console.resize(1400, 860)
            console.show()
            await wait_until(
                lambda: session.stream is not None and session.stream.status.state.value == "live",
                10,
                "stream live",
            )
            comment = {"user": "\u202eevil\u202c 小王", "text": HTML_QUESTION}
            await in_thread(functools.partial(feed.control, comment=comment))
            await wait_until(lambda: len(session.questions.listed()) == 1, 10, "the question")
            panel = console.questions
            await wait_until(lambda: panel.list.count() == 1, 5, "the console's refresh")
            panel.list.setCurrentRow(0)
            for action in ("approve", "present"):
                button = panel.findChild(QPushButton, f"question_{action}")
                assert button is not None
                button.click()
                await session.commands.settled()
            await wait_until(lambda: HTML_QUESTION in panel.shown.text(), 5, "the question shown")
            assert panel.shown.textFormat() is Qt.TextFormat.PlainText
            assert console.width() <= 1400
            labels = console.findChildren(QLabel)
            assert all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                state = (await client.get("/api/v1/state")).json()
            assert state["question"]["author"] == "evil 小王"  # no U+202E anywhere
            assert "\u202e" not in panel.shown.text()
        finally:
            await api.cleanup()
            await session.close()
