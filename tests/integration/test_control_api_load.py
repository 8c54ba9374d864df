"""The control API under a hostile load, on real sockets: idle and slowloris connections are
closed once their head is due, a flood of them never keeps an authorised request out, one
client cannot hold every event stream, a reader that does not read is dropped, wrong tokens
wait longer and longer, and a short token is refused."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from typing import TYPE_CHECKING

import httpx
import pytest
import pytest_asyncio

from hostconsole.remote.control_api import ControlApi
from hostconsole.remote.guard import Limits
from tests.harness.sessions import demo_session
from tests.harness.waiting import until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from hostconsole.services.show import ShowSession

pytestmark = pytest.mark.asyncio

TOKEN = "a-token-of-enough-length-0123456789"
LIMITS = Limits(head_seconds=1.0, body_seconds=1.0, max_connections=40, failures_before_backoff=3)


@pytest_asyncio.fixture
async def api(tmp_path: Path) -> AsyncIterator[tuple[ShowSession, ControlApi, int]]:
    session = await demo_session(tmp_path)
    served = ControlApi(session, "0.0.0.0", 0, TOKEN, limits=LIMITS)  # noqa: S104
    port = await served.start()
    try:
        yield session, served, port
    finally:
        await served.cleanup()
        await session.close()


def _idle(port: int) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port))
    connection.setblocking(False)
    return connection


async def _closed_by_server(connection: socket.socket, within: float) -> bool:
    loop = asyncio.get_running_loop()
    try:
        data = await asyncio.wait_for(loop.sock_recv(connection, 1), within)
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return data == b""


def _authorised() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


async def test_idle_and_slowloris_connections_are_closed_when_their_head_is_due(
    api: tuple[ShowSession, ControlApi, int],
) -> None:
    _session, served, port = api
    idle = [_idle(port) for _ in range(10)]
    slow = _idle(port)
    slow.send(b"GET /api/v1/state HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    try:
        results = await asyncio.gather(*(_closed_by_server(c, 5.0) for c in [*idle, slow]))
        assert all(results), results
        assert served.runner is not None
    finally:
        for connection in [*idle, slow]:
            connection.close()


async def test_a_flood_of_idle_connections_never_keeps_an_authorised_request_out(
    api: tuple[ShowSession, ControlApi, int],
) -> None:
    _session, _served, port = api
    flood = [_idle(port) for _ in range(LIMITS.max_connections * 3)]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(5):
                answer = await client.get("/api/v1/state", headers=_authorised(), timeout=5)
                assert answer.status_code == 200
    finally:
        for connection in flood:
            connection.close()


async def test_one_client_cannot_hold_every_event_stream(
    api: tuple[ShowSession, ControlApi, int],
) -> None:
    _session, served, port = api
    async with (
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client,
        contextlib.AsyncExitStack() as streams,
    ):
        answers = []
        for _ in range(20):
            answers.append(
                await streams.enter_async_context(
                    client.stream("GET", "/api/v1/events", headers=_authorised())
                )
            )
        statuses = [answer.status_code for answer in answers]
        assert statuses.count(200) == 16 and statuses.count(429) == 4, statuses
        assert served.event_clients == 16


async def test_wrong_tokens_wait_longer_and_longer(
    api: tuple[ShowSession, ControlApi, int],
) -> None:
    _session, _served, port = api
    wrong = {"Authorization": "Bearer not-the-token-at-all-000000"}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
        statuses = [
            (await client.get("/api/v1/state", headers=wrong)).status_code for _ in range(6)
        ]
        assert statuses[:3] == [401, 401, 401]
        assert 429 in statuses[3:], statuses
        # The right token from the same address waits too, until the back-off has passed.
        refused = await client.get("/api/v1/state", headers=_authorised())
        assert refused.status_code == 429
        assert "try again in" in refused.json()["error"]


async def test_a_reader_that_does_not_read_is_dropped(
    api: tuple[ShowSession, ControlApi, int],
) -> None:
    session, served, port = api
    reader = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting
    reader.connect(("127.0.0.1", port))
    reader.sendall(
        f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {TOKEN}\r\n\r\n".encode()
    )
    try:
        deadline = time.monotonic() + 30
        # Every message sent changes the state; the stream's socket fills and stays full.
        number = 0
        await until(lambda: served.event_clients == 1, 10, "the event stream held")
        while served.event_clients and time.monotonic() < deadline:
            number += 1
            session.send_message(f"{number} " + "长" * 480, blink=False)
            await asyncio.sleep(0.05)
        assert served.event_clients == 0, (
            f"the stream that was not read is still held: {len(served.broadcast.payload)} "
            f"bytes a state, version {served.broadcast.version}, {len(session.message.text)}"
        )
    finally:
        reader.close()


async def test_a_body_that_never_arrives_is_answered_408(
    api: tuple[ShowSession, ControlApi, int],
) -> None:
    _session, _served, port = api
    connection = _idle(port)  # non-blocking: the server runs on this test's own loop
    loop = asyncio.get_running_loop()
    try:
        await loop.sock_sendall(
            connection,
            f"POST /api/v1/message HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
            "Content-Length: 100\r\n\r\n{".encode(),
        )
        answer = await asyncio.wait_for(loop.sock_recv(connection, 400), 10)
        assert answer.startswith(b"HTTP/1.1 408"), answer
    finally:
        connection.close()


@pytest.mark.filterwarnings("ignore::pytest.PytestWarning")
def test_a_short_token_is_refused_beyond_loopback() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        ControlApi(None, "0.0.0.0", 0, "short")  # type: ignore[arg-type]  # noqa: S104


@pytest.mark.expected_errors("socket.accept")
async def test_accept_failures_are_logged_once_a_minute_without_tracebacks(
    api: tuple[ShowSession, ControlApi, int], caplog: pytest.LogCaptureFixture
) -> None:
    """Out of descriptors, asyncio reports every failed accept(): once the API runs, a flood
    of them is one line a minute (they rotated every log away in 90 s before)."""
    loop = asyncio.get_running_loop()
    error = OSError(24, "Too many open files")
    with caplog.at_level(logging.ERROR):
        for _ in range(500):
            loop.call_exception_handler(
                {"message": "socket.accept() out of system resource", "exception": error}
            )
    said = [r for r in caplog.records if "accept" in r.getMessage()]
    assert len(said) <= 1, len(said)
    assert all(r.exc_info is None for r in said)
