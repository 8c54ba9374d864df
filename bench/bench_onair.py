"""On-air figures against a real headless OBS: sale → counter graphic in OBS, updates per
burst, GO with its graphics."""

from __future__ import annotations

import asyncio
import bisect
import random
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import obsws_python

from bench.figure import BROKEN, Figure, Measure, percentile
from bench.qtloop import run
from hostconsole.adapters.sales.model import Observation, OrdersSeen
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.parts import StudioParts
from hostconsole.services.show import ShowSession
from tests.harness.obs import HeadlessObs
from tests.harness.salesfeed import FeedServer

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"
COUNTER = "HC Voucher Counter"


async def _session(
    obs: HeadlessObs, folder: Path, feed: FeedServer | None, show: Path | None = None
) -> ShowSession:
    """``show`` (default: a copy of the demo) on OBS with its feed, pre-flight done."""
    if show is None:
        show = folder / "demo.show.yaml"
        shutil.copy(DEMO, show)
    settings = Settings(obs_port=obs.port)
    if feed is not None:
        settings.feed_kind = "stream"
        settings.stream_url = feed.stream_url
    session = ShowSession(
        ShowDocument.open(show),
        settings,
        folder / "data",
        parts=StudioParts(obs_password=lambda: obs.password),
        renderer=QtGraphicRenderer(folder / "graphics", folder),
    )
    await session.start()
    while session.obs is None or not session.obs.connected:
        await asyncio.sleep(0.02)
    result = await session.preflight(create=True)
    if result.failed:
        raise RuntimeError(f"pre-flight failed: {result.failed}")
    return session


class GraphicWatcher:
    """Reads the counter source's file back from OBS every few milliseconds on its own client:
    a new file is a new drawing OBS has loaded."""

    def __init__(self, obs: HeadlessObs) -> None:
        self.client = obsws_python.ReqClient(
            host="127.0.0.1", port=obs.port, password=obs.password, timeout=5
        )
        self.seen: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            path = self.client.send("GetInputSettings", {"inputName": COUNTER}, raw=True)[
                "inputSettings"
            ].get("file", "")
            self.seen.setdefault(path, time.time())
            time.sleep(0.003)

    def __enter__(self) -> GraphicWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self.client.disconnect()


async def _sale_to_graphic(
    obs: HeadlessObs, feed: FeedServer, folder: Path, sales: int
) -> list[float]:
    session = await _session(obs, folder, feed)
    emitted: dict[int, float] = {}
    sink = session.counter.observe

    async def timed(observation: Observation) -> None:
        if isinstance(observation, OrdersSeen) and observation.emitted_at is not None:
            emitted[session.counter.state.unique_sales + len(emitted) - len(emitted) + 1] = (
                observation.emitted_at
            )
        await sink(observation)

    assert session.stream is not None
    session.stream._sink = timed
    await session.goto("voucher-drop")
    while session.stream.status.state.value != "live":
        await asyncio.sleep(0.05)
    latencies: list[float] = []
    renderer = session.renderer
    assert isinstance(renderer, QtGraphicRenderer)
    with GraphicWatcher(obs) as watcher:
        feed.control(rate=4)
        while session.counter.count < sales:
            await asyncio.sleep(0.1)
        feed.control(rate=0)
        await asyncio.sleep(1.0)
        shown = {renderer.headings.get(path, ""): at for path, at in sorted(watcher.seen.items())}
        for count, at in emitted.items():
            heading = f"已售 {count:,} 张"
            if heading in shown and count <= sales:
                latencies.append(shown[heading] - at)
    await session.close()
    return latencies


def counter_to_obs_p99_ms() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-onair-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
        FeedServer("--rate", "0") as feed,
    ):
        samples = run(_sale_to_graphic(obs, feed, Path(folder), 240))
    if len(samples) < 200:
        raise RuntimeError(f"only {len(samples)} counter drawings were seen in OBS")
    return Figure(
        "counter_to_obs_p99_ms",
        round(percentile(samples, 0.99) * 1000, 1),
        "ms",
        250,
        detail=f"{len(samples)} sales at 4/s: stream → ledger → counter drawn → the new image "
        f"loaded by OBS (read back); median {percentile(samples, 0.5) * 1000:.0f} ms",
        samples=len(samples),
    )


class PixelWatcher:
    """Screenshots one source in OBS as fast as OBS answers, on its own client: the times its
    pixels changed (each the middle of the screenshot that first showed the change)."""

    def __init__(self, obs: HeadlessObs, source: str) -> None:
        self.client = obsws_python.ReqClient(
            host="127.0.0.1", port=obs.port, password=obs.password, timeout=5
        )
        self.source = source
        self.changes: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        last = ""
        while not self._stop.is_set():
            before = time.time()
            try:
                shot = self.client.send(
                    "GetSourceScreenshot",
                    {"sourceName": self.source, "imageFormat": "png", "imageWidth": 160},
                    raw=True,
                )["imageData"]
            except obsws_python.error.OBSSDKRequestError:
                continue  # "Failed to render screenshot" now and then: the next one will
            after = time.time()
            if shot != last:
                if last:
                    self.changes.append((before + after) / 2)
                last = shot

    def after(self, moment: float) -> float | None:
        """Seconds from ``moment`` to the first change after it."""
        index = bisect.bisect_right(self.changes, moment)
        return self.changes[index] - moment if index < len(self.changes) else None

    def __enter__(self) -> PixelWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self.client.disconnect()


PIXEL_SALES = 300
PIXEL_RATE = 10.0  # sales a second, at Poisson times


def _poisson_gaps(seed: int) -> list[float]:
    chance = random.Random(seed)
    return [chance.expovariate(PIXEL_RATE) for _ in range(PIXEL_SALES)]


def _bare_text_to_pixels(obs: HeadlessObs) -> list[float]:
    """A bare obsws-python client sets a text source's text at the same Poisson times: each
    SetInputSettings sent → the source's pixels changed."""
    client = obsws_python.ReqClient(
        host="127.0.0.1", port=obs.port, password=obs.password, timeout=5
    )
    scene = client.send("GetCurrentProgramScene", raw=True)["currentProgramSceneName"]
    kinds = client.send("GetInputKindList", raw=True)["inputKinds"]
    kind = next(k for k in ("text_ft2_source_v2", "text_gdiplus_v3") if k in kinds)
    client.send(
        "CreateInput",
        {
            "sceneName": scene,
            "inputName": "Bare Text",
            "inputKind": kind,
            "inputSettings": {"text": "0", "font": {"face": "Sans", "size": 96}},
        },
    )
    time.sleep(0.5)
    sent: list[float] = []
    with PixelWatcher(obs, "Bare Text") as watcher:
        time.sleep(0.3)
        for number, gap in enumerate(_poisson_gaps(11), start=1):
            time.sleep(gap)
            sent.append(time.time())
            client.send(
                "SetInputSettings",
                {"inputName": "Bare Text", "inputSettings": {"text": f"{number:,}"}},
            )
        time.sleep(1.0)
        latencies = [d for d in (watcher.after(t) for t in sent) if d is not None]
    client.send("RemoveInput", {"inputName": "Bare Text"})
    client.disconnect()
    return latencies


async def _sale_to_pixels(obs: HeadlessObs, feed: FeedServer, folder: Path) -> list[float]:
    """Sales on the wire at Poisson times, 10 a second, with the counter on air: each sale's
    emission by the platform → the counter's pixels changed in OBS."""
    session = await _session(obs, folder, feed)
    emitted: list[float] = []
    sink = session.counter.observe

    async def timed(observation: Observation) -> None:
        if isinstance(observation, OrdersSeen) and observation.emitted_at is not None:
            emitted.extend([observation.emitted_at] * len(observation.orders))
        await sink(observation)

    assert session.stream is not None
    session.stream._sink = timed
    await session.goto("voucher-drop")  # the counter and the flash-sale clock on air
    while session.stream.status.state.value != "live":
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)

    def sell() -> None:
        for gap in _poisson_gaps(11):
            time.sleep(gap)
            feed.control(sell=1)

    with PixelWatcher(obs, COUNTER) as watcher:
        await asyncio.get_running_loop().run_in_executor(None, sell)
        while session.counter.count < PIXEL_SALES:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)
        latencies = [d for d in (watcher.after(t) for t in emitted) if d is not None]
    await session.close()
    return latencies


def counter_to_pixels_p99_ratio() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-pixels-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
        FeedServer("--rate", "0") as feed,
    ):
        app = run(_sale_to_pixels(obs, feed, Path(folder)))
        bare = _bare_text_to_pixels(obs)
    if len(app) < PIXEL_SALES * 0.9 or len(bare) < PIXEL_SALES * 0.9:
        raise RuntimeError(f"changes seen for only {len(app)} sales and {len(bare)} texts")
    app_p99, bare_p99 = percentile(app, 0.99), percentile(bare, 0.99)
    return Figure(
        "counter_to_pixels_p99_ratio",
        round(app_p99 / bare_p99, 2),
        "x",
        2,
        detail=f"{len(app)} sales at Poisson times, 10/s: on the wire → the counter's pixels "
        f"changed in OBS (GetSourceScreenshot) p99 {app_p99 * 1000:.0f} ms (median "
        f"{percentile(app, 0.5) * 1000:.0f}); a bare SetInputSettings of a text source → its "
        f"pixels at the same times p99 {bare_p99 * 1000:.0f} ms (median "
        f"{percentile(bare, 0.5) * 1000:.0f}), the baseline",
        baseline=round(bare_p99 * 1000, 1),
        samples=len(app),
    )


async def _updates_per_burst(
    obs: HeadlessObs, feed: FeedServer, folder: Path
) -> tuple[int, str, int]:
    session = await _session(obs, folder, feed)
    assert session.stream is not None and session.live_graphics is not None
    await session.goto("voucher-drop")
    while session.stream.status.state.value != "live":
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    before = session.live_graphics.updates_sent
    feed.control(rate=1000)
    await asyncio.sleep(1.0)
    sold = int(feed.control(rate=0)["sold"])
    while session.counter.count < sold:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    updates = session.live_graphics.updates_sent - before
    assert session.obs is not None
    path = (await session.obs.input_settings(COUNTER))["file"]
    renderer = session.renderer
    assert isinstance(renderer, QtGraphicRenderer)
    text = renderer.headings.get(path, "")
    await session.close()
    return updates, text, sold


def obs_text_updates_per_1000_sales() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-onair-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
        FeedServer("--rate", "0") as feed,
    ):
        updates, text, sold = run(_updates_per_burst(obs, feed, Path(folder)))
    per_thousand = updates * 1000 / max(sold, 1)
    right = text == f"已售 {sold:,} 张"
    # Few updates is the point, but none (or a wrong last count on air) is a broken counter.
    works = right and updates >= 1
    return Figure(
        "obs_text_updates_per_1000_sales",
        round(per_thousand, 1) if works else BROKEN,
        "updates",
        20,
        detail=f"{sold} sales in 1 s over SSE: {updates} counter drawings sent to OBS; the last "
        f"{'= the exact count' if right else f'WRONG: {text!r}'}",
    )


GO_ROUNDS = 200  # a p99 needs at least this many samples


def _four_graphics_show(folder: Path) -> Path:
    """The demo show with a voucher drop that puts four graphics on air in its cue: the lower
    third and the product card sliding, the caption fading, the flash-sale card; Q&A takes
    all four off again (so each GO animates)."""
    text = DEMO.read_text(encoding="utf-8")
    text = text.replace(
        "    show_overlays: [counter, product_card, flash_sale]\n",
        "    host: deputy\n    show_overlays: [lower_third, product_card, caption, flash_sale]\n",
    ).replace(
        "    hide_overlays: [product_card, flash_sale]\n",
        "    hide_overlays: [lower_third, product_card, caption, flash_sale]\n",
    )
    show = folder / "four.show.yaml"
    show.write_text(text, encoding="utf-8")
    return show


async def _go_times(obs: HeadlessObs, folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    """(GO request → CurrentProgramSceneChanged for GOs whose cue animates four graphics on,
    each after Q&A and Clear graphics; the same scene switch alone, SetCurrentProgramScene
    through the link)."""
    session = await _session(obs, folder, None, _four_graphics_show(folder))
    link = session.obs
    assert link is not None
    targets = (("voucher-drop", "Voucher Drop"), ("qa", "Studio"))

    async def timed(scene: str, start: Any) -> float:
        changed: asyncio.Future[float] = asyncio.get_running_loop().create_future()

        def listener(event: str, data: dict[str, object]) -> None:
            wanted = event == "CurrentProgramSceneChanged" and data.get("sceneName") == scene
            if wanted and not changed.done():
                changed.set_result(time.perf_counter())

        link.add_event_listener(listener)
        started = time.perf_counter()
        await start()
        try:
            return await asyncio.wait_for(changed, 5) - started
        finally:
            link.remove_event_listener(listener)

    go: list[float] = []
    bare: list[float] = []
    for _ in range(rounds):
        # Off everywhere first, so the voucher drop's cue animates all four on each time.
        await session.goto("qa")
        await session.execute("clear-graphics", "bench")
        await asyncio.sleep(0.05)
        go.append(await timed("Voucher Drop", lambda: session.goto("voucher-drop")))
    await session.commands.settled()
    for number in range(rounds):
        _segment, scene = targets[(number + 1) % 2]  # the voucher drop is on program now
        request = {"sceneName": scene}
        bare.append(
            await timed(
                scene, lambda request=request: link.request("SetCurrentProgramScene", request)
            )
        )
        await asyncio.sleep(0.05)
    await session.close()
    return go, bare


def go_to_program_p99_ms() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-onair-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
    ):
        go, bare = run(_go_times(obs, Path(folder), GO_ROUNDS))
    return Figure(
        "go_to_program_p99_ms",
        round(percentile(go, 0.99) * 1000, 1),
        "ms",
        60,
        detail=f"{GO_ROUNDS} GOs whose cue animates four graphics on (two sliding, one fading, "
        f"the flash-sale card; all off before each) → CurrentProgramSceneChanged, Cut at "
        f"30 fps; "
        f"median {percentile(go, 0.5) * 1000:.1f} ms; the scene switch alone: p99 "
        f"{percentile(bare, 0.99) * 1000:.1f}, median {percentile(bare, 0.5) * 1000:.1f} ms",
        baseline=round(percentile(bare, 0.99) * 1000, 1),
        samples=len(go),
    )


FIGURES: dict[str, Measure] = {
    "counter_to_pixels_p99_ratio": counter_to_pixels_p99_ratio,
    "counter_to_obs_p99_ms": counter_to_obs_p99_ms,
    "obs_text_updates_per_1000_sales": obs_text_updates_per_1000_sales,
    "go_to_program_p99_ms": go_to_program_p99_ms,
}
