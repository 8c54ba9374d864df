"""Importing run sheets from spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.runsheet_csv import import_runsheet_csv, parse_runsheet_csv
from hostconsole.adapters.storage.showfile import ShowFileError, parse_show_text

if TYPE_CHECKING:
    from pathlib import Path


def test_excel_csv_with_bom_and_chinese_headers() -> None:
    data = "\ufeff标题,时长,场景,备注\r\n开场,2m,Opening,问候\r\n讲解,1:30,Studio,\r\n".encode()
    imported = parse_runsheet_csv(data, "sheet.csv", "测试")
    assert [s.title for s in imported.show.segments] == ["开场", "讲解"]
    assert [s.duration for s in imported.show.segments] == [120, 90]
    assert imported.show.segments[0].notes == "问候"
    reparsed = parse_show_text(imported.yaml_text, "x.yaml")
    assert reparsed == imported.show


def test_semicolon_separated_english_sheet_with_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "Run sheet.csv"
    path.write_text(
        "id;Title;Duration;Scene;Hard start;End action\n"
        "intro;Intro;90s;Main;19:30;next\nsell;Sell;5m;Drop;;hold\n",
        encoding="utf-8",
    )
    show = import_runsheet_csv(path).show
    assert show.title == "Run sheet"
    assert [s.id for s in show.segments] == ["intro", "sell"]
    assert show.segments[0].hard_start is not None


def test_every_bad_cell_is_located_by_row_and_column() -> None:
    data = b"title,duration,end_action\nA,five,hold\n,1m,later\nC,-2m,next\n"
    with pytest.raises(ShowFileError) as caught:
        parse_runsheet_csv(data, "sheet.csv", "t")
    assert [str(e) for e in caught.value.errors] == [
        "sheet.csv:2:2: duration: expected a duration like 90s, 5m or 1:30, got 'five'",
        "sheet.csv:3:1: title: the title is empty",
        "sheet.csv:3:3: end_action: expected 'hold' or 'next', got 'later'",
        "sheet.csv:4:2: duration: a duration cannot be negative, got '-2m'",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04\x00\x00", r"binary file \(perhaps \.xlsx\)"),
        ("标题,时长\n开场,2m\n".encode("gbk"), "CSV UTF-8"),
        (b"title,length\nA,2m\n", "missing column 'duration'"),
        (b"title,duration\n", "no segments"),
    ],
)
def test_sheets_that_cannot_be_imported(data: bytes, message: str) -> None:
    with pytest.raises(ShowFileError, match=message):
        parse_runsheet_csv(data, "sheet.csv", "t")
