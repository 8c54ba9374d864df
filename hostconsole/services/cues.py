"""A segment's cue — its scene and the overlays it shows and hides — as one OBS batch."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsError, ObsRequestError
from hostconsole.domain.overlays import overlay_parts
from hostconsole.services.overlays import OverlayContext, text_requests

if TYPE_CHECKING:
    from hostconsole.adapters.obs.link import ObsLink

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CueResult:
    segment_id: str
    scene: str | None
    ok: bool = True
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return "ok" if self.ok and not self.problems else "; ".join(self.problems) or "failed"


async def cue_requests(
    context: OverlayContext, link: ObsLink, *, to_preview: bool = False
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The batch for a segment: overlay texts, then their visibility in its scene, then the
    scene change — one SerialFrame batch, so the new scene's first frame has it all."""
    problems: list[str] = []
    segment = context.segment
    requests: list[tuple[str, dict[str, Any]]] = text_requests(context, link)
    scene = segment.scene or link.program_scene
    overlays = {overlay.id: overlay for overlay in context.show.overlays}
    if scene:
        for wanted, ids in ((True, segment.show_overlays), (False, segment.hide_overlays)):
            for overlay_id in ids:
                for part in overlay_parts(overlays[overlay_id]):
                    try:
                        item_id = await link.scene_item_id(scene, part.source)
                    except ObsRequestError:
                        problems.append(
                            f"'{part.source}' is not in scene '{scene}' (run pre-flight)"
                        )
                        continue
                    link.owned.visibility[(scene, part.source)] = wanted
                    requests.append(
                        (
                            "SetSceneItemEnabled",
                            {
                                "sceneName": scene,
                                "sceneItemId": item_id,
                                "sceneItemEnabled": wanted,
                            },
                        )
                    )
    if segment.scene:
        request = "SetCurrentPreviewScene" if to_preview else "SetCurrentProgramScene"
        requests.append((request, {"sceneName": segment.scene}))
    return requests, problems


async def apply_cue(
    context: OverlayContext, link: ObsLink, *, to_preview: bool = False
) -> CueResult:
    """Send the cue as one RequestBatch (SerialFrame); every part is confirmed or reported."""
    segment = context.segment
    result = CueResult(segment.id, segment.scene)
    try:
        requests, problems = await cue_requests(context, link, to_preview=to_preview)
        result.problems.extend(problems)
        if requests:
            for answer in await link.batch(requests):
                if not answer.ok:
                    result.problems.append(
                        f"OBS refused {answer.request_type} ({answer.code}): {answer.comment}"
                    )
    except ObsError as error:
        result.ok = False
        result.problems.append(str(error))
    if result.problems:
        result.ok = False
        log.warning("cue %s: %s", segment.id, result.summary())
    return result
