"""``hostconsole hub``: start NATS (or join a cluster), the router and the HTTP server; and
``hostconsole hub secret|token`` to set what the hub needs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets as random_secrets
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

from hostconsole.adapters.secrets import (
    SecretsUnavailableError,
    get_secret,
    redactor,
    set_secret,
)
from hostconsole.adapters.storage.showfile import ShowFileError, load_show
from hostconsole.hub.board import Board, ShowInfo, organiser_token_name, viewer_token_name
from hostconsole.hub.details import OrderDetails, PlatformApis
from hostconsole.hub.journal import Journal
from hostconsole.hub.natsd import LocalNats, NatsServerMissingError
from hostconsole.hub.server import Hub, show_token_name

if TYPE_CHECKING:
    import argparse

    from hostconsole.domain.orders import ShopMapping

log = logging.getLogger("hostconsole.hub")

HUB_SECRETS = (
    "hub-generic-secret",
    "hub-douyin-app-key",
    "hub-douyin-app-secret",
    "hub-douyin-access-token",
    "hub-wechat-token",
    "hub-wechat-aes-key",
    "hub-wechat-appid",
    "hub-wechat-app-secret",
    "hub-tiktok-app-key",
    "hub-tiktok-app-secret",
    "hub-tiktok-access-token",
    "hub-tiktok-shop-cipher",
)
SECRET_TTL = 30.0  # a secret changed with `hub secret` is used within this


class HubShowError(Exception):
    """A show the hub cannot serve (no id)."""


class CachedSecrets:
    """Secrets read once per SECRET_TTL (a keyring read is a D-Bus round trip, too slow for
    every request); a keyring that fails reads as unset, and the refusal names it."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str | None, float]] = {}

    def __call__(self, name: str) -> str | None:
        now = time.monotonic()
        cached = self._values.get(name)
        if cached is not None and cached[1] > now:
            return cached[0]
        try:
            value = get_secret(name)
        except SecretsUnavailableError as error:
            log.error("%s", error)
            value = None
        self._values[name] = (value, now + SECRET_TTL)
        redactor.add(value)  # a secret read is never written to the log
        return value


def load_shows(files: list[str]) -> tuple[dict[str, tuple[ShopMapping, ...]], dict[str, ShowInfo]]:
    """Each show's platform mapping and what the board shows of it, by its id; a show the hub
    cannot serve is named."""
    shows: dict[str, tuple[ShopMapping, ...]] = {}
    infos: dict[str, ShowInfo] = {}
    for name in files:
        paths = sorted(Path(name).glob("*.show.yaml")) if Path(name).is_dir() else [Path(name)]
        for path in paths:
            show = load_show(path)
            if not show.id:
                raise HubShowError(f"{path}: a show fed by the hub needs an id")
            if not show.platform:
                log.warning("%s has no platform: section; no order will be routed to it", path)
            shows[show.id] = show.platform
            infos[show.id] = ShowInfo(show.id, show.campaign, show.title, show.title_en)
    return shows, infos


async def serve(args: argparse.Namespace) -> int:
    try:
        shows, infos = load_shows(args.show)
    except (ShowFileError, HubShowError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    secrets = CachedSecrets()
    local = None
    url = args.nats
    if not url:
        local = LocalNats(Path(args.data) / "jetstream", args.nats_port)
        try:
            await local.start()
        except NatsServerMissingError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        url = local.url
    journal = Journal(url, replicas=args.replicas)
    try:
        await journal.open()
    except Exception as error:
        print(f"error: NATS at {url}: {error}", file=sys.stderr)
        if local is not None:
            await local.stop()
        return 1
    host, _, port = args.listen.rpartition(":")
    apis = PlatformApis()
    if args.rehearsal:
        base = f"http://127.0.0.1:{port}/rehearsal"
        apis = PlatformApis(f"{base}/douyin", f"{base}/wechat", f"{base}/tiktok")
    if args.api_douyin or args.api_wechat or args.api_tiktok:
        apis = PlatformApis(
            args.api_douyin or apis.douyin,
            args.api_wechat or apis.wechat,
            args.api_tiktok or apis.tiktok,
        )
    details = OrderDetails(secrets, apis)
    hub = Hub(journal, shows, secrets, details, rate=args.rate)
    app = hub.application()
    Board(journal, infos, secrets, hub.authorised).routes(app)
    stop = asyncio.Event()
    shop = None
    if args.rehearsal:
        from hostconsole.hub.rehearsal import RehearsalShop

        shop = RehearsalShop(secrets)
        app.add_subapp("/rehearsal", shop.platform_api())
    tls = None
    if args.tls_cert:
        import ssl

        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            tls.load_cert_chain(args.tls_cert, args.tls_key or None)
        except (OSError, ssl.SSLError) as error:
            print(f"error: the TLS certificate cannot be used: {error}", file=sys.stderr)
            await journal.close()
            if local is not None:
                await local.stop()
            return 1
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host or "127.0.0.1", int(port), reuse_address=True, ssl_context=tls)
    try:
        await site.start()
    except OSError as error:
        print(f"error: cannot listen on {args.listen}: {error.strerror}", file=sys.stderr)
        await runner.cleanup()
        await journal.close()
        if local is not None:
            await local.stop()
        return 1
    bound = runner.addresses[0][1] if runner.addresses else port
    scheme = "https" if tls is not None else "http"
    print(f"HUB {scheme}://{host or '127.0.0.1'}:{bound} nats {url}", flush=True)
    log.info("hub listening on %s:%s for %d show(s); NATS %s", host, bound, len(shows), url)
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(number, stop.set)
    seller = None
    if shop is not None and args.rehearsal_rate > 0:
        from hostconsole.hub.rehearsal import sell

        seller = loop.create_task(
            sell(shop, f"http://127.0.0.1:{bound}", shows, args.rehearsal_rate, stop), name="sell"
        )
    await stop.wait()
    if seller is not None:
        await seller
    await runner.cleanup()
    await details.close()
    await journal.close()
    if local is not None:
        await local.stop()
    return 0


def set_hub_secret(args: argparse.Namespace) -> int:
    if args.name not in HUB_SECRETS:
        print(
            f"error: unknown secret {args.name}; known: {', '.join(HUB_SECRETS)}", file=sys.stderr
        )
        return 2
    value = sys.stdin.readline().strip()
    if not value:
        print("error: give the value on standard input", file=sys.stderr)
        return 2
    try:
        set_secret(args.name, value)
    except SecretsUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"OK {args.name} stored in the keyring")
    return 0


def show_token(args: argparse.Namespace) -> int:
    """Print the show's console token, making one the first time."""
    try:
        show = load_show(args.show_file)
    except ShowFileError as error:
        print(error, file=sys.stderr)
        return 2
    if not show.id:
        print("error: a show fed by the hub needs an id", file=sys.stderr)
        return 2
    return _print_token(show_token_name(show.id), renew=args.new)


def board_token(args: argparse.Namespace) -> int:
    """Print (or make) a campaign's board token: viewer (read-only) or organiser."""
    name = (organiser_token_name if args.organiser else viewer_token_name)(args.campaign)
    return _print_token(name, renew=args.new)


def _print_token(name: str, *, renew: bool) -> int:
    """The token kept under ``name``, made (and kept) the first time or when renewed."""
    try:
        token = get_secret(name)
        if not token or renew:
            token = random_secrets.token_urlsafe(24)
            set_secret(name, token)
    except SecretsUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(token)
    return 0


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hub = commands.add_parser("hub", help="run the hub that hears the shops' order pushes")
    actions = hub.add_subparsers(dest="hub_action")
    secret = actions.add_parser("secret", help="store a platform secret (value on stdin)")
    secret.add_argument("name", help=", ".join(HUB_SECRETS))
    secret.set_defaults(handler=set_hub_secret)
    token = actions.add_parser("token", help="print (or make) a show's console token")
    token.add_argument("show_file")
    token.add_argument("--new", action="store_true", help="replace the token")
    token.set_defaults(handler=show_token)
    board = actions.add_parser("board-token", help="print (or make) a campaign's board token")
    board.add_argument("campaign")
    board.add_argument("--organiser", action="store_true", help="may message the presenters")
    board.add_argument("--new", action="store_true", help="replace the token")
    board.set_defaults(handler=board_token)
    hub.add_argument("--show", action="append", default=[], help="a show file or a folder")
    hub.add_argument(
        "--listen", default="127.0.0.1:8790", help="HOST:PORT (default 127.0.0.1:8790)"
    )
    hub.add_argument("--nats", default="", help="an existing NATS cluster (comma-separated URLs)")
    hub.add_argument("--replicas", type=int, default=1, help="JetStream replicas (3 in a cluster)")
    hub.add_argument("--data", default="hub-data", help="the local NATS server's store")
    hub.add_argument("--nats-port", type=int, default=0)
    hub.add_argument("--rate", type=float, default=500.0, help="requests/s per source address")
    hub.add_argument("--tls-cert", default="", help="serve HTTPS with this certificate (PEM)")
    hub.add_argument("--tls-key", default="", help="its private key (PEM), if not in the cert")
    hub.add_argument("--rehearsal", action="store_true", help="play the platforms too")
    hub.add_argument("--rehearsal-rate", type=float, default=0.0, help="rehearsal orders/min")
    hub.add_argument("--api-douyin", default="")
    hub.add_argument("--api-wechat", default="")
    hub.add_argument("--api-tiktok", default="")
    hub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    # httpx logs each request's URL at INFO; the platforms' APIs take tokens in the URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return asyncio.run(serve(args))
