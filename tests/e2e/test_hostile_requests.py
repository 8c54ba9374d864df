"""The control API under attack, over real HTTP: fuzzed JSON on every endpoint, a web page on
another origin in headless Chromium, a thousand held event streams, a flood of refusals."""

from __future__ import annotations

import json
import math
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.harness.app_process import AppProcess
from tests.harness.hostile import COMMAND_ENDPOINTS, CRAFTED_BODIES, JSON, chromium_command

if TYPE_CHECKING:
    from collections.abc import Iterator

FIELDS = (
    "segment",
    "seconds",
    "text",
    "blink",
    "amount",
    "reason",
    "create",
    "index",
    "point",
    "covered",
)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppProcess]:
    from tests.conftest import DEMO_SHOW

    folder = tmp_path_factory.mktemp("hostile")
    show = folder / "demo.show.yaml"
    shutil.copy(DEMO_SHOW, show)
    process = AppProcess(folder / "config", show).start()
    yield process
    process.close()


def hostile_text() -> st.SearchStrategy[str]:
    lone = st.sampled_from(["\ud800", "\udfff", "x\ud83d", "\udc00y"])
    return st.one_of(
        st.text(max_size=40),
        st.builds(lambda a, b: a + b, st.text(max_size=10), lone),
        st.just("x" * 5000),
        st.just("请收尾" * 300),
    )


def hostile_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=2**63, max_value=2**200),
        st.floats(allow_nan=True, allow_infinity=True),
        hostile_text(),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


def encode(value: Any) -> bytes:
    """JSON as a hostile client writes it: NaN/Infinity tokens, \\ud800 escapes and all."""
    return json.dumps(value, allow_nan=True).encode("utf-8")


def test_fuzzed_bodies_on_every_endpoint_never_get_a_5xx_and_leave_the_show_sound(
    app: AppProcess,
) -> None:
    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        endpoint=st.sampled_from(COMMAND_ENDPOINTS),
        body=st.one_of(
            st.sampled_from(CRAFTED_BODIES),
            st.dictionaries(st.sampled_from(FIELDS), hostile_values(), max_size=4).map(encode),
            hostile_values().map(encode),
            st.binary(max_size=64),
        ),
    )
    def one_request(endpoint: str, body: bytes) -> None:
        response = httpx.post(app.url + endpoint, content=body, headers=JSON, timeout=10)
        # 502 is OBS refusing part of a command; there is no OBS here: nothing may be ≥ 500.
        assert response.status_code < 500, (endpoint, body[:80], response.text)
        answer = response.json()
        if response.status_code >= 400:
            assert isinstance(answer["error"], str)

    one_request()
    raw = httpx.get(f"{app.url}/api/v1/state", timeout=10).text

    def strict(token: str) -> Any:
        raise AssertionError(f"the state holds {token}")

    state = json.loads(raw, parse_constant=strict)
    assert math.isfinite(state["segment"]["remaining"])
    assert httpx.get(f"{app.url}/presenter", timeout=10).status_code == 200
    moved = app.post("/api/v1/next")
    assert moved.status_code in (200, 409), moved.text
    log = (app.config_dir / "data" / "logs" / "hostconsole.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert "Traceback" not in app.output()


def test_a_flood_of_refusals_is_logged_once_with_a_count(tmp_path: Path, show_file: Path) -> None:
    app = AppProcess(tmp_path / "config", show_file).start()
    try:
        assert app.post("/api/v1/goto", {"segment": "wrap-up"}).status_code == 200
        app.post("/api/v1/next")  # the show ends
        for _ in range(300):
            assert app.post("/api/v1/next").status_code == 409
        app.post("/api/v1/pause")  # something else, then the same again after the window
        log = (app.config_dir / "data" / "logs" / "hostconsole.log").read_text(encoding="utf-8")
        refusals = [line for line in log.splitlines() if "next from control-api" in line]
        assert 1 <= len(refusals) <= 2, refusals
    finally:
        app.close()


def test_held_event_streams_are_capped_and_the_api_keeps_answering(
    tmp_path: Path, show_file: Path
) -> None:
    app = AppProcess(tmp_path / "config", show_file).start()
    held: list[socket.socket] = []
    try:
        request = (
            f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{app.control_port}\r\n\r\n"
        ).encode()
        refused = 0
        by_address: dict[str, int] = {}
        for number in range(1100):
            # One address first (it holds at most 16), then four more addresses of this
            # computer (together they meet the cap of 64).
            source = "127.0.0.1" if number < 20 else f"127.0.0.{2 + number % 4}"
            connection = socket.create_connection(
                ("127.0.0.1", app.control_port), timeout=10, source_address=(source, 0)
            )
            connection.sendall(request)
            head = connection.recv(200)
            if head.startswith((b"HTTP/1.1 503", b"HTTP/1.1 429")):
                refused += 1
                connection.close()
            else:
                assert head.startswith(b"HTTP/1.1 200"), head
                held.append(connection)
                by_address[source] = by_address.get(source, 0) + 1
        assert len(held) == 64
        assert refused == 1100 - 64
        assert by_address["127.0.0.1"] == 16, by_address
        assert app.state()["clock"]["state"] == "not_started"  # still answering
        assert app.post("/api/v1/go").status_code == 200
        assert app.process is not None
        limits = Path(f"/proc/{app.process.pid}/limits").read_text(encoding="ascii")
        soft = next(line for line in limits.splitlines() if line.startswith("Max open files"))
        assert int(soft.split()[3]) > 1024, soft  # the app raised its soft limit
    finally:
        for connection in held:
            connection.close()
        app.close()


ATTACK_PAGE = """<!doctype html><html><body>
<form id="form" method="POST" action="{api}/api/v1/go" enctype="text/plain" target="sink">
<input name='{{"segment": "qa", "x": "' value='"}}'></form>
<iframe name="sink"></iframe>
<div id="result">pending</div>
<script>
const api = "{api}";
const tries = [
  fetch(api + "/api/v1/next", {{method: "POST", mode: "no-cors"}}),
  fetch(api + "/api/v1/next", {{method: "POST", mode: "no-cors",
    headers: {{"Content-Type": "text/plain"}}, body: "{{}}"}}),
  fetch(api + "/api/v1/next", {{method: "POST",
    headers: {{"Content-Type": "application/json"}}, body: "{{}}"}}),
  fetch(api + "/api/v1/state").then(r => r.text()),
];
navigator.sendBeacon(api + "/api/v1/next", new Blob(["{{}}"], {{type: "application/json"}}));
document.getElementById("form").submit();
Promise.allSettled(tries).then(results => {{
  document.getElementById("result").textContent =
    results.map(r => r.status + ":" + (r.value && typeof r.value === "string" ? "READ" : ""))
           .join(",");
}});
</script></body></html>"""


def test_a_page_on_another_origin_in_chromium_changes_nothing(
    tmp_path: Path, show_file: Path
) -> None:
    chromium = chromium_command(tmp_path / "chromium")
    app = AppProcess(tmp_path / "config", show_file).start()
    page = ATTACK_PAGE.format(api=app.url).encode()

    class Attacker(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.2", 0), Attacker)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        dom = subprocess.run(
            [
                *chromium,
                "--virtual-time-budget=5000",
                "--dump-dom",
                f"http://127.0.0.2:{site.server_address[1]}/",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        result = dom.split('<div id="result">')[1].split("<")[0]
        assert result != "pending", "the attack page's script did not run"
        assert "READ" not in result, "another origin read the state"
        state = app.state()
        assert state["clock"]["state"] == "not_started", "a foreign page drove the show"
        commands = app.show_dir() / "commands.jsonl"
        assert not commands.exists() or commands.read_text(encoding="utf-8") == ""
    finally:
        site.shutdown()
        site.server_close()
        app.close()
