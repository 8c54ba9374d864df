"""The run state across runs: saved after every change (on the show's writer thread), read
back after a crash and turned into the live RunState, each field kept only where it still fits
the show (an edited show may have lost a segment)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.storage.settings import write_json_atomically
from hostconsole.adapters.storage.validated import SavedOffAir, keep_aside, read_run_state
from hostconsole.domain.clock import ClockState, MonotonicWallClock
from hostconsole.domain.said import Said
from hostconsole.services.show.state import OffAir, PresenterMessage, RunState

if TYPE_CHECKING:
    from hostconsole.services.show.session import ShowSession


def resumed_state(session: ShowSession, saved: dict[str, Any]) -> RunState:
    """Raises KeyError, ValueError or TypeError when the clock cannot be resumed."""
    show = session.show
    now = session.now()
    clock = session.make_clock(show)
    clock.restore_state(saved["clock"])
    state = RunState(clock)
    state.prompter.set_script(session.current_script(), now)
    prompter = saved.get("prompter")
    if isinstance(prompter, dict):
        state.prompter.restore(prompter, now)  # after the script: a place is kept within it
    times = saved.get("actual_times") or {}
    state.actual_times = {
        str(key): (float(value[0]), None if len(value) < 2 or value[1] is None else value[1])
        for key, value in times.items()
        if isinstance(value, list) and value and value[0] is not None
    }
    covered = saved.get("covered", [])
    state.covered = frozenset(str(c) for c in covered) if isinstance(covered, list) else frozenset()
    message = saved.get("message") or {}
    if isinstance(message, dict):
        state.message = PresenterMessage(str(message.get("text", "")), bool(message.get("blink")))
    count = len(show.segments)
    points = {point.id for point in show.talking_points}

    def index(name: str) -> int | None:
        value = saved.get(name)
        return value if isinstance(value, int) and 0 <= value < count else None

    def point(name: str) -> str | None:
        value = saved.get(name)
        return value if isinstance(value, str) and value in points else None

    state.armed = index("armed")
    state.prepared = index("prepared")
    state.pushed_point = point("pushed_point")
    state.caption_point = point("caption_point")
    # Viewers' questions live in memory: one the console no longer lists is not put back.
    for name in ("question_presented", "question_on_air"):
        value = saved.get(name)
        if isinstance(value, str) and session.questions.get(value) is not None:
            setattr(state, name, value)
    safe = saved.get("safe")
    if isinstance(safe, SavedOffAir):
        # Off air when the console stopped: it still is, and Back on air still knows what
        # to put back (a graphic the show file no longer has is left out).
        overlays = {overlay.id for overlay in show.overlays}
        state.safe = OffAir(
            since=safe.since,
            origin=safe.origin,
            program=safe.program,
            graphics=tuple(g for g in safe.graphics if g in overlays),
            muted_before=tuple((name, muted) for name, muted in safe.muted_before),
        )
    if state.on_air():
        # OBS may have been changed while the console was away: the segment's cue is owed,
        # and sent as soon as OBS is connected.
        state.owed_cue = show.segments[clock.index].id
    return state


def saved_run_state(session: ShowSession) -> dict[str, Any] | None:
    """The run state left by the last run of this show, if it did not close cleanly.

    Read field by field (adapters/storage/validated.py): a wrong value is named and
    defaulted; a file that cannot be read is kept aside and reported, never a crash."""
    read = read_run_state(session.state_path)
    if read.problem:
        session.run_state_problem = read.problem
        session.changed("show")
    state = read.state
    if state is None or state["closed_cleanly"]:
        return None
    clock = state.get("clock")
    if not isinstance(clock, dict) or clock.get("state") in (None, ClockState.NOT_STARTED.value):
        return None
    return state


def resume_run(session: ShowSession, saved: dict[str, Any]) -> None:
    """Continue where the saved run was; a state that cannot be resumed is kept aside
    (named in the console's banner) and the show starts afresh."""
    try:
        day = saved.get("day")
        if session.show.date is None and isinstance(day, str):
            session.day = date.fromisoformat(day)
        state = resumed_state(session, saved)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as error:
        session.day = session.show.date or session.day
        session.state = RunState(session.make_clock(session.show))
        session.state.prompter.set_script(session.current_script(), session.now())
        session.run_state_problem = keep_aside(
            session.state_path, Said("runstate.not-resumed", error)
        ).problem
        return
    session.state = state
    session.resumed = True
    session.onair_log.write(
        "resume", "automatic", f"resumed at segment {session.current_segment().id}"
    )


def save_run_state(session: ShowSession, state: RunState, *, closed_cleanly: bool) -> None:
    """Written on the show's writer thread (fsync there), in order with the logs."""
    if session.read_only:
        return
    own_time = isinstance(session.now, MonotonicWallClock)
    saved = state.to_saved(
        now=session.now(),
        show_file=str(Path(session.document.file).resolve()),
        closed_cleanly=closed_cleanly,
        rehearsal=session.rehearsal,
        day=session.day.isoformat(),
        monotonic=time.monotonic() if own_time else None,
        boot=session.boot if own_time else "",
    )
    session.writer.submit(
        "the run state", write_json_atomically, session.state_path, msgspec.to_builtins(saved)
    )
