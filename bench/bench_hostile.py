"""Figures of issue 12: sales kept through a full disk and poison events; the control API under
10,000 hostile requests and from a foreign origin. Each beside a baseline from the same run."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.figure import BROKEN, Figure, Measure
from tests.harness.app_process import AppProcess
from tests.harness.hostile import COMMAND_ENDPOINTS, CRAFTED_BODIES, JSON
from tests.harness.salesfeed import FeedServer

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"


def _show(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    show = folder / "demo.show.yaml"
    show.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    return show


def _until(condition: Any, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {within} s")
        time.sleep(0.1)


def _distinct_sales(app: AppProcess) -> int:
    connection = sqlite3.connect(app.show_dir() / "ledger.sqlite")
    try:
        row = connection.execute(
            "SELECT count(DISTINCT order_id) FROM entries WHERE kind = 'sale'"
        ).fetchone()
        return int(row[0])
    finally:
        connection.close()


def _sales_lost(
    folder: Path, *, fill_for: float, rate: int, poison_every: int = 0
) -> tuple[int, int]:
    """Run the app on its own small volume with the rehearsal feed selling at ``rate``; fill
    the volume for ``fill_for`` seconds; free it; close: (sales sold but not in the ledger,
    the most sales the app said it held in memory while the disk was full)."""
    config = folder / "config"
    volume = config / "data"
    volume.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(volume)], check=True)
    try:
        with FeedServer("--rate", "0") as sales:
            app = AppProcess(config, _show(folder), stream_url=sales.stream_url, resume=None)
            app.start()
            try:
                _until(lambda: app.state()["vouchers"]["freshness"]["state"] == "live", 10, "live")
                app.post("/api/v1/go")
                sales.control(rate=rate, poison_every=poison_every)
                time.sleep(3)
                held = 0
                if fill_for:
                    filler = volume / "filler.bin"
                    # Unbuffered: the write that does not fit fails, closing flushes nothing.
                    with open(filler, "wb", buffering=0) as handle:
                        for size in (65536, 512):
                            with contextlib.suppress(OSError):
                                while True:
                                    handle.write(b"\0" * size)
                    full_until = time.monotonic() + fill_for
                    while time.monotonic() < full_until:
                        storage = app.state()["vouchers"]["storage"]
                        if storage is not None:
                            held = max(held, int(storage["held"]))
                        time.sleep(0.5)
                    filler.unlink()
                time.sleep(3)
                sales.control(rate=0)
                sold = int(sales.stats()["sold"])
                _until(lambda: app.state()["vouchers"]["count"] >= sold, 60, "catching up")
                app.terminate()
                return sold - _distinct_sales(app), held
            finally:
                app.close()
    finally:
        subprocess.run(["umount", "-l", str(volume)], check=False)


def disk_full_sales_lost() -> Figure:
    if os.geteuid() != 0:
        raise RuntimeError("disk_full_sales_lost mounts a tmpfs: run scripts/bench as root")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        baseline, _ = _sales_lost(Path(folder) / "calm", fill_for=0, rate=50)
        lost, held = _sales_lost(Path(folder) / "full", fill_for=20, rate=50)
    # The disk must really have filled with sales waiting on it, or nothing was measured.
    return Figure(
        "disk_full_sales_lost",
        lost if held > 0 else BROKEN,
        "sales",
        0,
        detail=f"50 sales/s, 12 MB data volume full for 20 s then freed; at most {held} sales "
        f"held in memory meanwhile; {lost} lost; {baseline} lost with no fault",
        baseline=baseline,
    )


def _poisoned_run(folder: Path, poison_every: int) -> tuple[int, int]:
    """1,000 sales through the app, with a poison event after every Nth; (lost, quarantined)."""
    with FeedServer("--rate", "0") as sales:
        app = AppProcess(folder / "config", _show(folder), stream_url=sales.stream_url)
        app.start()
        try:
            _until(lambda: app.state()["vouchers"]["freshness"]["state"] == "live", 10, "live")
            sales.control(poison_every=poison_every)
            for _ in range(20):
                sales.control(sell=50)
                time.sleep(0.05)
            _until(lambda: app.state()["vouchers"]["count"] >= 1000, 30, "1,000 counted")
            quarantined = int(app.state()["vouchers"]["quarantined"])
            app.terminate()
            return 1000 - _distinct_sales(app), quarantined
        finally:
            app.close()


def poison_event_good_sales_lost() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        base_lost, _ = _poisoned_run(Path(folder) / "clean", 0)
        lost, quarantined = _poisoned_run(Path(folder) / "poisoned", 20)
    return Figure(
        "poison_event_good_sales_lost",
        lost,
        "sales",
        0,
        detail=f"1,000 sales in bursts of 50 with a malformed event after every 20th "
        f"({quarantined} quarantined); {base_lost} lost with none",
    )


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(9 if depth < 4 else 6)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.choice([0, -1, 2**63, -(2**80), 10**30])
    if choice == 3:
        return rng.choice([0.5, -1e308, 1e-320, 3.14])
    if choice == 4:
        return "".join(chr(rng.randrange(0x20, 0x10FFFF)) for _ in range(rng.randrange(8)))
    if choice == 5:
        return rng.choice(["\ud800", "x\udc00", "请收尾", "x" * 3000])
    if choice in (6, 7):
        keys = ("segment", "seconds", "text", "blink", "amount", "reason", "create", "x")
        return {rng.choice(keys): _random_json(rng, depth + 1) for _ in range(rng.randrange(4))}
    return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]


def _hostile_body(rng: random.Random) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(CRAFTED_BODIES)
    if kind == 1:
        return rng.randbytes(rng.randrange(64))
    text = json.dumps(_random_json(rng), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


async def _hammer(url: str, requests: list[tuple[str, bytes, dict[str, str]]]) -> list[int]:
    statuses: list[int] = []
    limits = httpx.Limits(max_connections=16)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        queue = list(requests)

        async def worker() -> None:
            while queue:
                path, body, headers = queue.pop()
                response = await client.post(path, content=body, headers=headers)
                statuses.append(response.status_code)

        await asyncio.gather(*(worker() for _ in range(16)))
    return statuses


def hostile_requests_5xx() -> Figure:
    rng = random.Random(12)
    hostile = [(rng.choice(COMMAND_ENDPOINTS), _hostile_body(rng), JSON) for _ in range(10_000)]
    valid = [(path, b"{}", JSON) for path in ("/api/v1/pause", "/api/v1/resume")] * 250
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        app = AppProcess(Path(folder) / "config", _show(Path(folder))).start()
        try:
            app.post("/api/v1/go")
            baseline = asyncio.run(_hammer(app.url, valid))
            statuses = asyncio.run(_hammer(app.url, hostile))
            healthy = app.state()["clock"]["state"] in ("running", "paused", "finished")
            log = (Path(folder) / "config" / "data" / "logs" / "hostconsole.log").read_text(
                encoding="utf-8"
            )
            tracebacks = log.count("Traceback") + app.output().count("Traceback")
        finally:
            app.close()
    failures = sum(1 for status in statuses if status >= 500) + tracebacks
    return Figure(
        "hostile_requests_5xx",
        failures + (0 if healthy else 1),
        "requests",
        0,
        detail=f"{len(statuses)} hostile POSTs (crafted NaN/surrogates/depth 10,000/huge numbers/"
        f"wrong types, random JSON and bytes) on 13 endpoints: "
        f"{sum(1 for s in statuses if 400 <= s < 500)} answered 4xx, {tracebacks} tracebacks "
        f"logged; baseline {sum(1 for s in baseline if s >= 500)} of {len(baseline)} valid 5xx",
    )


FOREIGN: tuple[dict[str, str], ...] = (
    {"Origin": "http://evil.example", **JSON},
    {"Origin": "null", **JSON},
    {"Origin": "http://127.0.0.1.evil.example:4780", **JSON},
    {"Sec-Fetch-Site": "cross-site", **JSON},
    {"Host": "evil.example", **JSON},
    {"Host": "rebind.example:4780", **JSON},
    {"Content-Type": "application/x-www-form-urlencoded"},
    {"Content-Type": "text/plain"},
    {"Content-Type": "multipart/form-data; boundary=x"},
    {},
)


def cross_origin_commands_accepted() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        app = AppProcess(Path(folder) / "config", _show(Path(folder))).start()
        try:
            accepted = 0
            for headers in FOREIGN:
                for path in ("/api/v1/go", "/api/v1/next", "/api/v1/pause"):
                    before = app.state()["clock"]
                    response = httpx.post(
                        app.url + path, content=b"{}", headers=headers, timeout=10
                    )
                    after = app.state()["clock"]
                    took = response.status_code < 400 or (
                        (after["state"], after["show_elapsed"] > 0)
                        != (before["state"], before["show_elapsed"] > 0)
                    )
                    accepted += int(took)
            own = sum(
                int(app.post(path).status_code == 200)
                for path in ("/api/v1/go", "/api/v1/next", "/api/v1/pause")
            )
        finally:
            app.close()
    return Figure(
        "cross_origin_commands_accepted",
        accepted,
        "requests",
        0,
        detail=f"{len(FOREIGN) * 3} state-changing POSTs with a foreign Origin/Host, "
        f"Sec-Fetch-Site: cross-site or a form content type; the console's own 3 of 3 "
        f"accepted: {own}",
    )


SLOWLORIS_CONNECTIONS = 4_000
BENCH_TOKEN = "bench-token-of-enough-length-0123456789"  # noqa: S105 - a bench token


def _authorised_gets(url: str, count: int) -> list[float]:
    """Milliseconds of ``count`` authorised GETs of the state, each on a new connection (as a
    Stream Deck button press makes one)."""
    headers = {"Authorization": f"Bearer {BENCH_TOKEN}"}
    times = []
    for _ in range(count):
        started = time.perf_counter()
        try:
            answer = httpx.get(f"{url}/api/v1/state", headers=headers, timeout=5)
            ok = answer.status_code == 200
        except httpx.HTTPError:
            ok = False
        times.append((time.perf_counter() - started) * 1000 if ok else BROKEN)
    return times


def api_authorised_p99_ms_under_slowloris() -> Figure:
    """An authorised GET while 4,000 connections that never send a request are held open
    (re-opened as the console closes them). Baseline: the same GETs with no flood."""
    import socket
    import threading

    from bench.figure import percentile

    with tempfile.TemporaryDirectory(prefix="hostconsole-bench-") as folder:
        base = Path(folder)
        app = AppProcess(
            base / "config",
            _show(base / "show"),
            control_host="0.0.0.0",  # noqa: S104 - a token is asked for beyond loopback
            env={"HOSTCONSOLE_CONTROL_TOKEN": BENCH_TOKEN},
            resume=None,
        ).start()
        try:
            baseline = _authorised_gets(app.url, 300)
            stop = threading.Event()
            held: list[socket.socket] = []

            def flood() -> None:
                while not stop.is_set():
                    for index in range(SLOWLORIS_CONNECTIONS):
                        if stop.is_set():
                            return
                        if index < len(held):
                            try:
                                if held[index].recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK):
                                    continue
                            except BlockingIOError:
                                continue  # still open, still silent
                            except OSError:
                                pass
                            held[index].close()
                        try:
                            connection = socket.create_connection(
                                ("127.0.0.1", app.control_port), timeout=2
                            )
                        except OSError:
                            continue
                        if index < len(held):
                            held[index] = connection
                        else:
                            held.append(connection)
                    time.sleep(0.05)

            flooding = threading.Thread(target=flood, daemon=True)
            flooding.start()
            deadline = time.monotonic() + 60
            while len(held) < SLOWLORIS_CONNECTIONS and time.monotonic() < deadline:
                time.sleep(0.1)
            under = _authorised_gets(app.url, 300)
            stop.set()
            flooding.join(10)
            for connection in held:
                connection.close()
        finally:
            app.close()
    value = percentile(under, 0.99)
    return Figure(
        "api_authorised_p99_ms_under_slowloris",
        round(value, 1),
        "ms",
        100,
        f"{len(held):,} silent connections opened and re-opened while {len(under)} authorised "
        f"GETs ran; p50 {percentile(under, 0.5):.1f} ms; without them p99 "
        f"{percentile(baseline, 0.99):.1f} ms",
        baseline=round(percentile(baseline, 0.99), 1),
        samples=len(under),
    )


FIGURES: dict[str, Measure] = {
    "disk_full_sales_lost": disk_full_sales_lost,
    "poison_event_good_sales_lost": poison_event_good_sales_lost,
    "hostile_requests_5xx": hostile_requests_5xx,
    "cross_origin_commands_accepted": cross_origin_commands_accepted,
    "api_authorised_p99_ms_under_slowloris": api_authorised_p99_ms_under_slowloris,
}
