"""Loading, validating and saving show files."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from hostconsole.adapters.storage.showfile import (
    ShowDocument,
    ShowFileError,
    load_show,
    parse_show_text,
)
from hostconsole.domain.show import EndAction, OverlayKind

if TYPE_CHECKING:
    from pathlib import Path

HEADER = "format: hostconsole-show/1\ntitle: 测试节目\n"


def errors_of(text: str) -> list[str]:
    with pytest.raises(ShowFileError) as caught:
        parse_show_text(text, "t.show.yaml")
    return [str(error) for error in caught.value.errors]


def test_demo_show_loads_with_everything_it_promises(demo_show_path: Path) -> None:
    show = load_show(demo_show_path)
    assert show.title.startswith("嘉定购物节")
    assert next(h.title for h in show.hosts) == "嘉定区副区长"
    assert len(show.products) >= 2
    assert all(p.voucher is not None and p.purchase_url for p in show.products)
    driverless = show.segment("driverless")
    assert [p.id for p in show.points_for_segment(driverless)] == ["l4", "sensors", "safety"]
    assert show.segment("voucher-drop").hard_start is not None
    assert show.segment("opening").end_action is EndAction.NEXT
    assert {o.kind for o in show.overlays} >= {OverlayKind.COUNTER, OverlayKind.LOWER_THIRD}
    assert show.planned_total == 24 * 60


def test_error_names_file_line_column_and_field_path() -> None:
    text = HEADER + "segments:\n  - id: a\n    title: A\n    duration: five\n"
    assert errors_of(text) == [
        "t.show.yaml:6:15: segments[0].duration: "
        "expected a duration like 90s, 5m or 1:30, got 'five'"
    ]


def test_all_errors_are_reported_at_once() -> None:
    text = HEADER + (
        "venue: [not, text]\n"
        "segments:\n"
        "  - id: a\n    title: A\n    duration: -5m\n    colour: red\n"
        "  - id: a\n    title: B\n    duration: 2m\n    products: [ghost]\n"
        "  - title: C\n    duration: 1m\n    end_action: later\n"
    )
    errors = errors_of(text)
    assert len(errors) == 7, errors
    joined = "\n".join(errors)
    assert "t.show.yaml:3:8: venue: expected text, got a list" in joined
    assert "segments[0].duration: a duration cannot be negative" in joined
    assert "t.show.yaml:8:5: segments[0].colour: unknown field 'colour'" in joined
    assert "segments[1].id: duplicate id 'a'" in joined
    assert "segments[1].products[0]: no product with id 'ghost'" in joined
    assert "segments[2]: missing required field 'id'" in joined
    assert "segments[2].end_action: expected 'hold' or 'next', got 'later'" in joined


def test_unknown_key_suggests_the_near_one() -> None:
    text = HEADER + "segments:\n  - id: a\n    title: A\n    duraton: 1m\n"
    joined = "\n".join(errors_of(text))
    assert "unknown field 'duraton' (did you mean 'duration'?)" in joined
    assert "missing required field 'duration'" in joined


def test_dangling_references_of_every_kind() -> None:
    text = HEADER + (
        "talking_points:\n  - id: p\n    headline: H\n    product: nope\n"
        "segments:\n  - id: a\n    title: A\n    duration: 1m\n"
        "    talking_points: [q]\n    show_overlays: [o]\n"
    )
    joined = "\n".join(errors_of(text))
    assert "talking_points[0].product: no product with id 'nope'" in joined
    assert "segments[0].talking_points[0]: no talking point with id 'q'" in joined
    assert "segments[0].show_overlays[0]: no overlay with id 'o'" in joined


def test_template_with_unknown_variable_is_an_error() -> None:
    text = HEADER + (
        "overlays:\n  - id: c\n    kind: counter\n    source: S\n    template: '{sold} {price}'\n"
        "segments:\n  - id: a\n    title: A\n    duration: 1m\n"
    )
    assert "unknown variable {price} for a counter overlay" in "\n".join(errors_of(text))


def test_empty_show_and_unknown_format() -> None:
    assert any("the show has no segments" in e for e in errors_of(HEADER + "segments: []\n"))
    errors = errors_of("format: hostconsole-show/9\ntitle: x\nsegments: []\n")
    assert errors == [
        "t.show.yaml:1:9: format: unknown format 'hostconsole-show/9'; "
        "this version of Host Console reads hostconsole-show/1"
    ]


def test_wrong_types_are_named() -> None:
    text = HEADER + (
        "goal: lots\nmilestones: [10, -1]\n"
        "products:\n  - id: p\n    name: P\n    price: 'cheap'\n"
        "segments:\n  - id: a\n    title: A\n    duration: 1m\n    hard_start: 26:00\n"
    )
    joined = "\n".join(errors_of(text))
    assert "goal: expected a whole number, got 'lots'" in joined
    assert "milestones[1]: expected a whole number above zero, got -1" in joined
    assert "products[0].price: expected a number, got 'cheap'" in joined
    assert "segments[0].hard_start: expected a time of day like 19:30" in joined


def test_tags_and_aliases_are_refused() -> None:
    tagged = HEADER + "venue: !!python/object:os.system x\nsegments: []\n"
    assert any("YAML tags" in e for e in errors_of(tagged))
    aliased = HEADER + "venue: &v Studio\nsegments:\n  - id: a\n    title: *v\n    duration: 1m\n"
    assert any("aliases (*v) are not allowed" in e for e in errors_of(aliased))


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        prev, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.process_time()
    errors = errors_of("\n".join(lines) + "\n")
    assert time.process_time() - started < 5  # a real expansion would need 9**10 nodes
    assert any("aliases" in e for e in errors)


def test_deep_nesting_is_refused_without_crashing() -> None:
    errors = errors_of("x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert errors == ["t.show.yaml:1:35: nested deeper than 32 levels"]


def test_syntax_error_is_located() -> None:
    errors = errors_of(HEADER + "segments:\n  - id: 'a\n")
    assert len(errors) == 1
    assert errors[0].startswith("t.show.yaml:") and "not valid YAML" in errors[0]


def test_duplicate_keys_are_errors() -> None:
    errors = errors_of(HEADER + "title: again\nsegments: []\n")
    assert any("3:1: title: duplicate key 'title'" in e for e in errors)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("format: hostconsole-show/1\ntitle: 嘉定\n".encode("gbk"), "not UTF-8"),
        (b"# only a comment\n", "holds no show"),
        (b"- just\n- a list\n", "expected a mapping"),
    ],
)
def test_files_that_are_not_shows_get_one_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.show.yaml"
    path.write_bytes(content)
    with pytest.raises(ShowFileError) as caught:
        load_show(path)
    assert len(caught.value.errors) == 1
    assert str(caught.value).startswith(f"{path}:")
    assert message in str(caught.value)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.show.yaml"
    with open(path, "wb") as handle:
        handle.write(HEADER.encode())
        chunk = b"# padding " + b"x" * 1014 + b"\n"
        for _ in range(40 * 1024):
            handle.write(chunk)
    started = time.process_time()
    with pytest.raises(ShowFileError, match="is 40 MB; a show file is at most 8 MB"):
        load_show(path)
    assert time.process_time() - started < 5


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ShowFileError, match="no such file"):
        load_show(tmp_path / "nope.yaml")
    with pytest.raises(ShowFileError, match="folder"):
        load_show(tmp_path)


def test_saving_untouched_show_is_byte_identical(tmp_path: Path, demo_show_path: Path) -> None:
    document = ShowDocument.open(demo_show_path)
    _ = document.tree  # force the round-trip tree
    target = tmp_path / "copy.show.yaml"
    document.save(target)
    assert target.read_bytes() == demo_show_path.read_bytes()


def test_edits_keep_comments_and_key_order(tmp_path: Path, demo_show_path: Path) -> None:
    path = tmp_path / "demo.show.yaml"
    path.write_bytes(demo_show_path.read_bytes())
    document = ShowDocument.open(path)
    document.set_segment_field("qa", "duration", "6m")
    document.move_segment("wrap-up", 0)
    document.insert_segment(1, {"id": "extra", "title": "加播", "duration": "30s"})
    document.save()
    saved = path.read_text(encoding="utf-8")
    assert "# the sales platform opens the voucher pool at 19:45 sharp" in saved
    assert "goal: 30               # vouchers the office hopes to sell tonight" in saved
    assert saved.splitlines()[0] == "format: hostconsole-show/1"
    reloaded = load_show(path)
    assert [s.id for s in reloaded.segments][:2] == ["wrap-up", "extra"]
    assert reloaded.segment("qa").duration == 360
    original_lines = demo_show_path.read_text(encoding="utf-8").splitlines()
    comment_lines = [line for line in original_lines if line.lstrip().startswith("#")]
    assert all(line in saved for line in comment_lines)


def test_an_edit_that_breaks_the_show_is_refused_and_undone(
    tmp_path: Path, demo_show_path: Path
) -> None:
    document = ShowDocument.open(demo_show_path)
    with pytest.raises(ShowFileError, match="duration"):
        document.set_segment_field("qa", "duration", "soon")
    assert document.show.segment("qa").duration == 240
    assert "duration: soon" not in document.dumps()


def test_save_is_atomic_and_leaves_no_temporary(tmp_path: Path, demo_show_path: Path) -> None:
    path = tmp_path / "demo.show.yaml"
    path.write_bytes(demo_show_path.read_bytes())
    document = ShowDocument.open(path)
    document.set_segment_field("qa", "notes", "新备注")
    document.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.show.yaml"]


def test_the_annotated_example_in_the_reference_is_a_valid_show() -> None:
    import re

    from tests.conftest import PROJECT_ROOT

    reference = (PROJECT_ROOT / "docs" / "show-file.md").read_text(encoding="utf-8")
    match = re.search(r"## Annotated example\n\n```yaml\n(.*?)```", reference, re.DOTALL)
    assert match is not None
    show = parse_show_text(match.group(1), "show-file.md")
    assert [s.id for s in show.segments] == ["opening", "voucher-drop"]
