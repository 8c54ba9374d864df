"""Typed fakes shared by unit tests."""

from __future__ import annotations


class FakeClock:
    """A wall clock the test moves by hand (epoch seconds)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
