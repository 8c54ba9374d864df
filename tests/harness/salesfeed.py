"""The rehearsal sales feed as a real server process on 127.0.0.1, for tests and benchmarks."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from types import TracebackType


class FeedServer:
    """``hostconsole-salesfeed`` in a subprocess on a free port, controlled over HTTP."""

    def __init__(self, *arguments: str) -> None:
        self.arguments = arguments
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def poll_url(self) -> str:
        return f"{self.base}/api/sales"

    @property
    def stream_url(self) -> str:
        return f"{self.base}/api/sales/stream"

    def start(self) -> FeedServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hostconsole.tools.salesfeed", "--port", "0", *self.arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            errors = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"salesfeed did not start: {errors}")
        self.port = int(json.loads(line)["port"])
        return self

    def control(self, **changes: Any) -> dict[str, Any]:
        response = httpx.post(f"{self.base}/control", json=changes, timeout=10)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = httpx.get(f"{self.base}/control", timeout=10).json()
        return result

    def reset(self) -> None:
        self.control(
            faults=[], rate=0, burst=0, drop_stream_every=0, token="", reset=True, drop_streams=True
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        if self.process is not None:
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()
        self.process = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
