"""The show's own record against a real OBS: the recording started at the first GO and stopped
at the end, its chapters (one per segment) read back with ffprobe; then the evidence pack made
by `hostconsole evidence` as a user runs it, verified, one byte of one file changed and the
verify naming that file."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from hostconsole.remote.control_api import ControlApi
from tests.conftest import DEMO_SHOW
from tests.integration.conftest import in_thread, wait_until
from tests.integration.test_onair_obs import open_session

if TYPE_CHECKING:
    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]

SECONDS_PER_SEGMENT = 1.5


def recorded_show(folder: Path) -> Path:
    show = folder / "demo.show.yaml"
    text = DEMO_SHOW.read_text(encoding="utf-8")
    show.write_text(text + "\nrecording:\n  auto: true\n", encoding="utf-8")
    return show


def ffprobe(*args: str) -> dict[str, Any]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-of", "json", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hostconsole", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOSTCONSOLE_DATA_DIR": str(data)},
    )


async def test_recorded_from_the_first_go_with_chapters_then_a_pack_that_proves_it(
    fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    show = recorded_show(tmp_path)
    session = await open_session(fresh_obs, tmp_path, show)
    assert session.obs is not None
    await session.obs.request(
        "SetProfileParameter",
        {
            "parameterCategory": "SimpleOutput",
            "parameterName": "FilePath",
            "parameterValue": str(recordings),
        },
    )
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    titles = [segment.title for segment in session.show.segments]
    started: list[float] = []
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            for index in range(len(titles)):
                answer = await client.post("/api/v1/go" if index == 0 else "/api/v1/next", json={})
                assert answer.status_code == 200, answer.text
                started.append(time.monotonic())
                if index == 0:
                    await wait_until(
                        lambda: session.obs is not None and session.obs.recording,
                        10,
                        "recording started by the first GO",
                    )
                    # The product card's number goes on air with the ledger's count behind it.
                await asyncio.sleep(SECONDS_PER_SEGMENT)
            ended = await client.post("/api/v1/next", json={})  # past the last: the show ends
            assert ended.status_code == 200, ended.text
        log = session.show_dir / "recordings.jsonl"
        await wait_until(lambda: log.is_file() and log.read_text().strip() != "", 20, "stopped")
    finally:
        await api.cleanup()
        await session.close()
    line = json.loads((session.show_dir / "recordings.jsonl").read_text().splitlines()[-1])
    recording = Path(line["path"])
    assert recording.parent == recordings and recording.is_file()
    duration = float(ffprobe("-show_format", str(recording))["format"]["duration"])
    assert duration >= SECONDS_PER_SEGMENT * (len(titles) - 1)
    chapters = ffprobe("-f", "ffmetadata", "-show_chapters", line["chapters_file"])["chapters"]
    assert [chapter["tags"]["title"] for chapter in chapters] == titles
    starts = [float(chapter["start_time"]) for chapter in chapters]
    assert starts[0] < 1.0  # recording began with the opening
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    planned = [b - a for a, b in itertools.pairwise(started)]
    for gap, wanted in zip(gaps, planned, strict=True):
        assert abs(gap - wanted) < 0.5, (gaps, planned)

    # The evidence pack, as the organiser makes it after the show.
    pack = tmp_path / "pack"
    made = cli(tmp_path / "data", "evidence", str(show), "-o", str(pack))
    assert made.returncode == 0, made.stderr
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    for name in ("on-air-log.jsonl", "commands.jsonl", "ledger.sqlite", "ledger-entries.csv"):
        assert name in files, name
    assert f"recordings/{recording.name}" in files
    assert manifest["recordings"][0]["in_pack"] is True
    spells = json.loads((pack / "graphics-on-air.json").read_text(encoding="utf-8"))
    assert spells, "graphics went on air"
    for spell in spells:
        assert spell["file"] in files, spell
        assert spell["on"] is not None
    counters = [s for s in spells if s["source"] == "HC Voucher Counter"]
    assert counters and all(s["ledger_count"] is not None for s in counters)
    verified = cli(tmp_path / "data", "evidence", "--verify", str(pack))
    assert verified.returncode == 0, verified.stderr
    # The show's report links the pack, with the manifest's hash to quote.
    digest = made.stdout.strip().splitlines()[-1].split()[-1]
    page = tmp_path / "report.html"
    reported = cli(tmp_path / "data", "report", str(show), "--html", str(page), "--lang", "en")
    assert reported.returncode == 0, reported.stderr
    html = page.read_text(encoding="utf-8")
    assert digest in html and pack.as_uri() in html

    # One byte of one file changed: the verify names exactly that file.
    target = pack / "on-air-log.jsonl"
    data = bytearray(target.read_bytes())
    data[10] ^= 0x01
    target.write_bytes(bytes(data))
    broken = cli(tmp_path / "data", "evidence", "--verify", str(pack))
    assert broken.returncode != 0
    assert "changed: on-air-log.jsonl" in broken.stderr
    assert broken.stderr.count("changed:") == 1
    assert "recordings/" not in broken.stderr
