"""End-to-end fixtures: the whole app as a subprocess, with a real OBS and the real feed."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from tests.conftest import DEMO_SHOW
from tests.harness.obs import HeadlessObs
from tests.harness.salesfeed import FeedServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def show_file(tmp_path: Path) -> Path:
    target = tmp_path / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, target)
    return target


@pytest.fixture(scope="module")
def e2e_obs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeadlessObs]:
    server = HeadlessObs(tmp_path_factory.mktemp("obs"))
    server.start()
    yield server
    server.close()


@pytest.fixture
def sales() -> Iterator[FeedServer]:
    with FeedServer("--rate", "0") as server:
        yield server
