"""A merchant back office's order export (CSV or XLSX) read as rows of named columns.

Each platform names its columns in its own words; ``COLUMNS`` says which column holds the
order id, the quantity, the status and the SKU for each (docs/hub.md shows them), and any of
them can be named outright (``--column order=…``).
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from hostconsole.domain.reconcile import ExportedOrder, exported_status

if TYPE_CHECKING:
    from pathlib import Path

# (order id, quantity, status, SKU) column names in each platform's order export.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "douyin": {
        "order": ("主订单编号", "订单编号", "订单号"),
        "quantity": ("商品数量", "数量"),
        "status": ("订单状态",),
        "sku": ("商品ID", "SKU ID", "商家编码"),
    },
    "wechat": {
        "order": ("订单号", "订单编号"),
        "quantity": ("商品数量", "数量"),
        "status": ("订单状态",),
        "sku": ("SKU ID", "商品ID", "SKU编码"),
    },
    "tiktok": {
        "order": ("Order ID",),
        "quantity": ("Quantity",),
        "status": ("Order Status", "Order Substatus"),
        "sku": ("SKU ID", "Seller SKU"),
    },
    "generic": {
        "order": ("order_id",),
        "quantity": ("quantity",),
        "status": ("status",),
        "sku": ("sku",),
    },
}


class ExportError(Exception):
    """The export cannot be read as orders; the message names the file and what is wrong."""


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook  # only for a spreadsheet: ~0.2 s to import

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a file that is not one
            raise ExportError(f"{path}: not a readable spreadsheet ({error})") from None
        sheet = book.worksheets[0]
        rows = [["" if v is None else str(v).strip() for v in row] for row in sheet.values]
        book.close()
        return rows
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Chinese back offices export either
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ExportError(f"{path}: neither UTF-8 nor GB18030 text")
    return [[cell.strip() for cell in row] for row in csv.reader(text.splitlines())]


def read_export(path: Path, platform: str, columns: dict[str, str]) -> list[ExportedOrder]:
    """The export's rows as orders (one per row: an order with two SKUs has two rows)."""
    rows = _rows(path)
    if not rows:
        raise ExportError(f"{path}: empty")
    header = [name.strip().lstrip("\ufeff") for name in rows[0]]
    wanted = COLUMNS.get(platform, COLUMNS["generic"])
    where: dict[str, int] = {}
    for role in ("order", "quantity", "status", "sku"):
        names = (columns[role],) if role in columns else wanted[role]
        index = next((header.index(n) for n in names if n in header), None)
        if index is None:
            if role in ("order", "quantity"):
                raise ExportError(
                    f"{path}: no column {' or '.join(repr(n) for n in names)} "
                    f"(name it with --column {role}=NAME)"
                )
            continue
        where[role] = index
    orders = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue

        def cell(role: str, row: list[str] = row) -> str:
            index = where.get(role)
            return row[index] if index is not None and index < len(row) else ""

        order_id = cell("order").lstrip("'\t")  # spreadsheets keep long ids as text this way
        if not order_id:
            continue
        try:
            quantity = int(float(cell("quantity") or "1"))
        except ValueError:
            raise ExportError(f"{path}:{number}: quantity {cell('quantity')!r}") from None
        orders.append(
            ExportedOrder(order_id, quantity, exported_status(cell("status")), cell("sku"), number)
        )
    return orders
