"""Import a run sheet kept in a spreadsheet (CSV, as Excel or WPS writes it) as a show file."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import msgspec

from hostconsole.adapters.storage.showfile import (
    MAX_SHOW_BYTES,
    LocatedError,
    ShowFileError,
    parse_show_text,
)
from hostconsole.domain.durations import DurationError, parse_duration, parse_time_of_day
from hostconsole.domain.show import FORMAT_TAG, EndAction, Show

# Column names a producer may use, in English or Chinese, mapped to show-file fields.
COLUMN_ALIASES: dict[str, str] = {
    "id": "id",
    "编号": "id",
    "title": "title",
    "segment": "title",
    "标题": "title",
    "环节": "title",
    "title_en": "title_en",
    "英文标题": "title_en",
    "duration": "duration",
    "时长": "duration",
    "scene": "scene",
    "场景": "scene",
    "notes": "notes",
    "备注": "notes",
    "hard_start": "hard_start",
    "hard start": "hard_start",
    "定时开始": "hard_start",
    "end_action": "end_action",
    "end action": "end_action",
    "结束动作": "end_action",
}
REQUIRED_COLUMNS = ("title", "duration")


class ImportedRunSheet(msgspec.Struct, frozen=True):
    show: Show
    yaml_text: str


def _fail(file: str, line: int, column: int, message: str, path: str = "") -> LocatedError:
    return LocatedError(file, line, column, path, message)


def import_runsheet_csv(path: str | Path, title: str | None = None) -> ImportedRunSheet:
    """Read a CSV run sheet; ShowFileError lists every bad cell by row and column."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ShowFileError(
            [_fail(file, 1, 1, f"cannot read the file: {error.strerror}")]
        ) from None
    return parse_runsheet_csv(data, file, title or Path(path).stem)


def parse_runsheet_csv(data: bytes, file: str, title: str) -> ImportedRunSheet:
    if len(data) > MAX_SHOW_BYTES:
        raise ShowFileError([_fail(file, 1, 1, "the file is too large for a run sheet")])
    if b"\x00" in data[:8192]:
        raise ShowFileError(
            [
                _fail(
                    file, 1, 1, "this is a binary file (perhaps .xlsx); save the sheet as CSV UTF-8"
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ShowFileError(
            [
                _fail(
                    file,
                    line,
                    1,
                    "the file is not UTF-8; in Excel choose 'CSV UTF-8 (comma delimited)'",
                )
            ]
        ) from None
    if not text.strip():
        raise ShowFileError([_fail(file, 1, 1, "the file is empty")])
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    header = [cell.strip() for cell in rows[0]]
    columns: dict[str, int] = {}
    errors: list[LocatedError] = []
    for number, name in enumerate(header):
        field_name = COLUMN_ALIASES.get(name.lower()) or COLUMN_ALIASES.get(name)
        if field_name is None:
            if name:
                known = ", ".join(sorted({v for v in COLUMN_ALIASES.values()}))
                errors.append(
                    _fail(file, 1, number + 1, f"unknown column '{name}' (known: {known})")
                )
            continue
        if field_name in columns:
            errors.append(_fail(file, 1, number + 1, f"column '{name}' appears twice"))
        columns[field_name] = number
    for required in REQUIRED_COLUMNS:
        if required not in columns:
            errors.append(_fail(file, 1, 1, f"missing column '{required}'"))
    if errors:
        raise ShowFileError(errors)

    segments: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for row_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        def where(name: str) -> int:
            return columns[name] + 1

        segment: dict[str, Any] = {}
        segment_id = cell("id") or f"seg-{len(segments) + 1:02d}"
        if segment_id in used_ids:
            column = where("id") if "id" in columns else 1
            errors.append(_fail(file, row_number, column, f"duplicate id '{segment_id}'", "id"))
        used_ids.add(segment_id)
        segment["id"] = segment_id
        segment["title"] = cell("title")
        if not segment["title"]:
            errors.append(_fail(file, row_number, where("title"), "the title is empty", "title"))
        if cell("title_en"):
            segment["title_en"] = cell("title_en")
        duration_text = cell("duration")
        try:
            seconds = parse_duration(duration_text)
            if seconds <= 0:
                raise DurationError("a segment needs a duration above zero")
            segment["duration"] = duration_text
        except DurationError as error:
            errors.append(_fail(file, row_number, where("duration"), str(error), "duration"))
        if cell("hard_start"):
            try:
                parse_time_of_day(cell("hard_start"))
                segment["hard_start"] = cell("hard_start")
            except DurationError as error:
                errors.append(
                    _fail(file, row_number, where("hard_start"), str(error), "hard_start")
                )
        if cell("end_action"):
            action = cell("end_action").lower()
            if action not in {a.value for a in EndAction}:
                errors.append(
                    _fail(
                        file,
                        row_number,
                        where("end_action"),
                        f"expected 'hold' or 'next', got {cell('end_action')!r}",
                        "end_action",
                    )
                )
            segment["end_action"] = action
        if cell("scene"):
            segment["scene"] = cell("scene")
        if cell("notes"):
            segment["notes"] = cell("notes")
        segments.append(segment)
    if not segments and not errors:
        errors.append(_fail(file, 2, 1, "the sheet has a header but no segments"))
    if errors:
        raise ShowFileError(errors)

    yaml_text = _show_yaml(title, segments)
    return ImportedRunSheet(show=parse_show_text(yaml_text, file), yaml_text=yaml_text)


def _show_yaml(title: str, segments: list[dict[str, Any]]) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    document = CommentedMap()
    document["format"] = FORMAT_TAG
    document["title"] = title
    items = CommentedSeq()
    for segment in segments:
        node = CommentedMap()
        node.update(segment)
        items.append(node)
    document["segments"] = items
    document.yaml_set_start_comment("Imported from a spreadsheet run sheet by Host Console.")
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()
