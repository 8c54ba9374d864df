"""The state is serialised once per change and shared: fifty event-stream clients all get the
same bytes for a change, and the state was built about once for it, not fifty times."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import TYPE_CHECKING

import aiohttp
import pytest

from hostconsole.remote.control_api import ControlApi
from tests.harness.sessions import demo_session
from tests.integration.conftest import wait_until

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.asyncio

CLIENTS = 50


async def test_fifty_clients_share_one_serialised_state_per_change(tmp_path: Path) -> None:
    session = await demo_session(tmp_path)
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    received: list[list[bytes]] = [[] for _ in range(CLIENTS)]
    try:
        # From four addresses of this computer (one address holds at most 16 streams).
        sessions = [
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(local_addr=(f"127.0.0.{n + 1}", 0), limit=0)
            )
            for n in range(4)
        ]
        async with contextlib.AsyncExitStack() as stack:
            for http_session in sessions:
                await stack.enter_async_context(http_session)

            async def follow(number: int) -> None:
                http = sessions[number % len(sessions)]
                async with http.get(f"http://127.0.0.1:{port}/api/v1/events") as stream:
                    assert stream.status == 200
                    async for line in stream.content:
                        if line.startswith(b"data: "):
                            received[number].append(line[6:].strip())

            readers = [asyncio.ensure_future(follow(n)) for n in range(CLIENTS)]
            # Every stream open: each has had the state it is sent on connecting.
            await wait_until(lambda: all(received), 10, "every stream open")
            before = api.broadcast.version
            await session.execute("message", "test", text="请收尾", blink=True)
            for _ in range(40):
                await asyncio.sleep(0.05)
                if all(
                    any(json.loads(p)["message"]["text"] == "请收尾" for p in got)
                    for got in received
                ):
                    break
            built = api.broadcast.version - before
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)
    finally:
        await api.cleanup()
        await session.close()
    firsts = [
        next(p for p in got if json.loads(p)["message"]["text"] == "请收尾") for got in received
    ]
    assert len(set(firsts)) == 1  # the same bytes for everyone
    assert built <= 4, built  # built once for the change (and the once-a-second ticks)


async def test_the_shows_static_part_is_fetched_once_with_an_etag(tmp_path: Path) -> None:
    """The live state carries no per-segment rows; /api/v1/show has them, answers 304 while
    unchanged, and its version changes when the show file does."""
    import httpx

    session = await demo_session(tmp_path)
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            state = (await client.get("/api/v1/state")).json()
            assert "segments" not in state
            show = await client.get("/api/v1/show")
            assert show.status_code == 200
            etag = show.headers["ETag"]
            assert etag == f'"{state["show"]["version"]}"'
            assert [s["id"] for s in show.json()["segments"]][:2] == ["opening", "driverless"]
            # Compressed for whoever accepts it (httpx does, and decodes it): the same JSON.
            assert show.headers["Content-Encoding"] == "gzip"
            assert "Accept-Encoding" in show.headers["Vary"]
            plain = await client.get("/api/v1/show", headers={"Accept-Encoding": "identity"})
            assert "Content-Encoding" not in plain.headers and plain.json() == show.json()
            again = await client.get("/api/v1/show", headers={"If-None-Match": etag})
            assert again.status_code == 304 and not again.content
            path = tmp_path / "demo.show.yaml"
            path.write_text(
                path.read_text(encoding="utf-8").replace("duration: 6m", "duration: 7m", 1),
                encoding="utf-8",
            )
            reloaded = await session.execute("reload", "test")
            assert reloaded.ok, reloaded.detail
            changed = (await client.get("/api/v1/state")).json()["show"]["version"]
            assert f'"{changed}"' != etag
            fresh = await client.get("/api/v1/show", headers={"If-None-Match": etag})
            assert fresh.status_code == 200 and fresh.json()["segments"][1]["duration"] == 420
    finally:
        await api.cleanup()
        await session.close()
