"""The app's event loop (the tests run on it too): a task stepped by Qt events processed after
the loop's run has ended (qasync's last pass, pytest-qt between a test's phases) still finds
its loop running."""

from __future__ import annotations

import asyncio
import gc
import time
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


async def wake_or_time_out(wake: asyncio.Event) -> None:
    """What the OBS link's heartbeat and the overlay engine do: wait for a wake-up or a tick."""
    while True:
        try:
            await asyncio.wait_for(wake.wait(), 0.001)
        except TimeoutError:
            continue


@pytest_asyncio.fixture
async def ticking_task() -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.get_running_loop().create_task(wake_or_time_out(asyncio.Event()))
    yield task
    gc.collect()  # a coroutine created but never awaited warns here
    died = task.done() and not task.cancelled()
    assert not died, f"the task died between the test's phases: {task.exception()!r}"
    task.cancel()


@pytest.mark.asyncio
async def test_a_background_task_survives_the_events_processed_after_a_test(
    ticking_task: asyncio.Task[None],
) -> None:
    await asyncio.sleep(0.05)
    assert not ticking_task.done()
    # Its tick falls due before the test returns, so qasync's last pass and pytest-qt's
    # processEvents() after the call phase step it, outside pytest-asyncio's run of the loop.
    time.sleep(0.01)  # noqa: ASYNC251  (blocking on purpose: no await may run the tick)
