"""Web pages that come back: 64 event streams held (the control API's cap), a 65th presenter
page refused, then the streams freed — how long until that page is live again by itself
(headless Chromium against the app as a subprocess)."""

from __future__ import annotations

import asyncio
import socket
import tempfile
import time
from pathlib import Path

from bench.figure import BROKEN, Figure
from tests.harness.app_process import AppProcess
from tests.harness.browser import Browser

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"
ROUNDS = 3


def _hold(port: int, count: int) -> list[socket.socket]:
    """Up to ``count`` event streams (fewer once the API's cap is reached), from several
    addresses of this computer (16 at most each)."""
    held = []
    for number in range(count):
        connection = socket.create_connection(
            ("127.0.0.1", port), timeout=5, source_address=(f"127.0.0.{2 + number // 16}", 0)
        )
        connection.sendall(
            f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        )
        head = connection.recv(64)
        if not head.startswith(b"HTTP/1.1 200"):  # the cap is reached: all streams are taken
            connection.close()
            break
        held.append(connection)
    return held


async def _recoveries(app: AppProcess, folder: Path) -> list[float]:
    times = []
    async with Browser(folder / "chromium") as browser:
        for done in range(ROUNDS):
            # The pages of earlier rounds still hold their streams: fill the rest.
            held = await asyncio.to_thread(_hold, app.control_port, 64 - done)
            try:
                page = await browser.open(f"{app.url}/presenter?lang=en", 1280, 720)
                refused = "document.getElementById('lost').offsetHeight > 0"
                live = "document.getElementById('lost').offsetHeight === 0"
                await page.wait_for(refused, 15)
            except AssertionError:  # the page never said it was refused: not measured right
                times.append(BROKEN)
                continue
            finally:
                for connection in held:
                    connection.close()
            freed = time.monotonic()
            try:
                await page.wait_for(live, 30)
                times.append(time.monotonic() - freed)
            except AssertionError:
                times.append(BROKEN)
    return times


def web_presenter_recovers_s() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as name:
        folder = Path(name)
        show = folder / "demo.show.yaml"
        show.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
        app = AppProcess(folder / "config", show, resume=None).start()
        try:
            app.post("/api/v1/go")
            times = asyncio.run(_recoveries(app, folder))
        finally:
            app.close()
    worst = max(times)
    return Figure(
        "web_presenter_recovers_s",
        round(worst, 2),
        "s",
        10,
        f"64 streams held, a 65th presenter page refused (503), the streams freed: the page "
        f"live again by itself, worst of {ROUNDS} ({', '.join(f'{t:.1f}' for t in times)} s)",
        samples=ROUNDS,
    )


FIGURES = {"web_presenter_recovers_s": web_presenter_recovers_s}
