"""Short forms of the commands used most (tests, the screenshot tour, the benchmarks): each
submits the one command on the engine's queue, like any other caller."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from hostconsole.services.commands import CommandKind, CommandResult

if TYPE_CHECKING:
    from hostconsole.adapters.obs.preflight import PreflightResult
    from hostconsole.adapters.storage.writer import BackgroundWriter
    from hostconsole.services.cues import CueResult
    from hostconsole.services.show.engine import Engine


class CommandShortcuts:
    engine: Engine
    writer: BackgroundWriter

    # --- the command path ---------------------------------------------------------------

    def submit(
        self, kind: str, origin: str = "console", **args: Any
    ) -> asyncio.Future[CommandResult]:
        """Queue a command; the future holds its result once it has run."""
        return self.engine.submit(kind, origin, **args)

    async def execute(self, kind: str, origin: str = "console", **args: Any) -> CommandResult:
        """Queue a command and wait for its result (the command runs even if this is
        cancelled)."""
        return await asyncio.shield(self.submit(kind, origin, **args))

    async def written(self) -> None:
        """Wait (without blocking the loop) until the show's files hold everything queued so
        far: the on-air log, the command log, the run state."""
        last = self.writer.last
        if last is not None:
            await asyncio.shield(asyncio.wrap_future(last))

    # --- short forms of common commands (tests, the screenshot tour, benchmarks) ----------

    async def go(self, index: int | None = None, origin: str = "console") -> CueResult | None:
        return (await self.execute(CommandKind.GO, origin, index=index)).cue  # type: ignore[no-any-return]

    async def goto(self, segment_id: str, origin: str = "console") -> CueResult | None:
        return (await self.execute(CommandKind.GO, origin, segment=segment_id)).cue  # type: ignore[no-any-return]

    async def next(self, origin: str = "console") -> CueResult | None:
        return (await self.execute(CommandKind.NEXT, origin)).cue  # type: ignore[no-any-return]

    async def correct(self, delta: int, reason: str, origin: str = "console") -> CommandResult:
        return await self.execute(CommandKind.CORRECTION, origin, amount=delta, reason=reason)

    async def preflight(self, create: bool, origin: str = "console") -> PreflightResult:
        result = await self.execute(CommandKind.PREFLIGHT, origin, create=create)
        if "preflight" not in result.data:
            raise RuntimeError(result.detail)
        return result.data["preflight"]  # type: ignore[no-any-return]

    def send_message(
        self, text: str, blink: bool = False, origin: str = "console"
    ) -> asyncio.Future[CommandResult]:
        return self.submit(CommandKind.MESSAGE, origin, text=text, blink=blink)

    def push_point(
        self, point_id: str | None, origin: str = "console"
    ) -> asyncio.Future[CommandResult]:
        return self.submit(CommandKind.PUSH, origin, point=point_id)

    def set_covered(
        self, point_id: str, covered: bool, origin: str = "console"
    ) -> asyncio.Future[CommandResult]:
        return self.submit(CommandKind.COVERED, origin, point=point_id, covered=covered)
