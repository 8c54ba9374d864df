"""Big-show figures: a ledger of a million sales — SIGKILL and restart until the state is
served, the memory and idle CPU after that, and `report` of it; each beside the same for a
thousand sales."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_show import generated_show
from bench.figure import BROKEN, Figure
from tests.harness.app_process import AppProcess
from tests.harness.ledgers import placed_show as _placed
from tests.harness.salesfeed import FeedServer

_measured: dict[str, Any] = {}
_folders: list[tempfile.TemporaryDirectory[str]] = []


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wait_count(app: AppProcess, count: int, within: float = 300.0) -> None:
    deadline = time.monotonic() + within
    while (seen := app.state()["vouchers"]["count"]) != count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app counts {seen}, not {count}")
        time.sleep(0.05)


TAIL = 19_999  # sales after the last snapshot (one is written every 20,000): the worst crash


def _restart(show_file: Path, config: Path, count: int) -> dict[str, float]:
    """Start, sell TAIL more through the feed, kill -9 once they are counted (so the restart
    folds the snapshot and every entry after it), start again: the restart's time, then its
    memory and its CPU over 10 s with no sales."""
    with FeedServer("--rate", "0") as feed:
        app = AppProcess(config, show_file, resume=None, stream_url=feed.stream_url)
        app.start(wait=300)
        _wait_count(app, count)
        feed.control(sell=TAIL)
        count += TAIL
        _wait_count(app, count)
        app.kill()
        down = time.monotonic()
        app = AppProcess(config, show_file, resume=None, stream_url=feed.stream_url)
        app.start(wait=300)
        _wait_count(app, count)
        resume = time.monotonic() - down
        assert app.process is not None
        pid = app.process.pid
        time.sleep(2.0)
        rss = _rss_mb(pid)
        before = _cpu_seconds(pid)
        time.sleep(10.0)  # the feed connected and quiet: no sales arriving
        idle = (_cpu_seconds(pid) - before) / 10.0 * 100
        app.close()
    return {"resume": resume, "rss": rss, "idle": idle}


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _report(config: Path, *arguments: str) -> tuple[float, float]:
    """``hostconsole report ARGUMENTS``: (seconds, peak resident MB) of the whole command.

    The peak is the child's own high-water mark, read while it runs (getrusage's would
    start from this process's, which a fork hands down)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "hostconsole", "report", *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOSTCONSOLE_CONFIG_DIR": str(config)},
    )
    peak = 0.0
    while True:
        # waitid with WNOWAIT: the child stays readable in /proc until it is reaped.
        if os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            peak = max(peak, _peak_mb(process.pid))
            break
        peak = max(peak, _peak_mb(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    assert process.stderr is not None
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.wait() != 0:
        raise RuntimeError(errors)
    return seconds, peak


def _report_seconds(show_file: Path, config: Path) -> float:
    return _report(config, str(show_file), "--html", str(config / "report.html"))[0]


def report_peak_mb_1m_ledger() -> Figure:
    """The report of a 10^6-sale ledger with no snapshot (one written before snapshots, or
    with its snapshot unusable): every entry is folded, streamed from SQLite."""
    measured = {}
    for name, sales in (("big", 1_000_000), ("small", 1_000)):
        with tempfile.TemporaryDirectory(prefix=f"bench-report-peak-{name}-") as folder:
            show_file, config, _count = _placed(Path(folder), sales, snapshot=False)
            html = _report(config, str(show_file), "--html", str(config / "report.html"))
            data = next((config / "data" / "shows").iterdir())
            csv = _report(config, str(data), "--entries", str(config / "entries.csv"))
            measured[name] = (html, csv)
    (html_s, html_mb), (csv_s, csv_mb) = measured["big"]
    (_small_s, small_mb), _small_csv = measured["small"]
    return Figure(
        "report_peak_mb_1m_ledger",
        round(max(html_mb, csv_mb), 1),
        "MB",
        250,
        detail=f"peak resident memory of `report` on a 10^6-sale ledger without a snapshot: "
        f"--html {html_mb:.0f} MB in {html_s:.1f} s, --entries CSV {csv_mb:.0f} MB in "
        f"{csv_s:.1f} s; 10^3 sales (baseline) --html {small_mb:.0f} MB",
    )


def _measure() -> dict[str, Any]:
    if _measured:
        return _measured
    for name, sales in (("big", 1_000_000), ("small", 1_000)):
        folder = tempfile.TemporaryDirectory(prefix=f"bench-bigshow-{name}-")
        _folders.append(folder)
        show_file, config, count = _placed(Path(folder.name), sales)
        _measured[name] = {
            **_restart(show_file, config, count),
            "report": _report_seconds(show_file, config),
        }
    return _measured


def resume_1m_ledger_s() -> Figure:
    big, small = _measure()["big"], _measure()["small"]
    return Figure(
        "resume_1m_ledger_s",
        round(big["resume"], 2),
        "s",
        2,
        detail=f"SIGKILL {TAIL:,} sales after the last snapshot of a 10^6-sale ledger, restart → "
        f"its count served by /api/v1/state (the snapshot, then every entry after it "
        f"folded); 10^3 sales + the same tail (baseline) {small['resume']:.2f} s",
        baseline=round(small["resume"], 2),
    )


def rss_mb_1m_ledger() -> Figure:
    big, small = _measure()["big"], _measure()["small"]
    return Figure(
        "rss_mb_1m_ledger",
        round(big["rss"], 1),
        "MB",
        250,
        detail=f"resident memory after that restart; 10^3 sales (baseline) {small['rss']:.0f} MB",
    )


def idle_cpu_pct_1m_ledger() -> Figure:
    big, small = _measure()["big"], _measure()["small"]
    return Figure(
        "idle_cpu_pct_1m_ledger",
        round(big["idle"], 1),
        "%",
        5,
        detail=f"the app's CPU over 10 s, no sales arriving, 10^6 sales in the ledger; 10^3 "
        f"sales (baseline) {small['idle']:.1f} %",
    )


def report_1m_s() -> Figure:
    big, small = _measure()["big"], _measure()["small"]
    return Figure(
        "report_1m_s",
        round(big["report"], 2),
        "s",
        5,
        detail=f"hostconsole report --html of the 10^6-sale show (the whole command); 10^3 sales "
        f"(baseline) {small['report']:.2f} s",
    )


def _idle_on_air(segments: int) -> float:
    """The app's CPU over 10 s with a generated show of ``segments`` on air, no sales."""
    with tempfile.TemporaryDirectory(prefix=f"bench-idle-{segments}-") as folder:
        show = Path(folder) / "long.show.yaml"
        show.write_text(generated_show(segments), encoding="utf-8")
        app = AppProcess(Path(folder) / "config", show, resume=None).start(wait=300)
        try:
            app.post("/api/v1/go")
            assert app.process is not None
            time.sleep(3.0)  # the GO's work done
            before = _cpu_seconds(app.process.pid)
            time.sleep(10.0)
            return (_cpu_seconds(app.process.pid) - before) / 10.0 * 100
        finally:
            app.close()


def idle_cpu_pct_10000_segments() -> Figure:
    big, small = _idle_on_air(10_000), _idle_on_air(10)
    return Figure(
        "idle_cpu_pct_10000_segments",
        round(big, 1),
        "%",
        5,
        detail=f"the app's CPU over 10 s on air in a 10,000-segment show, no sales, the console "
        f"counting down; 10 segments (baseline) {small:.1f} %",
    )


def api_up_with_unusable_snapshot_s() -> Figure:
    """A 10^6-sale ledger whose snapshot cannot be used (none, as a ledger from before
    snapshots or one found not to match): the console's start → its control API answering
    with the count served as catching up; beside it, start → the count whole."""
    with tempfile.TemporaryDirectory(prefix="bench-unusable-snapshot-") as folder:
        show_file, config, count = _placed(Path(folder), 1_000_000, snapshot=False)
        app = AppProcess(config, show_file, resume=None)
        started = time.monotonic()
        try:
            app.start(wait=300)
            up = time.monotonic() - started
            vouchers = app.state()["vouchers"]
            replayed_behind = vouchers["count"] is None and vouchers["replay"] is not None
            _wait_count(app, count)
            whole = time.monotonic() - started
        finally:
            app.close()
    return Figure(
        "api_up_with_unusable_snapshot_s",
        round(up, 2) if replayed_behind else BROKEN,
        "s",
        3,
        detail=f"start → /api/v1/state answering with the count catching up (null, the "
        f"replay's progress given), 10^6 entries replayed in the background; the count whole "
        f"after {whole:.1f} s (baseline: what a start that replays first would cost)"
        + ("" if replayed_behind else "; the API came up only once the count was whole"),
        baseline=round(whole, 2),
    )


FIGURES = {
    "api_up_with_unusable_snapshot_s": api_up_with_unusable_snapshot_s,
    "idle_cpu_pct_10000_segments": idle_cpu_pct_10000_segments,
    "report_peak_mb_1m_ledger": report_peak_mb_1m_ledger,
    "resume_1m_ledger_s": resume_1m_ledger_s,
    "rss_mb_1m_ledger": rss_mb_1m_ledger,
    "idle_cpu_pct_1m_ledger": idle_cpu_pct_1m_ledger,
    "report_1m_s": report_1m_s,
}
