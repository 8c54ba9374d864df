"""What the show engine needs from the outside — OBS, the ledger's storage, the sales feeds,
the secrets — as small interfaces. The wiring module (hostconsole/parts.py) hands the real
adapters in; the engine's own tests hand in the in-memory ones (tests/harness/fake_parts.py,
tests/harness/fake_obs.py). The engine never builds an adapter itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import asyncio
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

    from hostconsole.adapters.obs.link import (
        LinkStatus,
        OwnedRecord,
        ResyncReport,
        Scene,
    )
    from hostconsole.adapters.obs.session import BatchResult
    from hostconsole.adapters.sales.model import CommentSeen, FeedStatus, Sink, StatusListener
    from hostconsole.adapters.storage.ledger_db import Quarantined, Salvage
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.domain.ledger import Entry
    from hostconsole.domain.stream_watch import Reading


class ObsPort(Protocol):
    """OBS as the engine and its views use it. ``owned`` is what the console has put on air
    (re-sync puts it back); it changes only with OBS's confirmation."""

    owned: OwnedRecord
    program_scene: str | None
    preview_scene: str | None
    studio_mode: bool
    streaming: bool
    recording: bool
    replay_buffer: bool
    canvas: tuple[int, int]

    @property
    def connected(self) -> bool: ...

    @property
    def status(self) -> LinkStatus: ...

    def start(self) -> None: ...

    async def stop(self) -> None: ...

    def add_status_listener(self, listener: Callable[[LinkStatus], None]) -> None: ...

    def add_event_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None: ...

    def add_resync_listener(self, listener: Callable[[ResyncReport], None]) -> None: ...

    def add_sent_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        """Told each request OBS confirmed that changes what is on air."""
        ...

    def remove_event_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None: ...

    def password_changed(self) -> None: ...

    async def outputs(self, at: float) -> Reading:
        """The stream, the recording and the render now (for the stream watch)."""
        ...

    def reconnect_now(self) -> None: ...

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]: ...

    async def batch(
        self,
        requests: list[tuple[str, dict[str, Any]]],
        *,
        halt_on_failure: bool = False,
        realtime: bool = False,
    ) -> list[BatchResult]: ...

    async def scene_item_id(self, scene: str, source: str) -> int: ...

    async def set_studio_mode(self, enabled: bool) -> None: ...

    async def take(self) -> str | None: ...

    async def set_image(self, source: str, path: str) -> None: ...

    async def video_canvas(self) -> tuple[int, int]: ...

    def expect_program_scene(self, scene: str) -> asyncio.Future[dict[str, Any]]: ...

    async def input_settings(self, source: str) -> dict[str, Any]: ...

    async def screenshot(
        self, source: str, width: int | None = None, height: int | None = None, fmt: str = "png"
    ) -> bytes: ...

    async def list_scenes(self) -> list[Scene]: ...


class LedgerPort(Protocol):
    """The voucher ledger's storage as the counter uses it: append-only entries (a sale per
    order, a refund per order, a milestone per count: a second one is skipped, not stored),
    quarantined events, a snapshot of the derived numbers, and the stream's resume point.
    A write that fails stores nothing and raises LedgerWriteError; a file found damaged at
    opening raises LedgerDamagedError."""

    path: Path
    last_event_id: str  # when opened: the stream event committed last ('' if none)
    quarantined: int  # how many events are quarantined
    transactions: int  # appends committed (the batching figures read it)

    async def open_resume(self) -> tuple[dict[str, Any] | None, int]:
        """Open the ledger: its last snapshot (or None) and the seq the snapshot covers."""
        ...

    def entry_batches(self, after: int = 0) -> AsyncIterator[list[Entry]]: ...

    async def snapshot_matches(self, data: dict[str, Any], seq: int) -> bool: ...

    async def entries_after(self, seq: int) -> int: ...

    async def append(
        self,
        entries: list[Entry],
        quarantined: list[Quarantined] | None = None,
        resume_after: str = "",
    ) -> tuple[list[Entry], list[Quarantined]]:
        """Store in one transaction: the entries stored (with their seq) and everything
        quarantined."""
        ...

    async def checkpoint(self) -> None: ...

    async def save_snapshot(self, data: dict[str, Any], seq: int) -> None: ...

    async def reopen(self) -> None:
        """A fresh start after a storage fault."""
        ...

    async def damage(self) -> str | None:
        """Whether the ledger was cut short under the console (None: it looks whole)."""
        ...

    async def salvage(self) -> Salvage: ...

    async def report_parts(
        self,
    ) -> tuple[list[Entry], list[Entry], tuple[float | None, float], list[Quarantined]]: ...

    async def entries(self) -> list[Entry]: ...

    async def quarantine_list(self) -> list[Quarantined]: ...

    async def export_csv(self, target: Path) -> int: ...

    async def close(self) -> None: ...


class SalesFeedPort(Protocol):
    """One feed of sales (or comments) as the show uses it: it hands what it reads to its
    sink and says how it is (live, error, token refused, stopped)."""

    kind: str
    status: FeedStatus
    waiting_for_token: bool

    def add_status_listener(self, listener: StatusListener) -> None: ...

    def start(self) -> None: ...

    async def stop(self) -> None: ...

    def token_changed(self) -> None: ...


class PollFeedPort(SalesFeedPort, Protocol):
    interval: float  # seconds between two polls (Settings apply it live)


class StreamFeedPort(SalesFeedPort, Protocol):
    first_connected_at: float | None

    @property
    def may_miss_earlier_sales(self) -> bool: ...


class SalesFeedMaker(Protocol):
    """Builds the show's feeds from its settings (the real one over one HTTP client)."""

    def poll(
        self,
        url: str,
        pointer: str,
        sink: Sink,
        *,
        interval: float,
        token: Callable[[], str | None],
        now: Callable[[], float],
    ) -> PollFeedPort: ...

    def stream(
        self,
        url: str,
        sink: Sink,
        *,
        token: Callable[[], str | None],
        fallback: PollFeedPort | None,
        now: Callable[[], float],
        resume_after: str,
        on_comment: Callable[[CommentSeen], None],
    ) -> StreamFeedPort: ...

    def comments(
        self,
        url: str,
        *,
        token: Callable[[], str | None],
        now: Callable[[], float],
        on_comment: Callable[[CommentSeen], None],
    ) -> SalesFeedPort: ...

    async def close(self) -> None: ...


class ShowParts(Protocol):
    """Everything a show's engine is handed from outside, built by the wiring module."""

    def obs(self, settings: Settings, password: Callable[[], str | None]) -> ObsPort | None:
        """The show's OBS (None: OBS control is off)."""
        ...

    def ledger(self, path: Path) -> LedgerPort: ...

    def sales_feeds(self, settings: Settings) -> SalesFeedMaker: ...

    def secret(self, name: str) -> str | None:
        """A stored secret (None: none stored); raises SecretsUnavailableError when the
        keyring cannot be read."""
        ...
