"""The README's first command: scripts/demo opens the demo with the rehearsal feed selling."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import TYPE_CHECKING

import httpx

from tests.conftest import PROJECT_ROOT
from tests.harness.obs import free_port

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.obs import HeadlessObs


def test_scripts_demo_runs_the_demo_with_the_feed_and_an_honest_obs_state(tmp_path: Path) -> None:
    control, feed = free_port(), free_port()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOSTCONSOLE_CONFIG_DIR": str(tmp_path),
        "HOSTCONSOLE_DEMO_FEED_PORT": str(feed),
    }
    process = subprocess.Popen(
        [
            str(PROJECT_ROOT / "scripts" / "demo"),
            "--control-port",
            str(control),
            "--obs",
            f"ws://127.0.0.1:{free_port()}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        state = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                state = httpx.get(f"http://127.0.0.1:{control}/api/v1/state", timeout=2).json()
                if state["vouchers"]["freshness"]["state"] == "live":
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        assert state is not None, "the demo never served its state"
        assert state["show"]["title"].startswith("嘉定购物节")
        assert state["vouchers"]["freshness"]["state"] == "live"
        assert state["obs"]["state"] in ("connecting", "reconnecting")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        assert process.wait(30) == 0
    # The feed the script started went with it.
    try:
        httpx.get(f"http://127.0.0.1:{feed}/api/sales", timeout=2)
        raise AssertionError("the rehearsal feed outlived scripts/demo")
    except httpx.ConnectError:
        pass


def test_scripts_demo_finds_the_headless_obs_and_a_screen_by_itself(
    tmp_path: Path, e2e_obs: HeadlessObs
) -> None:
    """A newcomer on a server: scripts/obs-headless left its port and password, there is no
    display — scripts/demo connects to that OBS and runs the console under xvfb-run."""
    import json

    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    (runtime / "hostconsole-obs-headless.json").write_text(
        json.dumps({"port": e2e_obs.port, "password": e2e_obs.password}), encoding="utf-8"
    )
    control, feed = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "HOSTCONSOLE_OBS_PASSWORD")
    }
    env |= {
        "XDG_RUNTIME_DIR": str(runtime),
        "HOSTCONSOLE_CONFIG_DIR": str(tmp_path / "config"),
        "HOSTCONSOLE_DEMO_FEED_PORT": str(feed),
    }
    process = subprocess.Popen(
        [str(PROJECT_ROOT / "scripts" / "demo"), "--control-port", str(control)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        state = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                state = httpx.get(f"http://127.0.0.1:{control}/api/v1/state", timeout=2).json()
                if state["obs"]["state"] == "connected":
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        assert state is not None, "the demo never served its state"
        assert state["obs"]["state"] == "connected"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "Using the headless OBS of scripts/obs-headless" in output, output
    assert "xvfb-run" in output, output
