"""The console's link to the hub (when its sales stream is the hub's): its ledger sent as an
outbox, each entry once; its state, a few times a second at most; the organiser's messages in.

The outbox is the ledger itself: the link asks the hub for the last entry it holds of this
show, sends what follows in order (JetStream acknowledges each; the show, mode and the ledger's
seq are the message's id), and after a drop or a restart asks again — so an entry is neither
lost nor sent twice, whatever happened in between. A console without a hub does none of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from typing import TYPE_CHECKING, Any

import httpx
import msgspec
from httpx_sse import SSEError, aconnect_sse

from hostconsole.adapters.sales.http import describe_error
from hostconsole.domain.said import Said, told

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from hostconsole.domain.ledger import Entry

log = logging.getLogger(__name__)

HUB_STREAM = re.compile(r"^(?P<base>https?://.+)/shows/(?P<show>[^/]+)/sales/?$")
STATE_EVERY = 0.5  # seconds between state posts (and the hub's "last heard")
BATCH = 500  # entries per request


def hub_of(stream_url: str) -> tuple[str, str] | None:
    """(the hub's base URL, the show id) when a sales stream is a hub's; None otherwise."""
    match = HUB_STREAM.match(stream_url.strip())
    return (match["base"], match["show"]) if match else None


def entry_json(entry: Entry) -> dict[str, Any]:
    body = msgspec.structs.asdict(entry)
    body["kind"] = entry.kind.value
    return body


class HubLink:
    def __init__(
        self,
        client: httpx.AsyncClient,
        base: str,
        show_id: str,
        *,
        rehearsal: bool,
        token: Callable[[], str | None],
        entries_after: Callable[[int], AsyncIterator[list[Entry]]],
        state: Callable[[], dict[str, Any]],
        on_message: Callable[[str], Awaitable[None]],
    ) -> None:
        self.client = client
        self.base = base.rstrip("/")
        self.show_id = show_id
        self.mode = "rehearsal" if rehearsal else "live"
        self._token = token
        self._entries_after = entries_after
        self._state = state
        self._on_message = on_message
        self.acknowledged = 0  # the highest ledger seq the hub holds
        self.sent = 0  # entries sent (and acknowledged) by this link
        self.connected = False
        self.problem = ""  # why the hub cannot be reached now, as the log says it
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def show_url(self) -> str:
        return f"{self.base}/shows/{self.show_id}"

    def _headers(self) -> dict[str, str]:
        token = self._token()
        return {"Authorization": f"Bearer {token}"} if token else {}

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks = [
            loop.create_task(self._outbox(), name="hub-outbox"),
            loop.create_task(self._states(), name="hub-state"),
            loop.create_task(self._messages(), name="hub-messages"),
        ]

    def waiting(self, last_seq: int) -> int:
        """Ledger entries not on the hub yet, of those up to ``last_seq``."""
        return max(last_seq - self.acknowledged, 0)

    def ledger_changed(self) -> None:
        """A new entry is in the ledger: send it now rather than at the next look."""
        self._wake.set()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _outbox(self) -> None:
        failures = 0
        while True:
            try:
                answer = await self.client.get(
                    f"{self.show_url}/ledger/last",
                    params={"mode": self.mode},
                    headers=self._headers(),
                )
                answer.raise_for_status()
                self.acknowledged = int(answer.json()["last"])
                self.connected, failures, self.problem = True, 0, ""
                while True:
                    self._wake.clear()
                    async for batch in self._entries_after(self.acknowledged):
                        for start in range(0, len(batch), BATCH):
                            await self._send(batch[start : start + BATCH])
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), 2.0)
            except asyncio.CancelledError:
                raise
            except (httpx.HTTPError, ValueError, KeyError) as error:
                self.connected = False
                self.problem = self._why(error)
                failures += 1
                if failures in (1, 10) or failures % 60 == 0:
                    log.warning("%s", Said("log.hub-retrying", told(error)))
                await asyncio.sleep(min(0.5 * 2 ** min(failures - 1, 4), 5.0))

    def _why(self, error: Exception) -> str:
        """One sentence for the producer (the console translates it, as the feeds' ones)."""
        if isinstance(error, httpx.HTTPStatusError):
            code = error.response.status_code
            if code in (401, 403):
                return Said("hub.token-refused", code)
            return Said("hub.answered", code)
        if isinstance(error, httpx.HTTPError):
            return describe_error(error, self.base)
        return Said("hub.not-understood", type(error).__name__)

    async def _send(self, entries: list[Entry]) -> None:
        body = {"entries": [entry_json(entry) for entry in entries]}
        answer = await self.client.post(
            f"{self.show_url}/ledger",
            params={"mode": self.mode},
            content=json.dumps(body, ensure_ascii=False),
            headers={**self._headers(), "Content-Type": "application/json"},
        )
        answer.raise_for_status()
        last = int(answer.json()["last"])
        self.sent += len(entries)
        self.acknowledged = max(self.acknowledged, last)

    async def _states(self) -> None:
        while True:
            try:
                body = json.dumps(self._state(), ensure_ascii=False)
                await self.client.post(
                    f"{self.show_url}/state",
                    content=body,
                    headers={**self._headers(), "Content-Type": "application/json"},
                )
            except asyncio.CancelledError:
                raise
            except httpx.HTTPError:
                pass  # the outbox says the link is down; the board says the studio is quiet
            await asyncio.sleep(STATE_EVERY)

    async def _messages(self) -> None:
        last_id = ""
        failures = 0
        while True:
            try:
                headers = self._headers()
                if last_id:
                    headers["Last-Event-ID"] = last_id
                timeout = httpx.Timeout(connect=3.0, read=15.0, write=5.0, pool=5.0)
                async with aconnect_sse(
                    self.client,
                    "GET",
                    f"{self.show_url}/messages",
                    headers=headers,
                    timeout=timeout,
                ) as source:
                    source.response.raise_for_status()
                    failures = 0
                    async for event in source.aiter_sse():
                        if event.event != "message":
                            continue
                        last_id = event.id or last_id
                        with contextlib.suppress(ValueError, TypeError, KeyError):
                            text = str(json.loads(event.data)["text"])
                            await self._on_message(text)
            except asyncio.CancelledError:
                raise
            except (httpx.HTTPError, SSEError):
                failures += 1
            await asyncio.sleep(min(0.5 * 2 ** min(failures, 4), 5.0))
