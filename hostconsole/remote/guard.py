"""The control API's defences before any request is read: a deadline for a request's head, a
connection limit below the process's descriptor limit, back-off for wrong tokens, and
accept() failures logged once a minute rather than rotating the logs away."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web
from aiohttp.web_server import Server

if TYPE_CHECKING:
    import asyncio

    from aiohttp.web_protocol import RequestHandler

log = logging.getLogger(__name__)

MIN_TOKEN_LENGTH = 16  # a token beyond loopback guards the show: no short passwords
MAX_CONNECTIONS = 512


class Limits(msgspec.Struct, frozen=True):
    head_seconds: float = 10.0  # connected to request line and headers read
    body_seconds: float = 10.0  # a request's body arrives within this, or it is refused
    keepalive_seconds: float = 15.0  # idle between requests on one connection
    max_connections: int = MAX_CONNECTIONS  # open at once; more are closed as they arrive
    failures_before_backoff: int = 5  # wrong tokens from one address before it waits
    max_backoff_seconds: float = 60.0


def connection_limit(wanted: int) -> int:
    """At most half the descriptors this process may open (feeds, OBS, logs need the rest)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return wanted
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(min(wanted, soft // 2), 8)


class _Once:
    """Say a repeated thing at most once a minute, with how often it happened meanwhile."""

    def __init__(self, every: float = 60.0) -> None:
        self.every = every
        self._last = 0.0
        self._since = 0

    def __call__(self, level: int, message: str, *args: Any) -> None:
        self._since += 1
        now = time.monotonic()
        if now - self._last < self.every:
            return
        suffix = f" ({self._since} times in the last minute)" if self._since > 1 else ""
        log.log(level, message + suffix, *args)
        self._last, self._since = now, 0


class GuardedServer(Server):
    """aiohttp's connection manager, closing connections that never send a request head in
    time and refusing connections beyond the limit the moment they arrive."""

    def __init__(self, original: Server, limits: Limits) -> None:
        super().__init__(
            original.request_handler,
            request_factory=self._started_request,
            handler_cancellation=original.handler_cancellation,
            **original._kwargs,
        )
        self._factory = original.request_factory
        self.limits = limits
        # Connections that have not sent a request head yet, oldest first.
        self._waiting: OrderedDict[RequestHandler, None] = OrderedDict()
        self.refused = 0
        self.evicted = 0
        self.timed_out = 0
        self._say_full = _Once()

    def _started_request(self, message: Any, payload: Any, protocol: Any, *rest: Any) -> Any:
        self._waiting.pop(protocol, None)  # its first request head arrived in time
        return self._factory(message, payload, protocol, *rest)

    def connection_made(self, handler: RequestHandler, transport: asyncio.Transport) -> None:
        if len(self._connections) >= self.limits.max_connections:
            # Full: the oldest connection that has sent nothing makes room (a flood of idle
            # sockets then only ever displaces itself, and a real client gets in).
            if self._waiting:
                oldest, _ = self._waiting.popitem(last=False)
                self.evicted += 1
                self._abort(oldest)
            else:
                self.refused += 1
                self._say_full(
                    logging.WARNING,
                    "control API: %d connections open and busy, the most it keeps; "
                    "new ones are closed",
                    self.limits.max_connections,
                )
                transport.abort()
                return
        super().connection_made(handler, transport)
        self._waiting[handler] = None
        self._loop.call_later(self.limits.head_seconds, self._head_due, handler)

    def connection_lost(self, handler: RequestHandler, exc: BaseException | None = None) -> None:
        self._waiting.pop(handler, None)
        super().connection_lost(handler, exc)

    def _abort(self, handler: RequestHandler) -> None:
        transport = self._connections.pop(handler, None)
        if transport is not None:
            transport.abort()

    def _head_due(self, handler: RequestHandler) -> None:
        if handler in self._waiting:  # connected, and no request in time: idle or slowloris
            del self._waiting[handler]
            self.timed_out += 1
            self._abort(handler)


class GuardedRunner(web.AppRunner):
    """An AppRunner whose server is the GuardedServer."""

    def __init__(self, app: web.Application, limits: Limits, **kwargs: Any) -> None:
        super().__init__(app, keepalive_timeout=limits.keepalive_seconds, **kwargs)
        self.limits = limits

    async def _make_server(self) -> Server:
        return GuardedServer(await super()._make_server(), self.limits)


class TokenBackoff:
    """Wrong tokens from one address: after a few, that address waits, doubling each time
    (answered 429 at once, without comparing anything)."""

    def __init__(self, limits: Limits, remembered: int = 1024) -> None:
        self.limits = limits
        self._remembered = remembered
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def wait_for(self, address: str) -> float:
        """Seconds this address must still wait (0: it may try)."""
        failures, until = self._failures.get(address, (0, 0.0))
        return max(until - time.monotonic(), 0.0) if failures else 0.0

    def failed(self, address: str) -> None:
        failures, _until = self._failures.pop(address, (0, 0.0))
        failures += 1
        extra = failures - self.limits.failures_before_backoff
        wait = 0.0 if extra < 0 else min(2.0**extra, self.limits.max_backoff_seconds)
        self._failures[address] = (failures, time.monotonic() + wait)
        while len(self._failures) > self._remembered:
            self._failures.popitem(last=False)

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)


class AcceptErrorFilter(logging.Filter):
    """asyncio logs every failed accept() (out of descriptors) with a traceback: keep one a
    minute, so a flood cannot rotate the show's logs away."""

    def __init__(self) -> None:
        super().__init__()
        self._last = 0.0
        self.dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if "accept" not in record.getMessage():
            return True
        now = time.monotonic()
        if now - self._last < 60.0:
            self.dropped += 1
            return False
        self._last = now
        record.exc_info = None  # the cause is named in the message; no traceback per flood
        record.exc_text = None
        return True


_accept_filter = AcceptErrorFilter()


# Where the loop's exception handler logs: asyncio's own, and qasync's loop (the app's).
_LOOP_LOGGERS = ("asyncio", "qasync", "qasync._QEventLoop")


def collapse_accept_errors() -> None:
    """Installed once, on the loggers the event loops report with (a logger's filter sees
    only its own records, not its children's)."""
    for name in _LOOP_LOGGERS:
        logger = logging.getLogger(name)
        if _accept_filter not in logger.filters:
            logger.addFilter(_accept_filter)
