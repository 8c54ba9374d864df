"""Rehearsal: the platforms' side played by the hub itself, so a producer can rehearse the
whole path (signed push → hub → JetStream → console) before a real shop is connected.

``RehearsalShop`` keeps an order book and signs pushes in each platform's documented shape
with the hub's own secrets; ``platform_api`` answers the order-detail calls the hub makes
(抖店 order.orderDetail, WeChat /channels/ec/order/get and its token, TikTok Shop's Get Order
Detail) from that book. ``hostconsole hub --rehearsal`` serves both and sells at a pace.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import random
import time
from typing import Any

import httpx
import msgspec
from aiohttp import web

from hostconsole.domain.orders import OrderStatus, Platform, ShopMapping
from hostconsole.hub.platforms import (
    Secrets,
    douyin_signature,
    generic_signature,
    tiktok_signature,
    wechat_encrypt,
    wechat_key,
    wechat_signature,
)

log = logging.getLogger(__name__)
_chance = random.SystemRandom()  # rehearsal orders: no security, but no S311 noise either

DOUYIN_TAGS = {OrderStatus.PAID: "101", OrderStatus.CANCELLED: "106", OrderStatus.REFUNDED: "206"}


class BookedOrder(msgspec.Struct):
    platform: Platform
    shop: str
    order_id: str
    lines: list[tuple[str, int]]  # (sku, quantity)
    room: str = ""


class RehearsalShop(msgspec.Struct):
    """An order book and the pushes a platform would send for it, signed with the secrets."""

    secrets: Secrets
    orders: dict[str, BookedOrder] = msgspec.field(default_factory=dict)
    sequence: int = 0

    def book(self, order: BookedOrder) -> None:
        self.orders[f"{order.platform.value}:{order.order_id}"] = order

    def push(
        self, order: BookedOrder, status: OrderStatus, *, at: float | None = None
    ) -> tuple[str, dict[str, str], dict[str, str], bytes]:
        """(path, headers, query, body) of the platform's message for this order change."""
        self.book(order)
        self.sequence += 1
        now = time.time() if at is None else at
        secret = self.secrets
        if order.platform is Platform.GENERIC:
            body = json.dumps(
                {
                    "id": f"r{self.sequence}-{order.order_id}-{status.value}",
                    "shop": order.shop,
                    "orders": [
                        {
                            "order_id": order.order_id,
                            "status": status.value,
                            "room": order.room,
                            "at": now,
                            "lines": [{"sku": s, "quantity": q} for s, q in order.lines],
                        }
                    ],
                }
            ).encode()
            stamp = str(int(now))
            signature = generic_signature(_need(secret, "hub-generic-secret"), stamp, body)
            headers = {"X-HC-Timestamp": stamp, "X-HC-Signature": signature}
            return "/hooks/generic", headers, {}, body
        if order.platform is Platform.DOUYIN:
            data = {
                "p_id": int(order.order_id) if order.order_id.isdigit() else order.order_id,
                "s_ids": [f"{order.order_id}{i}" for i in range(len(order.lines))],
                "shop_id": int(order.shop) if order.shop.isdigit() else order.shop,
                "order_status": 2,
                "pay_time": int(now),
            }
            body = json.dumps(
                [
                    {
                        "tag": DOUYIN_TAGS[status],
                        "msg_id": f"{order.order_id}-{DOUYIN_TAGS[status]}",
                        "data": json.dumps(data),
                    }
                ]
            ).encode()
            app_key = _need(secret, "hub-douyin-app-key")
            signature = douyin_signature(
                app_key, _need(secret, "hub-douyin-app-secret"), body, "hmac-sha256"
            )
            headers = {"app-id": app_key, "event-sign": signature, "sign-method": "hmac-sha256"}
            return "/hooks/douyin", headers, {}, body
        if order.platform is Platform.WECHAT:
            event = {
                OrderStatus.PAID: "channels_ec_order_pay",
                OrderStatus.CANCELLED: "channels_ec_order_cancel",
                OrderStatus.REFUNDED: "channels_ec_aftersale_update",
            }[status]
            message: dict[str, Any] = {
                "ToUserName": order.shop,
                "FromUserName": "rehearsal",
                "CreateTime": int(now),
                "MsgType": "event",
                "Event": event,
            }
            if status is OrderStatus.REFUNDED:
                message["finder_shop_aftersale_status_update"] = {
                    "status": "MERCHANT_REFUND_SUCCESS",
                    "after_sale_order_id": f"a{order.order_id}",
                    "order_id": order.order_id,
                }
            else:
                message["order_info"] = {"order_id": order.order_id, "pay_time": int(now)}
            key = wechat_key(_need(secret, "hub-wechat-aes-key"))
            appid = _need(secret, "hub-wechat-appid")
            encrypted = wechat_encrypt(key, json.dumps(message).encode(), appid, os.urandom(16))
            stamp, nonce = str(int(now)), str(_chance.randrange(10**9))
            token = _need(secret, "hub-wechat-token")
            query = {
                "signature": wechat_signature(token, stamp, nonce),
                "timestamp": stamp,
                "nonce": nonce,
                "encrypt_type": "aes",
                "msg_signature": wechat_signature(token, stamp, nonce, encrypted),
            }
            body = json.dumps({"ToUserName": order.shop, "Encrypt": encrypted}).encode()
            return "/hooks/wechat", {}, query, body
        kind, data = 1, {"order_id": order.order_id, "update_time": int(now)}
        if status is OrderStatus.PAID:
            data["order_status"] = "AWAITING_SHIPMENT"
        elif status is OrderStatus.CANCELLED:
            data["order_status"] = "CANCELLED"
        else:
            kind, data["return_status"] = 12, "RETURN_OR_REFUND_REQUEST_COMPLETE"
        body = json.dumps(
            {
                "type": kind,
                "tts_notification_id": f"n{self.sequence}-{order.order_id}-{status.value}",
                "shop_id": order.shop,
                "timestamp": int(now),
                "data": data,
            }
        ).encode()
        signature = tiktok_signature(
            _need(secret, "hub-tiktok-app-key"), _need(secret, "hub-tiktok-app-secret"), body
        )
        return "/hooks/tiktok", {"Authorization": signature}, {}, body

    # --- the order-detail calls ---------------------------------------------------------

    def platform_api(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/douyin/order/orderDetail", self._douyin)
        app.router.add_get("/wechat/cgi-bin/token", self._wechat_token)
        app.router.add_post("/wechat/channels/ec/order/get", self._wechat)
        app.router.add_get("/tiktok/order/202309/orders", self._tiktok)
        return app

    def _find(self, platform: Platform, order_id: str) -> BookedOrder:
        order = self.orders.get(f"{platform.value}:{order_id}")
        if order is None:
            raise web.HTTPNotFound(text=f"no {platform.value} order {order_id}")
        return order

    async def _douyin(self, request: web.Request) -> web.Response:
        params = json.loads(request.query["param_json"])
        order = self._find(Platform.DOUYIN, str(params["shop_order_id"]))
        skus = [
            {"order_id": f"{order.order_id}{i}", "sku_id": s, "item_num": q, "room_id": order.room}
            for i, (s, q) in enumerate(order.lines)
        ]
        detail = {"order_id": order.order_id, "shop_id": order.shop, "sku_order_list": skus}
        return web.json_response({"code": 10000, "data": {"shop_order_detail": detail}})

    async def _wechat_token(self, _request: web.Request) -> web.Response:
        return web.json_response({"access_token": "rehearsal-token", "expires_in": 7200})

    async def _wechat(self, request: web.Request) -> web.Response:
        order = self._find(Platform.WECHAT, str((await request.json())["order_id"]))
        products = [{"product_id": s, "sku_id": s, "sku_cnt": q} for s, q in order.lines]
        sources = [{"sku_id": s, "live_id": order.room} for s, _ in order.lines]
        detail = {"product_infos": products, "source_infos": sources}
        return web.json_response(
            {"errcode": 0, "order": {"order_id": order.order_id, "order_detail": detail}}
        )

    async def _tiktok(self, request: web.Request) -> web.Response:
        order = self._find(Platform.TIKTOK, request.query["ids"])
        items = [{"sku_id": s} for s, q in order.lines for _ in range(q)]
        return web.json_response(
            {"code": 0, "data": {"orders": [{"id": order.order_id, "line_items": items}]}}
        )


def _need(secrets: Secrets, name: str) -> str:
    value = secrets(name)
    if not value:
        raise ValueError(f"rehearsal needs {name} (hostconsole hub secret {name})")
    return value


async def sell(
    shop: RehearsalShop,
    hub_url: str,
    shows: dict[str, tuple[ShopMapping, ...]],
    per_minute: float,
    stop: asyncio.Event,
) -> None:
    """Orders at random over the shows' shops and SKUs, sent to the hub as the platforms
    would; now and then one is refunded."""
    mappings = [m for ms in shows.values() for m in ms]
    if not mappings:
        log.warning("rehearsal: no show has a platform: section; nothing to sell")
        return
    async with httpx.AsyncClient(base_url=hub_url, timeout=10) as client:
        number = int(time.time())
        paid: list[BookedOrder] = []
        while not stop.is_set():
            number += 1
            mapping = _chance.choice(mappings)
            sku = _chance.choice(mapping.skus)[0] if mapping.skus else "rehearsal-sku"
            room = mapping.rooms[0] if mapping.rooms else ""
            order = BookedOrder(mapping.platform, mapping.shop, str(number), [(sku, 1)], room)
            status = OrderStatus.PAID
            if paid and _chance.random() < 0.05:
                order, status = paid.pop(_chance.randrange(len(paid))), OrderStatus.REFUNDED
            path, headers, query, body = shop.push(order, status)
            try:
                answer = await client.post(path, headers=headers, params=query, content=body)
                if answer.status_code != 200:
                    log.warning("rehearsal: the hub answered %d", answer.status_code)
                elif status is OrderStatus.PAID:
                    paid.append(order)
            except httpx.HTTPError as error:
                log.warning("rehearsal: %s", error)
            with_jitter = _chance.expovariate(per_minute / 60.0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), with_jitter)
