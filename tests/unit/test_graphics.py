"""The graphics renderer: text that fits and stays readable, QR codes a phone can scan, the
same picture as the reference frames, in 16:9 and 9:16, Chinese and English."""

from __future__ import annotations

import ast
import itertools
import os
from pathlib import Path

import pytest
from msgspec.structs import replace
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import (
    LANDSCAPE,
    MIN_QR_MODULE_PX_AT_1080,
    MIN_TEXT_PX_AT_1080,
    Box,
    overlay_box,
    text_scale,
)
from hostconsole.domain.show import OverlayKind, Show, Theme
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.services.overlays import GraphicContent, OverlayContext, graphic_content

PROJECT = Path(__file__).resolve().parents[2]
REFERENCES = PROJECT / "tests" / "data" / "graphics"
CANVASES = [(1920, 1080), (1080, 1920)]
LONG_NAME = "嘉驰 M5 Pro Max 智能驾驶豪华旗舰长续航版轿车（二〇二七款·限量珍藏版本）"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> QtGraphicRenderer:
    QApplication.instance() or QApplication([])
    return QtGraphicRenderer(tmp_path_factory.mktemp("graphics"), PROJECT / "resources")


def with_long_name(show: Show) -> Show:
    first = show.products[0]
    assert len(LONG_NAME) >= 40
    products = (replace(first, name=LONG_NAME), *show.products[1:])
    return replace(show, products=products)


@pytest.mark.parametrize("canvas", CANVASES, ids=["16x9", "9x16"])
def test_no_demo_graphic_draws_text_below_the_readable_minimum(
    renderer: QtGraphicRenderer, demo_show_path: Path, canvas: tuple[int, int]
) -> None:
    for show in (load_show(demo_show_path), with_long_name(load_show(demo_show_path))):
        for segment in show.segments:
            context = OverlayContext(
                show=show, segment=segment, sold=123_456, goal=30, milestone=20, canvas=canvas
            )
            for overlay in show.overlays:
                content = graphic_content(context, overlay)
                if not content.heading:
                    continue  # nothing to say on this segment (a card without a product)
                image, drawn = renderer.draw(
                    content, show.theme, canvas, overlay_box(overlay, canvas)
                )
                assert not image.isNull()
                smallest = drawn.smallest_text
                assert smallest is not None, f"{overlay.id} drew no text"
                # 28 px per 1080 lines in 16:9; 40 per 1920 in 9:16 (a phone's screen).
                least = 40 if canvas[1] > canvas[0] else MIN_TEXT_PX_AT_1080
                lines = canvas[1] if canvas[1] > canvas[0] else 1080
                per_lines = smallest * lines / canvas[1]
                assert per_lines >= least - 0.5, (
                    f"{overlay.id} in {segment.id}: {smallest} px on {canvas}"
                )


@pytest.mark.parametrize("canvas", CANVASES, ids=["16x9", "9x16"])
def test_a_forty_character_name_wraps_then_shrinks_then_is_cut_never_scaled_away(
    renderer: QtGraphicRenderer, demo_show_path: Path, canvas: tuple[int, int]
) -> None:
    show = with_long_name(load_show(demo_show_path))
    card = next(o for o in show.overlays if o.id == "product_card")
    context = OverlayContext(show=show, segment=show.segment("models"), canvas=canvas)
    content = graphic_content(context, card)
    assert content.heading.startswith(LONG_NAME[:10])
    _image, drawn = renderer.draw(content, show.theme, canvas, overlay_box(card, canvas))
    assert drawn.smallest_text is not None
    assert drawn.smallest_text >= MIN_TEXT_PX_AT_1080 * text_scale(canvas) - 0.5
    assert drawn.elided  # said, so validation can warn about it


@pytest.mark.parametrize("canvas", CANVASES, ids=["16x9", "9x16"])
def test_the_product_card_qr_code_is_large_enough_to_scan_from_a_phone(
    renderer: QtGraphicRenderer, demo_show_path: Path, canvas: tuple[int, int]
) -> None:
    show = load_show(demo_show_path)
    card = next(o for o in show.overlays if o.id == "product_card")
    context = OverlayContext(show=show, segment=show.segment("voucher-drop"), canvas=canvas)
    content = graphic_content(context, card)
    assert content.qr.startswith("https://") and content.cta == "扫码领券"
    assert content.badge == "抵 5,000 元"  # the voucher's value, with a thousands separator
    _image, drawn = renderer.draw(content, show.theme, canvas, overlay_box(card, canvas))
    assert drawn.qr_module / text_scale(canvas) >= MIN_QR_MODULE_PX_AT_1080


def text_rows(image: QImage, threshold: int = 200) -> list[int]:
    """Rows holding near-white text pixels."""
    rows = []
    for y in range(image.height()):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if (
                colour.alpha() > 200
                and min(colour.red(), colour.green(), colour.blue()) > threshold
            ):
                rows.append(y)
                break
    return rows


def test_text_is_vertically_centred_on_its_plate(renderer: QtGraphicRenderer) -> None:
    content = GraphicContent(OverlayKind.COUNTER, "已售 1,234 张")
    box = LANDSCAPE.boxes[OverlayKind.COUNTER]
    image, _drawn = renderer.draw(content, Theme(), (1920, 1080), box)
    rows = text_rows(image)
    top, bottom = rows[0], image.height() - 1 - rows[-1]
    assert abs(top - bottom) <= image.height() * 0.15, (top, bottom)


def difference(first: QImage, second: QImage) -> float:
    """Mean absolute difference of the RGBA channels, 0..1."""
    assert (first.width(), first.height()) == (second.width(), second.height())
    a = first.convertToFormat(QImage.Format.Format_RGBA8888)
    b = second.convertToFormat(QImage.Format.Format_RGBA8888)
    left, right = bytes(a.constBits()), bytes(b.constBits())
    total = sum(abs(x - y) for x, y in zip(left[::7], right[::7], strict=True))
    return total / (len(left[::7]) * 255)


@pytest.mark.parametrize("canvas", CANVASES, ids=["16x9", "9x16"])
@pytest.mark.parametrize(
    "overlay_id", ["lower_third", "product_card", "counter", "caption", "flash_sale"]
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_graphics_match_their_reference_frames(
    renderer: QtGraphicRenderer,
    demo_show_path: Path,
    canvas: tuple[int, int],
    overlay_id: str,
    language: str,
) -> None:
    show = load_show(demo_show_path)
    if language == "en":  # the show's English texts, as an English broadcast would use them
        show = replace(
            show,
            hosts=tuple(replace(h, name=h.name_en, title=h.title_en) for h in show.hosts),
            products=tuple(replace(p, name=p.name_en) for p in show.products),
            talking_points=tuple(replace(t, headline=t.headline_en) for t in show.talking_points),
        )
    overlay = next(o for o in show.overlays if o.id == overlay_id)
    sale = overlay_id == "flash_sale"  # the voucher drop, 1.2 s in, 11 of its 50 sold
    context = OverlayContext(
        show=show,
        segment=show.segment("voucher-drop" if sale else "models"),
        sold=1234,
        goal=30,
        canvas=canvas,
        segment_elapsed=1.2 if sale else 0.0,
        product_sold=11 if sale else 0,
    )
    image, _drawn = renderer.draw(
        graphic_content(context, overlay), show.theme, canvas, overlay_box(overlay, canvas)
    )
    reference = REFERENCES / f"{overlay_id}-{language}-{canvas[0]}x{canvas[1]}.png"
    if os.environ.get("HOSTCONSOLE_UPDATE_REFERENCES"):
        reference.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(reference))
    expected = QImage(str(reference))
    assert not expected.isNull(), f"no reference {reference.name}: HOSTCONSOLE_UPDATE_REFERENCES=1"
    assert difference(image, expected) < 0.02


def test_the_graphics_layer_never_imports_widgets() -> None:
    for module in (PROJECT / "hostconsole" / "graphics").glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert "QtWidgets" not in name and "qasync" not in name, f"{module.name}: {name}"


def test_a_card_without_voucher_or_purchase_url_still_draws(renderer: QtGraphicRenderer) -> None:
    content = GraphicContent(OverlayKind.PRODUCT_CARD, "无券商品")  # no voucher, no URL
    box = LANDSCAPE.boxes[OverlayKind.PRODUCT_CARD]
    image, drawn = renderer.draw(content, Theme(), (1920, 1080), box)
    assert not image.isNull() and drawn.qr_module == 0


def test_the_theme_colours_and_logo_are_drawn(tmp_path: Path) -> None:
    QApplication.instance() or QApplication([])
    logo = QImage(64, 64, QImage.Format.Format_ARGB32)
    logo.fill(QColor("#00FF00"))
    logo.save(str(tmp_path / "logo.png"))
    theme = Theme(plate="#102030", primary="#0000FF", plate_opacity=1.0, logo="logo.png")
    renderer = QtGraphicRenderer(tmp_path / "out", tmp_path)
    renderer.prepare(theme)
    content = GraphicContent(OverlayKind.LOWER_THIRD, "沈华迪", "嘉定区副区长")
    image, _drawn = renderer.draw(content, theme, (1920, 1080), LANDSCAPE.boxes[content.kind])
    middle = image.height() // 2
    colours = {image.pixelColor(x, middle).name() for x in range(image.width())}
    assert "#0000ff" in colours  # the accent bar in the brand's colour
    assert "#00ff00" in colours  # the logo
    assert "#102030" in colours  # the plate


NO_FONTS_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.overlays import overlay_box
from hostconsole.graphics.render import QtGraphicRenderer
from hostconsole.services.overlays import OverlayContext, graphic_content

app = QApplication([])
cjk = [f for f in QFontDatabase.families() if "Micro Hei" in f or "Noto" in f]
show = load_show(sys.argv[1])
overlay = next(o for o in show.overlays if o.id == "lower_third")
canvas = (1920, 1080)
context = OverlayContext(show=show, segment=show.segment("models"), canvas=canvas)
renderer = QtGraphicRenderer(Path(sys.argv[2]), Path(sys.argv[1]).parent)
renderer.prepare(show.theme)
image, _drawn = renderer.draw(
    graphic_content(context, overlay), show.theme, canvas, overlay_box(overlay, canvas)
)
image.save(sys.argv[3])
print(renderer.family(show.theme), len(cjk), sep="|")
"""


def test_a_pc_without_chinese_fonts_draws_the_same_graphics(
    demo_show_path: Path, tmp_path: Path
) -> None:
    """The bundled font (resources/fonts) draws the graphics when fontconfig finds no font at
    all: the same picture as the reference frame, not boxes."""
    import subprocess
    import sys

    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    out = tmp_path / "lower_third.png"
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", NO_FONTS_SCRIPT, str(demo_show_path), str(tmp_path), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    family, installed_cjk = done.stdout.strip().split("|")
    assert installed_cjk == "0", "fontconfig still found a Chinese font"
    assert family == "Host Console Sans SC"
    expected = QImage(str(REFERENCES / "lower_third-zh-1920x1080.png"))
    assert difference(QImage(str(out)), expected) < 0.02


UNITS = ("元", "月", "日", "张", "公里", "%", "折")


@pytest.mark.parametrize("width", range(150, 700, 29))
def test_on_air_lines_keep_numbers_with_units_and_never_start_with_a_dash(
    renderer: QtGraphicRenderer, width: int
) -> None:
    """A 9:16 product card whose terms wrap at many widths: no line starts with a unit whose
    number ended the line before, nor with a dash or closing punctuation."""
    terms = "抵扣购车款 5000 元，12 月 31 日前下定有效 — 未使用可全额退款，80% 返还 8 折"
    content = GraphicContent(OverlayKind.PRODUCT_CARD, "商品", terms=terms)
    _image, drawn = renderer.draw(content, Theme(), (1080, 1920), Box(0, 0, width / 1080, 0.4))
    lines = [line.text.replace("\u2060", "") for line in drawn.lines]
    assert len(lines) > 2
    for before, line in itertools.pairwise(lines):
        assert not line.startswith(("—", "，", "。", "、")), lines
        assert not (before[-1:].isdigit() and line.startswith(UNITS)), lines


@pytest.mark.parametrize("canvas", CANVASES, ids=["16x9", "9x16"])
def test_the_title_card_is_full_width_and_keeps_a_long_title_whole(
    renderer: QtGraphicRenderer, canvas: tuple[int, int]
) -> None:
    """A title graphic (kind: title) of a long English title: across the picture, the title
    in up to two lines, never cut (the small text plate cut it at “Waigang Rice a…”)."""
    from hostconsole.adapters.storage.showfile import parse_show_text

    title = "Waigang Rice and Malu Grapes: the Jiading farmers' harvest livestream"
    show = parse_show_text(
        "format: hostconsole-show/1\n"
        f'title: "{title}"\n'
        "overlays:\n"
        "  - {id: title, kind: title, source: HC Title,"
        ' template: "{show_title}\\n{segment_title}"}\n'
        "segments:\n"
        "  - {id: hello, title: Hello from the paddy, duration: 1m, show_overlays: [title]}\n",
        "title.show.yaml",
    )
    overlay = show.overlays[0]
    box = overlay_box(overlay, canvas)
    assert box.width >= 0.8
    context = OverlayContext(show=show, segment=show.segments[0], canvas=canvas)
    content = graphic_content(context, overlay)
    assert (content.heading, content.sub) == (title, "Hello from the paddy")
    _image, drawn = renderer.draw(content, show.theme, canvas, box)
    assert not drawn.elided and not drawn.cut
    lines = [line.text for line in drawn.lines]
    assert " ".join(lines[:-1]).replace("\u2060", "") == title, lines
    assert len(lines) - 1 <= 2 and lines[-1] == "Hello from the paddy"
