"""The presenter view rendered at 1080p, 1024×768 and a 390×844 phone, in Chinese and English,
with the longest texts a producer types: every text wraps or shrinks, none is cut or leaves
the window. The PNGs are kept under the test's folder for a look."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QRectF

from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.i18n import install_language
from hostconsole.ui.presenter import PresenterView
from tests.harness.sessions import demo_session, demo_show_file
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

SIZES = [(1920, 1080), (1024, 768), (390, 844)]
LONG_MESSAGE = "请马上展示二维码并再次提醒观众订车券未使用可以全额退款谢谢"  # 30 characters
LONG_MESSAGE_EN = "Show the QR code now and remind viewers: refunds!"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=["1080p", "1024x768", "phone"])
async def test_nothing_on_the_presenter_view_is_cut_or_leaves_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    log_handler: QtLogHandler,
    language: str,
    size: tuple[int, int],
) -> None:
    install_language(language)
    session = await demo_session(tmp_path, show=demo_show_file(tmp_path, long_titles=True))
    try:
        console = ProducerConsole(session, log_handler)
        presenter = PresenterView(session)
        qtbot.addWidget(console)
        qtbot.addWidget(presenter)
        await session.go(1)  # the long-titled segment, with notes and three talking points
        # The producer types the longest message through the console, urgent.
        panel = console.messages
        panel.text.setText(LONG_MESSAGE if language == "zh_CN" else LONG_MESSAGE_EN)
        panel.blink.setChecked(True)
        panel.send.click()
        await asyncio.sleep(0.1)
        presenter.resize(*size)
        presenter.refresh()
        image = presenter.grab()
        image.save(str(tmp_path / f"presenter-{language}-{size[0]}x{size[1]}.png"), "PNG")
        picture = image.toImage()
        # Really drawn, not only laid out: the countdown's and the count's glyphs are there.
        for name in ("countdown", "count"):
            box = presenter.drawn[name].bounds.toRect()
            lit = sum(
                1
                for y in range(box.top(), box.bottom(), 3)
                for x in range(box.left(), box.right(), 3)
                if picture.pixelColor(x, y).lightness() > 160
            )
            assert lit > box.width() * box.height() / 9 * 0.05, f"{name} not drawn at {size}"

        window = QRectF(0, 0, *size)
        drawn = presenter.drawn
        for name in ("segment", "countdown", "count", "message", "wall_clock", "upcoming"):
            assert name in drawn, f"{name} was not drawn at {size}"
        assert any(name.startswith("point") for name in drawn), "no talking point shown"
        if size[1] >= 768:
            assert "notes" in drawn, "the presenter notes were not shown"
        for name, text in drawn.items():
            assert not text.elided, f"{name} was cut with … at {size} in {language}"
            assert window.contains(text.bounds), f"{name} leaves the window: {text.bounds}"
            assert text.pixel_size >= 12, f"{name} is drawn at {text.pixel_size} px"
        # Nothing drawn over anything else.
        names = sorted(drawn)
        for first_index, first in enumerate(names):
            for second in names[first_index + 1 :]:
                overlap = drawn[first].bounds.intersected(drawn[second].bounds)
                assert overlap.isEmpty() or overlap.width() * overlap.height() < 4, (
                    f"{first} overlaps {second} at {size}"
                )
    finally:
        install_language("en")
        await session.close()


async def test_over_time_and_a_stale_count_cannot_be_missed(
    qtbot: QtBot, session: ShowSession
) -> None:
    """Over its time the segment's countdown turns a red block that says so, framed in red;
    the count is dimmed while it is not live."""
    presenter = PresenterView(session)
    qtbot.addWidget(presenter)
    presenter.resize(1280, 720)
    presenter.show()  # a shown view keeps itself current
    await session.go(1)
    cut = await session.execute("time", "console", seconds=-360)  # its six minutes, now over
    assert cut.ok, cut.detail
    await until(lambda: presenter.content.over, 5, "the presenter's own refresh")
    image = presenter.grab().toImage()
    assert "over" in presenter.drawn
    assert image.pixelColor(2, 360).name() == "#ff1744"  # the frame round the view
    countdown = presenter.drawn["countdown"].bounds
    assert image.pixelColor(int(countdown.left()) - 4, int(countdown.center().y())).name() == (
        "#b71c1c"
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
async def test_with_a_message_and_a_question_up_the_points_and_the_offer_stay(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler, size: tuple[int, int]
) -> None:
    """The producer's urgent message and a viewer's question up at once, during the models
    segment: the official still sees every talking point, the offer (price, voucher, terms)
    and what is next, nothing over anything else."""
    from hostconsole.adapters.sales.model import CommentSeen

    install_language("zh_CN")
    session = await demo_session(tmp_path)
    try:
        console = ProducerConsole(session, log_handler)
        presenter = PresenterView(session)
        qtbot.addWidget(console)
        qtbot.addWidget(presenter)
        await session.go(2)  # models: three talking points and the M5's offer
        console.messages.text.setText(LONG_MESSAGE)
        console.messages.send.click()
        session.reactions.comment(
            CommentSeen("q1", "小王", "下雨天激光雷达还能看清吗？夜里会不会看不清行人？", 0.0)
        )
        question = session.questions.listed()[0]
        for action in ("approve", "present"):
            await until(lambda: console.questions.list.count() == 1, 5, "the question listed")
            console.questions.list.setCurrentRow(0)
            console.questions.buttons[action].click()
            await session.commands.settled()
        assert session.presented_question is not None and session.presented_question is question
        presenter.resize(*size)
        presenter.show()
        presenter.refresh()
        presenter.grab().save(str(tmp_path / f"presenter-busy-{size[0]}.png"), "PNG")
        drawn = presenter.drawn
        for name in ("message", "question", "upcoming", "point0", "point1", "point2", "notes"):
            assert name in drawn, f"{name} not shown at {size}: {sorted(drawn)}"
        assert "¥189,800" in presenter.content.offer
        names = sorted(drawn)
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                overlap = drawn[first].bounds.intersected(drawn[second].bounds)
                assert overlap.isEmpty() or overlap.width() * overlap.height() < 4, (
                    f"{first} overlaps {second} at {size}"
                )
    finally:
        install_language("en")
        await session.close()
