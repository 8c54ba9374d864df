"""Outside text made safe to show on air: bidirectional controls removed, so a viewer's name
with U+202E cannot turn a card's line around (Unicode's own isolates are not needed here:
every line on air is one field of one language)."""

from __future__ import annotations

# ALM, LRM, RLM, the embeddings and overrides, and the isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_REMOVE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def without_bidi_controls(text: str) -> str:
    """The text with every bidirectional control character removed."""
    return text.translate(_REMOVE) if text else text
