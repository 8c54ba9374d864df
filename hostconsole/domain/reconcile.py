"""The ledger against the shop's own export: orders missing on either side, quantities that
differ, refunds one side has and the other has not."""

from __future__ import annotations

import msgspec

# Words of a back office's status column that mean the order did not stay sold.
NOT_SOLD = ("取消", "关闭", "退款", "已退", "cancel", "refund", "closed", "unpaid", "待付款")


def exported_status(text: str) -> str:
    """ "paid", or "refunded" (refunded, cancelled or closed after all), or "unpaid"."""
    lowered = text.lower()
    if "待付款" in text or "unpaid" in lowered or "awaiting payment" in lowered:
        return "unpaid"
    if any(word in lowered for word in NOT_SOLD):
        return "refunded"
    return "paid"


class ExportedOrder(msgspec.Struct, frozen=True):
    order_id: str
    quantity: int
    status: str  # paid, refunded, unpaid
    sku: str = ""
    line: int = 0  # the row in the export


class LedgerOrder(msgspec.Struct, frozen=True):
    order_id: str  # without the hub's "<platform>:" prefix
    quantity: int
    refunded: int = 0


class Reconciliation(msgspec.Struct):
    missing_in_ledger: list[tuple[str, int]] = msgspec.field(
        default_factory=list
    )  # (order, quantity)
    missing_in_export: list[tuple[str, int]] = msgspec.field(default_factory=list)
    quantity_differs: list[tuple[str, int, int]] = msgspec.field(
        default_factory=list
    )  # ledger, export
    refund_differs: list[tuple[str, bool, bool]] = msgspec.field(
        default_factory=list
    )  # ledger, export
    ledger_sold: int = 0
    export_sold: int = 0
    matched: int = 0

    @property
    def agrees(self) -> bool:
        return not (
            self.missing_in_ledger
            or self.missing_in_export
            or self.quantity_differs
            or self.refund_differs
        )

    def to_json(self) -> dict[str, object]:
        return {
            "agrees": self.agrees,
            "matched": self.matched,
            "ledger_sold": self.ledger_sold,
            "export_sold": self.export_sold,
            "missing_in_ledger": [{"order": o, "quantity": q} for o, q in self.missing_in_ledger],
            "missing_in_export": [{"order": o, "quantity": q} for o, q in self.missing_in_export],
            "quantity_differs": [
                {"order": o, "ledger": a, "export": b} for o, a, b in self.quantity_differs
            ],
            "refund_differs": [
                {"order": o, "ledger": a, "export": b} for o, a, b in self.refund_differs
            ],
        }


def plain_order_id(order_id: str) -> str:
    """The platform's own id of an order the hub named "<platform>:<id>"."""
    head, sep, rest = order_id.partition(":")
    return rest if sep and head in ("douyin", "wechat", "tiktok", "generic") else order_id


def reconcile(ledger: list[LedgerOrder], export: list[ExportedOrder]) -> Reconciliation:
    result = Reconciliation()
    exported: dict[str, list[ExportedOrder]] = {}
    for row in export:
        if row.status != "unpaid":
            exported.setdefault(row.order_id, []).append(row)
    ours = {plain_order_id(order.order_id): order for order in ledger}
    result.ledger_sold = sum(order.quantity for order in ours.values())
    result.export_sold = sum(row.quantity for rows in exported.values() for row in rows)
    for order_id, rows in sorted(exported.items()):
        quantity = sum(row.quantity for row in rows)
        mine = ours.get(order_id)
        if mine is None:
            result.missing_in_ledger.append((order_id, quantity))
            continue
        result.matched += 1
        if mine.quantity != quantity:
            result.quantity_differs.append((order_id, mine.quantity, quantity))
        refunded_there = all(row.status == "refunded" for row in rows)
        if bool(mine.refunded) != refunded_there:
            result.refund_differs.append((order_id, bool(mine.refunded), refunded_there))
    for order_id, mine in sorted(ours.items()):
        if order_id not in exported:
            result.missing_in_export.append((order_id, mine.quantity))
    return result
