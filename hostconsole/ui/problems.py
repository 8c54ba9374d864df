"""The console's problem banner: what needs the producer's attention now, in plain words.

Faults that must not be missed mid-show — the ledger not being written, the show file not
saved or changed outside, a damaged run state kept aside, a stream that may lack earlier
sales — each as one line, with the button that deals with it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from hostconsole.ui.reasons import reason
from hostconsole.ui.text import TextLabel

if TYPE_CHECKING:
    from hostconsole.services.show import ShowSession


class ProblemBanner(QFrame):
    retry_save = Signal()
    keep_file = Signal()
    keep_mine = Signal()

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("problemBanner")
        self.setStyleSheet(
            "#problemBanner { background: #fdecea; border: 2px solid #c62828; }"
            "#problemBanner QLabel { color: #5f1010; font-size: 14px; }"
        )
        self.dismissed: set[str] = set()
        self.notes: dict[str, str] = {}  # startup notes from the app (settings), by key
        layout = QHBoxLayout(self)
        self.text = TextLabel()
        self.text.setObjectName("problemText")
        self.text.setWordWrap(True)
        buttons = QVBoxLayout()
        self.retry = QPushButton(self.tr("Retry saving"))
        self.retry.setObjectName("retrySave")
        self.use_file = QPushButton(self.tr("Use the file's version"))
        self.use_file.setObjectName("useFileVersion")
        self.mine = QPushButton(self.tr("Keep mine"))
        self.mine.setObjectName("keepMine")
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.setObjectName("dismissProblems")
        for button in (self.retry, self.use_file, self.mine, self.dismiss):
            buttons.addWidget(button)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.retry.clicked.connect(self.retry_save)
        self.use_file.clicked.connect(self.keep_file)
        self.mine.clicked.connect(self.keep_mine)
        self.dismiss.clicked.connect(self._dismiss)
        self.hide()

    def _dismissable(self) -> dict[str, str]:
        items = dict(self.notes)
        ledger = self.session.counter.ledger_problem
        if ledger:
            items["ledger"] = self.tr("The voucher ledger: %1").replace("%1", reason(ledger))
        problem = self.session.run_state_problem
        if problem:
            items["run-state"] = self.tr("The saved run state could not be used: %1").replace(
                "%1", reason(problem)
            )
        since = self.session.missing_earlier_sales_since()
        if since is not None:
            items["earlier-sales"] = self.tr(
                "The sales stream started at %1 and the platform sends no total: sales made "
                "before then are not counted. Add a poll URL in Settings so the count can "
                "reconcile."
            ).replace("%1", time.strftime("%H:%M:%S", time.localtime(since)))
        return {key: text for key, text in items.items() if key not in self.dismissed}

    def _dismiss(self) -> None:
        self.dismissed |= set(self._dismissable())
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        lines: list[str] = []
        fault = session.counter.storage_fault
        if fault is not None:
            lines.append(
                self.tr(
                    "The voucher ledger cannot be written (%1): %2 sales are held in memory "
                    "and written as soon as it can be. Keep Host Console open; free the disk."
                )
                .replace("%1", fault.message)
                .replace("%2", f"{session.counter.held_entries():,}")
            )
        live = session.live_graphics
        for source in sorted(live.failing if live is not None else {}):
            lines.append(
                self.tr(
                    "OBS does not take updates of “%1” (renamed or deleted?): what it shows "
                    "stays as it was. Run pre-flight, or give the source its name back in OBS."
                ).replace("%1", source)
            )
        if session.show_file_problem:
            lines.append(
                self.tr("The show file is not saved: %1").replace(
                    "%1", reason(session.show_file_problem)
                )
            )
        if session.show_file_conflict:
            lines.append(reason(session.show_file_conflict))
        dismissable = self._dismissable()
        lines += dismissable.values()
        self.retry.setVisible(bool(session.show_file_problem))
        self.use_file.setVisible(bool(session.show_file_conflict))
        self.mine.setVisible(bool(session.show_file_conflict))
        self.dismiss.setVisible(bool(dismissable))
        self.text.setText("\n".join(f"⚠ {line}" for line in lines))
        self.setVisible(bool(lines))
