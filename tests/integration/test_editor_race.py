"""A producer edits the run sheet while someone saves the show file in a text editor, 150
times: no editor save is ever undone by a console save (each is taken in, the console's edit
on top of it)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tests.harness.sessions import demo_session
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.asyncio

SAVES = 150


def _editor(path: Path, stop: threading.Event) -> None:
    """Read, add a token to the English title, write (as an editor does: a new file renamed
    into place), a few times a second."""
    for number in range(1, SAVES + 1):
        if stop.is_set():
            return
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith("title_en:"))
        lines[index] = f"{lines[index]} e{number}"
        partial = path.with_name(f".{path.name}.editor")
        partial.write_text("\n".join(lines), encoding="utf-8")
        os.replace(partial, path)
        time.sleep(0.004)


async def test_no_editor_save_is_undone_by_a_console_save(tmp_path: Path) -> None:
    session = await demo_session(tmp_path)
    path = Path(session.document.file)
    stop = threading.Event()
    editor = threading.Thread(target=_editor, args=(path, stop), daemon=True)
    try:
        editor.start()
        minutes = 3
        while editor.is_alive():
            minutes = 3 if minutes == 4 else 4
            await session.execute(
                "edit", "console", op="set", segment="qa", changes={"duration": f"{minutes}m"}
            )
        editor.join()

        def every_token_kept() -> bool:
            title = next(
                line
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("title_en:")
            )
            return all(f" e{n}" in f"{title} " for n in range(1, SAVES + 1))

        await wait_until(
            lambda: every_token_kept() and session.showfile.conflict is None,
            10,
            "every editor save in the file",
        )
        tokens = next(
            line for line in path.read_text(encoding="utf-8").splitlines() if "title_en" in line
        )
        assert all(f"e{n} " in tokens + " " for n in range(1, SAVES + 1)), tokens
    finally:
        stop.set()
        await session.close()
