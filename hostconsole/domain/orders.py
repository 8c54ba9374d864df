"""Shop orders as the hub reads them from any platform, and which show each one counts for.

A platform message becomes one or more ``OrderEvent``s (paid, refunded, cancelled) with the
lines the order holds; ``route`` finds the shows whose platform mapping (shop, live rooms,
SKUs) claims it, and what each counts. Pure: the platforms' signatures and HTTP live in
``hostconsole.hub``.
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum

import msgspec


class Platform(StrEnum):
    DOUYIN = "douyin"  # 抖店 (Douyin shop) message push
    WECHAT = "wechat"  # 微信小店 (WeChat Channels shop) message push
    TIKTOK = "tiktok"  # TikTok Shop webhooks
    GENERIC = "generic"  # any other shop system, signed with HMAC-SHA256 (docs/hub.md)


class OrderStatus(StrEnum):
    PAID = "paid"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"


class OrderLine(msgspec.Struct, frozen=True):
    sku: str  # the platform's SKU (or product) id
    quantity: int


class OrderEvent(msgspec.Struct, frozen=True):
    """One change of one order, as the platform reported it."""

    platform: Platform
    shop: str
    order_id: str
    status: OrderStatus
    lines: tuple[OrderLine, ...] = ()
    room: str = ""  # the live room the order came from, where the platform says
    at: float | None = None  # the platform's own time of the change (epoch seconds)
    # True when the message lacked the lines (or the room) and the hub must fetch the order's
    # details with a second call before it can be routed.
    needs_details: bool = False


class ShopMapping(msgspec.Struct, frozen=True):
    """One shop of a show's ``platform:`` section: which of its orders are the show's."""

    platform: Platform
    shop: str
    rooms: tuple[str, ...] = ()  # live room ids; empty: every order of the shop
    skus: tuple[tuple[str, str], ...] = ()  # (platform SKU, the show's product id); empty: all

    def product_of(self, sku: str) -> str | None:
        for platform_sku, product in self.skus:
            if platform_sku == sku:
                return product
        return None


class Routed(msgspec.Struct, frozen=True):
    """What one order event counts for in one show."""

    show: str  # the show's id
    order_id: str  # as the console keys it: "<platform>:<order id>"
    status: OrderStatus
    quantity: int
    product: str | None
    at: float | None
    room: str


def console_order_id(event: OrderEvent) -> str:
    """Orders of different platforms never share an id in a show's ledger."""
    return f"{event.platform.value}:{event.order_id}"


def route(event: OrderEvent, shows: dict[str, tuple[ShopMapping, ...]]) -> list[Routed]:
    """The shows this order event counts for, each with its quantity and product."""
    routed = []
    for show, mappings in shows.items():
        for mapping in mappings:
            if mapping.platform is not event.platform or mapping.shop != event.shop:
                continue
            if mapping.rooms and event.room not in mapping.rooms:
                continue
            quantity, product = _counted(event, mapping)
            if quantity <= 0:
                continue
            routed.append(
                Routed(
                    show,
                    console_order_id(event),
                    event.status,
                    quantity,
                    product,
                    event.at,
                    event.room,
                )
            )
            break  # one mapping per show counts an order once
    return routed


def _counted(event: OrderEvent, mapping: ShopMapping) -> tuple[int, str | None]:
    """The quantity of the order's lines the mapping claims, and their product (the first)."""
    if not mapping.skus:
        quantity = sum(line.quantity for line in event.lines) if event.lines else 1
        return quantity, None
    quantity, product = 0, None
    for line in event.lines:
        mapped = mapping.product_of(line.sku)
        if mapped is not None:
            quantity += line.quantity
            product = product or mapped
    return quantity, product


_SUBJECT_SAFE = re.compile(r"[A-Za-z0-9_-]+")


def subject_token(show_id: str) -> str:
    """A show's id as one token of a NATS subject (letters, digits, '-' and '_'); any other
    id is hashed so that two shows never share a subject."""
    if _SUBJECT_SAFE.fullmatch(show_id) and len(show_id) <= 64:
        return show_id
    digest = hashlib.sha256(show_id.encode("utf-8")).hexdigest()[:24]
    return f"h-{digest}"
