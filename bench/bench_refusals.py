"""A refused command changes nothing: 10,000 random commands through the engine's one entry
point, with OBS refusing, losing the connection or away at random (the in-memory OBS)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from bench.figure import Figure, Measure
from bench.qtloop import run
from hostconsole.adapters.sales.model import CommentSeen
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.services.show import ShowSession
from tests.harness.fake_obs import FakeObs
from tests.harness.refusals import drive
from tests.harness.sessions import demo_show_file
from tests.unit.fakes import FakeClock

COMMANDS = 10_000
PER_SESSION = 500  # a fresh show now and then: states near the start are reached again


async def _measure(seed: int) -> tuple[int, int, int]:
    rng = random.Random(seed)
    refusals = changed = unconfirmed = 0
    for _ in range(COMMANDS // PER_SESSION):
        clock = FakeClock()
        with tempfile.TemporaryDirectory() as folder:
            document = ShowDocument.open(demo_show_file(Path(folder)))
            obs = FakeObs(document.show)
            session = ShowSession(document, Settings(), Path(folder) / "data", now=clock, obs=obs)
            await session.start()
            try:
                for number in (1, 2):
                    comment = CommentSeen(f"c{number}", "观众", f"问题{number}", 0.0)
                    session.reactions.comment(comment)
                done = await drive(session, obs, clock, rng, PER_SESSION)
            finally:
                await session.close()
        refusals += done[0]
        changed += done[1]
        unconfirmed += len(done[2])
    return refusals, changed, unconfirmed


def refused_commands_changed_state() -> Figure:
    refusals, changed, unconfirmed = run(_measure(2026))
    return Figure(
        "refused_commands_changed_state",
        changed + unconfirmed,
        "commands",
        0,
        f"{COMMANDS} random commands, {refusals} refused; {changed} of those changed the state, "
        f"{unconfirmed} unconfirmed entries in the OBS record",
        baseline=refusals,
        samples=COMMANDS,
    )


FIGURES: dict[str, Measure] = {
    "refused_commands_changed_state": refused_commands_changed_state,
}
