"""`hostconsole report --html` and `--campaign` as a producer runs them, on made-up shows that
were on air (a 3-hour show, 5,000 sales, corrections, a quarantined event, a rehearsal):
the numbers (worked out in the test from the sales made), Chinese rendered in headless
Chromium, every section in the PDF Chromium prints, and a campaign that adds up."""

from __future__ import annotations

import asyncio
import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.harness.browser import Browser
from tests.harness.ledgers import made_up_show

SECTIONS_ZH = ["每分钟销量", "各环节", "各产品", "人工修正", "数据源异常与隔离的事件", "播出记录"]


def report(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hostconsole", "report", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class Tables(HTMLParser):
    """Each table's rows (by the table's or its section's id) and the cards' texts."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.cards: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._card = 0
        self._card_text: list[str] = []
        self._where = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self._where = attributes["id"] or self._where
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag == "div" and attributes.get("class") == "card":
            self._card, self._card_text = 1, []
        elif tag == "div" and self._card:
            self._card += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.setdefault(self._where, []).append(self._row)
            self._row = None
        elif tag == "div" and self._card:
            self._card -= 1
            if not self._card:
                self.cards.append(" | ".join(t for t in self._card_text if t.strip()))

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._card:
            self._card_text.append(data.strip())


def parsed(path: Path) -> Tables:
    tables = Tables()
    tables.feed(path.read_text(encoding="utf-8"))
    return tables


def test_the_show_report_has_the_numbers_of_the_sales_made(tmp_path: Path) -> None:
    _show, data, expected = made_up_show(tmp_path / "show")
    out = tmp_path / "report.html"
    done = report(str(data), "--html", str(out), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing fetched: offline
    tables = parsed(out)
    cards = tables.cards
    assert cards[0] == f"售出订车券 | {expected.count:,} | 用时 180 分钟", cards
    assert cards[1].startswith(f"最好的 5 分钟 | 5 分钟内 {expected.best_five():,} 张"), cards
    assert cards[2] == f"目标 | 已达成 | {expected.count:,} / 4,000", cards
    segments = tables.rows["segments"][1:]
    per_segment = expected.per_segment()
    assert [row[0] for row in segments][:2] == ["第 1 段 Segment 1", "第 2 段 Segment 2"]
    assert [int(row[3].replace(",", "")) for row in segments] == [
        per_segment.get(f"seg-{n:02d}", 0) for n in range(12)
    ]
    assert all(row[1] == "15:00" for row in segments)
    products = {row[0]: int(row[1].replace(",", "")) for row in tables.rows["products"][1:]}
    by_product = expected.by_product()
    assert products == {"嘉驰 M5 智驾轿车": by_product["m5"], "嘉驰 X7 智驾 SUV": by_product["x7"]}
    corrections = tables.rows["corrections"][1:]
    assert [(row[1], row[2]) for row in corrections] == [
        ("+3", "电话订单 phone orders"),
        ("-1", "重复订单 duplicate"),
    ]
    quarantined = tables.rows["faults"][1:]
    assert [row[2:] for row in quarantined] == [["not JSON", "{not json"]]
    assert len(tables.rows["timeline"]) == 1 + 12
    assert page.count("<svg") == 1 and "1,000" in page  # the chart, its milestones marked
    assert 'id="rehearsal"' not in page and "彩排" not in page


def test_a_rehearsal_is_marked_and_never_mixed_with_the_live_run(tmp_path: Path) -> None:
    show, live_data, live = made_up_show(tmp_path / "show", sales=800)
    _show, rehearsal_data, rehearsal = made_up_show(
        tmp_path / "show", sales=300, seed=5, rehearsal=True
    )
    assert rehearsal_data == live_data / "rehearsal"
    out = tmp_path / "rehearsal.html"
    done = report(str(rehearsal_data), "--html", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "REHEARSAL — not the live show's results" in page
    assert parsed(out).cards[0].startswith(f"Car-order vouchers sold | {rehearsal.count:,}")
    done = report(str(live_data), "--html", str(tmp_path / "live.html"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert (
        parsed(tmp_path / "live.html")
        .cards[0]
        .startswith(f"Car-order vouchers sold | {live.count:,}")
    )
    del show


def test_the_report_renders_chinese_and_prints_every_section_to_a4(tmp_path: Path) -> None:
    _show, data, _expected = made_up_show(tmp_path / "show")
    out = tmp_path / "report.html"
    assert report(str(data), "--html", str(out), "--lang", "zh").returncode == 0

    async def look() -> tuple[list[dict[str, object]], bytes]:
        async with Browser(tmp_path / "chromium") as browser:
            page = await browser.open(out.as_uri(), 1240, 1754)
            await page.screenshot(tmp_path / "report.png")
            boxes = await page.boxes(["title", "headline", "chart", "segments", "timeline"])
            pdf = await page.call(
                "Page.printToPDF", paperWidth=8.27, paperHeight=11.69, printBackground=True
            )
            return boxes, base64.b64decode(pdf["data"])

    boxes, pdf = asyncio.run(look())
    if os.environ.get("HOSTCONSOLE_SCREENSHOTS"):  # for the README
        shutil.copy(
            tmp_path / "report.png", Path(os.environ["HOSTCONSOLE_SCREENSHOTS"]) / "report-zh.png"
        )
    title = next(box for box in boxes if box["id"] == "title")
    assert title["text"] == "三小时直播 Three-hour show"
    shot = QImage(str(tmp_path / "report.png"))
    assert not shot.isNull()
    left, top = int(title["left"]), int(title["top"])  # type: ignore[call-overload]
    right, bottom = int(title["right"]), int(title["bottom"])  # type: ignore[call-overload]
    inked = sum(
        1
        for y in range(top, bottom, 2)
        for x in range(left, min(right, left + 220), 2)  # the Chinese part of the title
        if shot.pixelColor(x, y).lightness() < 110
    )
    assert inked > 150, "the Chinese title was not drawn"
    (tmp_path / "report.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.count("\f")
    assert 1 <= pages <= 6, pages
    for heading in SECTIONS_ZH:
        assert heading in text, f"{heading} is not in the printed report"
    assert re.search(r"5 分钟内 \d+", text)


def test_a_campaign_over_three_shows_adds_up(tmp_path: Path) -> None:
    folders = []
    counts = []
    bests = []
    for number, sales in enumerate((600, 900, 1200)):
        _show, data, expected = made_up_show(
            tmp_path / f"show{number}",
            sales=sales,
            seed=number,
            segments=4,
            title=f"第 {number + 1} 场 Show {number + 1}",
            date=f"2026-12-0{number + 1}",
        )
        folders.append(str(data))
        counts.append(expected.count)
        bests.append(expected.best_five())
    out = tmp_path / "campaign.html"
    done = report("--campaign", *folders, "--html", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    tables = parsed(out)
    rows = tables.rows["shows"][1:]
    assert [row[0] for row in rows[:3]] == ["2026-12-01", "2026-12-02", "2026-12-03"]
    assert [int(row[4].replace(",", "")) for row in rows[:3]] == counts
    totals = tables.rows["totals"][0]
    assert int(totals[1].replace(",", "")) == sum(counts)
    assert totals[2] == f"{max(bests):,} in 5 min"
    assert out.read_text(encoding="utf-8").count("<svg") == 3  # one chart per show


@pytest.mark.parametrize(
    ("target", "message"),
    [("nowhere", "not where it was"), ("empty", "no ledger here")],
)
def test_a_report_without_results_says_why(tmp_path: Path, target: str, message: str) -> None:
    folder = tmp_path / target
    folder.mkdir()
    if target == "empty":
        (folder / "run-state.json").write_text(
            json.dumps({"show_file": str(tmp_path / "s.show.yaml")}), encoding="utf-8"
        )
        (tmp_path / "s.show.yaml").write_text(
            "format: hostconsole-show/1\ntitle: t\n"
            "segments:\n  - {id: a, title: a, duration: 1m}\n",
            encoding="utf-8",
        )
    done = report(str(folder), "--html", str(tmp_path / "out.html"))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.html").exists()


def test_a_report_of_a_show_open_in_a_console_says_so_and_an_edited_snapshot_is_not_trusted(
    tmp_path: Path,
) -> None:
    """Asked while the console runs the show: the console's lock answers (SQLite's five-second
    wait is never reached). Closed, with its snapshot edited: the entries decide."""
    import sqlite3

    from tests.conftest import DEMO_SHOW
    from tests.harness.app_process import AppProcess

    show = tmp_path / "demo.show.yaml"
    show.write_text(DEMO_SHOW.read_text(encoding="utf-8"), encoding="utf-8")
    app = AppProcess(tmp_path / "config", show, resume=None).start()
    try:
        corrected = app.post("/api/v1/vouchers/correction", {"amount": 12, "reason": "电话订单"})
        assert corrected.status_code == 200
        out = tmp_path / "report.html"
        busy = report(str(app.show_dir()), "--html", str(out))
        assert busy.returncode != 0
        assert "open in Host Console" in busy.stderr, busy.stderr
        assert "Traceback" not in busy.stderr
        assert app.terminate() == 0
    finally:
        app.close()
    connection = sqlite3.connect(app.show_dir() / "ledger.sqlite")
    try:
        (text,) = connection.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'snapshot'",
            (text.replace('"corrections":12', '"corrections":24'),),
        )
        connection.commit()
    finally:
        connection.close()
    done = report(str(app.show_dir()), "--html", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    cards = parsed(out).cards
    assert "| 12 |" in f"{cards[0]} ", cards


def test_the_rehearsal_feed_sells_the_shows_own_products(tmp_path: Path) -> None:
    """`hostconsole-salesfeed --show SHOW` sells that show's products: with the farm show
    (not the demo) the report gives the grapes every sale, not 0."""
    from tests.conftest import PROJECT_ROOT
    from tests.harness.app_process import AppProcess
    from tests.harness.salesfeed import FeedServer
    from tests.harness.waiting import eventually

    show = tmp_path / "farm.show.yaml"
    show.write_text(
        (PROJECT_ROOT / "tests" / "data" / "farm.show.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with FeedServer("--rate", "0", "--show", str(show)) as sales:
        app = AppProcess(tmp_path / "config", show, stream_url=sales.stream_url, resume=None)
        app.start()
        try:
            assert app.post("/api/v1/go").status_code == 200
            app.post("/api/v1/next")
            sales.control(sell=14)
            eventually(lambda: app.state()["vouchers"]["count"] == 14, 10, "14 counted")
            assert app.terminate() == 0
        finally:
            app.close()
    out = tmp_path / "farm.html"
    done = report(str(app.show_dir()), "--html", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    products = {row[0]: row[1] for row in parsed(out).rows["products"][1:]}
    assert products == {"Kyoho grapes 2 kg": "14"}, products
