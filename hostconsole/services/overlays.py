"""On-air overlays: their texts from templates, the product card's QR code, the live counter
(coalesced, never backwards, the last value always lands) and the milestone card."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import math
import re
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.overlays import (
    DEFAULT_CANVAS,
    Box,
    OverlayPart,
    cue_graphics,
    overlay_box,
    overlay_parts,
)
from hostconsole.domain.said import Said, told
from hostconsole.domain.show import (
    Overlay,
    OverlayKind,
    Product,
    Segment,
    Show,
    Theme,
    template_variables,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Executor

    from hostconsole.services.ports import ObsPort

log = logging.getLogger(__name__)

# Between two updates of the live graphics: half a frame while sales come at a pace a viewer
# can follow (each sale's number on air in the next frame or the one after); a tenth of a
# second once more than BUSY_SALES_PER_SECOND arrive (a burst coalesces: ten a second).
FRAME_PAUSE = 1 / 60
COUNTER_INTERVAL = 0.1
BUSY_SALES_PER_SECOND = 20
COUNTER_RETRY_AFTER = 5.0  # a counter source OBS refused is tried again this much later


class _Missing(dict[str, Any]):
    """Template values: a variable with no value renders empty rather than failing on air."""

    def __missing__(self, key: str) -> str:
        return ""


def render(template: str, values: dict[str, Any]) -> str:
    """The template filled in; a line whose every variable is empty is left out (no
    "仅剩  张" when a voucher has no stock, no "目标 " without a goal)."""
    try:
        lines = []
        for line in template.split("\n"):
            names = template_variables(line)  # ValueError for a spec no template needs
            if names and not any(str(values.get(name, "")) for name in names):
                continue
            filled = line.format_map(_Missing(values))
            lines.append(tidy_line(filled) if names else filled)
        return "\n".join(lines)
    except (ValueError, IndexError, AttributeError, TypeError, KeyError):
        return template


CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$"}
DEFAULT_CTA = "扫码领券"  # the theme's call to action unless the show gives its own


# A separator between words (" · ", " — ", " | ", " / ", " - "): left dangling when the value
# on one side of it is empty.
_SEPARATOR = r"[·—|/\-–]"
_DANGLING_START = re.compile(rf"^\s*{_SEPARATOR}\s+")
_DANGLING_END = re.compile(rf"\s+(?:{_SEPARATOR}|[¥$€£])\s*$")
_DOUBLED = re.compile(rf"(\s+{_SEPARATOR})(?:\s+{_SEPARATOR})+(\s+)")


def tidy_line(text: str) -> str:
    """A filled-in line without separators that have nothing on one side ("45 yuan ·",
    "· 嘉定区副区长", "a ·  · b") or a currency sign without its amount."""
    previous = None
    while previous != text:
        previous = text
        text = _DOUBLED.sub(r"\1\2", text)
        text = _DANGLING_START.sub("", text)
        text = _DANGLING_END.sub("", text)
    return text.strip()


def offer_line(product: Product, english: bool) -> str:
    """ "嘉驰 M5 · ¥189,800 · 99 元订车券: 抵扣购车款…" — only the parts the show gives."""
    name = product.name_en if english and product.name_en else product.name
    price = _money(product, product.price)
    voucher = product.voucher
    offer = ""
    if voucher is not None:
        offer = f"{voucher.name}: {voucher.terms}" if voucher.terms else voucher.name
    return " · ".join(part for part in (name, price, offer) if part)


def _price(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _money(product: Product, value: float | None) -> str:
    """An amount in the product's currency, with its sign ("¥189,800"); "" without one."""
    if value is None:
        return ""
    return f"{CURRENCY_SYMBOLS.get(product.currency, product.currency + ' ')}{_price(value)}"


# Graphics that state the count (or what it leaves of a stock).
COUNT_KINDS = frozenset({OverlayKind.COUNTER, OverlayKind.MILESTONE, OverlayKind.FLASH_SALE})


class OverlayContext(msgspec.Struct, frozen=True):
    """All that cues and graphics need to know of the running show, frozen at one moment.

    The engine makes one per use; cues and overlays never hold the session itself.
    """

    show: Show
    segment: Segment
    sold: int = 0
    goal: int | None = None
    rate: int = 0
    caption_point: str | None = None
    milestone: int = 0  # the last milestone reached
    qr_dir: Path = Path("qr")
    canvas: tuple[int, int] = DEFAULT_CANVAS  # OBS's base canvas (GetVideoSettings)
    renderer: GraphicRenderer | None = None  # draws graphics (the app gives the Qt one)
    # For the flash-sale timer: how long the segment has been on air, its planned length
    # (with time added on air), and the vouchers its product has sold against its stock.
    segment_elapsed: float = 0.0
    segment_planned: float | None = None
    product_sold: int = 0
    question: tuple[str, str] | None = None  # (author, text) of the approved question on air
    drawn: DrawnGraphics | None = None  # graphics drawn lately, taken instead of drawing again
    # False while the count is being replayed from the ledger: a graphic that states it is
    # not drawn (OBS keeps what it showed) — a partial count never goes on air.
    count_whole: bool = True


def _clock_text(seconds: float) -> str:
    """04:59 (or 1:04:59): whole seconds left, rounded up, never below zero."""
    whole = max(math.ceil(seconds - 1e-6), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def sale_remaining(context: OverlayContext, overlay: Overlay) -> float:
    """Seconds left in a flash sale: its own window from the segment's start, or the
    segment's remaining time."""
    length = overlay.window
    if length is None:
        length = (
            context.segment_planned
            if context.segment_planned is not None
            else context.segment.duration
        )
    return max(length - context.segment_elapsed, 0.0)


def overlay_values(context: OverlayContext, overlay: Overlay) -> dict[str, Any]:
    """The template variables of an overlay for a segment, from the show and the live count."""
    show = context.show
    segment = context.segment
    if overlay.kind is OverlayKind.LOWER_THIRD:
        host = _host_for(show, segment)
        return (
            {}
            if host is None
            else {
                "name": host.name,
                "title": host.title,
                "name_en": host.name_en,
                "title_en": host.title_en,
            }
        )
    if overlay.kind is OverlayKind.COUNTER:
        goal = context.goal
        return {
            "sold": f"{context.sold:,}",
            "goal": f"{goal:,}" if goal is not None else "",
            # A rate carries its unit ("81 in 5 min"), never a bare number beside the count.
            "rate": (
                f"{context.rate:,} in 5 min"
                if show.language == "en"
                else f"5 分钟 {context.rate:,}"
            ),
            "remaining": f"{max(goal - context.sold, 0):,}" if goal else "",
        }
    if overlay.kind is OverlayKind.PRODUCT_CARD:
        product = _product_for(show, segment)
        if product is None:
            return {}
        voucher = product.voucher
        return {
            "name": product.name,
            "brand": product.brand,
            "price": _price(product.price),
            "voucher_name": voucher.name if voucher else "",
            "voucher_price": _price(voucher.price) if voucher else "",
            "voucher_terms": voucher.terms if voucher else "",
            "voucher_value": _price(voucher.value) if voucher and voucher.value else "",
        }
    if overlay.kind is OverlayKind.CAPTION:
        point_id = context.caption_point
        if point_id is None:
            points = show.points_for_segment(segment)
            point_id = points[0].id if points else None
        if point_id is None:
            return {}
        point = show.talking_point(point_id)
        return {"headline": point.headline, "detail": point.detail}
    if overlay.kind is OverlayKind.FLASH_SALE:
        product = _product_for(show, segment)
        voucher = product.voucher if product is not None else None
        stock = voucher.stock if voucher is not None else None
        return {
            "remaining": _clock_text(sale_remaining(context, overlay)),
            "stock": f"{max(stock - context.product_sold, 0):,}" if stock is not None else "",
            "sold": f"{context.product_sold:,}",
            "voucher_name": voucher.name if voucher is not None else "",
            "name": product.name if product is not None else "",
        }
    if overlay.kind is OverlayKind.QUESTION:
        if context.question is None:
            return {}
        return {"author": context.question[0], "question": context.question[1]}
    if overlay.kind is OverlayKind.MILESTONE:
        return {
            "milestone": f"{context.milestone:,}",
            "sold": f"{context.sold:,}",
            "goal": f"{context.goal:,}" if context.goal else "",
        }
    values = {"show_title": show.title, "segment_title": segment.title}
    if overlay.kind is OverlayKind.TITLE:
        values["venue"] = show.venue
        values["date"] = show.date.isoformat() if show.date else ""
    return values


def _host_for(show: Show, segment: Segment) -> Any:
    if segment.host is not None:
        return next((h for h in show.hosts if h.id == segment.host), None)
    return show.hosts[0] if show.hosts else None


def _product_for(show: Show, segment: Segment) -> Any:
    if segment.products:
        return show.product(segment.products[0])
    return None


def overlay_text(context: OverlayContext, overlay: Overlay) -> str:
    return render(overlay.template, overlay_values(context, overlay))


class GraphicContent(msgspec.Struct, frozen=True):
    """What one graphic says, ready to draw: no Qt here, the graphics layer draws it."""

    kind: OverlayKind
    heading: str  # the first line: a name, a count, a product
    sub: str = ""  # the second: a title, a detail, the voucher
    badge: str = ""  # the product card's voucher value ("抵 5,000 元")
    qr: str = ""  # the product card's purchase URL
    cta: str = ""  # the product card's call to action ("扫码领券")
    terms: str = ""  # the voucher's terms, small and always legible (限新用户 · 不可叠加)


def split_heading(text: str) -> tuple[str, str]:
    """A rendered template as a heading and what follows: at its first line break, or at a
    middle dot (“沈华迪 · 嘉定区副区长” is a name, then a title)."""
    for separator in ("\n", " · "):
        if separator in text:
            heading, sub = text.split(separator, 1)
            return heading.strip(), sub.strip()
    return text.strip(), ""


def graphic_content(context: OverlayContext, overlay: Overlay) -> GraphicContent:
    """The graphic of an overlay for this moment of the show."""
    if overlay.kind is OverlayKind.QUESTION and context.question is not None:
        # The question is what viewers read: the larger line; who asked, the smaller one
        # (the template's words around the question, e.g. "小王 问").
        author, question = context.question
        values = {"author": author, "question": ""}
        asked = render(overlay.template, values).rstrip(" :：")
        return GraphicContent(overlay.kind, question.strip(), asked)
    heading, sub = split_heading(overlay_text(context, overlay))
    if overlay.kind is not OverlayKind.PRODUCT_CARD:
        return GraphicContent(overlay.kind, heading, sub)
    product = _product_for(context.show, context.segment)
    if product is None:
        return GraphicContent(overlay.kind, "")  # no product on this segment: an empty card
    voucher = product.voucher
    show = context.show
    english = show.language == "en"
    badge = ""
    if voucher is not None and voucher.value:
        money = _money(product, voucher.value)
        badge = f"{money} off" if english else f"抵 {_price(voucher.value)} 元"
    # A call to action only with something to act on, in the show's own words: the theme's
    # (about the offer) with an offer, a plain "buy" without one.
    cta = ""
    if product.purchase_url:
        if voucher is not None:
            cta = (
                show.theme.cta
                if show.theme.cta != DEFAULT_CTA or not english
                else "Scan for the offer"
            )
        else:
            cta = "Scan to buy" if english else "扫码购买"
    terms = voucher.terms if voucher is not None else ""
    return GraphicContent(
        overlay.kind, heading, sub, badge=badge, qr=product.purchase_url, cta=cta, terms=terms
    )


class GraphicRenderer(Protocol):
    """Draws a graphic into an image file of exactly its box on the canvas, and says where.

    Implemented by the graphics layer (Qt) and given to the engine by the app: services never
    import Qt. Called on a worker thread; it must not touch widgets.
    """

    @property
    def executor(self) -> Executor | None:
        """The one thread every drawing runs on (None: the loop's default executor)."""

    def prepare(self, theme: Theme) -> None:
        """Load the theme's fonts (on the loop's thread, before ``render``)."""

    def render(
        self, name: str, content: GraphicContent, theme: Theme, canvas: tuple[int, int], box: Box
    ) -> Path: ...

    def problems(
        self, content: GraphicContent, theme: Theme, canvas: tuple[int, int], box: Box
    ) -> list[str]:
        """What would make this graphic fail on air (a QR code that would not scan)."""
        ...

    def slate(self, words: str, title: str, theme: Theme, canvas: tuple[int, int]) -> Path:
        """SAFE's standby picture: the whole canvas."""
        ...


class CuePreview(msgspec.Struct, frozen=True):
    """What a cue will put on air, shown to the producer before it is taken."""

    scene: str | None
    shows: tuple[tuple[str, str], ...]  # (overlay id, the text it will read)
    hides: tuple[str, ...]


def preview_cue(context: OverlayContext) -> CuePreview:
    segment = context.segment
    overlays = {o.id: o for o in context.show.overlays}
    shows = tuple(
        (overlay_id, overlay_text(context, overlays[overlay_id]))
        for overlay_id in segment.show_overlays
    )
    return CuePreview(segment.scene, shows, segment.hide_overlays)


class DrawnGraphics:
    """The graphics drawn lately, by what they show: a GO whose graphics were drawn ahead
    (the next cue is drawn while the segment before it runs) sends them without drawing.
    A file the renderer has since removed is drawn again."""

    SIZE = 64

    def __init__(self) -> None:
        self._paths: OrderedDict[tuple[object, ...], str] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> str | None:
        path = self._paths.get(key)
        if path is None:
            return None
        if not Path(path).exists():
            del self._paths[key]
            return None
        self._paths.move_to_end(key)
        return path

    def put(self, key: tuple[object, ...], path: str) -> None:
        self._paths[key] = path
        self._paths.move_to_end(key)
        while len(self._paths) > self.SIZE:
            self._paths.popitem(last=False)


async def render_graphic(context: OverlayContext, overlay: Overlay) -> str | None:
    """Draw the overlay's graphic for now (on a worker thread), or take it already drawn;
    its file, or None when no renderer is given (the cue then only switches scenes and
    visibility)."""
    renderer = context.renderer
    if renderer is None:
        return None
    if not context.count_whole and overlay.kind in COUNT_KINDS:
        return None
    theme = context.show.theme
    content = graphic_content(context, overlay)
    box = overlay_box(overlay, context.canvas)
    key = (overlay.source, content, theme, context.canvas, box)
    drawn = context.drawn
    known = drawn.get(key) if drawn is not None else None
    if known is not None:
        return known
    renderer.prepare(theme)  # fonts are loaded on the loop's thread
    try:
        path = str(
            await asyncio.get_running_loop().run_in_executor(
                renderer.executor,
                renderer.render,
                overlay.source,
                content,
                theme,
                context.canvas,
                box,
            )
        )
    except Exception as error:  # a graphic that cannot be drawn never holds up the cue
        log.error("%s", Said("log.graphic-not-drawn", overlay.id, error))
        return None
    if drawn is not None:
        drawn.put(key, path)
    return path


async def graphic_requests(context: OverlayContext) -> list[tuple[str, dict[str, Any]]]:
    """SetInputSettings for every graphic the segment shows: each drawn fresh for this cue."""
    overlays = {o.id: o for o in context.show.overlays}
    # Driven by sales and by the producer's approval, not the run sheet: not drawn here.
    shown, _left_off = cue_graphics(context.show, context.segment.show_overlays, context.canvas)
    graphics = [
        overlays[overlay_id]
        for overlay_id in shown
        if overlays[overlay_id].kind not in (OverlayKind.MILESTONE, OverlayKind.QUESTION)
    ]
    # Drawn side by side on worker threads (each into its own image), not one after another.
    paths = await asyncio.gather(*(render_graphic(context, overlay) for overlay in graphics))
    return [
        ("SetInputSettings", {"inputName": overlay.source, "inputSettings": {"file": path}})
        for overlay, path in zip(graphics, paths, strict=True)
        if path is not None
    ]


async def visibility_requests(
    link: ObsPort, scene: str, parts: list[OverlayPart], *, visible: bool
) -> list[tuple[str, dict[str, Any]]]:
    """SetSceneItemEnabled for every part of an overlay in a scene (the link records each
    once OBS confirmed it)."""
    requests: list[tuple[str, dict[str, Any]]] = []
    for part in parts:
        item_id = await link.scene_item_id(scene, part.source)
        requests.append(
            (
                "SetSceneItemEnabled",
                {"sceneName": scene, "sceneItemId": item_id, "sceneItemEnabled": visible},
            )
        )
    return requests


TICK_SECONDS = 0.25  # a flash-sale timer on air is looked at this often (its text: once a second)


class LiveGraphics:
    """Keeps the graphics that change by themselves on air — every counter (on each sale)
    and every flash-sale timer on air (each second, and on each sale for its stock) —
    equal to the show, coalescing bursts: a graphic is redrawn only when its text changes.

    An idempotent refresh, not a command: it always sends the latest state, so a newer
    request may replace a stale one.
    """

    def __init__(
        self,
        link: ObsPort | None,
        context: Callable[[], OverlayContext],
        changed: Callable[[], None] | None = None,
    ) -> None:
        self.link = link
        self.context = context
        self._changed = changed  # told when a graphic starts or stops failing (the banner)
        self.updates_sent = 0
        self.last_sent: dict[str, str] = {}
        self.failing: dict[str, str] = {}  # source → why OBS refused its last update
        self._dirty = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # (loop time, count) at each update over the last second: how fast sales come.
        self._recent: collections.deque[tuple[float, int]] = collections.deque()

    def _pause_after_update(self, sold: int) -> float:
        now = asyncio.get_running_loop().time()
        self._recent.append((now, sold))
        while self._recent and now - self._recent[0][0] > 1.0:
            self._recent.popleft()
        busy = sold - self._recent[0][1] > BUSY_SALES_PER_SECOND
        return COUNTER_INTERVAL if busy else FRAME_PAUSE

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="live-graphics")
        self.touch()

    def touch(self) -> None:
        self._dirty.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _on_air(self, overlay: Overlay) -> bool:
        link = self.link
        return link is not None and any(
            shown and source == overlay.source
            for (_scene, source), shown in link.owned.visibility.items()
        )

    def _live(self, context: OverlayContext) -> list[Overlay]:
        """Counters always (a counter taken on air shows the latest at once); a flash-sale
        timer only while on air (taking it draws it fresh)."""
        return [
            overlay
            for overlay in context.show.overlays
            if overlay.kind is OverlayKind.COUNTER
            or (overlay.kind is OverlayKind.FLASH_SALE and self._on_air(overlay))
        ]

    async def _run(self) -> None:
        while True:
            timers = any(o.kind is OverlayKind.FLASH_SALE for o in self.context().show.overlays)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._dirty.wait(), TICK_SECONDS if timers else None)
            self._dirty.clear()
            link = self.link
            context = self.context()
            sent = False
            for overlay in self._live(context):
                text = overlay_text(context, overlay)
                if self.last_sent.get(overlay.source) == text or link is None:
                    continue
                try:
                    path = await render_graphic(context, overlay)
                    if path is None:
                        continue
                    # Owned even while OBS is away: re-sync puts the latest value on air.
                    link.owned.images[overlay.source] = path
                    if not link.connected:
                        continue
                    await link.set_image(overlay.source, path)
                    self.last_sent[overlay.source] = text
                    self.updates_sent += 1
                    sent = True
                    if self.failing.pop(overlay.source, None) is not None:
                        log.info("%s", Said("log.graphic-updated-again", overlay.source))
                        if self._changed is not None:
                            self._changed()
                except (ObsError, OSError) as error:
                    # Said once per source until it works again (a missing source fails on
                    # every sale otherwise); retried slowly, e.g. until pre-flight creates it.
                    # The console's banner says it for as long as it lasts.
                    if overlay.source not in self.failing:
                        log.warning(
                            "%s", Said("log.graphic-not-updated", overlay.source, told(error))
                        )
                        self.failing[overlay.source] = str(error)
                        if self._changed is not None:
                            self._changed()
                    self.failing[overlay.source] = str(error)
                    loop = asyncio.get_running_loop()
                    loop.call_later(COUNTER_RETRY_AFTER, self._dirty.set)
            # After an update, a pause: however many sales arrive meanwhile, the next update
            # carries the latest count — a frame at a followable pace, a tenth of a second in
            # a burst. After nothing sent, none: a sale arriving now is drawn at once.
            if sent:
                await asyncio.sleep(self._pause_after_update(context.sold))


def milestone_cards(show: Show) -> list[Overlay]:
    return [o for o in show.overlays if o.kind is OverlayKind.MILESTONE]


async def milestone_card_requests(
    context: OverlayContext, link: ObsPort, scene: str, *, visible: bool
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The batch that takes (graphic and visibility) or clears every milestone card, and the
    texts it puts on air."""
    requests: list[tuple[str, dict[str, Any]]] = []
    texts: list[str] = []
    for card in milestone_cards(context.show):
        if visible:
            texts.append(overlay_text(context, card))
            path = await render_graphic(context, card)
            if path is not None:
                requests.append(
                    (
                        "SetInputSettings",
                        {"inputName": card.source, "inputSettings": {"file": path}},
                    )
                )
        parts = overlay_parts(card, context.canvas)
        requests += await visibility_requests(link, scene, parts, visible=visible)
    return requests, texts
