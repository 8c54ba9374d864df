"""Run benchmark figures: ``python -m bench [NAME...]``; writes bench/results.json."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import pkgutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.figure import Figure, Measure

RESULTS = Path(__file__).resolve().parent / "results.json"


# Figures measured only when named (an hour-long run): each module's ON_REQUEST.
ON_REQUEST: set[str] = set()


def discover() -> dict[str, Measure]:
    figures: dict[str, Measure] = {}
    package_dir = Path(__file__).resolve().parent
    for module_info in sorted(pkgutil.iter_modules([str(package_dir)]), key=lambda m: m.name):
        if not module_info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        figures.update(module.FIGURES)
        ON_REQUEST.update(getattr(module, "ON_REQUEST", ()))
    return figures


def _commit() -> str:
    """The commit measured (with "+dirty" when the tree had changes), or "unknown"."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+dirty" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        help="figures to measure (default: all but the hour-long ones, measured when named)",
    )
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    args = parser.parse_args(argv)
    # Figures, not the app's running commentary (re-sync corrections and the like).
    logging.basicConfig(level=logging.ERROR)
    figures = discover()
    if args.list:
        print("\n".join(sorted(figures)))
        return 0
    unknown = [name for name in args.names if name not in figures]
    if unknown:
        print(
            f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(sorted(figures))}",
            file=sys.stderr,
        )
        return 2
    chosen = args.names or sorted(set(figures) - ON_REQUEST)
    commit = _commit()
    ok = True
    for name in chosen:
        try:
            figure = figures[name]()
        except Exception as error:  # one figure that cannot be measured stops no other
            print(f"{name}: NOT MEASURED ({type(error).__name__}: {error})", flush=True)
            ok = False
            continue
        print(figure.line(), flush=True)
        ok = ok and figure.ok
        _store(figure, commit)  # at once: a later crash loses nothing measured
    return 0 if ok else 1


def _store(figure: Figure, commit: str) -> None:
    previous: list[dict[str, object]] = []
    if RESULTS.exists():
        try:
            loaded = json.loads(RESULTS.read_text(encoding="utf-8"))
            previous = [entry for entry in loaded if isinstance(entry, dict)]
        except (json.JSONDecodeError, TypeError):
            previous = []
    merged = [entry for entry in previous if entry.get("name") != figure.name]
    stamp = {"commit": commit, "measured_at": datetime.now(UTC).isoformat(timespec="seconds")}
    merged.append({**figure.as_json(), **stamp})
    merged.sort(key=lambda entry: str(entry.get("name")))
    RESULTS.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
