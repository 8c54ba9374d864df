"""Vouchers: a producer's correction to the count (with a reason, in the ledger), and the
show's report so far from the console's own running numbers."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from hostconsole.domain.said import Said
from hostconsole.services.commands import (
    INVALID,
    STORAGE,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)

if TYPE_CHECKING:
    from hostconsole.services import arguments
    from hostconsole.services.report import ShowReport
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft
    from hostconsole.services.vouchers import Recorded

CORRECTION_WAIT_SECONDS = 5.0  # then the correction is held and the engine goes on


class ResultsRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session

    def handlers(self) -> dict[CommandKind, Handler]:
        return {CommandKind.CORRECTION: self.correction}

    async def correction(self, command: Command, draft: Draft) -> CommandResult:
        counter, onair_log = self.session.counter, self.session.onair_log
        args: arguments.Correction = command.arguments
        amount, reason = args.amount, args.reason.strip()
        if not reason:
            raise Refused(Said("results.needs-reason"), INVALID)
        if counter.storage_fault is not None:
            raise Refused(
                f"the ledger cannot be written ({counter.storage_fault.message}); "
                "the correction was not recorded",
                STORAGE,
            )
        from hostconsole.adapters.storage.ledger_db import LedgerWriteError

        try:
            # Bounded: if the disk fails during this commit the correction stays queued and is
            # written when it can; the engine's queue does not wait for the disk.
            recorded: Recorded = await asyncio.wait_for(
                counter.correct(amount, reason, operator=command.origin), CORRECTION_WAIT_SECONDS
            )
        except LedgerWriteError as error:
            raise Refused(f"{error}; the correction was not recorded", STORAGE) from None
        except TimeoutError:
            onair_log.write(
                "correction", command.origin, f"{amount:+d}: {reason} (held: ledger not writable)"
            )
            return CommandResult(
                False,
                "the correction is held in memory and will be written when the ledger can be",
            )
        onair_log.write("correction", command.origin, f"{amount:+d}: {reason}")
        return CommandResult(
            detail=f"{amount:+d} recorded",
            data={"count": counter.count, "recorded": recorded},
        )

    async def report(self) -> ShowReport:
        """The show's report so far: the console's own running numbers, with the ledger's
        corrections, milestones and quarantined events (read on its thread — the file is
        held by this console) and the on-air log. Nothing walks every sale."""
        from hostconsole.services.report import add_record, report_from_state

        session = self.session
        (
            corrections,
            milestones,
            (first, last),
            quarantined,
        ) = await session.counter.store.report_parts()
        timeline = await asyncio.get_running_loop().run_in_executor(None, session.onair_log.lines)
        if session.state.on_air() and first is not None:
            last = max(last, session.now())  # the segment on air counts up to now
        report = report_from_state(
            session.show,
            session.counter.state,
            first=first,
            last=last,
            corrections=corrections,
            milestones=milestones,
            quarantined=quarantined,
            timeline=timeline,
            rehearsal=session.rehearsal,
        )
        add_record(report, session.show_dir)
        return report
