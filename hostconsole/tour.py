"""`--screenshot FOLDER`: the tour that photographs both windows in both languages, the show
moved into its first segments with sales coming from a rehearsal feed of its own."""

from __future__ import annotations

import asyncio
import os
import time
from typing import TYPE_CHECKING, Protocol

from aiohttp import web

from hostconsole.tools.salesfeed import DEFAULT_PRODUCTS, FeedConfig, SalesFeed, build_app

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.services.show import ShowSession


class TourHost(Protocol):
    """What the tour uses of the application: its show, settings, session and windows."""

    document: ShowDocument | None
    settings: Settings
    session: ShowSession
    console: QWidget
    presenter: QWidget

    def set_language(self, choice: str) -> str: ...

    def show_windows(self) -> None: ...


class RehearsalFeed:
    """The tour's own sales feed on a free port of 127.0.0.1, selling four a second."""

    def __init__(self, runner: web.AppRunner, feed: SalesFeed) -> None:
        self.runner = runner
        self.feed = feed
        self.clock = asyncio.get_running_loop().create_task(
            feed.run_clock(), name="demo-feed-clock"
        )

    async def cleanup(self) -> None:
        self.clock.cancel()
        await self.runner.cleanup()


async def start_rehearsal_feed(app: TourHost) -> RehearsalFeed:
    """Started before the session: the settings point the feeds at it."""

    products = tuple(p.id for p in app.document.show.products) if app.document else ()
    feed = SalesFeed(FeedConfig(rate=4.0, start=0, products=products or DEFAULT_PRODUCTS))
    runner = web.AppRunner(build_app(feed), shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    app.settings.stream_url = f"http://127.0.0.1:{port}/api/sales/stream"
    app.settings.poll_url = f"http://127.0.0.1:{port}/api/sales"
    app.settings.feed_kind = "both"
    return RehearsalFeed(runner, feed)


async def photograph(app: TourHost, sales: RehearsalFeed, folder: Path) -> None:
    """Move into the first segments with sales coming in, then photograph both windows
    in both languages."""
    os.makedirs(folder, exist_ok=True)
    session = app.session
    await session.go(0, origin="screenshot")
    await sales.feed.sell(6)
    await asyncio.sleep(1.0)
    await session.go(1, origin="screenshot")
    await sales.feed.sell(5)
    session.push_point("l4")
    session.set_covered("sensors", True)
    session.send_message("请放慢语速 · Speak slower", blink=False)
    # A viewer's question, approved and sent to the presenter.
    from hostconsole.adapters.sales.model import CommentSeen

    session.reactions.comment(
        CommentSeen("tour-1", "小王", "下雨天激光雷达还能看清吗？", time.time())
    )
    question = session.questions.listed()[0]
    for action in ("approve", "present"):
        await session.execute("question", "screenshot", action=action, id=question.id)
    await asyncio.sleep(2.0)
    written = []
    for language in ("zh_CN", "en"):
        app.set_language(language)
        app.show_windows()
        await asyncio.sleep(0.6)
        app.console.resize(1500, 900)
        app.presenter.resize(1280, 720)
        await asyncio.sleep(0.4)
        for name, window in (("console", app.console), ("presenter", app.presenter)):
            path = folder / f"{name}-{language}.png"
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
        # The prompter, running, on the presenter view (the question and prompt cleared).
        await session.execute("question", "screenshot", action="withdraw")
        if session.sales_prompter.current is not None:
            await session.execute("prompt", "screenshot", action="dismiss")
        for action in ("show", "segment", "start"):
            args = {"segment": "opening"} if action == "segment" else {}
            await session.execute("prompter", "screenshot", action=action, **args)
        await asyncio.sleep(3.0)
        path = folder / f"prompter-{language}.png"
        if not app.presenter.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
        for action in ("stop", "hide"):
            await session.execute("prompter", "screenshot", action=action)
        await session.execute("question", "screenshot", action="present", id=question.id)
    for path in written:
        print(path)
