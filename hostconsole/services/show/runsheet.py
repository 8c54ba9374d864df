"""The run sheet's commands: GO, next, previous, pause, resume, time, arm, start afresh, and the
cue a GO sends (re-sent when OBS comes back)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from hostconsole.domain.clock import ClockState
from hostconsole.domain.said import Said
from hostconsole.services.commands import (
    NOT_FOUND,
    UNAVAILABLE,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.cues import CueResult, apply_cue
from hostconsole.services.show.state import ON_AIR

if TYPE_CHECKING:
    from hostconsole.services import arguments
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft


CONFIRM_SECONDS = 3.0  # OBS says the scene is on program within this, or the cue is owed


async def _confirmed(result: CueResult, confirmed: asyncio.Future[Any] | None) -> None:
    """The cue's scene change is proven by OBS's CurrentProgramSceneChanged, not assumed
    from the batch's answer (as a studio-mode Take is)."""
    if confirmed is None:
        return
    if not result.ok:
        confirmed.cancel()
        return
    try:
        await asyncio.wait_for(confirmed, CONFIRM_SECONDS)
    except TimeoutError:
        result.ok = False
        result.problems.append("OBS accepted the scene change but never said it was on program")


class RunSheetRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session

    def handlers(self) -> dict[CommandKind, Handler]:
        return {
            CommandKind.GO: self.go,
            CommandKind.NEXT: self.next,
            CommandKind.PREVIOUS: self.previous,
            CommandKind.PAUSE: self.pause,
            CommandKind.RESUME: self.resume,
            CommandKind.TOGGLE_PAUSE: self.toggle_pause,
            CommandKind.TIME: self.time,
            CommandKind.ARM: self.arm,
            CommandKind.RESTART: self.restart,
            CommandKind.REAPPLY: self.reapply,
        }

    def segment_index(self, args: arguments.SegmentChoice) -> int | None:
        """The segment a command names by id (``segment``) or number (``index``), if any."""
        segments = self.session.show.segments
        if args.segment is not None:
            for number, segment in enumerate(segments):
                if segment.id == args.segment:
                    return number
            raise Refused(f"no segment with id '{args.segment}'", NOT_FOUND)
        index = args.index
        if index is None:
            return None
        if not 0 <= index < len(segments):
            raise Refused(f"no segment number {index}", NOT_FOUND)
        return index

    async def go(self, command: Command, draft: Draft) -> CommandResult:
        """Put a segment on air: the given, else the armed, else the next; sends its cue."""
        state = draft.state
        args: arguments.Go = command.arguments
        if args.from_index is not None:
            return await self._clock_transition(command, draft)
        index = self.segment_index(args)
        if index is None:
            index = state.armed if state.armed is not None else state.clock.snapshot().next_index
        if index is None:
            raise Refused(Said("show.ended-no-next"))
        state.armed = None
        if state.clock.state is ClockState.PAUSED:
            state.clock.resume()
        state.clock.go_to(index)
        return await self.entered(command, draft, "go")

    async def _clock_transition(self, command: Command, draft: Draft) -> CommandResult:
        """A ``next`` segment ran out: exactly the GO path, as of the moment it ran out."""
        clock = draft.state.clock
        transition = clock.due(self.session.now())
        if transition is None or transition.from_index != command.arguments.from_index:
            raise Refused("the segment no longer runs out by itself (the run sheet moved)")
        clock.carry_out(transition)
        if transition.to_index is None:
            return await self._finished(command, draft)
        return await self.entered(command, draft, "go")

    async def next(self, command: Command, draft: Draft) -> CommandResult:
        clock = draft.state.clock
        before = clock.state
        if before is ClockState.FINISHED:
            raise Refused(Said("show.ended"))
        clock.next()
        if clock.state is ClockState.FINISHED:
            return await self._finished(command, draft)
        return await self.entered(command, draft, "next")

    async def _finished(self, command: Command, draft: Draft) -> CommandResult:
        # The ledger notes when the last segment left the air: its time in the report.
        await self.session.counter.segment_on_air(None, None)
        return self._clock_changed(draft, "finish", command.origin, "the show ended")

    async def previous(self, command: Command, draft: Draft) -> CommandResult:
        if draft.state.clock.state is ClockState.NOT_STARTED:
            raise Refused(Said("show.not-started"))
        draft.state.clock.previous()
        return await self.entered(command, draft, "previous")

    def _clock_changed(self, draft: Draft, action: str, origin: str, detail: str) -> CommandResult:
        self.session.onair_log.write(action, origin, detail)
        draft.save = True
        draft.changed("clock")
        return CommandResult(detail=detail)

    def _on_air_id(self, draft: Draft) -> str:
        return self.session.show.segments[draft.state.clock.index].id

    async def pause(self, command: Command, draft: Draft) -> CommandResult:
        if draft.state.clock.state is not ClockState.RUNNING:
            raise Refused(Said("show.not-running"))
        draft.state.clock.pause()
        detail = f"paused in {self._on_air_id(draft)}"
        return self._clock_changed(draft, "pause", command.origin, detail)

    async def resume(self, command: Command, draft: Draft) -> CommandResult:
        if draft.state.clock.state is not ClockState.PAUSED:
            raise Refused(Said("show.not-paused"))
        draft.state.clock.resume()
        detail = f"resumed in {self._on_air_id(draft)}"
        return self._clock_changed(draft, "resume", command.origin, detail)

    async def toggle_pause(self, command: Command, draft: Draft) -> CommandResult:
        if draft.state.clock.state is ClockState.PAUSED:
            return await self.resume(command, draft)
        return await self.pause(command, draft)

    async def time(self, command: Command, draft: Draft) -> CommandResult:
        seconds = command.arguments.seconds
        if not draft.state.on_air():
            raise Refused(Said("show.not-on-air"))
        draft.state.clock.add_time(seconds)
        detail = f"{seconds:+g} s on {self._on_air_id(draft)}"
        return self._clock_changed(draft, "time", command.origin, detail)

    async def arm(self, command: Command, draft: Draft) -> CommandResult:
        draft.state.armed = self.segment_index(command.arguments)
        draft.save = True
        draft.changed("clock")
        return CommandResult(detail=f"armed {draft.state.armed}")

    async def restart(self, command: Command, draft: Draft) -> CommandResult:
        """Start the run sheet afresh (after a resume): the ledger and its count stay."""
        state = draft.state
        state.clock.reset()
        state.actual_times = {}
        state.owed_cue = None
        state.armed = None
        draft.on_commit(self.session.forget_resume)
        draft.changed("show")
        return self._clock_changed(draft, "restart", command.origin, "run sheet started afresh")

    async def entered(self, command: Command, draft: Draft, action: str) -> CommandResult:
        """A segment is on air: its cue to OBS, its ledger entry, the run state, one log line."""
        session, state = self.session, draft.state
        segment = session.show.segments[state.clock.index]
        obs = session.obs
        # The cue goes to OBS first; the bookkeeping (ledger entry, saved state) is done while
        # OBS works, so a GO costs the audience no more than the batch and one frame.
        cue: asyncio.Task[CueResult] | None = None
        confirmed: asyncio.Future[dict[str, Any]] | None = None
        # A viewer's question card belongs to the moment it answered: the next cue takes it
        # off (the producer puts it back on if the answer goes on).
        state.question_on_air = None
        # A held prompter turns to the new segment's script (a running one keeps the pace).
        if state.prompter.follow(segment.id, session.now()):
            draft.changed("prompter")
        if obs is not None and obs.connected:
            if segment.scene and segment.scene != obs.program_scene:
                confirmed = obs.expect_program_scene(segment.scene)
            cue = asyncio.get_running_loop().create_task(
                apply_cue(session.overlay_context(segment, state), obs), name="obs-cue"
            )
        await session.counter.segment_on_air(
            segment.id, segment.products[0] if segment.products else None
        )
        session.track_actual_times(state)
        session.save_state(state)  # the new segment survives a crash while OBS works
        draft.saved_early = True
        if draft.publish is not None:
            # Nothing refuses a GO from here: the console, the presenter and the API show the
            # new segment while OBS plays the cue (its result only says whether it is owed).
            draft.publish()
        result: CueResult | None = None
        if cue is not None:
            result = await cue
            await _confirmed(result, confirmed)
        elif obs is not None:
            result = CueResult(
                segment.id, segment.scene, ok=False, problems=[Said("obs.not-connected")]
            )
        # A cue OBS did not get is owed: the link's re-sync sends it when OBS is back.
        state.owed_cue = segment.id if result is not None and not result.ok else None
        session.onair_log.write(
            action,
            command.origin,
            f"{segment.id} → scene {segment.scene or '-'}",
            "ok" if result is None or result.ok else result.summary(),
        )
        draft.on_commit(lambda: session.cue_done(result))
        draft.save = True
        draft.changed("clock", "cue")
        # The segment is on air either way; ok says whether OBS shows its cue (a failed cue
        # is owed and named, never answered as plain success).
        return CommandResult(result is None or result.ok, f"{segment.id} on air", cue=result)

    async def reapply(self, command: Command, draft: Draft) -> CommandResult:
        """Send an owed cue again (OBS came back), if its segment is still on air."""
        session, state = self.session, draft.state
        obs = session.obs
        if obs is None or not obs.connected:
            raise Refused(Said("obs.not-connected"), UNAVAILABLE)
        segment = session.show.segments[state.clock.index]
        collection = command.arguments.collection  # OBS switched scene collection
        if state.clock.state not in ON_AIR or (not collection and state.owed_cue != segment.id):
            raise Refused(Said("show.no-cue-owed"))
        result = await apply_cue(session.overlay_context(segment, state), obs)
        state.owed_cue = None if result.ok else segment.id
        why = "the scene collection changed" if collection else "reconnect"
        session.onair_log.write(
            "go",
            command.origin,
            f"{segment.id} re-applied after {why}",
            "ok" if result.ok else result.summary(),
        )
        draft.on_commit(lambda: session.cue_done(result))
        draft.save = True
        draft.changed("cue")
        return CommandResult(result.ok, f"{segment.id} re-applied", cue=result)
