"""The in-app log panel: a logging handler that hands records to a Qt view by signal."""

from __future__ import annotations

import contextlib
import logging
from collections import deque

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class LogSignals(QObject):
    record = Signal(str, int)


class QtLogHandler(logging.Handler):
    """Logs from any thread reach the panel through a queued signal, never directly."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.signals = LogSignals()
        # Recent lines, so a panel built later (a language switch) starts with the history.
        self.recent: deque[tuple[str, int]] = deque(maxlen=500)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        self.recent.append((text, record.levelno))
        with contextlib.suppress(RuntimeError):  # the panel is gone during shutdown
            self.signals.record.emit(text, record.levelno)


class LogPanel(QPlainTextEdit):
    def __init__(self, handler: QtLogHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(2000)
        self.setObjectName("logPanel")
        for text, level in list(handler.recent):
            self.append_record(text, level)
        handler.signals.record.connect(self.append_record)

    def append_record(self, text: str, level: int) -> None:
        prefix = "⚠ " if level >= logging.WARNING else ""
        self.appendPlainText(prefix + text)
