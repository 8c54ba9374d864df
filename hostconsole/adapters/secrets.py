"""Secrets (OBS password, sales token) in the OS keyring, never in config files or logs."""

from __future__ import annotations

import logging
import os
from typing import Any

from hostconsole.domain.said import Said

SERVICE = "hostconsole"

log = logging.getLogger(__name__)

# For automation only (a CI runner, a kiosk start script): documented in the README.
ENVIRONMENT_FALLBACK = {
    "obs-password": "HOSTCONSOLE_OBS_PASSWORD",
    "sales-token": "HOSTCONSOLE_SALES_TOKEN",
    "control-token": "HOSTCONSOLE_CONTROL_TOKEN",
    "hub-token": "HOSTCONSOLE_HUB_TOKEN",
}


class SecretsUnavailableError(Exception):
    """No usable system keyring; the message says what to do instead."""


def environment_variable(name: str) -> str | None:
    """The variable that stands in for a secret in automation: the console's three, and every
    hub secret as HOSTCONSOLE_ and its name (a server may have no keyring; systemd's
    credentials or the service manager's environment hold them there)."""
    if name.startswith("hub-"):
        return "HOSTCONSOLE_" + "".join(c if c.isalnum() else "_" for c in name).upper()
    return ENVIRONMENT_FALLBACK.get(name)


def _unavailable(name: str, error: Exception) -> SecretsUnavailableError:
    variable = environment_variable(name)
    alternative = (
        f" For automation, set the environment variable {variable} instead." if variable else ""
    )
    return SecretsUnavailableError(
        "No system keyring is available (on Linux, a Secret Service such as GNOME Keyring or "
        f"KWallet must be running), so the {name.replace('-', ' ')} cannot be stored.{alternative}"
        f" [{type(error).__name__}]"
    )


def _keyring() -> Any:
    # keyring scans its backends on import (~40 ms): only when a secret is really needed.
    import keyring
    import keyring.errors

    return keyring


def get_secret(name: str) -> str | None:
    """The secret from the environment fallback (automation) or else the keyring; None if unset.

    Raises SecretsUnavailableError when there is no keyring and no environment fallback set.
    """
    variable = environment_variable(name)
    if variable and os.environ.get(variable):
        return os.environ[variable]
    keyring = _keyring()
    try:
        value: str | None = keyring.get_password(SERVICE, name)
        return value
    except keyring.errors.KeyringError as error:
        raise _unavailable(name, error) from None
    except Exception as error:
        log.warning("%s", Said("log.keyring-read-failed", name, type(error).__name__))
        raise _unavailable(name, error) from None


def set_secret(name: str, value: str) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as error:
        raise _unavailable(name, error) from None
    except Exception as error:
        log.warning("%s", Said("log.keyring-store-failed", name, type(error).__name__))
        raise _unavailable(name, error) from None


def delete_secret(name: str) -> None:
    keyring = _keyring()
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as error:
        raise _unavailable(name, error) from None


def keyring_backend_name() -> str:
    """The keyring backend in use, e.g. ``SecretService Keyring`` (or ``fail Keyring``)."""
    backend = _keyring().get_keyring()
    return f"{type(backend).__module__.rsplit('.', 1)[-1]} {type(backend).__name__}"


class SecretRedactor(logging.Filter):
    """Replaces known secrets in log records with ***, as a last line of defence."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add(self, secret: str | None) -> None:
        if secret and len(secret) >= 4:
            self._secrets.add(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self._secrets:
            redacted = redacted.replace(secret, "***")
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


redactor = SecretRedactor()
