"""The per-minute chart painted with QPainter: on the console's widget, and into SVG for the
report (Qt's own QSvgGenerator: no chart library to ship, the same picture both places)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator

if TYPE_CHECKING:
    from hostconsole.domain.chart import ChartPicture

# Dark, as on the console.
CONSOLE_COLOURS = {
    "background": "#1c262b",
    "bar": "#4fc3f7",
    "current": "#ffca28",
    "now": "#ffca28",
    "band0": "#263238",
    "band1": "#2f3d45",
    "axis": "#90a4ae",
    "milestone": "#ef5350",
    "tick": "#cfd8dc",
    "band": "#b0bec5",
    "peak": "#cfd8dc",
}
# Light, for paper.
PRINT_COLOURS = {
    "background": "#ffffff",
    "bar": "#1565c0",
    "current": "#1565c0",
    "now": "#ffffff",
    "band0": "#eef3f8",
    "band1": "#dde6ef",
    "axis": "#546e7a",
    "milestone": "#d7263d",
    "tick": "#37474f",
    "band": "#37474f",
    "peak": "#37474f",
}


def paint_chart(
    painter: QPainter, picture: ChartPicture, colours: dict[str, str], font_px: float
) -> None:
    painter.fillRect(QRectF(0, 0, picture.width, picture.height), QColor(colours["background"]))
    font = painter.font()
    font.setPixelSize(max(int(font_px), 6))
    painter.setFont(font)
    for shape in picture.shapes:
        painter.fillRect(
            QRectF(shape.x, shape.y, shape.width, shape.height),
            QColor(colours.get(shape.role, "#000000")),
        )
    metrics = painter.fontMetrics()
    for label in picture.labels:
        painter.setPen(QColor(colours.get(label.role, "#000000")))
        width = metrics.horizontalAdvance(label.text)
        shift = width / 2 if label.anchor == "middle" else width if label.anchor == "end" else 0
        if label.role in ("peak", "milestone"):
            # Drawn over the bars: on the chart's own background, so it reads on any bar.
            painter.fillRect(
                QRectF(
                    label.x - shift - 2,
                    label.y - metrics.ascent() - 1,
                    width + 4,
                    metrics.height() + 2,
                ),
                QColor(colours["background"]),
            )
        painter.drawText(QPointF(label.x - shift, label.y), label.text)


def chart_svg(picture: ChartPicture, colours: dict[str, str], font_px: float, title: str) -> str:
    """The chart as an inline SVG element (scales with the page)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(picture.width), round(picture.height)))
    generator.setViewBox(QRectF(0, 0, picture.width, picture.height))
    generator.setTitle(title)
    painter = QPainter(generator)
    paint_chart(painter, picture, colours, font_px)
    painter.end()
    buffer.close()
    svg = bytes(data.data()).decode("utf-8")
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    # Scales with the page: the view box stays, the fixed size goes.
    return svg.replace(
        f'width="{round(picture.width)}" height="{round(picture.height)}"',
        'width="100%" preserveAspectRatio="xMidYMid meet"',
        1,
    ).replace(
        f'width="{round(picture.width)}mm" height="{round(picture.height)}mm"',
        'width="100%" preserveAspectRatio="xMidYMid meet"',
        1,
    )
