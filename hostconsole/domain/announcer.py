"""Announcing a change to whoever listens, where a failing listener cannot fail the announcer.

Why not psygnal: its emit stops at the first listener that raises and raises EmitLoopError into
the emitter (seen with psygnal 0.16) — the very fault this guards against: a view that raised
after a ledger commit made the commit look failed and skipped the milestone card.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Generic, TypeVar

from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

log = logging.getLogger(__name__)


def _name(listener: Callable[..., object]) -> str:
    owner = getattr(listener, "__self__", None)
    name = getattr(listener, "__qualname__", None) or repr(listener)
    if owner is not None and "." not in name:
        name = f"{type(owner).__qualname__}.{name}"
    return str(name)


class Announcer(Generic[T]):
    """A list of listeners called in order with one value; each failure is logged once per
    listener (naming it) and never reaches the code that announced."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._listeners: list[Callable[[T], object]] = []
        self._failed: set[str] = set()

    def connect(self, listener: Callable[[T], object]) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Callable[[T], object]) -> None:
        self._listeners.remove(listener)

    def __len__(self) -> int:
        return len(self._listeners)

    def emit(self, value: T) -> None:
        for listener in list(self._listeners):
            try:
                listener(value)
            except Exception:
                name = _name(listener)
                if name not in self._failed:
                    self._failed.add(name)
                    log.exception("%s", Said("log.view-failed", self.what, name))
