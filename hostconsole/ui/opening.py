"""Before the show loop runs: which show to open (the command line, the last one, or the
producer's choice of the demo or a file), and what to do when another console holds it.

Its dialogs are modal and run before the asyncio loop starts, never inside a coroutine (a
nested Qt event loop there would stall every task)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from hostconsole.adapters.storage.showfile import ShowDocument, ShowFileError
from hostconsole.resources import demo_show_path

if TYPE_CHECKING:
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showlock import ShowLockedError

log = logging.getLogger("hostconsole")


def _open_show(path: Path) -> ShowDocument:
    return ShowDocument.open(path)


def choose_show(
    *, demo: bool, show_file: str | None, screenshot: bool, settings: Settings
) -> ShowDocument | None:
    """The show from the command line, else the last one, else (asking) the demo.

    Called before the asyncio loop runs (its dialogs are modal, and a nested Qt event loop
    inside a coroutine would stall every task).
    """
    candidates: list[Path] = []
    if demo or screenshot:
        candidates.append(demo_show_path())
    elif show_file:
        candidates.append(Path(show_file))
    elif settings.last_show and Path(settings.last_show).is_file():
        candidates.append(Path(settings.last_show))
    for path in candidates:
        try:
            return _open_show(path)
        except ShowFileError as error:
            log.error("cannot open %s:\n%s", path, error)
            if screenshot or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
                return None
            QMessageBox.critical(
                None,
                QCoreApplication.translate("Application", "The show file has problems"),
                str(error),
            )
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return _open_show(demo_show_path())
    box = QMessageBox()
    box.setWindowTitle(QCoreApplication.translate("Application", "Host Console"))
    box.setText(QCoreApplication.translate("Application", "No show is open."))
    demo_button = box.addButton(
        QCoreApplication.translate("Application", "Open the demo show"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    other = box.addButton(
        QCoreApplication.translate("Application", "Open a show file…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is demo_button:
        return _open_show(demo_show_path())
    if box.clickedButton() is other:
        name, _ = QFileDialog.getOpenFileName(None, "", "", "Show (*.yaml *.yml)")
        if name:
            try:
                return _open_show(Path(name))
            except ShowFileError as error:
                QMessageBox.critical(
                    None,
                    QCoreApplication.translate("Application", "The show file has problems"),
                    str(error),
                )
    return None


def ask_read_only(locked: ShowLockedError) -> str:
    """Another console holds the show: open it read-only, or quit (the producer's choice)."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("App", "Show already open"))
    box.setText(
        QCoreApplication.translate(
            "App",
            "This show is open in another Host Console (%1). One console runs a show; "
            "this one can open it read-only.",
        ).replace("%1", locked.holder.describe())
    )
    read_only = box.addButton(
        QCoreApplication.translate("App", "Open read-only"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()  # before the asyncio loop runs (prepare), never inside a coroutine
    return "read-only" if box.clickedButton() is read_only else "quit"
