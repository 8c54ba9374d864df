"""What reaches viewers, judged from OBS's own statistics: each second's reading of the stream,
the recording and the render becomes a set of alarms, each raised with its start and cleared
by itself when its cause goes. Pure: no OBS, no clock of its own (every reading carries its
time)."""

from __future__ import annotations

from collections import deque
from enum import StrEnum

import msgspec


class AlarmKind(StrEnum):
    NOT_STREAMING = "not-streaming"  # a segment is on air but OBS sends nothing
    RECONNECTING = "reconnecting"  # OBS lost the ingest server and is trying again
    CONGESTION = "congestion"  # the network cannot carry the stream's bitrate
    DROPPED_FRAMES = "dropped-frames"  # frames lost on the way out (network or encoder)
    LAGGED_FRAMES = "lagged-frames"  # frames OBS could not render in time
    LOW_FPS = "low-fps"  # OBS renders fewer frames a second than its canvas runs at
    RECORDING_STOPPED = "recording-stopped"  # it was recording this show; now it is not
    DISK_LOW = "disk-low"  # the recording's disk fills within the margin


# The stream is on the viewers' side of the glass: these are said on the presenter's screen.
PRESENTER_ALARMS = frozenset({AlarmKind.NOT_STREAMING, AlarmKind.RECONNECTING})


class Thresholds(msgspec.Struct, frozen=True):
    congestion: float = 0.5  # OBS's 0..1 congestion, held this high…
    congestion_seconds: float = 2.0  # …this long
    dropped_percent: float = 2.0  # of the frames sent in the window
    lagged_percent: float = 2.0  # of the frames rendered in the window
    window_seconds: float = 10.0  # frames are judged over this long
    low_fps_ratio: float = 0.9  # of the canvas's frame rate
    disk_margin_minutes: float = 30.0  # the recording must have room for this much more
    disk_floor_mb: float = 1024.0  # …and never less free than this


class Reading(msgspec.Struct, frozen=True):
    """One second of OBS, as its GetStreamStatus, GetRecordStatus, GetStats and video
    settings tell it."""

    at: float
    streaming: bool
    reconnecting: bool = False
    congestion: float = 0.0
    stream_skipped: int = 0  # frames dropped on the way to the server
    stream_total: int = 0
    recording: bool = False
    record_bytes: int = 0
    disk_free_mb: float | None = None
    render_skipped: int = 0
    render_total: int = 0
    output_skipped: int = 0  # frames the encoder could not take in time
    output_total: int = 0
    fps: float = 0.0
    canvas_fps: float = 30.0


class Alarm(msgspec.Struct, frozen=True):
    kind: AlarmKind
    detail: str  # English, with its numbers, for the log (the views word it themselves)
    since: float
    until: float | None = None


class StreamWatch(msgspec.Struct):
    """Turns readings into alarms. ``on_air``: a segment is running (only then is not
    streaming an alarm); ``rehearsal``: nothing goes out, so not streaming is no alarm."""

    thresholds: Thresholds = msgspec.field(default_factory=Thresholds)
    active: dict[AlarmKind, Alarm] = msgspec.field(default_factory=dict)
    history: list[Alarm] = msgspec.field(default_factory=list)  # every alarm raised, ended or not
    recorded_this_show: bool = False
    last: Reading | None = None
    _window: deque[Reading] = msgspec.field(default_factory=deque)
    _congested_since: float | None = None

    def observe(
        self, reading: Reading, *, on_air: bool, rehearsal: bool = False
    ) -> tuple[list[Alarm], list[Alarm]]:
        """Take one reading; (alarms raised now, alarms cleared now)."""
        window = self._window
        if window and (
            reading.stream_total < window[-1].stream_total
            or reading.render_total < window[-1].render_total
        ):
            window.clear()  # OBS restarted or the output began again: counters start over
        window.append(reading)
        while window and reading.at - window[0].at > self.thresholds.window_seconds:
            window.popleft()
        if reading.recording:
            self.recorded_this_show = True
        causes = self._causes(reading, on_air=on_air, rehearsal=rehearsal)
        self.last = reading
        raised: list[Alarm] = []
        cleared: list[Alarm] = []
        for kind, detail in causes.items():
            if kind not in self.active:
                alarm = Alarm(kind, detail, reading.at)
                self.active[kind] = alarm
                self.history.append(alarm)
                raised.append(alarm)
        for kind in [k for k in self.active if k not in causes]:
            ended = msgspec.structs.replace(self.active.pop(kind), until=reading.at)
            index = next(
                i
                for i, alarm in enumerate(self.history)
                if alarm.kind is kind and alarm.until is None
            )
            self.history[index] = ended
            cleared.append(ended)
        return raised, cleared

    def lost(self, at: float) -> list[Alarm]:
        """OBS itself is gone: every alarm of its statistics ends (the link says so), and the
        frame counts start over when it is back."""
        self._window.clear()
        self._congested_since = None
        ended = []
        for kind in list(self.active):
            alarm = msgspec.structs.replace(self.active.pop(kind), until=at)
            index = next(
                i for i, a in enumerate(self.history) if a.kind is kind and a.until is None
            )
            self.history[index] = alarm
            ended.append(alarm)
        return ended

    def _causes(self, r: Reading, *, on_air: bool, rehearsal: bool) -> dict[AlarmKind, str]:
        limits = self.thresholds
        causes: dict[AlarmKind, str] = {}
        if r.reconnecting:
            causes[AlarmKind.RECONNECTING] = "OBS lost the stream's server and is reconnecting"
        elif on_air and not rehearsal and not r.streaming:
            causes[AlarmKind.NOT_STREAMING] = "a segment is on air but OBS is not streaming"
        if r.streaming and r.congestion >= limits.congestion:
            if self._congested_since is None:
                self._congested_since = r.at
            if r.at - self._congested_since >= limits.congestion_seconds:
                causes[AlarmKind.CONGESTION] = f"network congestion {r.congestion:.0%}"
        else:
            self._congested_since = None
        first = self._window[0]
        sent = r.stream_total - first.stream_total
        dropped = r.stream_skipped - first.stream_skipped
        encoded = r.output_total - first.output_total
        encoder_late = r.output_skipped - first.output_skipped
        lost = dropped + encoder_late
        if r.streaming and sent + encoded > 0:
            share = 100.0 * lost / max(sent, encoded, 1)
            if share >= limits.dropped_percent:
                causes[AlarmKind.DROPPED_FRAMES] = (
                    f"{lost} frames dropped in {r.at - first.at:.0f} s ({share:.1f} %)"
                )
        rendered = r.render_total - first.render_total
        lagged = r.render_skipped - first.render_skipped
        if rendered > 0 and 100.0 * lagged / rendered >= limits.lagged_percent:
            causes[AlarmKind.LAGGED_FRAMES] = (
                f"{lagged} of {rendered} frames not rendered in time "
                f"({100.0 * lagged / rendered:.1f} %)"
            )
        if r.fps > 0 and r.canvas_fps > 0 and r.fps < r.canvas_fps * limits.low_fps_ratio:
            causes[AlarmKind.LOW_FPS] = f"OBS renders {r.fps:.1f} of {r.canvas_fps:g} fps"
        if self.recorded_this_show and not r.recording and on_air:
            causes[AlarmKind.RECORDING_STOPPED] = "the recording of this show has stopped"
        if r.recording and r.disk_free_mb is not None:
            needed = max(
                limits.disk_floor_mb, self._recording_mb_per_minute() * limits.disk_margin_minutes
            )
            if r.disk_free_mb < needed:
                causes[AlarmKind.DISK_LOW] = (
                    f"{r.disk_free_mb:.0f} MB free for the recording "
                    f"(needs {needed:.0f} MB for {limits.disk_margin_minutes:g} more minutes)"
                )
        return causes

    def _recording_mb_per_minute(self) -> float:
        window = self._window
        first, last = window[0], window[-1]
        seconds = last.at - first.at
        if seconds <= 0 or last.record_bytes <= first.record_bytes:
            return 0.0
        return (last.record_bytes - first.record_bytes) / 1e6 / seconds * 60
