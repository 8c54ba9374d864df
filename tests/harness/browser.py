"""Debian's Chromium, headless, driven over the DevTools protocol (aiohttp's WebSocket client):
pages at a given viewport, JavaScript evaluated in them, screenshots. For the web pages'
render tests (nothing clipped at 1080p, 1024×768 and a 390×844 phone)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import time
from typing import TYPE_CHECKING, Any

import aiohttp

from tests.harness.hostile import chromium_command
from tests.harness.obs import free_port

if TYPE_CHECKING:
    from pathlib import Path

# For each element id: its box inside the viewport, and no text hidden by overflow.
CLIPPING_CHECK = """
(ids => ids.map(id => {
  const e = document.getElementById(id);
  if (!e) return {id, missing: true};
  const r = e.getBoundingClientRect(), style = getComputedStyle(e);
  return {id, shown: style.display !== "none" && r.width > 0 && r.height > 0,
          left: r.left, top: r.top, right: r.right, bottom: r.bottom,
          text: e.textContent, fontSize: parseFloat(style.fontSize),
          overflowX: e.scrollWidth - e.clientWidth, overflowY: e.scrollHeight - e.clientHeight};
}))(%s)
"""


class Page:
    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        await self.socket.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.socket.receive_json(), 30)
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    async def evaluate(self, expression: str) -> Any:
        answer = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(f"page script failed: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    async def wait_for(self, expression: str, within: float = 10) -> Any:
        deadline = time.monotonic() + within
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"not true within {within} s: {expression}")
            await asyncio.sleep(0.1)

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    async def boxes(self, ids: list[str]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self.evaluate(CLIPPING_CHECK % json.dumps(ids))
        return result


class Browser:
    """``async with Browser(profile) as browser: page = await browser.open(url, 390, 844)``"""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.port = free_port()
        self.process: asyncio.subprocess.Process | None = None
        self.http: aiohttp.ClientSession | None = None
        self._sockets: list[aiohttp.ClientWebSocketResponse] = []

    async def __aenter__(self) -> Browser:
        self.process = await asyncio.create_subprocess_exec(
            *chromium_command(self.profile),
            f"--remote-debugging-port={self.port}",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        self.http = aiohttp.ClientSession()
        deadline = time.monotonic() + 30
        while True:
            try:
                async with self.http.get(f"http://127.0.0.1:{self.port}/json/version") as answer:
                    if answer.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium's DevTools did not come up")
            await asyncio.sleep(0.05)
        return self

    async def open(self, url: str, width: int, height: int) -> Page:
        assert self.http is not None
        async with self.http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as answer:
            target = await answer.json(content_type=None)
        socket = await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        self._sockets.append(socket)
        page = Page(socket)
        await page.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        await page.call("Page.enable")
        await page.call("Page.navigate", url=url)
        await page.wait_for("document.readyState === 'complete'")
        return page

    async def __aexit__(self, *_exc: object) -> None:
        for socket in self._sockets:
            with contextlib.suppress(Exception):
                await socket.close()
        if self.http is not None:
            await self.http.close()
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
