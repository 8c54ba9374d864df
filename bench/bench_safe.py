"""SAFE against a real headless OBS: the press → OBS's program on the standby scene with every
named microphone muted (OBS's own events), and Back on air → the scene and mutes as before."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.bench_onair import DEMO, _session
from bench.figure import BROKEN, Figure, Measure, percentile
from bench.qtloop import run
from tests.harness.obs import HeadlessObs, add_microphones

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from hostconsole.services.show import ShowSession

ROUNDS = 200  # a p99 needs at least this many samples
MICROPHONES = ("Presenter Mic", "Guest Mic")


def _show_with_microphones(folder: Path) -> Path:
    show = folder / "safe.show.yaml"
    text = DEMO.read_text(encoding="utf-8")
    show.write_text(
        text.replace("microphones: [Mic/Aux]", f"microphones: [{', '.join(MICROPHONES)}]"),
        encoding="utf-8",
    )
    return show


async def _until_obs_says(
    session: ShowSession,
    scene: str,
    muted: bool | None,
    start: Callable[[], Awaitable[Any]],
) -> float:
    """Seconds from ``start`` to OBS's events: ``scene`` on program and (unless None) every
    microphone's mute as asked; a change that never comes fails after 5 s."""
    link = session.obs
    assert link is not None
    waiting = {("scene", scene)} | (
        {("mute", name) for name in MICROPHONES} if muted is not None else set()
    )
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def listener(event: str, data: dict[str, object]) -> None:
        if event == "CurrentProgramSceneChanged" and data.get("sceneName") == scene:
            waiting.discard(("scene", scene))
        elif event == "InputMuteStateChanged" and data.get("inputMuted") == muted:
            waiting.discard(("mute", str(data.get("inputName"))))
        if not waiting and not done.done():
            done.set_result(time.perf_counter())

    link.add_event_listener(listener)
    started = time.perf_counter()
    try:
        await start()
        return await asyncio.wait_for(done, 5) - started
    finally:
        link.remove_event_listener(listener)


async def _safe_times(
    obs: HeadlessObs, folder: Path, rounds: int
) -> tuple[list[float], list[float], list[float]]:
    """(SAFE → standby and mutes, Back on air → the scene and mutes as before, a bare
    SetCurrentProgramScene → its event), each ``rounds`` times."""
    session = await _session(obs, folder, None, _show_with_microphones(folder))
    link = session.obs
    assert link is not None
    await session.goto("models")  # the product card and the counter on air
    standby = session.show.safe.scene
    off: list[float] = []
    back: list[float] = []
    bare: list[float] = []
    for _ in range(rounds):
        off.append(
            await _until_obs_says(
                session, standby, True, lambda: session.execute("safe", "bench", on=True)
            )
        )
        await asyncio.sleep(0.03)
        back.append(
            await _until_obs_says(
                session, "Product", False, lambda: session.execute("safe", "bench", on=False)
            )
        )
        await asyncio.sleep(0.03)
    for number in range(rounds):
        scene = (standby, "Product")[number % 2]

        async def switch(scene: str = scene) -> None:
            await link.request("SetCurrentProgramScene", {"sceneName": scene})

        bare.append(await _until_obs_says(session, scene, None, switch))
        await asyncio.sleep(0.03)
    await session.close()
    return off, back, bare


def safe_to_program_p99_ms() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-safe-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
    ):
        add_microphones(obs, MICROPHONES)
        try:
            off, back, bare = run(_safe_times(obs, Path(folder), ROUNDS))
        except TimeoutError:
            return Figure(
                "safe_to_program_p99_ms",
                BROKEN,
                "ms",
                100,
                detail="SAFE or Back on air never reached OBS's program and microphones",
            )
    worst = max(percentile(off, 0.99), percentile(back, 0.99))
    return Figure(
        "safe_to_program_p99_ms",
        round(worst * 1000, 1),
        "ms",
        100,
        detail=f"the worse of {ROUNDS} SAFE presses (→ standby on program and both microphones "
        f"muted, by OBS's events: p99 {percentile(off, 0.99) * 1000:.1f}, median "
        f"{percentile(off, 0.5) * 1000:.1f} ms) and {ROUNDS} Back on air (→ the scene, its "
        f"two graphics and the mutes as before: p99 {percentile(back, 0.99) * 1000:.1f}, "
        f"median {percentile(back, 0.5) * 1000:.1f} ms); Cut at 30 fps; the scene switch "
        f"alone: p99 {percentile(bare, 0.99) * 1000:.1f} ms",
        baseline=round(percentile(bare, 0.99) * 1000, 1),
        samples=len(off) + len(back),
    )


FIGURES: dict[str, Measure] = {"safe_to_program_p99_ms": safe_to_program_p99_ms}
