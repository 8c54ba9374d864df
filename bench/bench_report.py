"""Report figures: the HTML report of a show with 100,000 ledger entries, and the size of the
demo show's report."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figure import Figure
from hostconsole.adapters.storage.ledger_db import LedgerFile
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.ledger import Entry, EntryKind
from tests.harness.ledgers import made_up_show

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"


def _report_seconds(data: Path, out: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "hostconsole", "report", str(data), "--html", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"report failed: {done.stderr}")
    return elapsed


def report_html_100k_sales_s() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        base = Path(folder)
        _show, big, _expected = made_up_show(base / "big", sales=100_000, segments=12)
        _show, small, _expected = made_up_show(base / "small", sales=1_000, segments=12)
        big_times = [_report_seconds(big, base / "big.html") for _ in range(3)]
        small_times = [_report_seconds(small, base / "small.html") for _ in range(3)]
        size = (base / "big.html").stat().st_size / 1024
    return Figure(
        "report_html_100k_sales_s",
        round(statistics.median(big_times), 2),
        "s",
        3,
        detail=f"hostconsole report --html, a 3-hour show with 100,000 sales (median of 3, the "
        f"whole command: {size:.0f} KB written); 1,000 sales (baseline) "
        f"{statistics.median(small_times):.2f} s",
    )


def _demo_run(folder: Path) -> Path:
    """The demo show as it went on air: each segment for its planned time, the story's 11
    vouchers in five minutes at the voucher drop among 31 in all, a phone-order correction."""
    show_file = folder / "demo.show.yaml"
    shutil.copy(DEMO, show_file)
    show = load_show(show_file)
    data = folder / "data"
    data.mkdir()
    start = 1_800_000_000.0
    entries: list[Entry] = []
    at = start
    log = []
    for segment in show.segments:
        product = segment.products[0] if segment.products else None
        entries.append(
            Entry(EntryKind.SEGMENT, at, "console", segment_id=segment.id, product_id=product)
        )
        log.append(
            {"at": at, "action": "go", "origin": "console", "detail": segment.id, "result": "ok"}
        )
        sales = 11 if segment.id == "voucher-drop" else 4
        for number in range(sales):
            when = at + 20 + number * (segment.duration - 40) / sales
            entries.append(
                Entry(
                    EntryKind.SALE,
                    when,
                    "stream",
                    1,
                    order_id=f"{segment.id}-{number}",
                    product_id=product,
                )
            )
        at += segment.duration
    entries.append(Entry(EntryKind.CORRECTION, start + 600, "console", 1, reason="电话订单"))
    entries.sort(key=lambda entry: entry.at)
    ledger = LedgerFile(data / "ledger.sqlite")
    try:
        ledger.append(entries)
    finally:
        ledger.close()
    (data / "on-air-log.jsonl").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in log), encoding="utf-8"
    )
    (data / "run-state.json").write_text(
        json.dumps({"show_file": str(show_file)}), encoding="utf-8"
    )
    return data


def report_html_kb() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        base = Path(folder)
        data = _demo_run(base)
        _report_seconds(data, base / "demo.html")
        _show, long_data, _expected = made_up_show(base / "long", sales=5_000)
        _report_seconds(long_data, base / "long.html")
        size = (base / "demo.html").stat().st_size / 1024
        long_size = (base / "long.html").stat().st_size / 1024
    return Figure(
        "report_html_kb",
        round(size, 1),
        "KB",
        1500,
        detail=f"the demo show's report (6 segments, 31 vouchers, chart, tables, on-air log), "
        f"one self-contained file; a 3-hour show with 5,000 sales (baseline) {long_size:.0f} KB",
    )


FIGURES = {
    "report_html_100k_sales_s": report_html_100k_sales_s,
    "report_html_kb": report_html_kb,
}
