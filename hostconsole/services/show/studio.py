"""Studio mode's commands: prepare a segment's cue in preview, take it to program (and the run
sheet with it), studio mode on and off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.clock import ClockState
from hostconsole.domain.said import Said, told
from hostconsole.services.commands import (
    UNAVAILABLE,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.cues import apply_cue

if TYPE_CHECKING:
    from hostconsole.services.ports import ObsPort
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.runsheet import RunSheetRoom
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft


class StudioRoom:
    def __init__(self, session: ShowSession, runsheet: RunSheetRoom) -> None:
        self.session = session
        self.runsheet = runsheet

    def handlers(self) -> dict[CommandKind, Handler]:
        return {
            CommandKind.PREPARE: self.prepare,
            CommandKind.TAKE: self.take,
            CommandKind.STUDIO_MODE: self.studio_mode,
        }

    async def prepare(self, command: Command, draft: Draft) -> CommandResult:
        """Put the next (or armed, or given) segment's cue in preview; Take then puts it on
        air and moves the run sheet to it."""
        session, state = self.session, draft.state
        obs = connected_obs(session.obs)
        index = self.runsheet.segment_index(command.arguments)
        if index is None:
            index = state.armed if state.armed is not None else state.clock.snapshot().next_index
        if index is None:
            raise Refused(Said("studio.no-next"))
        if not obs.studio_mode:
            await obs.set_studio_mode(True)
        segment = session.show.segments[index]
        result = await apply_cue(session.overlay_context(segment, state), obs, to_preview=True)
        state.prepared = index
        session.onair_log.write(
            "prepare",
            command.origin,
            f"{segment.id} in preview",
            "ok" if result.ok else result.summary(),
        )
        draft.save = True
        draft.changed("cue")
        return CommandResult(detail=f"{segment.id} in preview", cue=result)

    async def take(self, command: Command, draft: Draft) -> CommandResult:
        """The prepared preview goes to program (and the run sheet with it)."""
        session, state = self.session, draft.state
        obs = connected_obs(session.obs)
        if not obs.studio_mode:
            raise Refused(Said("studio.not-studio-mode"))
        try:
            program = await obs.take()
        except ObsError as error:
            session.onair_log.write("take", command.origin, "take", f"failed: {error}")
            return CommandResult(False, Said("engine.obs-fault", told(error)))
        session.onair_log.write("take", command.origin, f"program is {program}")
        if state.prepared is not None:
            index, state.prepared = state.prepared, None
            if state.clock.state is ClockState.PAUSED:
                state.clock.resume()
            state.clock.go_to(index)
            segment = session.show.segments[index]
            await session.counter.segment_on_air(
                segment.id, segment.products[0] if segment.products else None
            )
            draft.save = True
            draft.changed("clock")
        return CommandResult(detail=f"program is {program}", data={"program": program})

    async def studio_mode(self, command: Command, draft: Draft) -> CommandResult:
        obs = connected_obs(self.session.obs)
        enabled = command.arguments.enabled
        await obs.set_studio_mode(enabled)
        draft.changed("obs")
        return CommandResult(detail=f"studio mode {'on' if enabled else 'off'}")


def connected_obs(obs: ObsPort | None) -> ObsPort:
    """OBS, or a refusal saying why it cannot be used now."""
    if obs is None:
        raise Refused(Said("studio.obs-off"), UNAVAILABLE)
    if not obs.connected:
        raise Refused(Said("obs.not-connected"), UNAVAILABLE)
    return obs
