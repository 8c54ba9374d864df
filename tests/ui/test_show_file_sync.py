"""The show file is never clobbered: outside edits are taken in, symlinks and permissions kept,
a failed save shown and retried — all through the console's own edit dialog."""

from __future__ import annotations

import asyncio
import os
import stat
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.parts import StudioParts
from hostconsole.services.show import ShowSession
from tests.harness.waiting import until
from tests.ui.test_show_engine import SHORT_SHOW, console_for

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

# The producer's own file: a comment, a goal, the key order — everything an editor keeps.
PRODUCER_SHOW = SHORT_SHOW.replace(
    "title: 引擎测试\n", "title: 引擎测试\n# 制片备注：不要删\ngoal: 120\n"
)


async def open_file(path: Path) -> ShowSession:
    session = ShowSession(
        ShowDocument.open(path),
        Settings(),
        path.parent / "data",
        parts=StudioParts(obs_control=False),
    )
    await session.start()
    return session


async def edit_duration(console: ProducerConsole, row: int, duration: str) -> None:
    """Select a row, Edit…, type a duration, OK: as the producer does."""
    console.table.selectRow(row)
    console._edit_segment()
    dialog = console.segment_dialog
    dialog.duration.setText(duration)  # type: ignore[attr-defined]
    dialog.accept()
    await console.session.commands.settled()
    await asyncio.sleep(0)


async def mount(*arguments: str) -> None:
    process = await asyncio.create_subprocess_exec("mount", *arguments)
    assert await process.wait() == 0, arguments


@pytest.fixture
def producer_file(tmp_path: Path) -> Path:
    path = tmp_path / "show" / "engine.show.yaml"
    path.parent.mkdir()
    path.write_text(PRODUCER_SHOW, encoding="utf-8")
    return path


async def test_an_outside_edit_is_kept_when_the_console_edits_next(
    qtbot: QtBot, producer_file: Path, log_handler: QtLogHandler
) -> None:
    session = await open_file(producer_file)
    console = await console_for(qtbot, session, log_handler)
    try:
        # In a text editor, while the app runs: a new title, goal and comment.
        text = producer_file.read_text(encoding="utf-8")
        text = text.replace("title: 引擎测试", "title: 引擎测试（改）").replace(
            "goal: 120", "goal: 300"
        )
        producer_file.write_text(text + "# 新的备注\n", encoding="utf-8")
        await edit_duration(console, 2, "7m")  # at once, before the file watcher has looked
        saved = producer_file.read_text(encoding="utf-8")
        assert "title: 引擎测试（改）" in saved
        assert "goal: 300" in saved
        assert "# 制片备注：不要删" in saved and "# 新的备注" in saved
        assert "duration: 7m" in saved
        assert session.show.title == "引擎测试（改）"
        assert session.show.segments[2].duration == 420
    finally:
        await session.close()


async def test_an_outside_edit_is_taken_in_while_the_show_runs(
    qtbot: QtBot, producer_file: Path, log_handler: QtLogHandler
) -> None:
    session = await open_file(producer_file)
    console = await console_for(qtbot, session, log_handler)
    try:
        console.actions_by_name["go"].trigger()
        await session.commands.settled()
        text = producer_file.read_text(encoding="utf-8").replace("title: 讲解", "title: 讲解（新）")
        producer_file.write_text(text, encoding="utf-8")
        await until(lambda: session.show.segments[1].title == "讲解（新）", 10, "the reload")
        await until(lambda: console.model.index(1, 1).data() == "讲解（新）", 5, "the table")
        assert session.current_segment().id in ("opening", "talk")  # the show went on
        # A broken save in the editor is not taken in, and the edit here is refused.
        producer_file.write_text(text.replace("segments:", "segments: {"), encoding="utf-8")
        await until(lambda: session.show_file_conflict is not None, 10, "the broken file noticed")
        await edit_duration(console, 2, "9m")
        assert "segments: {" in producer_file.read_text(encoding="utf-8")  # not clobbered
        assert session.show.segments[2].duration == 120
        await until(console.problems.isVisible, 5, "the problem shown")
        assert "error" in console.problems.text.text()
    finally:
        await session.close()


async def test_a_symlinked_show_file_stays_a_symlink_with_its_permissions(
    qtbot: QtBot, producer_file: Path, log_handler: QtLogHandler
) -> None:
    os.chmod(producer_file, 0o640)
    link = producer_file.parent / "today.show.yaml"
    link.symlink_to(producer_file.name)
    session = await open_file(link)
    console = await console_for(qtbot, session, log_handler)
    try:
        await edit_duration(console, 2, "4m")
        assert link.is_symlink()
        assert "duration: 4m" in producer_file.read_text(encoding="utf-8")
        assert stat.S_IMODE(producer_file.stat().st_mode) == 0o640
    finally:
        await session.close()


@pytest.mark.expected_errors(r"could not be saved: Read-only file system")
async def test_a_failed_save_is_shown_kept_and_retried(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler
) -> None:
    assert os.geteuid() == 0, "this test mounts a read-only volume: run the suite as root (CI is)"
    folder = tmp_path / "volume"
    folder.mkdir()
    await mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder))
    try:
        path = folder / "engine.show.yaml"
        path.write_text(PRODUCER_SHOW, encoding="utf-8")
        session = ShowSession(
            ShowDocument.open(path),
            Settings(),
            tmp_path / "data",
            parts=StudioParts(obs_control=False),
        )
        await session.start()
        console = await console_for(qtbot, session, log_handler)
        try:
            await mount("-o", "remount,ro", str(folder))
            await edit_duration(console, 2, "6m")
            assert session.show.segments[2].duration == 360  # the edit is on the run sheet
            console._refresh()
            assert console.problems.isVisible()
            assert "not saved" in console.problems.text.text()
            assert console.problems.retry.isVisible()
            assert "duration: 2m" in path.read_text(encoding="utf-8")
            await mount("-o", "remount,rw", str(folder))
            console.problems.retry.click()
            await session.commands.settled()
            await until(lambda: session.show_file_problem is None, 5, "the retried save")
            assert "duration: 6m" in path.read_text(encoding="utf-8")
            console._refresh()
            assert not console.problems.isVisible()
        finally:
            await session.close()
    finally:
        unmount = await asyncio.create_subprocess_exec("umount", "-l", str(folder))
        await unmount.wait()
