"""The demo show in a session of a test's own folder, with no OBS in reach (it is expected on a
port where nothing listens), and the control API served for it on 127.0.0.1."""

from __future__ import annotations

import contextlib
import shutil
import socket
from typing import TYPE_CHECKING

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.parts import StudioParts
from hostconsole.remote.control_api import ControlApi
from hostconsole.services.show import ShowSession
from tests.conftest import DEMO_SHOW

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

# A segment title too long for one line: views must wrap or shrink it, never cut it.
LONG_TITLE = "无人驾驶技术讲解：激光雷达、毫米波雷达与高精地图如何让车辆在城市道路安全行驶"
LONG_TITLE_EN = "Driverless technology explained: lidar, radar and HD maps on city streets"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # nothing listens here once the probe is closed


def demo_show_file(folder: Path, *, long_titles: bool = False) -> Path:
    """A copy of the demo show in ``folder`` (with its driverless segment's titles made long)."""
    show = folder / ("long.show.yaml" if long_titles else "demo.show.yaml")
    shutil.copy(DEMO_SHOW, show)
    if long_titles:
        text = show.read_text(encoding="utf-8")
        text = text.replace("title: 无人驾驶技术讲解\n", f'title: "{LONG_TITLE}"\n')
        text = text.replace(
            "title_en: Driverless technology explained\n", f'title_en: "{LONG_TITLE_EN}"\n'
        )
        show.write_text(text, encoding="utf-8")
    return show


def clipped_demo_show(folder: Path, before: float, after: float, delay: float) -> Path:
    """A copy of the demo show whose ``recording:`` cuts clips of these lengths."""
    show = demo_show_file(folder)
    show.write_text(
        show.read_text(encoding="utf-8")
        + f"\nrecording:\n  clip_before: {before:g}\n  clip_after: {after:g}\n"
        f"  clip_delay: {delay:g}\n",
        encoding="utf-8",
    )
    return show


async def demo_session(
    folder: Path,
    *,
    show: Path | None = None,
    settings: Settings | None = None,
    connect_obs: bool = False,
    resume: bool = False,
    now: Callable[[], float] | None = None,
) -> ShowSession:
    """``show`` (default: a copy of the demo show) started with its data in ``folder``/data;
    with ``resume``, from the run state a previous session there saved."""
    session = ShowSession(
        ShowDocument.open(show or demo_show_file(folder)),
        settings or Settings(obs_port=closed_port()),
        folder / "data",
        parts=StudioParts(obs_control=connect_obs, obs_password=lambda: "x"),
        now=now,
    )
    await session.start(resume=session.saved_state() if resume else None)
    return session


@contextlib.asynccontextmanager
async def serving(session: ShowSession) -> AsyncIterator[tuple[ControlApi, int]]:
    """The control API for ``session`` on a free port of 127.0.0.1: (api, port)."""
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    try:
        yield api, port
    finally:
        await api.cleanup()
