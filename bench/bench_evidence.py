"""The evidence pack: `hostconsole evidence --verify` (as the organiser runs it) over a pack
holding two hours of recording at 6 Mbit/s, against coreutils' sha256sum over the same files
in the same run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figure import BROKEN, Figure, Measure
from hostconsole import __version__
from hostconsole.services.evidence import make_pack

RECORDING_BYTES = 2 * 3600 * 6_000_000 // 8  # two hours at 6 Mbit/s: 5.4 GB
BLOCK = 64 << 20


def _recording(path: Path) -> None:
    """A file of the recording's size (random blocks: nothing a hash could shortcut)."""
    block = bytearray(os.urandom(BLOCK))
    with open(path, "wb") as handle:
        written = 0
        number = 0
        while written < RECORDING_BYTES:
            block[:8] = number.to_bytes(8, "little")  # no two blocks alike
            part = memoryview(block)[: min(BLOCK, RECORDING_BYTES - written)]
            handle.write(part)
            written += len(part)
            number += 1


def _show_run(folder: Path, recording: Path) -> tuple[Path, Path]:
    """A show's data folder as a run leaves it: ledger, logs, the recording's line."""
    show_dir = folder / "data"
    show_dir.mkdir()
    ledger = sqlite3.connect(show_dir / "ledger.sqlite")
    ledger.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, amount INTEGER)")
    ledger.executemany("INSERT INTO entries (amount) VALUES (?)", [(1,)] * 10_000)
    ledger.commit()
    ledger.close()
    (show_dir / "on-air-log.jsonl").write_text(
        json.dumps({"at": 0, "action": "go", "origin": "console", "detail": "x", "result": "ok"})
        + "\n",
        encoding="utf-8",
    )
    (show_dir / "recordings.jsonl").write_text(
        json.dumps({"started_at": 0, "stopped_at": 7200, "path": str(recording)}) + "\n",
        encoding="utf-8",
    )
    show_file = folder / "show.yaml"
    show_file.write_text("title: bench\n", encoding="utf-8")
    return show_dir, show_file


def evidence_verify_2h_s() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-evidence-") as name:
        folder = Path(name)
        recording = folder / "2026-11-11 20-00-00.mkv"
        _recording(recording)
        show_dir, show_file = _show_run(folder, recording)
        pack = folder / "pack"
        make_pack(show_dir, show_file, pack, version=__version__, title="bench")
        files = [str(p) for p in pack.rglob("*") if p.is_file() and p.name != "manifest.json"]
        subprocess.run(["sha256sum", *files], capture_output=True, check=True)  # warm the cache
        started = time.perf_counter()
        subprocess.run(["sha256sum", *files], capture_output=True, check=True)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        verified = subprocess.run(
            [sys.executable, "-m", "hostconsole", "evidence", "--verify", str(pack)],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        # The figure must fail when the check is broken: a changed byte has to be named.
        with open(pack / "recordings" / recording.name, "r+b") as handle:
            handle.seek(RECORDING_BYTES // 2)
            byte = handle.read(1)
            handle.seek(RECORDING_BYTES // 2)
            handle.write(bytes([byte[0] ^ 1]))
        tampered = subprocess.run(
            [sys.executable, "-m", "hostconsole", "evidence", "--verify", str(pack)],
            capture_output=True,
            text=True,
            check=False,
        )
    works = (
        verified.returncode == 0
        and tampered.returncode != 0
        and f"changed: recordings/{recording.name}" in tampered.stderr
    )
    return Figure(
        "evidence_verify_2h_s",
        round(seconds, 2) if works else BROKEN,
        "s",
        10,
        detail=f"`hostconsole evidence --verify` over a pack of {len(files)} files with a "
        f"{RECORDING_BYTES / 1e9:.1f} GB recording (2 h at 6 Mbit/s), from the page cache; "
        f"sha256sum over the same files: {baseline:.2f} s; one byte changed in the recording: "
        + ("named" if works else f"NOT NAMED ({tampered.stderr.strip()[:120]})"),
        baseline=round(baseline, 2),
        samples=1,
    )


FIGURES: dict[str, Measure] = {"evidence_verify_2h_s": evidence_verify_2h_s}
