"""Shared test set-up: the offscreen Qt platform and paths to bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SHOW = PROJECT_ROOT / "resources" / "demo.show.yaml"


@pytest.fixture
def demo_show_path() -> Path:
    return DEMO_SHOW
