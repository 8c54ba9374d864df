"""On-air overlays: their texts from templates, the product card's QR code, the live counter
(coalesced, never backwards, the last value always lands) and the milestone card."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.overlays import OverlayPart, overlay_parts, qr_name
from hostconsole.domain.show import Overlay, OverlayKind, Segment, Show

if TYPE_CHECKING:
    from collections.abc import Callable

    from hostconsole.adapters.obs.link import ObsLink

log = logging.getLogger(__name__)

COUNTER_INTERVAL = 0.1  # at most ten OBS text updates a second, however fast sales come
COUNTER_RETRY_AFTER = 5.0  # a counter source OBS refused is tried again this much later


class _Missing(dict[str, Any]):
    """Template values: a variable with no value renders empty rather than failing on air."""

    def __missing__(self, key: str) -> str:
        return ""


def render(template: str, values: dict[str, Any]) -> str:
    try:
        return template.format_map(_Missing(values))
    except (ValueError, IndexError, AttributeError, TypeError):
        return template


def _price(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@dataclass(frozen=True, slots=True)
class OverlayContext:
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
            "sold": context.sold,
            "goal": goal if goal is not None else "",
            "rate": context.rate,
            "remaining": max(goal - context.sold, 0) if goal else "",
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
    if overlay.kind is OverlayKind.MILESTONE:
        return {"milestone": context.milestone, "sold": context.sold, "goal": context.goal or ""}
    return {"show_title": show.title, "segment_title": segment.title}


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


def qr_path(context: OverlayContext, product_id: str) -> Path:
    return context.qr_dir / f"{product_id}.png"


def write_qr(context: OverlayContext, product_id: str, url: str) -> Path:
    """The purchase URL as a QR code image (segno), dark on white with a quiet zone."""
    import segno

    path = qr_path(context, product_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        segno.make(url, error="m").save(
            str(path), scale=12, border=3, dark="#111111", light="#ffffff"
        )
    return path


@dataclass(frozen=True, slots=True)
class CuePreview:
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


def text_requests(
    context: OverlayContext, link: ObsLink | None
) -> list[tuple[str, dict[str, Any]]]:
    """SetInputSettings for every overlay the segment shows: texts, and the product's QR code."""
    requests: list[tuple[str, dict[str, Any]]] = []
    segment = context.segment
    overlays = {o.id: o for o in context.show.overlays}
    for overlay_id in segment.show_overlays:
        overlay = overlays[overlay_id]
        if overlay.kind is OverlayKind.MILESTONE:
            continue  # the milestone card is driven by sales, not by the run sheet
        text = overlay_text(context, overlay)
        if link is not None:
            link.owned.texts[overlay.source] = text
        requests.append(
            ("SetInputSettings", {"inputName": overlay.source, "inputSettings": {"text": text}})
        )
        if overlay.kind is OverlayKind.PRODUCT_CARD:
            product = _product_for(context.show, segment)
            if product is not None and product.purchase_url:
                path = str(write_qr(context, product.id, product.purchase_url))
                if link is not None:
                    link.owned.images[qr_name(overlay)] = path
                requests.append(
                    (
                        "SetInputSettings",
                        {"inputName": qr_name(overlay), "inputSettings": {"file": path}},
                    )
                )
    return requests


async def visibility_requests(
    link: ObsLink, scene: str, parts: list[OverlayPart], *, visible: bool
) -> list[tuple[str, dict[str, Any]]]:
    """SetSceneItemEnabled for every part of an overlay in a scene; the console owns them."""
    requests: list[tuple[str, dict[str, Any]]] = []
    for part in parts:
        item_id = await link.scene_item_id(scene, part.source)
        link.owned.visibility[(scene, part.source)] = visible
        requests.append(
            (
                "SetSceneItemEnabled",
                {"sceneName": scene, "sceneItemId": item_id, "sceneItemEnabled": visible},
            )
        )
    return requests


class CounterOverlay:
    """Keeps every counter overlay's text equal to the count on air, coalescing bursts.

    An idempotent refresh, not a command: it always sends the latest count, so a newer
    request may replace a stale one.
    """

    def __init__(self, link: ObsLink | None, context: Callable[[], OverlayContext]) -> None:
        self.link = link
        self.context = context
        self.updates_sent = 0
        self.last_sent: dict[str, str] = {}
        self.failing: dict[str, str] = {}  # source → why OBS refused its last update
        self._dirty = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="overlay-counter")
        self.touch()

    def touch(self) -> None:
        self._dirty.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            link = self.link
            context = self.context()
            counters = [o for o in context.show.overlays if o.kind is OverlayKind.COUNTER]
            for overlay in counters:
                text = overlay_text(context, overlay)
                if link is not None:
                    # Owned even while OBS is away: re-sync puts the latest value on air.
                    link.owned.texts[overlay.source] = text
                if self.last_sent.get(overlay.source) == text or link is None or not link.connected:
                    continue
                try:
                    await link.set_text(overlay.source, text)
                    self.last_sent[overlay.source] = text
                    self.updates_sent += 1
                    if self.failing.pop(overlay.source, None) is not None:
                        log.info("counter overlay %s is updated again", overlay.source)
                except ObsError as error:
                    # Said once per source until it works again (a missing source fails on
                    # every sale otherwise); retried slowly, e.g. until pre-flight creates it.
                    if overlay.source not in self.failing:
                        log.warning("counter overlay %s not updated: %s", overlay.source, error)
                    self.failing[overlay.source] = str(error)
                    loop = asyncio.get_running_loop()
                    loop.call_later(COUNTER_RETRY_AFTER, self._dirty.set)
            # However many sales arrived meanwhile, the next update carries the latest count.
            await asyncio.sleep(COUNTER_INTERVAL)


def milestone_cards(show: Show) -> list[Overlay]:
    return [o for o in show.overlays if o.kind is OverlayKind.MILESTONE]


async def milestone_card_requests(
    context: OverlayContext, link: ObsLink, scene: str, *, visible: bool
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The batch that takes (text and visibility) or clears every milestone card, and the
    texts it puts on air."""
    requests: list[tuple[str, dict[str, Any]]] = []
    texts: list[str] = []
    for card in milestone_cards(context.show):
        if visible:
            text = overlay_text(context, card)
            texts.append(text)
            requests.append(
                ("SetInputSettings", {"inputName": card.source, "inputSettings": {"text": text}})
            )
        requests += await visibility_requests(link, scene, overlay_parts(card), visible=visible)
    return requests, texts
