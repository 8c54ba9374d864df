"""The OBS link against a real OBS Studio started headless under Xvfb."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.obs.link import LinkState, ObsNotConnectedError, ResyncReport
from hostconsole.adapters.obs.session import ObsError, ObsRequestError
from tests.integration.conftest import (
    bright_pixels,
    in_thread,
    link_to,
    probe_until,
    wait_state,
    wait_until,
)

if TYPE_CHECKING:
    import logging

    from tests.harness.obs import HeadlessObs

pytestmark = [pytest.mark.obs, pytest.mark.asyncio]


async def test_connects_and_reports_versions(obs: HeadlessObs) -> None:
    link = link_to(obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        versions = link.status.versions
        assert versions is not None
        assert versions.websocket.startswith("5.")
        assert "OBS 29" in link.status.message or "OBS 3" in link.status.message
        assert link.program_scene == "Studio"
        scenes = await link.list_scenes()
        assert [s.name for s in scenes] == ["Studio", "Opening"]  # as OBS lists them
        studio = next(s for s in scenes if s.name == "Studio")
        assert [i.source for i in studio.items] == ["Seed Text"]
    finally:
        await link.stop()


async def test_wrong_password_fails_fast_and_stops_retrying(obs: HeadlessObs) -> None:
    link = link_to(obs, password="not-the-password")
    states: list[LinkState] = []
    link.add_status_listener(lambda status: states.append(status.state))
    link.start()
    try:
        took = await wait_state(link, LinkState.AUTH_FAILED, 1.0)
        assert took < 1.0
        assert "password" in link.status.message
        # Parked: nothing but a new password or a click on Reconnect tries again.
        await wait_until(lambda: link.waiting_for_request, 2, "the link parked")
        assert link.status.state is LinkState.AUTH_FAILED
        assert states.count(LinkState.CONNECTING) + states.count(LinkState.RECONNECTING) == 1
        with pytest.raises(ObsNotConnectedError, match="not connected"):
            await link.set_text("Seed Text", "x")
    finally:
        await link.stop()


async def test_a_new_password_recovers_from_auth_failure(obs: HeadlessObs) -> None:
    secret = {"value": "wrong"}
    link = link_to(obs)
    link._password = lambda: secret["value"]
    link.start()
    try:
        await wait_state(link, LinkState.AUTH_FAILED, 2)
        secret["value"] = obs.password
        link.password_changed()
        await wait_state(link, LinkState.CONNECTED, 2)
    finally:
        await link.stop()


async def test_obs_started_after_the_console(fresh_obs: HeadlessObs) -> None:
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.RECONNECTING, 2)
        assert "nothing is listening" in link.status.message
        assert link.status.attempt >= 1
        # Attempts 0.25, 0.5, 1 s apart, then 2 s: the backoff has reached its cap.
        await wait_until(lambda: link.status.attempt >= 4, 10, "the backoff at its cap")
        await in_thread(fresh_obs.start)
        # Bounded so a link that never comes back fails fast; how fast it comes back is a
        # figure for scripts/bench, not a wall-clock assertion that flakes on a busy machine.
        await wait_state(link, LinkState.CONNECTED, 5)
    finally:
        await link.stop()


async def test_obs_killed_and_restarted_mid_show(fresh_obs: HeadlessObs) -> None:
    await in_thread(fresh_obs.start)
    link = link_to(fresh_obs)
    reports: list[ResyncReport] = []
    link.add_resync_listener(reports.append)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        await link.set_text("Seed Text", "已售 11 张")
        await link.set_visible("Studio", "Seed Text", False)

        # Commands in flight when OBS dies either land or fail; none hangs.
        sent = {"landed": 0, "failed": 0}

        async def keep_sending() -> tuple[int, int]:
            for number in range(200):
                try:
                    await link.set_text("Seed Text", f"已售 {number} 张")
                    sent["landed"] += 1
                except ObsError:
                    sent["failed"] += 1
                await asyncio.sleep(0.005)
            return sent["landed"], sent["failed"]

        sender = asyncio.create_task(keep_sending())
        await wait_until(lambda: sent["landed"] >= 5, 5, "the first changes landed")
        await in_thread(fresh_obs.kill)
        await wait_until(lambda: link.status.state is not LinkState.CONNECTED, 2, "state flips")
        landed, failed = await asyncio.wait_for(sender, 30)
        assert landed + failed == 200
        assert landed > 0
        assert failed > 0
        # What the console wants on air while OBS is down: applied once it is back.
        with pytest.raises(ObsNotConnectedError):
            await link.set_text("Seed Text", "已售 11 张")

        await in_thread(fresh_obs.start)
        # Bounded so a link that never comes back fails fast; how fast it comes back is a
        # figure for scripts/bench, not a wall-clock assertion that flakes on a busy machine.
        await wait_state(link, LinkState.CONNECTED, 5)
        report = reports[-1]
        corrected = {c.what for c in report.corrections}
        # The restarted OBS loaded its saved collection: the console put its state back.
        assert "Seed Text text" in corrected
        assert "Seed Text in Studio" in corrected
        settings = await link.input_settings("Seed Text")
        assert settings["text"] == "已售 11 张"
        item = await link.scene_item_id("Studio", "Seed Text")
        enabled = await link.request(
            "GetSceneItemEnabled", {"sceneName": "Studio", "sceneItemId": item}
        )
        assert enabled["sceneItemEnabled"] is False
    finally:
        await link.stop()


async def test_frozen_obs_times_out_and_recovers_in_step(fresh_obs: HeadlessObs) -> None:
    await in_thread(fresh_obs.start)
    link = link_to(fresh_obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        fresh_obs.freeze()
        with pytest.raises(ObsError):
            await link.set_text("Seed Text", "frozen?")
        await wait_until(lambda: link.status.state is not LinkState.CONNECTED, 3, "state flips")
        fresh_obs.thaw()
        await wait_state(link, LinkState.CONNECTED, 8)
        # In step: each answer belongs to its own request.
        for number in range(30):
            await link.set_text("Seed Text", f"step {number}")
            settings = await link.input_settings("Seed Text")
            assert settings["text"] == f"step {number}"
            scenes = await link.request("GetSceneList")
            assert "scenes" in scenes
    finally:
        fresh_obs.thaw()
        await link.stop()


async def test_batch_go_changes_scene_and_text_together(obs: HeadlessObs) -> None:
    link = link_to(obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        item = await link.scene_item_id("Studio", "Seed Text")
        results = await link.batch(
            [
                ("SetInputSettings", {"inputName": "Seed Text", "inputSettings": {"text": "GO"}}),
                (
                    "SetSceneItemEnabled",
                    {"sceneName": "Studio", "sceneItemId": item, "sceneItemEnabled": True},
                ),
                ("SetCurrentProgramScene", {"sceneName": "Opening"}),
                ("SetCurrentProgramScene", {"sceneName": "No Such Scene"}),
            ]
        )
        assert [r.ok for r in results] == [True, True, True, False]
        assert results[3].code == 600  # ResourceNotFound
        program = await link.request("GetCurrentProgramScene")
        assert program["currentProgramSceneName"] == "Opening"
        assert (await link.input_settings("Seed Text"))["text"] == "GO"
        await wait_until(lambda: link.program_scene == "Opening", 2, "program event")
    finally:
        await link.set_program_scene("Studio")
        await link.stop()


async def test_refused_request_is_reported_and_the_link_stays_up(obs: HeadlessObs) -> None:
    link = link_to(obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        states: list[LinkState] = []
        link.add_status_listener(lambda status: states.append(status.state))
        with pytest.raises(ObsRequestError, match="SetCurrentProgramScene"):
            await link.set_program_scene("Nope")
        # The same connection answers the next request: nothing was dropped or redone.
        assert [s.name for s in await link.list_scenes()] == ["Studio", "Opening"]
        assert link.connected and states == []
    finally:
        await link.stop()


async def test_text_change_is_visible_on_air(obs: HeadlessObs) -> None:
    link = link_to(obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        await link.set_visible("Studio", "Seed Text", True)

        async def lit() -> int:
            return bright_pixels(await link.screenshot("Studio", 640, 360, "ppm"))

        # Each change is waited for in OBS's own frames (rendered at 30 fps, a few late).
        await link.set_text("Seed Text", "")
        await probe_until(lit, lambda n: n < 20, 5, "an empty text")
        await link.set_text("Seed Text", "HOST CONSOLE 11")
        await probe_until(lit, lambda n: n > 500, 5, "the text on air")
        await link.set_visible("Studio", "Seed Text", False)
        await probe_until(lit, lambda n: n < 20, 5, "the text hidden")
    finally:
        await link.stop()


async def test_studio_mode_preview_and_take(obs: HeadlessObs) -> None:
    link = link_to(obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        await link.set_studio_mode(True)
        await link.set_preview_scene("Opening")
        assert link.preview_scene == "Opening"
        assert link.program_scene == "Studio"
        program = await link.take()
        assert program == "Opening"
        assert (await link.request("GetCurrentProgramScene"))[
            "currentProgramSceneName"
        ] == "Opening"
    finally:
        if link.connected:
            await link.set_studio_mode(False)
            await link.set_program_scene("Studio")
        await link.stop()


async def test_output_status_and_stats(obs: HeadlessObs) -> None:
    link = link_to(obs)
    link.start()
    try:
        await wait_state(link, LinkState.CONNECTED, 5)
        status = await link.outputs(0.0)
        # OBS measures its frame rate over a second: a freshly started one says 0 at first.
        deadline = asyncio.get_running_loop().time() + 5
        while status.fps == 0 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.1)
            status = await link.outputs(0.0)
        assert status.streaming is False
        assert status.recording is False
        assert status.fps > 0
        assert status.canvas_fps == 30
        assert status.render_total > 0
        assert status.disk_free_mb is not None and status.disk_free_mb > 0
    finally:
        await link.stop()


async def test_password_never_reaches_a_log(
    obs: HeadlessObs, all_logs: list[logging.LogRecord], capfd: pytest.CaptureFixture[str]
) -> None:
    link = link_to(obs)
    link.start()
    await wait_state(link, LinkState.CONNECTED, 5)
    await link.stop()
    wrong = "wrong-" + obs.password[::-1]
    bad = link_to(obs, password=wrong)
    bad.start()
    await wait_state(bad, LinkState.AUTH_FAILED, 2)
    await bad.stop()
    assert all_logs, "the link logs its state changes"
    text = "\n".join(record.getMessage() for record in all_logs)
    assert "OBS connected" in text or "OBS connected:" in text or "connected" in text
    captured = capfd.readouterr()
    for secret in (obs.password, wrong):
        assert secret not in text
        assert secret not in captured.out
        assert secret not in captured.err
