"""What the console tells the hub's festival board about its show, and what it does with the
organiser's messages (they reach the presenter like the producer's, logged as the organiser's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hostconsole.domain.clock import ClockState

if TYPE_CHECKING:
    from hostconsole.services.show.session import ShowSession


def _clock(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def board_state(session: ShowSession) -> dict[str, Any]:
    """The show as its tile on the board: on air or not, segment, next, time left, count,
    rate, and whether the feed, OBS and the stream are well."""
    snap = session.snapshot()
    on_air = snap.state not in (ClockState.NOT_STARTED, ClockState.FINISHED)
    upcoming = session.next_segment()
    status = session.obs_status()
    reading = session.outputs.last
    alarms = [alarm.kind.value for alarm in session.outputs.alarms]
    if reading is None:
        stream = "unknown"
    elif alarms or not reading.streaming or reading.reconnecting:
        stream = "trouble"
    else:
        stream = "ok"
    feeds = session.feed_statuses()
    counter = session.counter
    return {
        "rehearsal": session.rehearsal,
        "on_air": on_air,
        "segment": session.current_segment().title if on_air else None,
        "next": upcoming.title if upcoming is not None and on_air else None,
        "left": _clock(snap.remaining) if on_air else None,
        "count": counter.count if counter.whole else None,
        "rate_5min": counter.rate() if counter.whole else None,
        "obs": "unknown" if status is None else status.state.value,
        "feed": feeds[0].state.value if feeds else "manual",
        "stream": stream,
        "alarms": alarms,
        "safe": session.off_air is not None,
    }


async def organiser_says(session: ShowSession, text: str) -> None:
    """The organiser's message from the board, to the presenter (blinking: it is not the
    producer's voice), in the on-air log as the organiser's."""
    await session.send_message(text, blink=True, origin="organiser")
