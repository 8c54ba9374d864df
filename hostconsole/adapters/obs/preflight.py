"""Pre-flight: what a show needs from OBS that OBS lacks, and creating it on request."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.obs.session import ObsRequestError, ObsSession
from hostconsole.domain.overlays import (
    FADE_FILTER,
    FADE_FILTER_KIND,
    Box,
    ObsNeeds,
    OverlayPart,
    PartRole,
)
from hostconsole.domain.said import Said, told

if TYPE_CHECKING:
    from collections.abc import Callable

    from hostconsole.adapters.obs.link import ObsLink

# Preferred text input kinds, best first: GDI+ on Windows (v3 in OBS 30+), FreeType 2
# elsewhere. The kind is always chosen from what this OBS reports, never assumed.
TEXT_KINDS = ("text_gdiplus_v3", "text_gdiplus_v2", "text_ft2_source_v2", "text_ft2_source")
IMAGE_KINDS = ("image_source",)
COLOR_KINDS = ("color_source_v3", "color_source_v2", "color_source")

# Plates are dark blue-grey at 80 % opacity (OBS colours are 0xAABBGGRR).
PLATE_COLOR = 0xCC3A2618
TEXT_COLOR = 0xFFFFFFFF


def default_font_face() -> str:
    """A face with Chinese glyphs on each platform's stock install."""
    if sys.platform.startswith("win"):
        return "Microsoft YaHei"
    if sys.platform == "darwin":
        return "PingFang SC"
    return "WenQuanYi Micro Hei"


class PreflightReport(msgspec.Struct, frozen=True):
    missing_scenes: tuple[str, ...]
    missing_sources: tuple[tuple[str, PartRole], ...]
    missing_placements: tuple[tuple[str, str], ...]  # (scene, source)
    wrong_kinds: tuple[tuple[str, PartRole, str], ...]  # (source, wanted role, actual kind)
    input_kinds: tuple[str, ...] = ()
    missing_fades: tuple[str, ...] = ()  # sources that fade but lack the fade filter
    # Microphones SAFE would mute that OBS has no input for: not created (a device), warned.
    missing_microphones: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (
            self.missing_scenes
            or self.missing_sources
            or self.missing_placements
            or self.missing_fades
        )

    def lines(self) -> list[str]:
        text: list[str] = [Said("preflight.scene-missing", name) for name in self.missing_scenes]
        text += [
            Said("preflight.source-missing", role.value, name)
            for name, role in self.missing_sources
        ]
        text += [
            Said("preflight.not-placed", source, scene) for scene, source in self.missing_placements
        ]
        text += [
            Said(
                "preflight.wrong-kind",
                name,
                "an" if role.value[0] in "aeiou" else "a",
                role.value,
                kind,
            )
            for name, role, kind in self.wrong_kinds
        ]
        text += [Said("preflight.no-fade", name) for name in self.missing_fades]
        return text

    def warnings(self) -> list[str]:
        return [Said("preflight.no-input", name) for name in self.missing_microphones]


class PreflightResult(msgspec.Struct):
    report: PreflightReport
    created: list[str] = msgspec.field(default_factory=list)
    failed: list[str] = msgspec.field(default_factory=list)


def _role_of(kind: str) -> PartRole | None:
    if kind.startswith("text_"):
        return PartRole.TEXT
    if kind in IMAGE_KINDS:
        return PartRole.IMAGE
    if kind.startswith("color_source"):
        return PartRole.COLOR
    return None


def pick_kind(available: tuple[str, ...], role: PartRole) -> str:
    preferred = {
        PartRole.TEXT: TEXT_KINDS,
        PartRole.IMAGE: IMAGE_KINDS,
        PartRole.COLOR: COLOR_KINDS,
    }
    for kind in preferred[role]:
        if kind in available:
            return kind
    for kind in available:
        if _role_of(kind) is role:
            return kind
    raise LookupError(f"this OBS has no {role.value} source kind (has: {', '.join(available)})")


def _check(session: ObsSession, needs: ObsNeeds) -> PreflightReport:
    kinds = tuple(session.request("GetInputKindList").get("inputKinds", []))
    scenes = {str(s.get("sceneName")) for s in session.request("GetSceneList").get("scenes", [])}
    inputs = {
        str(i.get("inputName")): str(i.get("inputKind"))
        for i in session.request("GetInputList").get("inputs", [])
    }
    missing_scenes = tuple(scene for scene in needs.scenes if scene not in scenes)
    missing_sources: list[tuple[str, PartRole]] = []
    wrong: list[tuple[str, PartRole, str]] = []
    seen: set[str] = set()
    for part in (*needs.parts, *((needs.slate,) if needs.slate is not None else ())):
        if part.source in seen:
            continue
        seen.add(part.source)
        if part.source not in inputs:
            missing_sources.append((part.source, part.role))
        elif _role_of(inputs[part.source]) is not part.role:
            wrong.append((part.source, part.role, inputs[part.source]))
    placed: dict[str, set[str]] = {}
    for scene in needs.scenes:
        if scene in scenes:
            items = session.request("GetSceneItemList", {"sceneName": scene}).get("sceneItems", [])
            placed[scene] = {str(item.get("sourceName")) for item in items}
        else:
            placed[scene] = set()
    wanted = needs.placements()
    if needs.slate is not None and needs.standby is not None:
        wanted.insert(0, (needs.standby, needs.slate))
    missing_placements = tuple(
        (scene, part.source) for scene, part in wanted if part.source not in placed[scene]
    )
    return PreflightReport(
        missing_scenes,
        tuple(missing_sources),
        missing_placements,
        tuple(wrong),
        kinds,
        _missing_fades(session, needs, inputs),
        tuple(name for name in needs.microphones if name not in inputs),
    )


def _missing_fades(session: ObsSession, needs: ObsNeeds, inputs: dict[str, str]) -> tuple[str, ...]:
    missing = []
    for source in needs.fades:
        if source not in inputs:
            missing.append(source)  # created with its filter
            continue
        filters = session.request("GetSourceFilterList", {"sourceName": source}).get("filters", [])
        if not any(f.get("filterName") == FADE_FILTER for f in filters):
            missing.append(source)
    return tuple(missing)


async def check(link: ObsLink, needs: ObsNeeds) -> PreflightReport:
    """List every scene, source and placement the show needs that OBS lacks."""
    return await link.call(
        lambda session: _check(session, needs), link.settings.request_timeout * 4
    )


def _settings_for(
    role: PartRole, kind: str, part: OverlayPart, canvas: tuple[int, int], font_face: str
) -> dict[str, Any]:
    width, height = canvas
    if role is PartRole.COLOR:
        return {
            "color": PLATE_COLOR,
            "width": max(int(part.box.width * width), 1),
            "height": max(int(part.box.height * height), 1),
        }
    if role is PartRole.IMAGE:
        return {"file": ""}
    size = max(int(part.box.height * height * 0.55), 12)
    font = {"face": font_face, "size": size, "style": "Regular", "flags": 0}
    if kind.startswith("text_gdiplus"):
        return {"text": "", "font": font, "color": TEXT_COLOR & 0xFFFFFF, "bk_opacity": 0}
    return {
        "text": "",
        "font": font,
        "color1": TEXT_COLOR,
        "color2": TEXT_COLOR,
        "drop_shadow": True,
    }


def _transform(role: PartRole, box: Box, canvas: tuple[int, int]) -> dict[str, Any]:
    width, height = canvas
    if role is PartRole.IMAGE:
        # The console draws each graphic at exactly its box's pixel size: placed, not scaled.
        left, top, box_width, box_height = box.pixels(canvas)
        return {
            "positionX": float(left),
            "positionY": float(top),
            "alignment": 5,  # top-left
            "boundsType": "OBS_BOUNDS_SCALE_INNER",
            "boundsAlignment": 0,
            "boundsWidth": float(box_width),
            "boundsHeight": float(box_height),
        }
    transform: dict[str, Any] = {
        "positionX": box.x * width,
        "positionY": box.y * height,
        "alignment": 5,  # top-left
    }
    if role is not PartRole.COLOR:
        # Text and images shrink to fit their box but are never blown up past their size.
        transform.update(
            {
                "boundsType": "OBS_BOUNDS_MAX_ONLY"
                if role is PartRole.TEXT
                else "OBS_BOUNDS_SCALE_INNER",
                "boundsAlignment": 5 if role is PartRole.TEXT else 0,
                "boundsWidth": max(box.width * width, 1.0),
                "boundsHeight": max(box.height * height, 1.0),
            }
        )
    return transform


def _create(session: ObsSession, needs: ObsNeeds, font_face: str) -> PreflightResult:
    report = _check(session, needs)
    result = PreflightResult(report)
    video = session.request("GetVideoSettings")
    canvas = (int(video.get("baseWidth", 1920)), int(video.get("baseHeight", 1080)))
    # A source of the wrong kind under a graphic's name (a text source from an older Host
    # Console) is kept, renamed, never deleted; the graphic's image source takes the name.
    for name, role, kind in report.wrong_kinds:
        old = f"{name} (old {kind})"
        try:
            session.request("SetInputName", {"inputName": name, "newInputName": old})
        except ObsRequestError as error:
            result.failed.append(
                Said("preflight.wrong-kind-kept", name, kind, role.value, told(error))
            )
            continue
        result.created.append(Said("preflight.renamed", name, kind, old))
    if report.wrong_kinds:
        report = _check(session, needs)
        result.report = report

    def attempt(what: str, request_type: str, data: dict[str, Any]) -> dict[str, Any] | None:
        try:
            answer = session.request(request_type, data)
        except ObsRequestError as error:
            result.failed.append(Said("preflight.failed", what, told(error)))
            return None
        result.created.append(what)
        return answer

    for scene in report.missing_scenes:
        attempt(Said("preflight.scene", scene), "CreateScene", {"sceneName": scene})
    missing_sources = dict(report.missing_sources)
    _create_slate(session, needs, report, canvas, result, missing_sources, attempt)
    parts = {part.source: part for part in needs.parts}
    # Placements are made in the show's layer order (plate under text under QR).
    for scene, part in needs.placements():
        if (scene, part.source) not in report.missing_placements:
            # Already there: laid out again for this canvas (it may have turned 9:16).
            _place(session, scene, part, canvas, result)
            continue
        if part.source in missing_sources:
            role = missing_sources.pop(part.source)
            try:
                kind = pick_kind(report.input_kinds, role)
            except LookupError as error:
                result.failed.append(Said("preflight.source-failed", part.source, told(error)))
                continue
            answer = attempt(
                Said("preflight.source-in", role.value, part.source, kind, scene),
                "CreateInput",
                {
                    "sceneName": scene,
                    "inputName": part.source,
                    "inputKind": kind,
                    "inputSettings": _settings_for(
                        role, kind, parts[part.source], canvas, font_face
                    ),
                    "sceneItemEnabled": False,
                },
            )
        else:
            answer = attempt(
                Said("preflight.placed", part.source, scene),
                "CreateSceneItem",
                {"sceneName": scene, "sourceName": part.source, "sceneItemEnabled": False},
            )
        if answer is not None and "sceneItemId" in answer:
            _place(session, scene, part, canvas, result, int(answer["sceneItemId"]))
    for source in report.missing_fades:
        attempt(
            Said("preflight.fade-filter", source),
            "CreateSourceFilter",
            {
                "sourceName": source,
                "filterName": FADE_FILTER,
                "filterKind": FADE_FILTER_KIND,
                "filterSettings": {"opacity": 1.0},
            },
        )
    return result


def _create_slate(
    session: ObsSession,
    needs: ObsNeeds,
    report: PreflightReport,
    canvas: tuple[int, int],
    result: PreflightResult,
    missing_sources: dict[str, PartRole],
    attempt: Callable[[str, str, dict[str, Any]], dict[str, Any] | None],
) -> None:
    """SAFE's slate: an image source shown in the standby scene, full canvas, under every
    graphic (the console draws the picture and sets its file)."""
    slate, scene = needs.slate, needs.standby
    if slate is None or scene is None:
        return
    answer: dict[str, Any] | None = None
    if (scene, slate.source) not in report.missing_placements:
        _place(session, scene, slate, canvas, result)
        return
    if missing_sources.pop(slate.source, None) is not None:
        try:
            kind = pick_kind(report.input_kinds, PartRole.IMAGE)
        except LookupError as error:
            result.failed.append(Said("preflight.source-failed", slate.source, told(error)))
            return
        answer = attempt(
            f"SAFE's slate '{slate.source}' in '{scene}'",
            "CreateInput",
            {
                "sceneName": scene,
                "inputName": slate.source,
                "inputKind": kind,
                "inputSettings": {"file": ""},
                "sceneItemEnabled": True,
            },
        )
    else:
        answer = attempt(
            f"'{slate.source}' placed in '{scene}'",
            "CreateSceneItem",
            {"sceneName": scene, "sourceName": slate.source, "sceneItemEnabled": True},
        )
    if answer is not None and "sceneItemId" in answer:
        item_id = int(answer["sceneItemId"])
        _place(session, scene, slate, canvas, result, item_id)
        try:  # the bottom of the scene: the graphics stay above it
            session.request(
                "SetSceneItemIndex",
                {"sceneName": scene, "sceneItemId": item_id, "sceneItemIndex": 0},
            )
        except ObsRequestError as error:
            result.failed.append(Said("preflight.slate-order", told(error)))


def _place(
    session: ObsSession,
    scene: str,
    part: OverlayPart,
    canvas: tuple[int, int],
    result: PreflightResult,
    item_id: int | None = None,
) -> None:
    """Put a part where the canvas's layout wants it."""
    try:
        if item_id is None:
            found = session.request(
                "GetSceneItemId", {"sceneName": scene, "sourceName": part.source}
            )
            item_id = int(found["sceneItemId"])
        session.request(
            "SetSceneItemTransform",
            {
                "sceneName": scene,
                "sceneItemId": item_id,
                "sceneItemTransform": _transform(part.role, part.box, canvas),
            },
        )
    except ObsRequestError as error:
        result.failed.append(Said("preflight.placing-failed", part.source, scene, told(error)))


async def create_missing(
    link: ObsLink, needs: ObsNeeds, font_face: str | None = None
) -> PreflightResult:
    """Create every missing scene and source (hidden), laid out for the canvas."""
    face = font_face or default_font_face()
    return await link.call(
        lambda session: _create(session, needs, face), link.settings.request_timeout * 20
    )
