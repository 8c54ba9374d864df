"""The presenter view: what the official reads from three metres — countdown, talking points,
the live voucher count, what is next, and the producer's message. Drawn, not laid out, so
every size follows the window and a prompter glass can get it mirrored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from hostconsole.domain.clock import ClockState, Level
from hostconsole.domain.durations import format_countdown
from hostconsole.graphics.fonts import cjk_family
from hostconsole.ui.i18n import current_language
from hostconsole.ui.panels import freshness_text

if TYPE_CHECKING:
    from hostconsole.domain.show import Segment, TalkingPoint
    from hostconsole.services.session import ShowSession

BACKGROUND = QColor("#101418")
LEVEL_TEXT = {
    Level.NORMAL: QColor("#f5f5f5"),
    Level.WARNING: QColor("#ffb300"),
    Level.DANGER: QColor("#ff7043"),
    Level.OVER: QColor("#ff1744"),
}


@dataclass
class PresenterContent:
    """Exactly what the view shows, for painting and for tests to check."""

    segment: str = ""
    countdown: str = ""
    level: Level = Level.NORMAL
    points: tuple[str, ...] = ()
    count: str = ""
    rate: str = ""
    freshness: str = ""
    freshness_colour: str = "#757575"
    upcoming: str = ""
    message: str = ""
    blink: bool = False


class PresenterView(QWidget):
    def __init__(self, session: ShowSession, *, mirrored: bool = False) -> None:
        super().__init__()
        self.session = session
        self.mirrored = mirrored
        self.content = PresenterContent()
        self.setWindowTitle(self.tr("Host Console — Presenter"))
        self.setObjectName("presenterView")
        self.setMinimumSize(480, 270)
        self._blink_on = True
        self._blink = QTimer(self)
        self._blink.setInterval(500)
        self._blink.timeout.connect(self._toggle_blink)
        self._family = cjk_family() or QFont().family()

    def _toggle_blink(self) -> None:
        self._blink_on = not self._blink_on
        self.update()

    def refresh(self) -> None:
        session = self.session
        snap = session.snapshot()
        segment = session.current_segment()
        started = snap.state is not ClockState.NOT_STARTED
        # In English, the show's own English texts where the producer wrote them.
        english = current_language() == "en"

        def headline(point: TalkingPoint) -> str:
            return point.headline_en if english and point.headline_en else point.headline

        def detail(point: TalkingPoint) -> str:
            return point.detail_en if english and point.detail_en else point.detail

        def title(item: Segment) -> str:
            return item.title_en if english and item.title_en else item.title

        points = [
            ("✓ " if point.id in session.covered else "• ") + headline(point)
            for point in session.show.points_for_segment(segment)
        ]
        if session.pushed_point:
            try:
                pushed = session.show.talking_point(session.pushed_point)
                first = "▶ " + headline(pushed) + (f" — {detail(pushed)}" if detail(pushed) else "")
                points = [first] + [p for p in points if not p.endswith(headline(pushed))]
            except KeyError:
                pass
        upcoming = session.next_segment()
        text, colour = freshness_text(self, session)
        content = PresenterContent(
            segment=title(segment)
            if started
            else self.tr("Not started: %1").replace("%1", title(segment)),
            countdown=format_countdown(snap.remaining if started else segment.duration),
            level=snap.level if started and snap.state is not ClockState.FINISHED else Level.NORMAL,
            points=tuple(points[:5]),
            count=str(session.counter.count),
            rate=self.tr("%1 in 5 min").replace("%1", str(session.counter.rate())),
            freshness=text,
            freshness_colour=colour,
            upcoming=self.tr("Next: %1").replace("%1", title(upcoming))
            if upcoming
            else self.tr("Last segment"),
            message=session.message.text,
            blink=session.message.blink and bool(session.message.text),
        )
        if snap.state is ClockState.PAUSED:
            content.segment += "  ⏸"
        if content.blink and not self._blink.isActive():
            self._blink.start()
        elif not content.blink and self._blink.isActive():
            self._blink.stop()
            self._blink_on = True
        if content != self.content:
            self.content = content
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_M:
            self.mirrored = not self.mirrored
            self.update()
        else:
            super().keyPressEvent(event)

    def _font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(max(int(size), 8))
        font.setBold(bold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        c = self.content
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.mirrored:
            painter.translate(self.width(), 0)
            painter.scale(-1, 1)
        w, h = float(self.width()), float(self.height())
        unit = min(h / 18.0, w / 32.0)  # sizes follow the window: readable at three metres
        margin = unit
        flags_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        flags_center = int(Qt.AlignmentFlag.AlignCenter)
        wrap = int(Qt.TextFlag.TextWordWrap)

        # Segment title across the top.
        painter.setPen(QColor("#90caf9"))
        painter.setFont(self._font(unit * 1.3, True))
        painter.drawText(
            QRectF(margin, margin * 0.5, w - 2 * margin, unit * 2), flags_left, c.segment
        )

        # The countdown: the largest thing on screen; red and negative once over.
        left_width = w * 0.58
        painter.setPen(LEVEL_TEXT[c.level])
        painter.setFont(self._font(unit * 6.2, True))
        painter.drawText(
            QRectF(margin, unit * 2.3, left_width, unit * 6.5), flags_center, c.countdown
        )

        # Voucher count, rate and freshness on the right.
        right = QRectF(left_width + margin, unit * 2.3, w - left_width - 2 * margin, unit * 6.5)
        painter.fillRect(right, QColor("#1b2631"))
        painter.setPen(QColor("#ffffff"))
        painter.setFont(self._font(unit * 4.2, True))
        painter.drawText(
            QRectF(right.x(), right.y(), right.width(), unit * 4.2), flags_center, c.count
        )
        painter.setFont(self._font(unit * 1.2))
        painter.drawText(
            QRectF(right.x(), right.y() + unit * 4.1, right.width(), unit * 1.4),
            flags_center,
            c.rate,
        )
        badge = QRectF(
            right.x() + right.width() * 0.25,
            right.y() + unit * 5.5,
            right.width() * 0.5,
            unit * 0.9,
        )
        painter.fillRect(badge, QColor(c.freshness_colour))
        painter.setFont(self._font(unit * 0.7, True))
        painter.drawText(badge, flags_center, c.freshness)

        # Talking points in large type, each wrapped to the width and kept clear of the others.
        painter.setPen(QColor("#eceff1"))
        top = unit * 9.3
        bottom_limit = h - unit * 3.8
        painter.setFont(self._font(unit * 1.05))
        metrics = painter.fontMetrics()
        for point in c.points:
            bounds = metrics.boundingRect(
                QRect(0, 0, int(w - 2 * margin), int(unit * 6)), flags_left | wrap, point
            )
            height = min(float(bounds.height()), unit * 2.6)
            if top + height > bottom_limit:
                break
            painter.drawText(QRectF(margin, top, w - 2 * margin, height), flags_left | wrap, point)
            top += height + unit * 0.35

        # What is next, along the bottom.
        painter.setPen(QColor("#a5d6a7"))
        painter.setFont(self._font(unit * 1.0))
        painter.drawText(
            QRectF(margin, h - unit * 3.6, w - 2 * margin, unit * 1.4), flags_left, c.upcoming
        )

        # The producer's message: a banner, blinking when flagged.
        if c.message and (not c.blink or self._blink_on):
            banner = QRectF(0, h - unit * 2.2, w, unit * 2.2)
            painter.fillRect(banner, QColor("#ffd600"))
            painter.setPen(QColor("#000000"))
            painter.setFont(self._font(unit * 1.3, True))
            painter.drawText(banner, flags_center, c.message)
        painter.end()
