"""The show's own time: continued across runs by the monotonic clock, and a step of the
system clock while the show runs said (and followed by nothing)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

from hostconsole.adapters.storage.validated import read_run_state
from hostconsole.domain.clock import MonotonicWallClock
from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from hostconsole.services.show.session import ShowSession

log = logging.getLogger(__name__)

CLOCK_STEP_SECONDS = 2.0  # the system clock this far off the show's time is a step, logged
WALL_CLOCK_WATCH_SECONDS = 5.0


class ShowTime:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.step = 0.0  # the system clock's distance from the show's time, as last seen

    def continue_timeline(self, boot: str) -> None:
        """The show keeps one time across runs: on the same boot it continues from the last
        save by the monotonic clock, so a wall-clock step while the app was down moves no
        countdown and no rate window (and is logged); after a reboot time never goes back
        before the last save."""
        clock = self.session.now
        if not isinstance(clock, MonotonicWallClock):
            return  # an injected clock (tests, tools) is its own truth
        saved = read_run_state(self.session.state_path).state
        if saved is None:
            return
        saved_at, monotonic = saved.get("saved_at") or 0.0, saved.get("monotonic")
        if saved.get("boot") and saved["boot"] == boot and monotonic is not None:
            if monotonic <= time.monotonic():
                clock.continue_from(saved_at, monotonic)
        elif clock() < saved_at:
            clock.continue_from(saved_at, time.monotonic())
        step = clock.step()
        self.step = step
        if abs(step) > CLOCK_STEP_SECONDS:
            log.warning("%s", Said("log.clock-off", f"{step:+.0f}"))
            self.session.onair_log.write(
                "clock", "system", f"system clock {step:+.0f} s off the show's"
            )

    async def watch(self) -> None:
        """Say when the system clock is stepped while the show runs (nothing follows it)."""
        clock = self.session.now
        if not isinstance(clock, MonotonicWallClock):
            return
        while True:
            await asyncio.sleep(WALL_CLOCK_WATCH_SECONDS)
            step = clock.step()
            if abs(step - self.step) > CLOCK_STEP_SECONDS:
                log.warning("%s", Said("log.clock-stepped", f"{step - self.step:+.0f}"))
                self.session.onair_log.write(
                    "clock", "system", f"system clock stepped {step - self.step:+.0f} s"
                )
                self.step = step
