"""Shared by the show-engine tests and benchmarks: generated run sheets and a loop-gap probe."""

from __future__ import annotations

import asyncio
import time


def numbered_show(count: int, duration: str = "10m") -> str:
    """A show file with ``count`` plain segments s0, s1, … of ``duration`` each."""
    lines = ["format: hostconsole-show/1", "title: 长节目单", "segments:"]
    for number in range(count):
        lines += [f"  - id: s{number}", f"    title: 环节 {number}", f"    duration: {duration}"]
    return "\n".join(lines) + "\n"


async def longest_loop_gap(seconds: float, step: float = 0.01) -> float:
    """The longest gap between ticks of a ``step`` asyncio timer over ``seconds``."""
    longest = 0.0
    last = time.perf_counter()
    end = last + seconds
    while time.perf_counter() < end:
        await asyncio.sleep(step)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    return longest
