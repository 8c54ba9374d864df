"""Application figures: start-up, a 1,000-segment show, loop lag under load, memory over 2 h."""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.bench_show import generated_show
from bench.figure import BROKEN, Figure, Measure, percentile
from bench.qtloop import run
from tests.harness.obs import free_port
from tests.harness.salesfeed import FeedServer

if TYPE_CHECKING:
    from collections.abc import Callable

if TYPE_CHECKING:
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.services.show import ShowSession

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "resources" / "demo.show.yaml"

# The bare side stops where the app does: once its window's first paint has been processed.
BARE_QT = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()

def shown():
    print(f"SHOWN {time.time():.6f}", flush=True)
    app.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False

first = FirstPaint()
window.installEventFilter(first)
window.show()
app.exec()
"""
PAIRS = 15  # start-ups measured in interleaved pairs: both sides see the same machine


def _launch_to_shown(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith("SHOWN "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no SHOWN line from {command[:3]}: {result.stdout}{result.stderr}")


def startup_vs_bare_qt_ratio() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOSTCONSOLE_EXIT_WHEN_SHOWN": "1",
            "HOSTCONSOLE_CONFIG_DIR": folder,
        }
        # Started as users start it: from cached bytecode (an installed or frozen app has it,
        # as Qt's modules have). Where PYTHONDONTWRITEBYTECODE is set every launch compiled
        # the app's sources again (~0.2 s of a 0.85 s start); the warm-up writes __pycache__.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_command = [
            sys.executable,
            "-m",
            "hostconsole",
            "--demo",
            "--no-obs",
            "--control-port",
            "0",
        ]
        bare_command = [sys.executable, "-c", BARE_QT]
        _launch_to_shown(app_command, env)  # warm the file cache and bytecode for both
        _launch_to_shown(bare_command, env)
        bare, app = [], []
        for _ in range(PAIRS):
            bare.append(_launch_to_shown(bare_command, env))
            app.append(_launch_to_shown(app_command, env))
    # The median of the pairs' ratios: a pair shares the machine's moment (load, caches).
    ratio = statistics.median(a / b for a, b in zip(app, bare, strict=True))
    return Figure(
        "startup_vs_bare_qt_ratio",
        round(ratio, 2),
        "x",
        3,
        detail=f"median ratio of {PAIRS} interleaved pairs, each side to its first paint "
        f"processed: app {statistics.median(app) * 1000:.0f} ms (demo show, ledger, both "
        f"windows) vs bare QApplication+QMainWindow {statistics.median(bare) * 1000:.0f} ms "
        f"(medians); pair ratios {min(a / b for a, b in zip(app, bare, strict=True)):.2f}–"
        f"{max(a / b for a, b in zip(app, bare, strict=True)):.2f}",
        baseline=round(statistics.median(bare) * 1000, 1),
        samples=PAIRS,
    )


async def _open_and_show(path: Path, data: Path) -> float:
    from PySide6.QtCore import QTimer

    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.parts import StudioParts
    from hostconsole.services.show import ShowSession
    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.logpanel import QtLogHandler
    from hostconsole.ui.presenter import PresenterView

    started = time.perf_counter()
    document = ShowDocument.open(path)
    session = ShowSession(document, Settings(), data, parts=StudioParts(obs_control=False))
    await session.start()
    console = ProducerConsole(session, QtLogHandler())
    presenter = PresenterView(session)
    console.show()
    presenter.show()
    presenter.refresh()
    # Shown: once Qt has handled the show and layout events queued before this timer, then a
    # synchronous paint of both windows.
    shown: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    QTimer.singleShot(0, lambda: shown.set_result(None))
    await shown
    console.repaint()
    presenter.repaint()
    elapsed = time.perf_counter() - started
    console.hide()
    presenter.hide()
    await session.close()
    console.deleteLater()
    presenter.deleteLater()
    return elapsed


def open_1000_segments_s() -> Figure:
    samples = []
    with tempfile.TemporaryDirectory(prefix="bench-open-") as folder:
        path = Path(folder) / "long.show.yaml"
        path.write_text(generated_show(1000), encoding="utf-8")
        for number in range(3):
            samples.append(run(_open_and_show(path, Path(folder) / f"data{number}")))
    return Figure(
        "open_1000_segments_s",
        round(statistics.median(samples), 3),
        "s",
        0.5,
        detail="median of 3: read and validate, start the session, build and paint both windows",
    )


async def _lag_probe(seconds: float) -> list[float]:
    """How late a 10 ms asyncio sleep wakes, sampled for ``seconds``."""
    lags: list[float] = []
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while loop.time() < end:
        before = loop.time()
        await asyncio.sleep(0.01)
        lags.append(max(loop.time() - before - 0.01, 0.0))
    return lags


async def _burst_lag(feed: FeedServer, data: Path) -> tuple[list[float], int]:
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.logpanel import QtLogHandler
    from hostconsole.ui.presenter import PresenterView

    settings = Settings(feed_kind="stream", stream_url=feed.stream_url)
    session = await _demo_session(data, settings)
    console = ProducerConsole(session, QtLogHandler())
    presenter = PresenterView(session)
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(presenter.refresh)
    timer.start(100)
    console.show()
    presenter.show()
    await session.go(3)
    while not session.stream or session.stream.status.state.value != "live":
        await asyncio.sleep(0.05)
    feed.control(rate=1000)
    lags = await _lag_probe(10.0)
    feed.control(rate=0)
    await asyncio.sleep(1.0)
    count = session.counter.count
    timer.stop()
    console.hide()
    presenter.hide()
    await session.close()
    return lags, count


def loop_lag_p99_ms_under_burst() -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="bench-lag-") as folder,
        FeedServer("--rate", "0") as feed,
    ):
        lags, count = run(_burst_lag(feed, Path(folder)))
    return Figure(
        "loop_lag_p99_ms_under_burst",
        round(percentile(lags, 0.99) * 1000, 2),
        "ms",
        16,
        detail=f"10 s at 1,000 sales/s over SSE, both windows open; {count} counted; "
        f"median {percentile(lags, 0.5) * 1000:.2f} ms",
        samples=len(lags),
    )


async def _demo_session(
    data: Path, settings: Settings | None = None, now: Callable[[], float] = time.time
) -> ShowSession:
    """The demo show in a session of its own folder, started, without OBS."""
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.parts import StudioParts
    from hostconsole.services.show import ShowSession

    show = data / "demo.show.yaml"
    shutil.copy(DEMO, show)
    session = ShowSession(
        ShowDocument.open(show),
        settings or Settings(),
        data,
        parts=StudioParts(obs_control=False),
        now=now,
    )
    await session.start()
    return session


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


SHOW_SALES = 720_000  # two hours at 100 sales a second
SALES_PER_SHOW_SECOND = 100


async def _two_hours(feed: FeedServer, data: Path) -> tuple[float, float, int, float]:
    """A two-hour show at speed, sold through the rehearsal feed's real event stream.

    The feed sells as fast as the app counts (a few thousand a second); the show's injected
    clock follows the sales counted, one show second per 100, so the show lasts two hours of
    its own time with 720,000 sales arriving over HTTP the way a platform's stream sends
    them. Between two looks at the count the console and the presenter view refresh."""
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.ui.console import ProducerConsole
    from hostconsole.ui.logpanel import QtLogHandler
    from hostconsole.ui.presenter import PresenterView

    started = time.time()
    clock = {"now": started}
    settings = Settings(feed_kind="stream", stream_url=feed.stream_url)
    session = await _demo_session(data, settings, now=lambda: clock["now"])
    console = ProducerConsole(session, QtLogHandler())
    presenter = PresenterView(session)
    console._tick.stop()
    console.show()
    presenter.show()
    await session.go(0)
    while not session.stream or session.stream.status.state.value != "live":
        await asyncio.sleep(0.05)
    feed.control(rate=4000)
    baseline = 0.0
    show_second = 0
    refreshes = 0
    selling_since = time.monotonic()
    while True:
        await asyncio.sleep(0.02)
        count = session.counter.count
        clock["now"] = started + count / SALES_PER_SHOW_SECOND
        while show_second < count // SALES_PER_SHOW_SECOND:
            show_second += 1
            if show_second % 240 == 0:
                await session.next()
            if show_second % 10 == 0:
                session.send_message(f"message {show_second}", blink=show_second % 20 == 0)
        console._dirty.add("vouchers")
        console._refresh()
        presenter.refresh()
        refreshes += 1
        if refreshes % 50 == 0:
            presenter.repaint()
        if not baseline and count >= 600 * SALES_PER_SHOW_SECOND:  # ten show minutes: warm
            await asyncio.sleep(0.1)
            baseline = _rss_mb()
        if count >= SHOW_SALES:
            break
    selling = time.monotonic() - selling_since
    feed.control(rate=0)
    await session.counter.committed()
    await asyncio.sleep(0.1)
    final = _rss_mb()
    console.hide()
    presenter.hide()
    await session.close()
    return baseline, final, refreshes, selling


def two_hours_in_this_process() -> None:
    """The two-hour show, its figures printed as JSON (run by ``rss_growth_2h_pct`` in a
    process of its own)."""
    import json

    with (
        tempfile.TemporaryDirectory(prefix="bench-rss-") as folder,
        FeedServer("--rate", "0") as feed,
    ):
        figures = run(_two_hours(feed, Path(folder)))
    print(json.dumps(figures), flush=True)


def rss_growth_2h_pct() -> Figure:
    # A process of its own: memory other figures left in this one (a million-sale ledger
    # made in-process, say) would be a baseline that hides growth.
    import json

    done = subprocess.run(
        [sys.executable, "-c", "from bench.bench_app import two_hours_in_this_process as t; t()"],
        cwd=PROJECT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the two-hour show failed: {done.stderr[-2000:]}")
    baseline, final, refreshes, selling = json.loads(done.stdout.strip().splitlines()[-1])
    growth = (final - baseline) / baseline * 100
    return Figure(
        "rss_growth_2h_pct",
        round(growth, 2),
        "%",
        10,
        detail=f"RSS {baseline:.0f} MB after 10 show minutes → {final:.0f} MB after 120; "
        f"720,000 sales over the rehearsal feed's SSE stream in {selling:.0f} s (100 per "
        f"show second), {refreshes:,} console and presenter refreshes, a segment change "
        "every 4 show minutes, a message every 10 show seconds",
    )


POLLERS = """
import asyncio, sys, time
import httpx
answers = {"good": 0, "bad": 0}
async def poller(client, url, until):
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            response = await client.get(url)
            good = response.status_code == 200 and "clock" in response.json()
        except (httpx.HTTPError, ValueError):
            good = False
        answers["good" if good else "bad"] += 1
        await asyncio.sleep(max(0.1 - (time.monotonic() - started), 0))
async def main():
    url, seconds = sys.argv[1], float(sys.argv[2])
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        until = time.monotonic() + seconds
        await asyncio.gather(*(poller(client, url, until) for _ in range(100)))
    print(answers["good"], answers["bad"])
asyncio.run(main())
"""


async def _control_lag(data: Path) -> tuple[list[float], int, int]:
    from hostconsole.remote.control_api import ControlApi

    session = await _demo_session(data)
    await session.go(1)
    api = ControlApi(session, "127.0.0.1", free_port(), None)
    await api.start()
    clients = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        POLLERS,
        f"http://127.0.0.1:{api.port}/api/v1/state",
        "12",
        stdout=asyncio.subprocess.PIPE,
    )
    await asyncio.sleep(2.0)  # the hundred clients are up and polling
    lags = await _lag_probe(8.0)
    output, _ = await clients.communicate()
    good, bad = (int(n) for n in output.split())
    await api.cleanup()
    await session.close()
    return lags, good, bad


def control_api_loop_lag_p99_ms() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-control-") as folder:
        lags, good, bad = run(_control_lag(Path(folder)))
    # A loop that stays quick by answering nothing (or errors) is not a pass: every poll
    # must get the state, and the clients must have been served (the one client process
    # reaches about 350 polls/s on 2 cores, not the 1,000/s it asks for: said below).
    answered = bad == 0 and good >= 1000
    return Figure(
        "control_api_loop_lag_p99_ms",
        round(percentile(lags, 0.99) * 1000, 2) if answered else BROKEN,
        "ms",
        16,
        detail=f"100 clients polling /api/v1/state (each up to 10/s) from another process for "
        f"12 s: {good:,} states answered ({good / 12:.0f}/s), {bad} failed; median lag "
        f"{percentile(lags, 0.5) * 1000:.2f} ms",
        samples=len(lags),
    )


FIGURES: dict[str, Measure] = {
    "startup_vs_bare_qt_ratio": startup_vs_bare_qt_ratio,
    "open_1000_segments_s": open_1000_segments_s,
    "loop_lag_p99_ms_under_burst": loop_lag_p99_ms_under_burst,
    "rss_growth_2h_pct": rss_growth_2h_pct,
    "control_api_loop_lag_p99_ms": control_api_loop_lag_p99_ms,
}
