"""The web presenter and the cuesheet in headless Chromium at 1080p, 1024×768 and a 390×844
phone, in Chinese and English, with the longest texts: nothing clipped, nothing outside the
viewport, nothing below a readable size; the show's English texts with ?lang=en; a lost
connection shown across the page with the countdown marked not live."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import pytest_asyncio

from tests.harness.browser import Browser
from tests.harness.sessions import (
    LONG_TITLE,
    LONG_TITLE_EN,
    demo_session,
    demo_show_file,
    serving,
)
from tests.unit.fakes import FakeClock

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from hostconsole.remote.control_api import ControlApi
    from hostconsole.services.show import ShowSession

pytestmark = pytest.mark.asyncio

SIZES = [(1920, 1080), (1024, 768), (390, 844)]
LONG_MESSAGE = "请马上展示二维码并再次提醒观众订车券未使用可以全额退款谢谢大家支持嘉定"  # 34 chars
PRESENTER_IDS = [
    "segment",
    "wallclock",
    "countdown",
    "count",
    "rate",
    "fresh",
    "points",
    "notes",
    "next",
    "message",
]
# Set HOSTCONSOLE_SCREENSHOTS=docs/screenshots to keep the pages for the README.
SCREENSHOTS = os.environ.get("HOSTCONSOLE_SCREENSHOTS")


@pytest_asyncio.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[ShowSession, ControlApi, int]]:
    # The show's time moves by hand (from now: the pages show times of day).
    session = await demo_session(
        tmp_path, show=demo_show_file(tmp_path, long_titles=True), now=FakeClock(time.time())
    )
    try:
        async with serving(session) as (api, port):
            yield session, api, port
    finally:
        await session.close()


def check_boxes(boxes: list[dict[str, Any]], size: tuple[int, int], where: str) -> None:
    width, height = size
    for box in boxes:
        assert not box.get("missing"), f"{box['id']} missing {where}"
        assert box["shown"], f"{box['id']} not shown {where}"
        assert box["left"] >= -0.5 and box["top"] >= -0.5, f"{box} leaves the page {where}"
        assert box["right"] <= width + 0.5 and box["bottom"] <= height + 0.5, (
            f"{box} leaves the page {where}"
        )
        assert box["overflowX"] <= 1 and box["overflowY"] <= 1, f"{box} is clipped {where}"
        assert box["fontSize"] >= 14, f"{box['id']} at {box['fontSize']} px {where}"


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_web_presenter_fits_a_monitor_a_tablet_and_a_phone(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path, language: str
) -> None:
    session, _api, port = served
    await session.go(1)  # the long-titled segment, its notes and three talking points
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        sent = await client.post(
            "/api/v1/message", json={"text": LONG_MESSAGE, "blink": True}, timeout=10
        )
        assert sent.status_code == 200, sent.text
    async with Browser(tmp_path / "chromium") as browser:
        for size in SIZES:
            where = f"at {size[0]}×{size[1]} in {language}"
            page = await browser.open(f"http://127.0.0.1:{port}/presenter?lang={language}", *size)
            await page.wait_for("document.getElementById('message').textContent.length > 0")
            boxes = await page.boxes(PRESENTER_IDS)
            check_boxes(boxes, size, where)
            by_id = {box["id"]: box for box in boxes}
            title = LONG_TITLE_EN if language == "en" else LONG_TITLE
            assert by_id["segment"]["text"] == title, where
            assert by_id["message"]["text"] == LONG_MESSAGE
            if language == "en":  # the show's English texts, not only the labels
                assert "Level 4 driverless" in by_id["points"]["text"]
                assert by_id["next"]["text"] == "Next: The three models"
            else:
                assert "L4 级无人驾驶" in by_id["points"]["text"]
            name = f"web-presenter-{language}-{size[0]}x{size[1]}.png"
            await page.screenshot(tmp_path / name)
            if SCREENSHOTS:
                shutil.copy(tmp_path / name, Path(SCREENSHOTS) / name)


async def test_a_lost_connection_is_shown_across_the_page_and_the_countdown_is_not_live(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path
) -> None:
    session, api, port = served
    await session.go(0)
    async with Browser(tmp_path / "chromium") as browser:
        page = await browser.open(f"http://127.0.0.1:{port}/presenter?lang=en", 390, 844)
        await page.wait_for("document.getElementById('countdown').textContent !== '--:--'")
        assert not await page.evaluate("document.getElementById('lost').offsetHeight")
        await api.cleanup()  # the console goes away
        await page.wait_for("document.getElementById('lost').offsetHeight > 0")
        lost = (await page.boxes(["lost"]))[0]
        assert lost["left"] == 0 and lost["right"] == 390, lost  # across the whole page
        assert "not live" in lost["text"]
        assert await page.evaluate(
            "document.getElementById('clockbox').classList.contains('notlive')"
        )
        frozen = await page.evaluate("document.getElementById('countdown').textContent")
        # Five seconds later by the page's own clock (the last state older by that): a
        # countdown that ran on without the console would show 5 s less.
        after = await page.evaluate(
            "receivedAt -= 5000; render(); document.getElementById('countdown').textContent"
        )
        assert after == frozen
        await page.screenshot(tmp_path / "lost.png")


@pytest.mark.parametrize("size", [(1024, 768), (390, 844)], ids=["tablet", "phone"])
async def test_the_cuesheet_shows_planned_and_actual_times_and_what_is_on_air(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path, size: tuple[int, int]
) -> None:
    session, _api, port = served
    clock = session.now
    assert isinstance(clock, FakeClock)
    await session.go(0)
    clock.advance(10)
    await session.next()  # the opening ran 10 s of its 2 minutes: under
    async with Browser(tmp_path / "chromium") as browser:
        page = await browser.open(f"http://127.0.0.1:{port}/cuesheet?lang=en", *size)
        await page.wait_for("document.querySelectorAll('#rows tr').length === 6")
        rows = await page.evaluate(
            "[...document.querySelectorAll('#rows tr')].map(r => ({cls: r.className,"
            " cells: [...r.children].map(c => c.textContent)}))"
        )
        assert rows[0]["cls"] == "done"
        opening = rows[0]["cells"]
        assert opening[1].startswith("Opening: the deputy director greets viewers")
        assert opening[1].endswith(
            "先介绍自己，再介绍嘉驰创始人李晨 (introduce yourself, then Li Chen)"
        )
        assert len(opening) == (5 if size[0] > 600 else 4)  # upright: no planned column
        started, ended = opening[-2].split("–")
        assert started[:2].isdigit() and ended[:2].isdigit(), opening  # real times, both
        assert opening[-1].startswith("−1:50"), opening  # ran 1:50 short
        assert rows[1]["cls"] == "onair"
        assert rows[1]["cells"][1].startswith(LONG_TITLE_EN)
        assert rows[1]["cells"][-2].endswith("…")
        assert all(row["cls"] == "" for row in rows[2:])
        wide = await page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert wide <= 0, f"the cuesheet scrolls sideways at {size}"
        header = await page.boxes(["title", "onair", "overunder"])
        check_boxes(header, size, f"cuesheet at {size}")
        await page.screenshot(tmp_path / f"cuesheet-{size[0]}x{size[1]}.png")
        if SCREENSHOTS:
            shutil.copy(
                tmp_path / f"cuesheet-{size[0]}x{size[1]}.png",
                Path(SCREENSHOTS) / f"cuesheet-en-{size[0]}x{size[1]}.png",
            )


HOSTILE_MESSAGE = "注意 <!--<script> & </script> \u2028 <b>end</b>"


async def test_text_that_looks_like_html_never_blanks_a_page_on_reload(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path
) -> None:
    """A message (or a viewer's question, or notes) with "<!--<script" in it sits in the
    state each page carries inline: both pages still draw, the text shown as text."""
    session, _api, port = served
    await session.go(0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        sent = await client.post(
            "/api/v1/message", json={"text": HOSTILE_MESSAGE, "blink": False}, timeout=10
        )
        assert sent.status_code == 200, sent.text
    async with Browser(tmp_path / "chromium") as browser:
        page = await browser.open(f"http://127.0.0.1:{port}/presenter?lang=en", 1024, 768)
        await page.wait_for("document.getElementById('message').textContent.length > 0")
        shown = await page.evaluate("document.getElementById('message').textContent")
        assert shown == HOSTILE_MESSAGE.replace("\u2028", " ") or shown == HOSTILE_MESSAGE
        assert not await page.evaluate("document.querySelector('#message b')")
        sheet = await browser.open(f"http://127.0.0.1:{port}/cuesheet?lang=en", 1024, 768)
        await sheet.wait_for("document.querySelectorAll('#rows tr').length === 6")


async def test_the_web_presenter_states_the_offer_with_its_terms(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path
) -> None:
    session, _api, port = served
    await session.goto("voucher-drop")  # the M5 and its voucher
    async with Browser(tmp_path / "chromium") as browser:
        page = await browser.open(f"http://127.0.0.1:{port}/presenter?lang=en", 1920, 1080)
        await page.wait_for("document.getElementById('notes').textContent.length > 0")
        notes = await page.evaluate("document.getElementById('notes').textContent")
    assert notes.startswith("JiaChi M5 autonomous sedan · ¥189,800 · 99 元订车券: 抵扣购车款"), (
        notes
    )


async def test_while_the_ledger_is_replayed_the_web_presenter_shows_no_count(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path
) -> None:
    """The console replays a ledger without a usable snapshot (as a resume with a big ledger
    does, tested end to end): the page shows no number, says it is reading the ledger, and
    shows the whole count when it is done."""
    session, _api, port = served
    counter = session.counter
    counter.folding = (120_000, 400_000)
    async with Browser(tmp_path / "chromium") as browser:
        page = await browser.open(f"http://127.0.0.1:{port}/presenter?lang=en", 1920, 1080)
        await page.wait_for("document.getElementById('rate').textContent.includes('ledger')")
        assert await page.evaluate("document.getElementById('count').textContent") == "…"
        rate = await page.evaluate("document.getElementById('rate').textContent")
        assert rate == "catching up: reading the ledger (30 %)", rate
        counter.folding = None
        session.changed("vouchers")
        await page.wait_for("document.getElementById('count').textContent === '0'")


@pytest.mark.parametrize("page_name", ["presenter", "cuesheet"])
async def test_a_page_refused_a_stream_recovers_by_itself_when_a_slot_frees(
    served: tuple[ShowSession, ControlApi, int], tmp_path: Path, page_name: str
) -> None:
    """Every stream this address may hold is taken: the page is refused (429), says it is not
    live, and — once streams are freed — is live again without anyone reloading it."""
    import socket

    session, api, port = served
    await session.go(0)
    held = []
    for _ in range(16):  # the most one address holds
        connection = socket.create_connection(("127.0.0.1", port))
        connection.setblocking(False)
        connection.sendall(
            f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        )
        held.append(connection)
    try:
        for _ in range(100):
            if api.event_clients == 16:
                break
            await asyncio.sleep(0.05)
        assert api.event_clients == 16
        async with Browser(tmp_path / "chromium") as browser:
            page = await browser.open(f"http://127.0.0.1:{port}/{page_name}?lang=en", 1024, 768)
            await page.wait_for("document.getElementById('lost').offsetHeight > 0")
            for connection in held:
                connection.close()
            held.clear()
            await page.wait_for("document.getElementById('lost').offsetHeight === 0", 15)
            assert api.event_clients == 1
    finally:
        for connection in held:
            connection.close()
