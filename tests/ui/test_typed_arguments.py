"""A command's arguments are decoded at the engine's door into its typed record: through the
control API (what Companion, scripts and a hostile caller send) and the console's own command
path, a wrong type, an out-of-range value or an argument nobody asked for refuses the command,
names the argument, and changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest

from hostconsole.remote.control_api import ControlApi
from tests.harness.sessions import demo_session
from tests.unit.fakes import FakeClock

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.asyncio

REFUSED_AT_THE_DOOR: list[tuple[str, dict[str, Any], str]] = [
    ("/api/v1/time", {"seconds": "five"}, "seconds"),
    ("/api/v1/time", {"seconds": 7200}, "seconds"),
    ("/api/v1/time", {"seconds": True}, "seconds"),
    ("/api/v1/time", {}, "seconds"),
    ("/api/v1/vouchers/correction", {"amount": 0, "reason": "电话"}, "amount"),
    ("/api/v1/vouchers/correction", {"amount": True, "reason": "电话"}, "amount"),
    ("/api/v1/vouchers/correction", {"amount": 20_000, "reason": "电话"}, "amount"),
    ("/api/v1/vouchers/correction", {"amount": 3, "reason": 5}, "reason"),
    ("/api/v1/overlays/lower_third/show", {"visible": "yes"}, ""),  # the route sets visible
    ("/api/v1/message", {"text": "长" * 501}, "text"),
    ("/api/v1/message", {"text": "hi", "blink": "yes"}, "blink"),
    ("/api/v1/stream", {"on": "yes"}, "on"),
    ("/api/v1/goto", {"segment": 3}, "segment"),
    ("/api/v1/points/push", {"point": ["l4"]}, "point"),
]


async def test_wrong_arguments_are_refused_at_the_door_and_change_nothing(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    session = await demo_session(tmp_path, now=clock)
    api = ControlApi(session, "127.0.0.1", 0, None)
    port = await api.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert (await client.post("/api/v1/go", json={})).status_code == 200
            before = session.state.to_saved(
                now=clock(), show_file="", closed_cleanly=False, rehearsal=False, day="", boot=""
            )
            count = session.counter.count
            for path, body, field in REFUSED_AT_THE_DOOR:
                answer = await client.post(path, json=body)
                if not field:  # the route itself decides (visible is not the caller's)
                    continue
                assert answer.status_code == 400, (path, body, answer.text)
                error = answer.json()["error"]
                named = f"`$.{field}`" in error or f"'{field}'" in error
                assert "arguments" in error and named, (path, body, error)
            after = session.state.to_saved(
                now=clock(), show_file="", closed_cleanly=False, rehearsal=False, day="", boot=""
            )
            assert after == before
            assert session.counter.count == count
        # The console's path is the same door: an argument nobody asked for is refused.
        result = await session.execute("next", "console", segment="demo")
        assert result.refused == "invalid" and "unknown field `segment`" in result.detail
        assert session.current_segment().id == session.show.segments[0].id
        # And right ones still do what they say.
        result = await session.execute("time", "console", seconds=30)
        assert result.ok, result.detail
    finally:
        await api.cleanup()
        await session.close()
