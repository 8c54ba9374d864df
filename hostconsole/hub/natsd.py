"""The hub's own single-node NATS server with JetStream on disk (Debian's ``nats-server``),
started and watched by ``hostconsole hub`` unless ``--nats URL`` names an existing cluster."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import socket
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

RESTART_PAUSE = 1.0


class NatsServerMissingError(Exception):
    """No nats-server program on this machine."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LocalNats:
    """nats-server -js on 127.0.0.1, its store in the hub's data folder; restarted if it dies."""

    def __init__(self, store: Path, port: int = 0) -> None:
        self.store = store
        self.port = port or free_port()
        self.process: asyncio.subprocess.Process | None = None
        self._watch: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.restarts = 0

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    async def start(self) -> None:
        program = shutil.which("nats-server")
        if program is None:
            raise NatsServerMissingError(
                "nats-server is not installed (Debian/Ubuntu: apt install nats-server), or "
                "give an existing NATS cluster with --nats URL"
            )
        self.store.mkdir(parents=True, exist_ok=True)
        self._program = program
        await self._launch()
        self._watch = asyncio.get_running_loop().create_task(self._supervise(), name="nats")

    async def _launch(self) -> None:
        log_file = self.store / "nats-server.log"
        self.process = await asyncio.create_subprocess_exec(
            self._program,
            "--jetstream",
            "--store_dir",
            str(self.store),
            "--addr",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log",
            str(log_file),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        for _ in range(200):  # ready when it accepts connections (well under a second)
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.close()
                log.info("nats-server (JetStream in %s) listening on %s", self.store, self.url)
                return
            if self.process.returncode is not None:
                break
            await asyncio.sleep(0.025)
        raise NatsServerMissingError(f"nats-server did not start; its log: {log_file}")

    async def _supervise(self) -> None:
        while not self._stopping.is_set():
            assert self.process is not None
            code = await self.process.wait()
            if self._stopping.is_set():
                return
            self.restarts += 1
            log.error("nats-server exited (%s); starting it again", code)
            await asyncio.sleep(RESTART_PAUSE)
            with contextlib.suppress(NatsServerMissingError):
                await self._launch()

    async def stop(self) -> None:
        self._stopping.set()
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
