"""SAFE: the official off air in one press, and back in one press.

In one OBS batch the show's standby scene (the console's slate) goes on program, every
microphone the show names is muted and every graphic goes off; Back on air puts back exactly
what was on before — scene, graphics, mutes — as one batch. While SAFE is on, nothing that
would put the programme back on screen runs (a GO, a graphic, a Take): it is refused and says
why. Both presses are in the on-air log, the second with how long the show was off air.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.obs.errors import ObsRequestError
from hostconsole.domain.durations import format_elapsed
from hostconsole.domain.overlays import obs_needs, overlay_parts
from hostconsole.domain.said import Said, joined
from hostconsole.domain.show import SLATE_SOURCE
from hostconsole.services.commands import (
    Command,
    CommandKind,
    CommandResult,
)
from hostconsole.services.overlays import visibility_requests
from hostconsole.services.show.state import OffAir
from hostconsole.services.show.studio import connected_obs

if TYPE_CHECKING:
    from hostconsole.services import arguments
    from hostconsole.services.ports import ObsPort
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft

log = logging.getLogger(__name__)

# What would put the programme back on screen while SAFE is on: refused until Back on air.
HELD_WHILE_SAFE = frozenset(
    {
        CommandKind.GO,
        CommandKind.NEXT,
        CommandKind.PREVIOUS,
        CommandKind.TAKE,
        CommandKind.OVERLAY,
        CommandKind.CAPTION,
        CommandKind.MILESTONE_CARD,
        CommandKind.REAPPLY,
        CommandKind.RESTART,
    }
)


class SafeRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self._slate: tuple[tuple[object, ...], str] | None = None  # (what it shows, its file)

    def handlers(self) -> dict[CommandKind, Handler]:
        return {CommandKind.SAFE: self.safe}

    async def safe(self, command: Command, draft: Draft) -> CommandResult:
        """``on``: true = SAFE, false = Back on air, absent = the other one (the key)."""
        args: arguments.Safe = command.arguments
        on = args.on
        current = draft.state.safe
        if args.again and current is not None:
            # OBS came back (or restarted) while off air: the standby batch once more.
            return await self._off_air(command, draft, current)
        wanted = current is None if on is None else on
        if wanted and current is not None:
            return CommandResult(detail=Said("safe.already-off"))
        if not wanted and current is None:
            return CommandResult(detail=Said("safe.already-on"))
        if wanted:
            return await self._off_air(command, draft, None)
        assert current is not None
        return await self._back_on_air(command, draft, current)

    # --- off air ---------------------------------------------------------------------------

    async def _off_air(self, command: Command, draft: Draft, again: OffAir | None) -> CommandResult:
        session = self.session
        show = session.show
        obs = connected_obs(session.obs)
        canvas = obs.canvas
        settings = show.safe
        scenes = list(obs_needs(show, canvas).scenes)
        program = obs.program_scene
        if program and program not in scenes:
            scenes.append(program)
        notes: list[str] = []
        record = again
        if record is None:
            graphics, muted_before, missing = await self._read_before(obs, program)
            notes += [Said("safe.no-microphone", name) for name in missing]
            record = OffAir(
                since=session.now(),
                origin=command.origin,
                program=program,
                graphics=graphics,
                muted_before=muted_before,
            )
        requests: list[tuple[str, dict[str, Any]]] = [
            ("SetInputMute", {"inputName": name, "inputMuted": True})
            for name, _was in record.muted_before
        ]
        for scene in scenes:
            for overlay in show.overlays:
                with contextlib.suppress(ObsRequestError):  # not placed in this scene
                    requests += await visibility_requests(
                        obs, scene, overlay_parts(overlay, canvas), visible=False
                    )
        slate = await self.slate_file(canvas)
        standby = settings.scene
        try:
            await obs.scene_item_id(standby, SLATE_SOURCE)
        except ObsRequestError:
            notes.append(Said("safe.no-standby", standby))
            standby = ""
        if standby:
            if slate is not None:
                requests.append(
                    (
                        "SetInputSettings",
                        {"inputName": SLATE_SOURCE, "inputSettings": {"file": slate}},
                    )
                )
            requests.append(("SetCurrentProgramScene", {"sceneName": standby}))
        answers = await obs.batch(requests)
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        problems = notes + failed
        result = "ok" if not problems else joined(problems)
        muted = len(record.muted_before)
        detail = Said("safe.off-air", standby or program, muted, "" if muted == 1 else "s")
        session.onair_log.write(
            "safe" if again is None else "safe-again", command.origin, detail, result
        )
        draft.state.safe = record
        draft.save = True
        draft.changed("safe", "cue", "obs")
        return CommandResult(
            not problems, detail if not problems else Said("with-problems", detail, result)
        )

    async def _read_before(
        self, obs: ObsPort, program: str | None
    ) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...], list[str]]:
        """What Back on air must put back: the graphics on in the program scene and each
        microphone's mute, read from OBS in one batch that needs no frame."""
        show = self.session.show
        reads: list[tuple[str, dict[str, Any]]] = []
        asked: list[tuple[str, str]] = []  # ("graphic", overlay id) / ("mic", input name)
        if program:
            for overlay in show.overlays:
                parts = overlay_parts(overlay, obs.canvas)
                if not parts:
                    continue
                try:
                    item = await obs.scene_item_id(program, parts[0].source)
                except ObsRequestError:
                    continue
                reads.append(("GetSceneItemEnabled", {"sceneName": program, "sceneItemId": item}))
                asked.append(("graphic", overlay.id))
        for name in show.safe.microphones:
            reads.append(("GetInputMute", {"inputName": name}))
            asked.append(("mic", name))
        answers = await obs.batch(reads, realtime=True) if reads else []
        graphics: list[str] = []
        mutes: list[tuple[str, bool]] = []
        missing: list[str] = []
        for (what, name), answer in zip(asked, answers, strict=False):
            if what == "graphic":
                if answer.ok and answer.data.get("sceneItemEnabled"):
                    graphics.append(name)
            elif answer.ok:
                mutes.append((name, bool(answer.data.get("inputMuted"))))
            else:
                missing.append(name)
        return tuple(graphics), tuple(mutes), missing

    # --- back on air ----------------------------------------------------------------------

    async def _back_on_air(self, command: Command, draft: Draft, record: OffAir) -> CommandResult:
        session = self.session
        show = session.show
        obs = connected_obs(session.obs)
        canvas = obs.canvas
        state = draft.state
        program = record.program
        if program is None and state.on_air():
            program = show.segments[state.clock.index].scene
        requests: list[tuple[str, dict[str, Any]]] = [
            ("SetInputMute", {"inputName": name, "inputMuted": was})
            for name, was in record.muted_before
        ]
        overlays = {overlay.id: overlay for overlay in show.overlays}
        scenes = list(obs_needs(show, canvas).scenes)
        if program and program not in scenes:
            scenes.append(program)
        for overlay_id in record.graphics:
            overlay = overlays.get(overlay_id)
            if overlay is None:
                continue
            for scene in scenes:
                if scene == show.safe.scene:
                    continue
                with contextlib.suppress(ObsRequestError):
                    requests += await visibility_requests(
                        obs, scene, overlay_parts(overlay, canvas), visible=True
                    )
        if program:
            requests.append(("SetCurrentProgramScene", {"sceneName": program}))
        answers = await obs.batch(requests) if requests else []
        failed = [f"{a.request_type}: {a.comment}" for a in answers if not a.ok]
        result = "ok" if not failed else joined(failed)
        off_for = format_elapsed(max(session.now() - record.since, 0.0))
        graphics, mics = len(record.graphics), len(record.muted_before)
        detail = Said(
            "safe.back",
            off_for,
            record.origin,
            program or "?",
            graphics,
            "" if graphics == 1 else "s",
            mics,
            "" if mics == 1 else "s",
        )
        session.onair_log.write("back-on-air", command.origin, detail, result)
        state.safe = None
        draft.save = True
        draft.changed("safe", "cue", "obs")
        return CommandResult(
            not failed, detail if not failed else Said("with-problems", detail, result)
        )

    # --- the slate -------------------------------------------------------------------------

    async def slate_file(self, canvas: tuple[int, int]) -> str | None:
        """The slate drawn for this canvas (once per look: words, title, theme, canvas)."""
        session = self.session
        renderer = session.renderer
        if renderer is None:
            return None
        show = session.show
        words = show.safe.slate_words(show.language)
        title = show.title_en if show.language == "en" and show.title_en else show.title
        key = (words, title, show.theme, canvas)
        if self._slate is not None and self._slate[0] == key:
            return self._slate[1]
        renderer.prepare(show.theme)
        try:
            path = await asyncio.get_running_loop().run_in_executor(
                renderer.executor, renderer.slate, words, title, show.theme, canvas
            )
        except Exception as error:  # no slate is no reason to keep the official on air
            log.error("%s", Said("log.slate-not-drawn", error))
            return None
        self._slate = (key, str(path))
        return str(path)

    def clear_restore(self, draft: Draft) -> None:
        """Clear graphics while off air: Back on air brings none back."""
        if draft.state.safe is not None:
            draft.state.safe = msgspec.structs.replace(draft.state.safe, graphics=())
