"""Packaging figures: the frozen bundle's size, and its start-up against running from source."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_app import PAIRS, _launch_to_shown
from bench.figure import Figure, Measure

ROOT = Path(__file__).resolve().parent.parent
_built: dict[str, Path] = {}


def _bundle() -> Path:
    """Build the bundle once per benchmark run, with the same script releases use."""
    if "bundle" not in _built:
        out = Path(tempfile.mkdtemp(prefix="bench-frozen-"))
        subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"), "bundle", "--out", str(out)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            timeout=900,
        )
        _built["bundle"] = out / "hostconsole"
    return _built["bundle"]


def frozen_bundle_mb() -> Figure:
    bundle = _bundle()
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files) / 1_000_000
    return Figure(
        "frozen_bundle_mb",
        round(size, 1),
        "MB",
        160,
        detail=f"PyInstaller one-folder bundle, {len(files)} files "
        "(Qt trimmed to Core/Gui/Widgets)",
    )


def frozen_start_vs_source_ratio() -> Figure:
    bundle = _bundle()
    with tempfile.TemporaryDirectory(prefix="bench-frozen-start-") as folder:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOSTCONSOLE_EXIT_WHEN_SHOWN": "1",
            "HOSTCONSOLE_CONFIG_DIR": folder,
        }
        arguments = ["--demo", "--no-obs", "--control-port", "0"]
        frozen_command = [str(bundle / "hostconsole"), *arguments]
        source_command = [sys.executable, "-m", "hostconsole", *arguments]
        _launch_to_shown(frozen_command, env)
        _launch_to_shown(source_command, env)
        frozen, source = [], []
        for _ in range(PAIRS):
            frozen.append(_launch_to_shown(frozen_command, env))
            source.append(_launch_to_shown(source_command, env))
    ratio = statistics.median(f / s for f, s in zip(frozen, source, strict=True))
    return Figure(
        "frozen_start_vs_source_ratio",
        round(ratio, 3),
        "x",
        1.1,
        detail=f"median ratio of {PAIRS} interleaved pairs to the console's first paint "
        f"processed: frozen {statistics.median(frozen) * 1000:.0f} ms, python -m hostconsole "
        f"{statistics.median(source) * 1000:.0f} ms (medians)",
        baseline=round(statistics.median(source) * 1000, 1),
        samples=PAIRS,
    )


FIGURES: dict[str, Measure] = {
    "frozen_bundle_mb": frozen_bundle_mb,
    "frozen_start_vs_source_ratio": frozen_start_vs_source_ratio,
}
