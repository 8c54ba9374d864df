"""Viewers' questions from the platform's stream (the rehearsal feed, a real SSE server) to the
console, the presenter's screen and on air as a card in a real OBS; duplicates collapsed;
nothing unapproved anywhere."""

from __future__ import annotations

import functools
import shutil
from typing import TYPE_CHECKING

import httpx
import pytest
from PySide6.QtWidgets import QPushButton

from hostconsole.adapters.storage.settings import Settings
from hostconsole.adapters.storage.showfile import ShowDocument
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.parts import StudioParts
from hostconsole.remote.control_api import ControlApi
from hostconsole.services.show import ShowSession
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.presenter import PresenterView
from tests.conftest import DEMO_SHOW
from tests.harness.salesfeed import FeedServer
from tests.harness.sessions import closed_port
from tests.integration.conftest import in_thread, wait_until

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.harness.obs import HeadlessObs

pytestmark = pytest.mark.asyncio


async def session_with_feed(
    folder: Path, feed: FeedServer, obs: HeadlessObs | None = None
) -> ShowSession:
    show = folder / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    session = ShowSession(
        ShowDocument.open(show),
        Settings(
            obs_port=obs.port if obs is not None else closed_port(),
            feed_kind="stream",
            stream_url=feed.stream_url,
        ),
        folder / "data",
        parts=StudioParts(
            obs_control=obs is not None,
            obs_password=(lambda: obs.password) if obs is not None else None,
        ),
        renderer=QtGraphicRenderer(folder / "graphics", folder),
    )
    await session.start()
    return session


async def test_a_question_goes_from_the_feed_to_the_presenter_only_once_approved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from hostconsole.ui.logpanel import QtLogHandler

    with FeedServer("--rate", "0") as feed:
        session = await session_with_feed(tmp_path, feed)
        api = ControlApi(session, "127.0.0.1", 0, None)
        port = await api.start()
        try:
            console = ProducerConsole(session, QtLogHandler())
            presenter = PresenterView(session)
            qtbot.addWidget(console)
            qtbot.addWidget(presenter)
            console.show()
            presenter.resize(1280, 720)
            presenter.show()
            await wait_until(
                lambda: session.stream is not None and session.stream.status.state.value == "live",
                10,
                "stream live",
            )
            for user, text in (
                ("小王", "M5 续航多少公里？"),
                ("阿强", "m5续航多少公里"),  # the same question, asked again
                ("Lily", "M5 续航多少公里??"),
                ("老张", "订车券能退吗？"),
            ):
                comment = {"user": user, "text": text}
                await in_thread(functools.partial(feed.control, comment=comment))
            await wait_until(lambda: len(session.questions.listed()) == 2, 10, "two questions")
            panel = console.questions

            def rows() -> list[str]:
                return [panel.list.item(i).text() for i in range(panel.list.count())]

            await wait_until(lambda: len(rows()) == 2, 5, "the console's own refresh")
            items = rows()
            assert items == ["老张: 订车券能退吗？", "小王: M5 续航多少公里？  ×3"], items
            assert "2 new" in panel.title()
            assert presenter.content.question == ""  # nothing unapproved on any screen

            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                early = await client.post("/api/v1/questions/q1/present", json={}, timeout=10)
                assert early.status_code == 409, early.text
                assert (await client.get("/api/v1/state")).json()["question"] is None

                panel.list.setCurrentRow(1)  # 续航 — approved and sent from the console
                for action in ("approve", "present"):
                    button = panel.findChild(QPushButton, f"question_{action}")
                    assert button is not None
                    button.click()
                    await session.commands.settled()
                assert presenter.content.question == "Question from 小王: M5 续航多少公里？"
                presenter.repaint()
                assert "question" in presenter.drawn and not presenter.drawn["question"].elided
                state = (await client.get("/api/v1/state")).json()
                assert state["question"] == {"author": "小王", "text": "M5 续航多少公里？"}
                listed = (await client.get("/api/v1/questions")).json()["questions"]
                assert [q["times"] for q in listed] == [1, 3]

                dismissed = await client.post("/api/v1/questions/q1/dismiss", json={})
                assert dismissed.status_code == 200
                assert session.presented_question is None
                await wait_until(lambda: presenter.content.question == "", 5, "withdrawn")
            assert [q.text for q in session.questions.listed()] == ["订车券能退吗？"]
            lines = [line.detail for line in session.onair_log.lines() if line.action == "question"]
            assert lines[:3] == ["approved q1", "q1 on the presenter's screen", "dismissed q1"]
        finally:
            await api.cleanup()
            await session.close()


@pytest.mark.obs
async def test_an_approved_question_goes_on_air_as_a_card_in_obs(
    fresh_obs: HeadlessObs, tmp_path: Path
) -> None:
    await in_thread(fresh_obs.start)
    with FeedServer("--rate", "0") as feed:
        session = await session_with_feed(tmp_path, feed, fresh_obs)
        try:
            await wait_until(lambda: session.obs is not None and session.obs.connected, 10, "OBS")
            assert (await session.preflight(create=True)).failed == []
            await session.goto("driverless")  # the caption is on
            await wait_until(
                lambda: session.stream is not None and session.stream.status.state.value == "live",
                10,
                "stream live",
            )
            await in_thread(
                lambda: feed.control(comment={"user": "小王", "text": "激光雷达下雨天能用吗？"})
            )
            await wait_until(lambda: bool(session.questions.listed()), 10, "the question")
            refused = await session.execute("question", "console", action="on-air", id="q1")
            assert refused.refused is not None  # not approved: nothing on air
            assert (await session.execute("question", "console", action="approve", id="q1")).ok
            card = await session.execute("question", "console", action="on-air", id="q1")
            assert card.ok, card.detail
            obs = session.obs
            assert obs is not None
            item = await obs.scene_item_id("Studio", "HC Question")
            shown = await obs.request(
                "GetSceneItemEnabled", {"sceneName": "Studio", "sceneItemId": item}
            )
            assert shown["sceneItemEnabled"]
            caption = await obs.scene_item_id("Studio", "HC Caption")
            answer = await obs.request(
                "GetSceneItemEnabled", {"sceneName": "Studio", "sceneItemId": caption}
            )
            assert not answer["sceneItemEnabled"]  # same layer: the caption went off
            path = (await obs.input_settings("HC Question"))["file"]
            assert session.renderer is not None
            heading = session.renderer.headings[path]  # type: ignore[attr-defined]
            # The question is the larger line; who asked it the smaller one under it.
            assert heading == "激光雷达下雨天能用吗？"
            from hostconsole.services.overlays import graphic_content

            overlay = next(o for o in session.show.overlays if o.id == "question")
            drawn = graphic_content(session.overlay_context(None, session.state), overlay)
            assert (drawn.heading, drawn.sub) == ("激光雷达下雨天能用吗？", "小王 问")
            off = await session.execute("question", "console", action="off-air")
            assert off.ok
            shown = await obs.request(
                "GetSceneItemEnabled", {"sceneName": "Studio", "sceneItemId": item}
            )
            assert not shown["sceneItemEnabled"]
            # Dismissed while its card is on air: the card goes off with it.
            assert (await session.execute("question", "console", action="on-air", id="q1")).ok
            dismissed = await session.execute("question", "console", action="dismiss", id="q1")
            assert dismissed.ok, dismissed.detail
            shown = await obs.request(
                "GetSceneItemEnabled", {"sceneName": "Studio", "sceneItemId": item}
            )
            assert not shown["sceneItemEnabled"]
            assert session.state.question_on_air is None
            # On air again, then the next cue: the card goes off with it.
            approved = await session.execute("question", "console", action="approve", id="q1")
            assert approved.ok
            assert (await session.execute("question", "console", action="on-air", id="q1")).ok
            await session.goto("models")
            await session.goto("driverless")  # back in the Studio: the card is not on
            shown = await obs.request(
                "GetSceneItemEnabled", {"sceneName": "Studio", "sceneItemId": item}
            )
            assert not shown["sceneItemEnabled"]
        finally:
            await session.close()
