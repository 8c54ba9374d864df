"""What the app says to a person — a status, a refusal, a fault — as a code and its values:
English for the log, the JSON and the tests, and the code for a view to say it in its own
language (ui/reasons.py translates by code, never by reading the English back)."""

from __future__ import annotations

import re

from hostconsole.domain.stream_watch import AlarmKind

# The English of each code; %1, %2… are its values (a value may itself be a Said).
ENGLISH: dict[str, str] = {
    # why a request to a sales feed or the hub failed (adapters/sales/http.py)
    "net.timeout": "no answer from %1 in time (%2)",
    "net.no-host": "cannot find the host '%1' (name does not resolve)",
    "net.refused": "nothing is listening at %1 (connection refused)",
    "net.cannot-connect": "cannot connect to %1: %2",
    "net.too-large": "%1; a sales count should be tiny — is the URL right?",
    "net.broken": "%1 broke the connection (%2)",
    "net.http-error": "HTTP error talking to %1: %2",
    "net.other": "%1: %2",
    "http.token-refused": (
        "the sales API refused the token (HTTP %1): enter the right token in Settings"
    ),
    "http.not-found": "the sales URL was not found (HTTP 404): check the feed URL in Settings",
    "http.slow-down": "the sales API asks us to slow down (HTTP 429)",
    "http.failed": "the sales API failed (HTTP %1); retrying",
    "http.unexpected": "unexpected HTTP %1 from the sales API",
    # a sales feed's state (adapters/sales/feeds.py)
    "feed.starting": "starting",
    "feed.stopped": "stopped",
    "feed.unchanged": "unchanged",
    "feed.not-json": "the sales API did not send JSON (began %1)",
    "feed.no-value": "the response has no value at %1",
    "feed.bad-value": "%1 at %2; ignored",
    "feed.total": "total %1",
    "feed.stream": "stream: %1",
    "feed.connected": "connected",
    "feed.live": "live",
    "feed.live-quarantined": "live; %1 malformed event(s) quarantined",
    "feed.ended": "stream ended; reconnecting",
    # the stream watch's alarms, by kind (domain/stream_watch.AlarmKind): its name in English
    **{f"alarm.{kind}": kind.value for kind in AlarmKind},
    # the OBS link and its session (adapters/obs): statuses and faults
    "obs.not-started": "not started",
    "obs.stopped": "stopped",
    "obs.retrying": "retrying on request",
    "obs.connecting": "connecting to %1",
    "obs.attempt": "attempt %1 at %2",
    "obs.resync-failed": "re-sync failed: %1",
    "obs.versions": "OBS %1, obs-websocket %2",
    "obs.kicked": "OBS disconnected this console (kicked); reconnect when ready",
    "obs.lost": "connection lost: %1",
    "obs.connection-lost": "OBS connection lost",
    "obs.event-connection-ended": "the event connection ended",
    "obs.no-heartbeat": "no answer to the heartbeat (%1)",
    "obs.closed-by-obs": "OBS closed the connection (%1)",
    "obs.no-answer-within": "no answer within %1 s",
    "obs.did-not-answer": "OBS did not answer within %1 s",
    "obs.not-connected-because": "OBS is not connected (%1)",
    "obs.not-connected": "OBS is not connected",
    "obs.never-confirmed": "OBS accepted the change but never confirmed it",
    "obs.too-long": "connecting took too long",
    "obs.password-unreadable": "the OBS password cannot be read: %1",
    "obs.nothing-listening": "nothing is listening at %1",
    "obs.frozen": "OBS at %1 did not answer within %2 s (frozen, or obs-websocket older than 5?)",
    "obs.not-websocket": "%1 is not an obs-websocket server (%2)",
    "obs.cannot-connect": "cannot connect to %1: %2",
    "obs.password-needed": (
        "OBS asks for a password and none is set: enter the obs-websocket password "
        "(OBS: Tools → WebSocket Server Settings)"
    ),
    "obs.password-refused": "OBS refused the password",
    "obs.still-starting": "OBS at %1 did not finish identifying within %2 s (still starting?)",
    "obs.identify-unexpected": "OBS at %1 answered unexpectedly while identifying: %2",
    "obs.too-old": (
        "obs-websocket %1 is too old: Host Console needs 5.0 or newer (built into OBS 28 and later)"
    ),
    "obs.request-timeout": "OBS did not answer %1 within %2 s",
    "obs.request-lost": "connection lost during %1: %2",
    "obs.batch-timeout": "OBS did not answer a batch of %1 within %2 s",
    "obs.batch-lost": "connection lost during a batch: %1",
    "obs.batch-out-of-step": "OBS answered a batch out of step; reconnecting",
    "obs.refused": "OBS refused %1 (code %2)",
    "obs.refused-saying": "OBS refused %1 (code %2): %3",
    # the engine's refusals and results (services/show/*)
    "engine.obs-fault": "OBS: %1",
    "show.ended-no-next": "the show has ended: there is no next segment",
    "show.ended": "the show has ended",
    "show.not-started": "the show has not started",
    "show.not-running": "the show is not running",
    "show.not-paused": "the show is not paused",
    "show.not-on-air": "the show is not on air",
    "show.no-cue-owed": "no cue is owed for the segment on air",
    "show.off-air-safe": "off air (SAFE is on): press Back on air first",
    "show.needs-a-segment": "a run sheet needs at least one segment",
    "studio.no-next": "there is no next segment to prepare",
    "studio.not-studio-mode": "OBS is not in studio mode",
    "studio.obs-off": "OBS control is off",
    "results.needs-reason": "a correction needs a reason",
    "ledger.rebuilding": (
        "the count is being rebuilt from the ledger (%1 of %2 entries read): correct it once "
        "it is whole"
    ),
    "graphics.no-caption": "this show has no caption overlay",
    "graphics.caption-over-sale": (
        "the caption would take %1 off air during a sale: take it off first"
    ),
    "graphics.no-program": "OBS has no program scene yet",
    "graphics.no-milestone": "this show has no milestone overlay",
    "graphics.not-streaming": "OBS is not streaming: nothing reaches viewers until it is",
    "graphics.not-recording": "OBS is not recording: the show keeps no recording of its own",
    "safe.already-off": "already off air (SAFE)",
    "safe.already-on": "already on air",
    "safe.no-microphone": "no microphone '%1' in OBS: not muted",
    "safe.no-standby": (
        "OBS has no standby scene '%1' with the slate: run pre-flight; the picture stays on program"
    ),
    "safe.off-air": "off air: '%1' on program, %2 microphone%3 muted, every graphic off",
    "safe.back": (
        "back on air after %1 off air (SAFE by %2): '%3' on program, %4 graphic%5 and %6 "
        "microphone%7 as before"
    ),
    "with-problems": "%1 — %2",
    "outputs.already": "already %1",
    "outputs.not": "not %1",
    "outputs.started": "%1 started",
    "outputs.stopped": "%1 stopped",
    "outputs.stopping-needs-confirmation": "a segment is on air: stopping %1 needs a confirmation",
    "clips.buffer-off": (
        "OBS's replay buffer is off: turn it on in OBS (Settings → Output → Replay Buffer) for "
        "clips"
    ),
    "clips.buffer-stopped": "OBS's replay buffer is not running: start it for clips",
    "clips.ready-in": "clip of %1: ready in about %2 s",
    "clips.not-saved": "OBS did not save: %1",
    "clips.ffmpeg": "ffmpeg could not cut the clip: %1",
    # a cue's problems (services/cues.py) and pre-flight (adapters/obs/preflight.py)
    "cue.not-placed": "'%1' is not in scene '%2' (run pre-flight)",
    "cue.obs-refused": "OBS refused %1 (%2): %3",
    "cue.graphic-not-drawn": "a graphic could not be drawn: %1",
    "preflight.scene-missing": "scene '%1' is missing",
    "preflight.source-missing": "%1 source '%2' is missing",
    "preflight.not-placed": "'%1' is not in scene '%2'",
    "preflight.wrong-kind": "'%1' should be %2 %3 source but is %4",
    "preflight.no-fade": "'%1' fades but has no fade filter",
    "preflight.no-input": "SAFE cannot mute '%1': OBS has no input of that name",
    "preflight.scene": "scene '%1'",
    "preflight.source-in": "%1 source '%2' (%3) in '%4'",
    "preflight.placed": "'%1' placed in '%2'",
    "preflight.fade-filter": "fade filter on '%1'",
    "preflight.renamed": "'%1' (%2) renamed to '%3'",
    "preflight.placing-failed": "placing '%1' in '%2': %3",
    "preflight.wrong-kind-kept": "'%1' is a %2, not a %3 source: %4",
    "preflight.failed": "%1: %2",
    "preflight.source-failed": "'%1': %2",
    "preflight.slate-order": "putting the slate under the graphics: %1",
    # the console's banner: the show file, the ledger, the saved run state
    "showfile.error-on-disk": (
        "the show file on disk has an error (line %1: %2); the run sheet here is kept until it "
        "is fixed"
    ),
    "showfile.edits-do-not-fit": (
        "the show file changed outside Host Console and the unsaved edits here do not fit it (%1)"
    ),
    "showfile.on-air-gone": (
        "the show file changed on disk and no longer has “%1”, which is on air; it is taken in "
        "once another segment is on air"
    ),
    "showfile.not-saved": (
        "the edit is on the run sheet, but the show file could not be saved (%1); it is kept "
        "here and saved again when possible"
    ),
    "ledger.salvaged": (
        "the voucher ledger was damaged (%1); kept as %2. A new ledger holds the %3 entries that "
        "could be read; the sales stream replays what is missing and the platform's total "
        "reconciles the count."
    ),
    "ledger.salvaged-gaps": (
        "the voucher ledger was damaged (%1); kept as %2. A new ledger holds the %3 entries that "
        "could be read (%4 stretch(es) could not); the sales stream replays what is missing and "
        "the platform's total reconciles the count."
    ),
    "ledger.not-replayed": "the ledger could not be replayed: restart Host Console",
    "ledger.file-damaged": (
        "the voucher ledger file is damaged: %1. Sales are still counted and kept; when Host "
        "Console starts again it keeps the damaged file aside and rebuilds the ledger from what "
        "can be read and the platform's replay."
    ),
    "runstate.kept-aside": "%1: %2; kept as %3, the show starts afresh",
    "runstate.not-moved": "%1: %2; it could not be moved aside (%3)",
    "runstate.unreadable": "%1: cannot be read (%2)",
    "runstate.not-json": "is damaged (not complete JSON)",
    "runstate.not-object": "is damaged (not a JSON object)",
    "runstate.bad-clock": "holds a clock that cannot be read",
    "runstate.not-resumed": "could not be resumed (%1)",
    # the festival board's link (adapters/hub_link.py)
    "hub.token-refused": "the hub refused the show's token (HTTP %1)",
    "hub.answered": "the hub answered HTTP %1",
    "hub.not-understood": "the hub's answer is not understood (%1)",
    # sentences said one after another ("; "): see joined()
    "joined": "",
    # log lines (logged as one Said: the file gets the English, the panel the code)
    "log.feed-state": "sales %1 feed %2: %3",
    "log.obs-state": "OBS %1: %2",
    "log.count-whole": (
        "the count is whole: %1 entries replayed in %2 s (the ledger had no usable snapshot)"
    ),
    "log.closing-held": (
        "closing with %1 ledger entries not written (%2); the sales stream resumes after event %3"
    ),
    "log.event-quarantined": "sales %1: event %2 quarantined: %3",
    "log.ledger-failing": (
        "the voucher ledger cannot be written (%1): %2 entries held in memory, retrying; the "
        "count on screen waits for them"
    ),
    "log.ledger-recovered": (
        "the voucher ledger is written again: every held entry is committed (fault lasted %1 s)"
    ),
    "log.clock-off": (
        "the system clock is %1 s off the show's own time (it was changed since the last run); "
        "countdowns, freshness and counts keep the show's time"
    ),
    "log.clock-stepped": (
        "the system clock was stepped by %1 s; countdowns, freshness and counts keep the show's "
        "own time"
    ),
    "log.collection-switched": (
        "OBS switched to the scene collection “%1”; the cue on air is sent again"
    ),
    "log.clip-not-made": "clip of %1 not made: %2",
    "log.resync-corrected": "OBS re-sync corrected %1",
    "log.resync-not-restored": "OBS re-sync could not restore %1",
    "log.hub-retrying": "hub: the ledger cannot be sent now (%1); retrying",
    "log.stream-quarantined": "sales stream: event %1 quarantined: %2",
    "log.graphic-not-drawn": "graphic “%1” could not be drawn (%2); the cue goes on without it",
    "log.slate-not-drawn": (
        "SAFE's slate could not be drawn (%1); the standby scene shows without it"
    ),
    "log.showfile-not-saved": "the show file %1 could not be saved: %2",
    "log.showfile-unreadable": "the show file cannot be read to check for changes: %1",
    "log.comment-ignored": "comment %1 ignored: %2",
    "comment.not-json": "not JSON",
    "comment.no-text": "no text",
    "comment.not-unicode": "not valid Unicode",
    "log.task-failed": "%1 failed: %2",
    "log.snapshot-unusable": "the ledger's snapshot is not usable (%1); replaying it all",
    "log.snapshot-mismatch": (
        "the ledger's snapshot does not match the entries it summarises; replaying them all"
    ),
    "log.replaying-background": (
        "replaying %1 ledger entries in the background: the count is served as catching up until "
        "it is whole"
    ),
    "log.entry-quarantined": "ledger entry quarantined: %1: %2",
    "log.settings-later": "settings saved; at next start: %1",
    "log.no-cjk-font": "no font with Chinese glyphs found; install Noto Sans CJK or WenQuanYi",
    "log.folder-not-locked": "the show folder cannot be locked (%1); opening anyway",
    "log.switch-refused": "rehearsal and live are switched only before the show starts",
    "log.open-rehearsal": "the show is open as a rehearsal",
    "log.open-live": "the show is open as the live run",
    "log.api-not-started": "control API not started on %1: %2",
    "log.api-needs-token": (
        "control API not started on %1: it needs a token there — Settings → Control API → "
        "Generate a new token"
    ),
    "log.api-port-taken": "control API not started: port %1 on %2 is unavailable (%3)",
    "log.console-up": "the console is up: %1 (process %2)",
    "log.console-up-read-only": "the console is up: %1 (read-only) (process %2)",
    "log.api-not-stopped": "closing: the control API did not stop cleanly (%1)",
    "log.closed-cleanly": "Host Console closed cleanly",
    "log.file-limit": "could not raise the open-file limit from %1: %2",
    "log.api-on-token": "control API on http://%1:%2 (token required)",
    "log.api-on-loopback": "control API on http://%1:%2 (token not needed on loopback)",
    "log.api-token-replaced": "control API token replaced; the previous token no longer works",
    "log.api-failed": "control API: %1 %2 failed",
    "log.api-dropped-stream": "control API: dropped an event stream that was not read",
    "log.write-after-close": "%1 after the show was closed: written at once",
    "log.write-failed": "could not write %1: %2",
    "log.written-again": "%1 is written again",
    "log.closing-overran": "closing: %1 did not stop within %2 s; closing without it",
    "log.closing-failed": "closing: %1 failed: %2",
    "log.closed-mid-show": "closed mid-show (%1, %2): the next start resumes there",
    "log.graphic-not-kept": "the graphic %1 that went on air could not be kept: %2",
    "log.correction-in-wal": "the correction is committed to the WAL, not yet the file: %1",
    "log.ledger-writer-failed": "the ledger writer failed; retrying",
    "log.snapshot-not-written": "ledger snapshot not written: %1",
    "log.not-replayed": "the ledger could not be replayed; restart Host Console",
    "log.hook-failed": "after-command hook failed",
    "log.not-recorded": "could not record %1 in the command log",
    "log.hub-needs-id": "the hub needs the show's id (id: in the show file); not reporting",
    "log.hub-reporting": "reporting to the hub at %1 as %2",
    "log.changed-while-saving": "the show file changed on disk while saving; taking it in first",
    "log.supervisor-irregular": "OBS supervisor ended irregularly: %1",
    "log.program-not-read": "program scene not read after a collection switch: %1",
    "log.listener-failed": "a listener of what went on air failed",
    "log.keyring-read-failed": "keyring backend failed reading %1: %2",
    "log.keyring-store-failed": "keyring backend failed storing %1: %2",
    "log.bundled-font": "the bundled font %1 could not be loaded",
    "log.theme-font": "the theme's font %1 could not be loaded",
    "log.theme-font-missing": "the theme's font %1 is not installed; using the bundled one",
    "log.view-failed": "a view failed on %1 (%2); the show goes on",
    "log.refused": "%1 from %2 refused: %3",
    "log.at-path": "%1 (%2)",
    "log.stream-alarm": "stream alarm: %2",
    "log.stream-alarm-cleared": "stream alarm %1: cleared after %2",
    "log.stream-alarm-cleared-why": "stream alarm %1: cleared after %2 (%3)",
    "log.failed": "%1 from %2 failed",
    "log.graphic-not-updated": (
        "live graphic %1 not updated (%2): what is on air stays as it was; run pre-flight, or "
        "give the source its name back in OBS"
    ),
    "log.milestone": "voucher milestone reached: %1",
    "log.feed-flagged": "voucher feed flagged: %1",
    "log.graphic-updated-again": "live graphic %1 is updated again",
    "log.cue": "cue %1: %2",
    "log.preflight": "pre-flight: %1",
    "log.showfile-saved-again": "the show file is saved again",
    "log.showfile-merged": "the show file changed on disk: merged",
    "log.showfile-reloaded": "the show file changed on disk: reloaded",
}

_VALUE = re.compile(r"%(\d)")


class Said(str):
    """An English sentence that remembers its ``code`` and ``values``. It is a str: logs,
    JSON and comparisons read the English; a view asks for the code."""

    code: str
    values: tuple[str, ...]

    def __new__(cls, code: str, *values: object) -> Said:
        kept = tuple(value if isinstance(value, str) else str(value) for value in values)
        if code == "joined":
            text = "; ".join(kept)
        else:
            text = _VALUE.sub(lambda match: kept[int(match.group(1)) - 1], ENGLISH[code])
        said = super().__new__(cls, text)
        said.code = code
        said.values = kept
        return said

    def __reduce__(self) -> tuple[object, ...]:
        return (Said, (self.code, *self.values))


def told(error: BaseException) -> str:
    """What an error says: the Said it was raised with, else its text (``str(error)`` would
    drop the code)."""
    args = error.args
    if len(args) == 1 and isinstance(args[0], Said):
        said: Said = args[0]
        return said
    return str(error)


def joined(parts: list[str]) -> str:
    """Sentences said one after another ("; "), each keeping its code."""
    return Said("joined", *parts) if len(parts) != 1 else parts[0]
