"""Host Console itself as a subprocess, as a producer runs it, driven through its control API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tests.harness.obs import free_port


def libfaketime() -> str:
    """Debian's libfaketime (package faketime), for LD_PRELOAD."""
    for library in sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1")):
        return str(library)
    raise RuntimeError("libfaketime is not installed (Debian package: faketime)")


def forget_dead_faketime_clocks() -> None:
    """libfaketime keeps its clock in a semaphore and shared memory named after the process
    (/dev/shm/sem.faketime_sem_PID, faketime_shm_PID) and leaves them behind when the process
    is killed; a later process given the same PID then cannot start ("sem_open: File exists",
    seen once in CI). Those of processes that are gone are removed."""
    for entry in Path("/dev/shm").glob("*faketime_*_*"):
        try:
            pid = int(entry.name.rsplit("_", 1)[1])
            os.kill(pid, 0)
        except ValueError:
            continue
        except ProcessLookupError:
            entry.unlink(missing_ok=True)
        except PermissionError:
            continue  # alive, someone else's


class AppProcess:
    def __init__(
        self,
        config_dir: Path,
        show_file: Path,
        *,
        obs_port: int | None = None,
        obs_password: str = "",
        stream_url: str | None = None,
        control_host: str = "127.0.0.1",
        extra: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        resume: str | None = "yes",
        faketime: str | None = None,
    ) -> None:
        self.config_dir = config_dir
        self.show_file = show_file
        self.control_port = free_port()
        self.control_host = control_host
        arguments = [
            str(show_file),
            "--control-port",
            str(self.control_port),
            "--control-host",
            control_host,
            *(("--resume", resume) if resume else ()),
            *extra,
        ]
        # Debian's libfaketime, preloaded (no wrapper process between the test and the app):
        # the app starts at that wall-clock time (monotonic time is left alone, as Qt's
        # timers need it). See forget_dead_faketime_clocks for what it leaves behind.
        clock = {"LD_PRELOAD": libfaketime(), "FAKETIME": f"@{faketime}"} if faketime else {}
        self.faketime = bool(faketime)
        if obs_port is None:
            arguments.append("--no-obs")
        else:
            arguments += ["--obs", f"ws://127.0.0.1:{obs_port}"]
        if stream_url:
            arguments += ["--sales-stream", stream_url]
        self.arguments = arguments
        self.env = {
            **os.environ,
            "HOSTCONSOLE_CONFIG_DIR": str(config_dir),
            "HOSTCONSOLE_OBS_PASSWORD": obs_password,
            "QT_QPA_PLATFORM": "offscreen",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            **clock,
            **(env or {}),
        }
        self.process: subprocess.Popen[str] | None = None
        self.log = config_dir / "app-output.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.control_port}"

    def start(self, wait: float = 30.0) -> AppProcess:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        if self.faketime:
            forget_dead_faketime_clocks()
        output = open(self.log, "a", encoding="utf-8")  # noqa: SIM115 - the child's output
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hostconsole", *self.arguments],
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            # Its own process group: a kill reaches whatever it started too.
            start_new_session=True,
        )
        output.close()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"hostconsole exited with {self.process.returncode}:\n{self.output()}"
                )
            try:
                if httpx.get(
                    f"{self.url}/api/v1/state", timeout=1, headers=self.auth()
                ).status_code in (200, 401):
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"hostconsole's control API did not come up:\n{self.output()}")

    def auth(self) -> dict[str, str]:
        token = self.env.get("HOSTCONSOLE_CONTROL_TOKEN")
        return {"Authorization": f"Bearer {token}"} if token else {}

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def state(self) -> dict[str, Any]:
        response = httpx.get(f"{self.url}/api/v1/state", timeout=10, headers=self.auth())
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def post(self, path: str, body: Any = None, **options: Any) -> httpx.Response:
        """POST as Companion is set up to: Content-Type: application/json, even with no body."""
        headers = {
            "Content-Type": "application/json",
            **self.auth(),
            **options.pop("headers", {}),
        }
        if body is not None and "content" not in options:
            return httpx.post(
                f"{self.url}{path}", json=body, timeout=30, headers=headers, **options
            )
        return httpx.post(f"{self.url}{path}", timeout=30, headers=headers, **options)

    def show_dir(self) -> Path:
        shows = self.config_dir / "data" / "shows"
        folders = sorted(shows.iterdir())
        assert len(folders) == 1, folders
        return folders[0]

    def onair_log(self) -> list[dict[str, Any]]:
        path = self.show_dir() / "on-air-log.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

    def _signal(self, sig: int) -> None:
        assert self.process is not None
        self.process.send_signal(sig)

    def kill(self) -> None:
        assert self.process is not None
        self._signal(signal.SIGKILL)
        self.process.wait(10)

    def terminate(self, sig: int = signal.SIGTERM, wait: float = 30.0) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self._signal(sig)
            try:
                return self.process.wait(wait)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(10)
                logged = self.config_dir / "data" / "logs" / "hostconsole.log"
                tail = logged.read_text(encoding="utf-8")[-4000:] if logged.exists() else ""
                raise AssertionError(
                    f"hostconsole did not exit within {wait} s of signal {sig}; its log ends:\n"
                    f"{tail}\nits output:\n{self.output()[-2000:]}"
                ) from None
        return self.process.returncode

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self._signal(signal.SIGKILL)
            self.process.wait(10)
