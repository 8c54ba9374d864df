"""Sales feeds against the real rehearsal server, into a real SQLite ledger."""

from __future__ import annotations

import resource
import time
from typing import TYPE_CHECKING

import httpx
import pytest
import pytest_asyncio

from hostconsole.adapters.sales.feeds import PollFeed, StreamFeed
from hostconsole.adapters.sales.http import make_client
from hostconsole.adapters.sales.model import FeedState
from hostconsole.adapters.storage.ledger_db import LedgerStore
from hostconsole.services.vouchers import VoucherCounter
from tests.integration.conftest import wait_until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from tests.harness.salesfeed import FeedServer

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def counter(tmp_path: Path) -> AsyncIterator[VoucherCounter]:
    voucher_counter = VoucherCounter(
        LedgerStore(tmp_path / "ledger.sqlite"), goal=30, milestones=(10, 20)
    )
    await voucher_counter.open()
    yield voucher_counter
    await voucher_counter.close()


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client() as shared:
        yield shared


def poll_feed(
    client: httpx.AsyncClient, feed: FeedServer, counter: VoucherCounter, **options: object
) -> PollFeed:
    return PollFeed(client, feed.poll_url, "/data/sold", counter.observe, interval=0.2, **options)  # type: ignore[arg-type]


async def settle(counter: VoucherCounter) -> None:
    await counter.correct(1, "flush")  # committed after everything queued before it
    await counter.correct(-1, "flush")


async def test_poll_reads_the_total_and_honours_etag(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    feed.control(sell=7)
    poller = poll_feed(client, feed, counter)
    assert await poller.poll_once()
    assert await poller.poll_once()
    await settle(counter)
    assert counter.count == 7
    assert poller.status.state is FeedState.LIVE
    assert poller.status.message == "unchanged"  # the second answer was 304 Not Modified
    assert poller.status.age(time.time()) is not None


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("http-500", "the sales API failed (HTTP 500)"),
        ("http-404", "the sales URL was not found (HTTP 404)"),
        ("garbage", "did not send JSON"),
        ("missing-pointer", "no value at /data/sold"),
        ("string-count", "the count is text ('12')"),
        ("negative-count", "the count is negative"),
        ("fractional-count", "the count is fractional (12.5)"),
    ],
)
async def test_bad_answers_leave_a_clear_state_and_the_count_right(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient, fault: str, message: str
) -> None:
    feed.control(sell=12)
    poller = poll_feed(client, feed, counter)
    assert await poller.poll_once()
    feed.control(faults=[fault])
    assert not await poller.poll_once()
    await settle(counter)
    assert poller.status.state is FeedState.ERROR
    assert message in poller.status.message
    assert counter.count == 12


async def test_wrong_token_stops_hammering_until_a_new_token(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    feed.control(token="right", sell=3)
    token = {"value": "wrong"}
    poller = poll_feed(client, feed, counter, token=lambda: token["value"])
    poller.start()
    try:
        await wait_until(lambda: poller.status.state is FeedState.UNAUTHORIZED, 3, "401 state")
        assert "refused the token (HTTP 401)" in poller.status.message
        polls = feed.stats()["polls"]
        # Parked (a feed polling on would be between polls instead) until a new token.
        await wait_until(lambda: poller.waiting_for_token, 3, "the feed parked")
        assert feed.stats()["polls"] == polls
        token["value"] = "right"
        poller.token_changed()
        await wait_until(lambda: poller.status.state is FeedState.LIVE, 3, "live again")
        await settle(counter)
        assert counter.count == 3
    finally:
        await poller.stop()


async def test_a_hanging_api_times_out_and_goes_stale(
    feed: FeedServer, counter: VoucherCounter
) -> None:
    async with httpx.AsyncClient(timeout=httpx.Timeout(0.5)) as quick:
        poller = PollFeed(quick, feed.poll_url, "/data/sold", counter.observe, interval=0.2)
        assert await poller.poll_once()
        good_at = poller.status.last_ok_at
        assert good_at is not None
        feed.control(faults=["hang"])
        started = time.monotonic()
        assert not await poller.poll_once()
        assert time.monotonic() - started < 3
        assert "no answer from 127.0.0.1 in time" in poller.status.message
        # The hang is no good answer; three intervals after the last one, the feed is stale.
        assert poller.status.last_ok_at == good_at
        assert not poller.status.is_stale(good_at + 0.1)
        assert poller.status.is_stale(good_at + 3 * 0.2 + 0.01)


async def test_a_100_mb_body_is_refused_without_reading_it(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    feed.control(faults=["huge-body"])
    poller = poll_feed(client, feed, counter)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert not await poller.poll_once()
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert "102400 KB" in poller.status.message
    assert peak_after - peak_before < 50 * 1024  # KB: nowhere near 100 MB was held


async def test_connection_refused_and_unknown_host(
    counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    refused = PollFeed(client, "http://127.0.0.1:9/api", "/data/sold", counter.observe)
    assert not await refused.poll_once()
    assert "nothing is listening at 127.0.0.1 (connection refused)" in refused.status.message
    unknown = PollFeed(
        client, "http://sales.nonexistent.invalid/api", "/data/sold", counter.observe
    )
    assert not await unknown.poll_once()
    assert "cannot find the host 'sales.nonexistent.invalid'" in unknown.status.message


async def test_stream_counts_each_order_once_despite_duplicates_and_malformed_events(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    feed.control(faults=["duplicates", "malformed-sse"])
    stream = StreamFeed(client, feed.stream_url, counter.observe)
    stream.start()
    try:
        await wait_until(lambda: stream.status.state is FeedState.LIVE, 3, "stream live")
        feed.control(sell=25)
        await wait_until(lambda: counter.count == 25, 5, "25 counted")
        # Every event the platform sent has been read: the repeats skipped, the bad said.
        await wait_until(
            lambda: counter.duplicates_skipped == 25 and stream.malformed == 50,
            5,
            "the repeats and the malformed events read",
        )
        await settle(counter)
        assert counter.count == 25
        assert (counter.duplicates_skipped, stream.malformed) == (25, 50)
        assert counter.state.pending_milestones() == ()
        assert counter.state.announced == {10, 20}
    finally:
        await stream.stop()


async def test_stream_resumes_after_a_drop_and_polls_meanwhile(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    poller = poll_feed(client, feed, counter)
    stream = StreamFeed(client, feed.stream_url, counter.observe, fallback=poller)
    stream.start()
    try:
        await wait_until(lambda: stream.status.state is FeedState.LIVE, 3, "stream live")
        feed.control(sell=5)
        await wait_until(lambda: counter.count == 5, 5, "first five")
        feed.control(faults=["stream-500"], drop_streams=True)
        await wait_until(lambda: poller.status.state is FeedState.LIVE, 3, "poll fallback")
        feed.control(sell=4)
        await wait_until(lambda: counter.count == 9, 5, "counted by the poll meanwhile")
        feed.control(faults=[])
        await wait_until(
            lambda: (
                stream.status.state is FeedState.LIVE and poller.status.state is FeedState.STOPPED
            ),
            5,
            "stream back, poll off",
        )
        feed.control(sell=3)
        await wait_until(lambda: counter.count == 12, 5, "twelve")
        await settle(counter)
        # The resumed stream replayed the four it missed (Last-Event-ID): each order once.
        assert counter.state.unique_sales == 12
        assert stream.last_event_id == "12"
    finally:
        await stream.stop()


async def test_a_total_going_backwards_is_flagged_and_not_shown(
    feed: FeedServer, counter: VoucherCounter, client: httpx.AsyncClient
) -> None:
    flags: list[str] = []
    counter.add_flag_listener(flags.append)
    feed.control(sell=10)
    poller = poll_feed(client, feed, counter)
    assert await poller.poll_once()
    feed.control(faults=["backwards"])
    assert await poller.poll_once()
    await settle(counter)
    assert counter.count == 10
    assert flags == [
        "the feed's total went back from 10 to 7; the count on air stays at 10 until you correct it"
    ]
    await counter.correct(-3, "platform refunded three")
    assert counter.count == 7


async def test_manual_corrections_are_new_entries_with_reasons(
    counter: VoucherCounter, tmp_path: Path
) -> None:
    await counter.correct(2, "phone orders", operator="王制片")
    with pytest.raises(ValueError, match="reason"):
        await counter.correct(1, "  ")
    await counter.correct(-1, "miscount")
    assert counter.count == 1
    target = tmp_path / "entries.csv"
    assert await counter.export_csv(target) == 2
    text = target.read_text(encoding="utf-8-sig")
    assert "manual:王制片" in text
    assert "phone orders" in text
