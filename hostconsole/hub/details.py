"""The second call: an order's lines and live room fetched from the platform's order API when
its message does not carry them (Douyin shop, WeChat shop and TikTok Shop all send ids only).

Each call is signed as the platform documents it and retried with back-off; a call that keeps
failing leaves the message unacknowledged in JetStream, so it is tried again later (never
lost, never counted without its quantity).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import TYPE_CHECKING, Any

import httpx
import msgspec

from hostconsole.domain.orders import OrderEvent, OrderLine, Platform

if TYPE_CHECKING:
    from hostconsole.hub.platforms import Secrets

log = logging.getLogger(__name__)

ATTEMPTS = 3


class DetailsUnavailableError(Exception):
    """The order's details could not be fetched now; the message waits and is tried again."""


class PlatformApis(msgspec.Struct, frozen=True):
    """Where each platform's order API is (a rehearsal or a test points them at 127.0.0.1)."""

    douyin: str = "https://openapi-fxg.jinritemai.com"
    wechat: str = "https://api.weixin.qq.com"
    tiktok: str = "https://open-api.tiktokglobalshop.com"


def douyin_api_sign(app_key: str, secret: str, method: str, param_json: str, stamp: str) -> str:
    """抖店 OpenAPI's request sign (sign_method hmac-sha256): the parameters sorted by name and
    joined as name+value, wrapped in the secret, HMAC-SHA256 keyed with the secret."""
    joined = f"app_key{app_key}method{method}param_json{param_json}timestamp{stamp}v2"
    return hmac.new(
        secret.encode(), (secret + joined + secret).encode(), hashlib.sha256
    ).hexdigest()


def tiktok_api_sign(secret: str, path: str, params: dict[str, str], body: str = "") -> str:
    """TikTok Shop's request sign: the path and the parameters (but sign and access_token)
    sorted and joined as name+value, then the body, wrapped in the secret, HMAC-SHA256."""
    joined = "".join(f"{k}{params[k]}" for k in sorted(params) if k not in ("sign", "access_token"))
    payload = secret + path + joined + body + secret
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


class OrderDetails:
    """Fetches what a message left out; one client, its connections kept."""

    def __init__(self, secrets: Secrets, apis: PlatformApis) -> None:
        self.secrets = secrets
        self.apis = apis
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(5.0))
        self._wechat_token: tuple[str, float] | None = None
        self.fetched = 0
        self.failed = 0

    async def close(self) -> None:
        await self.client.aclose()

    async def complete(self, event: OrderEvent) -> OrderEvent:
        """The event with its lines and room, fetched with retries."""
        if not event.needs_details:
            return event
        fetch = {
            Platform.DOUYIN: self._douyin,
            Platform.WECHAT: self._wechat,
            Platform.TIKTOK: self._tiktok,
        }[event.platform]
        problem = ""
        for attempt in range(ATTEMPTS):
            try:
                lines, room = await fetch(event)
            except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
                problem = f"{type(error).__name__}: {error}"
                await asyncio.sleep(0.2 * 2**attempt)
                continue
            self.fetched += 1
            return msgspec.structs.replace(
                event, lines=tuple(lines), room=room or event.room, needs_details=False
            )
        self.failed += 1
        raise DetailsUnavailableError(
            f"{event.platform.value} order {event.order_id}: its details could not be fetched "
            f"after {ATTEMPTS} tries ({problem}); the message waits in the hub and is retried"
        )

    def _need(self, name: str) -> str:
        value = self.secrets(name)
        if not value:
            raise ValueError(f"the hub has no {name} set")
        return value

    async def _douyin(self, event: OrderEvent) -> tuple[list[OrderLine], str]:
        app_key = self._need("hub-douyin-app-key")
        secret = self._need("hub-douyin-app-secret")
        method = "order.orderDetail"
        param_json = json.dumps({"shop_order_id": event.order_id}, separators=(",", ":"))
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        params = {
            "app_key": app_key,
            "method": method,
            "access_token": self._need("hub-douyin-access-token"),
            "param_json": param_json,
            "timestamp": stamp,
            "v": "2",
            "sign_method": "hmac-sha256",
            "sign": douyin_api_sign(app_key, secret, method, param_json, stamp),
        }
        answer = await self.client.post(
            f"{self.apis.douyin}/order/orderDetail", params=params, content=param_json
        )
        answer.raise_for_status()
        body: Any = answer.json()
        if body.get("code") != 10000:
            raise ValueError(f"order.orderDetail said {body.get('code')}: {body.get('msg')}")
        detail = body["data"]["shop_order_detail"]
        lines, room = [], ""
        for sku_order in detail.get("sku_order_list", []):
            sku = str(sku_order.get("sku_id") or sku_order.get("product_id"))
            lines.append(OrderLine(sku, int(sku_order.get("item_num", 1))))
            room = room or str(sku_order.get("room_id") or "")
        return lines, room

    async def _wechat_access_token(self) -> str:
        if self._wechat_token is not None and self._wechat_token[1] > time.monotonic():
            return self._wechat_token[0]
        answer = await self.client.get(
            f"{self.apis.wechat}/cgi-bin/token",
            params={
                "grant_type": "client_credential",
                "appid": self._need("hub-wechat-appid"),
                "secret": self._need("hub-wechat-app-secret"),
            },
        )
        answer.raise_for_status()
        body: Any = answer.json()
        token = str(body["access_token"])
        lifetime = float(body.get("expires_in", 7200))
        self._wechat_token = (token, time.monotonic() + max(lifetime - 300, 60))
        return token

    async def _wechat(self, event: OrderEvent) -> tuple[list[OrderLine], str]:
        token = await self._wechat_access_token()
        answer = await self.client.post(
            f"{self.apis.wechat}/channels/ec/order/get",
            params={"access_token": token},
            json={"order_id": event.order_id},
        )
        answer.raise_for_status()
        body: Any = answer.json()
        if body.get("errcode", 0) != 0:
            if body.get("errcode") in (40001, 42001):  # the token expired early: fetch anew
                self._wechat_token = None
            raise ValueError(f"order/get said {body.get('errcode')}: {body.get('errmsg')}")
        detail = body["order"]["order_detail"]
        lines = [
            OrderLine(str(p.get("sku_id") or p.get("product_id")), int(p.get("sku_cnt", 1)))
            for p in detail.get("product_infos", [])
        ]
        room = next(
            (str(s["live_id"]) for s in detail.get("source_infos", []) if s.get("live_id")), ""
        )
        return lines, room

    async def _tiktok(self, event: OrderEvent) -> tuple[list[OrderLine], str]:
        app_key = self._need("hub-tiktok-app-key")
        secret = self._need("hub-tiktok-app-secret")
        path = "/order/202309/orders"
        params = {"app_key": app_key, "timestamp": str(int(time.time())), "ids": event.order_id}
        cipher = self.secrets("hub-tiktok-shop-cipher")
        if cipher:
            params["shop_cipher"] = cipher
        params["sign"] = tiktok_api_sign(secret, path, params)
        answer = await self.client.get(
            f"{self.apis.tiktok}{path}",
            params=params,
            headers={"x-tts-access-token": self._need("hub-tiktok-access-token")},
        )
        answer.raise_for_status()
        body: Any = answer.json()
        if body.get("code") != 0:
            raise ValueError(f"Get Order Detail said {body.get('code')}: {body.get('message')}")
        lines = []
        for order in body["data"]["orders"]:
            for item in order.get("line_items", []):
                # One line item per unit in the 202309 API; a quantity when a shop sends one.
                lines.append(OrderLine(str(item["sku_id"]), int(item.get("quantity", 1))))
        return lines, ""
