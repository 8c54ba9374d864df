"""Shows that have been on air, made up: a show file, and its data folder with a ledger written
through the ledger's own API (segment entries, sales, corrections, a quarantined event,
milestones), an on-air log and a run state — with the numbers a report must show, worked
out here from the sales made (not by the code under test)."""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hostconsole.adapters.storage.ledger_db import LedgerFile, Quarantined
from hostconsole.domain.ledger import Entry, EntryKind

if TYPE_CHECKING:
    from pathlib import Path

SEGMENT_MINUTES = 15


def long_show(
    segments: int, title: str = "三小时直播 Three-hour show", date: str = "2026-11-28"
) -> str:
    lines = [
        "format: hostconsole-show/1",
        f"title: {title}",
        f"date: {date}",
        "goal: 4000",
        "milestones: [1000, 2000, 3000]",
        "voucher_noun: 订车券",
        "voucher_noun_en: car-order vouchers",
        "hosts:",
        "  - id: deputy",
        "    name: 沈华迪",
        "products:",
        "  - id: m5",
        "    name: 嘉驰 M5 智驾轿车",
        "  - id: x7",
        "    name: 嘉驰 X7 智驾 SUV",
        "segments:",
    ]
    for number in range(segments):
        product = "m5" if number % 2 == 0 else "x7"
        lines += [
            f"  - id: seg-{number:02d}",
            f"    title: 第 {number + 1} 段 Segment {number + 1}",
            f"    duration: {SEGMENT_MINUTES}m",
            f"    products: [{product}]",
        ]
    return "\n".join(lines) + "\n"


@dataclass
class Expected:
    """What the report must say, from the sales made."""

    sales: list[tuple[float, int, str]] = field(default_factory=list)  # (at, quantity, product)
    corrections: list[tuple[float, int, str]] = field(default_factory=list)
    segment_starts: list[tuple[float, str]] = field(default_factory=list)
    start: float = 0.0
    end: float = 0.0

    @property
    def sold(self) -> int:
        return sum(quantity for _at, quantity, _product in self.sales)

    @property
    def count(self) -> int:
        return self.sold + sum(amount for _at, amount, _reason in self.corrections)

    def best_five(self) -> int:
        """The most sold in any 300 whole seconds (a sale counts in the second it began)."""
        per_second: dict[int, int] = {}
        for at, quantity, _product in self.sales:
            per_second[math.floor(at)] = per_second.get(math.floor(at), 0) + quantity
        seconds = sorted(per_second)
        return max(
            (sum(per_second[t] for t in seconds if s <= t < s + 300) for s in seconds), default=0
        )

    def _on_air(self, at: float) -> str:
        return [s for t, s in self.segment_starts if t <= at][-1]

    def by_product(self) -> dict[str, int]:
        """Sales by their product; a correction counts for the product on air then."""
        totals: dict[str, int] = {}
        for _at, quantity, product in self.sales:
            totals[product] = totals.get(product, 0) + quantity
        for at, amount, _reason in self.corrections:
            product = "m5" if int(self._on_air(at)[-2:]) % 2 == 0 else "x7"
            totals[product] = totals.get(product, 0) + amount
        return totals

    def per_segment(self) -> dict[str, int]:
        """Sales and corrections by the segment on air when they happened."""
        totals: dict[str, int] = {}
        changes = [(at, q) for at, q, _p in self.sales] + [
            (at, a) for at, a, _r in self.corrections
        ]
        for at, quantity in changes:
            segment = self._on_air(at)
            totals[segment] = totals.get(segment, 0) + quantity
        return totals


def made_up_show(
    folder: Path,
    *,
    segments: int = 12,
    sales: int = 5000,
    start: float = 1_800_000_000.0,
    seed: int = 28,
    rehearsal: bool = False,
    title: str = "三小时直播 Three-hour show",
    date: str = "2026-11-28",
) -> tuple[Path, Path, Expected]:
    """(show file, data folder, expected numbers) of a show that ran ``segments`` × 15 min."""
    randomness = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    show_file = folder / "show.show.yaml"
    show_file.write_text(long_show(segments, title, date), encoding="utf-8")
    data = folder / "data" / ("rehearsal" if rehearsal else "")
    data.mkdir(parents=True, exist_ok=True)
    expected = Expected(start=start)
    entries: list[Entry] = []
    length = segments * SEGMENT_MINUTES * 60
    for number in range(segments):
        at = start + number * SEGMENT_MINUTES * 60
        product = "m5" if number % 2 == 0 else "x7"
        expected.segment_starts.append((at, f"seg-{number:02d}"))
        entries.append(
            Entry(
                EntryKind.SEGMENT, at, "console", segment_id=f"seg-{number:02d}", product_id=product
            )
        )
    # Sales: busier in the middle, and a burst in segment 5.
    times = sorted(start + 1 + randomness.random() * (length - 2) for _ in range(sales - 200))
    burst = start + 5 * SEGMENT_MINUTES * 60 + 120
    times = sorted(times + [burst + index * 0.5 for index in range(200)])
    for index, at in enumerate(times):
        segment = int((at - start) // (SEGMENT_MINUTES * 60))
        product = "m5" if segment % 2 == 0 else "x7"
        quantity = 2 if index % 97 == 0 else 1
        expected.sales.append((at, quantity, product))
        entries.append(
            Entry(
                EntryKind.SALE,
                at,
                "stream",
                quantity,
                order_id=f"PAST-{index:07d}",  # never the rehearsal feed's own JD- ids
                product_id=product,
            )
        )
    for at, amount, reason in (
        (start + 3000, 3, "电话订单 phone orders"),
        (start + 7000, -1, "重复订单 duplicate"),
    ):
        expected.corrections.append((at, amount, reason))
        entries.append(Entry(EntryKind.CORRECTION, at, "console", amount, reason=reason))
    entries.sort(key=lambda entry: entry.at)
    # Milestones as the console announces them: when the count first reaches each.
    count = 0
    milestones = [1000, 2000, 3000]
    ordered: list[Entry] = []
    for entry in entries:
        ordered.append(entry)
        if entry.kind in (EntryKind.SALE, EntryKind.CORRECTION):
            count += entry.amount
            while milestones and count >= milestones[0]:
                ordered.append(Entry(EntryKind.MILESTONE, entry.at, "console", milestones.pop(0)))
    expected.end = max(entry.at for entry in ordered)
    ledger = LedgerFile(data / "ledger.sqlite")
    try:
        chunk = 2000
        for offset in range(0, len(ordered), chunk):
            ledger.append(ordered[offset : offset + chunk])
        ledger.append(
            [],
            [Quarantined(start + 4000, "stream", "not JSON", "{not json", "e-4000")],
        )
    finally:
        ledger.close()
    log = [
        {
            "at": at,
            "action": "go",
            "origin": "console",
            "detail": f"{segment} → scene -",
            "result": "ok",
        }
        for at, segment in expected.segment_starts
    ]
    (data / "on-air-log.jsonl").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in log), encoding="utf-8"
    )
    (data / "run-state.json").write_text(
        json.dumps({"show_file": str(show_file), "rehearsal": rehearsal, "closed_cleanly": True}),
        encoding="utf-8",
    )
    return show_file, data, expected


def placed_show(base: Path, sales: int, *, snapshot: bool = True) -> tuple[Path, Path, int]:
    """A show of ``sales`` sales where the app finds its data (HOSTCONSOLE_CONFIG_DIR =
    ``base``/config), with the snapshot a running console would have written unless not
    ``snapshot`` (a ledger from before snapshots, or one whose snapshot is unusable);
    (show file, config dir, count)."""
    import asyncio
    import shutil

    from hostconsole.adapters.storage.ledger_db import LedgerStore
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.services.show import show_key
    from hostconsole.services.vouchers import VoucherCounter

    show_file, data, expected = made_up_show(base / "show", sales=sales, segments=12)
    config = base / "config"
    target = config / "data" / "shows" / show_key(ShowDocument.open(show_file))
    target.parent.mkdir(parents=True)
    shutil.move(str(data), target)

    async def snapshotted() -> None:
        counter = VoucherCounter(LedgerStore(target / "ledger.sqlite"))
        await counter.open()
        await counter.close()

    if snapshot:
        asyncio.run(snapshotted())
    return show_file, config, expected.count
