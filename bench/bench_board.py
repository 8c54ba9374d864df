"""Festival-board figures: the board's total behind the studios' ledgers, the backfill after a
link outage, and a sale → its tile on the page in Chromium.

The studios are the console's own link (``adapters.hub_link.HubLink``) over ledgers kept in
memory: what a console sends, without twenty Qt windows on a 2-core machine."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from bench.figure import BROKEN, Figure, Measure, percentile
from bench.qtloop import run
from hostconsole.adapters.hub_link import HubLink
from hostconsole.domain.ledger import Entry, EntryKind
from tests.harness.browser import Browser
from tests.harness.hub import CAMPAIGN, VIEWER_TOKEN, HubProcess, NatsServer

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

STUDIOS = 20


def _token(number: int) -> str:
    return f"bench-studio-{number:02d}-0123456789"


def _shows(folder: Path) -> tuple[tuple[Path, ...], dict[str, str]]:
    shows, env = [], {}
    for number in range(1, STUDIOS + 1):
        show = folder / f"studio-{number:02d}.show.yaml"
        show.write_text(
            "format: hostconsole-show/1\n"
            f"id: studio-{number:02d}\ncampaign: {CAMPAIGN}\ntitle: 直播间 {number}\n"
            "segments:\n  - {id: intro, title: 开场, duration: 2m, scene: Studio}\n",
            encoding="utf-8",
        )
        shows.append(show)
        env[f"HOSTCONSOLE_HUB_SHOW_TOKEN_STUDIO_{number:02d}"] = _token(number)
    return tuple(shows), env


@contextlib.contextmanager
def _campaign_hub() -> Iterator[tuple[HubProcess, NatsServer, Path]]:
    """A NATS server and a hub serving twenty studios of one campaign, in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="bench-board-") as name:
        folder = Path(name)
        shows, env = _shows(folder)
        server = NatsServer(folder / "nats").start()
        try:
            hub = HubProcess(folder / "hub", nats=server.url, shows=shows, env=env).start()
            try:
                yield hub, server, folder
            finally:
                hub.stop()
        finally:
            server.stop()


@dataclass
class Studio:
    """A console's ledger in memory and its real link to the hub."""

    number: int
    entries: list[Entry] = field(default_factory=list)
    link: HubLink | None = None

    def sell(self, at: float) -> None:
        seq = len(self.entries) + 1
        self.entries.append(
            Entry(EntryKind.SALE, at, "stream", 1, f"s{self.number}-{seq}", seq=seq)
        )
        if self.link is not None:
            self.link.ledger_changed()

    async def after(self, seq: int) -> AsyncIterator[list[Entry]]:
        if len(self.entries) > seq:
            yield self.entries[seq:]


async def _links(client: httpx.AsyncClient, hub: HubProcess, studios: list[Studio]) -> None:
    async def nothing(_text: str) -> None:
        return None

    def token_of(number: int) -> Callable[[], str]:
        return lambda: _token(number)

    for studio in studios:
        studio.link = HubLink(
            client,
            hub.url,
            f"studio-{studio.number:02d}",
            rehearsal=False,
            token=token_of(studio.number),
            entries_after=studio.after,
            state=lambda: {"on_air": True, "stream": "ok"},
            on_message=nothing,
        )
        studio.link.start()


async def _stop(studios: list[Studio]) -> None:
    for studio in studios:
        if studio.link is not None:
            await studio.link.stop()


async def _board_total(client: httpx.AsyncClient, hub: HubProcess) -> int:
    answer = await client.get(
        f"{hub.url}/board/{CAMPAIGN}/state", params={"token": VIEWER_TOKEN}, timeout=5
    )
    answer.raise_for_status()
    return int(answer.json()["totals"]["sold"])


async def _lag(
    hub: HubProcess, seconds: float, per_second: float
) -> tuple[list[float], list[float]]:
    studios = [Studio(n) for n in range(1, STUDIOS + 1)]
    sold_at: list[float] = []
    seen: list[tuple[float, int]] = []
    polls: list[float] = []
    async with httpx.AsyncClient(timeout=10) as client:
        await _links(client, hub, studios)
        stop = asyncio.Event()

        async def watch() -> None:
            while not stop.is_set():
                start = time.time()
                total = await _board_total(client, hub)
                polls.append(time.time() - start)
                seen.append((time.time(), total))
                await asyncio.sleep(0.05)

        watcher = asyncio.ensure_future(watch())
        begin = time.time()
        index = 0
        while time.time() - begin < seconds:
            now = time.time()
            studios[index % STUDIOS].sell(now)
            sold_at.append(now)
            index += 1
            await asyncio.sleep(max(begin + index / per_second - time.time(), 0))
        deadline = time.time() + 30
        while (not seen or seen[-1][1] < len(sold_at)) and time.time() < deadline:
            await asyncio.sleep(0.1)
        stop.set()
        await watcher
        await _stop(studios)
    lags = []
    position = 0
    for number, at in enumerate(sold_at, start=1):
        while position < len(seen) and seen[position][1] < number:
            position += 1
        if position == len(seen):
            raise TimeoutError(f"the board never showed {number} of {len(sold_at)}")
        lags.append(max(seen[position][0] - at, 0.0))
    return lags, polls


def board_totals_lag_p95_s() -> Figure:
    with _campaign_hub() as (hub, _server, _folder):
        try:
            lags, polls = run(_lag(hub, 30.0, 100.0))
        except TimeoutError as error:
            return Figure("board_totals_lag_p95_s", BROKEN, "s", 2, detail=str(error))
    p95 = percentile(lags, 0.95)
    return Figure(
        "board_totals_lag_p95_s",
        round(p95, 3),
        "s",
        2,
        detail=f"20 studios (the console's HubLink over in-memory ledgers) selling 100/s in all "
        f"for 30 s; each sale → the board's total (GET /board/…/state every 50 ms) at or past "
        f"it; median {percentile(lags, 0.5):.3f} s, max {max(lags):.3f} s; baseline: the "
        f"board poll's own p95 {percentile(polls, 0.95) * 1000:.1f} ms",
        baseline=round(percentile(polls, 0.95), 4),
        samples=len(lags),
    )


async def _backfill(hub: HubProcess, folder: Path, nats_url: str) -> tuple[float, int, int]:
    studios = [Studio(n) for n in range(1, STUDIOS + 1)]
    async with httpx.AsyncClient(timeout=10) as client:
        await _links(client, hub, studios)
        now = time.time()
        for index in range(200):  # before the outage: on the hub
            studios[index % STUDIOS].sell(now)
        deadline = time.monotonic() + 30
        while await _board_total(client, hub) < 200:
            if time.monotonic() > deadline:
                raise TimeoutError("the first 200 entries never reached the board")
            await asyncio.sleep(0.05)
        port = hub.port
        hub.kill()
        # The outage: 5 minutes at 20 sales/s = 6,000 entries, written with their own times
        # over those 5 minutes (not waited for: only the backlog matters to the backfill).
        outage_start = time.time()
        for index in range(6000):
            studios[index % STUDIOS].sell(outage_start + index / 20)
        await asyncio.sleep(3)  # the links fail and back off, as they would
        back = HubProcess(
            folder / "hub", nats=nats_url, shows=hub_shows(hub), port=port, env=hub.env
        )
        started = time.monotonic()
        await asyncio.get_running_loop().run_in_executor(None, back.start)
        total = 0
        while time.monotonic() - started < 120:
            total = await _board_total(client, back)
            if total >= 6200:
                break
            await asyncio.sleep(0.05)
        seconds = time.monotonic() - started
        await _stop(studios)
        await asyncio.get_running_loop().run_in_executor(None, back.stop)
    held = await _held(nats_url)
    return seconds, total, held


def hub_shows(hub: HubProcess) -> tuple[Path, ...]:
    arguments = hub.arguments
    return tuple(Path(arguments[i + 1]) for i, a in enumerate(arguments) if a == "--show")


async def _held(nats_url: str) -> int:
    import nats

    from hostconsole.hub.journal import LEDGER_STREAM

    client = await nats.connect(nats_url)
    try:
        info = await client.jetstream().stream_info(LEDGER_STREAM)
        return int(info.state.messages)
    finally:
        await client.close()


def board_backfill_s() -> Figure:
    with _campaign_hub() as (hub, server, folder):
        try:
            seconds, total, held = run(_backfill(hub, folder, server.url))
        except TimeoutError as error:
            return Figure("board_backfill_s", BROKEN, "s", 30, detail=str(error))
    lost, doubled = max(6200 - total, 0), held - 6200
    value = round(seconds, 2) if lost == 0 and doubled == 0 else BROKEN
    return Figure(
        "board_backfill_s",
        value,
        "s",
        30,
        detail=f"20 studios, the hub SIGKILLed, 6,000 entries written meanwhile (5 min at 20/s, "
        f"by their times), the hub started again: its start to every entry on the board; "
        f"{total:,} on the board of 6,200, {held:,} held in JetStream ({lost} lost, "
        f"{doubled} doubled)",
        samples=6000,
    )


async def _page_updates(hub: HubProcess, folder: Path, samples: int) -> list[float]:
    async with httpx.AsyncClient(timeout=10) as client, Browser(folder / "chromium") as browser:
        headers = {"Authorization": f"Bearer {_token(3)}"}
        show = f"{hub.url}/shows/studio-03"
        await client.post(f"{show}/state", json={"on_air": True}, headers=headers)
        page = await browser.open(f"{hub.url}/board/{CAMPAIGN}?token={VIEWER_TOKEN}", 1920, 1080)
        await page.wait_for(f"document.querySelectorAll('.tile').length === {STUDIOS}")
        latencies = []
        for seq in range(1, samples + 1):
            entry = {
                "seq": seq,
                "kind": "sale",
                "at": time.time(),
                "amount": 1,
                "order_id": f"p{seq}",
            }
            sent = time.time()
            answer = await client.post(f"{show}/ledger", json={"entries": [entry]}, headers=headers)
            answer.raise_for_status()
            shown: Any = await page.evaluate(
                "new Promise(resolve => { const until = Date.now() + 5000;"
                " const check = () => {"
                f" const e = document.getElementById('count-studio-03');"
                f" if (e && e.textContent === '{seq}') resolve(Date.now() / 1000);"
                " else if (Date.now() > until) resolve(null);"
                " else setTimeout(check, 5); }; check(); })"
            )
            if shown is None:
                raise TimeoutError(f"sale {seq} never reached its tile within 5 s")
            latencies.append(float(shown) - sent)
            await asyncio.sleep(0.05)
    return latencies


def board_page_update_p99_ms() -> Figure:
    with _campaign_hub() as (hub, _server, folder):
        try:
            latencies = run(_page_updates(hub, folder, 200))
        except TimeoutError as error:
            return Figure("board_page_update_p99_ms", BROKEN, "ms", 1000, detail=str(error))
    p99 = percentile(latencies, 0.99) * 1000
    return Figure(
        "board_page_update_p99_ms",
        round(p99, 1),
        "ms",
        1000,
        detail=f"200 sales in one of 20 studios (POST as its console) → its tile's count "
        f"changed on the board page in headless Chromium (the page's clock, checked every "
        f"5 ms); median {percentile(latencies, 0.5) * 1000:.1f} ms",
        samples=len(latencies),
    )


FIGURES: dict[str, Measure] = {
    "board_totals_lag_p95_s": board_totals_lag_p95_s,
    "board_backfill_s": board_backfill_s,
    "board_page_update_p99_ms": board_page_update_p99_ms,
}
