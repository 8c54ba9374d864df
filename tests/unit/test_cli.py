"""The command line as a producer runs it (subprocesses, real exit codes)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from hostconsole import __version__

if TYPE_CHECKING:
    from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hostconsole", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hostconsole {__version__}"


def test_validate_accepts_the_demo_show(demo_show_path: Path) -> None:
    result = run("validate", str(demo_show_path))
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "OK 嘉定购物节 · 无人驾驶汽车直播专场: 6 segments, planned 24:00"
    )


def test_validate_rejects_with_exit_2_and_located_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.show.yaml"
    bad.write_text(
        "format: hostconsole-show/1\ntitle: x\nsegments:\n  - id: a\n    title: A\n"
        "    duration: five\n",
        encoding="utf-8",
    )
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}:6:15: segments[0].duration: expected a duration" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_gbk_file_gets_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "gbk.show.yaml"
    bad.write_bytes("format: hostconsole-show/1\ntitle: 嘉定\n".encode("gbk"))
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_csv_writes_a_valid_show(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("title,duration,scene\n开场,2m,Opening\n", encoding="utf-8-sig")
    output = tmp_path / "sheet.show.yaml"
    result = run("import-csv", str(sheet), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert run("validate", str(output)).returncode == 0


def test_an_unclosed_bracket_is_reported_where_it_opened_not_where_the_file_ends(
    tmp_path: Path,
) -> None:
    for ending in ("1\n\n", "1,\n\n"):  # libyaml knows the opening mark / only the end
        bad = tmp_path / "bad.show.yaml"
        bad.write_text(
            "title: 直播\nsegments:\n  - id: a\n    overlays: {lower_third: " + ending,
            encoding="utf-8",
        )
        result = run("validate", str(bad))
        assert result.returncode == 2
        line = result.stderr.splitlines()[0]
        assert line.startswith(f"{bad}:4:15: not valid YAML: this “{{” is never closed"), line
        assert "parsing stopped at line" in line


def test_validate_checks_the_theme(tmp_path: Path) -> None:
    show = tmp_path / "themed.show.yaml"
    show.write_text(
        "format: hostconsole-show/1\ntitle: 直播\ntheme:\n  primary: red\n  plate_opacity: 2\n"
        "  logo: missing.png\n  colour: '#FFFFFF'\nsegments:\n  - id: a\n    title: a\n"
        "    duration: 1m\n",
        encoding="utf-8",
    )
    result = run("validate", str(show))
    assert result.returncode == 2
    errors = result.stderr
    assert "theme.primary: expected a colour like #D7263D, got 'red'" in errors
    assert "theme.plate_opacity: expected a number from 0 to 1, got 2" in errors
    assert "theme.logo: no image 'missing.png' beside the show file" in errors
    assert "theme.colour: unknown field 'colour'" in errors


def test_validate_warns_of_absolute_claims_wherever_they_reach_the_screen(
    tmp_path: Path, demo_show_path: Path
) -> None:
    text = demo_show_path.read_text(encoding="utf-8")
    text = text.replace("name: 嘉驰 M5 智驾轿车", "name: 全网最低 嘉驰 M5 智驾轿车")
    text = text.replace("headline: 嘉定研发，嘉定制造", "headline: 嘉定第一，NO.1 的研发")
    text = text.replace("goal: 30 ", "banned_words: [遥遥领先, 智造之王]\ngoal: 30 ")
    text = text.replace('template: "{headline}"', 'template: "智造之王 {headline}"')
    show = tmp_path / "claims.show.yaml"
    show.write_text(text, encoding="utf-8")
    result = run("validate", str(show))
    assert result.returncode == 0, result.stderr  # warnings, not errors: the show still runs
    # The longer name no longer fits the 9:16 card's heading: the fifth warning says so.
    assert "(5 warnings)" in result.stdout
    warnings = result.stderr
    assert "“product_card” cuts “全网最低 嘉驰 M5 智驾轿车  ¥189,800” to “全网最低" in warnings
    assert "products[0].name: “全网最低” is an absolute claim" in warnings
    assert "talking_points[3].headline: “第一”" in warnings
    assert "talking_points[3].headline: “NO.1”" in warnings
    assert "overlays[3].template: “智造之王”" in warnings  # the show's own banned word


def test_validate_warns_when_a_graphic_would_cut_its_text(
    tmp_path: Path, demo_show_path: Path
) -> None:
    long_name = "嘉驰 M5 智驾轿车" + "（超长版本名称）" * 12
    text = demo_show_path.read_text(encoding="utf-8").replace(
        "name: 嘉驰 M5 智驾轿车\n", f"name: {long_name}\n"
    )
    show = tmp_path / "long.show.yaml"
    show.write_text(text, encoding="utf-8")
    result = run("validate", str(show))
    assert result.returncode == 0, result.stderr  # a warning: the show still runs
    # Which text is cut, and how it ends on air, with the overlay's line.
    assert f"overlays[2]: “product_card” cuts “{long_name}  ¥189,800” to “嘉驰 M5" in (
        result.stderr
    )
    assert "…” in 16:9 on segment “models”: shorten that text" in result.stderr
    assert "…” in 9:16 on segment “models”: shorten that text" in result.stderr
    # The line of the overlays' third item: "- id: product_card" in the file.
    line = text.splitlines().index("  - id: product_card") + 1
    assert f"long.show.yaml:{line}:5: warning: overlays[2]" in result.stderr


def test_validate_checks_positions_layers_and_flash_sales(
    tmp_path: Path, demo_show_path: Path
) -> None:
    """Per-overlay positions may not leave the canvas or cover the presenter zone (errors);
    outside the safe area is a warning; a layer, a window and a stock must make sense."""
    text = demo_show_path.read_text(encoding="utf-8")
    text = text.replace(
        "    source: HC Lower Third\n",
        "    source: HC Lower Third\n    position:\n      landscape: [0.35, 0.30, 0.3, 0.1]\n"
        "      portrait: [0.04, 0.5, 1.2, 0.07]\n    layer: top\n",
    )
    text = text.replace("      stock: 50 ", "      stock: -3 ")
    show = tmp_path / "placed.show.yaml"
    show.write_text(text, encoding="utf-8")
    result = run("validate", str(show))
    assert result.returncode == 2
    errors = result.stderr
    assert "overlays[0].position.landscape: the box covers the 16:9 presenter zone" in errors
    assert "overlays[0].position.portrait: the box must lie on the canvas" in errors
    assert "overlays[0].layer: expected one of lower-third, corner, centre, full, got 'top'" in (
        errors
    )
    assert "products[0].voucher.stock: expected a whole number of zero or more, got -3" in errors

    text = demo_show_path.read_text(encoding="utf-8").replace(
        "    source: HC Lower Third\n",
        "    source: HC Lower Third\n    position:\n      portrait: [0.04, 0.80, 0.8, 0.07]\n",
    )
    show.write_text(text, encoding="utf-8")
    result = run("validate", str(show))
    assert result.returncode == 0, result.stderr
    assert "overlays[0].position.portrait: the box leaves the 9:16 safe area" in result.stderr


def test_validate_refuses_a_template_width_no_line_on_air_needs(
    tmp_path: Path, demo_show_path: Path
) -> None:
    """`{sold:>99999999}` once built gigabytes of padding (and 2147483647 crashed Python)."""
    for spec in (">99999999", ">2147483647", "{width}"):
        bad = tmp_path / "wide.show.yaml"
        text = demo_show_path.read_text(encoding="utf-8")
        bad.write_text(text.replace("已售 {sold} 张", f"已售 {{sold:{spec}}} 张"), encoding="utf-8")
        result = run("validate", str(bad))
        assert result.returncode == 2, (spec, result.stdout)
        assert "Traceback" not in result.stderr
        assert f"{{sold:{spec}}}" in result.stderr, result.stderr
    fine = tmp_path / "fine.show.yaml"
    text = demo_show_path.read_text(encoding="utf-8")
    fine.write_text(text.replace("已售 {sold} 张", "已售 {sold:>6} 张"), encoding="utf-8")
    assert run("validate", str(fine)).returncode == 0


def test_validate_refuses_a_purchase_link_whose_qr_code_would_not_scan(
    tmp_path: Path, demo_show_path: Path
) -> None:
    """162 characters draw 5 px modules at 1080 lines; 2,400 fit no QR code at all (once a
    crash). Each is an error naming the card and suggesting a short link."""
    short = "https://shop.example.com/jiachi/m5?from=jiading-live"
    for length, said in ((162, "px modules"), (2400, "does not fit a QR code")):
        long_url = "https://shop.example.com/jiachi/m5?from=jiading-live&x=" + "a" * (
            length - len(short) - 3
        )
        bad = tmp_path / f"qr-{length}.show.yaml"
        bad.write_text(
            demo_show_path.read_text(encoding="utf-8").replace(short, long_url), encoding="utf-8"
        )
        result = run("validate", str(bad))
        assert result.returncode == 2, (length, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert said in result.stderr and "short link" in result.stderr, result.stderr


def test_validate_names_a_logo_too_large_to_draw_and_a_large_one_is_scaled_once(
    tmp_path: Path, demo_show_path: Path
) -> None:
    """A 20,000² logo was dropped silently; an 8,000×7,900 one cost every render its size."""
    script = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QColor\n"
        "app = QGuiApplication([])\n"
        "for name, w, h in (('huge.png', 20000, 20000), ('big.png', 8000, 7900)):\n"
        "    image = QImage(w, h, QImage.Format.Format_Mono)\n"
        "    image.fill(1)\n"
        "    assert image.save(sys.argv[1] + '/' + name)\n"
    )
    made = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert made.returncode == 0, made.stderr
    text = demo_show_path.read_text(encoding="utf-8")
    for logo, said in (("huge.png", "20,000×20,000 pixels"), ("big.png", None)):
        show = tmp_path / f"{logo}.show.yaml"
        with_logo = text.replace("  cta: 扫码领券\n", f"  cta: 扫码领券\n  logo: {logo}\n")
        show.write_text(with_logo, encoding="utf-8")
        result = run("validate", str(show))
        assert result.returncode == 0, result.stderr
        if said:
            assert said in result.stderr and "theme.logo" in result.stderr, result.stderr
        else:
            assert "theme.logo" not in result.stderr, result.stderr
    from hostconsole.graphics.render import MAX_LOGO_SIDE, load_logo

    image, problem = load_logo(tmp_path / "big.png")
    assert problem is None and image is not None
    assert max(image.width(), image.height()) == MAX_LOGO_SIDE


def test_validate_warns_what_would_not_reach_the_screen_as_expected(tmp_path: Path) -> None:
    """A pale text colour on a pale plate, milestones with no milestone graphic, a product card
    for a product without a purchase link, two graphics of a cue that overlap in 9:16: each a
    warning with its line (the show still runs)."""
    from tests.conftest import PROJECT_ROOT

    text = (PROJECT_ROOT / "tests" / "data" / "farm.show.yaml").read_text(encoding="utf-8")
    text = text.replace('  plate: "#1B2E1B"', '  plate: "#DDEEDD"')
    text = text.replace("    purchase_url: https://farm.example.com/g\n", "")
    show = tmp_path / "pale.show.yaml"
    show.write_text(text, encoding="utf-8")
    result = run("validate", str(show))
    assert result.returncode == 0, result.stderr
    said = result.stderr
    assert f"{show}:" in said and ": warning: theme.text: the text on the plate: contrast" in said
    assert "milestones are set but no milestone graphic shows them" in said
    assert "which has no purchase_url" in said
    assert "would overlap in 9:16" in said


def test_validate_warns_of_questions_without_a_question_graphic(
    tmp_path: Path, demo_show_path: Path
) -> None:
    from tests.conftest import PROJECT_ROOT

    show = tmp_path / "farm.show.yaml"
    show.write_text(
        (PROJECT_ROOT / "tests" / "data" / "farm.show.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = run("validate", str(show))
    assert result.returncode == 0, result.stderr
    assert "overlays: no question graphic (kind: question)" in result.stderr
    assert "“Card on air” is refused" in result.stderr
    demo = run("validate", str(demo_show_path))
    assert "no question graphic" not in demo.stderr  # the demo has one
