"""View figures: the scrolling prompter's frame time at 1080p while sales arrive, and how soon
an approved viewer's question is on the presenter view."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from bench.bench_app import _demo_session
from bench.figure import Figure, median, percentile
from bench.qtloop import run


async def _sell(session: object, per_second: float, seconds: float) -> None:
    from hostconsole.adapters.sales.model import Order, OrdersSeen

    counter = session.counter  # type: ignore[attr-defined]
    number = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        number += 1
        await counter.observe(OrdersSeen((Order(f"bench-{number}"),), f"h{number}", "stream"))
        await asyncio.sleep(1 / per_second)


async def _frames(data: Path, prompter: bool) -> list[float]:
    """Paint times of the presenter view at 1920×1080 for 4 s, sales at 100/s; with the
    prompter scrolling, or (the baseline) the talking points."""
    from hostconsole.ui.presenter import PresenterView

    session = await _demo_session(data)
    presenter = PresenterView(session)
    presenter.resize(1920, 1080)
    presenter.show()
    try:
        await session.go(0)
        if prompter:
            for action in ("show", "start"):
                await session.execute("prompter", "bench", action=action)
        presenter.refresh()
        presenter.frame_ms.clear()
        selling = asyncio.ensure_future(_sell(session, 100, 4.0))
        ended = time.perf_counter() + 4.0
        while time.perf_counter() < ended:
            presenter.refresh()
            presenter.repaint()  # a frame, as the 16 ms timer asks for one
            await asyncio.sleep(0.016)
        await selling
        return list(presenter.frame_ms)[5:]
    finally:
        presenter.hide()
        await session.close()
        presenter.deleteLater()


def prompter_scroll_frame_p99_ms() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-prompter-") as folder:
        base = Path(folder)
        (base / "a").mkdir()
        (base / "b").mkdir()
        scrolling = run(_frames(base / "a", prompter=True))
        points = run(_frames(base / "b", prompter=False))
    return Figure(
        "prompter_scroll_frame_p99_ms",
        round(percentile(scrolling, 0.99), 2),
        "ms",
        16,
        detail=f"presenter view 1920×1080, the prompter scrolling, sales at 100/s, "
        f"{len(scrolling)} frames, median {median(scrolling):.1f} ms; the talking-points view "
        f"(baseline) p99 {percentile(points, 0.99):.1f} ms",
        baseline=round(percentile(points, 0.99), 2),
        samples=len(scrolling),
    )


async def _question_latency(data: Path, rounds: int) -> tuple[list[float], list[float]]:
    """approve+present → the question on the presenter view (content set and painted), and
    the baseline: a producer's message → on the presenter view, the same way."""
    from hostconsole.adapters.sales.model import CommentSeen
    from hostconsole.ui.presenter import PresenterView

    session = await _demo_session(data)
    presenter = PresenterView(session)
    presenter.resize(1920, 1080)
    presenter.show()
    questions: list[float] = []
    messages: list[float] = []
    try:
        await session.go(1)
        for number in range(rounds):
            session.reactions.comment(
                CommentSeen(
                    f"c{number}", "观众", f"第 {number} 个问题：M5 续航多少公里？", time.time()
                )
            )
            question = session.questions.listed()[0]
            await session.execute("question", "bench", action="approve", id=question.id)
            started = time.perf_counter()
            await session.execute("question", "bench", action="present", id=question.id)
            presenter.repaint()
            assert question.text in presenter.content.question
            questions.append((time.perf_counter() - started) * 1000)
            text = f"消息 {number}"
            started = time.perf_counter()
            await session.execute("message", "bench", text=text, blink=False)
            presenter.repaint()
            assert presenter.content.message == text
            messages.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.01)
        return questions, messages
    finally:
        presenter.hide()
        await session.close()
        presenter.deleteLater()


def question_to_presenter_p99_ms() -> Figure:
    with tempfile.TemporaryDirectory(prefix="bench-question-") as folder:
        questions, messages = run(_question_latency(Path(folder), 200))
    return Figure(
        "question_to_presenter_p99_ms",
        round(percentile(questions, 0.99), 2),
        "ms",
        100,
        detail=f"200 approved questions sent to the presenter (command → view painted), "
        f"median {median(questions):.1f} ms; a producer's message the same way (baseline) "
        f"p99 {percentile(messages, 0.99):.1f} ms",
        baseline=round(percentile(messages, 0.99), 2),
        samples=len(questions),
    )


FIGURES = {
    "prompter_scroll_frame_p99_ms": prompter_scroll_frame_p99_ms,
    "question_to_presenter_p99_ms": question_to_presenter_p99_ms,
}
