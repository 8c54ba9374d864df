"""The hub's world for tests and the bench: real nats-servers (one, or a JetStream cluster of
three), the hub as a subprocess, and a platform — its order API served on 127.0.0.1 and its
signed pushes sent over HTTP, retried as the platforms retry."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiohttp import web

from hostconsole.domain.orders import OrderStatus, Platform
from hostconsole.hub.rehearsal import BookedOrder, RehearsalShop
from tests.harness.obs import free_port

SHOW_ID = "hub-festival"
HUB_SHOW = Path(__file__).resolve().parent.parent / "data" / "hub.show.yaml"
SHOW_TOKEN = "show-token-for-the-hub-tests-0123"
# The hub's secrets as the environment gives them to a server without a keyring.
SECRETS = {
    "hub-generic-secret": "generic-secret-for-tests-0123",
    "hub-douyin-app-key": "7100000000000000001",
    "hub-douyin-app-secret": "douyin-secret-for-tests-0123",
    "hub-douyin-access-token": "douyin-access-token-0123",
    "hub-wechat-token": "wechattoken0123",
    "hub-wechat-aes-key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    "hub-wechat-appid": "wx0123456789abcdef",
    "hub-wechat-app-secret": "wechat-app-secret-0123",
    "hub-tiktok-app-key": "tiktok-app-key-0123",
    "hub-tiktok-app-secret": "tiktok-app-secret-0123",
    "hub-tiktok-access-token": "tiktok-access-token-0123",
    f"hub-show-token-{SHOW_ID}": SHOW_TOKEN,
    "hub-board-viewer-festival-2026": "board-viewer-token-0123456789",
    "hub-board-organiser-festival-2026": "board-organiser-token-0123456789",
    **{f"hub-show-token-board-{x}": f"studio-{x}-token-0123456789" for x in "ab"},
}
CAMPAIGN = "festival-2026"
VIEWER_TOKEN = SECRETS["hub-board-viewer-festival-2026"]
ORGANISER_TOKEN = SECRETS["hub-board-organiser-festival-2026"]
BOARD_SHOWS = tuple(
    Path(__file__).resolve().parent.parent / "data" / f"board-{x}.show.yaml" for x in "ab"
)
# The shops of tests/data/hub.show.yaml.
SHOPS = {
    Platform.DOUYIN: ("4463798", "7301000000000000001", "3581001"),
    Platform.WECHAT: ("gh_festival0001", "export-live-42", "sku-wx-1"),
    Platform.TIKTOK: ("7495000000000000001", "", "1729000000000000001"),
    Platform.GENERIC: ("district-shop", "studio-1", "EV-A1"),
}


def environment() -> dict[str, str]:
    from hostconsole.adapters.secrets import environment_variable

    variables = {}
    for name, value in SECRETS.items():
        variable = environment_variable(name)
        assert variable is not None
        variables[variable] = value
    return variables


def secrets(name: str) -> str | None:
    return SECRETS.get(name)


class NatsServer:
    """One nats-server with JetStream on disk; optionally one node of a cluster."""

    def __init__(
        self,
        store: Path,
        *,
        name: str = "n1",
        routes: list[int] | None = None,
        cluster_port: int | None = None,
    ) -> None:
        self.store = store
        self.name = name
        self.port = free_port()
        self.cluster_port = cluster_port
        self.routes = routes or []
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> NatsServer:
        self.store.mkdir(parents=True, exist_ok=True)
        command = [
            "nats-server",
            "--jetstream",
            "--store_dir",
            str(self.store),
            "--addr",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--server_name",
            self.name,
            "--log",
            str(self.store / "server.log"),
        ]
        if self.cluster_port is not None:
            routes = ",".join(f"nats://127.0.0.1:{p}" for p in self.routes)
            command += [
                "--cluster_name",
                "hc",
                "--cluster",
                f"nats://127.0.0.1:{self.cluster_port}",
                "--routes",
                routes,
            ]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        import socket

        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            time.sleep(0.05)
        raise RuntimeError(f"nats-server {self.name} did not start: {self.store / 'server.log'}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def cluster(folder: Path) -> list[NatsServer]:
    """Three nats-servers routed to each other, JetStream on each (a quorum of two)."""
    ports = [free_port() for _ in range(3)]
    nodes = [
        NatsServer(
            folder / f"n{i}",
            name=f"n{i}",
            cluster_port=ports[i],
            routes=[p for j, p in enumerate(ports) if j != i],
        )
        for i in range(3)
    ]
    for node in nodes:
        node.start()
    return nodes


class HubProcess:
    """``hostconsole hub`` as it runs on a server."""

    def __init__(
        self,
        folder: Path,
        *,
        nats: str = "",
        api: str = "",
        replicas: int = 1,
        rate: float = 100_000.0,
        shows: tuple[Path, ...] = (HUB_SHOW,),
        port: int = 0,
        env: dict[str, str] | None = None,
    ) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.arguments = [
            "hub",
            "--listen",
            f"127.0.0.1:{self.port}",
            "--data",
            str(folder / "hub-data"),
            "--rate",
            str(rate),
            "--replicas",
            str(replicas),
        ]
        for show in shows:
            self.arguments += ["--show", str(show)]
        if nats:
            self.arguments += ["--nats", nats]
        if api:
            self.arguments += [
                "--api-douyin",
                f"{api}/douyin",
                "--api-wechat",
                f"{api}/wechat",
                "--api-tiktok",
                f"{api}/tiktok",
            ]
        self.env = {**os.environ, **environment(), **(env or {})}
        self.process: subprocess.Popen[str] | None = None
        self.log = folder / "hub-output.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stream_url(self) -> str:
        return f"{self.url}/shows/{SHOW_ID}/sales"

    def start(self) -> HubProcess:
        self.folder.mkdir(parents=True, exist_ok=True)
        output = open(self.log, "a", encoding="utf-8")  # noqa: SIM115 - the child's output
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hostconsole", *self.arguments],
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        output.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited: {self.output()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError(f"the hub did not come up: {self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def health(self) -> dict[str, Any]:
        answer: dict[str, Any] = httpx.get(f"{self.url}/health", timeout=5).json()
        return answer

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Platforms:
    """The shops' side: an order book, its API on 127.0.0.1 (a thread with its own loop) and
    the pushes, signed with the hub's secrets."""

    shop: RehearsalShop = field(default_factory=lambda: RehearsalShop(secrets))
    port: int = field(default_factory=free_port)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    number: int = 0

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Platforms:
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            runner = web.AppRunner(self.shop.platform_api(), access_log=None)
            loop.run_until_complete(runner.setup())
            loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=serve, name="platform-api", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def order(
        self,
        platform: Platform,
        quantity: int = 1,
        *,
        room: str | None = None,
        order_id: str | None = None,
    ) -> BookedOrder:
        shop, default_room, sku = SHOPS[platform]
        self.number += 1
        number = order_id or f"{int(time.time())}{self.number:06d}"
        return BookedOrder(
            platform, shop, number, [(sku, quantity)], default_room if room is None else room
        )

    def message(
        self, order: BookedOrder, status: OrderStatus = OrderStatus.PAID, at: float | None = None
    ) -> tuple[str, dict[str, str], dict[str, str], bytes]:
        return self.shop.push(order, status, at=at)


def send(
    client: httpx.Client,
    hub_url: str,
    message: tuple[str, dict[str, str], dict[str, str], bytes],
    *,
    retry_for: float = 0.0,
) -> httpx.Response:
    """POST a platform's message; with ``retry_for``, again until a 200 (as platforms retry
    what was not acknowledged)."""
    path, headers, query, body = message
    deadline = time.monotonic() + retry_for
    while True:
        try:
            answer = client.post(f"{hub_url}{path}", headers=headers, params=query, content=body)
            if answer.status_code == 200 or time.monotonic() >= deadline:
                return answer
        except httpx.HTTPError:
            if time.monotonic() >= deadline:
                raise
        time.sleep(0.05)
