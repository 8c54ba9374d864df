"""A refused command changes nothing: 10,000 random commands through the engine's one entry
point, with OBS refusing, losing the connection or away at random (the in-memory OBS)."""

from __future__ import annotations

import random

from bench.figure import Figure, Measure
from bench.qtloop import run
from tests.harness.refusals import demo_on_fake_obs, drive
from tests.unit.fakes import FakeClock

COMMANDS = 10_000
PER_SESSION = 500  # a fresh show now and then: states near the start are reached again


async def _measure(seed: int) -> tuple[int, int, int]:
    rng = random.Random(seed)
    refusals = changed = unconfirmed = 0
    for _ in range(COMMANDS // PER_SESSION):
        clock = FakeClock()
        async with demo_on_fake_obs(clock) as (session, obs):
            done = await drive(session, obs, clock, rng, PER_SESSION)
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
