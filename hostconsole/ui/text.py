"""Labels that show text as text: a viewer's question, a message or a show's notes can hold
HTML (an <img> of a local file, a width that resizes the window), never rendered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class TextLabel(QLabel):
    """A QLabel in plain-text mode (Qt's default, AutoText, renders anything that looks
    like HTML)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)
