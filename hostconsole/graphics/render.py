"""Draws each kind of on-air graphic with QPainter into a QImage of exactly its box's size.

One design for every OBS: a rounded plate in the theme's colour, an accent bar, text that fits
(wrapped first, then shrunk — never below min_text_px: 28 px per 1080 lines, 40 per 1920 in
9:16 — then cut with an ellipsis), vertically centred; the product card with a QR code drawn
module by module. QtGui only: safe on a worker thread, never a widget.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import os
import struct
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPainter,
    QPainterPath,
    QTextLayout,
    QTextOption,
)
from zlib_ng import zlib_ng

from hostconsole.domain.colour import blend, contrast_ratio, for_linear_blending
from hostconsole.domain.overlays import MIN_QR_MODULE_PX_AT_1080, min_text_px, text_scale
from hostconsole.domain.show import OverlayKind, Theme
from hostconsole.domain.text import kept_together, without_bidi_controls
from hostconsole.graphics.fonts import theme_family

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.domain.overlays import Box
    from hostconsole.services.overlays import GraphicContent

log = logging.getLogger(__name__)


class FittedText(msgspec.Struct, frozen=True):
    lines: tuple[str, ...]
    pixel_size: int
    elided: bool
    line_height: float


class DrawnLine(msgspec.Struct, frozen=True):
    text: str
    x: float
    baseline: float
    pixel_size: int
    bold: bool


def _font(family: str, pixels: int, bold: bool) -> QFont:
    font = QFont(family) if family else QFont()
    font.setPixelSize(max(pixels, 1))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def wrap(text: str, font: QFont, width: float) -> list[str]:
    """Lines as Qt breaks them (Unicode line breaking: no line starts with ，。！？ etc.;
    a number stays with its unit and a dash with the word before it)."""
    text = kept_together(text)
    return [text[start:end].strip() for start, end in _line_spans(text, font, width)] or [""]


def _line_spans(text: str, font: QFont, width: float) -> list[tuple[int, int]]:
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if text[start : start + length].strip():
            spans.append((start, start + length))
    layout.endLayout()
    return spans


@functools.lru_cache(maxsize=512)
def fit_text(
    text: str, family: str, bold: bool, width: float, height: float, largest: int, smallest: int
) -> FittedText:
    """Wrap, then shrink (to ``smallest`` at least), then cut the last line with an ellipsis.

    The largest size that fits is found by bisection: a few layouts, however long the text.
    Remembered: a graphic redrawn for a new count lays out its unchanged texts only once."""
    smallest = min(smallest, largest)
    text = kept_together(text)  # 5000 元 and 包 — stay on one line

    def attempt(pixels: int) -> tuple[bool, list[tuple[int, int]], float]:
        font = _font(family, pixels, bold)
        line_height = QFontMetricsF(font).lineSpacing()
        spans = _line_spans(text, font, width)
        return max(len(spans), 1) * line_height <= height + 0.5, spans, line_height

    def fitted(pixels: int, spans: list[tuple[int, int]], line_height: float) -> FittedText:
        lines = [text[start:end].strip() for start, end in spans] or [""]
        return FittedText(tuple(lines), pixels, False, line_height)

    fits, spans, line_height = attempt(largest)
    if fits or not text:
        return fitted(largest, spans, line_height)
    fits, spans, line_height = attempt(smallest)
    if fits:
        low, high = smallest, largest  # low fits, high does not
        best = (spans, line_height)
        while high - low > 1:
            middle = (low + high) // 2
            fits, middle_spans, middle_height = attempt(middle)
            if fits:
                low, best = middle, (middle_spans, middle_height)
            else:
                high = middle
        return fitted(low, *best)
    font = _font(family, smallest, bold)
    metrics = QFontMetricsF(font)
    room = max(int((height + 0.5) // line_height), 1)
    kept = [text[start:end].strip() for start, end in spans[:room]]
    rest = text[spans[room - 1][0] :].replace("\n", " ").strip()
    kept[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return FittedText(tuple(kept), smallest, True, line_height)


def png_bytes(image: QImage) -> bytes:
    """The image as a PNG, fast: rows unfiltered, deflated by zlib-ng at level 1.

    Qt's PNG writer takes ~18 ms for a 1080p product card (libpng's adaptive filters); the
    standard library's zlib ~4.5; zlib-ng ~1, which keeps a redraw well inside the ten-a-second
    budget of the counter. The PNG container is a few chunks, written here (zlib's CRC)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = rgba.width(), rgba.height()
    stride = rgba.bytesPerLine()
    data = memoryview(rgba.constBits()).cast("B")
    row = width * 4
    # Each row: filter type 0, then its bytes.
    raw = b"".join(
        piece for y in range(height) for piece in (b"\x00", data[y * stride : y * stride + row])
    )
    compressed = zlib_ng.compress(raw, 1)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", compressed)
        + chunk(b"IEND", b"")
    )


@functools.lru_cache(maxsize=64)
def _qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The code's modules (cached: encoding takes longer than drawing the whole card)."""
    import segno

    return tuple(tuple(row) for row in segno.make(url, error="m").matrix)


@functools.lru_cache(maxsize=64)
def _qr_image(url: str) -> QImage:
    """The code's dark modules, one pixel each, on transparent (drawn over the white)."""
    matrix = _qr_matrix(url)
    count = len(matrix)
    image = QImage(count, count, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    dark = QColor("#111111").rgba()
    for row, values in enumerate(matrix):
        for column, value in enumerate(values):
            if value & 1:
                image.setPixel(column, row, dark)
    return image


class GraphicPainter:
    """Draws one graphic; ``smallest_text`` records the smallest text drawn (for the figure)."""

    def __init__(
        self, theme: Theme, canvas: tuple[int, int], family: str, logo: QImage | None = None
    ) -> None:
        self.theme = theme
        self.logo = logo
        self.scale = text_scale(canvas)
        self.canvas = canvas
        self.family = family
        self.smallest_text: int | None = None
        self.elided = False
        # Every line of text as drawn (where, at what size): measured on the image by
        # scripts/bench against a drawing of the same graphic without its text.
        self.lines: list[DrawnLine] = []
        self.cut: list[tuple[str, str]] = []  # (a text, its last line as drawn) cut with "…"
        self.draws_text = True

    def px(self, at_1080: float) -> float:
        return at_1080 * self.scale

    @property
    def min_text(self) -> int:
        return min_text_px(self.canvas)

    def image(self, content: GraphicContent, size: tuple[int, int]) -> QImage:
        width, height = size
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            draw = {
                OverlayKind.PRODUCT_CARD: self._product_card,
                OverlayKind.MILESTONE: self._milestone,
                OverlayKind.COUNTER: self._centred,
                OverlayKind.TEXT: self._centred,
                OverlayKind.FLASH_SALE: self._flash_sale,
            }.get(content.kind, self._two_lines)
            draw(painter, QRectF(0, 0, width, height), content)
        finally:
            painter.end()
        return image

    def slate(self, words: str, title: str, size: tuple[int, int]) -> QImage:
        """SAFE's standby picture: the whole canvas in the plate's colour, the words large in
        the middle over the brand's bar, the show's title under them, the logo above."""
        width, height = size
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor(self.theme.plate))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            margin = width * 0.08
            # Laid out in a 16:9 band across the middle: upright, the parts stay together.
            band = min(float(height), width * 9 / 16)
            top = (height - band) / 2
            if self.logo is not None:
                side = round(band * 0.12)
                logo = self.logo.scaled(
                    side,
                    side,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                painter.drawImage(QPointF((width - logo.width()) / 2, top + band * 0.14), logo)
            words_box = QRectF(margin, top + band * 0.32, width - 2 * margin, band * 0.22)
            self._text(
                painter,
                words_box,
                words,
                largest=self.px(96),
                bold=True,
                colour=self.theme.text,
                centre=True,
            )
            bar = QRectF((width - width * 0.12) / 2, top + band * 0.6, width * 0.12, self.px(10))
            painter.fillRect(bar, QColor(self.theme.primary))
            if title:
                title_box = QRectF(margin, top + band * 0.65, width - 2 * margin, band * 0.14)
                self._text(
                    painter,
                    title_box,
                    title,
                    largest=self.px(48),
                    bold=False,
                    colour=self.theme.accent,
                    centre=True,
                )
        finally:
            painter.end()
        return image

    # --- pieces ---------------------------------------------------------------------------

    def _plate(
        self, painter: QPainter, rect: QRectF, colour: str | None = None, opaque: bool = False
    ) -> None:
        # OBS blends in linear light: drawn as designed, a dark plate would read olive-grey.
        # The colour and opacity that OBS shows as the theme's over the show's backdrop.
        drawn, opacity = for_linear_blending(
            colour or self.theme.plate,
            1.0 if opaque else self.theme.plate_opacity,
            self.theme.backdrop,
        )
        plate = QColor(drawn)
        plate.setAlphaF(opacity)
        radius = min(self.px(self.theme.radius), rect.height() / 2)
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, plate)

    def _accent_bar(self, painter: QPainter, rect: QRectF) -> float:
        """The brand's bar down the plate's left edge; returns its width."""
        bar = max(self.px(10), 3.0)
        radius = min(self.px(self.theme.radius), rect.height() / 2)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect.left(), rect.top(), bar * 2, rect.height()), radius, radius)
        clip = QPainterPath()
        clip.addRect(QRectF(rect.left(), rect.top(), bar, rect.height()))
        painter.fillPath(path.intersected(clip), QColor(self.theme.primary))
        return bar

    def _text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        *,
        largest: float,
        bold: bool,
        colour: str,
        centre: bool = False,
    ) -> FittedText:
        text = without_bidi_controls(text)  # outside text never turns a line around
        fitted = fit_text(
            text,
            self.family,
            bold,
            rect.width(),
            rect.height(),
            max(math.floor(largest), self.min_text),
            self.min_text,
        )
        if text:
            self.smallest_text = (
                fitted.pixel_size
                if self.smallest_text is None
                else min(self.smallest_text, fitted.pixel_size)
            )
        self.elided = self.elided or fitted.elided
        if fitted.elided:
            self.cut.append((text, fitted.lines[-1]))
        font = _font(self.family, fitted.pixel_size, bold)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        metrics = QFontMetricsF(font)
        block = len(fitted.lines) * fitted.line_height
        y = rect.top() + (rect.height() - block) / 2 + metrics.ascent()
        for line in fitted.lines:
            x = rect.left()
            if centre:
                x += (rect.width() - metrics.horizontalAdvance(line)) / 2
            self.lines.append(DrawnLine(line, x, y, fitted.pixel_size, bold))
            if self.draws_text:
                painter.drawText(QPointF(x, y), line)
            y += fitted.line_height
        return fitted

    def _stack(
        self,
        painter: QPainter,
        rect: QRectF,
        content: GraphicContent,
        centre: bool,
        sub_colour: str | None = None,
    ) -> None:
        """Heading large, the line after it smaller in the accent colour, centred as a block."""
        if not content.sub:
            self._text(
                painter,
                rect,
                content.heading,
                largest=rect.height() * 0.62,
                bold=True,
                colour=self.theme.text,
                centre=centre,
            )
            return
        # The second line gets one line at its size, the heading the rest (two lines where a
        # long heading needs them), and the second line is never larger than the heading.
        sub_size = max(math.floor(rect.height() * 0.30), self.min_text)
        sub_line = QFontMetricsF(_font(self.family, sub_size, False)).lineSpacing()
        heading_line = QFontMetricsF(_font(self.family, self.min_text, True)).lineSpacing()
        sub_height = min(sub_line, max(rect.height() - heading_line, rect.height() * 0.44))
        heading_height = rect.height() - sub_height
        heading = self._text(
            painter,
            QRectF(rect.left(), rect.top(), rect.width(), heading_height),
            content.heading,
            largest=min(heading_height * 0.78, rect.height() * 0.5),
            bold=True,
            colour=self.theme.text,
            centre=centre,
        )
        self._text(
            painter,
            QRectF(rect.left(), rect.top() + heading_height, rect.width(), sub_height),
            content.sub,
            largest=min(sub_size, max(heading.pixel_size * 0.8, self.min_text)),
            bold=False,
            colour=sub_colour or self.theme.accent,
            centre=centre,
        )

    # --- kinds ------------------------------------------------------------------------------

    def _two_lines(self, painter: QPainter, rect: QRectF, content: GraphicContent) -> None:
        self._plate(painter, rect)
        bar = self._accent_bar(painter, rect)
        pad = self.px(20)
        inner = rect.adjusted(bar + pad, pad * 0.6, -pad, -pad * 0.6)
        if self.logo is not None and content.kind is OverlayKind.LOWER_THIRD:
            # The brand's logo, as tall as the text block, before the name.
            side = inner.height()
            logo = self.logo.scaled(
                int(side),
                int(side),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(QPointF(inner.left(), inner.top() + (side - logo.height()) / 2), logo)
            inner = inner.adjusted(logo.width() + pad, 0, 0, 0)
        self._stack(painter, inner, content, centre=False)

    def _centred(self, painter: QPainter, rect: QRectF, content: GraphicContent) -> None:
        self._plate(painter, rect)
        bar = self._accent_bar(painter, rect)
        pad = self.px(16)
        self._stack(painter, rect.adjusted(bar + pad, pad * 0.5, -pad, -pad * 0.5), content, True)

    def _milestone(self, painter: QPainter, rect: QRectF, content: GraphicContent) -> None:
        # Opaque: it flashes over whatever is in its place (the flash-sale clock) for its
        # few seconds, and nothing may show through it.
        self._plate(painter, rect, self.theme.primary, opaque=True)
        edge = QColor(self.theme.accent)
        pen_width = max(self.px(4), 2.0)
        painter.setPen(edge)
        radius = min(self.px(self.theme.radius), rect.height() / 2)
        inset = rect.adjusted(pen_width, pen_width, -pen_width, -pen_width)
        painter.drawRoundedRect(inset, radius, radius)
        pad = self.px(18)
        self._stack(painter, rect.adjusted(pad, pad * 0.5, -pad, -pad * 0.5), content, True)

    def _flash_sale(self, painter: QPainter, rect: QRectF, content: GraphicContent) -> None:
        """The sale's clock on the brand's colour, the stock left under it in gold."""
        theme = self.theme
        self._plate(painter, rect, theme.primary)
        pad = self.px(16)
        # The stock line in gold where gold reads on the brand's colour, else in the text's.
        behind = blend(theme.primary, theme.plate_opacity, theme.backdrop)
        stock = max((theme.accent, theme.text), key=lambda colour: contrast_ratio(colour, behind))
        inner = rect.adjusted(pad, pad * 0.4, -pad, -pad * 0.4)
        self._stack(painter, inner, content, True, sub_colour=stock)

    def _product_card(self, painter: QPainter, rect: QRectF, content: GraphicContent) -> None:
        self._plate(painter, rect)
        bar = self._accent_bar(painter, rect)
        pad = self.px(22)
        inner = rect.adjusted(bar + pad, pad, -pad, -pad)
        if inner.width() > inner.height() * 1.3:
            self._wide_product_card(painter, inner, content, pad)
            return
        top = inner.top()
        text_height = inner.height() * (0.26 if content.qr else 0.42)
        heading_height = text_height * (0.62 if content.sub else 1.0)
        self._text(
            painter,
            QRectF(inner.left(), top, inner.width(), heading_height),
            content.heading,
            largest=self.px(44),
            bold=True,
            colour=self.theme.text,
        )
        if content.sub:
            self._text(
                painter,
                QRectF(
                    inner.left(), top + heading_height, inner.width(), text_height - heading_height
                ),
                content.sub,
                largest=self.px(32),
                bold=False,
                colour=self.theme.accent,
            )
        top += text_height + pad * 0.4
        if content.badge:
            badge_height = max(self.px(64), self.min_text * 1.6)
            self._badge(
                painter, QRectF(inner.left(), top, inner.width(), badge_height), content.badge, pad
            )
            top += badge_height + pad * 0.6
        cta_height = max(self.px(56), self.min_text * 1.5) if content.cta else 0.0
        # The voucher's terms: the last line, at the smallest readable size (never left out:
        # they are part of the offer).
        terms_height = 0.0
        if content.terms:  # as many lines as they need, up to four
            most = self.min_text * 1.3 * 4
            needed = fit_text(
                without_bidi_controls(content.terms),
                self.family,
                False,
                inner.width(),
                most,
                self.min_text,
                self.min_text,
            )
            terms_height = min(len(needed.lines) * needed.line_height + 2, most)
            self._text(
                painter,
                QRectF(inner.left(), inner.bottom() - terms_height, inner.width(), terms_height),
                content.terms,
                largest=self.min_text,
                bold=False,
                colour=self.theme.text,
                centre=True,
            )
        if content.qr:
            room = inner.bottom() - top - cta_height - terms_height - pad * 0.3
            side = max(min(inner.width(), room), 0.0)
            self._qr(
                painter,
                QRectF(inner.left() + (inner.width() - side) / 2, top, side, side),
                content.qr,
            )
            top += side + pad * 0.3
            if not self.qr_module:
                content = msgspec.structs.replace(
                    content, cta=""
                )  # "scan here" with nothing to scan: never
        # The call to action where it fits above the terms; where it does not (a narrow 9:16
        # card), the code speaks for itself and the terms, part of the offer, stay.
        if content.cta and top + cta_height <= inner.bottom() - terms_height + 1:
            self._text(
                painter,
                QRectF(inner.left(), top, inner.width(), cta_height),
                content.cta,
                largest=cta_height * 0.75,
                bold=True,
                colour=self.theme.accent,
                centre=True,
            )

    def _wide_product_card(
        self, painter: QPainter, inner: QRectF, content: GraphicContent, pad: float
    ) -> None:
        """A wide card (9:16's band under the presenter): the offer's terms across the
        bottom, the code on the right above them, and beside it the product (up to two lines)
        over its voucher and the voucher's value — side by side when they fit."""
        theme, gap = self.theme, pad * 0.4
        # The code no smaller than scans (6 px modules per 1080 lines); the terms across the
        # whole card under it where that leaves the code room, else beside it, under the text.
        needed = 0.0
        if content.qr:
            with contextlib.suppress(ValueError):  # too long for a code: _qr says so
                modules = len(_qr_matrix(content.qr)) + 4
                needed = modules * math.ceil(MIN_QR_MODULE_PX_AT_1080 * self.scale)
        terms_width = inner.width()
        terms_height = self._terms_height(content.terms, terms_width)
        if content.qr and inner.height() - terms_height - gap < needed:
            terms_width = inner.width() - min(needed, inner.height()) - pad
            terms_height = self._terms_height(content.terms, terms_width)
        if content.terms:  # part of the offer: never left out, at the smallest size
            self._text(
                painter,
                QRectF(inner.left(), inner.bottom() - terms_height, terms_width, terms_height),
                content.terms,
                largest=self.min_text,
                bold=False,
                colour=theme.text,
                centre=True,
            )
            terms_height += gap
        column = QRectF(inner.left(), inner.top(), inner.width(), inner.height())
        if content.qr:
            across = terms_width == inner.width()
            side = inner.height() - terms_height if across else min(needed, inner.height())
            self._qr(painter, QRectF(column.right() - side, column.top(), side, side), content.qr)
            if self.qr_module:
                column.setRight(column.right() - side - pad)
        column.setBottom(inner.bottom() - terms_height)
        sub_size = max(math.floor(self.px(32)), self.min_text)
        sub_line = QFontMetricsF(_font(self.family, sub_size, False)).lineSpacing()
        badge_height = max(self.px(64), self.min_text * 1.6) if content.badge else 0.0
        badge_size = max(math.floor(badge_height * 0.62), self.min_text)
        badge_width = (
            QFontMetricsF(_font(self.family, badge_size, True)).horizontalAdvance(content.badge)
            + pad * 1.5
        )
        sub_width = QFontMetricsF(_font(self.family, sub_size, False)).horizontalAdvance(
            content.sub
        )
        side_by_side = bool(content.sub and content.badge) and (
            sub_width + pad + badge_width <= column.width()
        )
        if side_by_side:
            offer_height = max(sub_line, badge_height)
        else:
            offer_height = (sub_line if content.sub else 0.0) + badge_height
            offer_height += gap if content.sub and content.badge else 0.0
        heading = fit_text(
            without_bidi_controls(content.heading),
            self.family,
            True,
            column.width(),
            max(column.height() - offer_height - gap, self.min_text * 1.5),
            max(math.floor(self.px(44)), self.min_text),
            self.min_text,
        )
        heading_height = len(heading.lines) * heading.line_height
        block = heading_height + (gap + offer_height if offer_height else 0.0)
        top = column.top() + max((column.height() - block) / 2, 0.0)
        self._text(
            painter,
            QRectF(column.left(), top, column.width(), heading_height),
            content.heading,
            largest=self.px(44),
            bold=True,
            colour=theme.text,
        )
        top += heading_height + gap
        if content.sub:
            sub_rect = QRectF(
                column.left(),
                top + (max(offer_height, sub_line) - sub_line) / 2 if side_by_side else top,
                column.width() - (badge_width + pad if side_by_side else 0.0),
                sub_line,
            )
            self._text(
                painter,
                sub_rect,
                content.sub,
                largest=sub_size,
                bold=False,
                colour=theme.accent,
            )
            if not side_by_side:
                top += sub_line + gap
        if content.badge:
            left = column.right() - badge_width if side_by_side else column.left()
            width = badge_width if side_by_side else column.width()
            self._badge(painter, QRectF(left, top, width, badge_height), content.badge, pad)

    def _terms_height(self, terms: str, width: float) -> float:
        """The voucher terms' height at the smallest size in ``width`` (up to four lines)."""
        if not terms:
            return 0.0
        needed = fit_text(
            without_bidi_controls(terms),
            self.family,
            False,
            width,
            self.min_text * 1.5 * 4,
            self.min_text,
            self.min_text,
        )
        return len(needed.lines) * needed.line_height

    def _badge(self, painter: QPainter, badge: QRectF, text: str, pad: float) -> None:
        """The voucher's value on the brand's colour."""
        path = QPainterPath()
        corner = min(self.px(self.theme.radius), badge.height() / 2)
        path.addRoundedRect(badge, corner, corner)
        painter.fillPath(path, QColor(self.theme.primary))
        self._text(
            painter,
            badge.adjusted(pad * 0.5, 0, -pad * 0.5, 0),
            text,
            largest=badge.height() * 0.62,
            bold=True,
            colour=self.theme.text,
            centre=True,
        )

    def _qr(self, painter: QPainter, rect: QRectF, url: str) -> None:
        """The code drawn module by module on white, with a two-module quiet zone (nothing,
        and ``qr_problem`` says why, when the link does not fit a code or the room)."""
        self.qr_wanted = True
        try:
            matrix = _qr_matrix(url)
        except ValueError as error:  # segno's DataOverflowError: past a QR code's capacity
            self.qr_problem = f"the purchase link ({len(url):,} characters) does not fit a QR code"
            log.debug("QR not drawn: %s", error)
            return
        count = len(matrix)
        border = 2
        module = math.floor(rect.width() / (count + 2 * border))
        if module <= 0:
            self.qr_problem = (
                f"the purchase link ({len(url):,} characters) needs a {count}-module QR code, "
                "which has no room on this card"
            )
            return
        self.qr_module = module
        side = module * (count + 2 * border)
        left = round(rect.left() + (rect.width() - side) / 2)
        top = round(rect.top())
        white = QPainterPath()
        corner = min(self.px(8), side / 10)
        white.addRoundedRect(QRectF(left, top, side, side), corner, corner)
        painter.fillPath(white, QColor("#FFFFFF"))
        # One pixel per module, scaled by a whole number without smoothing: sharp modules.
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(
            QRectF(left + border * module, top + border * module, count * module, count * module),
            _qr_image(url),
        )
        painter.restore()

    qr_module: int = 0
    qr_wanted = False  # the graphic has a purchase link to draw as a code
    qr_problem: str | None = None

    @property
    def qr_module_at_1080(self) -> float:
        return self.qr_module / self.scale

    def qr_problems(self) -> list[str]:
        """Why the code would not scan from a phone at a viewer's distance, if it would not."""
        if not self.qr_wanted:
            return []
        if self.qr_problem:
            return [f"{self.qr_problem}: use a short link"]
        if self.qr_module_at_1080 < MIN_QR_MODULE_PX_AT_1080:
            return [
                f"its QR code would be drawn with {self.qr_module_at_1080:.1f} px modules at "
                f"1080 lines (at least {MIN_QR_MODULE_PX_AT_1080} scan reliably): use a short link"
            ]
        return []


MAX_LOGO_SIDE = 1024  # a logo is drawn a few hundred pixels tall: scaled to this once, on load
MAX_LOGO_PIXELS = 100_000_000  # larger ones are not decoded at all (gigabytes, seconds)


def load_logo(path: Path) -> tuple[QImage | None, str | None]:
    """The logo, scaled once to at most MAX_LOGO_SIDE (so no render pays for its size); or
    None and what is wrong with it ("is 20,000×20,000 pixels…")."""
    reader = QImageReader(str(path))
    size = reader.size()
    if not size.isValid():
        return None, f"cannot be read ({reader.errorString()})"
    width, height = size.width(), size.height()
    if width * height > MAX_LOGO_PIXELS:
        return None, (
            f"is {width:,}×{height:,} pixels; use one of at most {MAX_LOGO_SIDE} pixels a side"
        )
    # Decoded once at full size before scaling (PNG has no scaled decoding): allow it that.
    QImageReader.setAllocationLimit(max(QImageReader.allocationLimit(), 4 * MAX_LOGO_PIXELS >> 20))
    if max(width, height) > MAX_LOGO_SIDE:
        reader.setScaledSize(
            size.scaled(MAX_LOGO_SIDE, MAX_LOGO_SIDE, Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        return None, f"cannot be read ({reader.errorString()})"
    return image, None


class QtGraphicRenderer:
    """The engine's GraphicRenderer: draws with Qt and writes PNGs for OBS image sources.

    Each update is a new file (numbered), so OBS sees a new path and reloads it; a file is
    written whole, then renamed into place; the ones before the last few are deleted.
    """

    KEEP = 3  # files kept per source: OBS may still be reading the one before the last

    def __init__(self, out_dir: Path, base_dir: Path) -> None:
        self.out_dir = out_dir
        self.base_dir = base_dir
        # Every drawing on one thread of its own: Qt keeps its font engines (each with the
        # font file mapped and its glyph caches) per thread, so drawing on any thread of a
        # pool grew the console's memory for an hour as more of the pool's threads drew.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphics")
        self._lock = threading.Lock()
        self._sequence: dict[str, int] = {}
        # Each file written → its heading (the last 10,000: for checks and the bench).
        self.headings: dict[str, str] = {}
        self._families: dict[str, str] = {}
        self._logos: dict[str, QImage | None] = {}
        self.min_qr_module_px = MIN_QR_MODULE_PX_AT_1080

    def prepare(self, theme: Theme) -> None:
        """Load the theme's font and logo on the loop's thread, before any render uses them."""
        if theme.font not in self._families:
            self._families[theme.font] = theme_family(theme.font, self.base_dir)
        if theme.logo and theme.logo not in self._logos:
            logo, problem = load_logo(self.base_dir / theme.logo)
            if problem is not None:
                log.warning("the theme's logo %s is not drawn: it %s", theme.logo, problem)
            self._logos[theme.logo] = logo

    def family(self, theme: Theme) -> str:
        self.prepare(theme)
        return self._families[theme.font]

    def draw(
        self,
        content: GraphicContent,
        theme: Theme,
        canvas: tuple[int, int],
        box: Box,
        *,
        with_text: bool = True,
    ) -> tuple[QImage, GraphicPainter]:
        _x, _y, width, height = box.pixels(canvas)
        painter = GraphicPainter(
            theme, canvas, self.family(theme), self._logos.get(theme.logo) if theme.logo else None
        )
        painter.draws_text = with_text
        return painter.image(content, (width, height)), painter

    def problems(
        self, content: GraphicContent, theme: Theme, canvas: tuple[int, int], box: Box
    ) -> list[str]:
        """What would make this graphic fail on air (a code that would not scan)."""
        _image, drawn = self.draw(content, theme, canvas, box)
        return drawn.qr_problems()

    def render(
        self, name: str, content: GraphicContent, theme: Theme, canvas: tuple[int, int], box: Box
    ) -> Path:
        image, _painter = self.draw(content, theme, canvas, box)
        return self._write(name, image, content.heading)

    def slate(self, words: str, title: str, theme: Theme, canvas: tuple[int, int]) -> Path:
        """SAFE's standby picture for this canvas, written as a file for OBS."""
        painter = GraphicPainter(
            theme, canvas, self.family(theme), self._logos.get(theme.logo) if theme.logo else None
        )
        return self._write("standby-slate", painter.slate(words, title, canvas), words)

    def _write(self, name: str, image: QImage, heading: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
        with self._lock:
            number = self._sequence.get(safe, 0) + 1
            self._sequence[safe] = number
        self.out_dir.mkdir(parents=True, exist_ok=True)
        target = self.out_dir / f"{safe}-{number}.png"
        partial = target.with_name(f".{target.name}.{threading.get_ident()}")
        partial.write_bytes(png_bytes(image))
        os.replace(partial, target)
        with self._lock:
            self.headings[str(target)] = heading
            while len(self.headings) > 10_000:  # bounded: the oldest go first
                del self.headings[next(iter(self.headings))]
        if number > self.KEEP:
            with contextlib.suppress(OSError):
                (self.out_dir / f"{safe}-{number - self.KEEP}.png").unlink()
        return target
