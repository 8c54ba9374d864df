"""After a crash: the run state the last run saved, turned back into the live RunState, each
field kept only where it still fits the show (an edited show may have lost a segment)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hostconsole.adapters.storage.validated import SavedOffAir
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
