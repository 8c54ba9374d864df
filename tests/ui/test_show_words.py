"""The show's own words on its screens: an English-first farm show (not the demo) gets its
coupon's pill and call to action in English, no call to action without an offer, no dangling
separators, a rate with its unit, and its own noun on the console's voucher panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from msgspec.structs import replace

from hostconsole.adapters.storage.showfile import load_show
from hostconsole.services.overlays import OverlayContext, graphic_content, overlay_text
from hostconsole.ui.console import ProducerConsole
from hostconsole.ui.i18n import install_language
from tests.conftest import PROJECT_ROOT
from tests.harness.sessions import demo_session

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from hostconsole.ui.logpanel import QtLogHandler

pytestmark = pytest.mark.asyncio

FARM = PROJECT_ROOT / "tests" / "data" / "farm.show.yaml"


async def test_the_farm_shows_graphics_speak_its_language(tmp_path: Path) -> None:
    show = load_show(FARM)
    offer = show.segment("offer")
    card = next(o for o in show.overlays if o.id == "product_card")
    content = graphic_content(OverlayContext(show=show, segment=offer), card)
    assert content.badge == "¥10 off"  # not "抵 10 元" in an English show
    assert content.cta == "Scan for the coupon"
    # A product without an offer: a plain call to buy, never "scan for the coupon".
    grapes = show.product("grapes")
    plain = replace(show, products=(replace(grapes, voucher=None),))
    content = graphic_content(OverlayContext(show=plain, segment=offer), card)
    assert content.badge == "" and content.cta == "Scan to buy"
    # A lower third whose host has no title: no dangling "Anna Lee ·".
    host = replace(show.hosts[0], title="")
    lower_third = next(o for o in show.overlays if o.id == "lower_third")
    untitled = replace(show, hosts=(host,))
    assert overlay_text(OverlayContext(show=untitled, segment=offer), lower_third) == "Anna Lee"
    counter = replace(
        next(o for o in show.overlays if o.id == "counter"), template="{sold} sold · {rate}"
    )
    text = overlay_text(OverlayContext(show=show, segment=offer, sold=25, rate=11), counter)
    assert text == "25 sold · 11 in 5 min"


@pytest.mark.parametrize(("language", "title"), [("en", "Coupons"), ("zh_CN", "优惠券")])
async def test_the_console_calls_what_is_sold_by_the_shows_own_noun(
    qtbot: QtBot, tmp_path: Path, log_handler: QtLogHandler, language: str, title: str
) -> None:
    install_language(language)
    try:
        session = await demo_session(tmp_path, show=_farm_copy(tmp_path))
        try:
            console = ProducerConsole(session, log_handler)
            qtbot.addWidget(console)
            assert console.vouchers.title() == title
        finally:
            await session.close()
    finally:
        install_language("en")


def _farm_copy(folder: Path) -> Path:
    target = folder / "farm.show.yaml"
    target.write_text(FARM.read_text(encoding="utf-8"), encoding="utf-8")
    return target


async def test_a_vouchers_terms_reach_the_card_and_the_presenter(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The terms (限新用户 · 不可叠加 and the like) are part of the offer: drawn on the product
    card in both canvases, never cut, and on the presenter's screen with price and voucher."""
    from hostconsole.domain.overlays import overlay_box
    from hostconsole.graphics.render import QtGraphicRenderer
    from hostconsole.ui.presenter import PresenterView

    show = load_show(FARM)
    card = next(o for o in show.overlays if o.id == "product_card")
    renderer = QtGraphicRenderer(tmp_path / "graphics", FARM.parent)
    renderer.prepare(show.theme)
    for canvas in ((1920, 1080), (1080, 1920)):
        context = OverlayContext(show=show, segment=show.segment("offer"), canvas=canvas)
        content = graphic_content(context, card)
        assert content.terms == "New customers only · not combinable"
        _image, drawn = renderer.draw(content, show.theme, canvas, overlay_box(card, canvas))
        assert not drawn.elided and not drawn.qr_problems()
    session = await demo_session(tmp_path, show=_farm_copy(tmp_path))
    try:
        await session.goto("offer")
        presenter = PresenterView(session)
        qtbot.addWidget(presenter)
        presenter.resize(1280, 720)
        presenter.show()
        presenter.refresh()
        assert presenter.content.offer == (
            "Kyoho grapes 2 kg · ¥45 · 10 off coupon: New customers only · not combinable"
        )
    finally:
        await session.close()
