"""The OBS link's honest states, importable without loading obsws-python."""

from __future__ import annotations

import time
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from hostconsole.adapters.obs.session import Versions


class LinkState(StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    AUTH_FAILED = "auth_failed"  # stops retrying until a new password is given
    KICKED = "kicked"  # close code 4011: stops retrying until the producer reconnects
    INCOMPATIBLE = "incompatible"  # not obs-websocket 5: stops retrying


STOPPED_STATES = {LinkState.AUTH_FAILED, LinkState.KICKED, LinkState.INCOMPATIBLE}


class LinkStatus(msgspec.Struct, frozen=True):
    state: LinkState
    message: str = ""
    versions: Versions | None = None
    attempt: int = 0
    retry_at: float | None = None  # monotonic time of the next attempt

    def next_try_in(self, now: float | None = None) -> float | None:
        if self.retry_at is None:
            return None
        return max(self.retry_at - (time.monotonic() if now is None else now), 0.0)
