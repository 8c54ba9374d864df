"""One background thread for the show's small files: run state, on-air log, command log.

Writes keep their order (one worker), and their fsync never runs on the asyncio loop's thread,
where it would stall every countdown and feed while the disk catches up.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)


class BackgroundWriter:
    """Runs file writes in order on one worker thread; a failure is logged once per kind."""

    def __init__(self, name: str = "show-writer") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._last: Future[Any] | None = None
        self._failing: set[str] = set()
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, what: str, function: Callable[..., Any], *args: Any) -> Future[Any] | None:
        """Queue ``function(*args)``; ``what`` names it in the log if it fails."""
        if self._closed:
            log.warning("%s", Said("log.write-after-close", what))
            self._run(what, function, *args)
            return None
        future = self._executor.submit(self._run, what, function, *args)
        self._last = future
        return future

    def _run(self, what: str, function: Callable[..., Any], *args: Any) -> None:
        try:
            function(*args)
        except (OSError, ValueError) as error:
            with self._lock:
                first = what not in self._failing
                self._failing.add(what)
            if first:
                log.error("%s", Said("log.write-failed", what, error))
            return
        with self._lock:
            if what in self._failing:
                self._failing.discard(what)
                log.info("%s", Said("log.written-again", what))

    @property
    def last(self) -> Future[Any] | None:
        """The last write queued (done when everything queued before it is written too)."""
        return self._last

    def flush(self) -> None:
        """Wait (blocking) until everything queued so far is written."""
        last = self._last
        if last is not None:
            last.result()

    @property
    def executor(self) -> ThreadPoolExecutor:
        return self._executor

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._executor.shutdown(wait=True)
