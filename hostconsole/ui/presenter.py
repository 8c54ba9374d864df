"""The presenter view: what the official reads from three metres — countdown, talking points,
presenter notes, the live voucher count, the wall clock, what is next, and the producer's
message. Drawn, not laid out, so every size follows the window and a prompter glass can get
it mirrored. Every text wraps, then shrinks; none is ever clipped (``drawn`` records where
each went, for the render tests)."""

from __future__ import annotations

import bisect
import math
import time
from collections import OrderedDict, deque
from typing import TYPE_CHECKING

import msgspec
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from hostconsole.domain.clock import ClockState, Level
from hostconsole.domain.durations import format_countdown
from hostconsole.domain.stream_watch import PRESENTER_ALARMS
from hostconsole.graphics.fonts import cjk_family
from hostconsole.graphics.render import fit_text
from hostconsole.services.overlays import offer_line
from hostconsole.ui.i18n import current_language
from hostconsole.ui.panels import (
    count_is_live,
    freshness_text,
    replay_text,
    sales_prompt_text,
)

if TYPE_CHECKING:
    from hostconsole.domain.show import Segment, TalkingPoint
    from hostconsole.services.show import ShowSession

BACKGROUND = QColor("#101418")
# The prompter's keys on the presenter's own keyboard and on a presenter clicker (which sends
# Page Up / Page Down, and often B or "." for its blank-screen button).
PROMPTER_KEYS = {
    Qt.Key.Key_P: "show",
    Qt.Key.Key_Space: "toggle",
    Qt.Key.Key_B: "toggle",
    Qt.Key.Key_Period: "toggle",
    Qt.Key.Key_Up: "slower",
    Qt.Key.Key_Down: "faster",
    Qt.Key.Key_PageUp: "back",
    Qt.Key.Key_PageDown: "forward",
    Qt.Key.Key_Plus: "bigger",
    Qt.Key.Key_Equal: "bigger",
    Qt.Key.Key_Minus: "smaller",
    Qt.Key.Key_Home: "top",
    Qt.Key.Key_BracketLeft: "previous-marker",
    Qt.Key.Key_BracketRight: "next-marker",
}
READING_LINE = 0.3  # the line being read sits this far down the prompter
LEVEL_TEXT = {
    Level.NORMAL: QColor("#f5f5f5"),
    Level.WARNING: QColor("#ffb300"),
    Level.DANGER: QColor("#ff7043"),
    Level.OVER: QColor("#ff1744"),
}


CACHED_GLYPH_PX = 64  # Qt caches glyphs up to this size; larger ones are drawn as paths
DIGITS = frozenset("0123456789:+-−,. ")


class TextImages:
    """Big text drawn once into images, blitted after. Qt draws glyphs above 64 px as paths
    every time — the countdown at 300 px and the prompter at 90 px cost 20-30 ms a frame so.
    Numbers (countdown, count, clock) are put together from one image per character, so a
    new second costs nothing; other lines (the prompter's) are one image per line. At most
    ``budget`` bytes are kept; the least recently used go first."""

    def __init__(self, budget: int = 48 * 1024 * 1024) -> None:
        self.budget = budget
        self._images: OrderedDict[tuple[str, str, int, bool, int, float], QImage] = OrderedDict()
        self._bytes = 0

    def draw(
        self, painter: QPainter, font: QFont, colour: QColor, x: float, top: float, text: str
    ) -> None:
        if font.pixelSize() <= CACHED_GLYPH_PX:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QPointF(x, top + QFontMetricsF(font).ascent()), text)
            return
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        if all(character in DIGITS for character in text):
            metrics = QFontMetricsF(font)
            for character in text:
                painter.drawImage(QPointF(x, top), self._image(character, font, colour, ratio))
                x += metrics.horizontalAdvance(character)
            return
        painter.drawImage(QPointF(x, top), self._image(text, font, colour, ratio))

    def _image(self, text: str, font: QFont, colour: QColor, ratio: float) -> QImage:
        key = (text, font.family(), font.pixelSize(), font.bold(), colour.rgba(), ratio)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        metrics = QFontMetricsF(font)
        width = max(math.ceil(metrics.horizontalAdvance(text) + metrics.averageCharWidth()), 1)
        height = max(math.ceil(metrics.height()), 1)
        image = QImage(
            max(round(width * ratio), 1),
            max(round(height * ratio), 1),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QPointF(0, metrics.ascent()), text)
        painter.end()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.budget and len(self._images) > 1:
            _old, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()
        return image


class DrawnText(msgspec.Struct, frozen=True):
    """Where a text of the view was drawn: for the render tests' "nothing clipped"."""

    bounds: QRectF
    elided: bool
    pixel_size: int


class PresenterContent(msgspec.Struct):
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
    notes: str = ""
    live: bool = True  # False: the count is stale, offline or not written — drawn dimmed
    over: bool = False  # the segment runs over its time: the whole view says so
    wall_clock: str = ""
    question: str = ""  # a viewer's question the producer put on the presenter's screen
    prompt: str = ""  # a sales prompt: a talking point to say, or the count to mention
    offer: str = ""  # the segment's product: price, voucher and its terms (said as written)
    safe: str = ""  # SAFE is on: the presenter is off air, the microphones muted


REFRESH_MS = 100


class PresenterView(QWidget):
    def __init__(self, session: ShowSession, *, mirrored: bool = False) -> None:
        super().__init__()
        self.session = session
        self.mirrored = mirrored
        self.content = PresenterContent()
        self.drawn: dict[str, DrawnText] = {}
        self.frame_ms: deque[float] = deque(maxlen=600)  # paint times, for the bench
        self.text_images = TextImages()
        self.prompter_lines_drawn = 0
        self._layout: QTextLayout | None = None
        self._layout_lines: list[tuple[float, int, int]] = []
        self._layout_key: tuple[str, int, int] | None = None
        # While the prompter runs, a frame every 16 ms (the text moves smoothly).
        self._frames = QTimer(self)
        self._frames.setInterval(16)
        self._frames.timeout.connect(self.update)
        session.add_listener(self._session_changed)
        self.setWindowTitle(self.tr("Host Console — Presenter"))
        self.setObjectName("presenterView")
        self.setMinimumSize(320, 240)  # a phone held upright still gets the whole view
        self._blink_on = True
        self._blink = QTimer(self)
        self._blink.setInterval(500)
        self._blink.timeout.connect(self._toggle_blink)
        self._family = cjk_family() or QFont().family()
        # Its own refresh, ten times a second while shown (countdown, count, points): the
        # view keeps itself current wherever it is used, the app's window or a test's.
        self._tick = QTimer(self)
        self._tick.setInterval(REFRESH_MS)
        self._tick.timeout.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self._tick.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._tick.stop()
        super().hideEvent(event)

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
        level = snap.level if started and snap.state is not ClockState.FINISHED else Level.NORMAL
        content = PresenterContent(
            segment=title(segment)
            if started
            else self.tr("Not started: %1").replace("%1", title(segment)),
            countdown=format_countdown(snap.remaining if started else segment.duration),
            level=level,
            points=tuple(points[:5]),
            count=str(session.counter.count) if session.counter.whole else "…",
            rate=replay_text(session.counter.folding)
            if session.counter.folding is not None
            else (
                self.tr("%1 in 5 min · catching up")
                if session.counter.catching_up
                else self.tr("%1 in 5 min")
            ).replace("%1", str(session.counter.rate())),
            freshness=text,
            freshness_colour=colour,
            upcoming=self.tr("Next: %1").replace("%1", title(upcoming))
            if upcoming
            else self.tr("Last segment"),
            message=session.message_now(),
            blink=session.message.blink and bool(session.message.text),
            notes=segment.notes,
            live=count_is_live(session),
            over=level is Level.OVER,
            wall_clock=time.strftime("%H:%M:%S", time.localtime(session.now())),
            question=self._question_text(),
            prompt=sales_prompt_text(session),
            offer=self._offer_text(segment),
            safe=self.tr("Off air: the standby picture is showing and your microphone is muted")
            if session.off_air is not None
            else self.tr("The stream is interrupted: the producer is on it")
            if any(a.kind in PRESENTER_ALARMS for a in session.outputs.alarms)
            else "",
        )
        if snap.state is ClockState.PAUSED:
            content.segment += "  ⏸"
        if content.blink and not self._blink.isActive():
            self._blink.start()
        elif not content.blink and self._blink.isActive():
            self._blink.stop()
            self._blink_on = True
        prompting = session.prompter.visible and session.prompter.running
        if prompting != self._frames.isActive():
            if prompting:
                self._frames.start()
            else:
                self._frames.stop()
                self.update()
        if content != self.content or session.prompter.visible:
            self.content = content
            self.update()

    def _offer_text(self, segment: Segment) -> str:
        if not segment.products:
            return ""
        product = self.session.show.product(segment.products[0])
        return offer_line(product, not current_language().startswith("zh"))

    def _question_text(self) -> str:
        question = self.session.presented_question
        if question is None:
            return ""
        if question.author:
            return (
                self.tr("Question from %1: %2")
                .replace("%1", question.author)
                .replace("%2", question.text)
            )
        return self.tr("Question: %1").replace("%1", question.text)

    def detach(self) -> None:
        """Stop listening to the session and ticking (the window is about to go)."""
        self.session.remove_listener(self._session_changed)
        self._tick.stop()
        self._frames.stop()

    def _session_changed(self, topic: str) -> None:
        # A question or a message reaches the screen at once, not at the next tick.
        if topic in ("question", "message", "prompt", "safe", "alarms") and shiboken6.isValid(self):
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        try:
            prompter_action = PROMPTER_KEYS.get(Qt.Key(key))
        except ValueError:  # a key Qt has no name for
            prompter_action = None
        if key == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif key == Qt.Key.Key_M:
            self.mirrored = not self.mirrored
            self.update()
        elif prompter_action is not None:
            action = prompter_action
            if action == "show" and self.session.prompter.visible:
                action = "hide"
            # A command on the engine's queue, as the console's and the control API's are.
            self.session.submit("prompter", "shortcut", action=action)
        else:
            super().keyPressEvent(event)

    def _font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(max(int(size), 8))
        font.setBold(bold)
        # As fit_text measures: the same advances, so a fitted line never overhangs.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def _fit(
        self,
        painter: QPainter,
        name: str,
        rect: QRectF,
        text: str,
        *,
        largest: float,
        smallest: float,
        bold: bool = False,
        colour: QColor,
        centre: bool = False,
        middle: bool = True,
    ) -> QRectF:
        """Draw ``text`` wrapped into ``rect``, shrunk as needed; record where it went.
        Returns the block's bounds (top-aligned blocks let the next text follow them)."""
        if not text:
            return QRectF(rect.left(), rect.top(), rect.width(), 0)
        fitted = fit_text(
            text,
            self._family,
            bold,
            rect.width(),
            rect.height(),
            max(int(largest), 8),
            max(int(smallest), 8),
        )
        font = self._font(fitted.pixel_size, bold)
        painter.setFont(font)
        painter.setPen(colour)
        metrics = painter.fontMetrics()
        block = len(fitted.lines) * fitted.line_height
        y = rect.top() + ((rect.height() - block) / 2 if middle else 0)
        bounds = QRectF()
        for line in fitted.lines:
            width = metrics.horizontalAdvance(line)
            x = rect.left() + ((rect.width() - width) / 2 if centre else 0)
            line_rect = QRectF(x, y, width, fitted.line_height)
            self.text_images.draw(painter, font, colour, x, y, line)
            bounds = bounds.united(line_rect)
            y += fitted.line_height
        self.drawn[name] = DrawnText(bounds, fitted.elided, fitted.pixel_size)
        return bounds

    def _band(
        self,
        painter: QPainter,
        name: str,
        text: str,
        background: QColor,
        colour: QColor,
        *,
        bottom: float,
        room: float,
        least: float,
        unit: float,
        readable: float,
    ) -> float:
        """A full-width band of wrapped text ending at ``bottom``, as tall as its text needs
        (at most ``room``); returns its top."""
        margin = unit * 0.8
        width = self.width() - 2 * margin
        fitted = fit_text(
            text, self._family, True, width, room, max(int(unit * 1.1), 8), int(readable)
        )
        height = max(len(fitted.lines) * fitted.line_height + unit * 0.5, least)
        band = QRectF(0, bottom - height, self.width(), height)
        painter.fillRect(band, background)
        self._fit(
            painter,
            name,
            band.adjusted(margin, unit * 0.25, -margin, -unit * 0.25),
            text,
            largest=unit * 1.1,
            smallest=readable,
            bold=True,
            colour=colour,
            centre=True,
        )
        return band.top()

    def _prompter_lines(self, text: str, width: float, pixels: int) -> list[tuple[float, int, int]]:
        """(y, start, length) of each line of the script at this width and size — laid out
        once, not per frame."""
        key = (text, round(width), pixels)
        if self._layout_key != key:
            layout = QTextLayout(text.replace("\n", "\u2028"), self._font(pixels))
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            lines = []
            y = 0.0
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                line.setPosition(QPointF(0, y))
                lines.append((y, line.textStart(), line.textLength()))
                y += line.height() * 1.25
            layout.endLayout()
            self._layout = layout
            self._layout_lines = lines
            self._layout_key = key
        return self._layout_lines

    def _paint_prompter(self, painter: QPainter, region: QRectF, unit: float) -> None:
        """The script scrolling up past a reading line, the segment headings in blue; only
        the lines in view are drawn."""
        script = self.session.current_script()
        prompter = self.session.prompter
        pixels = max(int(unit * 1.5 * prompter.size), 12)
        lines = self._prompter_lines(script.text, region.width() - unit, pixels)
        if not lines or self._layout is None:
            return
        position = prompter.position(self.session.now())
        starts = [start for _y, start, _length in lines]
        index = max(bisect.bisect_right(starts, int(position)) - 1, 0)
        y, start, length = lines[index]
        next_y = lines[index + 1][0] if index + 1 < len(lines) else y + pixels * 1.6
        fraction = (position - start) / length if length else 0.0
        reading = region.top() + region.height() * READING_LINE
        # The point being read sits on the reading line, moving smoothly through its line.
        offset = reading - (y + (next_y - y) * min(max(fraction, 0.0), 1.0))
        painter.save()
        painter.setClipRect(region)
        painter.fillRect(region, QColor("#0b0f12"))
        # The reading band: the line being read passes through it, the arrow points at it.
        band = next_y - y
        painter.fillRect(
            QRectF(region.left(), reading - band * 0.5, region.width(), band), QColor("#1f2d38")
        )
        painter.setPen(QColor("#ffd600"))
        painter.setFont(self._font(pixels * 0.7, True))
        painter.drawText(QPointF(region.left(), reading + band * 0.2), "▶")
        drawn = 0
        font = self._font(pixels)
        for number, (line_y, line_start, _length) in enumerate(lines):
            top = line_y + offset
            if top > region.bottom():
                break
            if top + pixels * 1.6 < region.top():
                continue
            line = self._layout.lineAt(number)
            heading = script.text.startswith("■", line_start)
            read = line_start + line.textLength() <= position
            colour = (
                QColor("#90caf9") if heading else QColor("#78909c") if read else QColor("#ffffff")
            )
            words = script.text[line_start : line_start + line.textLength()].rstrip("\n ")
            self.text_images.draw(painter, font, colour, region.left() + unit, top, words)
            drawn += 1
        painter.restore()
        self.drawn["prompter"] = DrawnText(region, False, pixels)
        self.prompter_lines_drawn = drawn

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        started = time.perf_counter()
        c = self.content
        self.drawn = {}
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.mirrored:
            painter.translate(self.width(), 0)
            painter.scale(-1, 1)
        w, h = float(self.width()), float(self.height())
        portrait = h > w * 1.1
        unit = min(h / 18.0, w / 32.0) if not portrait else min(h / 26.0, w / 16.0)
        margin = unit * 0.8
        readable = max(unit * 0.75, 12.0)  # nothing smaller than this, at any window size
        flashing = c.blink and not self._blink_on

        # The producer's message along the bottom: as tall as its wrapped text needs (up to
        # a third of the view); when urgent, it flashes red and yellow with a frame.
        bottom = h
        if c.message:
            room = QRectF(margin, 0, w - 2 * margin, h * 0.32)
            fitted = fit_text(
                c.message,
                self._family,
                True,
                room.width(),
                room.height(),
                max(int(unit * 1.25), 8),
                int(readable),
            )
            height = max(len(fitted.lines) * fitted.line_height + unit * 0.6, unit * 2.0)
            banner = QRectF(0, h - height, w, height)
            painter.fillRect(banner, QColor("#d50000" if flashing else "#ffd600"))
            self._fit(
                painter,
                "message",
                banner.adjusted(margin, unit * 0.3, -margin, -unit * 0.3),
                c.message,
                largest=unit * 1.25,
                smallest=readable,
                bold=True,
                colour=QColor("#ffffff" if flashing else "#000000"),
                centre=True,
            )
            bottom = banner.top()

        # A sales prompt (green), then a viewer's question (blue), above the message.
        if c.prompt:
            bottom = self._band(
                painter,
                "prompt",
                c.prompt,
                QColor("#2e7d32"),
                QColor("#ffffff"),
                bottom=bottom,
                room=h * 0.2,
                least=unit * 2.0,
                unit=unit,
                readable=readable,
            )
        if c.safe:  # calm, not alarming: the official is simply not on screen for now
            bottom = self._band(
                painter,
                "safe",
                c.safe,
                QColor("#37474f"),
                QColor("#ffffff"),
                bottom=bottom,
                room=h * 0.2,
                least=unit * 2.0,
                unit=unit,
                readable=readable,
            )
        if c.question:
            bottom = self._band(
                painter,
                "question",
                c.question,
                QColor("#00acc1"),
                QColor("#000000"),
                bottom=bottom,
                room=h * 0.22,
                least=unit * 1.8,
                unit=unit,
                readable=readable,
            )

        # Segment title (wrapped) and the wall clock along the top; upright, the clock has a
        # line of its own and the title the whole width under it.
        clock_width = unit * 6.5
        if portrait:
            clock_rect = QRectF(margin, unit * 0.2, w - 2 * margin, unit * 1.3)
            title_rect = QRectF(margin, clock_rect.bottom(), w - 2 * margin, unit * 4.2)
        else:
            clock_rect = QRectF(w - margin - clock_width, unit * 0.3, clock_width, unit * 1.6)
            title_rect = QRectF(margin, unit * 0.3, w - 3 * margin - clock_width, unit * 2.4)
        self._fit(
            painter,
            "wall_clock",
            clock_rect,
            c.wall_clock,
            largest=unit * 1.2,
            smallest=readable,
            colour=QColor("#b0bec5"),
            centre=portrait,
        )
        title = self._fit(
            painter,
            "segment",
            title_rect,
            c.segment,
            largest=unit * 1.15,
            smallest=readable,
            bold=True,
            colour=QColor("#90caf9"),
            middle=False,
        )
        top = max(title.bottom(), unit * 1.9) + unit * 0.3

        # What is next, just above the message.
        upcoming = self._fit(
            painter,
            "upcoming",
            QRectF(margin, bottom - unit * 1.7, w - 2 * margin, unit * 1.6),
            c.upcoming,
            largest=unit * 1.0,
            smallest=readable,
            colour=QColor("#a5d6a7"),
        )
        limit = (upcoming.top() if c.upcoming else bottom) - unit * 0.3

        # The countdown, the largest thing on screen; over time, a red block that says so.
        # Landscape: countdown and count side by side, the talking points under the countdown
        # and the notes under the count. Portrait (a phone, a tablet on its side): stacked.
        if portrait:
            clock_box = QRectF(margin, top, w - 2 * margin, unit * 5.0)
            count_box = QRectF(margin, clock_box.bottom() + unit * 0.3, w - 2 * margin, unit * 5.0)
            points_box = QRectF(margin, count_box.bottom() + unit * 0.4, w - 2 * margin, 0)
            points_box.setBottom(limit)
            notes_box = None
        else:
            left_width = w * 0.58
            # With the prompter on, the clock and count give its text room to scroll.
            tall = unit * (3.8 if self.session.prompter.visible else 5.2)
            # With a message, a question and a prompt up at once, the clock and count give
            # way first: the talking points and the offer keep room for two lines or more.
            tall = min(tall, max(unit * 2.6, limit - top - unit * 4.6))
            clock_box = QRectF(margin, top, left_width - margin, tall)
            count_box = QRectF(left_width + margin, top, w - left_width - 2 * margin, tall)
            points_box = QRectF(margin, clock_box.bottom() + unit * 0.4, left_width - margin, 0)
            points_box.setBottom(limit)
            notes_box = QRectF(count_box.left(), points_box.top(), count_box.width(), 0)
            notes_box.setBottom(limit)
        if c.over:
            painter.fillRect(clock_box, QColor("#b71c1c"))
            self._fit(
                painter,
                "over",
                QRectF(clock_box.left(), clock_box.top(), clock_box.width(), unit * 1.3),
                self.tr("OVER TIME"),
                largest=unit * 1.0,
                smallest=readable,
                bold=True,
                colour=QColor("#ffffff"),
                centre=True,
            )
        self._fit(
            painter,
            "countdown",
            clock_box.adjusted(0, unit * (1.2 if c.over else 0), 0, 0),
            c.countdown,
            largest=clock_box.height() * (0.72 if c.over else 0.95),
            smallest=readable,
            bold=True,
            colour=QColor("#ffffff") if c.over else LEVEL_TEXT[c.level],
            centre=True,
        )

        # The voucher count: dimmed when the feed is stale or offline, with a badge saying
        # how old it is (black on amber, white on red: legible, not a hint).
        painter.fillRect(count_box, QColor("#1b2631"))
        count_colour = QColor("#ffffff") if c.live else QColor("#5f6b73")
        self._fit(
            painter,
            "count",
            QRectF(count_box.left(), count_box.top(), count_box.width(), count_box.height() * 0.58),
            c.count,
            largest=count_box.height() * 0.55,
            smallest=readable,
            bold=True,
            colour=count_colour,
            centre=True,
        )
        self._fit(
            painter,
            "rate",
            QRectF(
                count_box.left(),
                count_box.top() + count_box.height() * 0.58,
                count_box.width(),
                count_box.height() * 0.2,
            ),
            c.rate,
            largest=unit * 1.0,
            smallest=min(readable, count_box.height() * 0.2 / 1.5),
            colour=count_colour,
            centre=True,
        )
        badge = QRectF(
            count_box.left() + count_box.width() * 0.08,
            count_box.top() + count_box.height() * 0.79,
            count_box.width() * 0.84,
            count_box.height() * 0.18,
        )
        badge_colour = QColor(c.freshness_colour)
        painter.fillRect(badge, badge_colour)
        self._fit(
            painter,
            "freshness",
            badge,
            c.freshness,
            largest=badge.height() * 0.8,
            smallest=min(readable, badge.height() / 1.5),
            bold=True,
            colour=QColor("#000000") if badge_colour.lightness() > 140 else QColor("#ffffff"),
            centre=True,
        )

        prompter = self.session.prompter
        if prompter.visible and self.session.current_script().length:
            region = QRectF(margin, points_box.top(), w - 2 * margin, limit - points_box.top())
            self._paint_prompter(painter, region, unit)
            c_points: tuple[str, ...] = ()
            c_notes = ""
        else:
            c_points, c_notes = c.points, c.notes
        # Talking points, each wrapped; one that would be cut is left for the list.
        top = points_box.top()
        for index, point in enumerate(c_points):
            room = QRectF(points_box.left(), top, points_box.width(), points_box.bottom() - top)
            if room.height() < readable * 1.3:
                break
            height = min(room.height(), unit * 3.4)
            fitted = fit_text(
                point,
                self._family,
                False,
                room.width(),
                height,
                max(int(unit * 1.0), 8),
                int(readable),
            )
            if fitted.elided:
                break
            block = self._fit(
                painter,
                f"point{index}",
                QRectF(room.left(), room.top(), room.width(), height),
                point,
                largest=unit * 1.0,
                smallest=readable,
                colour=QColor("#eceff1"),
                middle=False,
            )
            top = block.bottom() + unit * 0.25

        # The presenter notes: beside the points in landscape, after them in portrait.
        notes = self.tr("Notes: %1").replace("%1", c_notes) if c_notes else ""
        if c.offer and c_points:  # the offer as the official may state it, terms included
            notes = "\n".join(part for part in (c.offer, notes) if part)
        if notes_box is None:
            notes_box = QRectF(
                points_box.left(), top, points_box.width(), points_box.bottom() - top
            )
        if notes and notes_box.height() > readable * 1.3:
            fitted = fit_text(
                notes,
                self._family,
                False,
                notes_box.width(),
                notes_box.height(),
                max(int(unit * 0.9), 8),
                int(readable),
            )
            if not fitted.elided:
                self._fit(
                    painter,
                    "notes",
                    notes_box,
                    notes,
                    largest=unit * 0.9,
                    smallest=readable,
                    colour=QColor("#80deea"),
                    middle=False,
                )

        # Over time or an urgent message: a frame round the whole view that cannot be missed.
        frame = QColor("#ff1744") if c.over else QColor("#ffd600") if flashing else None
        if frame is not None:
            thickness = max(unit * 0.35, 4.0)
            pen_rect = (
                self.rect()
                .toRectF()
                .adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2)
            )
            painter.setPen(QPen(frame, thickness))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(pen_rect)
        painter.end()
        self.frame_ms.append((time.perf_counter() - started) * 1000)
