"""Clips from a real OBS replay buffer: a milestone → its clip cut and readable (beyond the
configured delay), against OBS saving the buffer for a bare client in the same run."""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
import time
from pathlib import Path

import obsws_python

from bench.bench_onair import _session
from bench.figure import BROKEN, Figure, Measure
from bench.qtloop import run
from hostconsole.adapters.sales.model import Order, OrdersSeen
from tests.harness.obs import HeadlessObs
from tests.harness.sessions import clipped_demo_show

BEFORE, AFTER, DELAY = 5.0, 3.0, 5.0


def _readable(path: str) -> bool:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return result.returncode == 0 and float(result.stdout.strip()) > 0
    except ValueError:
        return False


async def _milestone_clips(obs: HeadlessObs, folder: Path) -> list[float]:
    session = await _session(obs, folder, None, clipped_demo_show(folder, BEFORE, AFTER, DELAY))
    link = session.obs
    assert link is not None
    await link.request("StartReplayBuffer")
    await session.goto("voucher-drop")
    await asyncio.sleep(BEFORE + 1)
    seconds: list[float] = []
    sold = 0
    try:
        for milestone in session.show.milestones:
            while sold < milestone:
                sold += 1
                await session.counter.observe(OrdersSeen((Order(f"c-{sold}"),), "h", "stream"))
            reached = time.monotonic()
            wanted = len(seconds) + 1
            while True:
                made = session.clips.clips
                if len(made) >= wanted and made[-1].file and _readable(made[-1].file):
                    break
                if time.monotonic() - reached > DELAY + 60:
                    raise TimeoutError(f"no clip of milestone {milestone}")
                await asyncio.sleep(0.05)
            seconds.append(time.monotonic() - reached - DELAY)
            await asyncio.sleep(1.0)
    finally:
        await session.close()
    return seconds


def _bare_save(obs: HeadlessObs, folder: Path) -> float:
    """SaveReplayBuffer from a bare client → OBS's file there, readable."""
    client = obsws_python.ReqClient(
        host="127.0.0.1", port=obs.port, password=obs.password, timeout=5
    )
    try:
        before = set(folder.glob("Replay*"))
        started = time.monotonic()
        client.send("SaveReplayBuffer")
        while True:
            new = [p for p in folder.glob("Replay*") if p not in before]
            if new and _readable(str(new[0])):
                return time.monotonic() - started
            if time.monotonic() - started > 30:
                raise TimeoutError("OBS did not save the replay buffer")
            time.sleep(0.05)
    finally:
        client.disconnect()


def clip_after_milestone_s() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-clips-") as name:
        folder = Path(name)
        recordings = folder / "recordings"
        recordings.mkdir()
        obs = HeadlessObs(folder / "obs", canvas=(1920, 1080))
        obs.record_to(recordings, replay_buffer_seconds=60)  # OBS makes the buffer at start
        try:
            obs.start()
            try:
                seconds = run(_milestone_clips(obs, folder))
            except TimeoutError as error:
                return Figure("clip_after_milestone_s", BROKEN, "s", 15, detail=str(error))
            bare = _bare_save(obs, recordings)
        finally:
            obs.close()
    return Figure(
        "clip_after_milestone_s",
        round(max(seconds), 2),
        "s",
        15,
        detail=f"worst of {len(seconds)} milestones at 1920×1080: the milestone → its "
        f"{BEFORE + AFTER:g} s clip cut by ffmpeg and readable by ffprobe, beyond the "
        f"configured {DELAY:g} s delay: {', '.join(f'{s:.2f}' for s in seconds)} s; OBS "
        f"saving the buffer for a bare client → the file readable: {bare:.2f} s",
        baseline=round(bare, 2),
        samples=len(seconds),
    )


FIGURES: dict[str, Measure] = {"clip_after_milestone_s": clip_after_milestone_s}
