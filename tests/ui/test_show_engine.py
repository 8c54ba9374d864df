"""The show engine through the console a producer uses: one command path, in order, to
completion; dialogs that never freeze the loop; edits that never reset the show."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QInputDialog

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.domain.clock import ClockState
from hostconsole.domain.ledger import Entry, EntryKind
from hostconsole.parts import StudioParts
from hostconsole.services.show import ShowSession
from hostconsole.ui.console import ProducerConsole
from tests.harness.engine import longest_loop_gap, numbered_show
from tests.harness.waiting import until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

SHORT_SHOW = """\
format: hostconsole-show/1
title: 引擎测试
segments:
  - id: opening
    title: 开场
    duration: 1s
    end_action: next
  - id: talk
    title: 讲解
    duration: 5m
  - id: close
    title: 结束
    duration: 2m
"""


async def open_show(tmp_path: Path, text: str) -> ShowSession:
    show_file = tmp_path / "engine.show.yaml"
    show_file.write_text(text, encoding="utf-8")
    session = ShowSession(
        ShowDocument.open(show_file),
        Settings(),
        tmp_path / "data",
        parts=StudioParts(obs_control=False),
    )
    await session.start()
    return session


@pytest_asyncio.fixture
async def short_show(tmp_path: Path) -> AsyncIterator[ShowSession]:
    session = await open_show(tmp_path, SHORT_SHOW)
    yield session
    await session.close()


async def console_for(qtbot: QtBot, session: ShowSession, handler: QtLogHandler) -> ProducerConsole:
    console = ProducerConsole(session, handler)
    qtbot.addWidget(console)
    console.show()
    await asyncio.sleep(0.05)
    return console


def records(session: ShowSession) -> list[dict[str, Any]]:
    return session.command_log.records()


async def ledger(session: ShowSession, kind: EntryKind) -> list[Entry]:
    """The show's ledger entries of one kind, once everything queued is committed."""
    await session.counter.committed()
    return [entry for entry in await session.counter.store.entries() if entry.kind is kind]


async def test_a_segment_running_out_takes_the_go_path(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)
    console.actions_by_name["go"].trigger()
    await until(lambda: short_show.clock.index == 1, 5, "auto-advance to the talk")
    await short_show.commands.settled()
    short_show.writer.flush()
    onair = [line for line in short_show.onair_log.lines() if line.action == "go"]
    assert [(line.origin, line.detail.split(" ")[0]) for line in onair] == [
        ("console", "opening"),
        ("automatic", "talk"),
    ]
    commands = records(short_show)
    automatic = [c for c in commands if c["origin"] == "automatic"]
    assert [(c["kind"], c["args"]["to_index"], c["result"]["ok"]) for c in automatic] == [
        ("go", 1, True)
    ]
    state = json.loads(short_show.state_path.read_text(encoding="utf-8"))
    assert state["clock"]["index"] == 1  # saved by the automatic GO
    # The opening is credited exactly its planned second, not the time the engine took.
    assert short_show.snapshot().actuals[0] == pytest.approx(1.0, abs=1e-6)
    segments = await ledger(short_show, EntryKind.SEGMENT)
    assert [entry.segment_id for entry in segments] == ["opening", "talk"]


async def test_two_gos_are_two_gos_in_order(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)
    console.actions_by_name["go"].trigger()
    console.actions_by_name["go"].trigger()
    console.actions_by_name["go"].trigger()
    await short_show.commands.settled()
    assert short_show.clock.index == 2
    lines = [line for line in short_show.onair_log.lines() if line.action == "go"]
    assert [line.detail.split(" ")[0] for line in lines] == ["opening", "talk", "close"]
    commands = records(short_show)
    assert [(c["kind"], c["result"]["ok"]) for c in commands] == [("go", True)] * 3
    assert [c["seq"] for c in commands] == sorted({c["seq"] for c in commands})


async def test_deleting_the_segment_on_air_is_refused_and_changes_nothing(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)
    console.actions_by_name["go"].trigger()
    console.actions_by_name["next"].trigger()
    await short_show.commands.settled()
    short_show.writer.flush()
    saved = short_show.state_path.read_text(encoding="utf-8")
    console.table.selectRow(1)
    console._delete_segment()
    await short_show.commands.settled()
    assert [s.id for s in short_show.show.segments] == ["opening", "talk", "close"]
    assert short_show.clock.state is ClockState.RUNNING
    assert short_show.clock.index == 1
    assert console.undo_stack.count() == 0
    assert "on air" in console.statusBar().currentMessage()
    short_show.writer.flush()
    assert short_show.state_path.read_text(encoding="utf-8") == saved


async def test_a_refused_edit_never_enters_the_undo_stack(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)
    console.table.selectRow(2)
    console._edit_segment()
    dialog = console.segment_dialog
    assert dialog.isVisible()
    dialog.duration.setText("five")  # type: ignore[attr-defined]
    dialog.accept()
    await short_show.commands.settled()
    await asyncio.sleep(0)
    assert console.undo_stack.count() == 0
    assert "five" in console.statusBar().currentMessage()
    console.undo_stack.undo()  # nothing to undo, and nothing raises
    assert short_show.show.segments[2].duration == 120


async def test_undoing_the_add_of_the_segment_now_on_air_is_refused(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)
    console.table.selectRow(2)
    console._add_segment()
    dialog = console.segment_dialog
    dialog.title.setText("加播")  # type: ignore[attr-defined]
    dialog.duration.setText("3m")  # type: ignore[attr-defined]
    dialog.accept()
    await short_show.commands.settled()
    assert console.undo_stack.count() == 1
    added = short_show.show.segments[3].id
    await short_show.execute("go", "console", segment=added)
    console.undo_stack.undo()
    await short_show.commands.settled()
    await asyncio.sleep(0)
    assert [s.id for s in short_show.show.segments][3] == added
    assert short_show.current_segment().id == added
    assert short_show.clock.state is ClockState.RUNNING
    assert console.undo_stack.index() == 1  # stepped back to where the show is
    assert "on air" in console.statusBar().currentMessage()


async def test_the_loop_keeps_ticking_while_each_dialog_is_open(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)
    console.vouchers.plus.click()  # the correction's reason
    reason = console.vouchers.findChild(QInputDialog, "correctionDialog")
    assert reason is not None and reason.isVisible()
    assert await longest_loop_gap(0.5) < 0.25
    # Commands still run while it is open.
    await short_show.execute("go", "console")
    reason.setTextValue("电话订单")
    reason.accept()
    await short_show.commands.settled()
    await until(lambda: short_show.counter.count == 1, 5, "the correction")

    console._add_segment()
    assert console.segment_dialog.isVisible()
    assert await longest_loop_gap(0.5) < 0.25
    console.segment_dialog.reject()


@pytest.mark.expected_errors(r"a view failed on a (show change|ledger commit)")
async def test_a_failing_view_never_fails_a_correction(
    qtbot: QtBot, short_show: ShowSession, log_handler: QtLogHandler
) -> None:
    console = await console_for(qtbot, short_show, log_handler)

    def broken_view(_: object) -> None:
        raise RuntimeError("a view that breaks")

    short_show.counter.add_change_listener(broken_view)
    short_show.add_listener(broken_view)
    console._correct(5, "电话订单")
    await short_show.commands.settled()
    await asyncio.sleep(0)
    assert short_show.counter.count == 5
    assert console.statusBar().currentMessage() == ""
    commands = records(short_show)
    assert [(c["kind"], c["result"]["ok"]) for c in commands] == [("correction", True)]
    assert len(await ledger(short_show, EntryKind.CORRECTION)) == 1


async def test_reading_the_clock_never_moves_the_show(tmp_path: Path) -> None:
    now = [1_000_000.0]
    show_file = tmp_path / "engine.show.yaml"
    show_file.write_text(SHORT_SHOW, encoding="utf-8")
    session = ShowSession(
        ShowDocument.open(show_file),
        Settings(),
        tmp_path / "data",
        parts=StudioParts(obs_control=False),
        now=lambda: now[0],
    )
    session.clock.go_to(0)
    now[0] += 30
    assert session.snapshot().index == 0 and session.clock.index == 0
    assert session.clock.due() is not None
    session.onair_log.close()
    session.command_log.close()
    session.writer.close()


async def test_console_and_api_commands_each_run_once_in_order(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    import httpx

    from hostconsole.remote.control_api import ControlApi

    session = await open_show(tmp_path, numbered_show(250))
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    console = await console_for(qtbot, session, log_handler)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:

            async def from_the_api() -> None:
                for number in range(100):
                    answer = await client.post(
                        "/api/v1/go" if number % 2 else "/api/v1/next", json={}
                    )
                    assert answer.status_code == 200, answer.text

            async def from_the_console() -> None:
                for number in range(100):
                    console.actions_by_name["go" if number % 2 else "next"].trigger()
                    await asyncio.sleep(0.002)

            await asyncio.gather(from_the_api(), from_the_console())
        await session.commands.settled()
        commands = session.command_log.records()
        assert len(commands) == 200
        assert sorted(c["seq"] for c in commands) == list(range(1, 201))
        assert all(c["result"]["ok"] for c in commands)
        origins = [c["origin"].split(":")[0] for c in commands]
        assert (origins.count("console"), origins.count("control-api")) == (100, 100)
        assert session.clock.index == 199  # every GO and Next moved the show once
        lines = [line for line in session.onair_log.lines() if line.action in ("go", "next")]
        assert len(lines) == 200
        assert [line.detail.split(" ")[0] for line in lines] == [f"s{n}" for n in range(200)]
    finally:
        await api.cleanup()
        await session.close()
