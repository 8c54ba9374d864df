"""Show-file figures: validating a large generated show."""

from __future__ import annotations

import time

from bench.figure import Figure, Measure, median
from hostconsole.adapters.storage.showfile import parse_show_text


def generated_show(segments: int) -> str:
    """A valid show with the given number of segments, each with the fields a producer uses."""
    lines = [
        "format: hostconsole-show/1",
        "title: 生成的长节目 Generated long show",
        "products:",
        "  - id: car",
        "    name: 嘉驰 M5",
        "    price: 189800",
        "talking_points:",
        "  - id: tp",
        "    headline: 要点",
        "    product: car",
        "overlays:",
        "  - id: counter",
        "    kind: counter",
        "    source: HC Voucher Counter",
        '    template: "已售 {sold} 张"',
        "segments:",
    ]
    for number in range(segments):
        lines += [
            f"  - id: seg-{number:04d}  # segment {number}",
            f"    title: 第 {number} 段 Segment {number}",
            "    duration: 1:30",
            "    end_action: next",
            "    scene: Studio",
            "    show_overlays: [counter]",
            "    talking_points: [tp]",
            "    products: [car]",
            "    notes: 提醒观众扫码",
        ]
    return "\n".join(lines) + "\n"


def show_validate_1000_segments() -> Figure:
    text = generated_show(1000)
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        show = parse_show_text(text, "generated.show.yaml")
        samples.append(time.perf_counter() - started)
        assert len(show.segments) == 1000
    return Figure(
        "show_validate_1000_segments_s",
        round(median(samples), 4),
        "s",
        0.5,
        detail="median of 5 parses+validations",
    )


FIGURES: dict[str, Measure] = {"show_validate_1000_segments_s": show_validate_1000_segments}
