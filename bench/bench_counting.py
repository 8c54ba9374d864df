"""Counted once: the app as a subprocess, killed and restarted 20 times while a stand-in
platform sells, says its total on every connect (also when resuming after Last-Event-ID, before
it replays what the console missed) and computes totals ahead of the sales."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.figure import BROKEN, Figure
from tests.harness.app_process import AppProcess
from tests.harness.salesfeed import FeedServer

CYCLES = 20
DEMO_SHOW = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"


def overcount_after_reconnect() -> Figure:
    """The most sales ever on air beyond what the platform had sold, sampled several times a
    second over 20 crash/restart cycles. Baseline: the sales the platform replayed after the
    restarts (what a fold that added each connect's total to its replay would have doubled)."""
    with tempfile.TemporaryDirectory(prefix="hostconsole-bench-") as folder:
        base = Path(folder)
        show = base / "demo.show.yaml"
        shutil.copy(DEMO_SHOW, show)
        worst = 0
        samples = 0
        replayed = 0
        with FeedServer("--rate", "40") as sales:
            sales.control(faults=["total-on-reconnect", "totals-ahead"])
            app = AppProcess(base / "config", show, stream_url=sales.stream_url)
            try:
                app.start()
                for _cycle in range(CYCLES):
                    deadline = time.monotonic() + 1.0
                    count = 0
                    while time.monotonic() < deadline:
                        count = app.state()["vouchers"]["count"]
                        sold = sales.stats()["sold"]  # read after: it only grows
                        worst = max(worst, count - sold)
                        samples += 1
                        time.sleep(0.05)
                    app.kill()
                    time.sleep(0.3)  # the platform sells on while the console is down
                    replayed += sales.stats()["sold"] - count
                    app.start()
                sales.control(rate=0)
                sold = sales.stats()["sold"]
                deadline = time.monotonic() + 20
                while (count := app.state()["vouchers"]["count"]) != sold:
                    worst = max(worst, count - sold)
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
            finally:
                app.close()
        settled = count == sold
        return Figure(
            "overcount_after_reconnect",
            float(worst) if settled or worst > 0 else BROKEN,
            "sales",
            0,
            f"{CYCLES} kill -9/restart cycles, {samples} samples; ended at {count} for "
            f"{sold} sold; {replayed} sales replayed after restarts",
            baseline=float(replayed),
            samples=samples,
        )


FIGURES = {"overcount_after_reconnect": overcount_after_reconnect}
