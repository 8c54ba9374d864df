"""Fixtures for tests against real outside systems: a headless OBS Studio, real servers."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

import pytest

from hostconsole.adapters.obs.link import LinkState, ObsLink, ObsSettings
from tests.harness.obs import HeadlessObs
from tests.harness.salesfeed import FeedServer

if TYPE_CHECKING:
    from pathlib import Path

T = TypeVar("T")


@pytest.fixture(scope="module")
def obs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeadlessObs]:
    """One OBS for a module's read-mostly tests."""
    server = HeadlessObs(tmp_path_factory.mktemp("obs"))
    server.start()
    yield server
    server.close()


@pytest.fixture
def fresh_obs(tmp_path: Path) -> Iterator[HeadlessObs]:
    """An OBS of the test's own, not started: the test starts, kills, freezes it."""
    server = HeadlessObs(tmp_path / "obs")
    yield server
    server.close()


def link_to(server: HeadlessObs, password: str | None = None, **settings: float) -> ObsLink:
    secret = server.password if password is None else password
    return ObsLink(ObsSettings(host="127.0.0.1", port=server.port, **settings), lambda: secret)


async def wait_until(
    condition: Callable[[], bool], within: float, what: str = "condition"
) -> float:
    """Poll until ``condition`` holds; returns the seconds it took, fails the test on timeout."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > within:
            pytest.fail(f"{what} did not happen within {within} s")
        await asyncio.sleep(0.01)
    return time.monotonic() - started


async def probe_until(
    probe: Callable[[], Awaitable[T]], accept: Callable[[T], bool], within: float, what: str
) -> T:
    """Ask ``probe`` (OBS, a page) again until its answer is accepted; that answer."""
    deadline = time.monotonic() + within
    while not accept(answer := await probe()):
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {within} s (last: {answer!r:.200})")
        await asyncio.sleep(0.02)
    return answer


async def wait_state(link: ObsLink, state: LinkState, within: float) -> float:
    return await wait_until(
        lambda: link.status.state is state,
        within,
        f"OBS link state {state.value} (now {link.status.state.value}: {link.status.message})",
    )


async def in_thread(call: Callable[[], object]) -> None:
    await asyncio.get_running_loop().run_in_executor(None, call)


def bright_pixels(
    ppm: bytes, threshold: int = 200, box: tuple[int, int, int, int] | None = None
) -> int:
    """Near-white pixels in a binary PPM (P6) image, as OBS's GetSourceScreenshot returns;
    only those inside ``box`` (left, top, width, height) when one is given."""
    parts = ppm.split(maxsplit=4)
    assert parts[0] == b"P6", "not a binary PPM"
    width, height, maximum = int(parts[1]), int(parts[2]), int(parts[3])
    assert maximum == 255
    pixels = parts[4][: width * height * 3]
    if box is not None:
        left, top, box_width, box_height = box
        rows = [
            pixels[(y * width + left) * 3 : (y * width + left + box_width) * 3]
            for y in range(top, min(top + box_height, height))
        ]
        pixels = b"".join(rows)
    return sum(
        1
        for index in range(0, len(pixels), 3)
        if pixels[index] > threshold
        and pixels[index + 1] > threshold
        and pixels[index + 2] > threshold
    )


@pytest.fixture
def all_logs() -> Iterator[list[logging.LogRecord]]:
    """Every log record from every logger at every level while the test runs."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    obsws = logging.getLogger("obsws_python")
    obsws.addHandler(handler)  # it does not propagate; catch it at its source too
    yield records
    obsws.removeHandler(handler)
    root.removeHandler(handler)
    root.setLevel(previous)


AsyncTest = Callable[[], Awaitable[None]]


@pytest.fixture(scope="module")
def feed_server() -> Iterator[FeedServer]:
    """The rehearsal sales feed, a real HTTP server process, selling nothing until told."""
    with FeedServer("--rate", "0") as server:
        yield server


@pytest.fixture
def feed(feed_server: FeedServer) -> FeedServer:
    feed_server.reset()
    return feed_server
