"""A real RTMP ingest on 127.0.0.1 for OBS to stream to: ffmpeg listening, reading the stream
and throwing it away. It can be stopped, killed, frozen (SIGSTOP) and started again."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time

from tests.harness.obs import free_port


def _listening(port: int) -> bool:
    """Whether a socket on this machine listens on 127.0.0.1:port (Linux's socket table)."""
    with open("/proc/net/tcp", encoding="ascii") as table:
        for line in table.readlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.split(":")[1], 16) == port:
                return True
    return False


class RtmpReceiver:
    def __init__(self, port: int | None = None) -> None:
        if shutil.which("ffmpeg") is None:
            raise RuntimeError("ffmpeg is not installed (Debian package: ffmpeg)")
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def server(self) -> str:
        return f"rtmp://127.0.0.1:{self.port}/live"

    key = "host-console"

    def start(self) -> RtmpReceiver:
        self.process = subprocess.Popen(
            [
                "ffmpeg",
                "-loglevel",
                "error",
                "-listen",
                "1",
                "-i",
                f"{self.server}/{self.key}",
                "-f",
                "null",
                "-",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Listening before OBS connects. Not by connecting: ffmpeg -listen 1 takes one client.
        deadline = time.monotonic() + 10
        while not _listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"ffmpeg is not listening on port {self.port}")
            time.sleep(0.01)
        return self

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def freeze(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def __enter__(self) -> RtmpReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGCONT)
        self.kill()
