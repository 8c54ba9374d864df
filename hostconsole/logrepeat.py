"""Collapses repeated log lines, so one fault repeated thousands of times keeps the log's history.

A line identical to one written less than ``window`` seconds ago (same logger, level and text)
is counted instead of written; the next time it is written, it carries how often it was held
back ("… repeated 5,631 times before"). One filter is shared by every handler: it decides
once per record, and the handlers after the first reuse that decision.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

Key = tuple[str, int, str]


class CollapseRepeats(logging.Filter):
    def __init__(
        self,
        window: float = 60.0,
        remember: int = 512,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.window = window
        self.remember = remember
        self._clock = clock
        self._lock = threading.Lock()
        # key → (when it was last written, how many were held back since)
        self._seen: OrderedDict[Key, tuple[float, int]] = OrderedDict()

    def filter(self, record: logging.LogRecord) -> bool:
        decided = getattr(record, "collapse_decision", None)
        if decided is None:
            decided = self._decide(record)
            record.collapse_decision = decided
        return bool(decided)

    def _decide(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            return True  # a traceback is a bug report: always written
        key = (record.name, record.levelno, record.getMessage())
        now = self._clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.window:
                self._seen[key] = (seen[0], seen[1] + 1)
                self._seen.move_to_end(key)
                return False
            held_back = 0 if seen is None else seen[1]
            self._seen[key] = (now, 0)
            self._seen.move_to_end(key)
            while len(self._seen) > self.remember:
                self._seen.popitem(last=False)
        if held_back:
            record.msg = f"{record.getMessage()} (… repeated {held_back:,} times before)"
            record.args = None
        return True
