"""Each shop platform's order messages: its signature checked as the platform documents it, its
replay window, its answer, and the message turned into order events.

Nothing here does I/O: the server (``hub.server``) hands a request's parts in and sends the
answer out. Facts per platform are in docs/hub.md with where they come from.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
import time
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from hostconsole.domain.orders import OrderEvent, OrderLine, OrderStatus, Platform

Secrets = Callable[[str], str | None]  # a secret's name → its value (keyring or environment)

# How far a signed timestamp may be from the hub's clock. A platform that signs the time of
# each delivery (WeChat, the generic webhook) gets five minutes; one that signs the time of
# the event and retries for days (TikTok Shop: 72 hours) gets its retry period and an hour.
DELIVERY_WINDOW = 300.0
TIKTOK_WINDOW = 73 * 3600.0
DOUYIN_MAX_AGE = 73 * 3600.0  # Douyin signs no time: an event older than this is refused


class MessageRefusedError(Exception):
    """The message is not accepted; ``status`` is the HTTP answer and the message says why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


class Request(msgspec.Struct, frozen=True):
    """What a platform sent: enough to verify and read it."""

    method: str
    headers: Mapping[str, str]  # case-insensitive in the server; lower-case keys here
    query: Mapping[str, str]
    body: bytes
    received_at: float = msgspec.field(default_factory=time.time)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class Accepted(msgspec.Struct, frozen=True):
    """A verified message: its id (to de-duplicate on), the order events read from it, and
    what to answer the platform so it stops retrying."""

    message_id: str
    events: tuple[OrderEvent, ...]
    answer: bytes
    content_type: str = "application/json"


def _equal(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.strip().encode())


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise MessageRefusedError(400, "the body is not JSON") from None


def _secret(secrets: Secrets, name: str) -> str:
    value = secrets(name)
    if not value:
        raise MessageRefusedError(503, f"the hub has no {name} set (hostconsole hub secret {name})")
    return value


def _text_id(value: object, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
        raise MessageRefusedError(400, f"no {what} in the message")
    text = str(value)
    if len(text) > 200:
        raise MessageRefusedError(400, f"the {what} is longer than 200 characters")
    return text


def _quantity(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 100_000:
        raise MessageRefusedError(
            400, f"a quantity must be a whole number from 1 to 100000, got {value!r}"
        )
    return value


def _within(stamp: float, now: float, window: float) -> None:
    if abs(now - stamp) > window:
        raise MessageRefusedError(
            401, f"the message's time is {now - stamp:+.0f} s off (a replay?)"
        )


# --- the generic signed webhook -----------------------------------------------------------


def generic_signature(secret: str, timestamp: str, body: bytes) -> str:
    """The generic webhook's signature: HMAC-SHA256 over "<timestamp>." and the raw body."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


GENERIC_STATUSES = {s.value: s for s in OrderStatus}


def read_generic(request: Request, secrets: Secrets) -> Accepted:
    timestamp = request.header("X-HC-Timestamp")
    signature = request.header("X-HC-Signature")
    if not timestamp or not signature:
        raise MessageRefusedError(401, "unsigned: X-HC-Timestamp and X-HC-Signature are required")
    try:
        stamp = float(timestamp)
    except ValueError:
        raise MessageRefusedError(401, "X-HC-Timestamp is not a number of seconds") from None
    secret = _secret(secrets, "hub-generic-secret")
    if not _equal(generic_signature(secret, timestamp, request.body), signature):
        raise MessageRefusedError(401, "wrong signature")
    _within(stamp, request.received_at, DELIVERY_WINDOW)
    body = _json(request.body)
    if not isinstance(body, dict) or not isinstance(body.get("orders"), list):
        raise MessageRefusedError(400, "expected {id, shop, orders: [...]}")
    message_id = _text_id(body.get("id"), "message id")
    shop = _text_id(body.get("shop"), "shop")
    events = []
    for order in body["orders"]:
        if not isinstance(order, dict):
            raise MessageRefusedError(400, "an order is not an object")
        status = GENERIC_STATUSES.get(str(order.get("status", "")))
        if status is None:
            raise MessageRefusedError(400, f"unknown order status {order.get('status')!r}")
        lines = order.get("lines", [])
        if not isinstance(lines, list):
            raise MessageRefusedError(400, "an order's lines are not a list")
        read_lines = []
        for line in lines:
            if not isinstance(line, dict):
                raise MessageRefusedError(400, "an order line is not an object")
            read_lines.append(
                OrderLine(_text_id(line.get("sku"), "SKU"), _quantity(line.get("quantity", 1)))
            )
        at = order.get("at")
        events.append(
            OrderEvent(
                Platform.GENERIC,
                shop,
                _text_id(order.get("order_id"), "order id"),
                status,
                tuple(read_lines),
                str(order.get("room", "") or ""),
                float(at) if isinstance(at, int | float) and not isinstance(at, bool) else None,
            )
        )
    return Accepted(f"generic:{message_id}", tuple(events), b'{"ok":true}')


# --- Douyin shop (抖店) message push --------------------------------------------------------

# Message tags this hub reads (抖店 open platform, message push): the rest are answered and
# not counted.
DOUYIN_PAID = "101"  # trade_TradePaid: an order was paid
DOUYIN_CANCELLED = "106"  # trade_TradeCanceled
DOUYIN_REFUNDED = "206"  # refund_RefundSuccess: money went back to the buyer
DOUYIN_STATUSES = {
    DOUYIN_PAID: OrderStatus.PAID,
    DOUYIN_CANCELLED: OrderStatus.CANCELLED,
    DOUYIN_REFUNDED: OrderStatus.REFUNDED,
}
DOUYIN_ANSWER = b'{"code":0,"msg":"success"}'


def douyin_signature(app_key: str, app_secret: str, body: bytes, method: str = "md5") -> str:
    """抖店's event-sign: MD5 (or HMAC-SHA256 keyed with the secret, when the push says
    sign-method: hmac-sha256) of app key + raw body + app secret, in hex."""
    payload = app_key.encode() + body + app_secret.encode()
    if method == "hmac-sha256":
        return hmac.new(app_secret.encode(), payload, hashlib.sha256).hexdigest()
    return hashlib.md5(payload, usedforsecurity=False).hexdigest()


def read_douyin(request: Request, secrets: Secrets) -> Accepted:
    signature = request.header("event-sign")
    app_key = request.header("app-id")
    if not signature or not app_key:
        raise MessageRefusedError(401, "unsigned: event-sign and app-id are required")
    expected_key = _secret(secrets, "hub-douyin-app-key")
    if app_key != expected_key:
        raise MessageRefusedError(401, "the message is for another app")
    method = request.header("sign-method").lower() or "md5"
    if method not in ("md5", "hmac-sha256"):
        raise MessageRefusedError(401, f"unknown sign-method {method!r}")
    secret = _secret(secrets, "hub-douyin-app-secret")
    if not _equal(douyin_signature(app_key, secret, request.body, method), signature):
        raise MessageRefusedError(401, "wrong signature")
    body = _json(request.body)
    if not isinstance(body, list):
        raise MessageRefusedError(400, "expected a list of messages")
    events, ids = [], []
    for message in body:
        if not isinstance(message, dict):
            raise MessageRefusedError(400, "a message is not an object")
        tag = str(message.get("tag", ""))
        ids.append(_text_id(message.get("msg_id", tag), "msg_id"))
        status = DOUYIN_STATUSES.get(tag)
        if status is None:
            continue  # the test message (tag 0) and events this hub does not count
        raw = message.get("data")
        data = _json(raw.encode()) if isinstance(raw, str) else raw
        if not isinstance(data, dict):
            raise MessageRefusedError(400, "a message's data is not an object")
        when = next(
            (data[k] for k in ("pay_time", "cancel_time", "update_time") if k in data), None
        )
        at = float(when) if isinstance(when, int | float) and not isinstance(when, bool) else None
        if at is not None and request.received_at - at > DOUYIN_MAX_AGE:
            raise MessageRefusedError(
                401, "the event is older than Douyin's retry period (a replay?)"
            )
        events.append(
            OrderEvent(
                Platform.DOUYIN,
                _text_id(data.get("shop_id"), "shop_id"),
                _text_id(data.get("p_id"), "p_id"),
                status,
                at=at,
                needs_details=True,  # quantities, SKUs and the live room: order.orderDetail
            )
        )
    return Accepted("douyin:" + ",".join(ids), tuple(events), DOUYIN_ANSWER)


# --- WeChat shop (微信小店) message push: safe mode, JSON ------------------------------------

WECHAT_PAID = "channels_ec_order_pay"
WECHAT_CANCELLED = "channels_ec_order_cancel"
WECHAT_AFTERSALE = "channels_ec_aftersale_update"


def wechat_signature(*parts: str) -> str:
    """WeChat's signature: SHA-1 of the parts sorted and joined (token, timestamp, nonce, and
    for a message msg_signature also its Encrypt)."""
    return hashlib.sha1("".join(sorted(parts)).encode(), usedforsecurity=False).hexdigest()


def wechat_key(encoding_aes_key: str) -> bytes:
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except ValueError:
        raise MessageRefusedError(
            503, "the hub's WeChat EncodingAESKey is not 43 base64 characters"
        ) from None
    if len(key) != 32:
        raise MessageRefusedError(
            503, "the hub's WeChat EncodingAESKey is not 43 base64 characters"
        )
    return key


def wechat_decrypt(key: bytes, encrypted: str, appid: str) -> bytes:
    """AES-256-CBC (IV = the key's first 16 bytes), PKCS#7 to 32 bytes; the plain text is
    16 random bytes, the message's length (4 bytes, big-endian), the message, the appid."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    try:
        data = base64.b64decode(encrypted, validate=True)
    except ValueError:
        raise MessageRefusedError(400, "Encrypt is not base64") from None
    if not data or len(data) % 16:
        raise MessageRefusedError(400, "Encrypt is not whole AES blocks")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    plain = decryptor.update(data) + decryptor.finalize()
    pad = plain[-1]
    if not 1 <= pad <= 32 or len(plain) < 20 + pad:
        raise MessageRefusedError(400, "Encrypt does not decrypt with the hub's EncodingAESKey")
    plain = plain[:-pad]
    (length,) = struct.unpack(">I", plain[16:20])
    message, sender = plain[20 : 20 + length], plain[20 + length :]
    if len(message) != length or sender.decode("utf-8", "replace") != appid:
        raise MessageRefusedError(401, "the message is for another app (appid)")
    return message


def wechat_encrypt(key: bytes, message: bytes, appid: str, random16: bytes) -> str:
    """The platform's side of wechat_decrypt (for the rehearsal mode and the tests)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    plain = random16 + struct.pack(">I", len(message)) + message + appid.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def wechat_echo(request: Request, secrets: Secrets) -> bytes:
    """The address check when the push is set up: GET with signature over token, timestamp
    and nonce; the answer is echostr as it came."""
    token = _secret(secrets, "hub-wechat-token")
    query = request.query
    needed = ("signature", "timestamp", "nonce", "echostr")
    if any(not query.get(name) for name in needed):
        raise MessageRefusedError(
            401, "unsigned: signature, timestamp, nonce and echostr are required"
        )
    expected = wechat_signature(token, query["timestamp"], query["nonce"])
    if not _equal(expected, query["signature"]):
        raise MessageRefusedError(401, "wrong signature")
    return query["echostr"].encode()


def read_wechat(request: Request, secrets: Secrets) -> Accepted:
    query = request.query
    if any(not query.get(name) for name in ("msg_signature", "timestamp", "nonce")):
        raise MessageRefusedError(401, "unsigned: msg_signature, timestamp and nonce are required")
    token = _secret(secrets, "hub-wechat-token")
    body = _json(request.body)
    if not isinstance(body, dict) or not isinstance(body.get("Encrypt"), str):
        raise MessageRefusedError(400, "expected the safe mode's {ToUserName, Encrypt}")
    expected = wechat_signature(token, query["timestamp"], query["nonce"], body["Encrypt"])
    if not _equal(expected, query["msg_signature"]):
        raise MessageRefusedError(401, "wrong signature")
    try:
        stamp = float(query["timestamp"])
    except ValueError:
        raise MessageRefusedError(401, "timestamp is not a number of seconds") from None
    _within(stamp, request.received_at, DELIVERY_WINDOW)
    key = wechat_key(_secret(secrets, "hub-wechat-aes-key"))
    appid = _secret(secrets, "hub-wechat-appid")
    message = _json(wechat_decrypt(key, body["Encrypt"], appid))
    if not isinstance(message, dict):
        raise MessageRefusedError(400, "the decrypted message is not an object")
    event = str(message.get("Event", ""))
    shop = str(message.get("ToUserName", "") or body.get("ToUserName", ""))
    created = message.get("CreateTime", 0)
    events: tuple[OrderEvent, ...] = ()
    order: Any = None
    status = None
    if event in (WECHAT_PAID, WECHAT_CANCELLED):
        order = message.get("order_info")
        status = OrderStatus.PAID if event == WECHAT_PAID else OrderStatus.CANCELLED
    elif event == WECHAT_AFTERSALE:
        order = message.get("finder_shop_aftersale_status_update")
        if isinstance(order, dict) and "REFUND_SUCCESS" in str(order.get("status", "")):
            status = OrderStatus.REFUNDED
    if status is not None:
        if not isinstance(order, dict):
            raise MessageRefusedError(400, f"{event} without its order")
        events = (
            OrderEvent(
                Platform.WECHAT,
                _text_id(shop, "ToUserName"),
                _text_id(order.get("order_id"), "order_id"),
                status,
                at=float(created) if isinstance(created, int) else None,
                needs_details=True,  # products, quantities and the live: /channels/ec/order/get
            ),
        )
    order_id = order.get("order_id", "") if isinstance(order, dict) else ""
    message_id = f"wechat:{shop}:{created}:{event}:{order_id}"
    return Accepted(message_id, events, b"success", "text/plain")


# --- TikTok Shop webhooks ---------------------------------------------------------------------

TIKTOK_ORDER_STATUS = 1  # webhook type: an order's status changed
TIKTOK_RETURN_STATUS = 12  # webhook type: a return or refund's status changed
TIKTOK_PAID_STATUSES = {
    "AWAITING_SHIPMENT",
    "AWAITING_COLLECTION",
    "PARTIALLY_SHIPPING",
    "IN_TRANSIT",
    "DELIVERED",
    "COMPLETED",
}


def tiktok_signature(app_key: str, app_secret: str, body: bytes) -> str:
    """TikTok Shop's webhook Authorization: HMAC-SHA256 keyed with the app secret over the app
    key and the raw body, in hex."""
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


def read_tiktok(request: Request, secrets: Secrets) -> Accepted:
    signature = request.header("Authorization")
    if not signature:
        raise MessageRefusedError(401, "unsigned: Authorization is required")
    app_key = _secret(secrets, "hub-tiktok-app-key")
    secret = _secret(secrets, "hub-tiktok-app-secret")
    if not _equal(tiktok_signature(app_key, secret, request.body), signature):
        raise MessageRefusedError(401, "wrong signature")
    body = _json(request.body)
    if not isinstance(body, dict):
        raise MessageRefusedError(400, "expected a notification object")
    stamp = body.get("timestamp")
    if isinstance(stamp, bool) or not isinstance(stamp, int | float):
        raise MessageRefusedError(401, "no timestamp in the notification")
    _within(float(stamp), request.received_at, TIKTOK_WINDOW)
    notification = _text_id(body.get("tts_notification_id"), "tts_notification_id")
    data = body.get("data")
    if not isinstance(data, dict):
        raise MessageRefusedError(400, "a notification without data")
    kind = body.get("type")
    status = None
    if kind == TIKTOK_ORDER_STATUS:
        order_status = str(data.get("order_status", ""))
        if order_status in TIKTOK_PAID_STATUSES:
            status = OrderStatus.PAID
        elif order_status == "CANCELLED":
            status = OrderStatus.CANCELLED
    elif kind == TIKTOK_RETURN_STATUS and str(data.get("return_status", "")).endswith("COMPLETE"):
        status = OrderStatus.REFUNDED
    events: tuple[OrderEvent, ...] = ()
    if status is not None:
        events = (
            OrderEvent(
                Platform.TIKTOK,
                _text_id(body.get("shop_id"), "shop_id"),
                _text_id(data.get("order_id"), "order_id"),
                status,
                at=float(stamp),
                needs_details=True,  # the lines: Get Order Detail (/order/202309/orders)
            ),
        )
    return Accepted(f"tiktok:{notification}", events, b'{"code":0,"message":"success"}')


READERS: dict[Platform, Callable[[Request, Secrets], Accepted]] = {
    Platform.GENERIC: read_generic,
    Platform.DOUYIN: read_douyin,
    Platform.WECHAT: read_wechat,
    Platform.TIKTOK: read_tiktok,
}
