"""Text made fit for air: bidirectional controls removed (a viewer's name with U+202E cannot
turn a card's line around), and Chinese line breaking that keeps a number with its unit and
never starts a line with a dash."""

from __future__ import annotations

import re

# ALM, LRM, RLM, the embeddings and overrides, and the isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_REMOVE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def without_bidi_controls(text: str) -> str:
    """The text with every bidirectional control character removed."""
    return text.translate(_REMOVE) if text else text


NO_BREAK_SPACE = "\u00a0"
WORD_JOINER = "\u2060"  # no break here, and nothing drawn
# A number and the unit or measure word after it: 5000 元, 650 公里, 12 月, 3 台, 80%.
_NUMBER_SPACE_UNIT = re.compile(r"(?<=[0-9])[ \u3000]+(?=[\u3400-\u9fff%％])")
_NUMBER_UNIT = re.compile(r"(?<=[0-9])(?=[\u3400-\u9fff%％])")
# A dash (and the space before it) belongs to the word before it: no line starts with one.
_SPACE_DASH = re.compile(r"[ \u3000]+(?=[\u2014\u2013\u2015])")
_DASH = re.compile(r"(?<=\S)(?=[\u2014\u2013\u2015])")


def kept_together(text: str) -> str:
    """``text`` with no line break allowed between a number and its unit or before a dash
    (Unicode line breaking already keeps ，。！？ off a line's start)."""
    if not text:
        return text
    text = _NUMBER_SPACE_UNIT.sub(NO_BREAK_SPACE, text)
    text = _NUMBER_UNIT.sub(WORD_JOINER, text)
    text = _SPACE_DASH.sub(NO_BREAK_SPACE, text)
    return _DASH.sub(WORD_JOINER, text)
