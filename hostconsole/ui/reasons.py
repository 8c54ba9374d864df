"""What the app says (in English, for the log file) in the console's language: statuses and
faults of OBS and the sales feeds, the engine's refusals, pre-flight items, cue problems, log
lines in the panel.

Each is said as a ``Said`` (domain/said.py: a code and its values) and translated here by its
code, its values in turn; identifiers among the values (a state, a command, who gave it) by
themselves. Nothing is translated by reading English back: a text that is not a Said or an
identifier (a name, what OBS itself answered) stays as it is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hostconsole.domain.said import Said
from hostconsole.domain.stream_watch import AlarmKind

if TYPE_CHECKING:
    from hostconsole.adapters.sales.model import FeedState


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
        "net.other": QCoreApplication.translate("Reason", "%1: %2"),
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
        "obs.not-started": QCoreApplication.translate("Reason", "not started"),
        "obs.stopped": QCoreApplication.translate("Reason", "stopped"),
        "obs.retrying": QCoreApplication.translate("Reason", "retrying on request"),
        "obs.connecting": QCoreApplication.translate("Reason", "connecting to %1"),
        "obs.attempt": QCoreApplication.translate("Reason", "attempt %1 at %2"),
        "obs.resync-failed": QCoreApplication.translate("Reason", "re-sync failed: %1"),
        "obs.versions": QCoreApplication.translate("Reason", "OBS %1, obs-websocket %2"),
        "obs.kicked": QCoreApplication.translate(
            "Reason", "OBS disconnected this console (kicked); reconnect when ready"
        ),
        "obs.lost": QCoreApplication.translate("Reason", "connection lost: %1"),
        "obs.connection-lost": QCoreApplication.translate("Reason", "OBS connection lost"),
        "obs.event-connection-ended": QCoreApplication.translate(
            "Reason", "the event connection ended"
        ),
        "obs.no-heartbeat": QCoreApplication.translate("Reason", "no answer to the heartbeat (%1)"),
        "obs.closed-by-obs": QCoreApplication.translate("Reason", "OBS closed the connection (%1)"),
        "obs.no-answer-within": QCoreApplication.translate("Reason", "no answer within %1 s"),
        "obs.did-not-answer": QCoreApplication.translate(
            "Reason", "OBS did not answer within %1 s"
        ),
        "obs.not-connected-because": QCoreApplication.translate(
            "Reason", "OBS is not connected (%1)"
        ),
        "obs.not-connected": QCoreApplication.translate("Reason", "OBS is not connected"),
        "obs.never-confirmed": QCoreApplication.translate(
            "Reason", "OBS accepted the change but never confirmed it"
        ),
        "obs.too-long": QCoreApplication.translate("Reason", "connecting took too long"),
        "obs.password-unreadable": QCoreApplication.translate(
            "Reason", "the OBS password cannot be read: %1"
        ),
        "obs.nothing-listening": QCoreApplication.translate("Reason", "nothing is listening at %1"),
        "obs.frozen": QCoreApplication.translate(
            "Reason",
            "OBS at %1 did not answer within %2 s (frozen, or obs-websocket older than 5?)",
        ),
        "obs.not-websocket": QCoreApplication.translate(
            "Reason", "%1 is not an obs-websocket server (%2)"
        ),
        "obs.cannot-connect": QCoreApplication.translate("Reason", "cannot connect to %1: %2"),
        "obs.password-needed": QCoreApplication.translate(
            "Reason",
            "OBS asks for a password and none is set: enter the obs-websocket password "
            "(OBS: Tools → WebSocket Server Settings)",
        ),
        "obs.password-refused": QCoreApplication.translate("Reason", "OBS refused the password"),
        "obs.still-starting": QCoreApplication.translate(
            "Reason", "OBS at %1 did not finish connecting within %2 s (still starting?)"
        ),
        "obs.identify-unexpected": QCoreApplication.translate(
            "Reason", "OBS at %1 answered unexpectedly while connecting: %2"
        ),
        "obs.too-old": QCoreApplication.translate(
            "Reason",
            "obs-websocket %1 is too old: Host Console needs 5.0 or newer "
            "(built into OBS 28 and later)",
        ),
        "obs.request-timeout": QCoreApplication.translate(
            "Reason", "OBS did not answer %1 within %2 s"
        ),
        "obs.request-lost": QCoreApplication.translate("Reason", "connection lost during %1: %2"),
        "obs.batch-timeout": QCoreApplication.translate(
            "Reason", "OBS did not answer a batch of %1 within %2 s"
        ),
        "obs.batch-lost": QCoreApplication.translate(
            "Reason", "connection lost during a batch: %1"
        ),
        "obs.batch-out-of-step": QCoreApplication.translate(
            "Reason", "OBS answered a batch out of step; reconnecting"
        ),
        "obs.refused": QCoreApplication.translate("Reason", "OBS refused %1 (code %2)"),
        "obs.refused-saying": QCoreApplication.translate("Reason", "OBS refused %1 (code %2): %3"),
        "log.obs-state": QCoreApplication.translate("Reason", "OBS %1: %2"),
        "log.settings-later": QCoreApplication.translate(
            "Reason", "settings saved; at next start: %1"
        ),
        "log.no-cjk-font": QCoreApplication.translate(
            "Reason", "no font with Chinese glyphs found; install Noto Sans CJK or WenQuanYi"
        ),
        "log.folder-not-locked": QCoreApplication.translate(
            "Reason", "the show folder cannot be locked (%1); opening anyway"
        ),
        "log.switch-refused": QCoreApplication.translate(
            "Reason", "rehearsal and live are switched only before the show starts"
        ),
        "log.open-rehearsal": QCoreApplication.translate(
            "Reason", "the show is open as a rehearsal"
        ),
        "log.open-live": QCoreApplication.translate("Reason", "the show is open as the live run"),
        "log.api-not-started": QCoreApplication.translate(
            "Reason", "control API not started on %1: %2"
        ),
        "log.api-needs-token": QCoreApplication.translate(
            "Reason",
            "control API not started on %1: it needs a token there — Settings → Control API → "
            "Generate a new token",
        ),
        "log.api-port-taken": QCoreApplication.translate(
            "Reason", "control API not started: port %1 on %2 is unavailable (%3)"
        ),
        "log.console-up": QCoreApplication.translate(
            "Reason", "the console is up: %1 (process %2)"
        ),
        "log.console-up-read-only": QCoreApplication.translate(
            "Reason", "the console is up: %1 (read-only) (process %2)"
        ),
        "log.api-not-stopped": QCoreApplication.translate(
            "Reason", "closing: the control API did not stop cleanly (%1)"
        ),
        "log.closed-cleanly": QCoreApplication.translate("Reason", "Host Console closed cleanly"),
        "log.file-limit": QCoreApplication.translate(
            "Reason", "could not raise the open-file limit from %1: %2"
        ),
        "log.api-on-token": QCoreApplication.translate(
            "Reason", "control API on http://%1:%2 (token required)"
        ),
        "log.api-on-loopback": QCoreApplication.translate(
            "Reason", "control API on http://%1:%2 (token not needed on loopback)"
        ),
        "log.api-token-replaced": QCoreApplication.translate(
            "Reason", "control API token replaced; the previous token no longer works"
        ),
        "log.api-failed": QCoreApplication.translate("Reason", "control API: %1 %2 failed"),
        "log.api-dropped-stream": QCoreApplication.translate(
            "Reason", "control API: dropped an event stream that was not read"
        ),
        "log.write-after-close": QCoreApplication.translate(
            "Reason", "%1 after the show was closed: written at once"
        ),
        "log.write-failed": QCoreApplication.translate("Reason", "could not write %1: %2"),
        "log.written-again": QCoreApplication.translate("Reason", "%1 is written again"),
        "log.closing-overran": QCoreApplication.translate(
            "Reason", "closing: %1 did not stop within %2 s; closing without it"
        ),
        "log.closing-failed": QCoreApplication.translate("Reason", "closing: %1 failed: %2"),
        "log.closed-mid-show": QCoreApplication.translate(
            "Reason", "closed mid-show (%1, %2): the next start resumes there"
        ),
        "log.graphic-not-kept": QCoreApplication.translate(
            "Reason", "the graphic %1 that went on air could not be kept: %2"
        ),
        "log.correction-in-wal": QCoreApplication.translate(
            "Reason", "the correction is committed to the WAL, not yet the file: %1"
        ),
        "log.ledger-writer-failed": QCoreApplication.translate(
            "Reason", "the ledger writer failed; retrying"
        ),
        "log.snapshot-not-written": QCoreApplication.translate(
            "Reason", "ledger snapshot not written: %1"
        ),
        "log.not-replayed": QCoreApplication.translate(
            "Reason", "the ledger could not be replayed; restart Host Console"
        ),
        "log.hook-failed": QCoreApplication.translate("Reason", "after-command hook failed"),
        "log.not-recorded": QCoreApplication.translate(
            "Reason", "could not record %1 in the command log"
        ),
        "log.hub-needs-id": QCoreApplication.translate(
            "Reason", "the hub needs the show's id (id: in the show file); not reporting"
        ),
        "log.hub-reporting": QCoreApplication.translate(
            "Reason", "reporting to the hub at %1 as %2"
        ),
        "log.changed-while-saving": QCoreApplication.translate(
            "Reason", "the show file changed on disk while saving; taking it in first"
        ),
        "log.supervisor-irregular": QCoreApplication.translate(
            "Reason", "OBS supervisor ended irregularly: %1"
        ),
        "log.program-not-read": QCoreApplication.translate(
            "Reason", "program scene not read after a collection switch: %1"
        ),
        "log.listener-failed": QCoreApplication.translate(
            "Reason", "a listener of what went on air failed"
        ),
        "log.keyring-read-failed": QCoreApplication.translate(
            "Reason", "keyring backend failed reading %1: %2"
        ),
        "log.keyring-store-failed": QCoreApplication.translate(
            "Reason", "keyring backend failed storing %1: %2"
        ),
        "log.bundled-font": QCoreApplication.translate(
            "Reason", "the bundled font %1 could not be loaded"
        ),
        "log.theme-font": QCoreApplication.translate(
            "Reason", "the theme's font %1 could not be loaded"
        ),
        "log.theme-font-missing": QCoreApplication.translate(
            "Reason", "the theme's font %1 is not installed; using the bundled one"
        ),
        "log.view-failed": QCoreApplication.translate(
            "Reason", "a view failed on %1 (%2); the show goes on"
        ),
        "log.at-path": QCoreApplication.translate("Reason", "%1 (%2)"),
        "showfile.error-on-disk": QCoreApplication.translate(
            "Reason",
            "the show file on disk has an error (line %1: %2); the run sheet here is kept until "
            "it is fixed",
        ),
        "showfile.edits-do-not-fit": QCoreApplication.translate(
            "Reason",
            "the show file changed outside Host Console and the unsaved edits here do not fit it "
            "(%1)",
        ),
        "showfile.on-air-gone": QCoreApplication.translate(
            "Reason",
            "the show file changed on disk and no longer has “%1”, which is on air; it is taken "
            "in once another segment is on air",
        ),
        "showfile.not-saved": QCoreApplication.translate(
            "Reason",
            "the edit is on the run sheet, but the show file could not be saved (%1); it is kept "
            "here and saved again when possible",
        ),
        "ledger.salvaged": QCoreApplication.translate(
            "Reason",
            "the voucher ledger was damaged (%1); kept as %2. A new ledger holds the %3 entries "
            "that could be read; the sales stream replays what is missing and the platform's "
            "total reconciles the count.",
        ),
        "ledger.salvaged-gaps": QCoreApplication.translate(
            "Reason",
            "the voucher ledger was damaged (%1); kept as %2. A new ledger holds the %3 entries "
            "that could be read (%4 stretch(es) could not); the sales stream replays what is "
            "missing and the platform's total reconciles the count.",
        ),
        "ledger.not-replayed": QCoreApplication.translate(
            "Reason", "the ledger could not be replayed: restart Host Console"
        ),
        "ledger.file-damaged": QCoreApplication.translate(
            "Reason",
            "the voucher ledger file is damaged: %1. Sales are still counted and kept; when Host "
            "Console starts again it keeps the damaged file aside and rebuilds the ledger from "
            "what can be read and the platform's replay.",
        ),
        "runstate.kept-aside": QCoreApplication.translate(
            "Reason", "%1: %2; kept as %3, the show starts afresh"
        ),
        "runstate.not-moved": QCoreApplication.translate(
            "Reason", "%1: %2; it could not be moved aside (%3)"
        ),
        "runstate.unreadable": QCoreApplication.translate("Reason", "%1: cannot be read (%2)"),
        "runstate.not-json": QCoreApplication.translate("Reason", "is damaged (not complete JSON)"),
        "runstate.not-object": QCoreApplication.translate(
            "Reason", "is damaged (not a JSON object)"
        ),
        "runstate.bad-clock": QCoreApplication.translate(
            "Reason", "holds a clock that cannot be read"
        ),
        "runstate.not-resumed": QCoreApplication.translate("Reason", "could not be resumed (%1)"),
        "log.count-whole": QCoreApplication.translate(
            "Reason", "the count is whole: %1 entries replayed in %2 s"
        ),
        "log.closing-held": QCoreApplication.translate(
            "Reason",
            "closing with %1 ledger entries not written (%2); the sales stream resumes after "
            "event %3",
        ),
        "log.event-quarantined": QCoreApplication.translate(
            "Reason", "sales %1: event %2 quarantined: %3"
        ),
        "log.ledger-failing": QCoreApplication.translate(
            "Reason",
            "the voucher ledger cannot be written (%1): %2 entries held in memory, retrying; the "
            "count on screen waits for them",
        ),
        "log.ledger-recovered": QCoreApplication.translate(
            "Reason",
            "the voucher ledger is written again: every held entry is committed (fault lasted %1 "
            "s)",
        ),
        "log.clock-off": QCoreApplication.translate(
            "Reason",
            "the system clock is %1 s off the show's own time (it was changed since the last "
            "run); countdowns, freshness and counts keep the show's time",
        ),
        "log.clock-stepped": QCoreApplication.translate(
            "Reason",
            "the system clock was stepped by %1 s; countdowns, freshness and counts keep the "
            "show's own time",
        ),
        "log.collection-switched": QCoreApplication.translate(
            "Reason", "OBS switched to the scene collection “%1”; the cue on air is sent again"
        ),
        "log.clip-not-made": QCoreApplication.translate("Reason", "clip of %1 not made: %2"),
        "log.resync-corrected": QCoreApplication.translate("Reason", "OBS re-sync corrected %1"),
        "log.resync-not-restored": QCoreApplication.translate(
            "Reason", "OBS re-sync could not restore %1"
        ),
        "log.hub-retrying": QCoreApplication.translate(
            "Reason", "the festival board: the ledger cannot be sent now (%1); retrying"
        ),
        "log.stream-quarantined": QCoreApplication.translate(
            "Reason", "sales stream: event %1 quarantined: %2"
        ),
        "log.graphic-not-drawn": QCoreApplication.translate(
            "Reason", "graphic “%1” could not be drawn (%2); the cue goes on without it"
        ),
        "log.slate-not-drawn": QCoreApplication.translate(
            "Reason", "SAFE's slate could not be drawn (%1); the standby scene shows without it"
        ),
        "log.showfile-not-saved": QCoreApplication.translate(
            "Reason", "the show file %1 could not be saved: %2"
        ),
        "log.showfile-unreadable": QCoreApplication.translate(
            "Reason", "the show file cannot be read to check for changes: %1"
        ),
        "log.comment-ignored": QCoreApplication.translate("Reason", "comment %1 ignored: %2"),
        "comment.not-json": QCoreApplication.translate("Reason", "not JSON"),
        "comment.no-text": QCoreApplication.translate("Reason", "no text"),
        "comment.not-unicode": QCoreApplication.translate("Reason", "not valid Unicode"),
        "log.task-failed": QCoreApplication.translate("Reason", "%1 failed: %2"),
        "log.snapshot-unusable": QCoreApplication.translate(
            "Reason", "the ledger's snapshot is not usable (%1); replaying it all"
        ),
        "log.snapshot-mismatch": QCoreApplication.translate(
            "Reason",
            "the ledger's snapshot does not match the entries it summarises; replaying them all",
        ),
        "log.replaying-background": QCoreApplication.translate(
            "Reason",
            "replaying %1 ledger entries in the background: the count is shown as catching up "
            "until it is whole",
        ),
        "log.entry-quarantined": QCoreApplication.translate(
            "Reason", "ledger entry quarantined: %1: %2"
        ),
        "log.stream-alarm": QCoreApplication.translate("Reason", "stream alarm: %1"),
        "log.stream-alarm-cleared": QCoreApplication.translate(
            "Reason", "stream alarm cleared after %2: %1"
        ),
        "log.stream-alarm-cleared-why": QCoreApplication.translate(
            "Reason", "stream alarm cleared after %2 (%3): %1"
        ),
        **{f"alarm.{kind}": alarm_text(kind) for kind in AlarmKind},
        "engine.obs-fault": QCoreApplication.translate("Reason", "OBS: %1"),
        "show.ended-no-next": QCoreApplication.translate(
            "Reason", "the show has ended: there is no next segment"
        ),
        "show.ended": QCoreApplication.translate("Reason", "the show has ended"),
        "show.not-started": QCoreApplication.translate("Reason", "the show has not started"),
        "show.not-running": QCoreApplication.translate("Reason", "the show is not running"),
        "show.not-paused": QCoreApplication.translate("Reason", "the show is not paused"),
        "show.not-on-air": QCoreApplication.translate("Reason", "the show is not on air"),
        "show.no-cue-owed": QCoreApplication.translate(
            "Reason", "no cue is owed for the segment on air"
        ),
        "show.off-air-safe": QCoreApplication.translate(
            "Reason", "off air (SAFE is on): press Back on air first"
        ),
        "show.needs-a-segment": QCoreApplication.translate(
            "Reason", "a run sheet needs at least one segment"
        ),
        "studio.no-next": QCoreApplication.translate(
            "Reason", "there is no next segment to prepare"
        ),
        "studio.not-studio-mode": QCoreApplication.translate("Reason", "OBS is not in studio mode"),
        "studio.obs-off": QCoreApplication.translate("Reason", "OBS control is off"),
        "results.needs-reason": QCoreApplication.translate("Reason", "a correction needs a reason"),
        "ledger.rebuilding": QCoreApplication.translate(
            "Reason",
            "the count is being rebuilt from the ledger (%1 of %2 entries read): correct it once "
            "it is whole",
        ),
        "graphics.no-caption": QCoreApplication.translate(
            "Reason", "this show has no caption overlay"
        ),
        "graphics.caption-over-sale": QCoreApplication.translate(
            "Reason", "the caption would take %1 off air during a sale: take it off first"
        ),
        "graphics.no-program": QCoreApplication.translate("Reason", "OBS has no program scene yet"),
        "graphics.no-milestone": QCoreApplication.translate(
            "Reason", "this show has no milestone overlay"
        ),
        "graphics.not-streaming": QCoreApplication.translate(
            "Reason", "OBS is not streaming: nothing reaches viewers until it is"
        ),
        "graphics.not-recording": QCoreApplication.translate(
            "Reason", "OBS is not recording: the show keeps no recording of its own"
        ),
        "safe.already-off": QCoreApplication.translate("Reason", "already off air (SAFE)"),
        "safe.already-on": QCoreApplication.translate("Reason", "already on air"),
        "safe.no-microphone": QCoreApplication.translate(
            "Reason", "no microphone “%1” in OBS: not muted"
        ),
        "safe.no-standby": QCoreApplication.translate(
            "Reason",
            "OBS has no standby scene “%1” with the slate: run pre-flight; the picture stays on "
            "program",
        ),
        "safe.off-air": QCoreApplication.translate(
            "Reason", "off air: “%1” on program, %2 microphone(s) muted, every graphic off"
        ),
        "safe.back": QCoreApplication.translate(
            "Reason",
            "back on air after %1 off air (SAFE by %2): “%3” on program, %4 graphic(s) and %6 "
            "microphone(s) as before",
        ),
        "with-problems": QCoreApplication.translate("Reason", "%1 — %2"),
        "outputs.already": QCoreApplication.translate("Reason", "already %1"),
        "outputs.not": QCoreApplication.translate("Reason", "not %1"),
        "outputs.started": QCoreApplication.translate("Reason", "%1 started"),
        "outputs.stopped": QCoreApplication.translate("Reason", "%1 stopped"),
        "outputs.stopping-needs-confirmation": QCoreApplication.translate(
            "Reason", "a segment is on air: stopping %1 needs a confirmation"
        ),
        "clips.buffer-off": QCoreApplication.translate(
            "Reason",
            "OBS's replay buffer is off: turn it on in OBS (Settings → Output → Replay Buffer) "
            "for clips",
        ),
        "clips.buffer-stopped": QCoreApplication.translate(
            "Reason", "OBS's replay buffer is not running: start it for clips"
        ),
        "clips.ready-in": QCoreApplication.translate("Reason", "clip of %1: ready in about %2 s"),
        "clips.not-saved": QCoreApplication.translate("Reason", "OBS did not save: %1"),
        "clips.ffmpeg": QCoreApplication.translate("Reason", "ffmpeg could not cut the clip: %1"),
        "cue.not-placed": QCoreApplication.translate(
            "Reason", "“%1” is not in scene “%2” (run pre-flight)"
        ),
        "cue.obs-refused": QCoreApplication.translate("Reason", "OBS refused %1 (%2): %3"),
        "cue.graphic-not-drawn": QCoreApplication.translate(
            "Reason", "a graphic could not be drawn: %1"
        ),
        "preflight.scene-missing": QCoreApplication.translate("Reason", "scene “%1” is missing"),
        "preflight.source-missing": QCoreApplication.translate(
            "Reason", "%1 source “%2” is missing"
        ),
        "preflight.not-placed": QCoreApplication.translate("Reason", "“%1” is not in scene “%2”"),
        "preflight.wrong-kind": QCoreApplication.translate(
            "Reason", "“%1” should be a %3 source but is %4"
        ),
        "preflight.no-fade": QCoreApplication.translate(
            "Reason", "“%1” fades but has no fade filter"
        ),
        "preflight.no-input": QCoreApplication.translate(
            "Reason", "SAFE cannot mute “%1”: OBS has no input of that name"
        ),
        "preflight.scene": QCoreApplication.translate("Reason", "scene “%1”"),
        "preflight.source-in": QCoreApplication.translate("Reason", "%1 source “%2” (%3) in “%4”"),
        "preflight.placed": QCoreApplication.translate("Reason", "“%1” placed in “%2”"),
        "preflight.fade-filter": QCoreApplication.translate("Reason", "fade filter on “%1”"),
        "preflight.renamed": QCoreApplication.translate("Reason", "“%1” (%2) renamed to “%3”"),
        "preflight.wrong-kind-kept": QCoreApplication.translate(
            "Reason", "“%1” is a %2, not a %3 source: %4"
        ),
        "preflight.failed": QCoreApplication.translate("Reason", "%1: %2"),
        "preflight.source-failed": QCoreApplication.translate("Reason", "“%1”: %2"),
        "preflight.slate-order": QCoreApplication.translate(
            "Reason", "putting the slate under the graphics: %1"
        ),
        "preflight.placing-failed": QCoreApplication.translate(
            "Reason", "placing “%1” in “%2”: %3"
        ),
        "hub.token-refused": QCoreApplication.translate(
            "Reason", "the hub refused the show's token (HTTP %1)"
        ),
        "hub.answered": QCoreApplication.translate("Reason", "the hub answered HTTP %1"),
        "hub.not-understood": QCoreApplication.translate(
            "Reason", "the hub's answer is not understood (%1)"
        ),
        "log.refused": QCoreApplication.translate("Reason", "%1 from %2 refused: %3"),
        "log.failed": QCoreApplication.translate("Reason", "%1 from %2 failed"),
        "log.milestone": QCoreApplication.translate("Reason", "milestone reached: %1 vouchers"),
        "log.feed-flagged": QCoreApplication.translate("Reason", "the sales feed is flagged: %1"),
        "log.graphic-updated-again": QCoreApplication.translate(
            "Reason", "graphic %1 is updated again"
        ),
        "log.graphic-not-updated": QCoreApplication.translate(
            "Reason",
            "graphic %1 not updated (%2): what is on air stays as it was; run pre-flight, or give "
            "the source its name back in OBS",
        ),
        "log.cue": QCoreApplication.translate("Reason", "cue %1: %2"),
        "log.preflight": QCoreApplication.translate("Reason", "pre-flight: %1"),
        "log.showfile-saved-again": QCoreApplication.translate(
            "Reason", "the show file is saved again"
        ),
        "log.showfile-merged": QCoreApplication.translate(
            "Reason", "the show file changed on disk: your edits were kept on top"
        ),
        "log.showfile-reloaded": QCoreApplication.translate(
            "Reason", "the show file changed on disk: reloaded"
        ),
    }


def _words() -> dict[str, str]:
    """Identifiers that reach a sentence as its values — a state, a command, who gave it, a
    role — in the console's language, by the identifier itself."""
    return {
        # an OBS link's state (adapters/obs/status.LinkState)
        "connected": QCoreApplication.translate("Reason", "connected"),
        "disconnected": QCoreApplication.translate("Reason", "disconnected"),
        "connecting": QCoreApplication.translate("Reason", "connecting"),
        "reconnecting": QCoreApplication.translate("Reason", "reconnecting"),
        "auth_failed": QCoreApplication.translate("Reason", "password refused"),
        "kicked": QCoreApplication.translate("Reason", "disconnected by OBS"),
        "incompatible": QCoreApplication.translate("Reason", "incompatible"),
        # a sales feed's kind and state (adapters/sales/model.FeedState)
        "poll": QCoreApplication.translate("Reason", "polled count"),
        "stream": QCoreApplication.translate("Reason", "sales stream"),
        "live": QCoreApplication.translate("Reason", "live"),
        "unchanged": QCoreApplication.translate("Reason", "unchanged"),
        "starting": QCoreApplication.translate("Reason", "starting"),
        "stopped": QCoreApplication.translate("Reason", "stopped"),
        "not started": QCoreApplication.translate("Reason", "not started"),
        "error": QCoreApplication.translate("Reason", "error"),
        "unauthorized": QCoreApplication.translate("Reason", "token refused"),
        # who gave a command (Command.origin)
        "console": QCoreApplication.translate("Reason", "the console"),
        "shortcut": QCoreApplication.translate("Reason", "a shortcut key"),
        "automatic": QCoreApplication.translate("Reason", "the run sheet"),
        "stream-watch": QCoreApplication.translate("Reason", "the stream watch"),
        # a command (services/commands.CommandKind)
        "go": QCoreApplication.translate("Reason", "GO"),
        "next": QCoreApplication.translate("Reason", "Next"),
        "previous": QCoreApplication.translate("Reason", "Previous"),
        "pause": QCoreApplication.translate("Reason", "Pause"),
        "resume": QCoreApplication.translate("Reason", "Resume"),
        "time": QCoreApplication.translate("Reason", "add time"),
        "prepare": QCoreApplication.translate("Reason", "Prepare in preview"),
        "take": QCoreApplication.translate("Reason", "Take"),
        "overlay": QCoreApplication.translate("Reason", "a graphic"),
        "caption": QCoreApplication.translate("Reason", "the caption"),
        "clear-graphics": QCoreApplication.translate("Reason", "Clear graphics"),
        "safe": QCoreApplication.translate("Reason", "SAFE"),
        "message": QCoreApplication.translate("Reason", "a message"),
        "correction": QCoreApplication.translate("Reason", "a correction"),
        "preflight": QCoreApplication.translate("Reason", "pre-flight"),
        "reapply": QCoreApplication.translate("Reason", "re-applying the cue"),
        "edit": QCoreApplication.translate("Reason", "a run sheet edit"),
        # a source's role, as pre-flight names it; an OBS output
        "image": QCoreApplication.translate("Reason", "image"),
        "text": QCoreApplication.translate("Reason", "text"),
        "color": QCoreApplication.translate("Reason", "colour"),
        "streaming": QCoreApplication.translate("Reason", "streaming"),
        "recording": QCoreApplication.translate("Reason", "recording"),
    }


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


_codes: dict[str, str] | None = None
_words_now: dict[str, str] = {}
_CONTROL_API = "control-api:"
_language: str | None = None
_VALUE = re.compile(r"%(\d)")


def reason(text: str) -> str:
    """``text`` in the console's language: a Said by its code (its values translated in
    turn), an identifier (a state, a command, who gave it) by itself; anything else — a name,
    a number, what OBS itself said — stays as it is."""
    global _codes, _words_now, _language
    language = QCoreApplication.translate("Reason", "connected")  # changes with the language
    if _codes is None or language != _language:
        _codes = _by_code()
        _words_now = _words()
        _language = language
    if isinstance(text, Said):
        if text.code == "joined":
            return "; ".join(reason(value) for value in text.values)
        template = _codes.get(text.code)
        if template is None:
            return str(text)
        values = text.values
        return _VALUE.sub(lambda match: reason(values[int(match.group(1)) - 1]), template)
    word = _words_now.get(text)
    if word is not None:
        return word
    if text.startswith(_CONTROL_API):  # who gave a command: "control-api:<its name>"
        return QCoreApplication.translate("Reason", "the control API %1").replace(
            "%1", text[len(_CONTROL_API) :]
        )
    return text


def feed_state(state: FeedState) -> str:
    return reason(state.value)


def feed_name(kind: str) -> str:
    return reason(kind)
