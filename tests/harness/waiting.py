"""Waiting in tests for something a running process will do, with a bound and a clear failure."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable


def eventually(condition: Callable[[], bool], within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {within} s")
        time.sleep(0.1)


async def until(condition: Callable[[], Any], within: float, what: str) -> None:
    """The same, inside the test's asyncio loop (the app's loop keeps running meanwhile)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {within} s")
        await asyncio.sleep(0.02)
