"""The producer console as a producer sees it: GO the largest control, the next cue in
graphics' names, an OBS that is away shown as unknown (and a cue it missed as not on air),
the log without repeats, a per-minute chart with a time axis and segment bands."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from hostconsole.adapters.sales.model import Order, OrdersSeen
from hostconsole.ui.console import ProducerConsole
from tests.harness.sessions import demo_session
from tests.harness.waiting import until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.services.show import ShowSession
    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio


async def console_for(qtbot: QtBot, session: ShowSession, handler: QtLogHandler) -> ProducerConsole:
    console = ProducerConsole(session, handler)
    qtbot.addWidget(console)
    console.resize(1400, 860)
    console.show()
    await until(lambda: console.cue_line.text() != "", 5, "the console's first refresh")
    return console


async def test_go_is_the_largest_control_and_starts_the_show(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, session, log_handler)
    buttons = [b for b in console.findChildren(QAbstractButton) if b.isVisible()]
    largest = max(buttons, key=lambda b: b.width() * b.height())
    assert largest is console.go_button
    assert largest.font().pointSize() >= 2 * max(
        b.font().pointSize() for b in buttons if b is not largest
    )
    console.go_button.click()
    await session.commands.settled()
    assert session.clock.state.value == "running"


async def test_the_next_cue_is_told_in_graphics_names(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, session, log_handler)
    await session.go(0)  # next: driverless, caption on, lower third off
    await until(lambda: "scene Studio" in console.cue_line.text(), 5, "the next cue said")
    line = console.cue_line.text()
    assert "Caption “" in line, line
    assert "takes off Lower third" in line, line
    assert "caption:" not in line and "lower_third" not in line


async def test_with_obs_away_the_tally_is_unknown_and_a_missed_cue_is_said(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    session = await demo_session(tmp_path, connect_obs=True)  # OBS: a closed port
    try:
        console = await console_for(qtbot, session, log_handler)
        assert session.obs is not None and not session.obs.connected
        session.obs.program_scene = "Opening"  # what OBS last said before it went away
        console.obs_panel.scene_names = ["Opening", "Studio"]
        console.obs_panel.refresh()
        texts = [console.obs_panel.scenes.item(i).text() for i in range(2)]
        assert not any("PROGRAM" in text for text in texts), texts
        assert "last seen on program" in texts[0]
        console.go_button.click()
        await session.commands.settled()
        await until(lambda: console.cue_line.text().startswith("NOT ON AIR"), 5, "the miss said")
        line = console.cue_line.text()
        assert line.startswith(
            "NOT ON AIR: the cue for “开场：副区长问候观众” did not reach OBS"
        ), line
        console.obs_tabs.setCurrentWidget(console.graphics)
        console.graphics.read_tally()

        def tally_text() -> str:
            label = console.graphics.findChild(QLabel, "tally_lower_third")
            return "" if label is None else label.text()

        await until(lambda: tally_text() == "unknown", 5, "the tally read")
    finally:
        await session.close()


async def test_repeated_log_lines_are_counted_not_repeated(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, session, log_handler)
    logger = logging.getLogger("hostconsole.test.repeats")
    logger.addHandler(log_handler)
    try:
        for attempt in range(1, 6):
            logger.warning("OBS not connected — retrying (attempt %d)", attempt)
        logger.warning("something else")
        await asyncio.sleep(0.1)
    finally:
        logger.removeHandler(log_handler)
    lines = console.log_panel.toPlainText().splitlines()
    retries = [line for line in lines if "retrying" in line]
    assert len(retries) == 1, lines
    assert retries[0].endswith("(attempt 5)  (×5)")
    assert lines[-1].endswith("something else")
    assert console.actions_by_name["log"].isChecked()
    console.actions_by_name["log"].trigger()  # collapsed from the toolbar
    assert not console.log_dock.isVisible()


async def test_the_per_minute_chart_has_a_time_axis_segment_bands_and_the_current_minute(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, session, log_handler)
    await session.go(0)
    await session.counter.observe(OrdersSeen((Order("a"), Order("b")), "h", "stream"))
    await session.next()
    await session.counter.observe(OrdersSeen((Order("c"),), "h2", "stream"))
    await until(lambda: console.vouchers.count.text() == "3", 5, "the console's own refresh")
    chart = console.vouchers.chart
    chart.repaint()
    picture = chart.picture
    assert picture is not None
    bands = [label.text for label in picture.labels if label.role == "band"]
    shapes = [shape for shape in picture.shapes if shape.role.startswith("band")]
    assert len(shapes) == 2  # the opening, then the segment on air
    assert abs(shapes[-1].x + shapes[-1].width - picture.width) < 1  # on air to the end
    # Named as far as its band has room (the bars are wall-clock minutes: late in a minute
    # the band of a segment just begun is narrow).
    if bands:
        assert "无人驾驶技术讲解".startswith(bands[-1].rstrip("…")), bands
    assert any(label.role == "tick" and ":" in label.text for label in picture.labels)
    assert any(shape.role == "current" and shape.height > 0 for shape in picture.shapes)
    assert picture.peak == 3
    chart.grab().save(str(console.session.show_dir / "chart.png"), "PNG")


async def test_the_log_strip_never_shows_a_traceback(
    qtbot: QtBot, session: ShowSession, log_handler: QtLogHandler
) -> None:
    """A fault logged with its traceback (as the engine logs one it did not foresee): the
    console's log strip shows its one line and where the details are, never the stack."""
    console = await console_for(qtbot, session, log_handler)
    logger = logging.getLogger("hostconsole.services.cues")
    logger.addHandler(log_handler)
    try:
        try:
            raise KeyError("HC Lower Third")
        except KeyError:
            logger.warning("cue hello: a graphic could not be sent\nsecond line", exc_info=True)
        await asyncio.sleep(0.1)
    finally:
        logger.removeHandler(log_handler)
    text = console.log_panel.toPlainText()
    assert "cue hello: a graphic could not be sent" in text
    assert "(details in the log file)" in text
    assert "Traceback" not in text and "KeyError" not in text and "second line" not in text


async def test_the_next_cue_names_a_text_graphic_it_takes_off_by_its_id(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    """'takes off Text' said nothing: a text graphic (or one of two of a kind) is named with
    its id from the show file."""
    import shutil

    from tests.conftest import PROJECT_ROOT

    show = tmp_path / "tea.show.yaml"
    shutil.copy(PROJECT_ROOT / "tests" / "data" / "tea.show.yaml", show)
    text = show.read_text(encoding="utf-8")
    text = text.replace(
        "overlays:\n",
        "overlays:\n  - id: rice_banner\n    kind: text\n    source: HC Banner\n"
        '    template: "{segment_title}"\n',
        1,
    )
    text = text.replace("show_overlays: [title]", "show_overlays: [title, rice_banner]", 1)
    text = text.replace("hide_overlays: [title]", "hide_overlays: [title, rice_banner]", 1)
    show.write_text(text, encoding="utf-8")
    session = await demo_session(tmp_path, show=show)
    try:
        console = await console_for(qtbot, session, log_handler)
        await session.go(0)
        await until(lambda: "takes off" in console.cue_line.text(), 5, "the next cue said")
        line = console.cue_line.text()
        assert "takes off Title, Text “rice_banner”" in line, line
    finally:
        await session.close()
