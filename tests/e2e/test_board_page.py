"""The festival board's page in headless Chromium at 1920×1080 and 1366×768 with twenty
studios in Chinese and English: every tile on the page, nothing clipped, the totals those of
the studios' ledgers; a sale in one studio reaches its tile."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.harness.browser import Browser
from tests.harness.hub import CAMPAIGN, VIEWER_TOKEN, HubProcess, NatsServer

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(240)]

STUDIOS = 20
SIZES = [(1920, 1080), (1366, 768)]
SCREENSHOTS = os.environ.get("HOSTCONSOLE_SCREENSHOTS")
# The longest a studio's title is on a tile: it must end in an ellipsis, not spill.
LONG = "嘉定区安亭镇汽车城无人驾驶专场直播间第{n}号演播室"


def studio_token(number: int) -> str:
    return f"studio-token-{number:02d}-0123456789"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    shows = []
    env = {}
    for number in range(1, STUDIOS + 1):
        show = tmp_path / "shows" / f"studio-{number:02d}.show.yaml"
        show.parent.mkdir(exist_ok=True)
        show.write_text(
            "format: hostconsole-show/1\n"
            f"id: studio-{number:02d}\ncampaign: {CAMPAIGN}\n"
            f"title: {LONG.format(n=number)}\ntitle_en: Jiading festival studio {number}\n"
            "segments:\n  - {id: intro, title: 开场, duration: 2m, scene: Studio}\n",
            encoding="utf-8",
        )
        shows.append(show)
        env[f"HOSTCONSOLE_HUB_SHOW_TOKEN_STUDIO_{number:02d}"] = studio_token(number)
    server = NatsServer(tmp_path / "nats").start()
    process = HubProcess(tmp_path / "hub", nats=server.url, shows=tuple(shows), env=env).start()
    yield process
    process.stop()
    server.stop()


def report(hub: HubProcess, number: int, sold: int, first_seq: int = 1) -> None:
    """What a console sends: its state and its ledger's entries."""
    headers = {"Authorization": f"Bearer {studio_token(number)}"}
    show = f"{hub.url}/shows/studio-{number:02d}"
    now = time.time()
    state: dict[str, Any] = {
        "on_air": number % 4 != 0,
        "rehearsal": number == 20,
        "segment": "无人驾驶技术讲解与试乘体验",
        "next": "三款车型介绍及订车券说明",
        "left": "4:59",
        "stream": "trouble" if number == 7 else "ok",
        "alarms": ["dropped-frames"] if number == 7 else [],
        "obs": "connected",
        "feed": "live",
    }
    assert httpx.post(f"{show}/state", json=state, headers=headers, timeout=10).status_code == 200
    entries = [
        {
            "seq": first_seq + i,
            "kind": "sale",
            "at": now - i,
            "source": "stream",
            "amount": 1,
            "order_id": f"o{number}-{first_seq + i}",
        }
        for i in range(sold)
    ]
    mode = "rehearsal" if number == 20 else "live"
    answer = httpx.post(
        f"{show}/ledger",
        params={"mode": mode},
        json={"entries": entries},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


async def test_twenty_studios_fit_a_wall_screen_and_a_laptop(
    hub: HubProcess, tmp_path: Path
) -> None:
    for number in range(1, STUDIOS + 1):
        report(hub, number, number)
    live_total = sum(range(1, STUDIOS))  # studio 20 rehearses: never counted
    async with Browser(tmp_path / "chromium") as browser:
        for language in ("zh", "en"):
            for width, height in SIZES:
                where = f"at {width}×{height} in {language}"
                page = await browser.open(
                    f"{hub.url}/board/{CAMPAIGN}?token={VIEWER_TOKEN}&lang={language}",
                    width,
                    height,
                )
                await page.wait_for(f"document.querySelectorAll('.tile').length === {STUDIOS}")
                sold = await page.evaluate("document.getElementById('sold').textContent")
                assert sold == f"{live_total:,}", where
                boxes = await page.evaluate(
                    """[...document.querySelectorAll('.tile, .tile *, .total, #chartbox')]
                    .map(e => { const r = e.getBoundingClientRect();
                      return {cls: e.className, text: e.textContent.slice(0, 30),
                        left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                        ellipsis: getComputedStyle(e).textOverflow === 'ellipsis',
                        overflowX: e.scrollWidth - e.clientWidth,
                        overflowY: e.scrollHeight - e.clientHeight,
                        font: parseFloat(getComputedStyle(e).fontSize)}; })"""
                )
                for box in boxes:
                    assert box["left"] >= -0.5 and box["top"] >= -0.5, f"{box} {where}"
                    assert box["right"] <= width + 0.5, f"{box} off the page {where}"
                    assert box["bottom"] <= height + 0.5, f"{box} below the page {where}"
                    assert box["overflowY"] <= 1, f"{box} clipped {where}"
                    # Only a title may be cut, and then it shows an ellipsis.
                    assert box["overflowX"] <= 1 or box["ellipsis"], f"{box} clipped {where}"
                    assert box["font"] >= 10, f"{box} unreadable {where}"
                flagged = await page.evaluate(
                    "document.getElementById('tile-studio-07').textContent"
                )
                assert ("推流异常" if language == "zh" else "stream trouble") in flagged
                name = f"board-{language}-{width}x{height}.png"
                await page.screenshot(tmp_path / name)
                if SCREENSHOTS:
                    shutil.copy(tmp_path / name, Path(SCREENSHOTS) / name)
        # A sale in one studio reaches its tile and the total, without a reload.
        page = await browser.open(f"{hub.url}/board/{CAMPAIGN}?token={VIEWER_TOKEN}", 1920, 1080)
        await page.wait_for(f"document.querySelectorAll('.tile').length === {STUDIOS}")
        report(hub, 3, 2, first_seq=4)
        await page.wait_for("document.getElementById('count-studio-03').textContent === '5'")
        total = await page.evaluate("document.getElementById('sold').textContent")
        assert total == f"{live_total + 2:,}"
