"""The console's settings: one typed record, versioned JSON in the platform's config folder.

Every option is declared once here with its default. Secrets are never settings: the OBS
password and the sales token live in the keyring (adapters/secrets.py).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import msgspec
import platformdirs

from hostconsole.adapters.storage.validated import SETTINGS_SCHEMA, check_fields

SCHEMA_VERSION = 2
APP_NAME = "hostconsole"

log = logging.getLogger(__name__)

DEFAULT_SHORTCUTS = {
    "go": "Space",
    "next": "Right",
    "previous": "Left",
    "take": "Return",
    "pause": "P",
    "add_minute": "+",
    "clear_graphics": "F12",  # the panic key: every graphic off air at once
    "safe": "F9",  # SAFE: off air in one press; again: back on air
}


class Settings(msgspec.Struct):
    schema_version: int = SCHEMA_VERSION
    obs_host: str = "127.0.0.1"
    obs_port: int = 4455
    feed_kind: str = "none"  # none | poll | stream | both
    poll_url: str = ""
    stream_url: str = ""
    # The hub this console reports to (its festival board): the ledger and the state go there.
    # A console fed by the hub reports to it without this.
    hub_url: str = ""
    comments_url: str = ""  # viewers' comments (SSE ``comment`` events), if not on the stream
    quiet_prompt_seconds: float = 180.0  # no sale this long: prompt a talking point
    burst_prompt_sales: int = 5  # this many sales in 30 s: prompt "mention the count"
    json_pointer: str = "/data/sold"
    poll_interval: float = 2.0
    verify_tls: bool = True
    goal: int | None = None  # None: the show file's goal
    milestones: list[int] | None = None  # None: the show file's milestones
    presenter_screen: int = -1  # -1: windowed; otherwise the screen number, full screen
    presenter_mirror: bool = False
    language: str = "system"  # system | zh_CN | en
    shortcuts: dict[str, str] = msgspec.field(default_factory=lambda: dict(DEFAULT_SHORTCUTS))
    last_show: str = ""
    control_port: int = 4780
    control_host: str = "127.0.0.1"


def config_dir() -> Path:
    override = os.environ.get("HOSTCONSOLE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))


def data_dir() -> Path:
    """Ledgers, run state and on-air logs; beside the config when that folder is overridden."""
    override = os.environ.get("HOSTCONSOLE_DATA_DIR")
    if override:
        return Path(override)
    if os.environ.get("HOSTCONSOLE_CONFIG_DIR"):
        return config_dir() / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, False))


def log_dir() -> Path:
    if os.environ.get("HOSTCONSOLE_CONFIG_DIR") or os.environ.get("HOSTCONSOLE_DATA_DIR"):
        return data_dir() / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, False))


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings file up to SCHEMA_VERSION, one step at a time."""
    version = int(raw.get("schema_version", 1))
    if version < 2:
        # Version 1 kept a single "feed_url"; version 2 has separate poll and stream URLs.
        url = raw.pop("feed_url", "")
        if url:
            key = "stream_url" if raw.get("feed_kind") == "stream" else "poll_url"
            raw[key] = url
        version = 2
    raw["schema_version"] = version
    return raw


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings, and a message if the file was unusable (defaults are used then)."""
    target = path or config_dir() / "settings.json"
    if not target.exists():
        return Settings(), None
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        if int(raw.get("schema_version", 1)) > SCHEMA_VERSION:
            return Settings(), f"{target}: written by a newer Host Console; using defaults"
        raw = _migrate(raw)
        good, problems = check_fields(raw, SETTINGS_SCHEMA, target.name)
        settings = Settings(**good)
        shortcuts = dict(DEFAULT_SHORTCUTS)
        shortcuts.update({k: v for k, v in settings.shortcuts.items() if k in DEFAULT_SHORTCUTS})
        settings.shortcuts = shortcuts
        return settings, "; ".join(problems) or None
    except (OSError, ValueError, TypeError, RecursionError) as error:
        return Settings(), f"{target}: unreadable settings ({error}); using defaults"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    target = path or config_dir() / "settings.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".saving")
    temporary.write_text(
        json.dumps(msgspec.structs.asdict(settings), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    temporary.replace(target)


def write_json_atomically(target: Path, value: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".saving")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(target)
