"""A segment's cue — its scene and the graphics it shows and hides — as one OBS batch: each
graphic drawn fresh, then its visibility, then the scene change."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsError, ObsRequestError
from hostconsole.domain.overlays import overlay_box, overlay_parts, slide_path
from hostconsole.domain.show import Motion
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


@dataclass(slots=True)
class _Slide:
    """One graphic moving frame by frame within a cue's batch."""

    scene: str
    item_id: int
    steps: list[float]  # positionX per frame after the first
    home: float  # where it rests on the canvas
    leaving: bool


def _transform(scene: str, item_id: int, x: float) -> tuple[str, dict[str, Any]]:
    return (
        "SetSceneItemTransform",
        {"sceneName": scene, "sceneItemId": item_id, "sceneItemTransform": {"positionX": x}},
    )


def _enabled(scene: str, item_id: int, enabled: bool) -> tuple[str, dict[str, Any]]:
    return (
        "SetSceneItemEnabled",
        {"sceneName": scene, "sceneItemId": item_id, "sceneItemEnabled": enabled},
    )


async def cue_requests(
    context: OverlayContext, link: ObsLink, *, to_preview: bool = False
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The batch for a segment: its graphics drawn, their visibility in its scene, the scene
    change, then the graphics sliding in and out frame by frame (Sleep 1 frame between
    steps) — one SerialFrame batch, so OBS plays it frame-accurately, with no browser source."""
    problems: list[str] = []
    segment = context.segment
    requests: list[tuple[str, dict[str, Any]]] = await graphic_requests(context, link)
    scene = segment.scene or link.program_scene
    overlays = {overlay.id: overlay for overlay in context.show.overlays}
    hides = tuple(segment.hide_overlays) + crowded_out(context, segment.show_overlays)
    slides: list[_Slide] = []
    if scene:
        for wanted, ids in ((True, segment.show_overlays), (False, hides)):
            for overlay_id in ids:
                overlay = overlays[overlay_id]
                for part in overlay_parts(overlay, context.canvas):
                    try:
                        item_id = await link.scene_item_id(scene, part.source)
                    except ObsRequestError:
                        problems.append(
                            f"'{part.source}' is not in scene '{scene}' (run pre-flight)"
                        )
                        continue
                    was_on = link.owned.visibility.get((scene, part.source), False)
                    link.owned.visibility[(scene, part.source)] = wanted
                    path = slide_path(part.box, context.canvas)
                    if wanted and not was_on and overlay.motion_in is Motion.SLIDE:
                        requests.append(_transform(scene, item_id, path[0]))
                        requests.append(_enabled(scene, item_id, True))
                        slides.append(_Slide(scene, item_id, path[1:], path[-1], False))
                    elif not wanted and was_on and overlay.motion_out is Motion.SLIDE:
                        away = list(reversed(path))
                        slides.append(_Slide(scene, item_id, away[1:], path[-1], True))
                    else:
                        requests.append(_enabled(scene, item_id, wanted))
    if segment.scene:
        request = "SetCurrentPreviewScene" if to_preview else "SetCurrentProgramScene"
        requests.append((request, {"sceneName": segment.scene}))
    if slides:
        for frame in range(max(len(slide.steps) for slide in slides)):
            for slide in slides:
                if frame < len(slide.steps):
                    requests.append(_transform(slide.scene, slide.item_id, slide.steps[frame]))
            requests.append(("Sleep", {"sleepFrames": 1}))
        for slide in slides:
            if slide.leaving:  # off, then home again for the next time it is shown
                requests.append(_enabled(slide.scene, slide.item_id, False))
                requests.append(_transform(slide.scene, slide.item_id, slide.home))
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
