"""Memory over a long show in real time: the console as a subprocess against a real OBS, 20
sales a second from the rehearsal platform, a GO every two minutes, the presenter view open
— its resident memory from minute 10 to the end, beside the same console left idle (no
sales, no GOs) for the same time. An hour: measured only when named."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.figure import Figure, Measure
from hostconsole.adapters.storage.showfile import load_show
from tests.harness.app_process import AppProcess
from tests.harness.obs import HeadlessObs
from tests.harness.salesfeed import FeedServer

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo.show.yaml"
MINUTES = float(os.environ.get("HOSTCONSOLE_BENCH_LONGRUN_MINUTES", "60"))
WARM_MINUTES = min(10.0, MINUTES / 6)  # growth is counted from here (start-up settled)
GO_EVERY = 120.0
SALES_PER_SECOND = 20


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def rss_growth_real_time_pct() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-longrun-") as folder:
        root = Path(folder)
        with (
            HeadlessObs(root / "obs", canvas=(1920, 1080)) as obs,
            FeedServer("--rate", "0") as feed,
        ):
            apps = {}
            for name in ("busy", "idle"):
                show = root / name / "demo.show.yaml"
                show.parent.mkdir()
                shutil.copy(DEMO, show)
                apps[name] = AppProcess(
                    root / name / "config",
                    show,
                    obs_port=obs.port if name == "busy" else None,
                    obs_password=obs.password,
                    stream_url=feed.stream_url if name == "busy" else None,
                    resume=None,
                ).start(wait=60)
            busy, idle = apps["busy"], apps["idle"]
            try:
                busy.post("/api/v1/preflight", {"create": True})
                busy.post("/api/v1/go")
                feed.control(rate=SALES_PER_SECOND)
                started = time.monotonic()
                segments = [segment.id for segment in load_show(DEMO).segments]
                goes, warm = 0, None
                while (elapsed := time.monotonic() - started) < MINUTES * 60:
                    if elapsed >= WARM_MINUTES * 60 and warm is None:
                        assert busy.process is not None and idle.process is not None
                        warm = (_rss_mb(busy.process.pid), _rss_mb(idle.process.pid))
                    if elapsed >= (goes + 1) * GO_EVERY:
                        goes += 1
                        # Round the run sheet again and again, as a long evening does.
                        busy.post("/api/v1/goto", {"segment": segments[goes % len(segments)]})
                    time.sleep(1.0)
                feed.control(rate=0)
                assert busy.process is not None and idle.process is not None and warm
                end = (_rss_mb(busy.process.pid), _rss_mb(idle.process.pid))
                sold = busy.state()["vouchers"]["count"]
            finally:
                for app in apps.values():
                    app.close()
    busy_growth = (end[0] - warm[0]) / warm[0] * 100
    idle_growth = (end[1] - warm[1]) / warm[1] * 100
    return Figure(
        "rss_growth_real_time_pct",
        round(busy_growth, 2),
        "%",
        5,
        detail=f"RSS from minute {WARM_MINUTES:g} to {MINUTES:g} of a real-time show against "
        f"real OBS: {warm[0]:.0f} → {end[0]:.0f} MB with {sold:,} sales "
        f"({SALES_PER_SECOND}/s) and {goes} GOs; the same console idle (baseline) "
        f"{warm[1]:.0f} → {end[1]:.0f} MB",
        baseline=round(idle_growth, 2),
    )


FIGURES: dict[str, Measure] = {"rss_growth_real_time_pct": rss_growth_real_time_pct}
ON_REQUEST = {"rss_growth_real_time_pct"}
