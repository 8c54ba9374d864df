"""The producer console fits a studio laptop (1366×768) and a studio screen (1920×1080), in
Chinese and English, mid-show with everything up at once (sales, a message, a question, a
prompt): no label or button cuts its text, no control lies over another, nothing runs off
the window. Screenshots are written for a person to look at."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QWidget,
)

from hostconsole.adapters.sales.model import CommentSeen, Order, OrdersSeen
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.i18n import install_language
from tests.conftest import PROJECT_ROOT
from tests.harness.sessions import demo_session
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

TEA_SHOW = PROJECT_ROOT / "tests" / "data" / "tea.show.yaml"
SIZES = {"laptop": (1366, 768), "studio": (1920, 1080)}


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def problems(console: ProducerConsole) -> list[str]:
    """What a producer would see cut or covered."""
    found: list[str] = []
    window = global_rect(console)
    leaves: list[QWidget] = []
    for widget in console.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or in_scroll_area(widget):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        rect = global_rect(widget)
        if not window.contains(rect):
            found.append(f"{name} runs off the window: {rect} outside {window}")
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            room = widget.contentsRect().width() - 2 * widget.margin() - widget.indent()
            for line in widget.text().splitlines():
                needed = widget.fontMetrics().horizontalAdvance(line)
                if needed > room + 1:
                    found.append(f"label “{line}” needs {needed} px, has {room}")
        if (
            isinstance(widget, QAbstractButton)
            and widget.text()
            and widget.sizeHint().width() > widget.width() + 1
        ):
            found.append(
                f"button “{widget.text()}” needs {widget.sizeHint().width()} px, "
                f"has {widget.width()}"
            )
        if isinstance(widget, QLabel | QAbstractButton):
            leaves.append(widget)
    for index, first in enumerate(leaves):
        for second in leaves[index + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            overlap = global_rect(first).intersected(global_rect(second))
            if overlap.width() > 2 and overlap.height() > 2:
                found.append(
                    f"“{getattr(first, 'text', str)()}” and “{getattr(second, 'text', str)()}” "
                    f"overlap by {overlap.width()}×{overlap.height()}"
                )
    return found


async def busy(session: ShowSession) -> None:
    """Mid-show with everything up at once."""
    await session.go(0)
    await session.go(1)
    orders = tuple(Order(f"fit-{n}", product="rice") for n in range(37))
    await session.counter.observe(OrdersSeen(orders, "fit", "stream"))
    session.send_message("请放慢语速，下一段讲大米的产地 · Slower please", blink=False)
    session.reactions.comment(CommentSeen("fit-1", "小王", "大米是今年的新米吗？", 0.0))
    # The burst of sales raises a count prompt (its line shows in the console's header).
    await until(lambda: session.sales_prompter.current is not None, 10, "a sales prompt")


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("language", ["zh_CN", "en"])
async def test_the_console_fits_a_laptop_and_a_studio_screen(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler, language: str, size: str
) -> None:
    install_language(language)
    show = tmp_path / "tea.show.yaml"
    shutil.copy(TEA_SHOW, show)
    session = await demo_session(tmp_path, show=show)
    try:
        console = ProducerConsole(session, log_handler)
        qtbot.addWidget(console)
        console.resize(*SIZES[size])
        console.show()
        await busy(session)
        # The console's own refresh (its tick) has shown it all.
        await until(
            lambda: (
                console.vouchers.count.text() == "37"
                and console.prompt_row.isVisible()
                and "Slower please" in console.messages.current.text()
            ),
            5,
            "the console showing the sales, the prompt and the message",
        )
        shot = tmp_path / f"console-{language}-{size}.png"
        assert console.grab().save(str(shot))
        if os.environ.get("HOSTCONSOLE_SHOTS"):
            shutil.copy(shot, os.environ["HOSTCONSOLE_SHOTS"])
        # The waiting question is counted on its tab, seen from the talking points too.
        assert console.points_tabs.tabText(1) in ("Questions (1)", "观众提问（1）")
        assert (console.width(), console.height()) == SIZES[size], [
            (type(w).__name__, w.objectName(), w.minimumSizeHint().height(), w.height())
            for w in console.findChildren(QWidget)
            if w.isVisible() and w.parentWidget() in (console, console.centralWidget())
        ]
        found = problems(console)
        assert not found, f"{language} at {size}:\n" + "\n".join(found)
    finally:
        install_language("en")
        await session.close()
