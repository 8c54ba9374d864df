"""What the adapters say (in English, for the log file) in the console's language: status
details of OBS and the sales feeds, pre-flight items, cue problems, log lines in the panel.

A sentence said as a ``Said`` (domain/said.py: a code and its values) is translated by its
code. The sentences not yet said that way are matched here by pattern and translated with
their values kept (a host, a number, a name); one that is not known stays as it is."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from hostconsole.adapters.sales.model import FeedState
from hostconsole.domain.said import Said


def _by_code() -> dict[str, str]:
    """Each code's sentence in the console's language; %1, %2… are its values."""
    return {
        "net.timeout": QCoreApplication.translate("Reason", "no answer from %1 in time (%2)"),
        "net.no-host": QCoreApplication.translate("Reason", "cannot find the host “%1”"),
        "net.refused": QCoreApplication.translate("Reason", "nothing is listening at %1"),
        "net.cannot-connect": QCoreApplication.translate("Reason", "cannot connect to %1: %2"),
        "net.too-large": QCoreApplication.translate(
            "Reason", "%1; a sales count should be tiny — is the URL right?"
        ),
        "net.broken": QCoreApplication.translate("Reason", "%1 broke the connection (%2)"),
        "net.http-error": QCoreApplication.translate("Reason", "HTTP error talking to %1: %2"),
        "http.token-refused": QCoreApplication.translate(
            "Reason",
            "the sales API refused the token (HTTP %1): enter the right token in Settings",
        ),
        "http.not-found": QCoreApplication.translate(
            "Reason", "the sales URL was not found (HTTP 404): check the feed URL in Settings"
        ),
        "http.slow-down": QCoreApplication.translate(
            "Reason", "the sales API asks us to slow down (HTTP 429)"
        ),
        "http.failed": QCoreApplication.translate(
            "Reason", "the sales API failed (HTTP %1); retrying"
        ),
        "http.unexpected": QCoreApplication.translate(
            "Reason", "unexpected HTTP %1 from the sales API"
        ),
        "feed.starting": QCoreApplication.translate("Reason", "starting"),
        "feed.stopped": QCoreApplication.translate("Reason", "stopped"),
        "feed.unchanged": QCoreApplication.translate("Reason", "unchanged"),
        "feed.not-json": QCoreApplication.translate(
            "Reason", "the sales API did not send JSON (it began %1)"
        ),
        "feed.no-value": QCoreApplication.translate("Reason", "the response has no value at %1"),
        "feed.bad-value": QCoreApplication.translate("Reason", "%1 at %2; ignored"),
        "feed.total": QCoreApplication.translate("Reason", "total %1"),
        "feed.stream": QCoreApplication.translate("Reason", "stream: %1"),
        "feed.connected": QCoreApplication.translate("Reason", "connected"),
        "feed.live": QCoreApplication.translate("Reason", "live"),
        "feed.live-quarantined": QCoreApplication.translate(
            "Reason", "live; %1 malformed event(s) quarantined"
        ),
        "feed.ended": QCoreApplication.translate("Reason", "the stream ended; reconnecting"),
        "log.feed-state": QCoreApplication.translate("Reason", "sales feed (%1) %2: %3"),
    }


# (pattern, the sentence in the console's language with %1… for the groups). Each is a
# literal QCoreApplication.translate call, so lupdate finds it.
def _patterns() -> list[tuple[str, str]]:
    table = [
        (
            r"nothing is listening at (.+?)(?: \(connection refused\))?",
            QCoreApplication.translate("Reason", "nothing is listening at %1"),
        ),
        (
            r"cannot connect to (.+?): (.+)",
            QCoreApplication.translate("Reason", "cannot connect to %1: %2"),
        ),
        (r"connected", QCoreApplication.translate("Reason", "connected")),
        (r"live", QCoreApplication.translate("Reason", "live")),
        (r"unchanged", QCoreApplication.translate("Reason", "unchanged")),
        (r"starting", QCoreApplication.translate("Reason", "starting")),
        (r"stopped", QCoreApplication.translate("Reason", "stopped")),
        (r"not started", QCoreApplication.translate("Reason", "not started")),
        (r"retrying on request", QCoreApplication.translate("Reason", "retrying on request")),
        (r"connecting to (.+)", QCoreApplication.translate("Reason", "connecting to %1")),
        (r"attempt (\d+) at (.+)", QCoreApplication.translate("Reason", "attempt %1 at %2")),
        (r"connection lost: (.+)", QCoreApplication.translate("Reason", "connection lost: %1")),
        (r"re-sync failed: (.+)", QCoreApplication.translate("Reason", "re-sync failed: %1")),
        (
            r"OBS refused the password",
            QCoreApplication.translate("Reason", "OBS refused the password"),
        ),
        (
            r"connecting took too long",
            QCoreApplication.translate("Reason", "connecting took too long"),
        ),
        (
            r"OBS at (.+?) did not finish identifying within (\S+) s \(still starting\?\)",
            QCoreApplication.translate(
                "Reason", "OBS at %1 did not finish connecting within %2 s (still starting?)"
            ),
        ),
        (
            r"OBS did not answer within (\S+) s",
            QCoreApplication.translate("Reason", "OBS did not answer within %1 s"),
        ),
        (
            r"OBS is not connected \((.+)\)",
            QCoreApplication.translate("Reason", "OBS is not connected (%1)"),
        ),
        (r"OBS is not connected", QCoreApplication.translate("Reason", "OBS is not connected")),
        (
            r"OBS accepted the change but never confirmed it",
            QCoreApplication.translate("Reason", "OBS accepted the change but never confirmed it"),
        ),
        (
            r"OBS answered a batch out of step; reconnecting",
            QCoreApplication.translate("Reason", "OBS answered a batch out of step; reconnecting"),
        ),
        # The OBS link's and the engine's own log lines.
        (r"OBS (\w+): (.+)", QCoreApplication.translate("Reason", "OBS %1: %2")),
        (
            r"([\w-]+) from (.+?) refused: (.+)",
            QCoreApplication.translate("Reason", "%1 from %2 refused: %3"),
        ),
        (r"([\w-]+) from (.+?) failed", QCoreApplication.translate("Reason", "%1 from %2 failed")),
        (r"disconnected", QCoreApplication.translate("Reason", "disconnected")),
        (r"connecting", QCoreApplication.translate("Reason", "connecting")),
        (r"reconnecting", QCoreApplication.translate("Reason", "reconnecting")),
        (r"auth_failed", QCoreApplication.translate("Reason", "password refused")),
        (r"kicked", QCoreApplication.translate("Reason", "disconnected by OBS")),
        (r"incompatible", QCoreApplication.translate("Reason", "incompatible")),
        (r"console", QCoreApplication.translate("Reason", "the console")),
        (r"shortcut", QCoreApplication.translate("Reason", "a shortcut key")),
        (r"automatic", QCoreApplication.translate("Reason", "the run sheet")),
        (r"stream-watch", QCoreApplication.translate("Reason", "the stream watch")),
        (r"control-api:(.+)", QCoreApplication.translate("Reason", "the control API %1")),
        (r"go", QCoreApplication.translate("Reason", "GO")),
        (r"next", QCoreApplication.translate("Reason", "Next")),
        (r"previous", QCoreApplication.translate("Reason", "Previous")),
        (r"pause", QCoreApplication.translate("Reason", "Pause")),
        (r"resume", QCoreApplication.translate("Reason", "Resume")),
        (r"time", QCoreApplication.translate("Reason", "add time")),
        (r"prepare", QCoreApplication.translate("Reason", "Prepare in preview")),
        (r"take", QCoreApplication.translate("Reason", "Take")),
        (r"overlay", QCoreApplication.translate("Reason", "a graphic")),
        (r"caption", QCoreApplication.translate("Reason", "the caption")),
        (r"clear-graphics", QCoreApplication.translate("Reason", "Clear graphics")),
        (r"safe", QCoreApplication.translate("Reason", "SAFE")),
        (
            r"off air \(SAFE is on\): press Back on air first",
            QCoreApplication.translate("Reason", "off air (SAFE is on): press Back on air first"),
        ),
        (
            r"already off air \(SAFE\)",
            QCoreApplication.translate("Reason", "already off air (SAFE)"),
        ),
        (r"already on air", QCoreApplication.translate("Reason", "already on air")),
        (
            r"a segment is on air: stopping (streaming|recording) needs a confirmation",
            QCoreApplication.translate(
                "Reason", "a segment is on air: stopping %1 needs a confirmation"
            ),
        ),
        (
            r"OBS's replay buffer is off: turn it on in OBS \(Settings → Output → Replay "
            r"Buffer\) for clips",
            QCoreApplication.translate(
                "Reason",
                "OBS's replay buffer is off: turn it on in OBS (Settings → Output → Replay "
                "Buffer) for clips",
            ),
        ),
        (
            r"OBS's replay buffer is not running: start it for clips",
            QCoreApplication.translate(
                "Reason", "OBS's replay buffer is not running: start it for clips"
            ),
        ),
        (
            r"clip of (.+): ready in about (\d+) s",
            QCoreApplication.translate("Reason", "clip of %1: ready in about %2 s"),
        ),
        (r"OBS is not connected", QCoreApplication.translate("Reason", "OBS is not connected")),
        (r"OBS did not save: (.*)", QCoreApplication.translate("Reason", "OBS did not save: %1")),
        (
            r"ffmpeg could not cut the clip: (.*)",
            QCoreApplication.translate("Reason", "ffmpeg could not cut the clip: %1"),
        ),
        (r"streaming", QCoreApplication.translate("Reason", "streaming")),
        (r"recording", QCoreApplication.translate("Reason", "recording")),
        (r"streaming started", QCoreApplication.translate("Reason", "streaming started")),
        (r"streaming stopped", QCoreApplication.translate("Reason", "streaming stopped")),
        (r"recording started", QCoreApplication.translate("Reason", "recording started")),
        (r"recording stopped", QCoreApplication.translate("Reason", "recording stopped")),
        (
            r"OBS is not streaming: nothing reaches viewers until it is",
            QCoreApplication.translate(
                "Reason", "OBS is not streaming: nothing reaches viewers until it is"
            ),
        ),
        (
            r"OBS is not recording: the show keeps no recording of its own",
            QCoreApplication.translate(
                "Reason", "OBS is not recording: the show keeps no recording of its own"
            ),
        ),
        (
            r"no microphone '(.+)' in OBS: not muted",
            QCoreApplication.translate("Reason", "no microphone “%1” in OBS: not muted"),
        ),
        (
            r"OBS has no standby scene '(.+)' with the slate: run pre-flight; the picture "
            r"stays on program",
            QCoreApplication.translate(
                "Reason",
                "OBS has no standby scene “%1” with the slate: run pre-flight; the picture "
                "stays on program",
            ),
        ),
        (
            r"SAFE cannot mute '(.+)': OBS has no input of that name",
            QCoreApplication.translate(
                "Reason", "SAFE cannot mute “%1”: OBS has no input of that name"
            ),
        ),
        (
            r"off air: '(.+)' on program, (\d+) microphones? muted, every graphic off(.*)",
            QCoreApplication.translate(
                "Reason", "off air: “%1” on program, %2 microphone(s) muted, every graphic off%3"
            ),
        ),
        (
            r"back on air after (.+) off air \(SAFE by (.+)\): '(.+)' on program, (\d+) "
            r"graphics? and (\d+) microphones? as before(.*)",
            QCoreApplication.translate(
                "Reason",
                "back on air after %1 off air (SAFE by %2): “%3” on program, %4 graphic(s) and "
                "%5 microphone(s) as before%6",
            ),
        ),
        (r"message", QCoreApplication.translate("Reason", "a message")),
        (r"correction", QCoreApplication.translate("Reason", "a correction")),
        (r"preflight", QCoreApplication.translate("Reason", "pre-flight")),
        (r"reapply", QCoreApplication.translate("Reason", "re-applying the cue")),
        (r"edit", QCoreApplication.translate("Reason", "a run sheet edit")),
        # The engine's log lines a producer sees most.
        (
            r"voucher milestone reached: (\d+)",
            QCoreApplication.translate("Reason", "milestone reached: %1 vouchers"),
        ),
        (r"cue (\S+): (.+)", QCoreApplication.translate("Reason", "cue %1: %2")),
        (
            r"live graphic (.+) is updated again",
            QCoreApplication.translate("Reason", "graphic %1 is updated again"),
        ),
        (
            r"live graphic (.+) not updated: (.+)",
            QCoreApplication.translate("Reason", "graphic %1 not updated: %2"),
        ),
        (r"pre-flight: (.+)", QCoreApplication.translate("Reason", "pre-flight: %1")),
        (
            r"the show file is saved again",
            QCoreApplication.translate("Reason", "the show file is saved again"),
        ),
        (
            r"the show file changed on disk: merged",
            QCoreApplication.translate(
                "Reason", "the show file changed on disk: your edits were kept on top"
            ),
        ),
        (
            r"the show file changed on disk: reloaded",
            QCoreApplication.translate("Reason", "the show file changed on disk: reloaded"),
        ),
        (
            r"voucher feed flagged: (.+)",
            QCoreApplication.translate("Reason", "the sales feed is flagged: %1"),
        ),
        (r"poll", QCoreApplication.translate("Reason", "polled count")),
        (r"stream", QCoreApplication.translate("Reason", "sales stream")),
        (r"error", QCoreApplication.translate("Reason", "error")),
        (r"unauthorized", QCoreApplication.translate("Reason", "token refused")),
        # Source roles, as pre-flight names them.
        (r"image", QCoreApplication.translate("Reason", "image")),
        (r"text", QCoreApplication.translate("Reason", "text")),
        (r"color", QCoreApplication.translate("Reason", "colour")),
        # Commands the engine refused.
        (r"OBS control is off", QCoreApplication.translate("Reason", "OBS control is off")),
        (
            r"OBS has no program scene yet",
            QCoreApplication.translate("Reason", "OBS has no program scene yet"),
        ),
        (
            r"OBS is not in studio mode",
            QCoreApplication.translate("Reason", "OBS is not in studio mode"),
        ),
        (
            r"a correction needs a reason",
            QCoreApplication.translate("Reason", "a correction needs a reason"),
        ),
        (
            r"a run sheet needs at least one segment",
            QCoreApplication.translate("Reason", "a run sheet needs at least one segment"),
        ),
        (
            r"no cue is owed for the segment on air",
            QCoreApplication.translate("Reason", "no cue is owed for the segment on air"),
        ),
        (r"the show has ended", QCoreApplication.translate("Reason", "the show has ended")),
        (
            r"the show has ended: there is no next segment",
            QCoreApplication.translate("Reason", "the show has ended: there is no next segment"),
        ),
        (
            r"the show has not started",
            QCoreApplication.translate("Reason", "the show has not started"),
        ),
        (r"the show is not on air", QCoreApplication.translate("Reason", "the show is not on air")),
        (r"the show is not paused", QCoreApplication.translate("Reason", "the show is not paused")),
        (
            r"the show is not running",
            QCoreApplication.translate("Reason", "the show is not running"),
        ),
        (
            r"there is no next segment to prepare",
            QCoreApplication.translate("Reason", "there is no next segment to prepare"),
        ),
        (
            r"this show has no caption overlay",
            QCoreApplication.translate("Reason", "this show has no caption overlay"),
        ),
        (
            r"the count is being rebuilt from the ledger \(([\d,]+) of ([\d,]+) entries "
            r"read\): correct it once it is whole",
            QCoreApplication.translate(
                "Reason",
                "the count is being rebuilt from the ledger (%1 of %2 entries read): correct "
                "it once it is whole",
            ),
        ),
        (
            r"the caption would take (.+) off air during a sale: take it off first",
            QCoreApplication.translate(
                "Reason", "the caption would take %1 off air during a sale: take it off first"
            ),
        ),
        (
            r"this show has no milestone overlay",
            QCoreApplication.translate("Reason", "this show has no milestone overlay"),
        ),
        # Pre-flight items and cue problems.
        (r"scene '(.+)' is missing", QCoreApplication.translate("Reason", "scene “%1” is missing")),
        (
            r"(\w+) source '(.+)' is missing",
            QCoreApplication.translate("Reason", "%1 source “%2” is missing"),
        ),
        (
            r"'(.+)' is not in scene '(.+)' \(run pre-flight\)",
            QCoreApplication.translate("Reason", "“%1” is not in scene “%2” (run pre-flight)"),
        ),
        (
            r"'(.+)' is not in scene '(.+)'",
            QCoreApplication.translate("Reason", "“%1” is not in scene “%2”"),
        ),
        (
            r"'(.+)' should be an? (\w+) source but is (.+)",
            QCoreApplication.translate("Reason", "“%1” should be a %2 source but is %3"),
        ),
        (
            r"'(.+)' fades but has no fade filter",
            QCoreApplication.translate("Reason", "“%1” fades but has no fade filter"),
        ),
        (r"scene '(.+)'", QCoreApplication.translate("Reason", "scene “%1”")),
        (
            r"(\w+) source '(.+)' \((.+)\) in '(.+)'",
            QCoreApplication.translate("Reason", "%1 source “%2” (%3) in “%4”"),
        ),
        (r"'(.+)' placed in '(.+)'", QCoreApplication.translate("Reason", "“%1” placed in “%2”")),
        (r"fade filter on '(.+)'", QCoreApplication.translate("Reason", "fade filter on “%1”")),
        (
            r"'(.+)' \((.+)\) renamed to '(.+)'",
            QCoreApplication.translate("Reason", "“%1” (%2) renamed to “%3”"),
        ),
        (
            r"placing '(.+)' in '(.+)': (.+)",
            QCoreApplication.translate("Reason", "placing “%1” in “%2”: %3"),
        ),
        (
            r"OBS refused (\w+) \((\d+)\): (.*)",
            QCoreApplication.translate("Reason", "OBS refused %1 (%2): %3"),
        ),
        (
            r"the hub refused the show's token \(HTTP (\d+)\)",
            QCoreApplication.translate("Reason", "the hub refused the show's token (HTTP %1)"),
        ),
        (
            r"the hub answered HTTP (\d+)",
            QCoreApplication.translate("Reason", "the hub answered HTTP %1"),
        ),
        (
            r"the hub's answer is not understood \((.+)\)",
            QCoreApplication.translate("Reason", "the hub's answer is not understood (%1)"),
        ),
        (
            r"a graphic could not be drawn: (.+)",
            QCoreApplication.translate("Reason", "a graphic could not be drawn: %1"),
        ),
    ]
    return table


class _Sentence:
    """One known sentence: compiled only when a text could be it (its literal start matches),
    so the first log line of a start does not compile ~140 expressions (~6 ms)."""

    __slots__ = ("_compiled", "head", "source", "template")

    def __init__(self, source: str, template: str) -> None:
        self.source, self.template = source, template
        self.head = _literal_head(source)
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        if not text.startswith(self.head):
            return None
        if self._compiled is None:
            self._compiled = re.compile(self.source + r"\Z")
        return self._compiled.match(text)


def _literal_head(pattern: str) -> str:
    """The text every match of ``pattern`` starts with (up to its first special character)."""
    head: list[str] = []
    for char in pattern:
        if char in ".^$*+?{}[]|()\\":
            # A quantifier makes the character before it optional.
            if char in "*?{" and head:
                head.pop()
            break
        head.append(char)
    return "".join(head)


def alarm_text(kind: str) -> str:
    """A stream alarm as the producer reads it (the log keeps OBS's numbers in English)."""
    texts = {
        "not-streaming": QCoreApplication.translate(
            "Alarm", "NOT LIVE: a segment is on air but OBS is not streaming"
        ),
        "reconnecting": QCoreApplication.translate(
            "Alarm", "STREAM INTERRUPTED: OBS is reconnecting to the server"
        ),
        "congestion": QCoreApplication.translate(
            "Alarm", "Network congestion: viewers may see the stream stutter"
        ),
        "dropped-frames": QCoreApplication.translate(
            "Alarm", "Frames are being dropped on the way to viewers"
        ),
        "lagged-frames": QCoreApplication.translate(
            "Alarm", "OBS cannot render every frame in time"
        ),
        "low-fps": QCoreApplication.translate("Alarm", "OBS's frame rate is below the canvas's"),
        "recording-stopped": QCoreApplication.translate(
            "Alarm", "The recording of this show has stopped"
        ),
        "disk-low": QCoreApplication.translate("Alarm", "The recording's disk is running out"),
    }
    return texts.get(kind, kind)


_compiled: list[_Sentence] | None = None
_codes: dict[str, str] | None = None
_language: str | None = None
_VALUE = re.compile(r"%(\d)")


def reason(text: str) -> str:
    """``text`` in the console's language, its values kept; unknown sentences unchanged.
    Several sentences joined with "; " are translated one by one."""
    global _compiled, _codes, _language
    language = QCoreApplication.translate("Reason", "connected")  # changes with the language
    if _compiled is None or _codes is None or language != _language:
        _compiled = [_Sentence(source, template) for source, template in _patterns()]
        _codes = _by_code()
        _language = language
    if isinstance(text, Said):
        template = _codes.get(text.code)
        if template is not None:
            values = text.values
            return _VALUE.sub(lambda match: reason(values[int(match.group(1)) - 1]), template)
        return str(text)
    if not text:
        return text
    for sentence in _compiled:
        match = sentence.match(text)
        if match:
            result = sentence.template
            for index, value in enumerate(match.groups(), start=1):
                result = result.replace(f"%{index}", reason(value) if value else "")
            return result
    if "; " in text:
        return "; ".join(reason(part) for part in text.split("; "))
    return text


def feed_state(state: FeedState) -> str:
    names = {
        FeedState.STARTING: QCoreApplication.translate("Reason", "starting"),
        FeedState.LIVE: QCoreApplication.translate("Reason", "live"),
        FeedState.ERROR: QCoreApplication.translate("Reason", "error"),
        FeedState.UNAUTHORIZED: QCoreApplication.translate("Reason", "token refused"),
        FeedState.STOPPED: QCoreApplication.translate("Reason", "stopped"),
    }
    return names.get(state, state.value)


def feed_name(kind: str) -> str:
    names = {
        "poll": QCoreApplication.translate("Reason", "polled count"),
        "stream": QCoreApplication.translate("Reason", "sales stream"),
    }
    return names.get(kind, kind)
