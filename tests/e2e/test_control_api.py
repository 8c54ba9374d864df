"""The control API over real HTTP against the running app; the web presenter in Chromium."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.harness.app_process import AppProcess
from tests.harness.hostile import JSON, chromium_command

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TOKEN = "companion-token-for-tests-123"


@pytest.fixture
def app(tmp_path: Path, show_file: Path) -> Iterator[AppProcess]:
    process = AppProcess(tmp_path / "config", show_file).start()
    yield process
    process.close()


def test_state_and_every_command(app: AppProcess) -> None:
    state = app.state()
    assert state["show"]["title"].startswith("嘉定购物节")
    assert state["segment"]["id"] == "opening"
    assert state["clock"]["state"] == "not_started"
    assert state["obs"]["state"] is None  # started with --no-obs

    assert app.post("/api/v1/go").json()["state"]["segment"]["id"] == "opening"
    assert app.post("/api/v1/next").json()["state"]["segment"]["id"] == "driverless"
    assert app.post("/api/v1/previous").json()["state"]["segment"]["id"] == "opening"
    assert app.post("/api/v1/goto", {"segment": "qa"}).json()["state"]["segment"]["id"] == "qa"
    assert app.post("/api/v1/pause").json()["state"]["clock"]["state"] == "paused"
    assert app.post("/api/v1/resume").json()["state"]["clock"]["state"] == "running"
    planned = app.state()["segment"]["planned"]
    assert (
        app.post("/api/v1/time", {"seconds": 60}).json()["state"]["segment"]["planned"]
        == planned + 60
    )
    message = app.post("/api/v1/message", {"text": "请收尾", "blink": True}).json()["state"][
        "message"
    ]
    assert message == {"text": "请收尾", "blink": True}
    correction = app.post("/api/v1/vouchers/correction", {"amount": 1, "reason": "电话订单"}).json()
    assert correction["count"] == 1
    assert app.post("/api/v1/take").status_code == 409  # no OBS: said so, nothing changed
    assert app.post("/api/v1/overlays/counter/show").status_code == 409
    assert app.post("/api/v1/preflight", {"create": True}).status_code == 409

    origins = {line["origin"] for line in app.onair_log()}
    assert origins == {"control-api:127.0.0.1"}
    actions = [line["action"] for line in app.onair_log()]
    for action in ("go", "next", "previous", "pause", "resume", "time", "message", "correction"):
        assert action in actions


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("POST", "/api/v1/goto", {"json": {"segment": "no-such-segment"}}, 404),
        (
            "POST",
            "/api/v1/goto",
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
            400,
        ),
        (
            "POST",
            "/api/v1/goto",
            {"content": b"segment=qa", "headers": {"Content-Type": "text/plain"}},
            415,
        ),
        (
            "POST",
            "/api/v1/message",
            {
                "content": b'{"text": "' + b"x" * 70_000 + b'"}',
                "headers": {"Content-Type": "application/json"},
            },
            413,
        ),
        ("GET", "/api/v1/go", {}, 405),
        ("POST", "/api/v1/time", {"json": {"seconds": "sixty"}}, 400),
        ("POST", "/api/v1/vouchers/correction", {"json": {"amount": 1}}, 400),
        ("POST", "/api/v1/overlays/nope/show", {"headers": JSON}, 404),
        ("GET", "/api/v1/nothing-here", {}, 404),
        # Hostile JSON: refused at the door, nothing changes.
        ("POST", "/api/v1/time", {"content": b'{"seconds": NaN}', "headers": JSON}, 400),
        ("POST", "/api/v1/time", {"content": b'{"seconds": -Infinity}', "headers": JSON}, 400),
        ("POST", "/api/v1/time", {"content": b'{"seconds": 1e400}', "headers": JSON}, 400),
        ("POST", "/api/v1/time", {"content": b'{"seconds": 1' + b"0" * 5000 + b"}"}, 415),
        (
            "POST",
            "/api/v1/time",
            {"content": b'{"seconds": 1' + b"0" * 5000 + b"}", "headers": JSON},
            400,
        ),
        (
            "POST",
            "/api/v1/message",
            {"content": b'{"text": "\\ud800 lone"}', "headers": JSON},
            400,
        ),
        (
            "POST",
            "/api/v1/vouchers/correction",
            {"content": b'{"amount": 1, "reason": "\\udfff"}', "headers": JSON},
            400,
        ),
        ("POST", "/api/v1/go", {"content": b"[" * 1000 + b"]" * 1000, "headers": JSON}, 400),
        (
            "POST",
            "/api/v1/go",
            {"content": b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "headers": JSON},
            400,
        ),
        ("POST", "/api/v1/goto", {"json": {"segment": ["qa"]}}, 400),
        ("POST", "/api/v1/overlays/%ED%A0%80/show", {"headers": JSON}, 404),
        # A web page's form and a body-less POST without the JSON content type.
        ("POST", "/api/v1/go", {}, 415),
        (
            "POST",
            "/api/v1/go",
            {"content": b"a=1", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
            415,
        ),
        # Another site, another host name (DNS rebinding), a CORS pre-flight.
        ("POST", "/api/v1/go", {"headers": {**JSON, "Origin": "http://evil.example"}}, 403),
        ("POST", "/api/v1/go", {"headers": {**JSON, "Origin": "null"}}, 403),
        ("POST", "/api/v1/go", {"headers": {**JSON, "Sec-Fetch-Site": "cross-site"}}, 403),
        ("GET", "/api/v1/state", {"headers": {"Host": "evil.example:4780"}}, 421),
        ("POST", "/api/v1/go", {"headers": {**JSON, "Host": "rebind.evil.example"}}, 421),
        ("OPTIONS", "/api/v1/go", {"headers": {"Origin": "http://evil.example"}}, 403),
    ],
)
def test_bad_requests_get_a_json_4xx_and_change_nothing(
    app: AppProcess, method: str, path: str, kwargs: dict[str, object], status: int
) -> None:
    app.post("/api/v1/go")
    before = app.state()
    response = httpx.request(method, app.url + path, timeout=10, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert "error" in response.json()
    assert "access-control-allow-origin" not in response.headers  # no CORS grant, ever
    after = app.state()
    for key in ("segment", "vouchers", "message"):
        before[key].pop("elapsed", None), after[key].pop("elapsed", None)
        before[key].pop("remaining", None), after[key].pop("remaining", None)
        assert after[key] == before[key]
    assert after["clock"]["state"] == before["clock"]["state"]


def test_beyond_loopback_a_token_is_required(tmp_path: Path, show_file: Path) -> None:
    app = AppProcess(
        tmp_path / "config",
        show_file,
        control_host="0.0.0.0",  # noqa: S104 - the case under test; only loopback connects
        env={"HOSTCONSOLE_CONTROL_TOKEN": TOKEN},
    ).start()
    try:
        refused = httpx.post(f"{app.url}/api/v1/go", timeout=10)
        assert refused.status_code == 401
        assert "token" in refused.json()["error"]
        wrong = httpx.post(
            f"{app.url}/api/v1/go", timeout=10, headers={"Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 401
        foreign = httpx.post(
            f"{app.url}/api/v1/go",
            timeout=10,
            headers={
                b"Authorization": "Bearer 控制令牌".encode(),
                b"Content-Type": b"application/json",
            },
        )
        assert foreign.status_code == 401  # a non-ASCII token is a wrong token, not a crash
        assert app.state()["clock"]["state"] == "not_started"  # nothing changed
        accepted = app.post("/api/v1/go")
        assert accepted.status_code == 200
        assert app.state()["clock"]["state"] == "running"
        assert TOKEN not in app.output()
    finally:
        app.close()


def test_state_events_stream(app: AppProcess) -> None:
    with httpx.stream("GET", f"{app.url}/api/v1/events", timeout=10) as stream:
        lines = stream.iter_lines()
        assert next(lines) == "event: state"
        assert next(lines).startswith("data: {")
        app.post("/api/v1/go")
        for line in lines:
            if line.startswith("data: ") and '"state": "running"' in line:
                break


def test_web_presenter_in_headless_chromium(app: AppProcess, tmp_path: Path) -> None:
    app.post("/api/v1/goto", {"segment": "voucher-drop"})
    app.post("/api/v1/vouchers/correction", {"amount": 11, "reason": "电话订单"})
    app.post("/api/v1/message", {"text": "请展示二维码"})
    flags = [*chromium_command(tmp_path / "chromium"), "--window-size=1280,720"]
    dom = subprocess.run(
        [*flags, "--dump-dom", f"{app.url}/presenter"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert '<div id="segment">订车券限时抢购</div>' in dom
    assert '<div id="count">11</div>' in dom
    assert "请展示二维码" in dom
    shot = tmp_path / "web-presenter.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", f"{app.url}/presenter"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
