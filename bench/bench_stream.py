"""The stream watch against a real headless OBS streaming to a real RTMP ingest: the ingest
stopped → the alarm in the control API's state JSON, against OBS itself saying so to a bare
client polling GetStreamStatus in the same rounds."""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path

import httpx
import obsws_python

from bench.bench_onair import _session
from bench.figure import BROKEN, Figure, Measure
from bench.qtloop import run
from hostconsole.remote.control_api import ControlApi
from tests.harness.obs import HeadlessObs
from tests.harness.rtmp import RtmpReceiver

ROUNDS = 5


class ObsSaysReconnecting:
    """A bare obsws-python client polling GetStreamStatus every 20 ms: when OBS itself first
    says it is reconnecting."""

    def __init__(self, obs: HeadlessObs) -> None:
        self.client = obsws_python.ReqClient(
            host="127.0.0.1", port=obs.port, password=obs.password, timeout=5
        )
        self.since: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            status = self.client.send("GetStreamStatus", raw=True)
            if status.get("outputReconnecting") and self.since is None:
                self.since = time.monotonic()
            time.sleep(0.02)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.client.disconnect()


async def _rounds(obs: HeadlessObs, folder: Path) -> tuple[list[float], list[float]]:
    """(ingest killed → "reconnecting" in the state JSON, → OBS says so) per round."""
    with RtmpReceiver() as ingest:
        session = await _session(obs, folder, None)
        link = session.obs
        assert link is not None
        await link.request(
            "SetStreamServiceSettings",
            {
                "streamServiceType": "rtmp_custom",
                "streamServiceSettings": {"server": ingest.server, "key": ingest.key},
            },
        )
        api = ControlApi(session, "127.0.0.1", 0, None)
        port = await api.start()
        watched: list[float] = []
        bare: list[float] = []
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:

                async def kinds() -> set[str]:
                    state = (await client.get("/api/v1/state")).json()
                    return {alarm["kind"] for alarm in state["alarms"]}

                async def until(wanted: bool, within: float) -> float:
                    started = time.monotonic()
                    while ("reconnecting" in await kinds()) != wanted:
                        if time.monotonic() - started > within:
                            raise TimeoutError(f"reconnecting={wanted} not within {within} s")
                        await asyncio.sleep(0.02)
                    return time.monotonic()

                await session.go(0)
                await client.post("/api/v1/stream", json={"on": True})
                for _ in range(ROUNDS):
                    await until(False, 60)
                    await asyncio.sleep(2.0)  # streaming steadily again
                    poller = ObsSaysReconnecting(obs)
                    try:
                        stopped = time.monotonic()
                        ingest.kill()
                        seen = await until(True, 10)
                        watched.append(seen - stopped)
                        while poller.since is None and time.monotonic() - stopped < 10:
                            await asyncio.sleep(0.02)
                        bare.append((poller.since or time.monotonic()) - stopped)
                    finally:
                        poller.close()
                    ingest.start()
                await client.post("/api/v1/stream", json={"on": False, "confirm": True})
        finally:
            await api.cleanup()
            await session.close()
    return watched, bare


def stream_fault_alarm_s() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-stream-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
    ):
        try:
            watched, bare = run(_rounds(obs, Path(folder)))
        except TimeoutError as error:
            return Figure(
                "stream_fault_alarm_s",
                BROKEN,
                "s",
                3,
                detail=f"the ingest stopped but the state JSON never said so: {error}",
            )
    return Figure(
        "stream_fault_alarm_s",
        round(max(watched), 2),
        "s",
        3,
        detail=f"worst of {ROUNDS}: OBS streaming to an ffmpeg RTMP ingest on 127.0.0.1, the "
        f"ingest killed → “reconnecting” among the alarms of GET /api/v1/state (polled every "
        f"20 ms): {', '.join(f'{s:.2f}' for s in watched)} s; OBS itself said so to a bare "
        f"client polling GetStreamStatus after {', '.join(f'{s:.2f}' for s in bare)} s",
        baseline=round(max(bare), 2),
        samples=ROUNDS,
    )


FIGURES: dict[str, Measure] = {"stream_fault_alarm_s": stream_fault_alarm_s}
