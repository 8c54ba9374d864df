"""Which boot of this computer the monotonic clock counts from (Linux says; elsewhere "")."""

from __future__ import annotations

from pathlib import Path

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def boot_id() -> str:
    """An id that changes with every boot, or "" where the system does not offer one."""
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip()[:64]
    except OSError:
        return ""
