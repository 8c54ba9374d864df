"""A measured figure and its target, as printed by scripts/bench and stored in results.json."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: float
    unit: str
    target: float  # the figure passes when value <= target (>= with at_least)
    detail: str = ""
    at_least: bool = False
    # The same measure without the feature (or on the bare stack), taken in the same run,
    # and how many samples the value comes from: kept in results.json beside it.
    baseline: float | None = None
    samples: int | None = None

    @property
    def ok(self) -> bool:
        return self.value >= self.target if self.at_least else self.value <= self.target

    def line(self) -> str:
        verdict = "ok" if self.ok else "MISS"
        bound = ">=" if self.at_least else "<="
        text = (
            f"{self.name}: {self.value:g} {self.unit} (target: {bound} {self.target:g}) {verdict}"
        )
        return f"{text}  [{self.detail}]" if self.detail else text

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "at_least": self.at_least,
            "ok": self.ok,
            "baseline": self.baseline,
            "detail": self.detail,
            "samples": self.samples,
        }


# The value a figure reports when the feature it measures did not work at all (answers
# wrong, nothing sent): far past any target, so the run fails instead of looking fast.
BROKEN = 1e9


# A benchmark module maps figure names to functions that measure them.
Measure = Callable[[], Figure]


P99_SAMPLES = 200  # below this a "p99" is only the largest sample or so


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0.99 for p99); a p99 of fewer than 200 samples is
    refused (the figure should say max, or measure more)."""
    if not samples:
        raise ValueError("no samples")
    if fraction >= 0.99 and len(samples) < P99_SAMPLES:
        raise ValueError(f"a p99 needs {P99_SAMPLES} samples, not {len(samples)}")
    ordered = sorted(samples)
    rank = max(round(fraction * len(ordered) + 0.5) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)
