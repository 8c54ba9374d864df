"""The producer console: run sheet, OBS, vouchers, talking points, messages, log."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QFont,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hostconsole.adapters.storage.ledger_db import LedgerError
from hostconsole.domain.clock import ClockState
from hostconsole.domain.durations import format_countdown, format_offset
from hostconsole.domain.said import joined
from hostconsole.ui.graphics_panel import GraphicsPanel, overlay_name
from hostconsole.ui.logpanel import LogPanel, QtLogHandler
from hostconsole.ui.panels import (
    MessagePanel,
    ObsPanel,
    PrompterPanel,
    QuestionsPanel,
    TalkingPointsPanel,
    VoucherPanel,
    sales_prompt_text,
)
from hostconsole.ui.problems import ProblemBanner
from hostconsole.ui.reasons import alarm_text, reason
from hostconsole.ui.runsheet import RunSheetEdit, RunSheetModel, new_segment_id
from hostconsole.ui.style import LEVEL_COLOURS
from hostconsole.ui.text import TextLabel

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable
    from pathlib import Path

    from hostconsole.services.commands import CommandResult
    from hostconsole.services.show import ShowSession

log = logging.getLogger(__name__)

TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class SegmentDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        title: str = "",
        duration: str = "2m",
        scene: str = "",
        notes: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Segment"))
        form = QFormLayout(self)
        self.title = QLineEdit(title)
        self.duration = QLineEdit(duration)
        self.duration.setPlaceholderText(self.tr("90s, 5m or 1:30"))
        self.scene = QLineEdit(scene)
        self.notes = QLineEdit(notes)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("OBS scene"), self.scene)
        form.addRow(self.tr("Notes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ProducerConsole(QMainWindow):
    settings_requested = Signal()
    quit_requested = Signal()
    presenter_requested = Signal()
    rehearsal_requested = Signal(bool)  # reopen the show as a rehearsal (True) or live

    def __init__(self, session: ShowSession, log_handler: QtLogHandler) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("producerConsole")
        self.setWindowTitle(self.tr("Host Console — %1").replace("%1", session.show.title))
        self.undo_stack = QUndoStack(self)
        self.model = RunSheetModel(session)
        self._origin = "console"  # "shortcut" while a key triggers an action
        self._dirty: set[str] = {"show"}
        self._shortcuts: dict[str, QShortcut] = {}
        self.final_numbers: str | None = None  # the headline numbers once the show has ended
        self._final_asked = False
        self.last_report: Path | None = None
        self.opens_reports = True  # tests turn off opening a browser
        self._quit_box: QMessageBox | None = None  # "quit mid-show?" while it is open

        # Header: the segment on air, its countdown, and the show's position.
        self.on_air = TextLabel()
        self.on_air.setObjectName("onAir")
        font = QFont()
        font.setPointSize(16)
        font.setBold(True)
        self.on_air.setFont(font)
        self.countdown = TextLabel()
        self.countdown.setObjectName("countdown")
        big = QFont()
        big.setPointSize(30)
        big.setBold(True)
        self.countdown.setFont(big)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setMinimumWidth(200)
        self.show_line = TextLabel()
        self.show_line.setObjectName("showLine")
        self.next_line = TextLabel()
        self.next_line.setObjectName("nextLine")
        self.cue_line = TextLabel()
        self.cue_line.setObjectName("cuePreview")
        self.cue_line.setStyleSheet("color: #4a148c;")
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.on_air)
        # The stream's alarms (OBS's statistics, every second): red, above everything else.
        self.alarm_line = TextLabel()
        self.alarm_line.setObjectName("streamAlarms")
        self.alarm_line.setWordWrap(True)
        self.alarm_line.setStyleSheet(
            "color: white; background: #b71c1c; padding: 4px 8px; font-weight: bold;"
        )
        self.alarm_line.hide()
        titles.addWidget(self.alarm_line)
        titles.addWidget(self.next_line)
        titles.addWidget(self.cue_line)
        # A sales prompt on the presenter's screen, with the producer's Dismiss.
        self.prompt_row = QFrame()
        prompt_layout = QHBoxLayout(self.prompt_row)
        prompt_layout.setContentsMargins(0, 0, 0, 0)
        self.prompt_line = TextLabel()
        self.prompt_line.setObjectName("salesPrompt")
        self.prompt_line.setWordWrap(True)
        self.prompt_line.setStyleSheet("color: white; background: #2e7d32; padding: 2px 6px;")
        self.dismiss_prompt = QPushButton(self.tr("Dismiss prompt"))
        self.dismiss_prompt.setObjectName("dismissPrompt")
        self.dismiss_prompt.clicked.connect(lambda: self.command("prompt", action="dismiss"))
        prompt_layout.addWidget(self.prompt_line, 1)
        prompt_layout.addWidget(self.dismiss_prompt)
        self.prompt_row.hide()
        titles.addWidget(self.prompt_row)
        titles.addWidget(self.show_line)
        header.addLayout(titles, 1)
        header.addWidget(self.countdown)
        # GO is the largest control on the console: the one the producer must never miss.
        self.go_button = QPushButton(self.tr("GO"))
        self.go_button.setObjectName("goButton")
        go_font = QFont()
        go_font.setPointSize(28)
        go_font.setBold(True)
        self.go_button.setFont(go_font)
        self.go_button.setMinimumSize(170, 84)
        self.go_button.setStyleSheet(
            "#goButton { background: #2e7d32; color: white; border-radius: 8px; }"
            "#goButton:pressed { background: #1b5e20; }"
        )
        self.go_button.clicked.connect(self.go)
        header.addWidget(self.go_button)

        # The run sheet.
        self.table = QTableView()
        self.table.setObjectName("runSheet")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.verticalHeader().hide()
        header_view = self.table.horizontalHeader()
        # Fixed widths, not ResizeToContents: measuring every cell of a long run sheet on
        # each update would cost more than the rest of the repaint.
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 36), (2, 56), (3, 56), (4, 72), (5, 72), (6, 104)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda index: self._arm(index.row()))
        edit_row = QHBoxLayout()
        for label, slot in (
            (self.tr("Add"), self._add_segment),
            (self.tr("Edit"), self._edit_segment),
            (self.tr("Delete"), self._delete_segment),
            (self.tr("Undo"), self.undo_stack.undo),
            (self.tr("Redo"), self.undo_stack.redo),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            edit_row.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(edit_row)

        # The panels.
        self.vouchers = VoucherPanel(session)
        self.obs_panel = ObsPanel(session)
        self.points = TalkingPointsPanel(session)
        self.questions = QuestionsPanel(session)
        self.questions.action_requested.connect(
            lambda action, question_id: self.command(
                "question", action=action, **({"id": question_id} if question_id else {})
            )
        )
        self.messages = MessagePanel(session)
        self.prompter = PrompterPanel(session)
        self.prompter.action_requested.connect(
            lambda action: self.command("prompter", action=action)
        )
        right = QSplitter(Qt.Orientation.Vertical)
        self.graphics = GraphicsPanel(session, lambda kind, **args: self.command(kind, **args))
        obs_tabs = QTabWidget()
        obs_tabs.setObjectName("obsTabs")
        obs_tabs.addTab(self.obs_panel, self.tr("OBS"))
        obs_tabs.addTab(self.graphics, self.tr("Graphics"))
        # The clips of the moments that sold: double-click opens one.
        self.clip_list = QListWidget()
        self.clip_list.setObjectName("clipList")
        self.clip_list.itemDoubleClicked.connect(self._open_clip)
        obs_tabs.addTab(self.clip_list, self.tr("Clips"))
        self.obs_tabs = obs_tabs
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.vouchers)
        upper.addWidget(obs_tabs)
        lower = QSplitter(Qt.Orientation.Horizontal)
        points_and_questions = QTabWidget()
        points_and_questions.setObjectName("pointsTabs")
        points_and_questions.addTab(self.points, self.tr("Talking points"))
        points_and_questions.addTab(self.questions, self.tr("Questions"))
        self.points_tabs = points_and_questions
        lower.addWidget(points_and_questions)
        # Side by side as tabs, not stacked: the console fits a 1366×768 studio laptop.
        presenter_tabs = QTabWidget()
        presenter_tabs.setObjectName("presenterTabs")
        presenter_tabs.addTab(self.messages, self.tr("Messages"))
        presenter_tabs.addTab(self.prompter, self.tr("Prompter"))
        self.presenter_tabs = presenter_tabs
        lower.addWidget(presenter_tabs)
        right.addWidget(upper)
        right.addWidget(lower)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 5)
        body.setStretchFactor(1, 6)
        body.setSizes([640, 760])
        # After a crash the show resumed by itself; this offers the other choice, blocking
        # nothing (the control API, OBS and the feeds are already running).
        self.afresh_banner = QFrame()
        self.afresh_banner.setObjectName("afreshBanner")
        self.afresh_banner.setStyleSheet(
            "#afreshBanner { background: #fff3cd; border: 1px solid #d39e00; }"
        )
        banner_layout = QHBoxLayout(self.afresh_banner)
        self.afresh_text = TextLabel()
        self.afresh_text.setWordWrap(True)
        self.afresh_button = QPushButton(self.tr("Start the run sheet afresh"))
        self.afresh_button.setObjectName("startAfresh")
        keep = QPushButton(self.tr("Keep going"))
        banner_layout.addWidget(self.afresh_text, 1)
        banner_layout.addWidget(self.afresh_button)
        banner_layout.addWidget(keep)
        self.afresh_button.clicked.connect(self._start_afresh)
        keep.clicked.connect(self.afresh_banner.hide)
        self.afresh_banner.hide()
        self.problems = ProblemBanner(self.session)
        self.problems.retry_save.connect(lambda: self.command("retry-save"))
        self.problems.keep_file.connect(lambda: self.command("resolve-file", keep="file"))
        self.problems.keep_mine.connect(lambda: self.command("resolve-file", keep="mine"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.problems)
        layout.addWidget(self.afresh_banner)
        layout.addLayout(header)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        self.log_panel = LogPanel(log_handler)
        # Three lines at least: on a 1366×768 laptop the run sheet and panels need the rest.
        self.log_panel.setMinimumHeight(self.log_panel.fontMetrics().lineSpacing() * 3 + 8)
        dock = QDockWidget(self.tr("Log"), self)
        dock.setObjectName("logDock")
        dock.setWidget(self.log_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        # A strip, not a quarter of the window; collapsed and reopened from the toolbar.
        self.resizeDocks([dock], [110], Qt.Orientation.Vertical)
        self.log_dock = dock

        self._build_actions()
        self.vouchers.correction_requested.connect(self._correct)
        self.obs_panel.take_requested.connect(self.take)
        self.obs_panel.preflight_requested.connect(self._preflight)
        self.obs_panel.reconnect_requested.connect(self._reconnect)
        self.obs_panel.studio_mode_requested.connect(self._studio_mode)
        self.obs_panel.stream_requested.connect(lambda on: self._output("stream", on))
        self.obs_panel.record_requested.connect(lambda on: self._output("record", on))
        self.points.caption_requested.connect(self._caption)
        self.model.move_requested.connect(self._move_segment)
        session.add_listener(self._session_changed)

        # Repaints are coalesced: topics collect between ticks and are redrawn together.
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._refresh)
        self._tick.start()
        self._slow = 0
        self._restore_geometry()
        self._refresh()

    # --- actions and shortcuts ------------------------------------------------------------

    def _build_actions(self) -> None:
        toolbar = QToolBar(self.tr("Show"))
        toolbar.setObjectName("showToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, slot in (
            ("go", self.tr("GO"), self.go),
            ("next", self.tr("Next"), self.next),
            ("previous", self.tr("Previous"), self.previous),
            ("pause", self.tr("Pause"), self.pause),
            ("add_minute", self.tr("+1 min"), self.add_minute),
            ("prepare", self.tr("Prepare in preview"), self.prepare),
            ("take", self.tr("Take"), self.take),
            ("clear_graphics", self.tr("Clear graphics"), self.clear_graphics),
            ("safe", self.tr("SAFE"), self.toggle_safe),
            ("clip", self.tr("Clip"), self.clip),
        ):
            action = QAction(label, self)
            action.setObjectName(f"action_{name}")
            action.triggered.connect(slot)
            toolbar.addAction(action)
            self.actions_by_name[name] = action
        toolbar.addSeparator()
        # Rehearsal or live: each has its own ledger and logs. Switched only before the show
        # starts (the app reopens the show in the other mode).
        rehearsal = QAction(self.tr("Rehearsal"), self)
        rehearsal.setObjectName("action_rehearsal")
        rehearsal.setCheckable(True)
        rehearsal.setChecked(self.session.rehearsal)
        rehearsal.setToolTip(
            self.tr("A rehearsal keeps its own ledger and logs, never mixed with the live show's")
        )
        rehearsal.triggered.connect(self.rehearsal_requested)
        toolbar.addAction(rehearsal)
        self.actions_by_name["rehearsal"] = rehearsal
        log_toggle = self.findChild(QDockWidget, "logDock")
        if log_toggle is not None:
            toggle = log_toggle.toggleViewAction()
            toggle.setText(self.tr("Log"))
            toggle.setObjectName("action_log")
            toolbar.addAction(toggle)
            self.actions_by_name["log"] = toggle
        report = QAction(self.tr("Report…"), self)
        report.setObjectName("action_report")
        report.setToolTip(self.tr("The show's results as a web page to print or send on"))
        report.triggered.connect(self.write_report)
        toolbar.addAction(report)
        self.actions_by_name["report"] = report
        presenter = QAction(self.tr("Presenter view"), self)
        presenter.triggered.connect(self.presenter_requested)
        toolbar.addAction(presenter)
        settings = QAction(self.tr("Settings…"), self)
        settings.triggered.connect(self.settings_requested)
        toolbar.addAction(settings)
        self.actions_by_name["settings"] = settings
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.ask_to_quit)
        self.addAction(quit_action)
        self.actions_by_name["quit"] = quit_action
        self.apply_shortcuts(self.session.settings.shortcuts)

    def write_report(self) -> None:
        """The show's report (HTML, beside its ledger), opened in the browser."""
        self.session.spawn(self._write_report(), "report")

    async def _write_report(self) -> None:
        import asyncio

        from hostconsole.graphics.report_html import show_html
        from hostconsole.ui.i18n import current_language

        try:
            report = await self.session.results()
            language = "en" if current_language() == "en" else "zh"
            page = await asyncio.get_running_loop().run_in_executor(
                None, show_html, report, language
            )
            target = self.session.show_dir / "report.html"
            await asyncio.get_running_loop().run_in_executor(
                None, lambda: target.write_text(page, encoding="utf-8")
            )
        except (OSError, LedgerError) as error:
            self.statusBar().showMessage(
                self.tr("The report could not be written: %1").replace("%1", str(error)), 15_000
            )
            return
        if not shiboken6.isValid(self):
            return
        self.last_report = target
        self.statusBar().showMessage(
            self.tr("Report written: %1").replace("%1", str(target)), 15_000
        )
        if not self.opens_reports:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    async def _final_numbers(self) -> None:
        """At the end of the show, its headline numbers in the header."""
        try:
            report = await self.session.results()
        except LedgerError:
            return
        if shiboken6.isValid(self):
            self.final_numbers = (
                self.tr(
                    "The show has ended: %1 vouchers in %2 min · best five minutes %3 · "
                    "peak %4 a minute"
                )
                .replace("%1", f"{report.count:,}")
                .replace("%2", f"{report.minutes:.0f}")
                .replace("%3", f"{report.best_five:,}")
                .replace("%4", f"{report.peak_per_minute:,}")
            )
            self._dirty.add("clock")

    def clear_graphics(self) -> None:
        """Every graphic off air at once (the panic key)."""
        self.command("clear-graphics")

    def clip(self) -> None:
        """A clip of this moment from OBS's replay buffer (cut in the background)."""
        self.command("clip", what=self.tr("the producer's clip"))

    def _open_clip(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _refresh_clips(self) -> None:
        clips = self.session.clips.clips
        if self.clip_list.count() == len(clips):
            return
        self.clip_list.clear()
        for clip in reversed(clips):
            when = datetime.fromtimestamp(clip.at).strftime("%H:%M:%S")
            if clip.file:
                text = self.tr("%1 %2 — %3 s").replace("%1", when).replace("%2", clip.what)
                text = text.replace("%3", f"{clip.seconds:.0f}")
            else:
                text = self.tr("%1 %2 — not made: %3").replace("%1", when)
                text = text.replace("%2", clip.what).replace("%3", reason(clip.problem))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, clip.file)
            item.setToolTip(clip.file or clip.problem)
            self.clip_list.addItem(item)

    def toggle_safe(self) -> None:
        """SAFE: the standby slate, microphones muted, graphics off; again: back on air."""
        self.command("safe")

    def apply_shortcuts(self, keys: dict[str, str]) -> None:
        """Configurable keys for GO, Next, Previous, Take, Pause, +1 min."""
        for shortcut in self._shortcuts.values():
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._shortcuts.clear()
        for name, key in keys.items():
            action = self.actions_by_name.get(name)
            if action is None or not key:
                continue
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda action=action: self._shortcut(action))
            self._shortcuts[name] = shortcut
            action.setToolTip(f"{action.text()} ({key})")

    def _shortcut(self, action: QAction) -> None:
        # Typing a message must never fire GO: keys belong to the text field that has focus.
        if isinstance(QApplication.focusWidget(), TEXT_INPUTS):
            return
        self._origin = "shortcut"
        try:
            action.trigger()
        finally:
            self._origin = "console"

    def command(
        self,
        kind: str,
        on_result: Callable[[CommandResult], None] | None = None,
        **args: Any,
    ) -> asyncio.Future[CommandResult]:
        """Put a command on the show engine's queue; a refusal or failure is shown in the
        status bar (the log has it once, from the engine)."""
        future = self.session.submit(kind, self._origin, **args)

        def done(finished: asyncio.Future[CommandResult]) -> None:
            # The console may have been rebuilt (a language switch) while the command ran.
            if finished.cancelled() or not shiboken6.isValid(self):
                return
            result = finished.result()
            # A segment put on air whose cue failed is not ok either: what the producer needs
            # then is what OBS did not take, not that the segment is on air.
            if result.cue is not None and not result.cue.ok:
                self.statusBar().showMessage(
                    self.tr("The cue did not fully reach OBS: %1").replace(
                        "%1", reason(result.cue.summary())
                    ),
                    10_000,
                )
            elif not result.ok:
                self.statusBar().showMessage(reason(result.detail), 10_000)
            if on_result is not None:
                on_result(result)

        future.add_done_callback(done)
        return future

    def go(self) -> None:
        self.command("go")

    def next(self) -> None:
        self.command("next")

    def previous(self) -> None:
        self.command("previous")

    def pause(self) -> None:
        self.command("toggle-pause")

    def add_minute(self) -> None:
        self.command("time", seconds=60)

    def take(self) -> None:
        self.command("take")

    def prepare(self) -> None:
        self.command("prepare")

    def _arm(self, row: int) -> None:
        self.command("arm", index=None if self.session.armed == row else row)

    def _correct(self, delta: int, reason: str) -> None:
        self.command("correction", amount=delta, reason=reason)

    def _caption(self, point: str) -> None:
        self.command("caption", point=point or None)

    def offer_afresh(self) -> None:
        """Show the banner of a crash resume (the count is read when it is drawn)."""
        self.afresh_banner.show()
        self._dirty.add("vouchers")

    def _start_afresh(self) -> None:
        self.afresh_banner.hide()
        self.command("restart")

    def _reconnect(self) -> None:
        if self.session.obs is not None:
            self.session.obs.reconnect_now()

    def _studio_mode(self, enabled: bool) -> None:
        self.command("studio-mode", enabled=enabled)

    def _output(self, kind: str, on: bool) -> None:
        """Start or stop streaming or recording; a stop while a segment is on air is asked
        first, in a box that is opened (never exec()'d: the show goes on meanwhile)."""
        if on or not self.session.state.on_air():
            self.command(kind, on=on)
            return
        box = QMessageBox(self)
        box.setObjectName(f"confirm-stop-{kind}")
        box.setIcon(QMessageBox.Icon.Warning)
        if kind == "stream":
            box.setWindowTitle(self.tr("Stop streaming?"))
            box.setText(
                self.tr("A segment is on air. Stop streaming now? Viewers see the stream end.")
            )
        else:
            box.setWindowTitle(self.tr("Stop recording?"))
            box.setText(
                self.tr("A segment is on air. Stop recording now? The rest is not recorded.")
            )
        keep = box.addButton(self.tr("Keep going"), QMessageBox.ButtonRole.RejectRole)
        stop = box.addButton(self.tr("Stop"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            if box.clickedButton() is stop:
                self.command(kind, on=False, confirm=True)
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def _preflight(self) -> None:
        self.command("preflight", self._preflight_checked, create=False)

    def _preflight_checked(self, result: CommandResult) -> None:
        """Pre-flight's answer, in a dialog that is opened, never exec()'d: the asyncio side
        (feeds, ledger, OBS link) keeps running while it is on screen."""
        preflight = result.data.get("preflight")
        if preflight is None:
            return
        lines = [reason(line) for line in preflight.report.lines()]
        box = QMessageBox(self)
        box.setObjectName("preflightDialog")
        box.setWindowTitle(self.tr("Pre-flight"))
        warnings = list(result.data.get("warnings", []))
        if warnings:
            box.setDetailedText(
                self.tr("Words the Advertising Law bans on air (absolute claims):")
                + "\n"
                + "\n".join(warnings)
            )
        if not lines:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(self.tr("OBS has everything this show needs."))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
        else:
            box.setIcon(QMessageBox.Icon.Question)
            box.setText(
                self.tr("OBS lacks what this show needs:\n\n%1\n\nCreate it now?").replace(
                    "%1", "\n".join(lines[:25])
                )
            )
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)

        def answered(_code: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.command("preflight", self._preflight_created, create=True)
            box.deleteLater()

        box.finished.connect(answered)
        self.preflight_dialog = box
        box.open()

    def _preflight_created(self, result: CommandResult) -> None:
        preflight = result.data.get("preflight")
        if preflight is not None:
            created = str(len(preflight.created))
            text = self.tr("Created %1 item(s) in OBS").replace("%1", created)
            if preflight.failed:  # what OBS would not create is said, not only counted
                text = (
                    self.tr("Created %1 item(s) in OBS; not created: %2")
                    .replace("%1", created)
                    .replace("%2", reason(joined(preflight.failed)))
                )
            self.statusBar().showMessage(text, 15_000)
        self.session.spawn(self.refresh_scenes(), "obs-list-scenes")

    async def refresh_scenes(self) -> None:
        if self.session.obs is not None and self.session.obs.connected:
            scenes = await self.session.obs.list_scenes()
            self.obs_panel.scene_names = [scene.name for scene in scenes]
            self._dirty.add("obs")

    # --- editing the run sheet -------------------------------------------------------------

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def edit(
        self,
        text: str,
        forward: dict[str, Any],
        inverse: Callable[[CommandResult], dict[str, Any]],
    ) -> asyncio.Future[CommandResult]:
        """Run an edit on the engine; only an edit that was carried out enters the undo stack
        (a refused one changes nothing and is said in the status bar)."""

        def done(result: CommandResult) -> None:
            if result.refused is None:
                self.undo_stack.push(
                    RunSheetEdit(
                        self.undo_stack,
                        text,
                        forward,
                        inverse(result),
                        lambda args, on_result: self.command("edit", on_result, **args),
                        self.show_refusal,
                    )
                )
            else:
                self.show_refusal(result)

        return self.command("edit", done, **forward)

    def show_refusal(self, result: CommandResult) -> None:
        self.statusBar().showMessage(
            self.tr("The show was not changed: %1").replace("%1", result.detail), 15_000
        )

    def _add_segment(self) -> None:
        row = self._selected_row()
        index = (row + 1) if row is not None else len(self.session.show.segments)
        dialog = SegmentDialog(self)

        def accepted() -> None:
            fields: dict[str, Any] = {
                "id": new_segment_id(self.session),
                "title": dialog.title.text().strip() or self.tr("New segment"),
                "duration": dialog.duration.text().strip() or "1m",
            }
            if dialog.scene.text().strip():
                fields["scene"] = dialog.scene.text().strip()
            if dialog.notes.text().strip():
                fields["notes"] = dialog.notes.text().strip()
            self.edit(
                self.tr("Add segment"),
                {"op": "insert", "index": index, "fields": fields},
                lambda _result: {"op": "remove", "segment": fields["id"]},
            )

        self._open_dialog(dialog, accepted)

    def _open_dialog(self, dialog: QDialog, accepted: Callable[[], None]) -> None:
        """Open (never exec()) a dialog; ``accepted`` runs when it is accepted."""
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        self.segment_dialog = dialog
        dialog.open()

    def _edit_segment(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        segment = self.session.show.segments[row]
        duration = self.session.document.segment_fields(segment.id, ["duration"])["duration"]
        dialog = SegmentDialog(
            self, segment.title, str(duration), segment.scene or "", segment.notes
        )

        def accepted() -> None:
            changes = {
                "title": dialog.title.text().strip() or segment.title,
                "duration": dialog.duration.text().strip(),
                "scene": dialog.scene.text().strip() or None,
                "notes": dialog.notes.text().strip() or None,
            }
            self.edit(
                self.tr("Edit segment"),
                {"op": "set", "segment": segment.id, "changes": changes},
                lambda result: {
                    "op": "set",
                    "segment": segment.id,
                    "changes": result.data.get("before", {}),
                },
            )

        self._open_dialog(dialog, accepted)

    def _delete_segment(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        segment_id = self.session.show.segments[row].id
        self.edit(
            self.tr("Delete segment"),
            {"op": "remove", "segment": segment_id},
            lambda result: {
                "op": "insert",
                "index": result.data.get("index", row),
                "fields": result.data.get("fields", {}),
            },
        )

    def _move_segment(self, segment_id: str, source: int, target: int) -> None:
        self.edit(
            self.tr("Move segment"),
            {"op": "move", "segment": segment_id, "index": target},
            lambda _result: {"op": "move", "segment": segment_id, "index": source},
        )

    # --- refreshing ----------------------------------------------------------------------

    def _session_changed(self, topic: str) -> None:
        self._dirty.add(topic)

    def detach(self) -> None:
        """Stop listening to the session (the window is about to go: a language switch)."""
        self.session.remove_listener(self._session_changed)

    def _refresh(self) -> None:
        dirty, self._dirty = self._dirty, set()
        session = self.session
        snap = session.snapshot()
        segment = session.current_segment()
        started = snap.state is not ClockState.NOT_STARTED
        if "clips" in dirty or "show" in dirty:
            self._refresh_clips()
        alarms = session.outputs.alarms
        alarm_text_now = "\n".join(
            self.tr("%1 (since %2)")
            .replace("%1", alarm_text(alarm.kind.value))
            .replace("%2", datetime.fromtimestamp(alarm.since).strftime("%H:%M:%S"))
            for alarm in alarms
        )
        if alarm_text_now != self.alarm_line.text():
            self.alarm_line.setText(alarm_text_now)
            self.alarm_line.setToolTip("\n".join(alarm.detail for alarm in alarms))
            self.alarm_line.setVisible(bool(alarms))
        off_air = session.off_air
        safe_action = self.actions_by_name["safe"]
        safe_text = self.tr("Back on air") if off_air is not None else self.tr("SAFE")
        if safe_action.text() != safe_text:
            safe_action.setText(safe_text)
        safe_style = "color: white; background: #c62828; padding: 2px 8px;" if off_air else ""
        if safe_style != self.on_air.styleSheet():
            self.on_air.setStyleSheet(safe_style)
        if off_air is not None:
            since = datetime.fromtimestamp(off_air.since).strftime("%H:%M:%S")
            self.on_air.setText(
                self.tr("OFF AIR (SAFE) since %1: standby on program, microphones muted").replace(
                    "%1", since
                )
            )
        elif snap.state is ClockState.FINISHED:
            if self.final_numbers is None and not self._final_asked:
                self._final_asked = True
                self.session.spawn(self._final_numbers(), "final-numbers")
            self.on_air.setText(self.final_numbers or self.tr("The show has ended"))
        elif started:
            self.on_air.setText(self.tr("ON AIR: %1").replace("%1", segment.title))
        else:
            self.on_air.setText(
                self.tr("Ready: press GO to start with “%1”").replace("%1", segment.title)
            )
        upcoming = session.next_segment()
        self.next_line.setText(
            self.tr("Next: %1").replace("%1", upcoming.title) if upcoming else ""
        )
        if dirty or self._slow % 10 == 0:
            cue_index = session.armed if session.armed is not None else snap.next_index
            preview = self._cue_preview(cue_index)
            owed = session.owed_cue
            if owed is not None:
                # The cue of the segment on air never reached OBS: said until it is re-applied.
                title = next((s.title for s in session.show.segments if s.id == owed), owed)
                preview = self.tr(
                    "NOT ON AIR: the cue for “%1” did not reach OBS; it is re-applied "
                    "when OBS is back"
                ).replace("%1", title)
                style = "color: white; background: #c62828; padding: 2px 6px; font-weight: bold;"
            else:
                style = "color: #4a148c;"
            if style != self.cue_line.styleSheet():
                self.cue_line.setStyleSheet(style)
            self.cue_line.setToolTip(preview)
            self.cue_line.setText(preview if len(preview) <= 150 else preview[:149] + "…")
        self.countdown.setText(format_countdown(snap.remaining if started else segment.duration))
        colour = LEVEL_COLOURS[snap.level] if started else LEVEL_COLOURS[snap.level].lighter()
        text_colour = "black" if snap.level.value in ("normal", "warning") else "white"
        style = f"background: {colour.name()}; color: {text_colour}; padding: 4px 12px;"
        if style != self.countdown.styleSheet():  # re-polishing costs: only on a change
            self.countdown.setStyleSheet(style)
        planned_end = datetime.fromtimestamp(snap.planned_end).strftime("%H:%M")
        projected = datetime.fromtimestamp(snap.projected_end).strftime("%H:%M")
        minutes = round(snap.over_under / 60)
        if minutes > 0:
            drift = self.tr("%1 min over").replace("%1", str(minutes))
        elif minutes < 0:
            drift = self.tr("%1 min under").replace("%1", str(-minutes))
        else:
            drift = self.tr("on time")
        hard = ""
        for hard_start in snap.hard_starts:
            if hard_start.seconds_until > 0:
                title = session.show.segments[hard_start.index].title
                hard = (
                    self.tr(" · hard start “%1” in %2")
                    .replace("%1", title)
                    .replace("%2", format_countdown(hard_start.seconds_until))
                )
                if hard_start.slip > 30:
                    hard += self.tr(" (projected %1 late)").replace(
                        "%1", format_offset(hard_start.slip)
                    )
                break
        rehearsal = ""
        if session.rehearsal and session.show.date is not None:
            rehearsal = self.tr("Rehearsal (the show is on %1) · ").replace(
                "%1", session.show.date.isoformat()
            )
        elif session.rehearsal:
            rehearsal = self.tr("Rehearsal · ")
        self.show_line.setText(
            rehearsal
            + self.tr("Planned end %1 · projected %2 (%3)")
            .replace("%1", planned_end)
            .replace("%2", projected)
            .replace("%3", drift)
            + hard
        )
        if self.afresh_banner.isVisible():
            self.afresh_text.setText(
                self.tr(
                    "Host Console did not close normally: the show resumed at “%1” with %2 "
                    "vouchers. The vouchers are kept either way."
                )
                .replace("%1", segment.title)
                .replace("%2", f"{session.counter.count:,}")
            )
        pause = self.actions_by_name["pause"]
        pause.setText(self.tr("Resume") if snap.state is ClockState.PAUSED else self.tr("Pause"))
        self.actions_by_name["rehearsal"].setEnabled(snap.state is ClockState.NOT_STARTED)
        if "show" in dirty:
            self.model.reset()
            self.setWindowTitle(self.tr("Host Console — %1").replace("%1", session.show.title))
        self._slow += 1
        if dirty or self._slow % 5 == 0:
            # Every row only when the run sheet itself changed; sales move none of its cells.
            self.model.refresh(everything=bool(dirty & {"clock", "show"}))
        if dirty & {"vouchers", "feed", "flag", "milestone", "show"} or self._slow % 10 == 0:
            self.vouchers.refresh()
            self.problems.refresh()
        if dirty & {"obs", "show", "cue"} or self._slow % 10 == 0:
            self.obs_panel.refresh()
        if dirty & {"show", "cue", "clock"} or (dirty & {"vouchers"} and self._slow % 10 == 0):
            self.graphics.refresh()
        if dirty & {"clock", "points", "show", "cue"}:
            self.points.refresh()
        if dirty & {"message", "show"} or "{" in session.message.text:
            self.messages.refresh()  # a live figure in the message changes every tick
        if dirty & {"prompter", "show"} or self._slow % 10 == 0:
            self.prompter.refresh()
        if dirty & {"question"}:
            self.questions.refresh()
            # Seen from the talking points too: how many questions wait for the producer.
            waiting = self.questions.new_count
            self.points_tabs.setTabText(
                1,
                self.tr("Questions (%1)").replace("%1", str(waiting))
                if waiting
                else self.tr("Questions"),
            )
        if dirty & {"prompt", "show"}:
            text = sales_prompt_text(session)
            self.prompt_line.setText(self.tr("On the presenter's screen: %1").replace("%1", text))
            self.prompt_row.setVisible(bool(text))
        if (
            "obs" in dirty
            and session.obs is not None
            and session.obs.connected
            and not self.obs_panel.scene_names
        ):
            self.session.spawn(self.refresh_scenes(), "obs-list-scenes")

    def _cue_preview(self, index: int | None) -> str:
        """What the next GO will put on air, texts included, before it is taken."""
        from hostconsole.services.overlays import preview_cue

        if index is None:
            return ""
        preview = preview_cue(self.session.overlay_context(self.session.show.segments[index]))
        overlays = {overlay.id: overlay for overlay in self.session.show.overlays}
        shows = " · ".join(
            f"{overlay_name(overlays[overlay_id])} “{text}”"
            if text
            else overlay_name(overlays[overlay_id])
            for overlay_id, text in preview.shows
            if overlay_id in overlays
        )
        line = self.tr("Next cue: scene %1").replace("%1", preview.scene or "—")
        if shows:
            line += self.tr(" · shows %1").replace("%1", shows.replace("\n", " / "))
        hides = ", ".join(
            overlay_name(overlays[overlay_id], self.session.show.overlays)
            for overlay_id in preview.hides
            if overlay_id in overlays
        )
        if hides:
            line += self.tr(" · takes off %1").replace("%1", hides)
        if self.session.prepared is not None:
            line += self.tr(" · prepared in preview")
        return line

    # --- window state --------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        stored = QSettings("hostconsole", "hostconsole").value("console/geometry")
        if stored is not None:
            self.restoreGeometry(stored)
        else:
            self.resize(1400, 860)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        QSettings("hostconsole", "hostconsole").setValue("console/geometry", self.saveGeometry())
        event.ignore()
        self.ask_to_quit()

    def ask_to_quit(self) -> None:
        """Quit at once before or after the show; mid-show, ask first (window-modal and
        non-blocking: the show goes on while the question is open)."""
        state = self.session.clock.state
        if self.session.read_only or state in (ClockState.NOT_STARTED, ClockState.FINISHED):
            self.quit_requested.emit()
            return
        if self._quit_box is not None:
            self._quit_box.raise_()
            return
        box = QMessageBox(self)
        box.setObjectName("quit-mid-show")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("The show is on air"))
        box.setText(
            self.tr(
                "The show is running (%1). Quit now and Host Console resumes it at this "
                "segment when it starts again; OBS keeps showing what it shows."
            ).replace("%1", self.session.current_segment().title)
        )
        keep = box.addButton(self.tr("Keep running"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("Quit and resume later"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self._quit_box = box

        def answered() -> None:
            self._quit_box = None
            if box.clickedButton() is leave:
                self.quit_requested.emit()
            box.deleteLater()

        box.finished.connect(answered)
        box.open()
