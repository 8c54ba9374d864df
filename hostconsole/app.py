"""The application: the one place where Qt, the asyncio loop (qasync) and the parts are wired.

QApplication is created first, then the qasync loop; ``main_async`` opens the show, starts the
session (OBS, feeds, ledger) and the windows, and waits for a quit request — the console's
close button, Ctrl+Q, SIGINT or SIGTERM — then shuts everything down in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import logging.handlers
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import msgspec

from hostconsole.adapters.secrets import SecretsUnavailableError, redactor, set_secret
from hostconsole.adapters.storage.settings import (
    Settings,
    data_dir,
    load_settings,
    save_settings,
)
from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from hostconsole.adapters.storage.showfile import ShowDocument

log = logging.getLogger("hostconsole")


class AppOptions(msgspec.Struct):
    show_file: str | None = None
    demo: bool = False
    obs: str | None = None  # ws://HOST:PORT for this run
    no_obs: bool = False
    screenshot: str | None = None
    resume: str = "ask"  # ask | yes | no
    sales_stream: str | None = None
    hub: str | None = None
    sales_poll: str | None = None
    control_port: int | None = None
    control_host: str | None = None
    rehearsal: bool = False
    if_locked: str = "ask"  # ask | read-only | quit: when another console runs this show


def _interactive() -> bool:
    """Whether a person can answer a question box (not offscreen, not a test run)."""
    return os.environ.get("QT_QPA_PLATFORM") not in ("offscreen", "minimal")


def _needs_offscreen() -> bool:
    """True on a Linux box with no display (Windows and macOS always have one)."""
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    linux = sys.platform.startswith("linux")
    return not os.environ.get("QT_QPA_PLATFORM") and linux and not has_display


def _apply_overrides(settings: Settings, options: AppOptions) -> None:
    if options.obs:
        parsed = urlparse(options.obs if "://" in options.obs else f"ws://{options.obs}")
        settings.obs_host = parsed.hostname or settings.obs_host
        settings.obs_port = parsed.port or settings.obs_port
    if options.sales_stream:
        settings.stream_url = options.sales_stream
        settings.feed_kind = "both" if (options.sales_poll or settings.poll_url) else "stream"
    if options.sales_poll:
        settings.poll_url = options.sales_poll
        if not options.sales_stream:
            settings.feed_kind = "poll"
    if options.hub:
        settings.hub_url = options.hub
    if options.control_port is not None:
        settings.control_port = options.control_port
    if options.control_host is not None:
        settings.control_host = options.control_host


class Application:
    """Owns the session, the windows and the quit sequence."""

    def __init__(self, options: AppOptions) -> None:
        from PySide6.QtWidgets import QApplication

        self.options = options
        existing = QApplication.instance()
        self.qt: QApplication = (
            existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        )
        self.qt.setApplicationName("Host Console")
        self.qt.setOrganizationName("hostconsole")
        self.qt.setQuitOnLastWindowClosed(False)
        from hostconsole.ui.logpanel import install_logging

        self.panel_handler = install_logging()
        self.settings, problem = load_settings()
        self.settings_problem = problem
        self.show_lock: Any = None  # the show folder's lock, taken in prepare()
        self.read_only_reason = ""  # set when another console holds the show
        if problem:
            log.warning("%s", problem)
        _apply_overrides(self.settings, options)
        if options.screenshot:
            # The screenshot tour sells from a fake feed: a rehearsal, never the live ledger.
            options.rehearsal = True
        self.quit_event = asyncio.Event()
        self.document: ShowDocument | None = None
        self.offer_afresh = False
        self.data_folder: Path | None = None
        self._switching: asyncio.Task[None] | None = None
        self.session: Any = None
        self.console: Any = None
        self._first_paint: object | None = None  # watches for the console's first paint: up
        self.presenter: Any = None
        self.control: Any = None
        self.exit_code = 0

    def request_quit(self) -> None:
        self.quit_event.set()

    # --- windows ----------------------------------------------------------------------------

    def build_windows(self) -> None:
        from hostconsole.ui.console import ProducerConsole
        from hostconsole.ui.presenter import PresenterView

        for window in (self.console, self.presenter):
            if window is not None:
                window.detach()  # its session listener goes with it
                window.hide()
                window.deleteLater()
        self.console = ProducerConsole(self.session, self.panel_handler)
        if self.settings_problem:
            self.console.problems.notes["settings"] = self.settings_problem
        if self.read_only_reason:
            self.console.problems.notes["read-only"] = self.qt.translate(
                "App", "Read-only: %1. Nothing can be changed from this console."
            ).replace("%1", self.read_only_reason)
        if self.session.resumed and self.offer_afresh:
            self.console.offer_afresh()
        self.console.quit_requested.connect(self.request_quit)
        self.console.settings_requested.connect(self.edit_settings)
        self.console.presenter_requested.connect(self.show_presenter)
        self.console.rehearsal_requested.connect(self.switch_rehearsal)
        self.presenter = PresenterView(self.session, mirrored=self.settings.presenter_mirror)

    def show_windows(self) -> None:
        self.console.show()
        self.show_presenter()

    def show_presenter(self) -> None:
        from PySide6.QtGui import QGuiApplication

        screens = QGuiApplication.screens()
        number = self.settings.presenter_screen
        if 0 <= number < len(screens) and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            self.presenter.setScreen(screens[number])
            self.presenter.setGeometry(screens[number].geometry())
            self.presenter.showFullScreen()
        else:
            self.presenter.resize(1280, 720)
            self.presenter.show()
        self.presenter.raise_()

    def set_language(self, choice: str) -> str:
        from hostconsole.ui.i18n import install_language

        language = install_language(choice)
        if self.session is not None:
            visible = self.console is not None and self.console.isVisible()
            self.build_windows()
            if visible:
                self.show_windows()
        return language

    def edit_settings(self) -> None:
        from PySide6.QtWidgets import QDialog

        from hostconsole.ui.settings_dialog import SettingsDialog

        before = msgspec.structs.replace(self.settings, shortcuts=dict(self.settings.shortcuts))
        dialog = SettingsDialog(self.settings, self.console)
        dialog.setObjectName("settingsDialog")
        # Opened, never exec()'d: a nested event loop would stall the asyncio side.
        dialog.finished.connect(
            lambda code: self._settings_done(dialog, before, code == QDialog.DialogCode.Accepted)
        )
        dialog.control_token_generated.connect(self._control_token_generated)
        self.settings_dialog = dialog
        dialog.open()

    def _control_token_generated(self, token: str) -> None:
        redactor.add(token)
        if self.control is not None:
            self.control.set_token(token)

    def _settings_done(self, dialog: Any, before: Settings, accepted: bool) -> None:
        from PySide6.QtCore import QCoreApplication

        from hostconsole.services.show.live_settings import apply_settings
        from hostconsole.ui.settings_dialog import setting_label

        dialog.deleteLater()
        if not accepted:
            return
        try:
            if dialog.new_obs_password():
                redactor.add(dialog.new_obs_password())
                set_secret("obs-password", dialog.new_obs_password() or "")
                if self.session.obs is not None:
                    self.session.obs.password_changed()
            if dialog.new_sales_token():
                redactor.add(dialog.new_sales_token())
                set_secret("sales-token", dialog.new_sales_token() or "")
                self.session.spawn(self.session.sales_token_changed(), "sales-token-changed")
            if dialog.new_hub_token():
                redactor.add(dialog.new_hub_token())
                set_secret("hub-token", dialog.new_hub_token() or "")
        except SecretsUnavailableError as error:
            self.console.statusBar().showMessage(str(error), 15_000)
            log.warning("%s", error)
        save_settings(self.settings)
        if self.settings.shortcuts != before.shortcuts:
            self.console.apply_shortcuts(self.settings.shortcuts)
        if self.settings.language != before.language:
            self.set_language(self.settings.language)
            self.show_windows()
        self.presenter.mirrored = self.settings.presenter_mirror
        self.presenter.update()
        later = apply_settings(self.session, before, self.settings)
        if later:
            names = ", ".join(setting_label(name) for name in later)
            self.console.statusBar().showMessage(
                QCoreApplication.translate(
                    "Application", "Saved. These apply when the show is next opened: %1"
                ).replace("%1", names),
                15_000,
            )
            log.info("%s", Said("log.settings-later", ", ".join(later)))

    # --- the run ----------------------------------------------------------------------------

    def prepare(self) -> bool:
        """Before the loop starts: fonts, language, and the show (whose dialogs may ask)."""
        from hostconsole.ui.style import apply_cjk_font

        face = apply_cjk_font(self.qt)
        if face is None:
            log.warning("%s", Said("log.no-cjk-font"))
        self.set_language(self.settings.language if not self.options.screenshot else "zh_CN")
        from hostconsole.ui.opening import choose_show

        self.document = choose_show(
            demo=self.options.demo,
            show_file=self.options.show_file,
            screenshot=bool(self.options.screenshot),
            settings=self.settings,
        )
        if self.document is None:
            return False
        if not self.options.screenshot and not self._lock_show(self.document):
            return False
        if not (self.options.demo or self.options.screenshot):
            self.remember_show(self.document)
        return True

    def _show_folder(self, document: ShowDocument, rehearsal: bool) -> Path:
        from hostconsole.services.show import show_key

        live = data_dir() / "shows" / show_key(document)
        return live / "rehearsal" if rehearsal else live

    def _lock_show(self, document: ShowDocument) -> bool:
        """One console per show: take the show folder's lock, or say who holds it and open
        read-only or quit (the producer's choice, asked here before the loop runs)."""
        from hostconsole.adapters.storage.showlock import ShowLock, ShowLockedError

        lock = ShowLock(self._show_folder(document, self.options.rehearsal))
        try:
            lock.acquire()
        except ShowLockedError as locked:
            log.warning("%s", locked)
            choice = self.options.if_locked
            if choice == "ask" and not _interactive():
                choice = "quit"
            if choice == "ask":
                from hostconsole.ui.opening import ask_read_only

                choice = ask_read_only(locked)
            if choice != "read-only":
                print(f"error: {locked}", file=sys.stderr)
                self.exit_code = 3
                return False
            self.read_only_reason = str(locked)
            return True
        except OSError as error:
            log.error("%s", Said("log.folder-not-locked", error))
            return True
        self.show_lock = lock
        return True

    async def main_async(self) -> int:
        # prepare() ran before the loop started (run() calls it): its dialogs are modal.
        document = self.document
        if document is None:
            return 2
        folder = data_dir()
        if self.options.screenshot:
            folder = Path(tempfile.mkdtemp(prefix="hostconsole-screenshot-"))
        feed_server = None
        if self.options.screenshot:
            from hostconsole.tour import start_rehearsal_feed

            feed_server = await start_rehearsal_feed(self)
        await self._open_session(document, folder)
        self._install_signal_handlers()
        self.build_windows()
        if self.settings.control_port and not self.read_only_reason:
            await self._start_control_api()
        self.show_windows()
        from hostconsole.ui.eventloop import FirstPaint

        # Up once its first paint has been processed (on screen, not only shown).
        self._first_paint = FirstPaint(self.console, self._console_up)
        try:
            if self.options.screenshot:
                from hostconsole.tour import photograph

                assert feed_server is not None
                await photograph(self, feed_server, Path(self.options.screenshot))
            else:
                await self.quit_event.wait()
        finally:
            await self.shutdown()
            if feed_server is not None:
                await feed_server.cleanup()
        return self.exit_code

    async def _open_session(self, document: ShowDocument, folder: Path) -> None:
        from hostconsole.graphics.render import QtGraphicRenderer
        from hostconsole.parts import StudioParts
        from hostconsole.services.show import ShowSession, show_key

        self.data_folder = folder
        lock, self.show_lock = self.show_lock, None
        show_dir = folder / "shows" / show_key(document)
        renderer = QtGraphicRenderer(
            show_dir / ("rehearsal" if self.options.rehearsal else "") / "graphics",
            Path(document.file).parent,  # the theme's font and logo sit beside the show
        )
        self.session = ShowSession(
            document,
            self.settings,
            folder,
            parts=StudioParts(obs_control=not self.options.no_obs),
            rehearsal=self.options.rehearsal,
            read_only=bool(self.read_only_reason),
            lock=lock,
            renderer=renderer,
        )
        resume = (
            None if self.read_only_reason else self._resume_decision(self.session.saved_state())
        )
        # Nothing waits for a person here: the control API, OBS and the feeds come up at once.
        await self.session.start(resume)

    def switch_rehearsal(self, rehearsal: bool) -> None:
        """The console's Rehearsal switch: reopen the show as a rehearsal or live."""
        self._switching = asyncio.get_running_loop().create_task(
            self._reopen(rehearsal), name="reopen-show"
        )

    async def _reopen(self, rehearsal: bool) -> None:
        from hostconsole.domain.clock import ClockState

        if rehearsal == self.session.rehearsal:
            return
        if self.session.clock.state is not ClockState.NOT_STARTED:
            # The show is running: switching would move its sales to another ledger.
            self.console.actions_by_name["rehearsal"].setChecked(self.session.rehearsal)
            log.warning("%s", Said("log.switch-refused"))
            return
        document = self.session.document
        assert self.data_folder is not None
        from hostconsole.adapters.storage.showlock import ShowLock, ShowLockedError

        target = ShowLock(self._show_folder(document, rehearsal))
        try:
            target.acquire()
        except ShowLockedError as locked:
            self.console.actions_by_name["rehearsal"].setChecked(self.session.rehearsal)
            log.warning("%s", locked)
            return
        self.show_lock = target
        if self.control is not None:
            await self.control.cleanup()
            self.control = None
        await self.session.close()
        self.options.rehearsal = rehearsal
        await self._open_session(document, self.data_folder)
        self.build_windows()
        self.show_windows()
        if self.settings.control_port:
            await self._start_control_api()
        log.info("%s", Said("log.open-rehearsal" if rehearsal else "log.open-live"))

    def remember_show(self, document: ShowDocument) -> None:
        self.settings.last_show = os.path.abspath(document.file)
        save_settings(self.settings)

    def _resume_decision(self, saved: dict[str, Any] | None) -> dict[str, Any] | None:
        """After a crash the show is live: resume unless told not to. With "ask" (the
        default) the console offers "Start the run sheet afresh" in a banner, blocking
        nothing; the ledger and its count are never thrown away either way."""
        if saved is None or self.options.resume == "no" or self.options.screenshot:
            return None
        self.offer_afresh = self.options.resume == "ask"
        return saved

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()

        def on_signal(_signum: int, _frame: Any) -> None:
            loop.call_soon_threadsafe(self.request_quit)

        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, on_signal)
        # Python runs signal handlers only between bytecodes: a light timer lets it in
        # while Qt waits for events in C.
        from PySide6.QtCore import QTimer

        self._signal_timer = QTimer()
        self._signal_timer.start(200)
        self._signal_timer.timeout.connect(lambda: None)

    async def _start_control_api(self) -> None:
        """Serve the control API from this loop; a port in use is reported, not fatal."""
        from hostconsole.adapters.secrets import get_secret
        from hostconsole.remote.control_api import ControlApi, is_loopback

        host, port = self.settings.control_host, self.settings.control_port
        token = None
        if not is_loopback(host):
            try:
                token = get_secret("control-token")
            except SecretsUnavailableError as error:
                log.error("%s", Said("log.api-not-started", host, error))
                return
            if not token:
                log.error("%s", Said("log.api-needs-token", host))
                return
            redactor.add(token)
        try:
            api = ControlApi(self.session, host, port, token)
        except ValueError as refused:  # a token too short to guard it beyond this computer
            log.error("%s", Said("log.api-not-started", host, refused))
            return
        try:
            await api.start()
        except OSError as error:
            log.error("%s", Said("log.api-port-taken", port, host, error.strerror))
            return
        self.control = api

    def _console_up(self) -> None:
        if os.environ.get("HOSTCONSOLE_EXIT_WHEN_SHOWN"):
            # For scripts/bench (start-up time): the moment it is up, then quit.
            print(f"SHOWN {time.time():.6f}", flush=True)
            self.request_quit()
        assert self.document is not None
        up = "log.console-up-read-only" if self.read_only_reason else "log.console-up"
        log.info("%s", Said(up, self.document.show.title, os.getpid()))

    async def shutdown(self) -> None:
        """Clients closed, ledger flushed, state saved — in that order."""
        if self.control is not None:
            try:
                await asyncio.wait_for(self.control.cleanup(), 5.0)
            except Exception as error:  # closing goes on: the show's state matters more
                log.warning("%s", Said("log.api-not-stopped", repr(error)))
        if self.session is not None:
            await self.session.close()
        for window in (self.console, self.presenter):
            if window is not None:
                window.hide()
        log.info("%s", Said("log.closed-cleanly"))


def raise_open_file_limit() -> None:
    """Raise the soft limit on open files to the hard one (POSIX): every event-stream client,
    feed connection and log is a descriptor, and the default soft limit is often 1,024."""
    try:
        import resource
    except ImportError:  # Windows has no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError) as error:
        log.warning("%s", Said("log.file-limit", soft, error))


def run(options: AppOptions) -> int:
    if options.screenshot and _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif _needs_offscreen():
        print(
            "error: no display found. Run Host Console on a desktop, "
            "or set QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 1
    os.environ.setdefault("QT_API", "pyside6")
    raise_open_file_limit()
    # The engine (no Qt by contract) is imported before PySide6: once PySide6 is imported,
    # its import hook reads the source of every module imported after it (~10 ms at start).
    importlib.import_module("hostconsole.services.show")
    from PySide6.QtWidgets import QApplication  # before qasync, so it picks PySide6

    from hostconsole.ui.eventloop import ShowEventLoop

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    app = Application(options)
    if not app.prepare():  # its dialogs run before the loop, never inside a coroutine
        return app.exit_code or 2
    with asyncio.Runner(loop_factory=lambda: ShowEventLoop(qt)) as runner:
        return runner.run(app.main_async())
