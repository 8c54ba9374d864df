"""Refused commands that must change nothing: what a command may change (as plain values), the
check that the record of what OBS shows holds only what OBS confirmed, and random commands
with injected OBS faults for the bench's ``refused_commands_changed_state``."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import math
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random
    from collections.abc import AsyncIterator

    from hostconsole.services.commands import CommandResult
    from hostconsole.services.show import ShowSession
    from tests.harness.fake_obs import FakeObs
    from tests.unit.fakes import FakeClock

FAULTS = ("none", "none", "refuse-one", "refuse-many", "lost", "away")


@contextlib.asynccontextmanager
async def demo_on_fake_obs(clock: FakeClock) -> AsyncIterator[tuple[ShowSession, FakeObs]]:
    """The demo show started on the in-memory OBS and ``clock``, two viewers' questions in."""
    from hostconsole.adapters.sales.model import CommentSeen
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.services.show import ShowSession
    from tests.harness.fake_obs import FakeObs
    from tests.harness.fake_parts import FakeParts
    from tests.harness.sessions import demo_show_file

    with tempfile.TemporaryDirectory() as folder:
        document = ShowDocument.open(demo_show_file(Path(folder)))
        obs = FakeObs(document.show)
        session = ShowSession(
            document, Settings(), Path(folder) / "data", now=clock, parts=FakeParts(obs)
        )
        await session.start()
        try:
            for number in (1, 2):
                session.reactions.comment(CommentSeen(f"c{number}", "观众", f"问题{number}", 0.0))
            yield session, obs
        finally:
            await session.close()


def picture(session: ShowSession, obs: FakeObs, now: float) -> dict[str, Any]:
    """Everything a command may change, as plain values."""
    return {
        "run state": session.state.fingerprint(now),
        "show": session.show,
        "count": session.counter.count,
        "questions": [(q.id, q.state) for q in session.questions.items.values()],
        "sales prompt": session.sales_prompter.current,
        "obs record": copy.deepcopy(obs.owned),
    }


def unconfirmed(obs: FakeObs) -> list[str]:
    """What the console records as on air that OBS does not show (never confirmed)."""
    wrong = [
        f"{source} in {scene}"
        for (scene, source), visible in obs.owned.visibility.items()
        if obs.enabled[(scene, obs.scenes[scene][source])] is not visible
    ]
    wrong += [
        source
        for source, path in obs.owned.images.items()
        if obs.settings.get(source, {}).get("file") != path
    ]
    return wrong


def refused(result: CommandResult) -> bool:
    return result.refused is not None or result.detail.startswith("failed: ")


def inject(obs: FakeObs, fault: str) -> None:
    obs.refuse_next = {"refuse-one": 1, "refuse-many": 50}.get(fault, 0)
    obs.lose_next = fault == "lost"
    obs.up = fault != "away"


def heal(obs: FakeObs) -> None:
    obs.refuse_next, obs.lose_next, obs.up = 0, False, True


async def settle(session: ShowSession) -> None:
    """Let what is due run first (the clock's own transition after the test moved time)."""
    for _ in range(3):
        await asyncio.sleep(0)
    await session.commands.settled()


async def run_alone(
    session: ShowSession, obs: FakeObs, now: float, kind: str, arguments: dict[str, Any]
) -> tuple[CommandResult, dict[str, Any], dict[str, Any]] | None:
    """The command, with the pictures before and after; None when another command (an
    automatic one) ran in between, so the two pictures do not tell about this one alone."""
    await settle(session)
    executed = session.commands.executed
    before = picture(session, obs, now)
    result = await session.execute(kind, "console", **arguments)
    after = picture(session, obs, now)
    if session.commands.executed != executed + 1:
        return None
    return result, before, after


def random_command(rng: random.Random, session: ShowSession) -> tuple[str, dict[str, Any]]:
    """One command of any kind, its arguments mostly good, sometimes junk or missing."""
    show = session.show
    segments = [s.id for s in show.segments] + ["no-such-segment"]
    overlays = [o.id for o in show.overlays] + ["no-such-overlay"]
    points = [p.id for p in show.talking_points] + ["no-such-point"]
    junk = [None, True, -1, 99, math.nan, math.inf, "", "x"]

    def pick(good: list[Any]) -> Any:
        return rng.choice(good) if rng.random() < 0.8 else rng.choice(junk)

    kinds: dict[str, dict[str, list[Any]]] = {
        "go": {"segment": segments},
        "arm": {"segment": segments},
        "prepare": {"index": list(range(len(segments)))},
        "next": {},
        "previous": {},
        "pause": {},
        "resume": {},
        "toggle-pause": {},
        "restart": {},
        "reapply": {},
        "take": {},
        "clear-graphics": {},
        "prompt": {"action": ["dismiss"]},
        "time": {"seconds": [-60.0, 30.0, 90.0]},
        "studio-mode": {"enabled": [True, False]},
        "overlay": {"overlay": overlays, "visible": [True, False]},
        "caption": {"point": points},
        "push": {"point": points},
        "covered": {"point": points, "covered": [True, False]},
        "milestone-card": {"visible": [True, False], "milestone": [10]},
        "message": {"text": ["看镜头", ""], "blink": [True, False]},
        "prompter": {"action": ["start", "stop", "faster", "back", "show", "x"]},
        "question": {
            "action": ["approve", "dismiss", "present", "withdraw", "on-air", "off-air"],
            "id": ["q1", "q2", "q9"],
        },
        "correction": {"amount": [-1, 1, 2], "reason": ["电话订单", ""]},
        "edit": {
            "op": ["remove", "move", "set", "x"],
            "segment": segments,
            "index": [0, 2, 9],
            "changes": [{"title": "新标题"}, {"duration": "five"}],
        },
        "no-such-command": {},
    }
    kind = rng.choice(list(kinds))
    arguments = {name: pick(values) for name, values in kinds[kind].items() if rng.random() < 0.9}
    return kind, arguments


async def drive(
    session: ShowSession, obs: FakeObs, clock: FakeClock, rng: random.Random, commands: int
) -> tuple[int, int, list[str]]:
    """Run random commands with random faults: (how many were refused, how many of those
    changed something, what the OBS record held unconfirmed)."""
    refusals = changed = 0
    faults: list[str] = []
    for _ in range(commands):
        kind, arguments = random_command(rng, session)
        clock.advance(rng.choice([0.5, 1.5, 20.0]))
        inject(obs, rng.choice(FAULTS))
        ran = await run_alone(session, obs, clock(), kind, arguments)
        heal(obs)
        if ran is not None and refused(ran[0]):
            refusals += 1
            if ran[2] != ran[1]:
                changed += 1
        faults += unconfirmed(obs)
    return refusals, changed, faults
