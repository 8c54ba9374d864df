"""The producer console's panels: OBS, vouchers (with the per-minute chart), talking points,
and messages to the presenter. Each is a view of the show session, refreshed on its topics."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hostconsole.adapters.obs.status import LinkState
from hostconsole.adapters.sales.model import FeedState, FeedStatus
from hostconsole.domain.chart import Band, ChartPicture, minute_chart
from hostconsole.graphics.chart import CONSOLE_COLOURS, paint_chart
from hostconsole.ui.i18n import current_language
from hostconsole.ui.reasons import feed_name, feed_state, reason
from hostconsole.ui.style import PREVIEW_GREEN, PROGRAM_RED
from hostconsole.ui.text import TextLabel

if TYPE_CHECKING:
    from hostconsole.domain.show import Show
    from hostconsole.services.show import ShowSession


def obs_state_text(widget: QWidget, session: ShowSession) -> tuple[str, str]:
    """The honest OBS state as (short label, colour)."""
    status = session.obs_status()
    if status is None:
        return QCoreApplication.translate("Status", "OBS control off"), "#757575"
    state = status.state
    if state is LinkState.CONNECTED:
        versions = status.versions
        detail = f" — OBS {versions.obs}, obs-websocket {versions.websocket}" if versions else ""
        return QCoreApplication.translate("Status", "OBS connected") + detail, "#2e7d32"
    if state is LinkState.RECONNECTING:
        wait = status.next_try_in()
        text = QCoreApplication.translate(
            "Status", "OBS not connected — retrying (attempt %1)"
        ).replace("%1", str(status.attempt))
        if wait is not None:
            text += QCoreApplication.translate("Status", ", next try in %1 s").replace(
                "%1", f"{wait:.1f}"
            )
        return text, "#c62828"
    labels = {
        LinkState.DISCONNECTED: QCoreApplication.translate("Status", "OBS disconnected"),
        LinkState.CONNECTING: QCoreApplication.translate("Status", "Connecting to OBS…"),
        LinkState.AUTH_FAILED: QCoreApplication.translate(
            "Status", "OBS refused the password — enter it in Settings"
        ),
        LinkState.KICKED: QCoreApplication.translate(
            "Status", "OBS disconnected this console — press Reconnect"
        ),
        LinkState.INCOMPATIBLE: QCoreApplication.translate(
            "Status", "OBS is too old: obs-websocket 5 is needed"
        ),
    }
    return labels.get(
        state, state.value
    ), "#c62828" if state is not LinkState.CONNECTING else "#f9a825"


class ObsPanel(QGroupBox):
    take_requested = Signal()
    preflight_requested = Signal()
    reconnect_requested = Signal()
    studio_mode_requested = Signal(bool)
    stream_requested = Signal(bool)  # start (True) or stop streaming
    record_requested = Signal(bool)

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle(self.tr("OBS"))
        layout = QVBoxLayout(self)
        self.state = TextLabel()
        self.state.setObjectName("obsState")
        self.state.setWordWrap(True)
        self.detail = TextLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #616161; font-size: 11px;")
        self.scenes = QListWidget()
        self.scenes.setObjectName("sceneList")
        self.outputs = TextLabel()
        buttons = QHBoxLayout()
        self.studio = QCheckBox(self.tr("Studio mode"))
        self.take = QPushButton(self.tr("Take"))
        self.preflight = QPushButton(self.tr("Pre-flight…"))
        self.reconnect = QPushButton(self.tr("Reconnect"))
        for button in (self.studio, self.take, self.preflight, self.reconnect):
            buttons.addWidget(button)
        outputs = QHBoxLayout()
        self.stream = QPushButton(self.tr("Start streaming"))
        self.stream.setObjectName("streamButton")
        self.record = QPushButton(self.tr("Start recording"))
        self.record.setObjectName("recordButton")
        outputs.addWidget(self.stream)
        outputs.addWidget(self.record)
        self.stream.clicked.connect(
            lambda: self.stream_requested.emit(not self._output_on("streaming"))
        )
        self.record.clicked.connect(
            lambda: self.record_requested.emit(not self._output_on("recording"))
        )
        layout.addWidget(self.state)
        layout.addWidget(self.detail)
        layout.addWidget(self.scenes, 1)
        layout.addWidget(self.outputs)
        layout.addLayout(outputs)
        layout.addLayout(buttons)
        self.take.clicked.connect(self.take_requested)
        self.preflight.clicked.connect(self.preflight_requested)
        self.reconnect.clicked.connect(self.reconnect_requested)
        self.studio.clicked.connect(self.studio_mode_requested)
        self.scene_names: list[str] = []
        self.dropped = ""

    def _output_on(self, which: str) -> bool:
        link = self.session.obs
        return link is not None and bool(getattr(link, which))

    def refresh(self) -> None:
        text, colour = obs_state_text(self, self.session)
        self.state.setText(text)
        self.state.setStyleSheet(
            f"color: white; background: {colour}; padding: 6px; font-weight: bold;"
        )
        status = self.session.obs_status()
        self.detail.setText(
            "" if status is None or status.state is LinkState.CONNECTED else reason(status.message)
        )
        link = self.session.obs
        self.scenes.clear()
        if link is not None and not link.connected:
            # OBS is away: what is on program is not known. The last scenes seen are listed
            # greyed, the one last on program said to be only that.
            for name in self.scene_names:
                item = QListWidgetItem(name)
                item.setForeground(QColor("#9e9e9e"))
                if name == link.program_scene:
                    item.setText(name + "  ○ " + self.tr("last seen on program"))
                self.scenes.addItem(item)
            self.scenes.setToolTip(self.tr("OBS is not connected: the tally is unknown"))
        for name in self.scene_names if link is None or link.connected else ():
            item = QListWidgetItem(name)
            if link is not None and name == link.program_scene:
                item.setBackground(PROGRAM_RED)
                item.setForeground(QColor("white"))
                item.setText(name + "  ● " + self.tr("PROGRAM"))
            elif link is not None and name == link.preview_scene:
                item.setBackground(PREVIEW_GREEN)
                item.setForeground(QColor("white"))
                item.setText(name + "  ● " + self.tr("PREVIEW"))
            self.scenes.addItem(item)
        connected = link is not None and link.connected
        studio = link is not None and link.studio_mode
        self.studio.setChecked(studio)
        self.take.setEnabled(connected and studio)
        self.preflight.setEnabled(connected)
        self.studio.setEnabled(connected)
        self.reconnect.setEnabled(link is not None and not connected)
        for button, which, start, stop in (
            (self.stream, "streaming", self.tr("Start streaming"), self.tr("Stop streaming")),
            (self.record, "recording", self.tr("Start recording"), self.tr("Stop recording")),
        ):
            wanted = stop if self._output_on(which) else start
            if button.text() != wanted:
                button.setText(wanted)
            button.setEnabled(connected)
        if link is not None and not connected:
            self.outputs.setText(self.tr("streaming and recording unknown (OBS not connected)"))
        elif link is not None:
            self.scenes.setToolTip("")
            stream = self.tr("LIVE") if link.streaming else self.tr("not streaming")
            record = self.tr("REC") if link.recording else self.tr("not recording")
            self.outputs.setText(f"{stream} · {record}{self.dropped}")


class MinuteChart(QWidget):
    """Vouchers sold in each minute of the show: bars on a time axis, the segments as bands,
    the current minute marked (domain/chart.py lays it out; the report draws the same)."""

    def __init__(self) -> None:
        super().__init__()
        self.buckets: list[int] = []
        self.start = 0.0
        self.bands: list[Band] = []
        self.now: float | None = None
        self.picture: ChartPicture | None = None
        self.setObjectName("minuteChart")
        self.setMinimumHeight(72)  # grows with the room; 72 keeps a 1366×768 laptop whole
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(
        self, buckets: list[int], start: float, bands: list[Band], now: float | None
    ) -> None:
        minute = None if now is None else int((now - start) // 60)
        old_minute = None if self.now is None else int((self.now - self.start) // 60)
        if (buckets, start, bands, minute) != (self.buckets, self.start, self.bands, old_minute):
            self.buckets, self.start, self.bands, self.now = buckets, start, bands, now
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        self.picture = minute_chart(
            self.buckets,
            self.start,
            width=float(self.width()),
            height=float(self.height()),
            clock=lambda epoch: time.strftime("%H:%M", time.localtime(epoch)),
            bands=self.bands,
            now=self.now,
            font_px=11.0,
            peak_text=lambda peak: self.tr("peak %1 a minute").replace("%1", f"{peak:,}"),
        )
        paint_chart(painter, self.picture, CONSOLE_COLOURS, 11.0)
        painter.end()


def sales_prompt_text(session: ShowSession) -> str:
    """The sales prompt as the presenter reads it, in the console's language."""
    prompt = session.sales_prompter.current
    if prompt is None:
        return ""
    if prompt.kind == "burst":
        return QCoreApplication.translate(
            "Prompt", "Sales are flowing — mention the count: %1 sold"
        ).replace("%1", prompt.shown(session.counter.count))
    return QCoreApplication.translate("Prompt", "No sale for a while — say: %1").replace(
        "%1", prompt.text
    )


def count_is_live(session: ShowSession) -> bool:
    """Whether the count on screen is the platform's, now: committed, and from a feed that is
    fresh (or no feed: a manual count is what the producer says it is)."""
    if session.counter.storage_fault is not None:
        return False
    statuses = session.feed_statuses()
    if not statuses:
        return True
    now = session.now()
    fresh = [s for s in statuses if s.age(now) is not None and not s.is_stale(now)]
    return bool(fresh)


def freshness_text(widget: QWidget, session: ShowSession) -> tuple[str, str]:
    if session.counter.file_damaged:
        return QCoreApplication.translate("Status", "ledger damaged"), "#c62828"
    if session.counter.storage_fault is not None:
        return QCoreApplication.translate("Status", "not written"), "#c62828"
    statuses = session.feed_statuses()
    if not statuses:
        return QCoreApplication.translate("Status", "manual only"), "#757575"
    now = session.now()

    def age_or_never(status: FeedStatus) -> float:
        age = status.age(now)
        return float("inf") if age is None else age

    best = min(statuses, key=age_or_never)
    age = best.age(now)
    if any(s.state is FeedState.UNAUTHORIZED for s in statuses) and age is None:
        return QCoreApplication.translate("Status", "offline: token refused"), "#c62828"
    if age is None:
        return QCoreApplication.translate("Status", "offline"), "#c62828"
    if not best.is_stale(now):
        return QCoreApplication.translate("Status", "live"), "#2e7d32"
    return QCoreApplication.translate("Status", "stale %1 s").replace(
        "%1", str(int(age))
    ), "#f9a825"


def replay_text(folding: tuple[int, int]) -> str:
    """“Catching up: the ledger is being read (45 %)” — while the count is replayed."""
    done, total = folding
    percent = min(int(done * 100 / total), 99) if total else 0
    return QCoreApplication.translate("Vouchers", "catching up: reading the ledger (%1 %)").replace(
        "%1", str(percent)
    )


class VoucherPanel(QGroupBox):
    correction_requested = Signal(int, str)

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self._titles: dict[str, str] = {}
        self._titles_of: Show | None = None
        # The show's own word for what it sells (订车券, coupons), in the console's language.
        noun = session.show.voucher_word(current_language())
        self.setTitle(noun[:1].upper() + noun[1:])
        layout = QGridLayout(self)
        self.count = TextLabel("0")
        self.count.setObjectName("voucherCount")
        font = QFont()
        font.setPointSize(40)
        font.setBold(True)
        self.count.setFont(font)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rate = TextLabel()
        self.rate.setObjectName("voucherRate")
        self.badge = TextLabel()
        self.badge.setObjectName("freshness")
        self.progress = QProgressBar()
        self.chart = MinuteChart()
        self.feed = TextLabel()
        self.feed.setWordWrap(True)
        self.feed.setStyleSheet("color: #616161; font-size: 11px;")
        self.flag = TextLabel()
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet("color: #c62828;")
        self.amount = QSpinBox()
        self.amount.setRange(1, 1000)
        self.plus = QPushButton(self.tr("+ Add…"))
        self.minus = QPushButton(self.tr("− Remove…"))
        layout.addWidget(self.count, 0, 0, 2, 1)
        layout.addWidget(self.rate, 0, 1)
        layout.addWidget(self.badge, 1, 1)
        layout.addWidget(self.progress, 2, 0, 1, 2)
        layout.addWidget(self.chart, 3, 0, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.amount)
        row.addWidget(self.plus)
        row.addWidget(self.minus)
        layout.addLayout(row, 4, 0, 1, 2)
        layout.addWidget(self.flag, 5, 0, 1, 2)
        layout.addWidget(self.feed, 6, 0, 1, 2)
        self.plus.clicked.connect(lambda: self._ask(+1))
        self.minus.clicked.connect(lambda: self._ask(-1))

    def _ask(self, sign: int) -> None:
        presets = [
            self.tr("phone order"),
            self.tr("miscount"),
            self.tr("test order"),
            self.tr("refund"),
        ]
        # Opened, not exec()'d: a nested event loop would stall the asyncio side.
        dialog = QInputDialog(self)
        dialog.setObjectName("correctionDialog")
        dialog.setWindowTitle(self.tr("Correct the voucher count"))
        dialog.setLabelText(self.tr("Reason (required):"))
        dialog.setComboBoxItems(presets)
        dialog.setComboBoxEditable(True)
        amount = sign * self.amount.value()

        def finished(result: int) -> None:
            reason = dialog.textValue().strip()
            if result == QInputDialog.DialogCode.Accepted and reason:
                self.correction_requested.emit(amount, reason)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _segment_titles(self) -> dict[str, str]:
        """Segment titles by id, made again only when the show changes (not every second)."""
        show = self.session.show
        if self._titles_of is not show:
            self._titles = {segment.id: segment.title for segment in show.segments}
            self._titles_of = show
        return self._titles

    def refresh(self) -> None:
        counter = self.session.counter
        state = counter.state
        if counter.folding is not None:  # never a partial count, here or anywhere
            self.count.setText("…")
            self.rate.setText(replay_text(counter.folding))
        else:
            self.count.setText(str(state.on_air))
            rate_text = (
                self.tr("%1 in 5 min · catching up")
                if counter.catching_up
                else self.tr("%1 in 5 min")
            )
            rate_text = rate_text.replace("%1", str(counter.rate()))
            if state.refunded:
                # Refunds never lower the count on air; the producer sees them and the net.
                rate_text += " · " + self.tr("%1 refunded · net %2").replace(
                    "%1", str(state.refunded)
                ).replace("%2", str(state.net))
            self.rate.setText(rate_text)
        text, colour = freshness_text(self, self.session)
        self.badge.setText(text)
        self.badge.setStyleSheet(f"color: white; background: {colour}; padding: 3px 8px;")
        goal = state.goal
        if goal:
            self.progress.setRange(0, goal)
            self.progress.setValue(min(state.on_air, goal))
            self.progress.setFormat(
                self.tr("%1 of %2").replace("%1", str(state.on_air)).replace("%2", str(goal))
            )
            self.progress.show()
        else:
            self.progress.hide()
        now = self.session.now()
        spans = state.segment_spans(now)
        # From the wall-clock minute the show began: the bars are whole minutes.
        start = math.floor(min([state.first_at or now, *(span[0] for span in spans)]) / 60) * 60
        titles = self._segment_titles()
        bands = [Band(at, end, titles.get(segment, segment)) for at, end, segment in spans]
        self.chart.set_data(state.per_minute(start, now), start, bands, now)
        lines = [
            f"{feed_name(s.feed)}: {feed_state(s.state)} — {reason(s.message)}"
            for s in self.session.feed_statuses()
        ]
        hub = self.session.feeds.hub
        if hub is not None:
            waiting = hub.waiting(self.session.counter.last_seq)
            if hub.connected and not waiting:
                lines.append(self.tr("festival board: reporting"))
            elif hub.connected:
                lines.append(
                    self.tr("festival board: sending %1 entries").replace("%1", str(waiting))
                )
            else:
                lines.append(
                    self.tr("festival board: hub not reachable (%1); %2 entries wait")
                    .replace("%1", reason(hub.problem))
                    .replace("%2", str(waiting))
                )
        self.feed.setText("\n".join(lines))
        self.flag.setText("\n".join(self.session.flags[-2:]))


class TalkingPointsPanel(QGroupBox):
    caption_requested = Signal(str)  # a talking point id, or "" to take the caption off

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle(self.tr("Talking points"))
        layout = QVBoxLayout(self)
        self.points = QListWidget()
        self.points.setObjectName("talkingPoints")
        self.points.setWordWrap(True)
        self.push = QPushButton(self.tr("Push to presenter"))
        self.caption = QPushButton(self.tr("Caption on air"))
        self.caption_off = QPushButton(self.tr("Caption off"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.push)
        buttons.addWidget(self.caption)
        buttons.addWidget(self.caption_off)
        layout.addWidget(self.points, 1)
        layout.addLayout(buttons)
        self.points.itemChanged.connect(self._toggled)
        self.push.clicked.connect(self._push)
        self.caption.clicked.connect(self._caption)
        self.caption_off.clicked.connect(lambda: self.caption_requested.emit(""))
        self._ids: list[str] = []
        self._filling = False

    def refresh(self) -> None:
        segment = self.session.current_segment()
        points = self.session.show.points_for_segment(segment)
        self._filling = True
        self.points.clear()
        self._ids = []
        for point in points:
            text = point.headline + (f"\n{point.detail}" if point.detail else "")
            if point.id == self.session.pushed_point:
                text = "▶ " + text
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            covered = point.id in self.session.covered
            item.setCheckState(Qt.CheckState.Checked if covered else Qt.CheckState.Unchecked)
            self.points.addItem(item)
            self._ids.append(point.id)
        self._filling = False

    def _toggled(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        row = self.points.row(item)
        self.session.set_covered(self._ids[row], item.checkState() == Qt.CheckState.Checked)

    def _push(self) -> None:
        row = self.points.currentRow()
        if 0 <= row < len(self._ids):
            self.session.push_point(self._ids[row])

    def _caption(self) -> None:
        row = self.points.currentRow()
        if 0 <= row < len(self._ids):
            self.caption_requested.emit(self._ids[row])


class MessagePanel(QGroupBox):
    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle(self.tr("Message to the presenter"))
        layout = QVBoxLayout(self)
        self.presets = QComboBox()
        self.presets.addItems(
            [
                self.tr("Wrap up"),
                self.tr("Show the QR code"),
                self.tr("{left} left"),
                self.tr("Speak slower"),
                self.tr("Read the voucher terms"),
            ]
        )
        self.text = QLineEdit()
        self.text.setObjectName("messageText")
        self.text.setPlaceholderText(self.tr("Type a message…"))
        self.blink = QCheckBox(self.tr("Blink"))
        row = QHBoxLayout()
        self.send_preset = QPushButton(self.tr("Send preset"))
        self.send = QPushButton(self.tr("Send"))
        self.clear = QPushButton(self.tr("Clear"))
        row.addWidget(self.blink)
        row.addWidget(self.send_preset)
        row.addWidget(self.send)
        row.addWidget(self.clear)
        layout.addWidget(self.presets)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.current = TextLabel()
        self.current.setWordWrap(True)
        layout.addWidget(self.current)
        self.send.clicked.connect(self._send)
        self.text.returnPressed.connect(self._send)
        self.send_preset.clicked.connect(
            lambda: self.session.send_message(self.presets.currentText(), self.blink.isChecked())
        )
        self.clear.clicked.connect(lambda: self.session.send_message("", False))

    def _send(self) -> None:
        if self.text.text().strip():
            self.session.send_message(self.text.text(), self.blink.isChecked())
            self.text.clear()

    def refresh(self) -> None:
        shown = self.session.message_now()  # its {sold} and {left} as the presenter sees them
        self.current.setText(
            self.tr("On the presenter's screen: %1").replace("%1", shown) if shown else ""
        )


class PrompterPanel(QGroupBox):
    """The prompter from the console: show it on the presenter view, start and stop, speed,
    size, back and forward, the previous or next segment's words."""

    action_requested = Signal(str)

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle(self.tr("Prompter"))
        layout = QGridLayout(self)
        self.state = TextLabel()
        self.state.setObjectName("prompterState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state, 0, 0, 1, 4)
        self.buttons: dict[str, QPushButton] = {}
        controls = (
            ("show", self.tr("Show on presenter")),
            ("toggle", self.tr("Start")),
            ("slower", self.tr("Slower")),
            ("faster", self.tr("Faster")),
            ("smaller", self.tr("Smaller")),
            ("bigger", self.tr("Bigger")),
            ("back", self.tr("Back")),
            ("forward", self.tr("Forward")),
            ("previous-marker", self.tr("◀ Segment")),
            ("next-marker", self.tr("Segment ▶")),
        )
        for index, (action, label) in enumerate(controls):
            button = QPushButton(label)
            button.setObjectName(f"prompter_{action}")
            button.clicked.connect(lambda _=False, action=action: self._clicked(action))
            layout.addWidget(button, 1 + index // 4, index % 4)
            self.buttons[action] = button

    def _clicked(self, action: str) -> None:
        if action == "show" and self.session.prompter.visible:
            action = "hide"
        self.action_requested.emit(action)

    def refresh(self) -> None:
        prompter = self.session.prompter
        script = self.session.current_script()
        enabled = bool(script.markers)
        for button in self.buttons.values():
            button.setEnabled(enabled)
        self.buttons["show"].setText(
            self.tr("Hide from presenter") if prompter.visible else self.tr("Show on presenter")
        )
        self.buttons["toggle"].setText(self.tr("Stop") if prompter.running else self.tr("Start"))
        if not enabled:
            self.state.setText(self.tr("No segment has a script (script: in the show file)"))
            return
        position = prompter.position(self.session.now())
        marker = script.marker_at(position)
        percent = 100 * position / script.length if script.length else 0
        self.state.setText(
            self.tr("%1 · %2 · speed %3 characters/s · %4 %")
            .replace("%1", self.tr("running") if prompter.running else self.tr("held"))
            .replace("%2", marker.title if marker else "—")
            .replace("%3", f"{prompter.speed:.1f}")
            .replace("%4", f"{percent:.0f}")
        )


class QuestionsPanel(QGroupBox):
    """Viewers' questions from the platform, newest first, duplicates counted. Nothing goes
    anywhere until the producer approves it; then to the presenter, or on air as a card."""

    action_requested = Signal(str, str)  # (action, question id — "" for withdraw / off-air)

    def __init__(self, session: ShowSession) -> None:
        super().__init__()
        self.session = session
        self.setTitle(self.tr("Viewers' questions"))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("questionList")
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        self.shown = TextLabel()
        self.shown.setObjectName("questionShown")
        self.shown.setWordWrap(True)
        layout.addWidget(self.shown)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for index, (action, label) in enumerate(
            (
                ("approve", self.tr("Approve")),
                ("dismiss", self.tr("Dismiss")),
                ("present", self.tr("To presenter")),
                ("withdraw", self.tr("Withdraw")),
                ("on-air", self.tr("Card on air")),
                ("off-air", self.tr("Card off air")),
            )
        ):
            button = QPushButton(label)
            button.setObjectName(f"question_{action}")
            button.clicked.connect(lambda _=False, action=action: self._clicked(action))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[action] = button
        layout.addLayout(grid)
        self._ids: list[str] = []
        self.new_count = 0  # questions waiting for the producer

    def _clicked(self, action: str) -> None:
        if action in ("withdraw", "off-air"):
            self.action_requested.emit(action, "")
            return
        row = self.list.currentRow()
        if 0 <= row < len(self._ids):
            self.action_requested.emit(action, self._ids[row])

    def refresh(self) -> None:
        questions = self.session.questions
        listed = questions.listed()
        current = self.list.currentRow()
        selected = self._ids[current] if 0 <= current < len(self._ids) else None
        self.list.clear()
        self._ids = [q.id for q in listed]
        for question in listed:
            approved = question.state.value == "approved"
            mark = "✓ " if approved else ""
            times = f"  ×{question.times}" if question.times > 1 else ""
            author = f"{question.author}: " if question.author else ""
            item = QListWidgetItem(f"{mark}{author}{question.text}{times}")
            if approved:
                item.setForeground(QColor("#1b5e20"))
            self.list.addItem(item)
        if selected in self._ids:
            self.list.setCurrentRow(self._ids.index(selected))
        shown = self.session.presented_question
        card = self.session.on_air_question
        parts = []
        if shown is not None:
            parts.append(self.tr("On the presenter's screen: %1").replace("%1", shown.text))
        if card is not None:
            parts.append(self.tr("On air: %1").replace("%1", card.text))
        self.shown.setText("\n".join(parts))
        new = sum(1 for q in listed if q.state.value == "new")
        self.new_count = new
        self.setTitle(self.tr("Viewers' questions (%1 new)").replace("%1", str(new)))
