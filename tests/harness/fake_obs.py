"""OBS in memory, for the show engine's own tests: it fits the engine's `ObsPort` as the real
link does, holds scenes with items, answers batches request by request, and fails on demand
(a refused request, a lost connection) so refusals can be driven at random."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsConnectionLostError, ObsRequestError
from hostconsole.adapters.obs.link import (
    ON_AIR_REQUESTS,
    OwnedRecord,
    Scene,
    SceneItem,
    record_confirmed,
)
from hostconsole.adapters.obs.session import BatchResult
from hostconsole.adapters.obs.status import LinkState, LinkStatus
from hostconsole.domain.overlays import obs_needs
from hostconsole.domain.said import Said
from hostconsole.domain.stream_watch import Reading

if TYPE_CHECKING:
    from collections.abc import Callable

    from hostconsole.adapters.obs.link import ResyncReport
    from hostconsole.domain.show import Show


class FakeObs:
    def __init__(self, show: Show, canvas: tuple[int, int] = (1920, 1080)) -> None:
        needs = obs_needs(show, canvas)
        self.canvas = canvas
        self.owned = OwnedRecord()
        self.scenes: dict[str, dict[str, int]] = {}
        self.enabled: dict[tuple[str, int], bool] = {}
        self.settings: dict[str, dict[str, Any]] = {}
        for scene, part in needs.placements():
            items = self.scenes.setdefault(scene, {})
            if part.source not in items:
                items[part.source] = len(items) + 1
                self.enabled[(scene, items[part.source])] = False
        self.program_scene: str | None = next(iter(self.scenes), None)
        self.preview_scene: str | None = None
        self.studio_mode = False
        self.streaming = False
        self.recording = False
        self.replay_buffer = False
        self.frames = 0
        self.up = True
        self.refuse_next = 0  # requests OBS refuses from now on (one each)
        self.lose_next = False  # the next call finds the connection gone
        self.item_sources: dict[tuple[str, int], str] = {}
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self.sent_listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self.waiters: list[tuple[str, asyncio.Future[dict[str, Any]]]] = []
        self.says_program_changed = True  # False: OBS takes the scene but never says so

    # --- the link's side ----------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self.up

    @property
    def status(self) -> LinkStatus:
        return LinkStatus(LinkState.CONNECTED if self.up else LinkState.DISCONNECTED, "")

    def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    def add_status_listener(self, listener: Callable[[LinkStatus], None]) -> None:
        return None

    def add_event_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        return None

    def remove_event_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        return None

    def add_resync_listener(self, listener: Callable[[ResyncReport], None]) -> None:
        return None

    def add_sent_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        self.sent_listeners.append(listener)

    def _tell_sent(self, name: str, data: dict[str, Any]) -> None:
        if name == "SetSceneItemEnabled":
            key = (str(data.get("sceneName")), int(data.get("sceneItemId", -1)))
            data = {**data, "sourceName": self.item_sources.get(key)}
        if name in ON_AIR_REQUESTS:
            for listener in self.sent_listeners:
                listener(name, data)

    def password_changed(self) -> None:
        return None

    def reconnect_now(self) -> None:
        return None

    # --- requests -----------------------------------------------------------------------

    def _lost(self) -> None:
        if self.lose_next or not self.up:
            self.lose_next = False
            raise ObsConnectionLostError(Said("obs.lost", "fault injected by the test"))

    def _answer(self, name: str, data: dict[str, Any]) -> BatchResult:
        self.sent.append((name, data))
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return BatchResult(name, False, 600, "refused (fault injected by the test)", {})
        if name == "SetSceneItemEnabled":
            self.enabled[(data["sceneName"], data["sceneItemId"])] = data["sceneItemEnabled"]
        elif name == "SetInputSettings":
            self.settings.setdefault(data["inputName"], {}).update(data["inputSettings"])
        elif name == "SetCurrentProgramScene":
            self.program_scene = data["sceneName"]
            for scene, future in self.waiters if self.says_program_changed else ():
                if scene == self.program_scene and not future.done():
                    future.set_result({"sceneName": scene})
        elif name == "SetCurrentPreviewScene":
            self.preview_scene = data["sceneName"]
        elif name == "GetSceneItemEnabled":
            enabled = self.enabled[(data["sceneName"], data["sceneItemId"])]
            return BatchResult(name, True, 100, "", {"sceneItemEnabled": enabled})
        return BatchResult(name, True, 100, "", {})

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        self._lost()
        answer = self._answer(request_type, data or {})
        if not answer.ok:
            raise ObsRequestError(request_type, answer.code, answer.comment)
        return answer.data

    async def batch(
        self,
        requests: list[tuple[str, dict[str, Any]]],
        *,
        halt_on_failure: bool = False,
        realtime: bool = False,
    ) -> list[BatchResult]:
        self._lost()
        answers = [self._answer(name, data) for name, data in requests if name != "Sleep"]
        # Sleep answers too, in order, as OBS does.
        full: list[BatchResult] = []
        pending = iter(answers)
        for name, _data in requests:
            full.append(
                BatchResult("Sleep", True, 100, "", {}) if name == "Sleep" else next(pending)
            )
        record_confirmed(self.owned, self.item_sources, requests, full)
        for (name, data), answer in zip(requests, full, strict=True):
            if answer.ok:
                self._tell_sent(name, data)
        return full

    async def outputs(self, at: float) -> Reading:
        """An OBS that renders every frame and streams or records as told."""
        self._lost()
        self.frames += 30
        return Reading(
            at=at,
            streaming=self.streaming,
            recording=self.recording,
            stream_total=self.frames if self.streaming else 0,
            render_total=self.frames,
            output_total=self.frames,
            fps=30.0,
            disk_free_mb=50_000.0,
        )

    async def scene_item_id(self, scene: str, source: str) -> int:
        self._lost()
        item = self.scenes.get(scene, {}).get(source)
        if item is None:
            raise ObsRequestError("GetSceneItemId", 600, f"no source '{source}' in '{scene}'")
        self.item_sources[(scene, item)] = source
        return item

    async def set_studio_mode(self, enabled: bool) -> None:
        self._lost()
        self.studio_mode = enabled

    async def take(self) -> str | None:
        self._lost()
        if self.preview_scene is not None:
            self.program_scene = self.preview_scene
        return self.program_scene

    async def set_image(self, source: str, path: str) -> None:
        self._lost()
        self.settings.setdefault(source, {})["file"] = path
        self.owned.images[source] = path
        self._tell_sent("SetInputSettings", {"inputName": source, "inputSettings": {"file": path}})

    def expect_program_scene(self, scene: str) -> asyncio.Future[dict[str, Any]]:
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiters = [(s, f) for s, f in self.waiters if not f.done()] + [(scene, future)]
        return future

    async def video_canvas(self) -> tuple[int, int]:
        return self.canvas

    async def input_settings(self, source: str) -> dict[str, Any]:
        return dict(self.settings.get(source, {}))

    async def screenshot(
        self, source: str, width: int | None = None, height: int | None = None, fmt: str = "png"
    ) -> bytes:
        return b""

    async def list_scenes(self) -> list[Scene]:
        return [
            Scene(
                name,
                tuple(SceneItem(s, i, self.enabled[(name, i)], None) for s, i in items.items()),
            )
            for name, items in self.scenes.items()
        ]
