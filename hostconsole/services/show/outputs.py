"""The stream and the recording: watched every second from OBS's own statistics (alarms on
the console, the presenter's screen, the state JSON and the on-air log, each cleared by itself
when its cause goes), and started or stopped from the console (stopping while a segment is
on air needs a confirmation)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.durations import format_elapsed
from hostconsole.domain.stream_watch import StreamWatch
from hostconsole.services.commands import (
    CONFLICT,
    INVALID,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.show.studio import connected_obs

if TYPE_CHECKING:
    from hostconsole.domain.stream_watch import Alarm, Reading
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft

log = logging.getLogger(__name__)

WATCH_SECONDS = 1.0  # OBS's statistics are read this often


class OutputsRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.watch = StreamWatch()
        self.readings = 0  # how many readings were taken (tests wait on it)
        self._connected = False
        self._wake = asyncio.Event()

    def handlers(self) -> dict[CommandKind, Handler]:
        return {CommandKind.STREAM: self.stream, CommandKind.RECORD: self.record}

    # --- the watch (an idempotent refresh: reads, never changes the show) -----------------

    @property
    def alarms(self) -> list[Alarm]:
        """The alarms raised now, oldest first."""
        return sorted(self.watch.active.values(), key=lambda alarm: alarm.since)

    @property
    def last(self) -> Reading | None:
        return self.watch.last if self._connected else None

    def wake(self) -> None:
        """OBS said its stream or recording changed state: read it now, not at the next
        second (a reconnecting stream is on the console within a frame of OBS's event)."""
        self._wake.set()

    async def run(self) -> None:
        session = self.session
        while not session.closing:
            self._wake.clear()
            await self.read_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), WATCH_SECONDS)

    async def read_once(self) -> None:
        session = self.session
        obs = session.obs
        now = session.now()
        if obs is None or not obs.connected:
            if self._connected:
                self._connected = False
                self._report([], self.watch.lost(now), "OBS is not connected")
            return
        try:
            reading = await obs.outputs(now)
        except ObsError as error:
            log.debug("the stream watch could not read OBS: %s", error)
            return
        self._connected = True
        self.readings += 1
        state = session.state
        raised, cleared = self.watch.observe(
            reading, on_air=state.on_air(), rehearsal=session.rehearsal
        )
        self._report(raised, cleared)

    def _report(self, raised: list[Alarm], cleared: list[Alarm], why: str = "") -> None:
        session = self.session
        for alarm in raised:
            log.warning("stream alarm: %s", alarm.detail)
            session.onair_log.write("alarm", "automatic", f"{alarm.kind}: {alarm.detail}", "raised")
        for alarm in cleared:
            lasted = format_elapsed(max((alarm.until or alarm.since) - alarm.since, 0.0))
            detail = f"{alarm.kind}: cleared after {lasted}" + (f" ({why})" if why else "")
            log.info("stream alarm %s", detail)
            session.onair_log.write("alarm", "automatic", detail, "cleared")
        if raised or cleared:
            session.changed("alarms")

    # --- start and stop ---------------------------------------------------------------------

    async def stream(self, command: Command, draft: Draft) -> CommandResult:
        return await self._output(command, draft, "stream")

    async def record(self, command: Command, draft: Draft) -> CommandResult:
        return await self._output(command, draft, "record")

    async def _output(self, command: Command, draft: Draft, what: str) -> CommandResult:
        on = command.args.get("on")
        if not isinstance(on, bool):
            raise Refused("'on' must be true or false", INVALID)
        confirm = command.args.get("confirm", False)
        if not isinstance(confirm, bool):
            raise Refused("'confirm' must be true or false", INVALID)
        obs = connected_obs(self.session.obs)
        running = obs.streaming if what == "stream" else obs.recording
        noun = "streaming" if what == "stream" else "recording"
        if on == running:
            return CommandResult(detail=f"already {noun}" if on else f"not {noun}")
        if not on and draft.state.on_air() and not confirm:
            raise Refused(f"a segment is on air: stopping {noun} needs a confirmation", CONFLICT)
        request = ("Start" if on else "Stop") + ("Stream" if what == "stream" else "Record")
        await obs.request(request)
        if what == "stream":
            obs.streaming = on
        else:
            obs.recording = on
        detail = f"{noun} {'started' if on else 'stopped'}"
        self.session.onair_log.write(what, command.origin, detail)
        draft.changed("obs", "alarms")
        return CommandResult(detail=detail)
