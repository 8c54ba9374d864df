"""What the app says to a person — a status, a refusal, a fault — as a code and its values:
English for the log, the JSON and the tests, and the code for a view to say it in its own
language (ui/reasons.py translates by code, never by reading the English back)."""

from __future__ import annotations

import re

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
    # log lines (logged as one Said: the file gets the English, the panel the code)
    "log.feed-state": "sales %1 feed %2: %3",
}

_VALUE = re.compile(r"%(\d)")


class Said(str):
    """An English sentence that remembers its ``code`` and ``values``. It is a str: logs,
    JSON and comparisons read the English; a view asks for the code."""

    code: str
    values: tuple[str, ...]

    def __new__(cls, code: str, *values: object) -> Said:
        kept = tuple(value if isinstance(value, str) else str(value) for value in values)
        text = _VALUE.sub(lambda match: kept[int(match.group(1)) - 1], ENGLISH[code])
        said = super().__new__(cls, text)
        said.code = code
        said.values = kept
        return said

    def __reduce__(self) -> tuple[object, ...]:
        return (Said, (self.code, *self.values))
