"""Parse and format the durations and times of day a producer writes in a run sheet."""

from __future__ import annotations

import math
import re
from datetime import time

_UNIT_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|m|min|s|sec)", re.IGNORECASE)
_UNIT_WHOLE = re.compile(r"^(?:\s*\d+(?:\.\d+)?\s*(?:h|m|min|s|sec)\s*)+$", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d))?$")
_TIME_OF_DAY = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")

DURATION_HINT = "a duration like 90s, 5m or 1:30"
TIME_HINT = "a time of day like 19:30 or 19:30:00"


class DurationError(ValueError):
    """A value that is not a duration or time of day; the message says what was expected."""


def parse_duration(value: object) -> float:
    """Seconds in a duration written as 90, 90s, 5m, 1h30m, 1:30 or 1:02:30.

    Plain numbers are seconds. Negative durations are refused with their own message,
    because "-5m" is a typo worth naming rather than "not a duration".
    """
    if isinstance(value, bool):
        raise DurationError(f"expected {DURATION_HINT}, got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        seconds = _parse_duration_text(value)
    else:
        raise DurationError(f"expected {DURATION_HINT}, got {value!r}")
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise DurationError(f"expected {DURATION_HINT}, got {value!r}")
    if seconds < 0:
        raise DurationError(f"a duration cannot be negative, got {value!r}")
    return seconds


def _parse_duration_text(text: str) -> float:
    stripped = text.strip()
    if stripped.startswith("-"):
        inner = _parse_duration_text(stripped[1:])
        return -inner
    if not stripped:
        raise DurationError(f"expected {DURATION_HINT}, got {text!r}")
    try:
        return float(stripped)
    except ValueError:
        pass
    clock = _CLOCK.match(stripped)
    if clock:
        first, second, third = clock.groups()
        if third is None:
            return int(first) * 60 + int(second)
        return int(first) * 3600 + int(second) * 60 + int(third)
    if _UNIT_WHOLE.match(stripped):
        total = 0.0
        for amount, unit in _UNIT_PART.findall(stripped):
            factor = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1}[unit.lower()]
            total += float(amount) * factor
        return total
    raise DurationError(f"expected {DURATION_HINT}, got {text!r}")


def parse_time_of_day(value: object) -> time:
    """A wall-clock time written as 19:30 or 19:30:00."""
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        match = _TIME_OF_DAY.match(value.strip())
        if match:
            hours, minutes, seconds = match.groups()
            return time(int(hours), int(minutes), int(seconds or 0))
    raise DurationError(f"expected {TIME_HINT}, got {value!r}")


def _clock_text(whole_seconds: int) -> str:
    hours, rest = divmod(whole_seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_elapsed(seconds: float) -> str:
    """Time counted up, as M:SS or H:MM:SS (whole seconds passed)."""
    return _clock_text(int(max(seconds, 0.0)))


def format_countdown(remaining: float) -> str:
    """Time left, as M:SS; negative and prefixed with a minus once over time.

    Rounded away from zero so the display reaches 0:00 exactly when time is up and shows
    "-0:01" the moment the segment runs over.
    """
    whole = math.ceil(abs(remaining))
    if remaining < 0:
        return "-" + _clock_text(whole)
    return _clock_text(whole)


def format_offset(seconds: float) -> str:
    """A signed difference such as +2:00 (over) or -0:30 (under)."""
    whole = round(abs(seconds))
    sign = "-" if seconds < 0 and whole else "+"
    return sign + _clock_text(whole)
