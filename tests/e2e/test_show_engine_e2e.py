"""The show engine as a producer meets it: the app as a subprocess with default flags, a real OBS
following an auto-advance, a crash mid-show, and a show that runs past midnight."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.test_app_e2e import program_scene
from tests.harness.app_process import AppProcess
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.obs import HeadlessObs

AUTO_SHOW = """\
format: hostconsole-show/1
title: 自动切换
segments:
  - id: countdown
    title: 倒计时
    duration: 3s
    end_action: next
    scene: Engine Countdown
  - id: studio
    title: 演播室
    duration: 10m
    scene: Engine Studio
"""

EVENING_SHOW = """\
format: hostconsole-show/1
title: 晚间直播
date: 2026-11-27
planned_start: "23:50"
segments:
  - id: opening
    title: 开场
    duration: 5m
  - id: cars
    title: 车型讲解
    duration: 30m
  - id: late
    title: 午夜抢券
    duration: 30m
    hard_start: "00:25"
"""


@pytest.mark.obs
def test_auto_advance_moves_obs_with_the_run_sheet(tmp_path: Path, e2e_obs: HeadlessObs) -> None:
    show_file = tmp_path / "auto.show.yaml"
    show_file.write_text(AUTO_SHOW, encoding="utf-8")
    app = AppProcess(
        tmp_path / "config", show_file, obs_port=e2e_obs.port, obs_password=e2e_obs.password
    ).start()
    try:
        eventually(lambda: app.state()["obs"]["state"] == "connected", 10, "OBS connected")
        assert app.post("/api/v1/preflight", {"create": True}).json()["failed"] == []
        assert app.post("/api/v1/go").json()["cue"]["ok"] is True
        eventually(lambda: program_scene(e2e_obs) == "Engine Countdown", 5, "countdown on air")
        # Nobody presses anything: the countdown runs out and OBS follows the run sheet.
        eventually(lambda: program_scene(e2e_obs) == "Engine Studio", 8, "studio on air")
        assert app.state()["segment"]["id"] == "studio"

        def automatic() -> list[tuple[str, str, str]]:
            return [
                (line["action"], line["detail"], line["result"])
                for line in app.onair_log()
                if line["origin"] == "automatic"
            ]

        # Logged once OBS has confirmed the cue (the scene shows a moment before that).
        eventually(lambda: bool(automatic()), 5, "the automatic GO logged")
        assert automatic() == [("go", "studio → scene Engine Studio", "ok")]
    finally:
        app.close()


def saved_run_state(app: AppProcess) -> dict[str, Any]:
    try:
        state: dict[str, Any] = json.loads(
            (app.show_dir() / "run-state.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return {}
    return state


@pytest.mark.obs
def test_sigkill_mid_show_loses_no_field_of_the_run_state(
    tmp_path: Path, show_file: Path, e2e_obs: HeadlessObs
) -> None:
    """Every run-state field set through the control API, the app killed, then started again
    with default flags: each is back, and the console resumed by itself."""
    config = tmp_path / "config"
    obs = {"obs_port": e2e_obs.port, "obs_password": e2e_obs.password}
    app = AppProcess(config, show_file, resume=None, **obs).start()  # type: ignore[arg-type]
    try:
        eventually(lambda: app.state()["obs"]["state"] == "connected", 10, "OBS connected")
        assert app.post("/api/v1/preflight", {"create": True}).json()["failed"] == []
        for path, body in (
            ("/api/v1/go", None),
            ("/api/v1/next", None),  # driverless on air
            ("/api/v1/arm", {"segment": "qa"}),
            ("/api/v1/points/push", {"point": "sensors"}),
            ("/api/v1/points/covered", {"point": "l4", "covered": True}),
            ("/api/v1/caption", {"point": "safety"}),
            ("/api/v1/message", {"text": "看镜头", "blink": True}),
            ("/api/v1/prompter", {"action": "show"}),
            ("/api/v1/prompter", {"action": "next-marker"}),
            ("/api/v1/prompter", {"action": "faster"}),
            ("/api/v1/time", {"seconds": 60}),
        ):
            answer = app.post(path, body)
            assert answer.status_code == 200, (path, answer.text)
        before = app.state()
        eventually(
            lambda: (
                saved_run_state(app).get("caption_point") == "safety"
                and saved_run_state(app).get("prompter", {}).get("speed")
                == before["prompter"]["speed"]
            ),
            5,
            "the run state written",
        )
        app.kill()
    finally:
        app.close()
    restarted = AppProcess(config, show_file, resume=None, **obs).start(wait=20)  # type: ignore[arg-type]
    try:
        after = restarted.state()
        assert after["segment"]["id"] == "driverless"
        assert after["clock"]["state"] == "running"
        assert after["armed"] == "qa"
        assert after["pushed_point"] == "sensors"
        assert after["caption_point"] == "safety"
        assert after["message"] == {"text": "看镜头", "blink": True}
        assert [p["id"] for p in after["points"] if p["covered"]] == ["l4"]
        for field in ("visible", "speed", "size"):
            assert after["prompter"][field] == before["prompter"][field], field
        assert after["prompter"]["position"] == pytest.approx(before["prompter"]["position"])
        assert after["segment"]["planned"] == before["segment"]["planned"]  # the minute added
        assert any(line["action"] == "resume" for line in restarted.onair_log())
    finally:
        restarted.close()


def test_a_crash_restart_with_default_flags_serves_the_resumed_show(
    tmp_path: Path, show_file: Path
) -> None:
    app = AppProcess(tmp_path / "config", show_file, resume=None).start()
    try:
        assert app.post("/api/v1/go").status_code == 200
        assert app.post("/api/v1/next").status_code == 200
        correction = {"amount": 7, "reason": "电话订单"}
        assert app.post("/api/v1/vouchers/correction", correction).status_code == 200
        # The run state is written on the show's writer thread: wait until it is on disk.
        eventually(
            lambda: saved_run_state(app).get("clock", {}).get("index") == 1, 5, "state saved"
        )
        app.kill()
    finally:
        app.close()
    # No --resume flag: the show is live, so the app resumes and asks nobody first.
    restarted = AppProcess(tmp_path / "config", show_file, resume=None).start(wait=20)
    try:
        state = restarted.state()
        assert state["segment"]["id"] == "driverless"
        assert state["clock"]["state"] == "running"
        assert state["vouchers"]["count"] == 7
        assert any(line["action"] == "resume" for line in restarted.onair_log())
    finally:
        restarted.close()


def test_a_show_that_runs_past_midnight_keeps_its_count_and_stays_live(
    tmp_path: Path,
) -> None:
    show_file = tmp_path / "evening.show.yaml"
    show_file.write_text(EVENING_SHOW, encoding="utf-8")
    before = AppProcess(
        tmp_path / "config", show_file, resume=None, faketime="2026-11-27 23:59:40"
    ).start()
    try:
        assert before.post("/api/v1/go", {"segment": "cars"}).status_code == 200
        correction = {"amount": 5, "reason": "电话订单"}
        assert before.post("/api/v1/vouchers/correction", correction).status_code == 200
        eventually(
            lambda: saved_run_state(before).get("clock", {}).get("index") == 1, 5, "state saved"
        )
        before.kill()  # at about 23:59:55
    finally:
        before.close()
    after = AppProcess(
        tmp_path / "config", show_file, resume=None, faketime="2026-11-28 00:00:10"
    ).start()
    try:
        state = after.state()
        assert state["segment"]["id"] == "cars"
        assert state["clock"]["state"] == "running"
        assert state["vouchers"]["count"] == 5
        # One folder for the show, whatever the date: the same ledger, resumed.
        assert after.show_dir().name.startswith("evening-2026-11-27-")
        # Live, not a rehearsal: the 00:25 hard start is on the night after the show's date.
        hard = state["clock"]["hard_starts"]
        assert len(hard) == 1
        # (The show keeps its own time across the restart: the faked wall clock's extra
        # quarter-minute is a step it logs, not time that passed.)
        assert 24 * 60 < hard[0]["seconds_until"] < 26 * 60
    finally:
        after.close()
