"""Draw the app icon (PNG and Windows ICO) with Qt, so no image tool is needed to rebuild it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

HERE = Path(__file__).resolve().parent / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#c62828"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(QRectF(size * 0.12, size * 0.12, size * 0.22, size * 0.22))  # on-air light
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.42))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, size * 0.28, size, size * 0.62), Qt.AlignmentFlag.AlignCenter, "GO")
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    HERE.mkdir(parents=True, exist_ok=True)
    if not draw(256).save(str(HERE / "hostconsole.png")):
        return 1
    if not draw(256).save(str(HERE / "hostconsole.ico"), b"ICO"):
        print("warning: this Qt cannot write ICO", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
