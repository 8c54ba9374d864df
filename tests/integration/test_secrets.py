"""Secrets in a real Secret Service (GNOME Keyring, started by scripts/lib/with-keyring)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

from hostconsole.adapters.secrets import (
    SERVICE,
    delete_secret,
    get_secret,
    keyring_backend_name,
    set_secret,
)


@pytest.fixture
def secret_name() -> str:
    return f"test-{uuid.uuid4().hex}"


def test_round_trip_through_the_system_keyring(secret_name: str) -> None:
    assert "SecretService" in keyring_backend_name(), (
        "no Secret Service: run the suite through scripts/test (it starts GNOME Keyring)"
    )
    assert get_secret(secret_name) is None
    set_secret(secret_name, "密码-p@ss")
    try:
        assert get_secret(secret_name) == "密码-p@ss"
    finally:
        delete_secret(secret_name)
    assert get_secret(secret_name) is None


def test_secret_is_stored_under_the_app_service_name(secret_name: str) -> None:
    import keyring

    set_secret(secret_name, "value")
    try:
        assert keyring.get_password(SERVICE, secret_name) == "value"
    finally:
        delete_secret(secret_name)


PROBE = """
import sys
from hostconsole.adapters.secrets import SecretsUnavailableError, get_secret
try:
    print("value:", get_secret("obs-password"))
except SecretsUnavailableError as error:
    print("unavailable:", error)
"""


def _without_keyring(**extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
    env.pop("HOSTCONSOLE_OBS_PASSWORD", None)
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/bus"
    env.update(extra)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout.strip()


def test_no_keyring_gives_a_clear_message_and_the_alternative() -> None:
    output = _without_keyring()
    assert output.startswith("unavailable: No system keyring is available")
    assert "HOSTCONSOLE_OBS_PASSWORD" in output


def test_environment_fallback_for_automation() -> None:
    assert _without_keyring(HOSTCONSOLE_OBS_PASSWORD="from-env") == "value: from-env"
