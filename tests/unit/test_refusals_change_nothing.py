"""A refused command changes nothing, by construction: random commands, through the one
entry point every caller uses (``session.execute``, as the console and the control API do),
with OBS refusing requests, losing the connection or being away at random. After every
refused (or failed) command the run state, the show, the count, the questions and the record
of what OBS shows are exactly as before; and that record only ever holds what OBS confirmed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostconsole.adapters.storage.showfile import ShowDocument
from tests.conftest import DEMO_SHOW
from tests.harness.refusals import (
    FAULTS,
    demo_on_fake_obs,
    heal,
    inject,
    refused,
    run_alone,
    unconfirmed,
)
from tests.unit.fakes import FakeClock

pytestmark = pytest.mark.asyncio

DEMO = ShowDocument.open(DEMO_SHOW).show
SEGMENTS = [segment.id for segment in DEMO.segments] + ["no-such-segment"]
OVERLAYS = [overlay.id for overlay in DEMO.overlays] + ["no-such-overlay"]
POINTS = [point.id for point in DEMO.talking_points] + ["no-such-point"]
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
)


MISSING = object()


def args(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Each field mostly a good value, sometimes junk, sometimes left out."""
    values = {
        name: st.one_of(good, good, good, JUNK, st.just(MISSING)) for name, good in fields.items()
    }
    return st.fixed_dictionaries(values).map(
        lambda drawn: {name: value for name, value in drawn.items() if value is not MISSING}
    )


COMMANDS = st.one_of(
    st.tuples(
        st.sampled_from(["go", "arm", "prepare"]),
        args(segment=st.sampled_from(SEGMENTS), index=st.integers(-1, len(SEGMENTS))),
    ),
    st.tuples(
        st.sampled_from(
            [
                "next",
                "previous",
                "pause",
                "resume",
                "toggle-pause",
                "restart",
                "reapply",
                "take",
                "clear-graphics",
                "prompt",
                "no-such-command",
            ]
        ),
        st.just({}),
    ),
    st.tuples(st.just("time"), args(seconds=st.floats(-120, 120))),
    st.tuples(st.just("studio-mode"), args(enabled=st.booleans())),
    st.tuples(st.just("overlay"), args(overlay=st.sampled_from(OVERLAYS), visible=st.booleans())),
    st.tuples(st.sampled_from(["caption", "push"]), args(point=st.sampled_from(POINTS))),
    st.tuples(st.just("covered"), args(point=st.sampled_from(POINTS), covered=st.booleans())),
    st.tuples(st.just("milestone-card"), args(visible=st.booleans(), milestone=st.just(10))),
    st.tuples(st.just("message"), args(text=st.text(max_size=12), blink=st.booleans())),
    st.tuples(
        st.just("prompter"),
        args(
            action=st.sampled_from(["start", "stop", "faster", "back", "segment", "show", "x"]),
            segment=st.sampled_from(SEGMENTS),
        ),
    ),
    st.tuples(
        st.just("question"),
        args(
            action=st.sampled_from(
                ["approve", "dismiss", "present", "withdraw", "on-air", "off-air", "x"]
            ),
            id=st.sampled_from(["q1", "q2", "q9"]),
        ),
    ),
    st.tuples(st.just("correction"), args(amount=st.integers(-2, 2), reason=st.text(max_size=6))),
    st.tuples(
        st.just("edit"),
        args(
            op=st.sampled_from(["remove", "move", "set", "insert", "x"]),
            segment=st.sampled_from(SEGMENTS),
            index=st.integers(-1, 8),
            changes=st.sampled_from([{"title": "新标题"}, {"duration": "five"}, {"id": "x"}]),
            fields=st.sampled_from([{"id": "extra", "title": "加", "duration": "1m"}, {}]),
        ),
    ),
)
FAULT = st.sampled_from(FAULTS)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(script=st.lists(st.tuples(COMMANDS, FAULT), min_size=5, max_size=40))
async def test_every_refused_command_leaves_state_and_obs_record_unchanged(
    script: list[tuple[tuple[str, dict[str, Any]], str]],
) -> None:
    clock = FakeClock()
    async with demo_on_fake_obs(clock) as (session, obs):
        for (kind, arguments), fault in script:
            clock.advance(1.5)
            inject(obs, fault)
            ran = await run_alone(session, obs, clock(), kind, arguments)
            heal(obs)
            if ran is not None and refused(ran[0]):
                result, before, after = ran
                assert after == before, (kind, arguments, fault, result.detail)
            assert unconfirmed(obs) == [], (kind, arguments, fault)


async def test_every_command_kind_has_exactly_one_handler() -> None:
    """Each room registers its handlers; a second handler for a kind fails when the show is
    opened, and so would a kind no room handles."""
    from hostconsole.services.commands import CommandKind
    from hostconsole.services.show.engine import HandlerRegistryError

    async with demo_on_fake_obs(FakeClock()) as (session, _obs):
        assert set(session.engine.handlers) == set(CommandKind)
        with pytest.raises(HandlerRegistryError, match="two handlers for the command 'go'"):
            session.engine.register({CommandKind.GO: session.runsheet.go})
        unknown = await session.execute("no-such-command", "console")
        assert unknown.refused == "invalid" and "unknown command" in unknown.detail
