"""The hub's durable record in NATS JetStream: every verified platform message (the inbox),
and every order event routed to a show (the orders), each de-duplicated by its id.

Inbox first, answer second: a message is acknowledged by JetStream (on disk, or on a quorum
of a cluster) before the platform hears "success". The router reads the inbox with a durable
consumer and acknowledges a message only after its orders are in the orders stream, so a hub
killed in between routes it again — and the orders' ids keep that from counting twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import logging
import time
from typing import TYPE_CHECKING, Any

import msgspec
import nats
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.errors import NotFoundError, ServiceUnavailableError

from hostconsole.domain.orders import (
    OrderEvent,
    OrderLine,
    OrderStatus,
    Platform,
    Routed,
    subject_token,
)

if TYPE_CHECKING:
    from nats.aio.client import Client
    from nats.aio.msg import Msg
    from nats.js import JetStreamContext

log = logging.getLogger(__name__)

INBOX_STREAM = "HC_INBOX"
ORDERS_STREAM = "HC_ORDERS"
LEDGER_STREAM = "HC_LEDGER"  # every ledger entry of every console, once (the board's source)
MESSAGES_STREAM = "HC_MESSAGES"  # the organiser's messages to presenters
INBOX_SUBJECTS = "hc.inbox.>"
ORDERS_SUBJECTS = "hc.orders.>"
LEDGER_SUBJECTS = "hc.ledger.>"
MESSAGES_SUBJECTS = "hc.messages.>"
ROUTER = "hub-router"
# JetStream refuses a second message with the same Nats-Msg-Id within this window. Platforms
# retry within minutes; later repeats are caught by the console's ledger (one sale, one refund
# per order id), so the window need not hold days of ids in memory.
DUPLICATE_WINDOW = 600.0
RECENT_MESSAGES = 120.0  # an organiser's message still stands this long after it was sent
FILE_TIMEOUT = 10.0  # seconds for the orders stream to acknowledge a batch
OPEN_PATIENCE = 30.0  # seconds a starting cluster gets to elect its JetStream leader
KEEP_FOR = 90 * 24 * 3600.0  # the campaign and its reconciliation, then the platforms' own


def orders_subject(show_id: str) -> str:
    return f"hc.orders.{subject_token(show_id)}"


def ledger_subject(show_id: str, mode: str) -> str:
    """A show's ledger entries, live or rehearsal (never counted together)."""
    return f"hc.ledger.{subject_token(show_id)}.{mode}"


def messages_subject(show_id: str) -> str:
    return f"hc.messages.{subject_token(show_id)}"


def encode_events(message_id: str, received_at: float, events: tuple[OrderEvent, ...]) -> bytes:
    return json.dumps(
        {
            "message_id": message_id,
            "received_at": received_at,
            "events": [
                {
                    **msgspec.structs.asdict(event),
                    "lines": [msgspec.structs.asdict(line) for line in event.lines],
                }
                for event in events
            ],
        },
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def decode_events(data: bytes) -> tuple[str, list[OrderEvent]]:
    body = json.loads(data)
    events = []
    for item in body["events"]:
        events.append(
            OrderEvent(
                Platform(item["platform"]),
                item["shop"],
                item["order_id"],
                OrderStatus(item["status"]),
                tuple(OrderLine(line["sku"], line["quantity"]) for line in item["lines"]),
                item.get("room", ""),
                item.get("at"),
                item.get("needs_details", False),
            )
        )
    return str(body["message_id"]), events


def encode_routed(routed: Routed) -> bytes:
    return json.dumps(
        msgspec.structs.asdict(routed), separators=(",", ":"), ensure_ascii=False
    ).encode()


def decode_routed(data: bytes) -> Routed:
    body: dict[str, Any] = json.loads(data)
    return Routed(
        body["show"],
        body["order_id"],
        OrderStatus(body["status"]),
        int(body["quantity"]),
        body.get("product"),
        body.get("at"),
        body.get("room", ""),
    )


class Journal:
    """One connection to NATS and the two streams."""

    def __init__(self, url: str, replicas: int = 1) -> None:
        self.url = url
        self.replicas = replicas
        self.nc: Client | None = None
        self.js: JetStreamContext | None = None
        # Bumped on each reconnect: a pull subscription made before it may wait for pulls the
        # lost server never answers, so the router makes a new one.
        self.generation = 0

    async def open(self) -> None:
        servers = [u.strip() for u in self.url.split(",") if u.strip()]
        self.nc = await nats.connect(
            servers=servers,
            name="hostconsole-hub",
            max_reconnect_attempts=-1,
            reconnect_time_wait=0.5,
            connect_timeout=3,
            error_cb=self._error,
            disconnected_cb=self._disconnected,
            reconnected_cb=self._reconnected,
        )
        self.js = self.nc.jetstream(timeout=10)
        # A cluster that has just started elects its JetStream leader first (a few seconds):
        # until then its API times out or says it is unavailable.
        deadline = time.monotonic() + OPEN_PATIENCE
        while True:
            try:
                await self._ensure_streams()
                return
            except (TimeoutError, nats.errors.TimeoutError, ServiceUnavailableError) as error:
                if time.monotonic() > deadline:
                    raise
                log.info("JetStream not ready yet (%s); waiting", type(error).__name__)
                await asyncio.sleep(0.5)

    async def _ensure_streams(self) -> None:
        assert self.js is not None
        streams = (
            (INBOX_STREAM, INBOX_SUBJECTS),
            (ORDERS_STREAM, ORDERS_SUBJECTS),
            (LEDGER_STREAM, LEDGER_SUBJECTS),
            (MESSAGES_STREAM, MESSAGES_SUBJECTS),
        )
        for name, subjects in streams:
            config = StreamConfig(
                name=name,
                subjects=[subjects],
                storage=StorageType.FILE,
                num_replicas=self.replicas,
                duplicate_window=DUPLICATE_WINDOW,
                max_age=KEEP_FOR,
            )
            try:
                await self.js.stream_info(name)
            except NotFoundError:
                await self.js.add_stream(config)
                log.info("JetStream stream %s created (%d replica(s))", name, self.replicas)

    async def _error(self, error: Exception) -> None:
        log.warning("NATS: %s", error)

    async def _disconnected(self) -> None:
        log.warning("NATS: disconnected; reconnecting")

    async def _reconnected(self) -> None:
        self.generation += 1
        where = self.nc.connected_url if self.nc is not None else None
        log.info("NATS: reconnected to %s", where.netloc if where is not None else "?")

    async def close(self) -> None:
        # Every publish was acknowledged before it was answered, so nothing is owed: close
        # (a drain waits on the router's pull subscription, which never empties).
        if self.nc is not None and not self.nc.is_closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.nc.close(), 5)

    @property
    def stream(self) -> JetStreamContext:
        if self.js is None:
            raise RuntimeError("the journal is not open")
        return self.js

    async def keep(self, platform: Platform, message_id: str, data: bytes) -> bool:
        """The verified message stored durably; False when it was a duplicate."""
        ack = await self.stream.publish(
            f"hc.inbox.{platform.value}",
            data,
            stream=INBOX_STREAM,
            headers={"Nats-Msg-Id": message_id},
        )
        return not ack.duplicate

    async def file(self, routed: list[Routed]) -> None:
        """Routed orders into the orders stream, each under its own id; waits for every ack.

        Bounded as a whole: a lost node can take a publish (and its ack) with it, and a
        client with many acks owed stalls new publishes; the router then gives the inbox
        messages back and files them again (the ids keep that single)."""
        await asyncio.wait_for(self._file(routed), FILE_TIMEOUT)

    async def _file(self, routed: list[Routed]) -> None:
        futures = [
            await self.stream.publish_async(
                orders_subject(r.show),
                encode_routed(r),
                stream=ORDERS_STREAM,
                headers={"Nats-Msg-Id": f"{r.show}|{r.order_id}|{r.status.value}"},
            )
            for r in routed
        ]
        await asyncio.gather(*futures)

    async def inbox_pending(self) -> int:
        """Inbox messages the router has not been given yet."""
        info = await self.stream.consumer_info(INBOX_STREAM, ROUTER)
        return int(info.num_pending) + int(info.num_ack_pending)

    async def inbox_reader(self) -> JetStreamContext.PullSubscription:
        return await self.stream.pull_subscribe(
            INBOX_SUBJECTS,
            durable=ROUTER,
            stream=INBOX_STREAM,
            config=ConsumerConfig(
                ack_policy=AckPolicy.EXPLICIT, ack_wait=30, max_ack_pending=20_000
            ),
        )

    async def follow(
        self, show_id: str, after: int, queue: asyncio.Queue[tuple[int, int, Routed]]
    ) -> Any:
        """A show's routed orders after the stream sequence ``after``, then as they come, put
        on ``queue`` as (sequence, pending behind it, order); returns the subscription (to
        unsubscribe)."""

        async def arrived(message: Msg) -> None:
            metadata = message.metadata
            await queue.put(
                (metadata.sequence.stream, metadata.num_pending, decode_routed(message.data))
            )

        config = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_SEQUENCE if after else DeliverPolicy.ALL,
            opt_start_seq=after + 1 if after else None,
        )
        return await self.stream.subscribe(
            orders_subject(show_id),
            stream=ORDERS_STREAM,
            cb=arrived,
            ordered_consumer=True,
            config=config,
            idle_heartbeat=5.0,
        )

    # --- the consoles' ledgers and the organiser's messages (the festival board) ------------

    async def publish_entries(self, show_id: str, mode: str, entries: list[dict[str, Any]]) -> int:
        """A console's ledger entries, each once (its show, mode and ledger seq are its id);
        returns the highest seq JetStream has acknowledged."""

        async def publish() -> int:
            futures = [
                await self.stream.publish_async(
                    ledger_subject(show_id, mode),
                    json.dumps(entry, separators=(",", ":"), ensure_ascii=False).encode(),
                    stream=LEDGER_STREAM,
                    headers={
                        "Nats-Msg-Id": f"{show_id}|{mode}|{entry['seq']}",
                        "HC-Seq": str(entry["seq"]),
                    },
                )
                for entry in entries
            ]
            await asyncio.gather(*futures)
            return max((int(entry["seq"]) for entry in entries), default=0)

        return await asyncio.wait_for(publish(), FILE_TIMEOUT)

    async def orders_last(self, show_id: str) -> int:
        """The sequence of the last order filed for this show (0: none yet): a console whose
        stream has reached it holds everything the hub has for it."""
        try:
            message = await self.stream.get_last_msg(ORDERS_STREAM, orders_subject(show_id))
        except NotFoundError:
            return 0
        return int(message.seq or 0)

    async def ledger_last(self, show_id: str, mode: str) -> int:
        """The highest ledger seq of this show the hub holds (0: none yet)."""
        try:
            message = await self.stream.get_last_msg(LEDGER_STREAM, ledger_subject(show_id, mode))
        except NotFoundError:
            return 0
        headers = message.headers or {}
        return int(headers.get("HC-Seq", "0"))

    async def ledger_entries(self, show_id: str, mode: str) -> list[dict[str, Any]]:
        """Every entry of a show's ledger the hub holds, in order."""
        subject = ledger_subject(show_id, mode)
        info = await self.stream.stream_info(LEDGER_STREAM, subjects_filter=subject)
        expected = int((info.state.subjects or {}).get(subject, 0))
        entries: list[dict[str, Any]] = []
        if not expected:
            return entries
        subscription = await self.stream.subscribe(
            subject,
            stream=LEDGER_STREAM,
            ordered_consumer=True,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
        )
        try:
            while len(entries) < expected:
                message = await subscription.next_msg(timeout=10)
                entries.append(json.loads(message.data))
        finally:
            await subscription.unsubscribe()
        return entries

    async def follow_ledgers(self, queue: asyncio.Queue[tuple[str, Any]]) -> Any:
        """Every show's ledger entries from the start, then as they come: (subject, data)."""

        async def arrived(message: Msg) -> None:
            await queue.put((message.subject, message.data))

        return await self.stream.subscribe(
            LEDGER_SUBJECTS,
            stream=LEDGER_STREAM,
            cb=arrived,
            ordered_consumer=True,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
            idle_heartbeat=5.0,
        )

    async def send_message(self, show_id: str, body: dict[str, Any]) -> None:
        await self.stream.publish(
            messages_subject(show_id),
            json.dumps(body, ensure_ascii=False).encode(),
            stream=MESSAGES_STREAM,
        )

    async def follow_messages(
        self, show_id: str, after: int, queue: asyncio.Queue[tuple[int, bytes]]
    ) -> Any:
        """A show's messages after the sequence ``after``; a console that connects afresh (0)
        also gets those of the last RECENT_MESSAGES seconds (a console restarted just after
        "wrap up in 2 minutes" still shows it)."""

        async def arrived(message: Msg) -> None:
            await queue.put((message.metadata.sequence.stream, message.data))

        if after:
            config = ConsumerConfig(
                deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=after + 1
            )
        else:
            since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(
                seconds=RECENT_MESSAGES
            )
            config = ConsumerConfig(
                deliver_policy=DeliverPolicy.BY_START_TIME, opt_start_time=since
            )
        return await self.stream.subscribe(
            messages_subject(show_id),
            stream=MESSAGES_STREAM,
            cb=arrived,
            ordered_consumer=True,
            config=config,
            idle_heartbeat=5.0,
        )
