"""The log: a rotating file in the platform's log folder, warnings on stderr, and the in-app
panel (a logging handler that hands records to a Qt view by signal); secrets redacted."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import re
import sys
from collections import deque

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from hostconsole.adapters.secrets import redactor
from hostconsole.adapters.storage.settings import log_dir
from hostconsole.domain.said import Said
from hostconsole.logrepeat import CollapseRepeats
from hostconsole.ui.reasons import reason


def _said(record: logging.LogRecord) -> Said | None:
    """What a line logged as one Said (``log.info("%s", Said(…))``) says."""
    args = record.args
    if record.msg == "%s" and isinstance(args, tuple) and len(args) == 1:
        said = args[0]
        return said if isinstance(said, Said) else None
    return None


class LogSignals(QObject):
    record = Signal(str, int, object)  # the line, its level, and what it says (a Said or None)


class _PanelFormatter(logging.Formatter):
    """One line per record: a traceback stays in the log file, the panel says so."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        record.message = message.splitlines()[0] if message else ""
        record.asctime = self.formatTime(record, self.datefmt)
        line = self.formatMessage(record)
        if record.exc_info or record.stack_info:
            line += " " + QCoreApplication.translate("Log", "(details in the log file)")
        return line


class QtLogHandler(logging.Handler):
    """Logs from any thread reach the panel through a queued signal, never directly."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.signals = LogSignals()
        # Recent lines, so a panel built later (a language switch) starts with the history.
        self.recent: deque[tuple[str, int, Said | None]] = deque(maxlen=500)
        self.setFormatter(_PanelFormatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        said = _said(record)
        self.recent.append((text, record.levelno, said))
        with contextlib.suppress(RuntimeError):  # the panel is gone during shutdown
            self.signals.record.emit(text, record.levelno, said)


LEVELS = {
    "INFO": lambda: QCoreApplication.translate("Log", "INFO"),
    "WARNING": lambda: QCoreApplication.translate("Log", "WARNING"),
    "ERROR": lambda: QCoreApplication.translate("Log", "ERROR"),
    "CRITICAL": lambda: QCoreApplication.translate("Log", "CRITICAL"),
}


class LogPanel(QPlainTextEdit):
    """The log, newest last; a line that repeats the one before it (a reconnect attempt every
    few seconds) is not added again: the last line counts it (×N) with its latest time."""

    def __init__(self, handler: QtLogHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(2000)
        self.setObjectName("logPanel")
        self._last_body: str | None = None
        self._repeats = 0
        for text, level, said in list(handler.recent):
            self.append_record(text, level, said)
        handler.signals.record.connect(self.append_record)

    def append_record(self, text: str, level: int, said: Said | None = None) -> None:
        prefix = "⚠ " if level >= logging.WARNING else ""
        stamp, _, body = text.partition(" ")
        # The panel speaks the console's language (the log file stays English): by its code
        # when the line was logged as one Said, else by the sentence.
        level_name, _, message = body.partition(" ")
        spoken = reason(said) if said is not None else reason(message)
        body = f"{LEVELS.get(level_name, lambda: level_name)()} {spoken}"
        text = f"{stamp} {body}"
        # "attempt 7" and "next try in 2.4 s" differ each time: compared without numbers.
        key = re.sub(r"\d+(\.\d+)?", "#", prefix + body)
        if key == self._last_body:
            self._repeats += 1
            newline = "\n" if self.blockCount() > 1 else ""
            cursor = self.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            cursor.removeSelectedText()
            cursor.insertText(f"{newline}{prefix}{stamp} {body}  (×{self._repeats + 1})")
            return
        self._last_body = key
        self._repeats = 0
        self.appendPlainText(prefix + text)


def install_logging() -> QtLogHandler:
    """The file, stderr and the panel, each redacting secrets and collapsing repeats."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    folder = log_dir()
    handlers: list[logging.Handler] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            folder / "hostconsole.log",
            maxBytes=2_000_000,
            backupCount=5,
            encoding="utf-8",
            errors="backslashreplace",  # a lone surrogate in a message is shown, not a fault
        )
        file_handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        handlers.append(file_handler)
    except OSError as error:
        print(f"warning: cannot write logs to {folder}: {error}", file=sys.stderr)
    panel = QtLogHandler()
    handlers.append(panel)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    handlers.append(stderr)
    repeats = CollapseRepeats()
    for handler in handlers:
        handler.addFilter(redactor)
        handler.addFilter(repeats)
        root.addHandler(handler)
    return panel
