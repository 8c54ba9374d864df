"""The hub, end to end: shops' signed pushes over HTTP → the hub (a subprocess) → real NATS
JetStream → a real console's ledger, through the console's own sales stream."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from hostconsole.domain.orders import OrderStatus, Platform
from hostconsole.hub.platforms import generic_signature, wechat_signature
from tests.harness.app_process import AppProcess
from tests.harness.hub import (
    HUB_SHOW,
    SECRETS,
    SHOW_TOKEN,
    HubProcess,
    NatsServer,
    Platforms,
    cluster,
    send,
)
from tests.harness.waiting import eventually

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def platforms() -> Iterator[Platforms]:
    world = Platforms().start()
    yield world
    world.stop()


@pytest.fixture
def nats(tmp_path: Path) -> Iterator[NatsServer]:
    server = NatsServer(tmp_path / "nats").start()
    yield server
    server.stop()


@pytest.fixture
def hub(tmp_path: Path, nats: NatsServer, platforms: Platforms) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub", nats=nats.url, api=platforms.api).start()
    yield process
    process.stop()


def console(tmp_path: Path, hub: HubProcess, name: str = "config") -> AppProcess:
    show = tmp_path / "hub.show.yaml"
    if not show.exists():
        shutil.copy(HUB_SHOW, show)
    return AppProcess(
        tmp_path / name,
        show,
        stream_url=hub.stream_url,
        env={"HOSTCONSOLE_SALES_TOKEN": SHOW_TOKEN},
    ).start()


def ledger(app: AppProcess, kind: str = "sale") -> dict[str, int]:
    """The console's ledger as it is on disk: order id → quantity, of one kind."""
    path = app.show_dir() / "ledger.sqlite"
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT order_id, amount FROM entries WHERE kind = ?", (kind,)).fetchall()
    return {str(order): int(amount) for order, amount in rows}


def level(hub: HubProcess, app: AppProcess, show_id: str = "hub-festival") -> None:
    """Wait until nothing more is on its way: the hub routed all it kept, and the console's
    ledger ends on the last order the hub filed for its show."""

    def last_applied() -> str:
        path = app.show_dir() / "ledger.sqlite"
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'last_event_id'").fetchone()
        return str(row[0]) if row else ""

    def levelled() -> bool:
        health = hub.health()
        return health["inbox_waiting"] == 0 and last_applied() == str(
            health["orders_last"][show_id]
        )

    eventually(levelled, 30, "the hub and the console level")


def vouchers(app: AppProcess) -> dict[str, Any]:
    state: dict[str, Any] = app.state()["vouchers"]
    return state


def test_each_platform_in_its_own_shape_reaches_the_console_once(
    tmp_path: Path, hub: HubProcess, platforms: Platforms
) -> None:
    app = console(tmp_path, hub)
    try:
        orders = {
            Platform.DOUYIN: platforms.order(Platform.DOUYIN, 2),
            Platform.WECHAT: platforms.order(Platform.WECHAT, 1),
            Platform.TIKTOK: platforms.order(Platform.TIKTOK, 3),
            Platform.GENERIC: platforms.order(Platform.GENERIC, 4),
        }
        with httpx.Client(timeout=10) as client:
            for order in orders.values():
                answer = send(client, hub.url, platforms.message(order))
                assert answer.status_code == 200, answer.text
            # Each platform hears what it documents as "received" so it stops retrying.
            douyin = send(client, hub.url, platforms.message(orders[Platform.DOUYIN]))
            assert douyin.json() == {"code": 0, "msg": "success"}
        eventually(lambda: vouchers(app)["count"] == 10, 30, "2 + 1 + 3 + 4 vouchers counted")
        sold = ledger(app)
        assert sold == {
            f"{platform.value}:{order.order_id}": quantity
            for platform, order in orders.items()
            for quantity in [order.lines[0][1]]
        }
        # The products come from the show's SKU mapping; the TikTok shop's SKU is ev-b2.
        path = app.show_dir() / "ledger.sqlite"
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            products = dict(
                db.execute("SELECT order_id, product_id FROM entries WHERE kind='sale'")
            )
        assert products[f"tiktok:{orders[Platform.TIKTOK].order_id}"] == "ev-b2"
        assert products[f"douyin:{orders[Platform.DOUYIN].order_id}"] == "ev-a1"
        assert hub.health()["details_fetched"] >= 3  # Douyin, WeChat, TikTok: second calls
        # A repeat of every message (platforms deliver at least once) counts nothing more.
        # (Each sent anew: a new message id for the same order, as a platform's resend may be.)
        with httpx.Client(timeout=10) as client:
            for order in orders.values():
                send(client, hub.url, platforms.message(order))
        level(hub, app)
        assert vouchers(app)["count"] == 10
        assert "douyin-secret-for-tests" not in hub.output()
        assert SECRETS["hub-douyin-access-token"] not in hub.output()
    finally:
        app.terminate()


def test_what_is_refused_and_what_is_not_counted(
    tmp_path: Path, hub: HubProcess, platforms: Platforms
) -> None:
    app = console(tmp_path, hub)
    try:
        with httpx.Client(timeout=10) as client:
            good = platforms.message(platforms.order(Platform.GENERIC, 1))
            path, headers, _query, body = good
            # Wrong signature, missing signature, garbage JSON (signed), a 2 MB body.
            wrong = {**headers, "X-HC-Signature": "sha256=" + "0" * 64}
            assert client.post(hub.url + path, headers=wrong, content=body).status_code == 401
            assert client.post(hub.url + path, content=body).status_code == 401
            stamp = str(int(time.time()))
            garbage = b"{not json"
            signed = {
                "X-HC-Timestamp": stamp,
                "X-HC-Signature": generic_signature(SECRETS["hub-generic-secret"], stamp, garbage),
            }
            assert client.post(hub.url + path, headers=signed, content=garbage).status_code == 400
            huge = b"x" * (2 * 1024 * 1024)
            assert client.post(hub.url + path, headers=signed, content=huge).status_code == 413
            # A replay: a message signed 20 minutes ago, sent again now.
            old = platforms.message(platforms.order(Platform.GENERIC, 5), at=time.time() - 1200)
            assert send(client, hub.url, old).status_code == 401
            # WeChat: the same order with its signature made for another timestamp.
            wx_path, _headers, wx_query, wx_body = platforms.message(
                platforms.order(Platform.WECHAT, 5)
            )
            tampered = {**wx_query, "timestamp": str(int(wx_query["timestamp"]) + 1)}
            answer = client.post(hub.url + wx_path, params=tampered, content=wx_body)
            assert answer.status_code == 401
            # Another live room's order: accepted (the platform stops retrying), not counted.
            elsewhere = platforms.order(Platform.DOUYIN, 7, room="7309999999999999999")
            assert send(client, hub.url, platforms.message(elsewhere)).status_code == 200
            # Out of order: the refund of an order arrives before its payment.
            refunded = platforms.order(Platform.GENERIC, 2)
            refund = platforms.message(refunded, OrderStatus.REFUNDED)
            assert send(client, hub.url, refund).status_code == 200
            assert send(client, hub.url, platforms.message(refunded)).status_code == 200
            # And the good one, twice.
            assert send(client, hub.url, good).status_code == 200
            assert send(client, hub.url, good).status_code == 200
        eventually(
            lambda: vouchers(app)["count"] == 3 and vouchers(app)["refunded"] == 2,
            30,
            "1 + 2 sold, 2 refunded",
        )
        level(hub, app)
        state = vouchers(app)
        assert (state["count"], state["refunded"], state["net"]) == (3, 2, 1)
        assert sum(ledger(app).values()) == 3
        assert ledger(app, "refund") == {f"generic:{refunded.order_id}": 2}
        health = hub.health()
        assert health["refused"] >= 6 and health["unrouted"] >= 1 and health["duplicates"] >= 1
    finally:
        app.terminate()


def test_wechat_address_check_with_the_documented_example() -> None:
    # WeChat's own worked example of its signature (token AAAAA).
    assert (
        wechat_signature("AAAAA", "1714036504", "1514711492")
        == "f464b24fc39322e44b38aa78f5edd27bd1441696"
    )


def test_wechat_address_check_answers_echostr(hub: HubProcess) -> None:
    token = SECRETS["hub-wechat-token"]
    query = {
        "signature": wechat_signature(token, "1714036504", "1514711492"),
        "timestamp": "1714036504",
        "nonce": "1514711492",
        "echostr": "4375120948345356249",
    }
    answer = httpx.get(f"{hub.url}/hooks/wechat", params=query, timeout=10)
    assert (answer.status_code, answer.text) == (200, "4375120948345356249")
    query["signature"] = "0" * 40
    assert httpx.get(f"{hub.url}/hooks/wechat", params=query, timeout=10).status_code == 401


def test_a_console_needs_its_token(hub: HubProcess) -> None:
    with httpx.Client(timeout=10) as client:
        assert client.get(hub.stream_url).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token-0000000"}
        assert client.get(hub.stream_url, headers=wrong).status_code == 401
        other = f"{hub.url}/shows/another-show/sales"
        assert (
            client.get(other, headers={"Authorization": f"Bearer {SHOW_TOKEN}"}).status_code == 404
        )


def test_hub_killed_mid_burst_then_retried_counts_each_order_once(
    tmp_path: Path, nats: NatsServer, platforms: Platforms
) -> None:
    hub = HubProcess(tmp_path / "hub", nats=nats.url, api=platforms.api).start()
    app = console(tmp_path, hub)
    try:
        messages = [platforms.message(platforms.order(Platform.GENERIC, 1)) for _ in range(300)]
        answered: list[bool] = [False] * len(messages)

        def deliver(index: int) -> None:
            with httpx.Client(timeout=5) as client:
                try:
                    answered[index] = send(client, hub.url, messages[index]).status_code == 200
                except httpx.HTTPError:
                    answered[index] = False

        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(deliver, i) for i in range(len(messages))]
            eventually(lambda: sum(answered) >= 20, 30, "the burst under way")
            hub.kill()  # mid-burst: some kept and answered, some kept and never answered
            for future in futures:
                future.result()
        assert not all(answered), "the kill came after the burst: nothing was cut"
        hub = HubProcess(tmp_path / "hub", nats=nats.url, api=platforms.api, port=hub.port)
        hub.start()
        # The platforms send again everything not acknowledged — here everything, to be hard.
        with httpx.Client(timeout=10) as client:
            for message in messages:
                assert send(client, hub.url, message, retry_for=10).status_code == 200
        eventually(lambda: vouchers(app)["count"] == 300, 60, "300 orders counted")
        level(hub, app)
        assert vouchers(app)["count"] == 300
        assert len(ledger(app)) == 300
    finally:
        app.terminate()
        hub.stop()


def test_console_away_then_back_resumes_from_its_sequence(
    tmp_path: Path, hub: HubProcess, platforms: Platforms
) -> None:
    app = console(tmp_path, hub)
    with httpx.Client(timeout=10) as client:
        for _ in range(20):
            send(client, hub.url, platforms.message(platforms.order(Platform.GENERIC, 1)))
        eventually(lambda: vouchers(app)["count"] == 20, 30, "20 counted")
        app.kill()  # the studio PC's power goes; the shops keep selling
        for _ in range(30):
            send(client, hub.url, platforms.message(platforms.order(Platform.WECHAT, 1)))
            send(client, hub.url, platforms.message(platforms.order(Platform.TIKTOK, 1)))
        back = AppProcess(
            app.config_dir,
            app.show_file,
            stream_url=hub.stream_url,
            env={"HOSTCONSOLE_SALES_TOKEN": SHOW_TOKEN},
        ).start()
        try:
            eventually(lambda: vouchers(back)["count"] == 80, 60, "20 + 60 counted")
            level(hub, back)
            assert vouchers(back)["count"] == 80
            assert len(ledger(back)) == 80
        finally:
            back.terminate()


def test_a_nats_node_killed_mid_stream_loses_nothing(tmp_path: Path, platforms: Platforms) -> None:
    nodes = cluster(tmp_path / "cluster")
    urls = ",".join(node.url for node in nodes)
    hub = HubProcess(tmp_path / "hub", nats=urls, api=platforms.api, replicas=3)
    try:
        hub.start()
        app = console(tmp_path, hub)
        try:
            messages = [platforms.message(platforms.order(Platform.GENERIC, 1)) for _ in range(400)]

            delivered: list[int] = []

            def deliver(message: Any) -> int:
                with httpx.Client(timeout=10) as client:
                    code = send(client, hub.url, message, retry_for=30).status_code
                delivered.append(code)
                return code

            with ThreadPoolExecutor(8) as pool:
                futures = [pool.submit(deliver, m) for m in messages]
                eventually(lambda: len(delivered) >= 40, 30, "the stream under way")
                nodes[0].kill()
                codes = [future.result() for future in futures]
            assert codes.count(200) == len(messages)
            eventually(lambda: vouchers(app)["count"] == 400, 90, "400 orders counted")
            level(hub, app)
            assert vouchers(app)["count"] == 400
        finally:
            app.terminate()
    finally:
        hub.stop()
        for node in nodes:
            node.stop()


def test_reconcile_names_the_missing_and_the_extra_order(
    tmp_path: Path, hub: HubProcess, platforms: Platforms
) -> None:
    app = console(tmp_path, hub)
    sold = [platforms.order(Platform.DOUYIN, 1 + i % 2) for i in range(4)]
    with httpx.Client(timeout=10) as client:
        for order in sold:
            send(client, hub.url, platforms.message(order))
    eventually(lambda: vouchers(app)["count"] == 6, 30, "6 counted")
    export = tmp_path / "douyin-orders.csv"
    export.write_text("主订单编号,商品数量\n1,1\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "hostconsole",
        "reconcile",
        str(app.show_file),
        "--orders",
        str(export),
        "--platform",
        "douyin",
    ]
    # While the console has the show open, reconcile says so and changes nothing.
    busy = subprocess.run(
        command, env=app.env, capture_output=True, text=True, timeout=60, check=False
    )
    assert busy.returncode == 2, busy.stdout + busy.stderr
    assert "open in Host Console" in busy.stderr and "Traceback" not in busy.stderr
    assert not (app.show_dir() / "reconcile.json").exists()
    app.terminate()
    rows = ["主订单编号,商品ID,商品数量,订单状态"]
    rows += [f"{o.order_id},3581001,{o.lines[0][1]},已完成" for o in sold[:3]]  # one missing
    rows.append("9999999999,3581001,1,待发货")  # one the console never heard of
    export.write_text("\n".join(rows) + "\n", encoding="gb18030")
    result = subprocess.run(
        command,
        env=app.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"missing in the export: {sold[3].order_id}" in result.stdout
    assert "missing in the ledger: 9999999999 (1)" in result.stdout
    saved = json.loads((app.show_dir() / "reconcile.json").read_text(encoding="utf-8"))
    assert saved["agrees"] is False and saved["matched"] == 3


def test_one_address_flooding_the_hub_is_slowed(tmp_path: Path, nats: NatsServer) -> None:
    hub = HubProcess(tmp_path / "hub", nats=nats.url, rate=5).start()
    try:
        with httpx.Client(timeout=10) as client:
            codes = [
                client.post(f"{hub.url}/hooks/generic", content=b"{}").status_code
                for _ in range(40)
            ]
            # Behind the local proxy another sender has its own allowance.
            other = client.post(
                f"{hub.url}/hooks/generic",
                content=b"{}",
                headers={"X-Forwarded-For": "203.0.113.9"},
            ).status_code
        # A burst of twice the rate gets its answer (here: unsigned), the rest 429.
        assert codes.count(429) >= 25, codes
        assert codes[0] == 401
        assert other == 401
        assert "too many requests" in hub.output()
    finally:
        hub.stop()
