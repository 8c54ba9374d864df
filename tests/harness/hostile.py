"""What a hostile client sends the control API: every state-changing endpoint, crafted bodies,
and a headless Chromium to load an attacker's page (shared by tests and scripts/bench)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

JSON = {"Content-Type": "application/json"}
COMMAND_ENDPOINTS = (
    "/api/v1/go",
    "/api/v1/next",
    "/api/v1/previous",
    "/api/v1/goto",
    "/api/v1/pause",
    "/api/v1/resume",
    "/api/v1/time",
    "/api/v1/take",
    "/api/v1/overlays/counter/show",
    "/api/v1/overlays/%ED%A0%80/hide",
    "/api/v1/message",
    "/api/v1/vouchers/correction",
    "/api/v1/preflight",
    "/api/v1/prompter",
    "/api/v1/arm",
    "/api/v1/points/push",
    "/api/v1/points/covered",
    "/api/v1/caption",
)
# JSON text a parser accepts but a show must not: NaN, infinities, lone surrogates, numbers of
# thousands of digits, nesting 10,000 deep, wrong types, and bytes that are not UTF-8.
CRAFTED_BODIES = (
    b'{"seconds": NaN}',
    b'{"seconds": Infinity}',
    b'{"seconds": -1e999}',
    b'{"text": "\\ud800"}',
    b'{"reason": "\\udfff", "amount": 1}',
    b"[" * 10_000 + b"]" * 10_000,
    b'{"a":' * 1000 + b"1" + b"}" * 1000,
    b'{"segment": ' + b"{" * 1000,
    b'{"amount": ' + b"9" * 5000 + b', "reason": "x"}',
    b'{"amount": 1e308, "reason": "x"}',
    b'{"segment": 12}',
    b'{"segment": ["qa"]}',
    b'{"blink": "yes", "text": "x"}',
    b'{"text": "' + b"\\u0000" * 100 + b'"}',
    b"\xff\xfe\xfd",
    b"",
    b"null",
    b'"just a string"',
)


def chromium_command(profile: Path) -> list[str]:
    """Debian's Chromium, headless, with nothing reaching out to the network."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is missing: scripts/test installs Debian's chromium"
    return [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
