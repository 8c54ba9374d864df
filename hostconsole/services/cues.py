"""A segment's cue — its scene and the graphics it shows and hides — as one OBS batch: each
graphic drawn fresh, then its visibility, then the scene change."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.obs.errors import ObsError, ObsRequestError
from hostconsole.domain.overlays import (
    FADE_FILTER,
    cue_graphics,
    fade_steps,
    obs_needs,
    overlay_parts,
    slide_path,
    take_each_other_off,
)
from hostconsole.domain.said import Said, joined, told
from hostconsole.domain.show import Motion, OverlayKind
from hostconsole.services.overlays import OverlayContext, graphic_requests

if TYPE_CHECKING:
    from hostconsole.services.ports import ObsPort

log = logging.getLogger(__name__)


class CueResult(msgspec.Struct):
    segment_id: str
    scene: str | None
    ok: bool = True
    problems: list[str] = msgspec.field(default_factory=list)

    def summary(self) -> str:
        return "ok" if self.ok and not self.problems else joined(self.problems) or "failed"


def crowded_out(context: OverlayContext, shown: tuple[str, ...]) -> tuple[str, ...]:
    """Graphics taken off because one being shown takes their place (Singular's layer logic:
    the same layer, a full-screen graphic, or boxes that overlap on this canvas — in 9:16 the
    product card and the lower third share the band under the presenter); they go off in the
    same batch. The milestone card flashes over the others and takes nothing off."""
    by_id = {o.id: o for o in context.show.overlays}
    taking = [by_id[i] for i in shown if i in by_id and by_id[i].kind is not OverlayKind.MILESTONE]
    return tuple(
        overlay.id
        for overlay in context.show.overlays
        if overlay.id not in shown
        and overlay.kind is not OverlayKind.MILESTONE
        and any(take_each_other_off(overlay, other, context.canvas) for other in taking)
    )


class _Moving(msgspec.Struct):
    """One graphic animating frame by frame within a batch: a request per frame, then what
    puts it to rest (off and back home, after it has left)."""

    frames: list[tuple[str, dict[str, Any]]]
    rest: list[tuple[str, dict[str, Any]]] = msgspec.field(default_factory=list)


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


def _opacity(source: str, opacity: float) -> tuple[str, dict[str, Any]]:
    return (
        "SetSourceFilterSettings",
        {
            "sourceName": source,
            "filterName": FADE_FILTER,
            "filterSettings": {"opacity": round(opacity, 3)},
        },
    )


class MotionPlan(msgspec.Struct):
    """Graphics going on and off air: what happens at once (cuts, start positions), then
    frame by frame (slides and fades, ``Sleep`` one frame between steps), then at rest."""

    at_once: list[tuple[str, dict[str, Any]]] = msgspec.field(default_factory=list)
    moving: list[_Moving] = msgspec.field(default_factory=list)

    def animation(self) -> list[tuple[str, dict[str, Any]]]:
        requests: list[tuple[str, dict[str, Any]]] = []
        if not self.moving:
            return requests
        for frame in range(max(len(m.frames) for m in self.moving)):
            for moving in self.moving:
                if frame < len(moving.frames):
                    requests.append(moving.frames[frame])
            requests.append(("Sleep", {"sleepFrames": 1}))
        for moving in self.moving:
            requests += moving.rest
        return requests


async def motion_plan(
    context: OverlayContext,
    link: ObsPort,
    scene: str,
    shows: tuple[str, ...],
    hides: tuple[str, ...],
    problems: list[str],
) -> MotionPlan:
    """Each graphic in ``shows`` on and each in ``hides`` off in ``scene``, animated as its
    overlay says (``in:``/``out:``) when its state changes, cut otherwise."""
    plan = MotionPlan()
    overlays = {overlay.id: overlay for overlay in context.show.overlays}
    for wanted, ids in ((True, shows), (False, hides)):
        for overlay_id in ids:
            overlay = overlays[overlay_id]
            for part in overlay_parts(overlay, context.canvas):
                try:
                    item_id = await link.scene_item_id(scene, part.source)
                except ObsRequestError:
                    problems.append(Said("cue.not-placed", part.source, scene))
                    continue
                was_on = link.owned.visibility.get((scene, part.source), False)
                motion = overlay.motion_in if wanted else overlay.motion_out
                if wanted == was_on or motion is Motion.NONE:
                    plan.at_once.append(_enabled(scene, item_id, wanted))
                elif motion is Motion.SLIDE:
                    path = slide_path(part.box, context.canvas)
                    if wanted:
                        plan.at_once += [
                            _transform(scene, item_id, path[0]),
                            _enabled(scene, item_id, True),
                        ]
                        frames = [_transform(scene, item_id, x) for x in path[1:]]
                        plan.moving.append(_Moving(frames))
                    else:
                        away = list(reversed(path))[1:]
                        frames = [_transform(scene, item_id, x) for x in away]
                        rest = [
                            _enabled(scene, item_id, False),
                            _transform(scene, item_id, path[-1]),
                        ]
                        plan.moving.append(_Moving(frames, rest))
                else:  # fade: the opacity of the source's own filter (pre-flight adds it)
                    steps = fade_steps()
                    if wanted:
                        plan.at_once += [_opacity(part.source, 0.0), _enabled(scene, item_id, True)]
                        plan.moving.append(_Moving([_opacity(part.source, v) for v in steps]))
                    else:
                        frames = [_opacity(part.source, 1.0 - v) for v in steps]
                        rest = [_enabled(scene, item_id, False), _opacity(part.source, 1.0)]
                        plan.moving.append(_Moving(frames, rest))
    return plan


async def cue_requests(
    context: OverlayContext, link: ObsPort, *, to_preview: bool = False
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The batch for a segment: its graphics drawn, their visibility in its scene, the scene
    change, then the graphics sliding or fading in and out frame by frame (Sleep 1 frame
    between steps) — one SerialFrame batch, so OBS plays it frame-accurately, with no
    browser source."""
    problems: list[str] = []
    segment = context.segment
    requests: list[tuple[str, dict[str, Any]]] = await graphic_requests(context)
    scene = segment.scene or link.program_scene
    # Two graphics of one cue that would overlap on this canvas never go on together.
    shows, left_off = cue_graphics(context.show, segment.show_overlays, context.canvas)
    hides = tuple(segment.hide_overlays) + left_off + crowded_out(context, shows)
    if context.question is None:  # no question card is held on air: it goes with the cue
        hides += tuple(
            o.id
            for o in context.show.overlays
            if o.kind is OverlayKind.QUESTION and o.id not in hides
        )
    plan = MotionPlan()
    if scene:
        plan = await motion_plan(context, link, scene, shows, hides, problems)
    requests += plan.at_once
    # A graphic's visibility is the show's, not a scene's: off means off in every scene of
    # the show (returning to an earlier scene never brings back what a cue took off).
    requests += await everywhere_else(context, link, scene, shows, hides)
    if segment.scene:
        request = "SetCurrentPreviewScene" if to_preview else "SetCurrentProgramScene"
        requests.append((request, {"sceneName": segment.scene}))
    requests += plan.animation()
    return requests, problems


async def everywhere_else(
    context: OverlayContext,
    link: ObsPort,
    scene: str | None,
    shows: tuple[str, ...],
    hides: tuple[str, ...],
) -> list[tuple[str, dict[str, Any]]]:
    """The same visibility in the show's other scenes (each graphic is placed in every one
    by pre-flight), without motion: only the scene on air animates."""
    by_id = {o.id: o for o in context.show.overlays}
    others = [s for s in obs_needs(context.show, context.canvas).scenes if s != scene]
    requests: list[tuple[str, dict[str, Any]]] = []
    for wanted, ids in ((True, shows), (False, hides)):
        for overlay_id in ids:
            overlay = by_id.get(overlay_id)
            if overlay is None:
                continue
            for part in overlay_parts(overlay, context.canvas):
                for other in others:
                    try:
                        item_id = await link.scene_item_id(other, part.source)
                    except ObsRequestError:
                        continue  # not placed there: nothing to keep in step
                    requests.append(_enabled(other, item_id, wanted))
    return requests


async def apply_cue(
    context: OverlayContext, link: ObsPort, *, to_preview: bool = False
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
                        Said("cue.obs-refused", answer.request_type, answer.code, answer.comment)
                    )
    except ObsError as error:
        result.ok = False
        result.problems.append(told(error))
    except OSError as error:  # a graphic could not be written (disk full, read-only)
        result.ok = False
        result.problems.append(Said("cue.graphic-not-drawn", error))
    if result.problems:
        result.ok = False
        log.warning("%s", Said("log.cue", segment.id, result.summary()))
    return result
