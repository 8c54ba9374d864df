"""The prompter: the segments' scripts as one text with a marker per segment, and where the
official is in it — running at a speed, or held — as numbers that survive a restart.

The position is a character offset into the whole script, so it means the same on any
screen size; while running it is ``anchor + speed × (now − anchor_at)``, worked out when
asked (no timer here: the view asks each frame)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from hostconsole.domain.show import Show

DEFAULT_SPEED = 4.0  # characters a second: a measured Mandarin reading pace
SPEED_STEP = 1.25
MIN_SPEED, MAX_SPEED = 0.5, 40.0
MIN_SIZE, MAX_SIZE = 0.5, 3.0
SIZE_STEP = 1.15
STEP_CHARACTERS = 40  # back/forward (a presenter clicker's page keys) moves about a line

ACTIONS = (
    "show",
    "hide",
    "start",
    "stop",
    "toggle",
    "faster",
    "slower",
    "bigger",
    "smaller",
    "back",
    "forward",
    "previous-marker",
    "next-marker",
    "segment",
    "top",
)


class Marker(msgspec.Struct, frozen=True):
    """Where a segment's script starts in the whole text."""

    segment_id: str
    title: str
    offset: int


class Script(msgspec.Struct, frozen=True):
    text: str
    markers: tuple[Marker, ...]

    @property
    def length(self) -> int:
        return len(self.text)

    def marker_at(self, position: float) -> Marker | None:
        found = None
        for marker in self.markers:
            if marker.offset <= position:
                found = marker
        return found


def build_script(show: Show) -> Script:
    """Every segment with a script, in run-sheet order: a heading line (its title) then its
    words; the markers point at the headings."""
    parts: list[str] = []
    markers: list[Marker] = []
    offset = 0
    for segment in show.segments:
        if not segment.script.strip():
            continue
        block = f"■ {segment.title}\n{segment.script.strip()}\n\n"
        markers.append(Marker(segment.id, segment.title, offset))
        parts.append(block)
        offset += len(block)
    return Script("".join(parts), tuple(markers))


class Prompter(msgspec.Struct):
    visible: bool = False
    running: bool = False
    speed: float = DEFAULT_SPEED
    size: float = 1.0  # text size, relative to the view's own
    anchor: float = 0.0  # position when last changed
    anchor_at: float = 0.0  # when that was (epoch seconds)
    length: int = 0  # the script's length: the position never runs past it
    markers: tuple[Marker, ...] = msgspec.field(default_factory=tuple)

    def position(self, now: float) -> float:
        moved = self.speed * max(now - self.anchor_at, 0.0) if self.running else 0.0
        return min(self.anchor + moved, float(self.length))

    def _hold_at(self, position: float, now: float) -> None:
        self.anchor = min(max(position, 0.0), float(self.length))
        self.anchor_at = now

    def apply(self, action: str, now: float, segment: str | None = None) -> str:
        """Carry out one control; returns what it did, for the on-air log. ValueError names
        an unknown action or segment (nothing changes then)."""
        here = self.position(now)
        if action not in ACTIONS:
            raise ValueError(f"unknown prompter action '{action}' (one of {', '.join(ACTIONS)})")
        if action == "segment":
            target = next((m for m in self.markers if m.segment_id == segment), None)
            if target is None:
                raise ValueError(f"no script for segment '{segment}'")
            self._hold_at(target.offset, now)
            return f"at {segment}"
        self._hold_at(here, now)  # every change starts from where the text is now
        if action in ("show", "hide"):
            self.visible = action == "show"
        elif action in ("start", "stop", "toggle"):
            self.running = (not self.running) if action == "toggle" else action == "start"
            if self.running and here >= self.length:
                self._hold_at(0.0, now)
        elif action in ("faster", "slower"):
            factor = SPEED_STEP if action == "faster" else 1 / SPEED_STEP
            self.speed = min(max(self.speed * factor, MIN_SPEED), MAX_SPEED)
        elif action in ("bigger", "smaller"):
            factor = SIZE_STEP if action == "bigger" else 1 / SIZE_STEP
            self.size = min(max(self.size * factor, MIN_SIZE), MAX_SIZE)
        elif action in ("back", "forward"):
            step = STEP_CHARACTERS if action == "forward" else -STEP_CHARACTERS
            self._hold_at(here + step, now)
        elif action in ("previous-marker", "next-marker"):
            offsets = [m.offset for m in self.markers]
            if action == "next-marker":
                later = [o for o in offsets if o > here + 0.5]
                self._hold_at(later[0] if later else here, now)
            else:
                earlier = [o for o in offsets if o < here - 0.5]
                self._hold_at(earlier[-1] if earlier else 0.0, now)
        elif action == "top":
            self._hold_at(0.0, now)
        return f"{action}: {'running' if self.running else 'held'} at {self.position(now):.0f}"

    def follow(self, segment_id: str, now: float) -> bool:
        """Held text moves to the start of ``segment_id``'s script unless it is already in
        it (a running prompter is the presenter's pace and stays). True when it moved."""
        if self.running:
            return False
        target = next((m for m in self.markers if m.segment_id == segment_id), None)
        if target is None:
            return False
        here = self.position(now)
        current = None
        for marker in self.markers:
            if marker.offset <= here:
                current = marker
        if current is not None and current.segment_id == segment_id:
            return False
        self._hold_at(target.offset, now)
        return True

    def set_script(self, script: Script, now: float) -> None:
        """A new script (the show changed): the position stays, within the new length."""
        here = self.position(now)
        self.length = script.length
        self.markers = script.markers
        self._hold_at(here, now)

    def to_json(self, now: float) -> dict[str, Any]:
        return {
            "visible": self.visible,
            "running": self.running,
            "speed": round(self.speed, 3),
            "size": round(self.size, 3),
            "position": round(self.position(now), 2),
        }

    def restore(self, saved: dict[str, Any], now: float) -> None:
        """From the run state: each field taken if it makes sense, else left as it is."""

        def number(key: str, low: float, high: float) -> float | None:
            value = saved.get(key)
            if not isinstance(value, int | float) or isinstance(value, bool):
                return None
            return float(value) if math.isfinite(value) and low <= value <= high else None

        self.visible = bool(saved.get("visible", self.visible))
        # Held after a restart: the official finds the text where it was and the producer
        # starts it again, rather than it having run on for the time the console was down.
        self.running = False
        self.speed = number("speed", MIN_SPEED, MAX_SPEED) or self.speed
        self.size = number("size", MIN_SIZE, MAX_SIZE) or self.size
        position = number("position", 0.0, float(max(self.length, 0)))
        self._hold_at(position if position is not None else 0.0, now)
