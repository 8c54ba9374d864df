"""One console per show: an OS lock on a file in the show's data folder.

Two consoles on one show would split the count between two ledgers' views and announce each
milestone twice. The lock is the operating system's (``flock`` on POSIX, ``msvcrt.locking``
on Windows), so it is released when the process ends, however it ends; the file also says
who holds it (process, computer, since when), for the second console to tell the producer.
Written here rather than taken from filelock: that library truncates the lock file when it
tries to lock, which would erase the holder's name before the second console could read it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from pathlib import Path

LOCK_FILE = "console.lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # the byte locked on Windows, away from the holder's note


class Holder(msgspec.Struct, frozen=True):
    pid: int | None
    host: str
    since: float | None

    def describe(self) -> str:
        since = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since)) if self.since else "?"
        return f"process {self.pid or '?'} on {self.host or '?'}, since {since}"


class ShowLockedError(Exception):
    def __init__(self, folder: Path, holder: Holder) -> None:
        super().__init__(
            f"this show is open in another Host Console ({holder.describe()}); one console per show"
        )
        self.folder = folder
        self.holder = holder


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def read_holder(folder: Path) -> Holder:
    try:
        raw: Any = json.loads((folder / LOCK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    pid, since = raw.get("pid"), raw.get("since")
    return Holder(
        pid if isinstance(pid, int) else None,
        str(raw.get("host", "")),
        float(since) if isinstance(since, int | float) else None,
    )


class ShowLock:
    """Held from ``acquire`` until ``release`` or the end of the process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise ShowLockedError naming who holds it."""
        if self._fd is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise ShowLockedError(self.folder, read_holder(self.folder))
        note = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(note).encode("utf-8"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing releases the OS lock
            self._fd = None
