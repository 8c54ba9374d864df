"""The show's state as JSON, for the control API, its event stream and the web presenter."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import weakref
from typing import TYPE_CHECKING, Any

from hostconsole.domain.clock import ClockState, epoch_at
from hostconsole.services.overlays import offer_line

if TYPE_CHECKING:
    from hostconsole.domain.show import Segment
    from hostconsole.services.show import ShowSession


def _offer(session: ShowSession, segment: Segment, *, english: bool) -> str:
    if not segment.products:
        return ""
    return offer_line(session.show.product(segment.products[0]), english)


def freshness(session: ShowSession, now: float) -> dict[str, Any]:
    fault = session.counter.storage_fault
    if fault is not None:
        # Sales arrive but cannot be committed: the count on screen is not live.
        return {"state": "held", "age": round(max(now - fault.since, 0.0), 1)}
    statuses = session.feed_statuses()
    if not statuses:
        return {"state": "manual", "age": None}
    ages = [age for age in (s.age(now) for s in statuses) if age is not None]
    age = min(ages) if ages else None
    if age is None:
        return {"state": "offline", "age": None}
    stale = all(s.is_stale(now) for s in statuses if s.age(now) is not None)
    return {"state": "stale" if stale else "live", "age": round(age, 1)}


def show_json(session: ShowSession) -> dict[str, Any]:
    """What of the show does not change while it runs — its segments, titles, durations and
    notes, and its planned start — fetched once by a page (GET /api/v1/show, with an ETag)
    and again only when ``state.show.version`` changes. O(segments), so not in every state."""
    show = session.show
    planned = epoch_at(session.day, show.planned_start) if show.planned_start is not None else None
    return {
        "title": show.title,
        "title_en": show.title_en,
        "planned_start": planned,
        "segments": [
            {
                "id": segment.id,
                "title": segment.title,
                "title_en": segment.title_en,
                "duration": segment.duration,
                "notes": segment.notes,
            }
            for segment in show.segments
        ],
    }


class ShowBody:
    """show_json serialised once per show: its version (a short hash) and its bytes, and the
    bytes gzipped once a client asks for them (a 10,000-segment show is 1.2 MB of JSON, 83 KB
    gzipped; the version is read every tick, the gzipped bytes only by web pages)."""

    def __init__(self, text: bytes) -> None:
        self.version = hashlib.sha1(text, usedforsecurity=False).hexdigest()[:16]
        self.json = text

    @functools.cached_property
    def gzipped(self) -> bytes:
        return gzip.compress(self.json, compresslevel=6, mtime=0)


# Per session, the show it was made for: a reload makes a new show object, and a new body.
_bodies: weakref.WeakKeyDictionary[ShowSession, tuple[object, ShowBody]] = (
    weakref.WeakKeyDictionary()
)


def show_body(session: ShowSession) -> ShowBody:
    show = session.show
    known = _bodies.get(session)
    if known is not None and known[0] is show:
        return known[1]
    body = ShowBody(json.dumps(show_json(session), ensure_ascii=False, sort_keys=True).encode())
    _bodies[session] = (show, body)
    return body


def show_version(session: ShowSession) -> str:
    """A short hash of show_json, worked out once per show object (edits make a new one)."""
    return show_body(session).version


def _stream_json(session: ShowSession) -> dict[str, Any] | None:
    reading = session.outputs.last
    if reading is None:
        return None  # OBS not connected (or not read yet): unknown, never "fine"
    return {
        "streaming": reading.streaming,
        "reconnecting": reading.reconnecting,
        "congestion": round(reading.congestion, 3),
        "recording": reading.recording,
        "fps": round(reading.fps, 2),
        "canvas_fps": reading.canvas_fps,
        "disk_free_mb": None if reading.disk_free_mb is None else round(reading.disk_free_mb),
        "at": reading.at,
    }


def _hub_json(session: ShowSession) -> dict[str, Any] | None:
    hub = session.feeds.hub
    if hub is None:
        return None
    return {
        "url": hub.base,
        "connected": hub.connected,
        "waiting": hub.waiting(session.counter.last_seq),
        "problem": hub.problem or None,
    }


def state_json(session: ShowSession) -> dict[str, Any]:
    now = session.now()
    snap = session.snapshot()
    segment = session.current_segment()
    upcoming = session.next_segment()
    started = snap.state is not ClockState.NOT_STARTED
    obs = session.obs
    status = session.obs_status()
    points = session.show.points_for_segment(segment)
    counter = session.counter
    return {
        "at": now,
        "show": {
            "title": session.show.title,
            "title_en": session.show.title_en,
            "rehearsal": session.rehearsal,
            # Changes when the show file does: pages fetch /api/v1/show again then.
            "version": show_version(session),
        },
        "clock": {
            "state": snap.state.value,
            "show_elapsed": round(snap.show_elapsed, 2),
            "planned_total": snap.planned_total,
            "over_under": round(snap.over_under, 2),
            "planned_end": snap.planned_end,
            "projected_end": snap.projected_end,
            "hard_starts": [
                {
                    "segment": session.show.segments[h.index].id,
                    "at": h.at,
                    "seconds_until": round(h.seconds_until, 1),
                    "slip": round(h.slip, 1),
                }
                for h in snap.hard_starts
            ],
        },
        "segment": {
            "index": snap.index,
            "id": segment.id,
            "title": segment.title,
            "title_en": segment.title_en,
            "planned": snap.planned if started else segment.duration,
            "elapsed": round(snap.elapsed, 2) if started else 0.0,
            "remaining": round(snap.remaining, 2) if started else segment.duration,
            "level": snap.level.value if started else "normal",
            "on_air": started and snap.state is not ClockState.FINISHED,
            "notes": segment.notes,
            # The segment's product as the official may state it: price, voucher, terms.
            "offer": _offer(session, segment, english=False),
            "offer_en": _offer(session, segment, english=True),
        },
        "next": None
        if upcoming is None
        else {"id": upcoming.id, "title": upcoming.title, "title_en": upcoming.title_en},
        # When each segment really started and ended (only those that have run).
        "segment_times": {key: list(value) for key, value in session.actual_times.items()},
        "points": [
            {
                "id": p.id,
                "headline": p.headline,
                "headline_en": p.headline_en,
                "detail": p.detail,
                "detail_en": p.detail_en,
                "covered": p.id in session.covered,
            }
            for p in points
        ],
        "pushed_point": session.pushed_point,
        "caption_point": session.caption_point,
        "armed": None if session.armed is None else session.show.segments[session.armed].id,
        "prepared": (
            None if session.prepared is None else session.show.segments[session.prepared].id
        ),
        "vouchers": {
            # null while the count is being replayed from the ledger: never a partial count.
            "count": counter.count if counter.whole else None,
            "rate_5min": counter.rate() if counter.whole else None,
            # Orders refunded or cancelled after payment: never taken off the count on air,
            # shown beside it with what stayed sold.
            "refunded": counter.state.refunded if counter.whole else None,
            "net": counter.state.net if counter.whole else None,
            "catching_up": counter.catching_up,
            "replay": None
            if counter.folding is None
            else {"done": counter.folding[0], "of": counter.folding[1]},
            "goal": counter.state.goal,
            "freshness": freshness(session, now),
            "storage": None
            if counter.storage_fault is None
            else {
                "ok": False,
                "message": counter.storage_fault.message,
                "since": counter.storage_fault.since,
                "held": counter.held_entries(),
            },
            "quarantined": counter.quarantined,
            "ledger_problem": counter.ledger_problem,
            "missing_earlier_sales_since": session.missing_earlier_sales_since(),
        },
        "obs": {
            "state": None if status is None else status.state.value,
            "message": None if status is None else status.message,
            "program": None if obs is None else obs.program_scene,
            "preview": None if obs is None else obs.preview_scene,
            "studio_mode": False if obs is None else obs.studio_mode,
            "streaming": False if obs is None else obs.streaming,
            "recording": False if obs is None else obs.recording,
        },
        "message": {"text": session.message_now(), "blink": session.message.blink},
        # What reaches viewers, from OBS's statistics each second; alarms raised now.
        "stream": _stream_json(session),
        "alarms": [
            {"kind": alarm.kind.value, "detail": alarm.detail, "since": alarm.since}
            for alarm in session.outputs.alarms
        ],
        # The festival board's hub, when this console reports to one.
        "hub": _hub_json(session),
        # Clips of the moments that sold (the latest 50), each with its file once cut.
        "clips": session.clips.to_json(),
        # SAFE: off air since when, pressed where (null while on air).
        "safe": None
        if session.off_air is None
        else {"since": session.off_air.since, "by": session.off_air.origin},
        "question": None
        if session.presented_question is None
        else {
            "author": session.presented_question.author,
            "text": session.presented_question.text,
        },
        "prompt": None
        if session.sales_prompter.current is None
        else {
            "kind": session.sales_prompter.current.kind,
            "text": session.sales_prompter.current.shown(counter.count),
        },
        "prompter": {
            **session.prompter.to_json(now),
            "length": session.current_script().length,
        },
    }
