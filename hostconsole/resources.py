"""Where the bundled files (demo show, translations, icons) are, in a checkout or installed."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside it when installed."""
    package = Path(__file__).resolve().parent
    for candidate in (package.parent / "resources", package / "_resources"):
        if (candidate / "demo.show.yaml").is_file():
            return candidate
    raise FileNotFoundError("the bundled resources folder is missing from this installation")


def demo_show_path() -> Path:
    return resources_dir() / "demo.show.yaml"
