"""The stream and the recording: watched every second from OBS's own statistics (alarms on
the console, the presenter's screen, the state JSON and the on-air log, each cleared by itself
when its cause goes), and started or stopped from the console (stopping while a segment is
on air needs a confirmation)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.clock import ClockState
from hostconsole.domain.durations import format_elapsed
from hostconsole.domain.said import Said
from hostconsole.domain.stream_watch import StreamWatch
from hostconsole.services.commands import (
    CONFLICT,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.show.studio import connected_obs

if TYPE_CHECKING:
    from hostconsole.domain.stream_watch import Alarm, Reading
    from hostconsole.services import arguments
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft

log = logging.getLogger(__name__)

WATCH_SECONDS = 1.0  # OBS's statistics are read this often
WATCH = "stream-watch"  # the origin of the alarms in the on-air log


class Recording(msgspec.Struct):
    """One recording OBS made during the show (a split or a restart is another)."""

    started_at: float
    stopped_at: float | None = None
    path: str = ""
    chapters: list[tuple[float, str, str]] = msgspec.field(default_factory=list)  # (s, id, title)


def ffmetadata(recording: Recording, title: str) -> str:
    """The chapters in ffmpeg's metadata format (ffprobe -f ffmetadata reads it; ffmpeg
    -i REC -i THIS -map_metadata 1 -map_chapters 1 -c copy writes them into a copy)."""

    def escaped(text: str) -> str:
        return "".join("\\" + c if c in "=;#\\\n" else c for c in text)

    end = max((recording.stopped_at or recording.started_at) - recording.started_at, 0.0)
    lines = [";FFMETADATA1", f"title={escaped(title)}"]
    chapters = recording.chapters
    for index, (start, _segment, name) in enumerate(chapters):
        stop = chapters[index + 1][0] if index + 1 < len(chapters) else end
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(start * 1000)}",
            f"END={max(round(stop * 1000), round(start * 1000))}",
            f"title={escaped(name)}",
        ]
    return "\n".join(lines) + "\n"


def write_recording(show_dir: Path, recording: Recording, title: str) -> None:
    """Writer thread: the recording in ``recordings.jsonl`` and its chapters beside it (and
    in the show's folder, where the recording's own folder is on another machine)."""
    chapters = ffmetadata(recording, title)
    name = Path(recording.path).name if recording.path else f"recording-{recording.started_at:.0f}"
    kept = show_dir / "chapters"
    kept.mkdir(parents=True, exist_ok=True)
    (kept / f"{name}.chapters.txt").write_text(chapters, encoding="utf-8")
    beside = None
    if recording.path and Path(recording.path).parent.is_dir():
        beside = Path(f"{recording.path}.chapters.txt")
        try:
            beside.write_text(chapters, encoding="utf-8")
        except OSError:
            beside = None
    line = {
        "started_at": recording.started_at,
        "stopped_at": recording.stopped_at,
        "path": recording.path,
        "chapters_file": str(beside) if beside else str(kept / f"{name}.chapters.txt"),
        "chapters": [
            {"start": round(start, 3), "segment": segment, "title": name_}
            for start, segment, name_ in recording.chapters
        ],
    }
    with open(show_dir / "recordings.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


class OutputsRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.watch = StreamWatch()
        self.readings = 0  # how many readings were taken (tests wait on it)
        self._connected = False
        self._wake = asyncio.Event()
        self.recording: Recording | None = None  # OBS's recording now, as the events tell
        self._auto_started = False

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
                self._report([], self.watch.lost(now), Said("obs.not-connected"))
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
            log.warning("%s", Said("log.stream-alarm", Said(f"alarm.{alarm.kind}"), alarm.detail))
            session.onair_log.write("alarm", WATCH, f"{alarm.kind}: {alarm.detail}", "raised")
        for alarm in cleared:
            lasted = format_elapsed(max((alarm.until or alarm.since) - alarm.since, 0.0))
            detail = f"{alarm.kind}: cleared after {lasted}" + (f" ({why})" if why else "")
            kind = Said(f"alarm.{alarm.kind}")
            log.info(
                "%s",
                Said("log.stream-alarm-cleared-why", kind, lasted, why)
                if why
                else Said("log.stream-alarm-cleared", kind, lasted),
            )
            session.onair_log.write("alarm", WATCH, detail, "cleared")
        if raised or cleared:
            session.changed("alarms")

    # --- the recording: followed through OBS's events, with the segments as chapters ------

    def obs_event(self, event_type: str, data: dict[str, Any]) -> None:
        """RecordStateChanged: a recording started (a new one: splits and restarts too) or
        stopped (then its file, chapters and times are written down)."""
        if event_type != "RecordStateChanged":
            return
        state = str(data.get("outputState", ""))
        now = self.session.now()
        if state.endswith("_STARTED"):
            self.recording = Recording(started_at=now)
            self._chapter(now)
        elif state.endswith("_STOPPED") and self.recording is not None:
            recording, self.recording = self.recording, None
            recording.stopped_at = now
            recording.path = str(data.get("outputPath") or "")
            self.session.writer.submit(
                "the recording's chapters",
                write_recording,
                self.session.show_dir,
                recording,
                self.session.show.title,
            )

    def after_command(self, _command: Command, _result: CommandResult) -> None:
        """After every command: a new segment is a chapter of the recording; the show's own
        recording starts at the first GO and stops when the show ends (``recording.auto``)."""
        session = self.session
        now = session.now()
        self._chapter(now)
        if not session.show.recording.auto or session.obs is None or not session.obs.connected:
            return
        clock = session.state.clock.state
        if session.state.on_air() and not self._auto_started and not session.obs.recording:
            self._auto_started = True
            session.submit(CommandKind.RECORD, "automatic", on=True)
        elif clock is ClockState.FINISHED and self._auto_started and session.obs.recording:
            self._auto_started = False
            session.submit(CommandKind.RECORD, "automatic", on=False, confirm=True)

    def _chapter(self, now: float) -> None:
        recording = self.recording
        state = self.session.state
        if recording is None or not state.on_air():
            return
        segment = self.session.show.segments[state.clock.index]
        title = (
            segment.title_en
            if self.session.show.language == "en" and segment.title_en
            else segment.title
        )
        if not recording.chapters or recording.chapters[-1][1] != segment.id:
            recording.chapters.append((max(now - recording.started_at, 0.0), segment.id, title))

    # --- start and stop ---------------------------------------------------------------------

    async def stream(self, command: Command, draft: Draft) -> CommandResult:
        return await self._output(command, draft, "stream")

    async def record(self, command: Command, draft: Draft) -> CommandResult:
        return await self._output(command, draft, "record")

    async def _output(self, command: Command, draft: Draft, what: str) -> CommandResult:
        args: arguments.Output = command.arguments
        on, confirm = args.on, args.confirm
        obs = connected_obs(self.session.obs)
        running = obs.streaming if what == "stream" else obs.recording
        noun = "streaming" if what == "stream" else "recording"
        if on == running:
            return CommandResult(detail=Said("outputs.already" if on else "outputs.not", noun))
        if not on and draft.state.on_air() and not confirm:
            raise Refused(Said("outputs.stopping-needs-confirmation", noun), CONFLICT)
        request = ("Start" if on else "Stop") + ("Stream" if what == "stream" else "Record")
        await obs.request(request)
        if what == "stream":
            obs.streaming = on
        else:
            obs.recording = on
        detail = Said("outputs.started" if on else "outputs.stopped", noun)
        self.session.onair_log.write(what, command.origin, detail)
        draft.changed("obs", "alarms")
        return CommandResult(detail=detail)
