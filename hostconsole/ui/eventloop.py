"""The app's one event loop: asyncio inside Qt's (qasync), running whenever a callback runs."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextvars import Context

    from PySide6.QtWidgets import QWidget


class ShowEventLoop(qasync.QEventLoop):  # type: ignore[misc]  # qasync ships no types
    """qasync's loop, which is the running loop for every callback it runs.

    qasync runs its callbacks from Qt's timers, and asyncio code inside them (`wait_for`,
    `Event.wait`, `get_running_loop`) needs the running loop set. qasync sets it only while
    `run_forever` runs, but Qt events are also processed after it: once more at the end of
    each `run_until_complete` (so at quit), and between a test's phases by pytest-qt. A task
    stepped there raised and died (the OBS link's heartbeat, the overlay engine's tick).
    """

    def call_later(
        self,
        delay: float,
        callback: Callable[..., object],
        *args: Any,
        context: Context | None = None,
    ) -> asyncio.TimerHandle:
        if not callable(callback) or asyncio.iscoroutinefunction(callback):
            # qasync's own refusal (a TypeError) names the caller's callback.
            return super().call_later(delay, callback, *args, context=context)  # type: ignore[no-any-return]
        return super().call_later(  # type: ignore[no-any-return]
            delay, self._run_as_the_running_loop, callback, *args, context=context
        )

    def _run_as_the_running_loop(self, callback: Callable[..., object], *args: Any) -> None:
        if asyncio._get_running_loop() is not None:
            callback(*args)
            return
        asyncio._set_running_loop(self)
        try:
            callback(*args)
        finally:
            asyncio._set_running_loop(None)


class FirstPaint(QObject):
    """Calls ``then`` once, after ``widget``'s first paint has been processed (the window is
    on screen, not only shown): scripts/bench's start-up figures stop there."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: it runs once this paint event has been handled.
            QTimer.singleShot(0, self._then)
        return False
