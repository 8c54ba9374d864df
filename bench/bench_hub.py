"""Hub figures: a signed push → the console's ledger, orders per second through one hub and
one NATS node, and orders lost when a node of a three-node cluster is killed."""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from pathlib import Path

import aiohttp
import nats
import nats.errors

from bench.bench_sales import _until
from bench.figure import BROKEN, Figure, Measure, percentile
from bench.qtloop import run
from hostconsole.adapters.sales.feeds import StreamFeed
from hostconsole.adapters.sales.http import make_client
from hostconsole.adapters.sales.model import FeedState
from hostconsole.adapters.storage.ledger_db import LedgerStore
from hostconsole.domain.ledger import EntryKind
from hostconsole.domain.orders import Platform
from hostconsole.hub.journal import ORDERS_STREAM
from hostconsole.services.vouchers import Recorded, VoucherCounter
from tests.harness.hub import SHOW_TOKEN, HubProcess, NatsServer, Platforms, cluster

Message = tuple[str, dict[str, str], dict[str, str], bytes]


async def _post(session: aiohttp.ClientSession, url: str, message: Message) -> int:
    path, headers, query, body = message
    async with session.post(url + path, headers=headers, params=query, data=body) as answer:
        await answer.read()
        return answer.status


async def _deliver(
    session: aiohttp.ClientSession, url: str, message: Message, retry_for: float
) -> bool:
    """As a platform delivers: again after a failure, until acknowledged or out of time."""
    deadline = time.monotonic() + retry_for
    while True:
        try:
            if await _post(session, url, message) == 200:
                return True
        except (aiohttp.ClientError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.2)


async def _to_ledger(
    hub: HubProcess, platforms: Platforms, sales: int
) -> tuple[list[float], list[float]]:
    sent: dict[str, float] = {}
    latencies: list[float] = []
    answers: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-hub-ledger-") as folder:
        counter = VoucherCounter(LedgerStore(Path(folder) / "ledger.sqlite"))
        await counter.open()

        def committed(recorded: Recorded) -> None:
            now = time.perf_counter()
            for entry in recorded.entries:
                if entry.kind is EntryKind.SALE and entry.order_id in sent:
                    latencies.append(now - sent[entry.order_id])

        counter.add_change_listener(committed)
        async with make_client() as client, aiohttp.ClientSession() as session:
            stream = StreamFeed(client, hub.stream_url, counter.observe, token=lambda: SHOW_TOKEN)
            stream.start()
            await _until(lambda: stream.status.state is FeedState.LIVE, 20)
            for _ in range(sales):
                order = platforms.order(Platform.GENERIC, 1)
                message = platforms.message(order)
                start = time.perf_counter()
                sent[f"generic:{order.order_id}"] = start
                if await _post(session, hub.url, message) != 200:
                    raise RuntimeError("the hub refused a signed order")
                answers.append(time.perf_counter() - start)
                await asyncio.sleep(0.02)  # 50 orders a second, each on its own
            await _until(lambda: len(latencies) >= sales, 30)
            await stream.stop()
        await counter.close()
    return latencies, answers


def webhook_to_ledger_p99_ms() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as folder:
        nats_server = NatsServer(Path(folder) / "nats").start()
        platforms = Platforms().start()
        hub = HubProcess(Path(folder) / "hub", nats=nats_server.url, api=platforms.api).start()
        try:
            latencies, answers = run(_to_ledger(hub, platforms, 400))
        except (TimeoutError, RuntimeError) as error:
            return Figure("webhook_to_ledger_p99_ms", BROKEN, "ms", 150, detail=str(error))
        finally:
            hub.stop()
            platforms.stop()
            nats_server.stop()
    p99 = percentile(latencies, 0.99) * 1000
    answered = percentile(answers, 0.99) * 1000
    return Figure(
        "webhook_to_ledger_p99_ms",
        round(p99, 1),
        "ms",
        150,
        detail=f"400 signed generic orders at 50/s: POST → hub → JetStream inbox → router → "
        f"orders stream → the console's SSE feed → ledger commit (synchronous=FULL); median "
        f"{percentile(latencies, 0.5) * 1000:.1f} ms; baseline: the POST's own answer p99 "
        f"{answered:.1f} ms (kept in JetStream before it)",
        baseline=round(answered, 1),
        samples=len(latencies),
    )


async def _orders_in_stream(url: str) -> tuple[int, int]:
    """(messages, distinct order ids) in the orders stream."""
    client = await nats.connect(url)
    try:
        js = client.jetstream(timeout=15)
        deadline = time.monotonic() + 60
        while True:  # a cluster that lost a node answers once its leaders are elected again
            try:
                info = await js.stream_info(ORDERS_STREAM)
                break
            except nats.errors.TimeoutError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(1)
        total = int(info.state.messages)
        if total == 0:
            return 0, 0  # nothing routed at all
        # Read by sequence (the stream leader answers): no consumer to place on a cluster
        # that has just lost a node.
        distinct: set[str] = set()
        for sequence in range(int(info.state.first_seq), int(info.state.last_seq) + 1):
            message = await js.get_msg(ORDERS_STREAM, sequence)
            if message.data:
                distinct.add(json.loads(message.data)["order_id"])
        return total, len(distinct)
    finally:
        await client.close()


async def _flood(
    hub: HubProcess,
    messages: list[Message],
    per_second: float | None,
    retry_for: float,
    during: object = None,
) -> tuple[float, int]:
    """Send every message (paced, or as fast as 64 connections go); (seconds, acknowledged)."""
    connector = aiohttp.TCPConnector(limit=64)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.perf_counter()
        tasks = []
        limit = asyncio.Semaphore(256)

        async def one(message: Message) -> bool:
            async with limit:
                return await _deliver(session, hub.url, message, retry_for)

        for index, message in enumerate(messages):
            tasks.append(asyncio.ensure_future(one(message)))
            if per_second:
                due = start + (index + 1) / per_second
                await asyncio.sleep(max(due - time.perf_counter(), 0))
                if during is not None and index == len(messages) // 3:
                    during()  # type: ignore[operator]
        results = await asyncio.gather(*tasks)
        return time.perf_counter() - start, sum(results)


def hub_orders_per_s() -> Figure:
    count = 20_000
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as folder:
        nats_server = NatsServer(Path(folder) / "nats").start()
        platforms = Platforms().start()
        hub = HubProcess(Path(folder) / "hub", nats=nats_server.url, api=platforms.api).start()
        try:
            messages = [
                platforms.message(platforms.order(Platform.GENERIC, 1)) for _ in range(count)
            ]
            started = time.perf_counter()
            seconds, acknowledged = run(_flood(hub, messages, None, 30))
            deadline = time.monotonic() + 120
            while hub.health()["routed"] < count and time.monotonic() < deadline:
                time.sleep(0.05)
            routed_after = time.perf_counter() - started
            total, distinct = run(_orders_in_stream(nats_server.url))
        finally:
            hub.stop()
            platforms.stop()
            nats_server.stop()
    lost, doubled = count - distinct, total - distinct
    rate = count / routed_after if lost == 0 and doubled == 0 else 0.0
    return Figure(
        "hub_orders_per_s",
        round(rate),
        "orders/s",
        2000,
        at_least=True,
        detail=f"{count:,} signed generic orders from 64 connections on this machine: all "
        f"answered in {seconds:.1f} s ({count / seconds:,.0f}/s kept in JetStream), all routed "
        f"to the show's orders in {routed_after:.1f} s; {acknowledged:,} acknowledged, "
        f"{lost} lost, {doubled} doubled (counted in the orders stream)",
        baseline=round(count / seconds),
        samples=count,
    )


def hub_node_kill_lost() -> Figure:
    count, per_second = 5_000, 500.0
    with tempfile.TemporaryDirectory(prefix="bench-hub-cluster-") as folder:
        nodes = cluster(Path(folder) / "cluster")
        platforms = Platforms().start()
        urls = ",".join(node.url for node in nodes)
        hub = HubProcess(Path(folder) / "hub", nats=urls, api=platforms.api, replicas=3)
        try:
            hub.start()
            messages = [
                platforms.message(platforms.order(Platform.GENERIC, 1)) for _ in range(count)
            ]
            _seconds, acknowledged = run(_flood(hub, messages, per_second, 60, nodes[0].kill))
            deadline = time.monotonic() + 120
            while hub.health()["routed"] < count and time.monotonic() < deadline:
                time.sleep(0.1)
            total, distinct = run(_orders_in_stream(nodes[1].url))
        finally:
            hub.stop()
            platforms.stop()
            for node in nodes:
                node.stop()
    lost = count - distinct
    return Figure(
        "hub_node_kill_lost",
        lost,
        "orders",
        0,
        detail=f"{count:,} orders at {per_second:.0f}/s through a hub on a three-node JetStream "
        f"cluster (3 replicas), one node SIGKILLed a third of the way in; {acknowledged:,} "
        f"acknowledged to the platform (which retries the rest, as platforms do), "
        f"{distinct:,} distinct orders in the stream, {total - distinct} doubled",
        baseline=0,
        samples=count,
    )


FIGURES: dict[str, Measure] = {
    "webhook_to_ledger_p99_ms": webhook_to_ledger_p99_ms,
    "hub_orders_per_s": hub_orders_per_s,
    "hub_node_kill_lost": hub_node_kill_lost,
}
