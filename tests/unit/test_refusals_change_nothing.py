"""A refused command changes nothing, by construction: random commands, through the one
entry point every caller uses (``session.execute``, as the console and the control API do),
with OBS refusing requests, losing the connection or being away at random. After every
refused (or failed) command the run state, the show, the count, the questions and the record
of what OBS shows are exactly as before; and that record only ever holds what OBS confirmed."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostconsole.adapters.sales.model import CommentSeen
from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.services.show import ShowSession
from tests.conftest import DEMO_SHOW
from tests.harness.fake_obs import FakeObs
from tests.harness.sessions import demo_show_file
from tests.unit.fakes import FakeClock

if TYPE_CHECKING:
    from hostconsole.services.commands import CommandResult

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
FAULTS = st.sampled_from(["none", "none", "refuse-one", "refuse-many", "lost", "away"])


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


def assert_record_is_confirmed(obs: FakeObs) -> None:
    """What the console records as on air is what OBS shows: never a request it refused."""
    for (scene, source), visible in obs.owned.visibility.items():
        assert obs.enabled[(scene, obs.scenes[scene][source])] is visible, (scene, source)
    for source, path in obs.owned.images.items():
        assert obs.settings.get(source, {}).get("file") == path, source


def refused(result: CommandResult) -> bool:
    return result.refused is not None or result.detail.startswith("failed: ")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(script=st.lists(st.tuples(COMMANDS, FAULTS), min_size=5, max_size=40))
async def test_every_refused_command_leaves_state_and_obs_record_unchanged(
    script: list[tuple[tuple[str, dict[str, Any]], str]],
) -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder:
        document = ShowDocument.open(demo_show_file(Path(folder)))
        obs = FakeObs(document.show)
        session = ShowSession(document, Settings(), Path(folder) / "data", now=clock, obs=obs)
        await session.start()
        try:
            for number in (1, 2):
                session.reactions.comment(CommentSeen(f"c{number}", "观众", f"问题{number}", 0.0))
            for (kind, arguments), fault in script:
                clock.advance(1.5)
                obs.refuse_next = {"refuse-one": 1, "refuse-many": 50}.get(fault, 0)
                obs.lose_next = fault == "lost"
                obs.up = fault != "away"
                before = picture(session, obs, clock())
                result = await session.execute(kind, "console", **arguments)
                obs.refuse_next, obs.lose_next, obs.up = 0, False, True
                if refused(result):
                    after = picture(session, obs, clock())
                    assert after == before, (kind, arguments, fault, result.detail)
                assert_record_is_confirmed(obs)
        finally:
            await session.close()
