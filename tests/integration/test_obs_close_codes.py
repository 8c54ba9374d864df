"""States a real OBS cannot be made to produce here, against a small obs-websocket stand-in.

Kicking a session needs OBS's own dialog, and obs-websocket 4 is not packaged: a minimal
websocket server speaking the v5 handshake stands in for those two cases only.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio
from aiohttp import WSCloseCode, web

from hostconsole.adapters.obs.link import LinkState, ObsLink, ObsSettings
from tests.integration.conftest import wait_state, wait_until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

pytestmark = pytest.mark.asyncio


@dataclass
class StandIn:
    """What the stand-in does, and how often it was connected to."""

    websocket_version: str = "5.1.0"
    kick_events_after: float | None = None
    slow_identify: int = 0  # this many connections get no answer to Identify (OBS starting)
    connections: int = 0
    sockets: list[web.WebSocketResponse] = field(default_factory=list)


STAND_IN = web.AppKey("stand_in", StandIn)


async def _handle(request: web.Request) -> web.WebSocketResponse:
    stand_in: StandIn = request.app[STAND_IN]
    stand_in.connections += 1
    ws = web.WebSocketResponse(protocols=("obswebsocket.json",))
    await ws.prepare(request)
    stand_in.sockets.append(ws)
    await ws.send_json(
        {"op": 0, "d": {"obsWebSocketVersion": stand_in.websocket_version, "rpcVersion": 1}}
    )
    identify = json.loads((await ws.receive()).data)
    if stand_in.slow_identify > 0:
        stand_in.slow_identify -= 1
        async for _message in ws:  # still loading its scenes: no Identified, until it gives up
            pass
        return ws
    subscribed = bool(identify["d"].get("eventSubscriptions"))
    await ws.send_json({"op": 2, "d": {"negotiatedRpcVersion": 1}})
    if subscribed and stand_in.kick_events_after is not None:
        await asyncio.sleep(stand_in.kick_events_after)
        await ws.close(code=4011, message=b"kicked")  # SessionInvalidated
        return ws
    async for message in ws:
        body = json.loads(message.data)["d"]
        data = {
            "GetVersion": {
                "obsVersion": "30.0.0",
                "obsWebSocketVersion": stand_in.websocket_version,
                "rpcVersion": 1,
            },
            "GetCurrentProgramScene": {"currentProgramSceneName": "Main"},
        }.get(body["requestType"], {})
        await ws.send_json(
            {
                "op": 7,
                "d": {
                    "requestType": body["requestType"],
                    "requestId": body["requestId"],
                    "requestStatus": {"result": True, "code": 100},
                    "responseData": data,
                },
            }
        )
    return ws


@pytest_asyncio.fixture
async def stand_in() -> AsyncIterator[tuple[StandIn, int]]:
    state = StandIn()
    app = web.Application()
    app[STAND_IN] = state
    app.router.add_get("/", _handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield state, port
    for ws in state.sockets:
        await ws.close(code=WSCloseCode.GOING_AWAY)
    await runner.cleanup()


async def test_kicked_stops_retrying(stand_in: tuple[StandIn, int]) -> None:
    state, port = stand_in
    state.kick_events_after = 0.5
    link = ObsLink(ObsSettings(port=port), lambda: "")
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 3)
        await wait_state(link, LinkState.KICKED, 3)
        connections = state.connections
        # Parked (a link that tried again would be backing off instead): only a click on
        # Reconnect tries again.
        await wait_until(lambda: link.waiting_for_request, 3, "the link parked")
        assert link.status.state is LinkState.KICKED
        assert state.connections == connections, "no reconnect after a kick"
        state.kick_events_after = None
        link.reconnect_now()
        await wait_state(link, LinkState.CONNECTED, 3)
    finally:
        await link.stop()


async def test_old_obs_websocket_is_incompatible(stand_in: tuple[StandIn, int]) -> None:
    state, port = stand_in
    state.websocket_version = "4.9.1"
    link = ObsLink(ObsSettings(port=port), lambda: "")
    link.start()
    try:
        await wait_state(link, LinkState.INCOMPATIBLE, 3)
        assert "4.9.1 is too old" in link.status.message
        connections = state.connections
        await wait_until(lambda: link.waiting_for_request, 3, "the link parked")
        assert link.status.state is LinkState.INCOMPATIBLE
        assert state.connections == connections, "no retry against an obs-websocket too old"
    finally:
        await link.stop()


async def test_an_obs_slow_to_identify_is_retried_not_called_incompatible(
    stand_in: tuple[StandIn, int],
) -> None:
    """An OBS still starting answers Hello but not Identify in time: the console keeps
    trying (seen with a real OBS restarted on a loaded machine, which the link had written
    off as incompatible for good)."""
    state, port = stand_in
    state.slow_identify = 2
    link = ObsLink(ObsSettings(port=port, request_timeout=0.5), lambda: "")
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 15)
        assert state.connections >= 3
    finally:
        await link.stop()
