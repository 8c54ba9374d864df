"""Change the model, check the view: the producer console and the presenter view."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hostconsole.adapters.obs.link import LinkState
from hostconsole.adapters.storage.settings import Settings
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.presenter import PresenterView
from tests.harness.salesfeed import FeedServer
from tests.harness.sessions import closed_port, demo_session
from tests.harness.waiting import until
from tests.integration.conftest import in_thread

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio


async def windows(
    qtbot: QtBot, session: ShowSession, handler: QtLogHandler
) -> tuple[ProducerConsole, PresenterView]:
    console = ProducerConsole(session, handler)
    presenter = PresenterView(session)
    qtbot.addWidget(console)
    qtbot.addWidget(presenter)
    console.show()
    presenter.resize(1280, 720)
    presenter.show()
    # Both views keep themselves current on their own timers; nothing is refreshed by hand.
    await until(lambda: presenter.content.segment != "", 5, "the presenter's first refresh")
    return console, presenter


async def test_advancing_a_segment_updates_both_windows(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console, presenter = await windows(qtbot, session, log_handler)
    assert "开场" in console.on_air.text()
    await session.go(0)
    await session.next()
    await until(
        lambda: (
            console.on_air.text() == "ON AIR: 无人驾驶技术讲解"
            and presenter.content.segment == "Driverless technology explained"
        ),
        5,
        "both windows on the new segment",
    )
    assert console.next_line.text() == "Next: 三款车型介绍"
    assert presenter.content.segment == "Driverless technology explained"  # the show's English
    assert presenter.content.countdown in ("6:00", "5:59")
    assert presenter.content.upcoming == "Next: The three models"
    assert any("Level 4 driverless" in point for point in presenter.content.points)
    row = console.model.index(1, 1)
    assert console.model.data(row, Qt.ItemDataRole.BackgroundRole) is not None


async def test_a_sale_updates_count_and_rate(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    with FeedServer("--rate", "0") as feed:
        settings = Settings(obs_port=closed_port(), feed_kind="stream", stream_url=feed.stream_url)
        session = await demo_session(tmp_path, settings=settings)
        try:
            await sales_through_the_feed(qtbot, session, log_handler, feed)
        finally:
            await session.close()


async def sales_through_the_feed(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler, feed: FeedServer
) -> None:
    console, presenter = await windows(qtbot, session, log_handler)
    await session.go(0)
    await until(
        lambda: session.stream is not None and session.stream.status.state.value == "live",
        10,
        "the sales stream live",
    )
    await in_thread(functools.partial(feed.control, sell=11))  # 11 sold on the platform
    await until(
        lambda: console.vouchers.count.text() == "11" and presenter.content.count == "11",
        10,
        "11 on both screens",
    )
    assert console.vouchers.count.text() == "11"
    assert console.vouchers.rate.text() == "11 in 5 min"
    assert presenter.content.count == "11"
    assert presenter.content.rate == "11 in 5 min"


async def test_obs_disconnect_shows_the_honest_state(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    session = await demo_session(tmp_path, connect_obs=True)
    try:
        console, _presenter = await windows(qtbot, session, log_handler)
        assert session.obs is not None
        await until(
            lambda: (
                session.obs is not None
                and session.obs.status.state is LinkState.RECONNECTING
                and "nothing is listening" in console.obs_panel.detail.text()
            ),
            10,
            "the console says OBS is away",
        )
        console.obs_panel.refresh()
        assert console.obs_panel.state.text().startswith("OBS not connected — retrying (attempt ")
        assert "nothing is listening" in console.obs_panel.detail.text()
        assert not console.obs_panel.take.isEnabled()
    finally:
        await session.close()


async def test_a_message_reaches_the_presenter_view(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console, presenter = await windows(qtbot, session, log_handler)
    # Widget methods, not QTest input: QTest's nested event processing inside a running
    # qasync loop aborts the process.
    console.messages.text.setText("请展示二维码")
    console.messages.blink.setChecked(True)
    console.messages.send.click()
    await session.commands.settled()
    await until(lambda: presenter.content.message == "请展示二维码", 5, "the message shown")
    assert presenter.content.blink is True
    assert presenter._blink.isActive()


async def test_undo_restores_a_deleted_segment(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console, _presenter = await windows(qtbot, session, log_handler)
    before = [s.id for s in session.show.segments]
    console.table.selectRow(2)
    console._delete_segment()
    await session.commands.settled()  # the edit checks the file and saves it on the writer
    await until(lambda: console.model.rowCount() == len(before) - 1, 5, "the row gone")
    assert [s.id for s in session.show.segments] == before[:2] + before[3:]
    assert console.model.rowCount() == len(before) - 1
    assert "id: models" not in Path(session.document.file).read_text(encoding="utf-8")
    console.undo_stack.undo()
    await session.commands.settled()
    await until(lambda: console.model.rowCount() == len(before), 5, "the row back")
    assert [s.id for s in session.show.segments] == before
    assert console.model.rowCount() == len(before)
    assert "id: models" in Path(session.document.file).read_text(encoding="utf-8")


async def test_shortcuts_do_nothing_while_a_text_field_has_focus(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console, _presenter = await windows(qtbot, session, log_handler)
    console.activateWindow()
    console.messages.text.setFocus()
    await until(lambda: QApplication.focusWidget() is console.messages.text, 5, "focus")
    go = console._shortcuts["go"]
    go.activated.emit()
    await session.commands.settled()
    assert session.clock.state.value == "not_started"
    assert session.commands.executed == 0  # ignored, not refused
    console.table.setFocus()
    await until(lambda: QApplication.focusWidget() is console.table, 5, "focus on the table")
    go.activated.emit()
    await session.commands.settled()
    assert session.clock.state.value == "running"


async def test_the_next_cue_is_previewed_with_its_texts(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console, _presenter = await windows(qtbot, session, log_handler)
    await session.go(1)
    await session.correct(11, "phone orders")
    await until(lambda: "已售 11 张" in console.cue_line.text(), 5, "the cue line")
    line = console.cue_line.text()
    assert line.startswith("Next cue: scene Product")
    assert "已售 11 张" in line and "目标" not in line  # no shortfall on air
    assert "嘉驰 M5 智驾轿车" in line


async def test_shortcuts_are_configurable_in_settings_and_never_shared(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    from PySide6.QtGui import QKeySequence

    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.ui.settings_dialog import SettingsDialog

    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.shortcut_edits["go"].setKeySequence(QKeySequence("G"))
    dialog.shortcut_edits["next"].setKeySequence(QKeySequence("G"))
    dialog._accept()
    assert dialog.problem.text() == "Two actions cannot share one shortcut."
    assert settings.shortcuts["go"] == "Space"  # nothing saved
    dialog.shortcut_edits["next"].setKeySequence(QKeySequence("N"))
    dialog._accept()
    assert settings.shortcuts["go"] == "G"
    assert settings.shortcuts["next"] == "N"

    console, _presenter = await windows(qtbot, session, log_handler)
    console.apply_shortcuts(settings.shortcuts)
    assert console._shortcuts["go"].key().toString() == "G"
    console.table.setFocus()
    console._shortcuts["go"].activated.emit()
    await session.commands.settled()
    assert session.clock.state.value == "running"


async def test_in_english_the_presenter_shows_the_shows_english_texts(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    from hostconsole.ui.i18n import install_language

    _console, presenter = await windows(qtbot, session, log_handler)
    await session.go(1)
    try:
        install_language("en")
        await until(
            lambda: presenter.content.segment == "Driverless technology explained", 5, "English"
        )
        assert any("Level 4 driverless" in point for point in presenter.content.points)
        assert presenter.content.upcoming == "Next: The three models"
        install_language("zh_CN")
        await until(lambda: presenter.content.segment == "无人驾驶技术讲解", 5, "Chinese")
        assert presenter.content.upcoming == "下一环节：三款车型介绍"
    finally:
        install_language("en")
