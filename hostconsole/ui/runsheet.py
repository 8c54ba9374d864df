"""The run sheet: a table model over the show's segments, and undoable edits to the show file.

Edits are commands on the show engine (the console submits them); an edit enters the undo
stack only once the engine has carried it out, and undo/redo are edits on the engine too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand

from hostconsole.domain.clock import ClockState
from hostconsole.domain.durations import format_elapsed, format_offset

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from hostconsole.services.commands import CommandResult
    from hostconsole.services.show import ShowSession

ModelIndex = QModelIndex | QPersistentModelIndex
MIME = "application/x-hostconsole-segment"


class RunSheetModel(QAbstractTableModel):
    """Segments with planned and actual times; current and next rows highlighted."""

    COLUMNS = ("number", "segment", "planned", "actual", "over_under", "hard_start", "scene")
    move_requested = Signal(str, int, int)  # segment id, from row, to row

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        # One clock reading per repaint, not one per cell: a 1,000-row sheet asks for
        # thousands of cells.
        self._snap = session.snapshot()

    def headers(self) -> list[str]:
        return [
            "#",
            self.tr("Segment"),
            self.tr("Planned"),
            self.tr("Actual"),
            self.tr("Over/under"),
            self.tr("Hard start"),
            self.tr("Scene"),
        ]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.session.show.segments)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), self.COLUMNS[index.column()]
        segment = self.session.show.segments[row]
        snap = self._snap
        started = snap.state is not ClockState.NOT_STARTED
        current = started and row == snap.index and snap.state is not ClockState.FINISHED
        upcoming = row == snap.next_index
        actual = snap.actuals[row] if row < len(snap.actuals) else 0.0
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "number":
                return str(row + 1)
            if column == "segment":
                return segment.title
            if column == "planned":
                return format_elapsed(segment.duration)
            if column == "actual":
                return format_elapsed(actual) if actual or current else ""
            if column == "over_under":
                if not (actual or current):
                    return ""
                planned = snap.planned if current else segment.duration
                return format_offset(actual - planned) if (actual > planned or not current) else ""
            if column == "hard_start":
                return segment.hard_start.strftime("%H:%M") if segment.hard_start else ""
            if column == "scene":
                return segment.scene or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == "segment":
            return segment.title_en or segment.notes or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if current:
                return QBrush(QColor("#c62828") if snap.over else QColor("#1565c0"))
            if upcoming:
                return QBrush(QColor("#2e7d32"))
            if self.session.armed == row:
                return QBrush(QColor("#6a1b9a"))
        if role == Qt.ItemDataRole.ForegroundRole:
            if current or upcoming or self.session.armed == row:
                return QBrush(QColor("white"))
            if column == "over_under" and actual > segment.duration:
                return QBrush(QColor("#c62828"))
            if column == "over_under" and actual:
                return QBrush(QColor("#2e7d32"))
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "segment":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def refresh(self, everything: bool = True) -> None:
        """Times moved on: repaint cells without resetting selection — every row after a
        change, else only the row on air (the only one whose times move by themselves)."""
        self._snap = self.session.snapshot()
        if not self.rowCount():
            return
        if everything:
            first, last = 0, self.rowCount() - 1
        else:
            first = last = min(self._snap.index, self.rowCount() - 1)
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def reset(self) -> None:
        self.beginResetModel()
        self._snap = self.session.snapshot()
        self.endResetModel()

    # --- drag to reorder ----------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(MIME, QByteArray(str(indexes[0].row()).encode()))
        return data

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        source = int(bytes(data.data(MIME).data()).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        if target > source:
            target -= 1
        if target == source:
            return False
        segment_id = self.session.show.segments[source].id
        self.move_requested.emit(segment_id, source, target)
        return False  # the engine moves it; Qt must not remove the source row


Submit = Callable[[dict[str, Any], Callable[["CommandResult"], None]], object]


class RunSheetEdit(QUndoCommand):
    """An edit the engine has carried out; its undo and redo are edits on the engine too.

    Pushed after the engine carried it out, so the push's own redo() does nothing. If the
    engine refuses an undo (the segment it would delete is on air) or a redo, the stack is
    stepped back to where the show is, and the refusal is shown.
    """

    def __init__(
        self,
        stack: QUndoStack,
        text: str,
        forward: dict[str, Any],
        inverse: dict[str, Any],
        submit: Submit,
        refused: Callable[[CommandResult], None],
    ) -> None:
        super().__init__(text)
        self.stack = stack
        self.forward, self.inverse = forward, inverse
        self._submit, self._refused = submit, refused
        self._skip = True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self.forward, undoing=False)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self.inverse, undoing=True)

    def _run(self, args: dict[str, Any], *, undoing: bool) -> None:
        def done(result: CommandResult) -> None:
            if result.refused is None:
                return
            self._refused(result)
            self._skip = True  # step the stack back without running the edit again
            if undoing:
                self.stack.redo()
            else:
                self.stack.undo()

        self._submit(args, done)


def new_segment_id(session: ShowSession) -> str:
    existing = {segment.id for segment in session.show.segments}
    stamp = datetime.fromtimestamp(time.time()).strftime("%H%M%S")
    candidate = f"segment-{stamp}"
    number = 1
    while candidate in existing:
        number += 1
        candidate = f"segment-{stamp}-{number}"
    return candidate
