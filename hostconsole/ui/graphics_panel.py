"""The producer's graphics panel: every graphic with its on-air tally read from OBS, a live
thumbnail from the renderer, take and clear buttons, clear-all, and the next cue's graphics
previewed before GO."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.overlays import overlay_box
from hostconsole.domain.show import OverlayKind
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.services.overlays import graphic_content
from hostconsole.ui.text import TextLabel

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hostconsole.domain.show import Overlay
    from hostconsole.services.show import ShowSession

THUMB_WIDTH = 150
THUMB_HEIGHT = 90


def overlay_name(overlay: Overlay, among: Sequence[Overlay] = ()) -> str:
    """What the producer calls a graphic: its kind, in the console's language — with its id
    from the show file where the kind alone does not say which (a text, or two of a kind
    ``among`` the show's graphics)."""
    kind = _kind_name(overlay)
    alike = sum(1 for other in among if other.kind is overlay.kind)
    if overlay.kind is OverlayKind.TEXT or alike > 1:
        return f"{kind} “{overlay.id}”"
    return kind


def _kind_name(overlay: Overlay) -> str:
    names = {
        OverlayKind.LOWER_THIRD: QCoreApplication.translate("Overlay", "Lower third"),
        OverlayKind.COUNTER: QCoreApplication.translate("Overlay", "Voucher counter"),
        OverlayKind.PRODUCT_CARD: QCoreApplication.translate("Overlay", "Product card"),
        OverlayKind.CAPTION: QCoreApplication.translate("Overlay", "Caption"),
        OverlayKind.MILESTONE: QCoreApplication.translate("Overlay", "Milestone card"),
        OverlayKind.TEXT: QCoreApplication.translate("Overlay", "Text"),
        OverlayKind.TITLE: QCoreApplication.translate("Overlay", "Title"),
        OverlayKind.FLASH_SALE: QCoreApplication.translate("Overlay", "Flash-sale clock"),
        OverlayKind.QUESTION: QCoreApplication.translate("Overlay", "Question card"),
    }
    return names.get(overlay.kind, overlay.id)


class GraphicsPanel(QGroupBox):
    def __init__(self, session: ShowSession, command: Callable[..., Any]) -> None:
        super().__init__()
        self.session = session
        self._command = command
        self.setTitle(self.tr("Graphics"))
        self.setObjectName("graphicsPanel")
        layout = QVBoxLayout(self)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}  # overlay id → (thumbnail, tally)
        self.tally: dict[str, bool | None] = {}
        for row, overlay in enumerate(session.show.overlays):
            self._add_row(row, overlay)
        clear = QPushButton(self.tr("Clear all graphics"))
        clear.setObjectName("clearAllGraphics")
        clear.clicked.connect(lambda: self._command("clear-graphics"))
        layout.addWidget(clear)
        self.next_label = TextLabel()
        self.next_label.setObjectName("nextCueGraphicsTitle")
        layout.addWidget(self.next_label)
        self.next_row = QHBoxLayout()
        self.next_thumbs = QWidget()
        self.next_thumbs.setLayout(self.next_row)
        layout.addWidget(self.next_thumbs)
        layout.addStretch(1)
        self._reading: Any = None
        self._thumbnails: dict[object, QPixmap] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.read_tally)
        self._timer.start()

    def _add_row(self, row: int, overlay: Overlay) -> None:
        thumb = TextLabel()
        thumb.setObjectName(f"thumb_{overlay.id}")
        thumb.setFixedWidth(THUMB_WIDTH)
        tally = TextLabel()
        tally.setObjectName(f"tally_{overlay.id}")
        tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
        take = QPushButton(self.tr("Take"))
        take.setObjectName(f"take_{overlay.id}")
        clear = QPushButton(self.tr("Clear"))
        clear.setObjectName(f"clear_{overlay.id}")
        take.clicked.connect(lambda: self._command("overlay", overlay=overlay.id, visible=True))
        clear.clicked.connect(lambda: self._command("overlay", overlay=overlay.id, visible=False))
        self.grid.addWidget(thumb, row, 0)
        name = TextLabel(f"{_kind_name(overlay)}\n{overlay.id}")
        name.setObjectName(f"name_{overlay.id}")
        self.grid.addWidget(name, row, 1)
        self.grid.addWidget(tally, row, 2)
        self.grid.addWidget(take, row, 3)
        self.grid.addWidget(clear, row, 4)
        self.rows[overlay.id] = (thumb, tally)

    # --- tally (read from OBS) -----------------------------------------------------------

    def read_tally(self) -> None:
        """An idempotent refresh, only while the panel is on screen; a read still running is
        not doubled. Qt's timer may fire when the asyncio loop is not running (at shutdown):
        then it waits for the next tick."""
        if not self.isVisible() or (self._reading is not None and not self._reading.done()):
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self._reading = self.session.spawn(self._read(), "graphics-tally")

    async def _read(self) -> None:
        with contextlib.suppress(ObsError):
            self.tally = await self.session.graphics_tally()
            self._show_tally()

    def _show_tally(self) -> None:
        for overlay_id, (_thumb, label) in self.rows.items():
            state = self.tally.get(overlay_id)
            if state is True:
                label.setText(self.tr("ON AIR"))
                label.setStyleSheet("background: #c62828; color: white; padding: 2px 6px;")
            elif state is False:
                label.setText(self.tr("off"))
                label.setStyleSheet("color: #616161;")
            else:  # OBS is away, or the graphic is not in the scene: not known, not "off"
                label.setText(self.tr("unknown"))
                label.setStyleSheet("color: #616161; background: #e0e0e0; padding: 2px 6px;")

    # --- thumbnails ------------------------------------------------------------------------

    def _thumbnail(self, overlay: Overlay, segment_index: int | None = None) -> QPixmap | None:
        renderer = self.session.renderer
        if not isinstance(renderer, QtGraphicRenderer):
            return None
        segment = (
            self.session.current_segment()
            if segment_index is None
            else self.session.show.segments[segment_index]
        )
        context = self.session.overlay_context(segment)
        content = graphic_content(context, overlay)
        # Drawn on the Qt (and asyncio) thread: only a graphic whose words, theme or canvas
        # changed is drawn again; the counter's thumbnail is the usual one.
        key = (overlay.id, content, context.show.theme, context.canvas)
        cached = self._thumbnails.get(key)
        if cached is not None:
            return cached
        box = overlay_box(overlay, context.canvas)
        image, _painter = renderer.draw(content, context.show.theme, context.canvas, box)
        pixmap = QPixmap.fromImage(
            image.scaled(
                THUMB_WIDTH,
                THUMB_HEIGHT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        if len(self._thumbnails) > 64:
            self._thumbnails.clear()
        self._thumbnails[key] = pixmap
        return pixmap

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()
        self.read_tally()

    def refresh(self) -> None:
        """Thumbnails of what each graphic would show now, and of the next cue's graphics
        (drawn only while the panel is on screen)."""
        if not self.isVisible():
            return
        for overlay in self.session.show.overlays:
            row = self.rows.get(overlay.id)
            pixmap = self._thumbnail(overlay)
            if row is not None and pixmap is not None:
                row[0].setPixmap(pixmap)
        while self.next_row.count():
            item = self.next_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        upcoming = self.session.next_segment()
        if upcoming is None:
            self.next_label.setText(self.tr("Next cue: no more segments"))
            return
        index = [s.id for s in self.session.show.segments].index(upcoming.id)
        overlays = {o.id: o for o in self.session.show.overlays}
        shown = [overlays[i] for i in upcoming.show_overlays if i in overlays]
        self.next_label.setText(
            self.tr("Next cue (“%1”) puts on air:").replace("%1", upcoming.title)
            if shown
            else self.tr("Next cue (“%1”) puts no graphic on air").replace("%1", upcoming.title)
        )
        for overlay in shown:
            pixmap = self._thumbnail(overlay, index)
            if pixmap is not None:
                label = TextLabel()
                label.setObjectName(f"next_{overlay.id}")
                label.setPixmap(pixmap)
                self.next_row.addWidget(label)
        self.next_row.addStretch(1)
