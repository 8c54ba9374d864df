"""The two HTTP feeds: poll a JSON total every N seconds, or follow an SSE stream of sales.

Each feed runs as one named asyncio task, hands what it reads to a sink (the voucher
counter, which commits it to the ledger), and publishes an honest FeedStatus: live, error
(retrying with backoff), or unauthorized (stopped until a new token).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from collections.abc import Callable
from typing import Any

import httpx
from httpx_sse import SSEError, aconnect_sse

from hostconsole.adapters.sales.http import (
    ResponseTooLargeError,
    bearer,
    describe_error,
    describe_status,
    read_bounded,
)
from hostconsole.adapters.sales.model import (
    CommentSeen,
    Fallback,
    FeedState,
    FeedStatus,
    Observation,
    Order,
    OrdersSeen,
    RefundSeen,
    Rejected,
    Sink,
    StatusListener,
    TotalSeen,
)
from hostconsole.adapters.storage.ledger_db import payload_hash
from hostconsole.domain.announcer import Announcer
from hostconsole.domain.ledger import (
    STREAM_SETTLED_SOURCE,
    STREAM_SOURCE,
    STREAM_TOTAL_SOURCE,
    parse_count,
    resolve_pointer,
)
from hostconsole.domain.said import Said
from hostconsole.domain.text import without_bidi_controls

log = logging.getLogger(__name__)

MAX_ID_LENGTH = 200  # order, product and event ids longer than this are not ids
# How often a stream's own running total (sent with each sale) is recorded to reconcile
# the count with the platform: the first one at once, then at most this often.
RECONCILE_EVERY = 30.0
# A total event on its own is settled (counted as a floor) once this long has passed on the
# same connection with no sale arriving: the sales it included that were on their way by then
# have arrived. Platforms whose sales carry their running total never need this.
SETTLE_QUIET_SECONDS = 3.0

Now = Callable[[], float]
TokenSource = Callable[[], str | None]


class _Feed:
    """Status bookkeeping and the task shared by both feeds."""

    kind = "feed"

    def __init__(self, sink: Sink, now: Now, stale_after: float) -> None:
        self._sink = sink
        self._now = now
        self._task: asyncio.Task[None] | None = None
        self._status_changed: Announcer[FeedStatus] = Announcer("a sales feed state")
        self._token_changed = asyncio.Event()
        self.waiting_for_token = False  # refused: asks nothing until token_changed()
        self.status = FeedStatus(self.kind, FeedState.STOPPED, "not started", None, stale_after)

    def add_status_listener(self, listener: StatusListener) -> None:
        self._status_changed.connect(listener)

    def _publish(self, state: FeedState, message: str = "", *, ok: bool = False) -> None:
        last_ok = self._now() if ok else self.status.last_ok_at
        status = FeedStatus(self.kind, state, message, last_ok, self.status.stale_after)
        changed = (status.state, status.message) != (self.status.state, self.status.message)
        self.status = status
        if changed:
            level = logging.INFO if state is FeedState.LIVE else logging.WARNING
            log.log(level, "%s", Said("log.feed-state", self.kind, state.value, message))
        self._status_changed.emit(status)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._publish(FeedState.STARTING, Said("feed.starting"))
            self._task = asyncio.get_running_loop().create_task(
                self._run(), name=f"sales-{self.kind}-feed"
            )

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._publish(FeedState.STOPPED, Said("feed.stopped"))

    def token_changed(self) -> None:
        """A new token was stored: leave the unauthorized state and try again."""
        self._token_changed.set()

    async def _wait_for_new_token(self, message: str) -> None:
        self._publish(FeedState.UNAUTHORIZED, message)
        self._token_changed.clear()
        self.waiting_for_token = True
        try:
            await self._token_changed.wait()
        finally:
            self.waiting_for_token = False

    async def _run(self) -> None:
        raise NotImplementedError


class PollFeed(_Feed):
    """GET a URL every ``interval`` seconds and read the count at a JSON pointer."""

    kind = "poll"

    def __init__(
        self,
        client: httpx.AsyncClient,
        url: str,
        pointer: str,
        sink: Sink,
        *,
        interval: float = 2.0,
        token: TokenSource = lambda: None,
        now: Now = time.time,
        max_backoff: float = 30.0,
    ) -> None:
        super().__init__(sink, now, stale_after=3 * interval)
        self.client = client
        self.url = url
        self.pointer = pointer
        self.interval = interval
        self._token = token
        self._etag: str | None = None
        self._max_backoff = max_backoff

    async def poll_once(self) -> bool:
        """One request; True when it produced a good answer (new or unchanged)."""
        headers = bearer(self._token)
        if self._etag:
            headers["If-None-Match"] = self._etag
        try:
            async with self.client.stream("GET", self.url, headers=headers) as response:
                if response.status_code == 304:
                    self._publish(FeedState.LIVE, Said("feed.unchanged"), ok=True)
                    return True
                if response.status_code in (401, 403):
                    raise _UnauthorizedError(describe_status(response.status_code))
                if response.status_code != 200:
                    self._publish(FeedState.ERROR, describe_status(response.status_code))
                    return False
                body = await read_bounded(response)
                etag = response.headers.get("etag")
        except (httpx.HTTPError, ResponseTooLargeError) as error:
            self._publish(FeedState.ERROR, describe_error(error, self.url))
            return False
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            preview = body[:40].decode("utf-8", "replace")
            self._publish(FeedState.ERROR, Said("feed.not-json", repr(preview)))
            return False
        try:
            total = parse_count(resolve_pointer(document, self.pointer))
        except KeyError:
            self._publish(FeedState.ERROR, Said("feed.no-value", self.pointer))
            return False
        except ValueError as error:
            self._publish(FeedState.ERROR, Said("feed.bad-value", str(error), self.pointer))
            return False
        await self._sink(TotalSeen(total, payload_hash(body), "poll"))
        self._etag = etag
        self._publish(FeedState.LIVE, Said("feed.total", total), ok=True)
        return True

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                ok = await self.poll_once()
            except _UnauthorizedError as refused:
                await self._wait_for_new_token(refused.said)
                continue
            failures = 0 if ok else failures + 1
            delay = (
                self.interval if ok else min(self.interval * 2 ** (failures - 1), self._max_backoff)
            )
            await asyncio.sleep(delay)


class _UnauthorizedError(Exception):
    def __init__(self, said: Said) -> None:
        super().__init__(said)
        self.said = said


MAX_COMMENT_LENGTH = 200  # a viewer's question, as the presenter can read it out


class StreamFeed(_Feed):
    """Follow a Server-Sent Events stream of sales; resume with Last-Event-ID after a drop,
    polling meanwhile when a poll feed is given."""

    kind = "stream"

    def __init__(
        self,
        client: httpx.AsyncClient,
        url: str,
        sink: Sink,
        *,
        token: TokenSource = lambda: None,
        fallback: Fallback | None = None,
        now: Now = time.time,
        stale_after: float = 10.0,
        max_backoff: float = 5.0,
        resume_after: str = "",
        on_comment: Callable[[CommentSeen], None] | None = None,
    ) -> None:
        super().__init__(sink, now, stale_after=stale_after)
        self.on_comment = on_comment
        self.client = client
        self.url = url
        self._token = token
        self.fallback = fallback
        self.last_event_id = resume_after
        # A stream that starts afresh (nothing to resume after) cannot know the sales made
        # before it connected; until the platform sends a total, the screen says so.
        self.started_fresh = not resume_after
        self.first_connected_at: float | None = None
        self.totals_seen = 0  # totals that reconciled the count (in order, or settled)
        self._last_total_at: float | None = None
        # Total events not yet reconciled by a sale's running total or by a quiet spell.
        self._claims: list[int] = []
        self._settling: asyncio.Task[None] | None = None
        self.settle_quiet = SETTLE_QUIET_SECONDS
        self.malformed = 0
        self.reconnects = 0
        self._max_backoff = max_backoff

    async def _run(self) -> None:
        failures = 0
        try:
            while True:
                try:
                    received = await self._follow()
                except _UnauthorizedError as refused:
                    await self._fallback_on()
                    await self._wait_for_new_token(refused.said)
                    continue
                except (httpx.HTTPError, SSEError, ResponseTooLargeError) as error:
                    self._publish(
                        FeedState.ERROR, Said("feed.stream", describe_error(error, self.url))
                    )
                    received = False
                failures = 0 if received else failures + 1
                self.reconnects += 1
                await self._fallback_on()
                await asyncio.sleep(min(0.25 * 2 ** max(failures - 1, 0), self._max_backoff))
        finally:
            await self._fallback_off()

    async def _fallback_on(self) -> None:
        if self.fallback is not None and self.fallback.status.state is FeedState.STOPPED:
            self.fallback.start()

    async def _fallback_off(self) -> None:
        if self.fallback is not None and self.fallback.status.state is not FeedState.STOPPED:
            await self.fallback.stop()

    async def _follow(self) -> bool:
        """Read the stream until it ends; True if at least one event arrived."""
        headers = bearer(self._token)
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        timeout = httpx.Timeout(connect=3.0, read=self.status.stale_after, write=5.0, pool=5.0)
        received = False
        async with aconnect_sse(
            self.client, "GET", self.url, headers=headers, timeout=timeout
        ) as source:
            status = source.response.status_code
            if status in (401, 403):
                raise _UnauthorizedError(describe_status(status))
            if status != 200:
                self._publish(FeedState.ERROR, Said("feed.stream", describe_status(status)))
                return False
            if self.first_connected_at is None:
                self.first_connected_at = self._now()
            self._publish(FeedState.LIVE, Said("feed.connected"), ok=True)
            await self._fallback_off()
            async for event in source.aiter_sse():
                received = True
                if event.id:
                    self.last_event_id = event.id
                if event.event == "heartbeat":
                    self._publish(FeedState.LIVE, Said("feed.live"), ok=True)
                    continue
                if event.event == "comment":
                    comment = self._comment(event.data, event.id)
                    if comment is not None and self.on_comment is not None:
                        self.on_comment(comment)
                    continue
                for observation in self._parse(event.event, event.data, event.id):
                    if isinstance(observation, Rejected):
                        self.malformed += 1
                    elif isinstance(observation, TotalSeen):
                        if observation.source != STREAM_TOTAL_SOURCE:
                            self.totals_seen += 1
                    elif self._claims and self._settling is not None:
                        self._settle_when_quiet()  # a sale: the quiet spell starts again
                    await self._sink(observation)
                message = (
                    Said("feed.live-quarantined", self.malformed)
                    if self.malformed
                    else Said("feed.live")
                )
                self._publish(FeedState.LIVE, message, ok=True)
        self._publish(FeedState.ERROR, Said("feed.ended"))
        self._drop_claims()  # a platform says its total again when the stream reconnects
        return received

    def _settle_when_quiet(self) -> None:
        """(Re)start the quiet spell after which the pending total events are settled."""
        if self._settling is not None:
            self._settling.cancel()
        self._settling = asyncio.get_running_loop().create_task(
            self._settle_after(self.settle_quiet), name="stream-total-settle"
        )

    async def _settle_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        claims, self._claims = self._claims, []
        self._settling = None
        if claims:
            self.totals_seen += 1
            await self._sink(TotalSeen(max(claims), "", STREAM_SETTLED_SOURCE))

    def _drop_claims(self) -> None:
        self._claims = []
        if self._settling is not None:
            self._settling.cancel()
            self._settling = None

    async def stop(self) -> None:
        self._drop_claims()
        await super().stop()

    def _comment(self, data: str, event_id: str) -> CommentSeen | None:
        """A viewer's comment, or None (logged) when it cannot be read: comments never reach
        the ledger, so an unreadable one is dropped, not quarantined."""
        try:
            body: Any = json.loads(data)
        except (ValueError, RecursionError):
            log.warning(
                "%s", Said("log.comment-ignored", event_id or "?", Said("comment.not-json"))
            )
            return None
        if not isinstance(body, dict):
            return None
        text = body.get("text")
        author = body.get("user", body.get("author", ""))
        if not isinstance(text, str) or not text.strip() or not isinstance(author, str):
            log.warning("%s", Said("log.comment-ignored", event_id or "?", Said("comment.no-text")))
            return None
        try:
            (text + author).encode("utf-8")
        except UnicodeEncodeError:
            log.warning(
                "%s", Said("log.comment-ignored", event_id or "?", Said("comment.not-unicode"))
            )
            return None
        comment_id = body.get("id", event_id)
        return CommentSeen(
            str(comment_id)[:MAX_ID_LENGTH] if comment_id not in (None, "") else "",
            without_bidi_controls(author).strip()[:40],
            " ".join(without_bidi_controls(text).split())[:MAX_COMMENT_LENGTH],
            self._now(),
        )

    @property
    def may_miss_earlier_sales(self) -> bool:
        """True while a stream that started afresh has not had the platform's total."""
        return self.started_fresh and self.totals_seen == 0 and self.first_connected_at is not None

    def _parse(self, kind: str, data: str, event_id: str) -> list[Observation]:
        """What one event says; anything unreadable becomes a Rejected (quarantined)."""

        def rejected(reason: str) -> list[Observation]:
            log.warning("%s", Said("log.stream-quarantined", event_id or "?", reason))
            return [Rejected(data, reason, "stream", event_id)]

        if kind not in ("total", "sale", "refund", "message"):
            return []  # an event type this console does not use (comments, heartbeats…)
        try:
            body: Any = json.loads(data)
        except ValueError:
            return rejected("not JSON")
        except RecursionError:
            return rejected("JSON nested too deeply")
        if not isinstance(body, dict):
            return rejected("not a JSON object")
        digest = payload_hash(data)
        try:
            if kind == "total":
                # It may run ahead of sales on their way (sent on connect before a replay,
                # computed at send time): recorded, and counted only once reconciled.
                sold = parse_count(body.get("sold"))
                self._claims.append(sold)
                if self._settling is None:  # only a sale starts the quiet spell again
                    self._settle_when_quiet()
                return [TotalSeen(sold, digest, STREAM_TOTAL_SOURCE)]
            order_id = _identifier(body.get("order_id"), "order id")
            quantity = parse_count(body.get("quantity", 1))
            if quantity == 0:
                raise ValueError("zero quantity")
            product = body.get("product")
            product_id = None if product in (None, "") else _identifier(product, "product")
            if kind == "refund":
                reason = body.get("reason", "refunded")
                if reason not in ("refunded", "cancelled"):
                    raise ValueError("a refund's reason is refunded or cancelled")
                return [
                    RefundSeen(order_id, quantity, product_id, reason, digest, "stream", event_id)
                ]
            emitted = body.get("emitted_at")
            emitted_at = (
                float(emitted)
                if isinstance(emitted, int | float)
                and not isinstance(emitted, bool)
                and math.isfinite(emitted)
                else None
            )
            observations: list[Observation] = [
                OrdersSeen(
                    (Order(order_id, quantity, product_id),),
                    digest,
                    "stream",
                    event_id,
                    emitted_at,
                )
            ]
        except ValueError as error:
            return rejected(str(error))
        # The platform's running total, when a sale carries one, reconciles the count with
        # sales this console never saw (made before it first connected, or while down).
        # A total event waiting for its sales is settled by the first sale at or past it.
        running_total = body.get("total")
        now = self._now()
        with contextlib.suppress(ValueError):
            position = None if running_total is None else parse_count(running_total)
            caught_up = position is not None and any(c <= position for c in self._claims)
            if caught_up:
                assert position is not None
                self._claims = [claim for claim in self._claims if claim > position]
                if not self._claims:
                    self._drop_claims()
            if position is not None and (
                caught_up
                or self._last_total_at is None
                or now - self._last_total_at >= RECONCILE_EVERY
            ):
                observations.append(TotalSeen(position, digest, STREAM_SOURCE))
                self._last_total_at = now
        return observations


def _identifier(value: object, name: str) -> str:
    """An order or product id: text or a whole number, valid Unicode, of sensible length."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"no {name}")
    text = str(value)
    if not text:
        raise ValueError(f"empty {name}")
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"the {name} is longer than {MAX_ID_LENGTH} characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"the {name} is not valid Unicode") from None
    return text


class CommentFeed(StreamFeed):
    """A stream of viewers' comments only (its own URL): followed and retried like the sales
    stream, its sales events (if any) ignored — the sales stream counts those."""

    kind = "comments"

    def _parse(self, kind: str, data: str, event_id: str) -> list[Observation]:
        return []
