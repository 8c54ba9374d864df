"""A segment's cue — its scene and the graphics it shows and hides — as one OBS batch: each
graphic drawn fresh, then its visibility, then the scene change."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsError, ObsRequestError
from hostconsole.domain.overlays import overlay_box, overlay_parts
from hostconsole.services.overlays import OverlayContext, graphic_requests

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


def crowded_out(context: OverlayContext, shown: tuple[str, ...]) -> tuple[str, ...]:
    """Graphics taken off because one being shown takes their place on this canvas (layer
    logic from the layout's geometry: in 9:16 the product card and the lower third share the
    band under the presenter); they go off in the same batch."""
    boxes = {o.id: overlay_box(o, context.canvas) for o in context.show.overlays}
    return tuple(
        overlay.id
        for overlay in context.show.overlays
        if overlay.id not in shown
        and any(boxes[overlay.id].overlaps(boxes[other]) for other in shown if other in boxes)
    )


async def cue_requests(
    context: OverlayContext, link: ObsLink, *, to_preview: bool = False
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The batch for a segment: overlay texts, then their visibility in its scene, then the
    scene change — one SerialFrame batch, so the new scene's first frame has it all."""
    problems: list[str] = []
    segment = context.segment
    requests: list[tuple[str, dict[str, Any]]] = await graphic_requests(context, link)
    scene = segment.scene or link.program_scene
    overlays = {overlay.id: overlay for overlay in context.show.overlays}
    hides = tuple(segment.hide_overlays) + crowded_out(context, segment.show_overlays)
    if scene:
        for wanted, ids in ((True, segment.show_overlays), (False, hides)):
            for overlay_id in ids:
                for part in overlay_parts(overlays[overlay_id], context.canvas):
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
    except OSError as error:  # a graphic could not be written (disk full, read-only)
        result.ok = False
        result.problems.append(f"a graphic could not be drawn: {error}")
    if result.problems:
        result.ok = False
        log.warning("cue %s: %s", segment.id, result.summary())
    return result
