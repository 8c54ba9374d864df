"""The settings dialog: OBS, sales feed, goal and milestones, presenter screen, language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QKeySequenceEdit,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hostconsole.ui.text import TextLabel

if TYPE_CHECKING:
    from hostconsole.adapters.storage.settings import Settings


class SettingsDialog(QDialog):
    """Edits a copy of the settings; secrets typed here go to the keyring, not the file."""

    # A new control-API token is in the keyring: the running API takes it (and drops the old).
    control_token_generated = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        tabs = QTabWidget()

        obs = QWidget()
        form = QFormLayout(obs)
        self.obs_host = QLineEdit(settings.obs_host)
        self.obs_port = QSpinBox()
        self.obs_port.setRange(1, 65535)
        self.obs_port.setValue(settings.obs_port)
        self.obs_password = QLineEdit()
        self.obs_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.obs_password.setPlaceholderText(self.tr("unchanged (stored in the system keyring)"))
        form.addRow(self.tr("OBS address"), self.obs_host)
        form.addRow(self.tr("Port"), self.obs_port)
        form.addRow(self.tr("Password"), self.obs_password)
        tabs.addTab(obs, self.tr("OBS"))

        feed = QWidget()
        form = QFormLayout(feed)
        self.feed_kind = QComboBox()
        for value, label in (
            ("none", self.tr("None (manual only)")),
            ("poll", self.tr("Poll a JSON total")),
            ("stream", self.tr("Server-Sent Events stream")),
            ("both", self.tr("Stream, with polling as backup")),
        ):
            self.feed_kind.addItem(label, value)
        self.feed_kind.setCurrentIndex(max(self.feed_kind.findData(settings.feed_kind), 0))
        self.poll_url = QLineEdit(settings.poll_url)
        self.stream_url = QLineEdit(settings.stream_url)
        self.comments_url = QLineEdit(settings.comments_url)
        self.comments_url.setPlaceholderText(self.tr("optional: viewers' comments (SSE)"))
        self.pointer = QLineEdit(settings.json_pointer)
        self.interval = QDoubleSpinBox()
        self.interval.setRange(0.5, 60)
        self.interval.setValue(settings.poll_interval)
        self.verify = QCheckBox(self.tr("Verify TLS certificates"))
        self.verify.setChecked(settings.verify_tls)
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("unchanged (stored in the system keyring)"))
        form.addRow(self.tr("Feed"), self.feed_kind)
        form.addRow(self.tr("Poll URL"), self.poll_url)
        form.addRow(self.tr("JSON pointer"), self.pointer)
        form.addRow(self.tr("Interval (s)"), self.interval)
        form.addRow(self.tr("Stream URL"), self.stream_url)
        form.addRow(self.tr("Comments URL"), self.comments_url)
        form.addRow(self.tr("Token"), self.token)
        self.hub_url = QLineEdit(settings.hub_url)
        self.hub_url.setPlaceholderText(
            self.tr("optional: the festival board's hub (not needed when the stream is the hub's)")
        )
        self.hub_token = QLineEdit()
        self.hub_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.hub_token.setPlaceholderText(self.tr("unchanged (stored in the system keyring)"))
        form.addRow(self.tr("Hub URL"), self.hub_url)
        form.addRow(self.tr("Hub token"), self.hub_token)
        form.addRow("", self.verify)
        tabs.addTab(feed, self.tr("Sales feed"))

        show = QWidget()
        form = QFormLayout(show)
        self.goal = QSpinBox()
        self.goal.setRange(0, 1_000_000)
        self.goal.setSpecialValueText(self.tr("from the show file"))
        self.goal.setValue(settings.goal or 0)
        self.milestones = QLineEdit(
            ", ".join(str(m) for m in settings.milestones)
            if settings.milestones is not None
            else ""
        )
        self.milestones.setPlaceholderText(self.tr("from the show file, e.g. 10, 20, 30"))
        form.addRow(self.tr("Goal"), self.goal)
        form.addRow(self.tr("Milestones"), self.milestones)
        tabs.addTab(show, self.tr("Goal"))

        view = QWidget()
        form = QFormLayout(view)
        self.screen_choice = QComboBox()
        self.screen_choice.addItem(self.tr("In a window"), -1)
        for number, screen in enumerate(QGuiApplication.screens()):
            size = screen.size()
            self.screen_choice.addItem(
                self.tr("Full screen on %1").replace(
                    "%1", f"{number + 1}: {screen.name()} {size.width()}×{size.height()}"
                ),
                number,
            )
        self.screen_choice.setCurrentIndex(
            max(self.screen_choice.findData(settings.presenter_screen), 0)
        )
        self.mirror = QCheckBox(self.tr("Mirror (for a prompter glass)"))
        self.mirror.setChecked(settings.presenter_mirror)
        self.language = QComboBox()
        for value, label in (
            ("system", self.tr("System")),
            ("zh_CN", "简体中文"),
            ("en", "English"),
        ):
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        form.addRow(self.tr("Presenter screen"), self.screen_choice)
        form.addRow("", self.mirror)
        form.addRow(self.tr("Language"), self.language)
        tabs.addTab(view, self.tr("Presenter & language"))

        keys = QWidget()
        form = QFormLayout(keys)
        self.shortcut_edits: dict[str, QKeySequenceEdit] = {}
        labels = {
            "go": self.tr("GO"),
            "next": self.tr("Next"),
            "previous": self.tr("Previous"),
            "take": self.tr("Take"),
            "pause": self.tr("Pause"),
            "add_minute": self.tr("+1 min"),
            "clear_graphics": self.tr("Clear all graphics"),
            "safe": self.tr("SAFE / Back on air"),
        }
        for name, label in labels.items():
            edit = QKeySequenceEdit(QKeySequence(settings.shortcuts.get(name, "")))
            edit.setObjectName(f"shortcut_{name}")
            self.shortcut_edits[name] = edit
            form.addRow(label, edit)
        form.addRow(TextLabel(self.tr("Shortcuts do nothing while you type in a text field.")))
        tabs.addTab(keys, self.tr("Shortcuts"))

        control = QWidget()
        form = QFormLayout(control)
        self.control_host = QLineEdit(settings.control_host)
        self.control_host.setToolTip(
            self.tr("127.0.0.1: this computer only; 0.0.0.0: tablets and Companion too")
        )
        self.control_port = QSpinBox()
        self.control_port.setRange(0, 65535)
        self.control_port.setSpecialValueText(self.tr("off"))
        self.control_port.setValue(settings.control_port)
        self.token_view = QLineEdit()
        self.token_view.setReadOnly(True)
        self.token_view.setObjectName("controlToken")
        self.token_view.setPlaceholderText(self.tr("not shown (stored in the system keyring)"))
        self.new_token = QPushButton(self.tr("Generate a new token and show it once"))
        self.new_token.clicked.connect(self._generate_token)
        form.addRow(self.tr("Interface"), self.control_host)
        form.addRow(self.tr("Port"), self.control_port)
        form.addRow(self.tr("Token"), self.token_view)
        form.addRow("", self.new_token)
        form.addRow(
            TextLabel(
                self.tr("Away from 127.0.0.1 every request needs: Authorization: Bearer <token>")
            )
        )
        tabs.addTab(control, self.tr("Control API"))

        self.problem = TextLabel()
        self.problem.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _generate_token(self) -> None:
        """A fresh token into the keyring, shown here once for pasting into Companion."""
        import secrets

        from hostconsole.adapters.secrets import SecretsUnavailableError, set_secret

        token = secrets.token_urlsafe(24)
        try:
            set_secret("control-token", token)
        except SecretsUnavailableError as error:
            self.problem.setText(str(error))
            return
        self.token_view.setText(token)
        self.token_view.selectAll()
        self.new_token.setEnabled(False)
        self.problem.setText(self.tr("The new token works now; the previous one no longer does."))
        self.control_token_generated.emit(token)

    def _accept(self) -> None:
        milestones: list[int] | None = None
        text = self.milestones.text().strip()
        if text:
            try:
                milestones = sorted(
                    {int(part) for part in text.replace("，", ",").split(",") if part.strip()}
                )
            except ValueError:
                self.problem.setText(
                    self.tr("Milestones must be whole numbers separated by commas.")
                )
                return
            if any(m <= 0 for m in milestones):
                self.problem.setText(self.tr("Milestones must be above zero."))
                return
        s = self.settings
        s.obs_host = self.obs_host.text().strip() or "127.0.0.1"
        s.obs_port = self.obs_port.value()
        s.feed_kind = str(self.feed_kind.currentData())
        s.poll_url = self.poll_url.text().strip()
        s.stream_url = self.stream_url.text().strip()
        s.comments_url = self.comments_url.text().strip()
        s.hub_url = self.hub_url.text().strip()
        s.json_pointer = self.pointer.text().strip() or "/data/sold"
        s.poll_interval = self.interval.value()
        s.verify_tls = self.verify.isChecked()
        s.goal = self.goal.value() or None
        s.milestones = milestones
        s.presenter_screen = int(self.screen_choice.currentData())
        s.presenter_mirror = self.mirror.isChecked()
        s.language = str(self.language.currentData())
        chosen = {
            name: edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for name, edit in self.shortcut_edits.items()
        }
        used = [key for key in chosen.values() if key]
        if len(used) != len(set(used)):
            self.problem.setText(self.tr("Two actions cannot share one shortcut."))
            return
        s.shortcuts = chosen
        s.control_host = self.control_host.text().strip() or "127.0.0.1"
        s.control_port = self.control_port.value()
        self.accept()

    def new_obs_password(self) -> str | None:
        return self.obs_password.text() or None

    def new_sales_token(self) -> str | None:
        return self.token.text() or None

    def new_hub_token(self) -> str | None:
        return self.hub_token.text() or None


def setting_label(name: str) -> str:
    """A setting's name as the dialog shows it (for "applies when the show is next opened")."""
    labels = {
        "obs_host": QCoreApplication.translate("SettingsDialog", "OBS address"),
        "obs_port": QCoreApplication.translate("SettingsDialog", "OBS port"),
        "feed_kind": QCoreApplication.translate("SettingsDialog", "Feed"),
        "poll_url": QCoreApplication.translate("SettingsDialog", "Poll URL"),
        "stream_url": QCoreApplication.translate("SettingsDialog", "Stream URL"),
        "comments_url": QCoreApplication.translate("SettingsDialog", "Comments URL"),
        "hub_url": QCoreApplication.translate("SettingsDialog", "Hub URL"),
        "json_pointer": QCoreApplication.translate("SettingsDialog", "JSON pointer"),
        "verify_tls": QCoreApplication.translate("SettingsDialog", "Verify TLS certificates"),
        "control_host": QCoreApplication.translate("SettingsDialog", "Control API interface"),
        "control_port": QCoreApplication.translate("SettingsDialog", "Control API port"),
    }
    return labels.get(name, name)
