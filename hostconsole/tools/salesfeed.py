"""``hostconsole-salesfeed``: a rehearsal sales platform that sells vouchers on a schedule.

Serves the two shapes a real platform offers — a JSON total to poll and a Server-Sent
Events stream of orders — with a configurable rate, bursts, and the faults a show must
survive (HTTP 500s, hangs, garbage, dropped streams, totals going backwards, duplicate
orders...). Producers rehearse with it; the test suite and ``scripts/demo`` use it too.
Faults can be switched at run time with ``POST /control``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

if TYPE_CHECKING:
    from collections.abc import Sequence

FAULTS = {
    "http-500": "poll answers HTTP 500",
    "http-404": "poll answers HTTP 404",
    "hang": "poll never answers (the client must time out)",
    "garbage": "poll answers with text that is not JSON",
    "missing-pointer": "poll JSON lacks data.sold",
    "string-count": 'poll reports the count as text ("12")',
    "negative-count": "poll reports a negative count",
    "fractional-count": "poll reports a fractional count (12.5)",
    "huge-body": "poll answers with a 100 MB body",
    "backwards": "the reported total drops by 3",
    "duplicates": "each sale is sent twice with the same order id",
    "malformed-sse": "the stream interleaves malformed events",
    "stream-500": "the stream answers HTTP 500",
    "poison-sse": "each sale is followed by events that are JSON but not a sale: an order id "
    "with a lone surrogate, a quantity of 1e400, a product id of 300 characters, JSON nested "
    "5,000 deep",
    "no-totals": "the stream sends neither totals nor a running total with each sale",
    "total-on-reconnect": "the stream sends its total on every connect, also when it resumes "
    "after Last-Event-ID (before replaying the sales missed)",
    "totals-ahead": "the stream sends its total every second, computed when sent, and each "
    "sale half a second after it was made",
    "no-running-totals": "sales carry no running total (total events still come)",
}

# Events that parse as JSON text but must never be counted (the poison-sse fault).
POISON_EVENTS = (
    '{"order_id": "\\ud800BAD-%d", "quantity": 1}',
    '{"order_id": "HUGE-%d", "quantity": 1e400}',
    '{"order_id": "LONG-%d", "quantity": 1, "product": "' + "p" * 300 + '"}',
    '{"order_id": "DEEP-%d", "quantity": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}",
)


DEFAULT_PRODUCTS: tuple[str, ...] = ("m5", "x7", "mini")  # the demo show's products


class FeedConfig(msgspec.Struct):
    rate: float = 0.5  # sales per second
    burst: int = 0  # extra sales every burst_every seconds
    burst_every: float = 30.0
    start: int = 0
    token: str | None = None
    products: tuple[str, ...] = DEFAULT_PRODUCTS
    faults: set[str] = msgspec.field(default_factory=set)
    heartbeat: float = 2.0
    drop_stream_every: int = 0  # close each stream after this many events (0: never)
    poison_every: int = 0  # after every Nth sale, one event that must not be counted (0: never)


class Sale(msgspec.Struct):
    seq: int
    order_id: str
    product: str
    total: int
    emitted_at: float


class SalesFeed:
    """The simulated platform: sells on a clock and serves poll and stream clients."""

    def __init__(self, config: FeedConfig) -> None:
        self.config = config
        self.sold = config.start
        self.sales: list[Sale] = []
        self.events_sent = 0
        self.polls = 0
        self.stream_connections = 0
        self.comments: list[dict[str, str]] = []  # viewers' comments, sent as event: comment
        self._new_sale = asyncio.Condition()
        self._generation = 0  # bumped to close every open stream at once
        self._random = random.Random(20261128)  # noqa: S311 - rehearsal data, not security

    # --- selling ---------------------------------------------------------------------------

    async def sell(self, count: int = 1, product_id: str | None = None) -> None:
        now = time.time()
        for _ in range(count):
            self.sold += 1
            seq = len(self.sales) + 1
            product = product_id
            if product is None:
                product = self._random.choice(self.config.products) if self.config.products else ""
            self.sales.append(Sale(seq, f"JD-{seq:07d}", product, self.sold, now))
        async with self._new_sale:
            self._new_sale.notify_all()

    async def run_clock(self) -> None:
        """Sell at ``rate`` per second, by elapsed time (a slow tick sells more), plus bursts."""
        owed = 0.0
        last = time.monotonic()
        last_burst = last
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            owed += self.config.rate * (now - last)
            last = now
            whole = int(owed)
            owed -= whole
            if self.config.burst and now - last_burst >= self.config.burst_every:
                whole += self.config.burst
                last_burst = now
            if whole:
                await self.sell(whole)

    def reported_total(self) -> int:
        return self.sold - 3 if "backwards" in self.config.faults else self.sold

    # --- HTTP ------------------------------------------------------------------------------

    def _authorized(self, request: web.Request) -> bool:
        if not self.config.token:
            return True
        return request.headers.get("Authorization") == f"Bearer {self.config.token}"

    async def poll(self, request: web.Request) -> web.StreamResponse:
        self.polls += 1
        if not self._authorized(request):
            return web.json_response({"error": "invalid token"}, status=401)
        faults = self.config.faults
        if "hang" in faults:
            await asyncio.sleep(3600)
        if "http-500" in faults:
            return web.json_response({"error": "internal error"}, status=500)
        if "http-404" in faults:
            return web.json_response({"error": "not found"}, status=404)
        if "garbage" in faults:
            return web.Response(text="<html>502 Bad Gateway</html>", content_type="text/html")
        if "huge-body" in faults:
            return await self._huge(request)
        total: Any = self.reported_total()
        if "string-count" in faults:
            total = str(total)
        elif "negative-count" in faults:
            total = -total - 1
        elif "fractional-count" in faults:
            total = total + 0.5
        data: dict[str, Any] = {"updated_at": time.time()}
        if "missing-pointer" not in faults:
            data["sold"] = total
        etag = f'W/"{json.dumps(total)}-{"m" if "missing-pointer" in faults else ""}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.json_response({"data": data}, headers={"ETag": etag})

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = 100 * 1024 * 1024
        await response.prepare(request)
        chunk = b" " * (1024 * 1024)
        with contextlib.suppress(ConnectionError):
            for _ in range(100):
                await response.write(chunk)
        return response

    async def stream(self, request: web.Request) -> web.StreamResponse:
        if not self._authorized(request):
            return web.json_response({"error": "invalid token"}, status=401)
        if "stream-500" in self.config.faults:
            return web.json_response({"error": "internal error"}, status=500)
        self.stream_connections += 1
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        last = request.headers.get("Last-Event-ID", "")
        position = int(last) if last.isdigit() else len(self.sales)
        faults = self.config.faults
        if "no-totals" not in faults and (not last or "total-on-reconnect" in faults):
            # A fresh subscriber learns the running total at once (the sales it missed).
            await response.write(self._total_event())
        sent_here = 0
        generation = self._generation
        comments_seen = len(self.comments)
        total_sent = time.monotonic()
        try:
            while True:
                if self._generation != generation:
                    break
                ahead = "totals-ahead" in self.config.faults
                if ahead and time.monotonic() - total_sent >= 1.0:
                    await response.write(self._total_event())
                    total_sent = time.monotonic()
                if comments_seen < len(self.comments):
                    for comment in self.comments[comments_seen:]:
                        data = json.dumps(comment, ensure_ascii=False)
                        await response.write(f"event: comment\ndata: {data}\n\n".encode())
                    comments_seen = len(self.comments)
                pending = self.sales[position:]
                if ahead:  # each sale goes out half a second after it was made
                    due = time.time() - 0.5
                    ready = 0
                    while ready < len(pending) and pending[ready].emitted_at <= due:
                        ready += 1
                    pending = pending[:ready]
                if not pending and ahead:
                    await asyncio.sleep(0.05)  # the next sale falls due, or the next total
                    continue
                if not pending:
                    async with self._new_sale:
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(self._new_sale.wait(), self.config.heartbeat)
                    if len(self.sales) == position and comments_seen == len(self.comments):
                        await response.write(b"event: heartbeat\ndata: {}\n\n")
                    continue
                chunks = []
                for sale in pending:
                    chunks.append(self._sale_event(sale))
                    if "duplicates" in self.config.faults:
                        chunks.append(self._sale_event(sale))
                    if "malformed-sse" in self.config.faults:
                        chunks.append(b"event: sale\ndata: {not json\n\n")
                        chunks.append(b'event: sale\ndata: {"quantity": 1}\n\n')
                    if "poison-sse" in self.config.faults:
                        for poison in POISON_EVENTS:
                            chunks.append(f"event: sale\ndata: {poison % sale.seq}\n\n".encode())
                    poison_every = self.config.poison_every
                    if poison_every and sale.seq % poison_every == 0:
                        kind = (sale.seq // poison_every) % len(POISON_EVENTS)
                        poison = POISON_EVENTS[kind]
                        chunks.append(f"event: sale\ndata: {poison % sale.seq}\n\n".encode())
                    sent_here += 1
                    self.events_sent += 1
                position += len(pending)
                await response.write(b"".join(chunks))
                every = self.config.drop_stream_every
                if every and sent_here >= every:
                    break
        except (ConnectionError, asyncio.CancelledError):
            pass
        return response

    def _sale_event(self, sale: Sale) -> bytes:
        body = {
            "order_id": sale.order_id,
            "quantity": 1,
            "product": sale.product,
            "total": sale.total,
            "emitted_at": sale.emitted_at,
        }
        if self.config.faults & {"no-totals", "no-running-totals"}:
            del body["total"]
        return f"id: {sale.seq}\nevent: sale\ndata: {json.dumps(body)}\n\n".encode()

    def _total_event(self) -> bytes:
        return f"event: total\ndata: {json.dumps({'sold': self.reported_total()})}\n\n".encode()

    async def control(self, request: web.Request) -> web.Response:
        if request.method == "POST":
            try:
                body = await request.json()
            except ValueError:
                return web.json_response({"error": "expected JSON"}, status=400)
            unknown = set(body.get("faults", [])) - set(FAULTS)
            if unknown:
                return web.json_response({"error": f"unknown faults {sorted(unknown)}"}, status=400)
            if "faults" in body:
                self.config.faults = set(body["faults"])
            for key in ("rate", "burst", "burst_every", "drop_stream_every", "poison_every"):
                if key in body:
                    setattr(self.config, key, body[key])
            if "token" in body:
                self.config.token = body["token"] or None
            if body.get("reset"):
                self.sold = self.config.start
                self.sales.clear()
                self.events_sent = self.polls = self.stream_connections = 0
            if body.get("drop_streams"):
                self._generation += 1
                async with self._new_sale:
                    self._new_sale.notify_all()
            if body.get("sell"):
                product = body.get("product")
                await self.sell(int(body["sell"]), str(product) if product else None)
            if body.get("comment"):
                # {"comment": {"user": "…", "text": "…"}}: a viewer comments (rehearsal).
                comment = body["comment"]
                if not isinstance(comment, dict):
                    return web.json_response({"error": "comment must be an object"}, status=400)
                number = len(self.comments) + 1
                self.comments.append(
                    {"id": f"c{number}", **{k: str(v) for k, v in comment.items()}}
                )
                async with self._new_sale:
                    self._new_sale.notify_all()
        state = msgspec.structs.asdict(self.config)
        state["faults"] = sorted(self.config.faults)
        state["token"] = bool(self.config.token)
        return web.json_response(
            {
                "config": state,
                "sold": self.sold,
                "events_sent": self.events_sent,
                "polls": self.polls,
                "stream_connections": self.stream_connections,
            }
        )


def build_app(feed: SalesFeed) -> web.Application:
    app = web.Application()
    app.router.add_get("/api/sales", feed.poll)
    app.router.add_get("/api/sales/stream", feed.stream)
    app.router.add_route("*", "/control", feed.control)
    return app


async def serve(feed: SalesFeed, host: str, port: int, ready: bool = True) -> None:
    # Open streams and hanging polls must not hold up a stop.
    runner = web.AppRunner(build_app(feed), handle_signals=False, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    sockets = getattr(site, "_server", None)
    bound = sockets.sockets[0].getsockname()[1] if sockets and sockets.sockets else port
    if ready:
        # One line a script can wait for; the port matters when 0 was asked for.
        print(json.dumps({"listening": f"http://{host}:{bound}", "port": bound}), flush=True)
    clock = asyncio.get_running_loop().create_task(feed.run_clock(), name="salesfeed-clock")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        clock.cancel()
        await runner.cleanup()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="hostconsole-salesfeed",
        description="A rehearsal sales platform: a JSON total at /api/sales (count at "
        "/data/sold), an SSE stream of orders at /api/sales/stream, and POST /control "
        "to change rate and faults while it runs.",
        epilog='POST /control takes JSON: {"sell": N} sells N at once (with "product": ID, '
        'that product); {"rate": R}, '
        '{"burst": N}, {"faults": [...]} change the pace and faults; {"comment": '
        '{"user": "…", "text": "…"}} sends a viewer\'s comment (event: comment) '
        'to every stream; {"reset": true} starts again from --start. '
        "faults: " + "; ".join(f"{name}: {text}" for name, text in FAULTS.items()),
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any)")
    parser.add_argument("--rate", type=float, default=0.5, help="sales per second (default 0.5)")
    parser.add_argument("--burst", type=int, default=0, help="extra sales in each burst")
    parser.add_argument("--burst-every", type=float, default=30.0, help="seconds between bursts")
    parser.add_argument("--start", type=int, default=0, help="vouchers already sold at start")
    parser.add_argument("--token", help="require 'Authorization: Bearer TOKEN'")
    parser.add_argument(
        "--fault", action="append", default=[], choices=sorted(FAULTS), help="enable a fault"
    )
    parser.add_argument(
        "--drop-stream-every", type=int, default=0, help="close each stream after N events"
    )
    parser.add_argument(
        "--show",
        metavar="SHOW",
        help="sell this show's own products (their ids go with each sale), not the demo's",
    )
    args = parser.parse_args(argv)
    products = DEFAULT_PRODUCTS
    if args.show:
        # Only the products' ids are wanted: read as plain YAML (a stand-in platform knows
        # nothing of the console's show model).
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            data = YAML(typ="safe").load(Path(args.show).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError) as error:
            print(f"{args.show}: cannot be read ({error})", file=sys.stderr)
            return 2
        listed = data.get("products") if isinstance(data, dict) else None
        products = tuple(
            str(item["id"])
            for item in (listed if isinstance(listed, list) else [])
            if isinstance(item, dict) and item.get("id") not in (None, "")
        )
        if not products:
            print(f"{args.show}: the show has no products to sell", file=sys.stderr)
            return 2
    config = FeedConfig(
        rate=args.rate,
        burst=args.burst,
        burst_every=args.burst_every,
        start=args.start,
        token=args.token,
        faults=set(args.fault),
        drop_stream_every=args.drop_stream_every,
        products=products,
    )
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {args.host}, reachable from other machines", file=sys.stderr)
    asyncio.run(serve(SalesFeed(config), args.host, args.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
