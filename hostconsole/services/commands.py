"""The show engine's one command path: every change to the running show is a Command, run one at
a time, to completion, in the order it arrived, whatever its origin.

A Command is a plain record (kind, origin, arguments) that serialises to JSON; with its result it
is appended to the show's command log, so a run can be replayed in a test or mirrored to a
standby console. A caller gets a future of the result: the console shows it in the status bar,
the control API answers with it. Cancelling a caller never cancels its command.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable, Mapping
from enum import StrEnum
from typing import Any

import msgspec

from hostconsole.domain.said import Said, told

log = logging.getLogger(__name__)

# Why a command was refused; the control API maps each to an HTTP status.
CONFLICT = "conflict"  # not now (the show is not running, the segment is on air…)
NOT_FOUND = "not_found"  # no such segment, overlay, point
INVALID = "invalid"  # a value the show cannot take (a duration "five", NaN seconds…)
UNAVAILABLE = "unavailable"  # OBS is not connected
STORAGE = "storage"  # the show's data cannot be written now (disk full, read-only)


class CommandKind(StrEnum):
    """Every command the engine knows; the console, the control API and the command log
    name commands by these values. Each has exactly one handler (services/show/engine.py)."""

    # the run sheet
    GO = "go"
    NEXT = "next"
    PREVIOUS = "previous"
    PAUSE = "pause"
    RESUME = "resume"
    TOGGLE_PAUSE = "toggle-pause"
    TIME = "time"
    ARM = "arm"
    RESTART = "restart"
    REAPPLY = "reapply"
    # studio mode
    PREPARE = "prepare"
    TAKE = "take"
    STUDIO_MODE = "studio-mode"
    # graphics
    OVERLAY = "overlay"
    CAPTION = "caption"
    CLEAR_GRAPHICS = "clear-graphics"
    MILESTONE_CARD = "milestone-card"
    PREFLIGHT = "preflight"
    SAFE = "safe"  # off air in one press (on: true), back on air (on: false)
    # OBS's outputs
    STREAM = "stream"  # start (on: true) or stop streaming
    RECORD = "record"  # start (on: true) or stop recording
    CLIP = "clip"  # a clip of this moment from OBS's replay buffer (what: the moment's name)
    # the presenter's side
    MESSAGE = "message"
    PUSH = "push"
    COVERED = "covered"
    PROMPTER = "prompter"
    PROMPT = "prompt"
    QUESTION = "question"
    # vouchers
    CORRECTION = "correction"
    # the show file
    EDIT = "edit"
    RETRY_SAVE = "retry-save"
    RELOAD = "reload"
    RESOLVE_FILE = "resolve-file"


class Refused(Exception):  # noqa: N818 - a refusal is an answer, not a fault
    """A command that cannot be carried out: it changed nothing."""

    def __init__(self, message: str, reason: str = CONFLICT) -> None:
        super().__init__(message)
        self.reason = reason


class Command(msgspec.Struct, frozen=True):
    kind: str
    origin: str = "console"
    args: Mapping[str, Any] = msgspec.field(default_factory=dict)
    seq: int = 0
    at: float = 0.0
    # ``args`` decoded into the command's record at the engine's door (services/arguments.py):
    # what its handler reads.
    arguments: Any = None

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "kind": self.kind,
            "origin": self.origin,
            "args": dict(self.args),
        }


class CommandResult(msgspec.Struct):
    ok: bool = True
    detail: str = "ok"
    refused: str | None = None  # CONFLICT, NOT_FOUND, INVALID, UNAVAILABLE or STORAGE
    cue: Any = None  # a CueResult when the command sent a cue
    data: dict[str, Any] = msgspec.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        cue = self.cue
        return {
            "ok": self.ok,
            "detail": self.detail,
            "refused": self.refused,
            "cue": None if cue is None else {"ok": cue.ok, "problems": list(cue.problems)},
        }


Execute = Callable[[Command], Awaitable[CommandResult]]
Record = Callable[[Command, CommandResult], None]


class CommandQueue:
    """One asyncio queue and one consumer task."""

    def __init__(self, execute: Execute, record: Record, now: Callable[[], float]) -> None:
        self._execute = execute
        self._record = record
        self._now = now
        self._queue: asyncio.Queue[tuple[Command, asyncio.Future[CommandResult]]] = asyncio.Queue()
        self._numbers = itertools.count(1)
        self._consumer: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.executed = 0
        self.after_each: list[Callable[[Command, CommandResult], None]] = []

    def start(self) -> None:
        if self._consumer is None:
            # Kept: a timer callback (an automatic command) may submit from a Qt event.
            self._loop = asyncio.get_running_loop()
            self._consumer = self._loop.create_task(self._consume(), name="show-engine")

    async def stop(self) -> None:
        """Run what is queued, then stop."""
        if self._consumer is None:
            return
        await self._queue.join()
        self._consumer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._consumer
        self._consumer = None

    def submit(
        self, kind: str, origin: str = "console", **args: Any
    ) -> asyncio.Future[CommandResult]:
        command = Command(kind, origin, args, next(self._numbers), self._now())
        loop = self._loop or asyncio.get_running_loop()
        future: asyncio.Future[CommandResult] = loop.create_future()
        self._queue.put_nowait((command, future))
        return future

    async def settled(self) -> None:
        """Wait until every command queued so far has run."""
        await self._queue.join()

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    async def _consume(self) -> None:
        while True:
            command, future = await self._queue.get()
            try:
                result = await self._run(command)
                if not future.done():
                    future.set_result(result)
                for hook in list(self.after_each):
                    try:
                        hook(command, result)
                    except Exception:
                        log.exception("%s", Said("log.hook-failed"))
            finally:
                self._queue.task_done()

    async def _run(self, command: Command) -> CommandResult:
        try:
            result = await self._execute(command)
        except Refused as refused:
            said = told(refused)
            result = CommandResult(False, said, refused.reason)
            log.info("%s", Said("log.refused", command.kind, command.origin, said))
        except asyncio.CancelledError:
            raise
        except Exception as error:
            # A fault in a command must not stop the engine: later commands still run.
            log.exception("%s", Said("log.failed", command.kind, command.origin))
            result = CommandResult(False, f"failed: {error}")
        self.executed += 1
        try:
            self._record(command, result)
        except Exception:
            log.exception("%s", Said("log.not-recorded", command.kind))
        return result
