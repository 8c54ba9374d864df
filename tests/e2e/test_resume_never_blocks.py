"""Resume never blocks: a console opening a big ledger whose snapshot is unusable comes up at
once — window, control API, GO — with the count served as catching up (never a part of it),
refuses a correction until the count is whole, and counts the sales that arrived meanwhile
exactly once."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from tests.harness.app_process import AppProcess
from tests.harness.ledgers import placed_show
from tests.harness.salesfeed import FeedServer

if TYPE_CHECKING:
    from pathlib import Path

SALES = 300_000  # folded in the background (more than 50,000 entries)


def test_a_ledger_without_a_usable_snapshot_is_replayed_while_the_show_goes_on(
    tmp_path: Path,
) -> None:
    show_file, config, count = placed_show(tmp_path, SALES, snapshot=False)
    with FeedServer("--rate", "0") as feed:
        app = AppProcess(config, show_file, resume=None, stream_url=feed.stream_url)
        app.start(wait=60)
        try:
            first = app.state()["vouchers"]
            assert first["count"] is None, first  # not a partial count: none at all
            assert first["catching_up"] is True and first["replay"]["of"] >= SALES, first
            # The show goes on meanwhile: GO, a sale, and a correction said to wait.
            assert app.post("/api/v1/go").status_code == 200
            feed.control(sell=5)
            refused = app.post("/api/v1/vouchers/correction", {"amount": 1, "reason": "phone"})
            assert refused.status_code in (409, 503), refused.text
            assert "being rebuilt from the ledger" in refused.json()["error"]
            seen: list[int | None] = []
            deadline = time.monotonic() + 120
            while (vouchers := app.state()["vouchers"])["count"] != count + 5:
                seen.append(vouchers["count"])
                assert time.monotonic() < deadline, vouchers
                time.sleep(0.05)
            # Only ever nothing, then the whole count (with the 5 sold meanwhile, once).
            assert set(seen) <= {None, count + 5, count}, sorted(set(map(str, seen)))
            assert vouchers["replay"] is None and vouchers["rate_5min"] is not None
            corrected = app.post("/api/v1/vouchers/correction", {"amount": 1, "reason": "phone"})
            assert corrected.status_code == 200, corrected.text
            assert corrected.json()["count"] == count + 6
            log = (config / "data" / "logs" / "hostconsole.log").read_text(encoding="utf-8")
            assert "replaying" in log and "the count is whole" in log
        finally:
            app.close()
