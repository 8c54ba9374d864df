"""The per-minute chart's geometry (shared by the console and the report)."""

from __future__ import annotations

import time

from hostconsole.domain.chart import Band, minute_chart


def test_bars_bands_ticks_and_the_current_minute() -> None:
    start = 1_800_000_000.0 - 1_800_000_000.0 % 3600  # on the hour
    buckets = [0, 2, 4, 8, 4, 0] * 5  # thirty minutes
    picture = minute_chart(
        buckets,
        start,
        width=600,
        height=120,
        clock=lambda epoch: time.strftime("%H:%M", time.gmtime(epoch)),
        bands=[Band(start, start + 600, "开场"), Band(start + 600, start + 1800, "车型")],
        now=start + 29 * 60 + 10,
        milestones=[(start + 300, 10)],
    )
    bars = [s for s in picture.shapes if s.role in ("bar", "current")]
    assert len(bars) == 21  # the 20 minutes with sales, and the current one (empty so far)
    tallest = max(bars, key=lambda s: s.height)
    assert all(s.height <= tallest.height for s in bars) and picture.peak == 8
    assert [s.role for s in picture.shapes if s.role.startswith("band")] == ["band0", "band1"]
    assert [label.text for label in picture.labels if label.role == "band"] == ["开场", "车型"]
    ticks = [label.text for label in picture.labels if label.role == "tick"]
    assert ticks[0] == "08:00" and "08:10" in ticks and len(ticks) <= 8, ticks
    current = [s for s in picture.shapes if s.role == "current"]
    assert len(current) == 1 and abs(current[0].x - 29 * 20) < 1  # minute 29 of 30
    assert any(label.role == "milestone" and label.text == "10" for label in picture.labels)
