"""The on-air log: every cue, overlay change, message and correction, with who and the result.

A JSON-lines file beside the show's ledger, appended and flushed line by line (on the show's
writer thread, in order), so it reads well after a crash and exports as the record an
official's office asks for. The command log has the same shape: one line per command.
"""

from __future__ import annotations

import csv
import json
import os
import time
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.storage.writer import BackgroundWriter

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


class LogLine(msgspec.Struct, frozen=True):
    at: float
    action: str  # "go", "overlay", "message", "correction", "preflight", ...
    origin: str  # "console", "shortcut", "control-api:127.0.0.1", "auto"
    detail: str
    result: str  # "ok", or what failed


class JsonLinesFile:
    """An append-only JSON-lines file written on the show's writer thread."""

    def __init__(self, path: Path, writer: BackgroundWriter | None = None) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._own_writer = writer is None
        self._writer = writer or BackgroundWriter(f"{path.stem}-writer")
        # Kept open for the show; text that is not valid Unicode is escaped, never a failure.
        self._handle = open(path, "a", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115

    def append(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, default=str) + "\n"
        self._writer.submit(self.path.name, self._append, text)

    def write_now(self, record: dict[str, Any]) -> None:
        """Append at once: only on the writer thread itself (a job already queued there)."""
        self._append(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def _append(self, text: str) -> None:
        self._handle.write(text)
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def records(self) -> list[dict[str, Any]]:
        self._writer.flush()
        result = []
        with open(self.path, encoding="utf-8") as handle:
            for raw in handle:
                try:
                    value = json.loads(raw)
                except ValueError:
                    continue  # a line cut short by a crash
                if isinstance(value, dict):
                    result.append(value)
        return result

    def close(self) -> None:
        self._writer.flush()
        if self._own_writer:
            self._writer.close()
        self._handle.close()


class OnAirLog(JsonLinesFile):
    """The on-air log, stamped with the show's own clock (the one its run sheet runs on)."""

    def __init__(
        self,
        path: Path,
        writer: BackgroundWriter | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(path, writer)
        self._now = now

    def write(self, action: str, origin: str, detail: str, result: str = "ok") -> LogLine:
        line = LogLine(self._now(), action, origin, detail, result)
        self.append(msgspec.structs.asdict(line))
        return line

    def lines(self) -> list[LogLine]:
        self._writer.flush()
        result = []
        with open(self.path, encoding="utf-8") as handle:
            for raw in handle:
                try:
                    result.append(LogLine(**json.loads(raw)))
                except (ValueError, TypeError):
                    continue  # a line cut short by a crash
        return result

    def export_csv(self, target: Path) -> int:
        lines = self.lines()
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("time", "action", "origin", "detail", "result"))
            for line in lines:
                stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(line.at))
                writer.writerow((stamp, line.action, line.origin, line.detail, line.result))
        return len(lines)
