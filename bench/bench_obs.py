"""OBS link figures against a real headless OBS: switch overhead and re-sync after a crash."""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path

import obsws_python

from bench.figure import Figure, Measure, median
from bench.qtloop import run
from hostconsole.adapters.obs.link import ObsLink, ObsSettings
from tests.harness.obs import HeadlessObs

SWITCHES = 60


async def until_connected(link: ObsLink, connected: bool = True) -> None:
    """Wait for the link's state to be (or stop being) connected, woken by its listener."""
    changed = asyncio.Event()
    link.add_status_listener(lambda _status: changed.set())
    while link.connected is not connected:
        changed.clear()
        await asyncio.wait_for(changed.wait(), 30)


SCENES = ("Opening", "Studio")


def _bare_switch_times(server: HeadlessObs) -> list[float]:
    """Call → CurrentProgramSceneChanged through a bare obsws-python client."""
    changed = threading.Event()
    requests = obsws_python.ReqClient(
        host="127.0.0.1", port=server.port, password=server.password, timeout=3
    )
    events = obsws_python.EventClient(
        host="127.0.0.1", port=server.port, password=server.password, timeout=3
    )

    def on_current_program_scene_changed(data: object) -> None:
        changed.set()

    events.callback.register(on_current_program_scene_changed)
    samples = []
    try:
        for number in range(SWITCHES):
            changed.clear()
            started = time.perf_counter()
            requests.set_current_program_scene(SCENES[number % 2])
            if not changed.wait(3):
                raise RuntimeError("bare client: no CurrentProgramSceneChanged")
            samples.append(time.perf_counter() - started)
    finally:
        events.disconnect()
        requests.disconnect()
    return samples


async def _adapter_switch_times(server: HeadlessObs) -> list[float]:
    link = ObsLink(ObsSettings(port=server.port), lambda: server.password)
    link.start()
    try:
        await until_connected(link)
        samples = []
        for number in range(SWITCHES):
            started = time.perf_counter()
            await link.set_program_scene(SCENES[number % 2], confirm=True)
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        await link.stop()


def obs_scene_switch_overhead_ratio() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-obs-") as root,
        HeadlessObs(Path(root)) as server,
    ):
        # Interleave rounds so OBS's own warm-up and drift affect both sides alike.
        bare: list[float] = []
        adapter: list[float] = []
        for _ in range(3):
            bare += _bare_switch_times(server)
            adapter += run(_adapter_switch_times(server))
    ratio = median(adapter) / median(bare)
    return Figure(
        "obs_scene_switch_overhead_ratio",
        round(ratio, 3),
        "x",
        1.2,
        detail=f"adapter median {median(adapter) * 1000:.1f} ms vs bare obsws-python "
        f"{median(bare) * 1000:.1f} ms, Cut transition, {3 * SWITCHES} switches each",
    )


async def _resync_times(server: HeadlessObs, rounds: int) -> list[float]:
    link = ObsLink(ObsSettings(port=server.port), lambda: server.password)
    link.start()
    loop = asyncio.get_running_loop()
    samples = []
    try:
        await until_connected(link)
        await link.set_text("Seed Text", "已售 11 张")
        await link.set_visible("Studio", "Seed Text", False)
        for _ in range(rounds):
            await loop.run_in_executor(None, server.kill)
            await until_connected(link, connected=False)
            await loop.run_in_executor(None, server.start)
            up = time.perf_counter()  # OBS accepts websocket connections again
            await until_connected(link)
            samples.append(time.perf_counter() - up)
            report = link.last_resync
            assert report is not None and report.corrections, "re-sync restored nothing"
    finally:
        await link.stop()
    return samples


def obs_resync_after_restart_s() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-obs-") as root,
        HeadlessObs(Path(root)) as server,
    ):
        samples = run(_resync_times(server, 3))
    return Figure(
        "obs_resync_after_restart_s",
        round(max(samples), 3),
        "s",
        2.0,
        detail="worst of 3 SIGKILL+restart rounds: OBS up → connected and re-synced "
        f"(each: {', '.join(f'{s:.2f}' for s in samples)} s)",
    )


FIGURES: dict[str, Measure] = {
    "obs_scene_switch_overhead_ratio": obs_scene_switch_overhead_ratio,
    "obs_resync_after_restart_s": obs_resync_after_restart_s,
}
