"""``hostconsole reconcile``: a show's ledger against the shop's order export, written beside
the ledger (reconcile.json) so the report shows it."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from hostconsole.adapters.storage.ledger_db import LedgerFile
from hostconsole.adapters.storage.orders_export import read_export
from hostconsole.domain.ledger import EntryKind
from hostconsole.domain.reconcile import LedgerOrder, Reconciliation, reconcile

if TYPE_CHECKING:
    from pathlib import Path

RECONCILE_FILE = "reconcile.json"


def ledger_orders(ledger: Path) -> list[LedgerOrder]:
    """Each sold order of the ledger with its quantity and what of it was refunded."""
    store = LedgerFile(ledger)
    try:
        entries = store.entries_of((EntryKind.SALE, EntryKind.REFUND))
    finally:
        store.close()
    sold: dict[str, int] = {}
    refunded: dict[str, int] = {}
    for entry in entries:
        if entry.order_id is None:
            continue
        target = sold if entry.kind is EntryKind.SALE else refunded
        target[entry.order_id] = entry.amount
    return [
        LedgerOrder(order, quantity, refunded.get(order, 0)) for order, quantity in sold.items()
    ]


def reconcile_show(
    ledger: Path, export: Path, platform: str, columns: dict[str, str]
) -> Reconciliation:
    result = reconcile(ledger_orders(ledger), read_export(export, platform, columns))
    target = ledger.parent / RECONCILE_FILE
    partial = target.with_name(f".{target.name}.partial")
    body = {"export": str(export), "platform": platform, **result.to_json()}
    partial.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, target)
    return result
