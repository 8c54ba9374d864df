"""The GO path, through the engine's one entry point: a GO is on air when OBS says so (not
when the batch was accepted), and the next cue's graphics are drawn before its GO."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.services.show import ShowSession, runsheet
from tests.harness.fake_obs import FakeObs
from tests.harness.fake_parts import FakeParts
from tests.harness.sessions import demo_show_file
from tests.harness.waiting import until

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from hostconsole.domain.overlays import Box
    from hostconsole.domain.show import Theme
    from hostconsole.services.overlays import GraphicContent

pytestmark = pytest.mark.asyncio


class CountingRenderer:
    """Writes a tiny file per graphic and counts what it drew, by source."""

    executor = None

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.drawn: list[str] = []
        self._lock = threading.Lock()

    def prepare(self, theme: Theme) -> None:
        return None

    def render(
        self, name: str, content: GraphicContent, theme: Theme, canvas: tuple[int, int], box: Box
    ) -> Path:
        with self._lock:
            self.drawn.append(name)
            path = self.folder / f"{name}-{len(self.drawn)}.png"
        path.write_bytes(b"png")
        return path

    def problems(
        self, content: GraphicContent, theme: Theme, canvas: tuple[int, int], box: Box
    ) -> list[str]:
        return []

    def slate(self, words: str, title: str, theme: Theme, canvas: tuple[int, int]) -> Path:
        path = self.folder / "slate.png"
        path.write_bytes(b"png")
        return path


@pytest_asyncio.fixture
async def session_on_fake_obs() -> AsyncIterator[tuple[ShowSession, FakeObs, CountingRenderer]]:
    with tempfile.TemporaryDirectory() as folder:
        document = ShowDocument.open(demo_show_file(Path(folder)))
        obs = FakeObs(document.show)
        renderer = CountingRenderer(Path(folder))
        session = ShowSession(
            document, Settings(), Path(folder) / "data", parts=FakeParts(obs), renderer=renderer
        )
        await session.start()
        try:
            yield session, obs, renderer
        finally:
            await session.close()


async def test_a_go_obs_never_confirms_is_not_on_air_and_its_cue_is_owed(
    session_on_fake_obs: tuple[ShowSession, FakeObs, CountingRenderer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, obs, _renderer = session_on_fake_obs
    monkeypatch.setattr(runsheet, "CONFIRM_SECONDS", 0.05)
    obs.says_program_changed = False
    result = await session.execute("go", "console", segment="driverless")
    assert result.cue is not None
    assert not result.cue.ok
    assert "never said it was on program" in result.cue.summary()
    assert session.owed_cue == "driverless"
    obs.says_program_changed = True
    confirmed = await session.execute("go", "console", segment="models")
    assert confirmed.cue is not None and confirmed.cue.ok, confirmed.cue.problems
    assert session.owed_cue is None


async def test_the_next_cues_graphics_are_drawn_before_its_go(
    session_on_fake_obs: tuple[ShowSession, FakeObs, CountingRenderer],
) -> None:
    session, obs, renderer = session_on_fake_obs
    await session.execute("go", "console", segment="driverless")
    # While "driverless" runs, "models" (product card, counter) is drawn ahead.
    await until(
        lambda: "HC Product Card" in renderer.drawn and not session.graphics.drawing_ahead,
        5,
        "the next cue drawn ahead",
    )
    drawn_before = {name: renderer.drawn.count(name) for name in set(renderer.drawn)}
    result = await session.execute("next", "console")
    assert result.cue is not None and result.cue.ok, result.cue.problems
    # Nothing of this cue drawn again on the GO's path (the cue after it may be, ahead).
    for name in ("HC Product Card", "HC Voucher Counter"):
        assert renderer.drawn.count(name) == drawn_before[name], renderer.drawn
    sent = {data["inputName"] for name, data in obs.sent if name == "SetInputSettings"}
    assert {"HC Product Card", "HC Voucher Counter"} <= sent


async def test_the_on_air_log_and_the_state_keep_the_shows_own_clock() -> None:
    """One clock: the run sheet's. A show on an injected clock logs and reports its times."""
    from hostconsole.remote.state import state_json
    from tests.unit.fakes import FakeClock

    clock = FakeClock(1_900_000_000.0)
    with tempfile.TemporaryDirectory() as folder:
        document = ShowDocument.open(demo_show_file(Path(folder)))
        session = ShowSession(
            document,
            Settings(),
            Path(folder) / "data",
            parts=FakeParts(FakeObs(document.show)),
            now=clock,
        )
        await session.start()
        try:
            clock.advance(42)
            await session.execute("go", "console")
            assert session.onair_log.lines()[-1].at == clock()
            assert state_json(session)["at"] == clock()
        finally:
            await session.close()
