"""The hub's HTTP side: the platforms' push addresses, each show's sales stream for its
console, and the router between them (inbox → orders) — on aiohttp, in one asyncio loop.

- ``POST /hooks/{douyin,wechat,tiktok,generic}`` (and WeChat's ``GET`` address check): verified
  by ``hub.platforms``, kept in JetStream, then answered as the platform expects.
- ``GET /shows/{show}/sales``: Server-Sent Events in the console's stream contract (``sale``,
  ``refund``, ``total``, ``heartbeat``; ``id`` = the orders stream's sequence, so
  ``Last-Event-ID`` resumes), with the show's token.
- ``GET /health``: what the hub is doing, without secrets.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

from hostconsole.domain.orders import (
    OrderStatus,
    Platform,
    Routed,
    ShopMapping,
    route,
    subject_token,
)
from hostconsole.hub.details import DetailsUnavailableError, OrderDetails
from hostconsole.hub.journal import Journal, decode_events, encode_events
from hostconsole.hub.platforms import (
    READERS,
    MessageRefusedError,
    Request,
    Secrets,
    wechat_echo,
)

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024  # an order message is a few kilobytes; a larger body is refused (413)
HEARTBEAT = 5.0  # a console calls its stream stale after 10 s without a word
STORE_TIMEOUT = 5.0  # a platform waits ~5 s; past this it hears 503 and retries later
MAX_STREAMS = 256  # consoles' event streams held at once


def show_token_name(show_id: str) -> str:
    return f"hub-show-token-{subject_token(show_id)}"


class Bucket(msgspec.Struct):
    tokens: float
    at: float


class RateLimit(msgspec.Struct):
    """Requests per second per source address, with a burst of twice that."""

    per_second: float
    buckets: dict[str, Bucket] = msgspec.field(default_factory=dict)

    def allow(self, source: str, now: float) -> bool:
        bucket = self.buckets.get(source)
        if bucket is None:
            if len(self.buckets) > 10_000:  # many sources: forget the idle ones
                self.buckets = {k: b for k, b in self.buckets.items() if now - b.at < 60}
            bucket = self.buckets[source] = Bucket(self.per_second * 2, now)
        bucket.tokens = min(
            self.per_second * 2, bucket.tokens + (now - bucket.at) * self.per_second
        )
        bucket.at = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


class Counters(msgspec.Struct):
    received: int = 0
    kept: int = 0
    duplicates: int = 0
    refused: int = 0
    routed: int = 0
    unrouted: int = 0
    waiting_for_details: int = 0


class Hub:
    """The hub's state: its shows, its journal, the router task, the HTTP application."""

    def __init__(
        self,
        journal: Journal,
        shows: dict[str, tuple[ShopMapping, ...]],
        secrets: Secrets,
        details: OrderDetails,
        *,
        rate: float = 500.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.journal = journal
        self.shows = shows
        self.secrets = secrets
        self.details = details
        self.limit = RateLimit(rate)
        self.now = now
        self.counters = Counters()
        self.streams = 0
        self._router: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    # --- the application ----------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post("/hooks/{platform}", self.hook)
        app.router.add_get("/hooks/wechat", self.wechat_check)
        app.router.add_get("/shows/{show}/sales", self.sales)
        app.router.add_get("/health", self.health)
        app.on_startup.append(self._start_router)
        app.on_cleanup.append(self._stop_router)
        return app

    async def _start_router(self, _app: web.Application) -> None:
        self._router = asyncio.get_running_loop().create_task(self.run_router(), name="router")

    async def _stop_router(self, _app: web.Application) -> None:
        self._stopping.set()
        if self._router is not None:
            self._router.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._router

    # --- the platforms' side --------------------------------------------------------------

    def _refuse(self, status: int, reason: str, source: str, platform: str) -> web.Response:
        self.counters.refused += 1
        log.warning("%s message from %s refused (%d): %s", platform, source, status, reason)
        return web.json_response({"error": reason}, status=status)

    @staticmethod
    def _source(request: web.Request) -> str:
        """Who sent it: behind the documented reverse proxy on this machine, the address the
        proxy appended to X-Forwarded-For (the last one: earlier ones are the sender's word)."""
        peer = request.remote or "?"
        forwarded = request.headers.get("X-Forwarded-For", "")
        if peer in ("127.0.0.1", "::1") and forwarded.strip():
            return forwarded.split(",")[-1].strip() or peer
        return peer

    async def hook(self, request: web.Request) -> web.StreamResponse:
        source = self._source(request)
        name = request.match_info["platform"]
        try:
            platform = Platform(name)
        except ValueError:
            raise web.HTTPNotFound(text=f"no platform '{name}'") from None
        self.counters.received += 1
        if not self.limit.allow(source, time.monotonic()):
            return self._refuse(429, "too many requests from this address", source, name)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return self._refuse(413, f"the body is over {MAX_BODY // 1024} KB", source, name)
        message = Request(
            request.method,
            {k.lower(): v for k, v in request.headers.items()},
            dict(request.query),
            body,
            self.now(),
        )
        try:
            accepted = READERS[platform](message, self.secrets)
        except MessageRefusedError as refused:
            return self._refuse(refused.status, str(refused), source, name)
        data = encode_events(accepted.message_id, message.received_at, accepted.events)
        try:
            kept = await asyncio.wait_for(
                self.journal.keep(platform, accepted.message_id, data), STORE_TIMEOUT
            )
        except Exception as error:  # NATS down or slow: the platform must send it again
            log.error("%s message %s not kept: %s", name, accepted.message_id, error)
            return web.json_response({"error": "the hub cannot store it now"}, status=503)
        if kept:
            self.counters.kept += 1
        else:
            self.counters.duplicates += 1
            log.info(
                "%s message %s was a repeat: answered, not kept again", name, accepted.message_id
            )
        return web.Response(body=accepted.answer, content_type=accepted.content_type)

    async def wechat_check(self, request: web.Request) -> web.Response:
        message = Request("GET", {}, dict(request.query), b"", self.now())
        try:
            echo = wechat_echo(message, self.secrets)
        except MessageRefusedError as refused:
            return self._refuse(refused.status, str(refused), request.remote or "?", "wechat")
        return web.Response(body=echo, content_type="text/plain")

    # --- the router ------------------------------------------------------------------------

    async def run_router(self) -> None:
        """Inbox → orders, in order; a message is acknowledged once its orders are filed."""
        reader = None
        generation = -1
        idle = 0
        while not self._stopping.is_set():
            try:
                if reader is None or generation != self.journal.generation:
                    if reader is not None:
                        with contextlib.suppress(Exception):
                            await reader.unsubscribe()
                    generation = self.journal.generation
                    reader = await self.journal.inbox_reader()
                try:
                    messages = await reader.fetch(512, timeout=1.0)
                except TimeoutError:
                    idle += 1
                    # Idle with messages waiting: the consumer moved (a node was lost) and
                    # this subscription's pulls go nowhere. A new one finds its new leader.
                    if idle >= 3 and await self.journal.inbox_pending() > 0:
                        log.warning("router: the inbox has messages but none came; resubscribing")
                        reader, idle = None, 0
                    continue
                idle = 0
                await self._route(messages)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.error("router: %s; trying again", error)
                reader = None
                await asyncio.sleep(1.0)

    async def _route(self, messages: list[Any]) -> None:
        filed: list[Routed] = []
        done = []
        for message in messages:
            _, events = decode_events(message.data)
            try:
                complete = [await self.details.complete(event) for event in events]
            except DetailsUnavailableError as error:
                self.counters.waiting_for_details += 1
                log.warning("%s", error)
                await message.nak(delay=10)
                continue
            for event in complete:
                routed = route(event, self.shows)
                if not routed:
                    self.counters.unrouted += 1
                    log.info(
                        "%s order %s (shop %s, room %s) is no show's: not counted",
                        event.platform.value,
                        event.order_id,
                        event.shop,
                        event.room or "-",
                    )
                filed += routed
            done.append(message)
        if filed:
            try:
                await self.journal.file(filed)
            except BaseException:
                for message in done:  # back to the inbox at once, to be routed again
                    with contextlib.suppress(Exception):
                        await message.nak()
                raise
            self.counters.routed += len(filed)
        for message in done:
            await message.ack()

    # --- the consoles' side ------------------------------------------------------------------

    def authorised(self, request: web.Request, show: str) -> bool:
        expected = self.secrets(show_token_name(show))
        given = request.headers.get("Authorization", "")
        if not expected or not given.startswith("Bearer "):
            return False
        return hmac.compare_digest(expected.encode(), given[7:].strip().encode())

    async def sales(self, request: web.Request) -> web.StreamResponse:
        show = request.match_info["show"]
        if show not in self.shows:
            raise web.HTTPNotFound(text=f"no show '{show}' on this hub")
        if not self.authorised(request, show):
            await asyncio.sleep(0.5)  # a wrong token costs the guesser time
            raise web.HTTPUnauthorized(text="the show's token is required")
        if self.streams >= MAX_STREAMS:
            raise web.HTTPServiceUnavailable(text="too many streams", headers={"Retry-After": "2"})
        after_text = request.headers.get("Last-Event-ID", request.query.get("after", "0"))
        after = int(after_text) if after_text.isdigit() else 0
        queue: asyncio.Queue[tuple[int, int, Routed]] = asyncio.Queue(maxsize=10_000)
        try:
            subscription = await self.journal.follow(show, after, queue)
        except Exception as error:  # NATS is electing a leader, or away: the console retries
            log.warning("the sales stream of %s cannot be read now: %s", show, error)
            raise web.HTTPServiceUnavailable(
                text="the hub cannot read its orders now", headers={"Retry-After": "2"}
            ) from None
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        self.streams += 1
        try:
            await response.prepare(request)
            await self._serve(response, queue, fresh=after == 0)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.streams -= 1
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()
        return response

    async def _serve(
        self,
        response: web.StreamResponse,
        queue: asyncio.Queue[tuple[int, int, Routed]],
        *,
        fresh: bool,
    ) -> None:
        # A console that starts afresh hears every order from the start: each sale then
        # carries the running total of distinct paid orders so far, in order with the sales,
        # which tells the console nothing came before them (an empty show: a total of 0).
        paid: dict[str, int] = {}
        running = 0
        told_total = not fresh
        await response.write(b"event: heartbeat\ndata: {}\n\n")
        while True:
            try:
                sequence, _pending, order = await asyncio.wait_for(queue.get(), HEARTBEAT)
            except TimeoutError:
                if not told_total:
                    await response.write(_event("total", {"sold": running}))
                    told_total = True
                await response.write(b"event: heartbeat\ndata: {}\n\n")
                continue
            body: dict[str, Any] = {
                "order_id": order.order_id,
                "quantity": order.quantity,
                "product": order.product,
                "emitted_at": order.at,
            }
            if order.status is OrderStatus.PAID:
                running += order.quantity - paid.get(order.order_id, 0)
                paid[order.order_id] = order.quantity
                if fresh:
                    body["total"] = running
                    told_total = True
                await response.write(_event("sale", body, sequence))
            else:
                body["reason"] = order.status.value
                await response.write(_event("refund", body, sequence))

    async def health(self, _request: web.Request) -> web.Response:
        counters = self.counters
        nc = self.journal.nc
        # What is still on its way: kept but not routed, and each show's last filed order
        # (a console whose stream reached it has everything). Unknown while NATS is away.
        waiting: int | None = None
        last: dict[str, int] = {}
        with contextlib.suppress(Exception):
            waiting = await asyncio.wait_for(self.journal.inbox_pending(), 2)
            for show_id in sorted(self.shows):
                last[show_id] = await asyncio.wait_for(self.journal.orders_last(show_id), 2)
        return web.json_response(
            {
                "nats": bool(nc is not None and nc.is_connected),
                "shows": sorted(self.shows),
                "streams": self.streams,
                "received": counters.received,
                "kept": counters.kept,
                "duplicates": counters.duplicates,
                "refused": counters.refused,
                "routed": counters.routed,
                "unrouted": counters.unrouted,
                "waiting_for_details": counters.waiting_for_details,
                "details_fetched": self.details.fetched,
                "inbox_waiting": waiting,
                "orders_last": last,
            }
        )


def _event(kind: str, body: dict[str, Any], sequence: int | None = None) -> bytes:
    head = f"id: {sequence}\n" if sequence is not None else ""
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return f"{head}event: {kind}\ndata: {data}\n\n".encode()
