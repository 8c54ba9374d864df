"""Show-engine figures: auto-advance → OBS program, crash → restarted API, commands from two
origins run exactly once, and the loop's longest stall while pre-flight's dialog is open."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.figure import Figure, Measure, median, percentile
from bench.qtloop import run
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.parts import StudioParts
from hostconsole.services.show import ShowSession
from tests.harness.app_process import AppProcess
from tests.harness.engine import longest_loop_gap, numbered_show
from tests.harness.obs import HeadlessObs

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"
ADVANCES = 200  # a p99 needs 200 samples


def _auto_show(count: int) -> str:
    lines = ["format: hostconsole-show/1", "title: 自动切换", "segments:"]
    for number in range(count):
        lines += [
            f"  - id: s{number}",
            f"    title: 环节 {number}",
            "    duration: 1s",
            "    end_action: next",
            f"    scene: {'Opening' if number % 2 else 'Studio'}",
        ]
    lines += ["  - id: last", "    title: 结束", "    duration: 10m", "    scene: Opening"]
    return "\n".join(lines) + "\n"


async def _advance_times(obs: HeadlessObs, folder: Path) -> list[float]:
    """Segment ran out (the clock's own moment) → CurrentProgramSceneChanged, per advance."""
    show = folder / "auto.show.yaml"
    show.write_text(_auto_show(ADVANCES + 1), encoding="utf-8")
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=obs.port),
        folder / "data",
        parts=StudioParts(obs_password=lambda: obs.password),
    )
    await session.start()
    while session.obs is None or not session.obs.connected:
        await asyncio.sleep(0.02)
    result = await session.preflight(create=True)
    if result.failed:
        raise RuntimeError(f"pre-flight failed: {result.failed}")
    arrivals: list[tuple[str, float]] = []

    def listener(event: str, data: dict[str, Any]) -> None:
        if event == "CurrentProgramSceneChanged":
            arrivals.append((str(data.get("sceneName")), session.now()))

    session.obs.add_event_listener(listener)
    await session.go(0)
    deadline = time.monotonic() + ADVANCES + 15
    while session.clock.index < ADVANCES + 1 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)
    await session.commands.settled()
    commands = session.command_log.records()
    ran_out = [c["args"]["at"] for c in commands if c["origin"] == "automatic"]
    await session.close()
    samples = []
    for at in ran_out:
        later = [moment for _scene, moment in arrivals if moment >= at]
        if later:
            samples.append(min(later) - at)
    if len(samples) < ADVANCES:
        raise RuntimeError(f"only {len(samples)} of {ADVANCES} advances reached OBS")
    return samples


def auto_advance_to_program_p99_ms() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-engine-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
    ):
        samples = run(_advance_times(obs, Path(folder)))
    return Figure(
        "auto_advance_to_program_p99_ms",
        round(percentile(samples, 0.99) * 1000, 1),
        "ms",
        100,
        detail=f"{len(samples)} 'next' segments ran out → CurrentProgramSceneChanged (Cut, "
        f"30 fps); median {median(samples) * 1000:.0f} ms",
        samples=len(samples),
    )


def crash_restart_to_api_s() -> Figure:
    samples = []
    cold = []
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as folder:
        show = Path(folder) / "demo.show.yaml"
        show.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
        config = Path(folder) / "config"
        started = time.monotonic()
        app = AppProcess(config, show, resume=None).start()
        cold.append(time.monotonic() - started)
        app.post("/api/v1/go")
        app.post("/api/v1/next")
        for _round in range(3):
            time.sleep(0.5)
            app.kill()
            down = time.monotonic()
            app = AppProcess(config, show, resume=None)
            app.start(wait=30)
            while app.state()["segment"]["id"] != "driverless":
                time.sleep(0.05)
            samples.append(time.monotonic() - down)
        app.close()
    return Figure(
        "crash_restart_to_api_s",
        round(max(samples), 2),
        "s",
        3,
        detail=f"SIGKILL mid-show → default flags → /api/v1/state with the resumed segment, "
        f"worst of {len(samples)}; a first start took {cold[0]:.2f} s",
    )


async def _interleaved(folder: Path) -> tuple[int, int]:
    from hostconsole.remote.control_api import ControlApi
    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.logpanel import QtLogHandler

    show = folder / "long.show.yaml"
    show.write_text(numbered_show(250), encoding="utf-8")
    session = ShowSession(
        ShowDocument.open(show),
        Settings(),
        folder / "data",
        parts=StudioParts(obs_control=False),
    )
    await session.start()
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    console = ProducerConsole(session, QtLogHandler())
    console.show()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:

        async def from_the_api() -> None:
            for number in range(100):
                await client.post("/api/v1/go" if number % 2 else "/api/v1/next", json={})

        async def from_the_console() -> None:
            for number in range(100):
                console.actions_by_name["go" if number % 2 else "next"].trigger()
                await asyncio.sleep(0.002)

        await asyncio.gather(from_the_api(), from_the_console())
    await session.commands.settled()
    lines = [line for line in session.onair_log.lines() if line.action in ("go", "next")]
    commands = [c for c in session.command_log.records() if c["result"]["ok"]]
    index = session.clock.index
    console.hide()  # not close(): the last window closing would quit Qt's loop
    console.deleteLater()
    await api.cleanup()
    await session.close()
    executed = min(len(lines), len(commands), index + 1)
    doubled = max(len(lines), len(commands), index + 1) - 200
    return max(200 - executed, 0), max(doubled, 0)


def commands_lost_or_doubled() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as folder:
        lost, doubled = run(_interleaved(Path(folder)))
    return Figure(
        "commands_lost_or_doubled",
        lost + doubled,
        "commands",
        0,
        detail=f"100 GO/Next from the control API interleaved with 100 from the console: "
        f"{lost} lost, {doubled} doubled (on-air log, command log and run sheet compared)",
    )


async def _dialog_stall(obs: HeadlessObs, folder: Path) -> tuple[float, float]:
    from PySide6.QtWidgets import QMessageBox

    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.logpanel import QtLogHandler

    show = folder / "demo.show.yaml"
    show.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=obs.port),
        folder / "data",
        parts=StudioParts(obs_password=lambda: obs.password),
    )
    await session.start()
    console = ProducerConsole(session, QtLogHandler())
    console.show()
    while session.obs is None or not session.obs.connected:
        await asyncio.sleep(0.02)
    baseline = await longest_loop_gap(2.0, 0.005)
    console.obs_panel.preflight_requested.emit()
    while getattr(console, "preflight_dialog", None) is None:
        await asyncio.sleep(0.01)
    stall = await longest_loop_gap(2.0, 0.005)
    box = console.preflight_dialog
    (box.button(QMessageBox.StandardButton.No) or box.button(QMessageBox.StandardButton.Ok)).click()
    console.hide()  # not close(): the last window closing would quit Qt's loop
    console.deleteLater()
    await session.close()
    return stall, baseline


def loop_stall_during_dialog_ms() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-engine-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
    ):
        stall, baseline = run(_dialog_stall(obs, Path(folder)))
    return Figure(
        "loop_stall_during_dialog_ms",
        round(stall * 1000, 1),
        "ms",
        50,
        detail=f"longest gap of a 5 ms asyncio timer over 2 s with pre-flight's dialog open; "
        f"{baseline * 1000:.1f} ms with no dialog",
    )


FIGURES: dict[str, Measure] = {
    "auto_advance_to_program_p99_ms": auto_advance_to_program_p99_ms,
    "crash_restart_to_api_s": crash_restart_to_api_s,
    "commands_lost_or_doubled": commands_lost_or_doubled,
    "loop_stall_during_dialog_ms": loop_stall_during_dialog_ms,
}
