"""What the show engine needs from OBS, as a small interface: the real `ObsLink` fits it, and
so does the in-memory OBS the engine's own tests use (tests/harness/fake_obs.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    from hostconsole.adapters.obs.link import (
        LinkStatus,
        OwnedRecord,
        ResyncReport,
        Scene,
    )
    from hostconsole.adapters.obs.session import BatchResult
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
