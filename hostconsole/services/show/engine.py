"""The engine: one queue of commands, one handler per command kind, and the draft each
command works on — committed when it is carried out, dropped when it is refused or fails.
Also the clock's own transitions, which it turns into commands on the same queue."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.said import Said, told
from hostconsole.services.arguments import decode_arguments
from hostconsole.services.commands import (
    CONFLICT,
    INVALID,
    UNAVAILABLE,
    Command,
    CommandKind,
    CommandQueue,
    CommandResult,
    Refused,
)
from hostconsole.services.show.safe import HELD_WHILE_SAFE
from hostconsole.services.show.state import Draft

if TYPE_CHECKING:
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import RunState

Handler = Callable[[Command, Draft], Awaitable[CommandResult]]


AUTO_RETRY_SECONDS = 1.0  # an automatic GO that was refused is asked again after this


class HandlerRegistryError(RuntimeError):
    """Two rooms claim one command kind, or none claims one: a fault of the build, found
    when the show is opened."""


class Engine:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.handlers: dict[CommandKind, Handler] = {}
        self.queue = CommandQueue(self._execute, self._record, session.now)
        self.queue.after_each.append(lambda _command, _result: self.schedule_transition())
        self._transition_timer: asyncio.TimerHandle | None = None
        self._timers: list[asyncio.TimerHandle] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._auto_pending = False

    def register(self, handlers: dict[CommandKind, Handler]) -> None:
        for kind, handler in handlers.items():
            if kind in self.handlers:
                raise HandlerRegistryError(f"two handlers for the command '{kind}'")
            self.handlers[kind] = handler

    def check_complete(self) -> None:
        missing = [kind.value for kind in CommandKind if kind not in self.handlers]
        if missing:
            raise HandlerRegistryError(f"no handler for: {', '.join(missing)}")

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.queue.start()

    async def stop(self) -> None:
        """No new timers; what is queued runs, then the consumer stops."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        if self._transition_timer is not None:
            self._transition_timer.cancel()
            self._transition_timer = None
        await self.queue.stop()

    def submit(self, kind: str, origin: str, **args: Any) -> asyncio.Future[CommandResult]:
        return self.queue.submit(kind, origin, **args)

    def later(self, seconds: float, kind: CommandKind, origin: str, **args: Any) -> None:
        """Submit a command after a while (a milestone card's hide), unless the show closes."""
        if self._loop is None or self.session.closing:
            return
        self._timers = [t for t in self._timers if not t.cancelled()]
        self._timers.append(
            self._loop.call_later(seconds, lambda: self.submit(kind, origin, **args))
        )

    async def _execute(self, command: Command) -> CommandResult:
        session = self.session
        if session.read_only:
            raise Refused(
                "this console is read-only: the show runs in another Host Console", UNAVAILABLE
            )
        try:
            kind = CommandKind(command.kind)
            handler = self.handlers[kind]
        except (ValueError, KeyError):
            raise Refused(f"unknown command '{command.kind}'", INVALID) from None
        command = msgspec.structs.replace(command, arguments=decode_arguments(kind, command.args))
        if session.state.safe is not None and command.kind in HELD_WHILE_SAFE:
            raise Refused(Said("show.off-air-safe"), CONFLICT)
        # The command works on a copy; only a command carried out replaces the state.
        committed = session.state
        draft = Draft(committed.copy())

        def publish() -> None:
            session.track_actual_times(draft.state)
            session.state = draft.state
            draft.published = True
            for topic in sorted(draft.topics | {"clock"}):
                session.changed(topic)

        draft.publish = publish
        try:
            result = await handler(command, draft)
        except ObsError as error:
            # OBS went away or refused mid-command: the draft is dropped, nothing changed.
            self._drop(draft, committed)
            raise Refused(Said("engine.obs-fault", told(error)), UNAVAILABLE) from None
        except BaseException:
            self._drop(draft, committed)
            raise
        session.track_actual_times(draft.state)
        session.state = draft.state
        for effect in draft.effects:
            effect()
        if draft.save:
            session.save_state()
        for topic in sorted(draft.topics):
            session.changed(topic)
        if session.renderer is not None and not session.closing:
            session.spawn(session.graphics.draw_ahead(), "draw-next-cue")
        return result

    def _drop(self, draft: Draft, committed: RunState) -> None:
        """A command that failed: what it showed or saved early is put back."""
        session = self.session
        if draft.published:
            session.state = committed
            session.changed("clock")
        if draft.saved_early or draft.published:
            session.save_state()

    def _record(self, command: Command, result: CommandResult) -> None:
        self.session.command_log.append({**command.to_json(), "result": result.to_json()})

    def schedule_transition(self) -> None:
        """Set a timer for the moment the running segment runs out by itself (re-set after
        every command, since only a command changes when that is)."""
        if self._transition_timer is not None:
            self._transition_timer.cancel()
            self._transition_timer = None
        if self.session.closing or self._loop is None or self.session.state.safe is not None:
            return  # off air: the run sheet moves on by itself only once back on air
        wait = self.session.state.clock.seconds_until_due(self.session.now())
        if wait is not None and not self._auto_pending:
            self._transition_timer = self._loop.call_later(wait, self._transition_due)

    def _transition_due(self) -> None:
        """The clock's own transition becomes a command on the one queue, origin automatic."""
        self._transition_timer = None
        transition = self.session.state.clock.due(self.session.now())
        if transition is None:
            self.schedule_transition()  # a timer a hair early: set it again
            return
        self._auto_pending = True
        future = self.submit(
            CommandKind.GO,
            "automatic",
            from_index=transition.from_index,
            to_index=transition.to_index,
            at=transition.at,
        )
        future.add_done_callback(self._auto_done)

    def _auto_done(self, future: asyncio.Future[CommandResult]) -> None:
        self._auto_pending = False
        refused = (
            not future.cancelled()
            and future.exception() is None
            and future.result().refused is not None
        )
        if refused and self._loop is not None and not self.session.closing:
            # Still due: asked again in a second, not at once (no loop of refusals).
            self._transition_timer = self._loop.call_later(
                AUTO_RETRY_SECONDS, self.schedule_transition
            )
            return
        self.schedule_transition()
