"""A two-show run as a district runs it: two shows written for the tests (an English farm
show and a Chinese one with two products and two hosts), each in its own console process,
sold through the rehearsal platform product by product, every segment gone through and the
show ended; then `hostconsole report`. The numbers are worked out here from what was sold
and from the on-air log, not from the app's ledger."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from tests.conftest import PROJECT_ROOT
from tests.e2e.test_report import parsed
from tests.harness.app_process import AppProcess
from tests.harness.salesfeed import FeedServer

if TYPE_CHECKING:
    from pathlib import Path

DATA = PROJECT_ROOT / "tests" / "data"
# Per show: each segment with the sales made while it is on air (product, how many).
PLANS = {
    "farm.show.yaml": [
        ("hello", []),
        ("field", [("grapes", 4)]),
        ("back-at-the-gate", []),
        ("offer", [("grapes", 7)]),
    ],
    "tea.show.yaml": [
        ("welcome", []),
        ("rice", [("rice", 5)]),
        ("grapes", [("grapes", 3), ("rice", 2)]),
    ],
}
NAMES_EN = {"rice": "Waigang rice 5 kg", "grapes": "Malu grapes 2 kg"}
LAST_SEGMENT_SECONDS = 2.5


def run_show(name: str, folder: Path) -> tuple[Path, dict[str, int], list[float]]:
    """The show from start to end in a console; (show file, sold per product, each
    segment's time on air as the on-air log says)."""
    show = folder / name
    shutil.copy(DATA / name, show)
    sold: dict[str, int] = {}
    with FeedServer("--show", str(show), "--rate", "0") as feed:
        app = AppProcess(folder / "config", show, stream_url=feed.stream_url).start()
        try:
            plan = PLANS[name]
            for index, (segment, sales) in enumerate(plan):
                answer = app.post("/api/v1/go" if index == 0 else "/api/v1/next")
                assert answer.status_code == 200, answer.text
                assert app.state()["segment"]["id"] == segment
                for product, count in sales:
                    feed.control(sell=count, product=product)
                    sold[product] = sold.get(product, 0) + count
                deadline = time.monotonic() + 20
                while app.state()["vouchers"]["count"] != sum(sold.values()):
                    assert time.monotonic() < deadline, app.state()["vouchers"]
                    time.sleep(0.05)
                if index == len(plan) - 1:
                    # The report's time for a segment is the time it was on air: really.
                    time.sleep(LAST_SEGMENT_SECONDS)
            answer = app.post("/api/v1/next")  # past the last segment: the show ends
            assert answer.status_code == 200, answer.text
            log = app.onair_log()
            assert app.terminate() == 0
        finally:
            app.close()
    # Each segment's time on air by the on-air log: from its GO/Next to the next one's, the
    # last one's to the end of the show.
    moments = [
        (line["at"], line["detail"].split(" → ")[0])
        for line in log
        if line["action"] in ("go", "next")
    ]
    moments.append((next(line["at"] for line in log if line["action"] == "finish"), ""))
    times = [later[0] - at for (at, _id), later in itertools.pairwise(moments)]
    assert [segment for _at, segment in moments[:-1]] == [s for s, _sales in PLANS[name]]
    return show, sold, times


def report(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hostconsole", "report", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOSTCONSOLE_CONFIG_DIR": str(folder / "config")},
    )


def seconds(text: str) -> int:
    minutes, _colon, secs = text.partition(":")
    return int(minutes) * 60 + int(secs)


def test_a_two_show_run_reports_per_product_and_the_last_segments_time(tmp_path: Path) -> None:
    shows = {}
    for name in PLANS:
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        shows[name] = (folder, *run_show(name, folder))

    for name, (folder, show, sold, times) in shows.items():
        assert times[-1] >= LAST_SEGMENT_SECONDS
        for language in ("en", "zh"):
            out = folder / f"report-{language}.html"
            done = report(folder, str(show), "--html", str(out), "--lang", language)
            assert done.returncode == 0, done.stderr
            tables = parsed(out)
            rows = tables.rows["segments"][1:]
            assert len(rows) == len(PLANS[name])
            # Every segment's time, the last one's too (from entering it to the show's end).
            for row, expected in zip(rows, times, strict=True):
                assert abs(seconds(row[2]) - expected) <= 1, (row, expected)
            assert seconds(rows[-1][2]) >= 2, rows[-1]
            products = {row[0]: int(row[1].replace(",", "")) for row in tables.rows["products"][1:]}
            page = out.read_text(encoding="utf-8")
            if name == "tea.show.yaml" and language == "en":
                assert products == {NAMES_EN[p]: n for p, n in sold.items()}
                assert "Hosts Wang Lihua, Lu Jianguo" in page  # one script for the names
            if name == "farm.show.yaml":
                assert products == {"Kyoho grapes 2 kg": sold["grapes"]}
            # The chart names every segment whole (a legend where a band is too narrow).
            chart = page[page.index('id="chart"') : page.index("</figure>")]
            assert "…" not in chart
            for row in rows:
                assert row[0] in chart, row[0]
            if language == "zh":  # the on-air log in Chinese, ids and names kept
                timeline = tables.rows["timeline"][1:]
                actions = {row[1] for row in timeline}
                assert {"播出", "下一环节", "结束"} <= actions, actions
                assert not any(re.search(r"→ scene |the show ended", row[3]) for row in timeline)
                assert "控制接口 127.0.0.1" in {row[2] for row in timeline}

    # The campaign adds up to what was sold in both shows (each read from its data folder).
    out = tmp_path / "campaign.html"
    data = [next((f / "config" / "data" / "shows").iterdir()) for f, *_rest in shows.values()]
    done = report(tmp_path, "--campaign", *map(str, data), "--html", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    totals = parsed(out).rows["totals"][0]
    total = sum(sum(sold.values()) for _folder, _show, sold, _last in shows.values())
    assert int(totals[1].replace(",", "")) == total, (totals, total)


def test_report_after_a_rehearsal_says_to_add_rehearsal(tmp_path: Path) -> None:
    """A newcomer rehearses (the console's own rehearsal feed), then asks for the report of
    the show file: told there is only a rehearsal and how to get its report."""
    show = tmp_path / "farm.show.yaml"
    shutil.copy(DATA / "farm.show.yaml", show)
    app = AppProcess(tmp_path / "config", show, extra=("--rehearsal",)).start()
    try:
        assert app.post("/api/v1/go").status_code == 200
        assert app.terminate() == 0
    finally:
        app.close()
    written = show.read_bytes()
    for html in ((), ("--html", str(tmp_path / "live.html"))):
        done = report(tmp_path, str(show), *html)
        assert done.returncode != 0
        assert "this show was rehearsed: add --rehearsal" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    # The show file is the producer's: a report never takes it for a ledger (it did, and
    # "salvaged" it: moved aside, a database in its place).
    assert show.read_bytes() == written
    assert sorted(p.name for p in tmp_path.glob("farm*")) == ["farm.show.yaml"]
    rehearsal = report(tmp_path, str(show), "--rehearsal", "--html", str(tmp_path / "r.html"))
    assert rehearsal.returncode == 0, rehearsal.stderr
