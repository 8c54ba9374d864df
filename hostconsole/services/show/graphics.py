"""The graphics' commands: a graphic on or off, the caption, clear all, the milestone card,
pre-flight; and the tally of what OBS shows (read from OBS, never assumed)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsRequestError
from hostconsole.domain.overlays import (
    DEFAULT_CANVAS,
    obs_needs,
    overlap_warnings,
    overlay_box,
    overlay_parts,
    placement_warnings,
)
from hostconsole.domain.said import Said, joined
from hostconsole.domain.show import (
    SLATE_SOURCE,
    OverlayKind,
    Problem,
    advertising_warnings,
    content_warnings,
    theme_warnings,
)
from hostconsole.services.commands import (
    CONFLICT,
    NOT_FOUND,
    UNAVAILABLE,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.cues import crowded_out, everywhere_else, motion_plan
from hostconsole.services.overlays import (
    DrawnGraphics,
    OverlayContext,
    graphic_content,
    milestone_card_requests,
    milestone_cards,
    render_graphic,
    visibility_requests,
)
from hostconsole.services.show.studio import connected_obs

if TYPE_CHECKING:
    from hostconsole.domain.show import Segment
    from hostconsole.services import arguments
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft, RunState

log = logging.getLogger(__name__)


class GraphicsRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.drawn = DrawnGraphics()
        self.drawing_ahead = False  # the next cue is being drawn now

    def handlers(self) -> dict[CommandKind, Handler]:
        return {
            CommandKind.OVERLAY: self.overlay,
            CommandKind.CAPTION: self.caption,
            CommandKind.CLEAR_GRAPHICS: self.clear_graphics,
            CommandKind.MILESTONE_CARD: self.milestone_card,
            CommandKind.PREFLIGHT: self.preflight,
        }

    def context(self, segment: Segment | None, state: RunState) -> OverlayContext:
        """What the graphics are drawn from, frozen, for ``state``: a command's draft or the
        committed state (never the session: cues and graphics take this, not it)."""
        session = self.session
        show = session.show
        on_air = show.segments[state.clock.index]
        shown = segment or on_air
        flash_sale = any(o.kind is OverlayKind.FLASH_SALE for o in show.overlays)
        elapsed, planned, product_sold = 0.0, None, 0
        if flash_sale and state.on_air() and shown is on_air:
            snap = state.clock.snapshot()
            elapsed, planned = snap.elapsed, snap.planned
        counter = session.counter
        if flash_sale and shown.products:
            product_sold = counter.state.by_product().get(shown.products[0], 0)
        question = None
        if state.question_on_air is not None:
            question = session.questions.get(state.question_on_air)
        hits = session.milestone_hits
        obs = session.obs
        return OverlayContext(
            show=show,
            segment=shown,
            sold=counter.count,
            goal=counter.state.goal,
            rate=counter.rate(),
            caption_point=state.caption_point,
            milestone=hits[-1] if hits else 0,
            qr_dir=session.show_dir / "qr",
            canvas=obs.canvas if obs is not None else DEFAULT_CANVAS,
            renderer=session.renderer,
            segment_elapsed=elapsed,
            segment_planned=planned,
            product_sold=product_sold,
            question=None if question is None else (question.author, question.text),
            drawn=self.drawn,
            count_whole=counter.whole,
        )

    async def draw_ahead(self) -> None:
        """Draw the graphics of the cue GO takes next (armed, else the following segment),
        so the GO sends them at once. An idempotent refresh: a newer one replaces it."""
        session = self.session
        if session.renderer is None:
            return
        state = session.state
        index = state.armed if state.armed is not None else state.clock.snapshot().next_index
        if index is None:
            return
        segment = session.show.segments[index]
        context = self.context(segment, state)
        overlays = {o.id: o for o in session.show.overlays}
        self.drawing_ahead = True
        try:
            for overlay_id in segment.show_overlays:
                overlay = overlays[overlay_id]
                if overlay.kind not in (OverlayKind.MILESTONE, OverlayKind.QUESTION):
                    with contextlib.suppress(OSError):  # a full disk: the GO draws and says so
                        await render_graphic(context, overlay)
        finally:
            self.drawing_ahead = False

    async def overlay(self, command: Command, draft: Draft) -> CommandResult:
        args: arguments.Overlay = command.arguments
        overlay_id, visible = args.overlay, args.visible
        if overlay_id not in {o.id for o in self.session.show.overlays}:
            raise Refused(f"no overlay with id '{overlay_id}'", NOT_FOUND)
        connected_obs(self.session.obs)
        result = await self.set_overlay(draft, overlay_id, visible, command.origin)
        return CommandResult(result == "ok", result, data={"result": result})

    async def caption(self, command: Command, draft: Draft) -> CommandResult:
        """Put a talking point on air as the caption overlay (or hide the caption)."""
        point = self.session.point_id(command.arguments.point)
        captions = [o for o in self.session.show.overlays if o.kind is OverlayKind.CAPTION]
        if not captions:
            raise Refused(Said("graphics.no-caption"), NOT_FOUND)
        obs = connected_obs(self.session.obs)
        if point is not None:
            # A caption never takes a sale off air: where it would cover the product card or
            # the flash sale (9:16's band under the presenter), it waits for them to go.
            state = draft.state
            context = self.session.overlay_context(None, state)
            by_id = {o.id: o for o in self.session.show.overlays}
            on_air = {source for (_scene, source), shown in obs.owned.visibility.items() if shown}
            selling = [
                overlay_id
                for overlay_id in crowded_out(context, (captions[0].id,))
                if by_id[overlay_id].kind in (OverlayKind.PRODUCT_CARD, OverlayKind.FLASH_SALE)
                and by_id[overlay_id].source in on_air
            ]
            if selling:
                raise Refused(Said("graphics.caption-over-sale", ", ".join(selling)), CONFLICT)
        draft.state.caption_point = point
        result = await self.set_overlay(draft, captions[0].id, point is not None, command.origin)
        self.session.onair_log.write("caption", command.origin, f"talking point {point}", result)
        draft.save = True
        return CommandResult(result == "ok", result)

    async def set_overlay(self, draft: Draft, overlay_id: str, visible: bool, origin: str) -> str:
        """Show or hide one overlay in the program scene, as one batch (all its parts)."""
        session, state = self.session, draft.state
        obs = connected_obs(session.obs)
        overlay = next(o for o in session.show.overlays if o.id == overlay_id)
        # The scene the console put on program (OBS's own event may be a frame behind).
        wanted = session.show.segments[state.clock.index].scene if state.on_air() else None
        scene = wanted or obs.program_scene
        if scene is None:
            raise Refused(Said("graphics.no-program"), UNAVAILABLE)
        context = session.overlay_context(None, state)
        requests: list[tuple[str, dict[str, Any]]] = []
        if visible:  # drawn fresh for now, in the same batch as its visibility
            path = await render_graphic(context, overlay)
            if path is not None:
                requests.append(
                    (
                        "SetInputSettings",
                        {"inputName": overlay.source, "inputSettings": {"file": path}},
                    )
                )
        # What it takes the place of goes off in the same batch; each animates as it says.
        others = crowded_out(context, (overlay.id,)) if visible else ()
        problems: list[str] = []
        plan = await motion_plan(
            context,
            obs,
            scene,
            (overlay.id,) if visible else (),
            others if visible else (overlay.id,),
            problems,
        )
        if problems:
            raise Refused("; ".join(problems), UNAVAILABLE)
        requests += plan.at_once
        # On or off in every scene of the show, not only the one on program.
        requests += await everywhere_else(
            context,
            obs,
            scene,
            (overlay.id,) if visible else (),
            others if visible else (overlay.id,),
        )
        requests += plan.animation()
        answers = await obs.batch(requests)
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        session.onair_log.write(
            "overlay", origin, f"{overlay_id} {'shown' if visible else 'hidden'} in {scene}", result
        )
        draft.changed("cue")
        return result

    async def clear_graphics(self, command: Command, draft: Draft) -> CommandResult:
        """Every graphic of the show off, in every scene of the show and on program, as one
        batch (the panic key, POST /api/v1/overlays/clear)."""
        show = self.session.show
        obs = connected_obs(self.session.obs)
        scenes = list(obs_needs(show, obs.canvas).scenes)
        if obs.program_scene and obs.program_scene not in scenes:
            scenes.append(obs.program_scene)
        requests: list[tuple[str, dict[str, Any]]] = []
        for scene in scenes:
            for overlay in show.overlays:
                # Not placed in this scene: nothing to take off there.
                with contextlib.suppress(ObsRequestError):
                    requests += await visibility_requests(
                        obs, scene, overlay_parts(overlay, obs.canvas), visible=False
                    )
        answers = await obs.batch(requests) if requests else []
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        self.session.safe_room.clear_restore(draft)
        self.session.onair_log.write("overlay", command.origin, "all graphics cleared", result)
        draft.changed("cue")
        return CommandResult(not failed, result, data={"hidden": len(requests)})

    async def milestone_card(self, command: Command, draft: Draft) -> CommandResult:
        """A cue driven by sales: the card is taken, then (a later command) hidden."""
        session = self.session
        args: arguments.MilestoneCard = command.arguments
        visible, milestone = args.visible, args.milestone
        cards = milestone_cards(session.show)
        if not cards:
            raise Refused(Said("graphics.no-milestone"), NOT_FOUND)
        obs = connected_obs(session.obs)
        segment = session.show.segments[draft.state.clock.index]
        scene = segment.scene or obs.program_scene
        if not scene:
            raise Refused(Said("graphics.no-program"), UNAVAILABLE)
        requests, texts = await milestone_card_requests(
            session.overlay_context(segment, draft.state), obs, scene, visible=visible
        )
        answers = await obs.batch(requests)
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else "; ".join(failed)
        if visible:
            shown = " / ".join(texts)
            session.onair_log.write(
                "overlay", command.origin, f"milestone card {shown!r} shown in {scene}", result
            )
            hold = max(card.hold_seconds for card in cards)
            draft.on_commit(
                lambda: session.engine.later(
                    hold,
                    CommandKind.MILESTONE_CARD,
                    "milestone",
                    milestone=milestone,
                    visible=False,
                )
            )
        else:
            session.onair_log.write(
                "overlay", command.origin, f"milestone card hidden in {scene}", result
            )
        draft.changed("cue")
        return CommandResult(result == "ok", result)

    async def preflight(self, command: Command, draft: Draft) -> CommandResult:
        from hostconsole.adapters.obs.link import ObsLink
        from hostconsole.adapters.obs.preflight import PreflightResult, check, create_missing

        session = self.session
        obs = connected_obs(session.obs)
        if not isinstance(obs, ObsLink):
            raise Refused("pre-flight needs OBS Studio itself", UNAVAILABLE)
        create = command.arguments.create
        # Laid out for the canvas OBS has now: 16:9 or 9:16 (re-laid out when it changed).
        canvas = await obs.video_canvas()
        needs = obs_needs(session.show, canvas)
        if create:
            result = await create_missing(obs, needs)
        else:
            result = PreflightResult(await check(obs, needs))
        await obs.learn_scene_items(needs.scenes)
        slate = await session.safe_room.slate_file(canvas)
        if slate is not None and create:
            # The standby scene shows the slate even before SAFE is first pressed.
            with contextlib.suppress(ObsRequestError):
                await obs.set_image(SLATE_SOURCE, slate)
        graphics = await self.graphic_problems(canvas)
        for problem in [*result.failed, *graphics]:
            log.error("%s", Said("log.preflight", problem))
        failed = [*result.failed, *graphics]
        detail = f"missing: {len(result.report.lines())}; created: {len(result.created)}"
        session.onair_log.write(
            "preflight", command.origin, detail, "ok" if not failed else joined(failed)
        )
        # What would reach the screen with an absolute claim (广告法 art. 9), and graphics
        # placed outside the safe area: warned here too.
        found = (
            self.advertising_warnings()
            + placement_warnings(session.show)
            + overlap_warnings(session.show)
            + theme_warnings(session.show)
            + content_warnings(session.show)
        )
        warnings = [f"{w.path}: {w.message}" for w in found] + result.report.warnings()
        if not obs.streaming:
            warnings.append(Said("graphics.not-streaming"))
        if not obs.recording:
            warnings.append(Said("graphics.not-recording"))
        for warning in warnings:
            log.warning("%s", Said("log.preflight", warning))
        draft.changed("obs")
        return CommandResult(
            not failed,
            detail,
            data={"preflight": result, "warnings": warnings, "graphics": graphics},
        )

    async def graphic_problems(self, canvas: tuple[int, int]) -> list[str]:
        """Each product card the run sheet puts on air, drawn for this canvas on a worker:
        a purchase link whose QR code would not scan (too long for the room) is named."""
        session = self.session
        renderer = session.renderer
        if renderer is None:
            return []
        show = session.show
        overlays = {o.id: o for o in show.overlays}
        renderer.prepare(show.theme)
        loop = asyncio.get_running_loop()
        problems: list[str] = []
        seen: set[object] = set()
        for segment in show.segments:
            for overlay_id in segment.show_overlays:
                overlay = overlays[overlay_id]
                if overlay.kind is not OverlayKind.PRODUCT_CARD:
                    continue
                context = OverlayContext(show=show, segment=segment, canvas=canvas)
                content = graphic_content(context, overlay)
                if not content.qr or content.qr in seen:
                    continue
                seen.add(content.qr)
                box = overlay_box(overlay, canvas)
                found = await loop.run_in_executor(
                    renderer.executor, renderer.problems, content, show.theme, canvas, box
                )
                problems += [f"“{overlay.id}” on segment “{segment.id}”: {p}" for p in found]
        return problems

    async def tally(self) -> dict[str, bool | None]:
        """Each graphic's state in OBS's program scene, read from OBS (not assumed): on, off,
        or None when it is not in that scene. Empty while OBS is away."""
        obs = self.session.obs
        if obs is None or not obs.connected or not obs.program_scene:
            return {}
        scene = obs.program_scene
        tally: dict[str, bool | None] = {}
        for overlay in self.session.show.overlays:
            try:
                item = await obs.scene_item_id(scene, overlay.source)
                answer = await obs.request(
                    "GetSceneItemEnabled", {"sceneName": scene, "sceneItemId": item}
                )
                tally[overlay.id] = bool(answer.get("sceneItemEnabled"))
            except ObsRequestError:
                tally[overlay.id] = None
        return tally

    def advertising_warnings(self) -> list[Problem]:
        """On-screen texts of the show with an absolute claim the Advertising Law bans."""
        from hostconsole.adapters.storage.showfile import banned_words

        return advertising_warnings(self.session.show, banned_words())
