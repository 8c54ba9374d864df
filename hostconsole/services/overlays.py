"""On-air overlays: their texts from templates, the product card's QR code, the live counter
(coalesced, never backwards, the last value always lands) and the milestone card."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.obs.errors import ObsError
from hostconsole.domain.overlays import OverlayPart, overlay_parts, qr_name
from hostconsole.domain.show import Overlay, OverlayKind, Segment, Show

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.adapters.obs.link import ObsLink
    from hostconsole.services.session import ShowSession

log = logging.getLogger(__name__)

COUNTER_INTERVAL = 0.1  # at most ten OBS text updates a second, however fast sales come


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


def overlay_values(session: ShowSession, overlay: Overlay, segment: Segment) -> dict[str, Any]:
    """The template variables of an overlay for a segment, from the show and the live count."""
    show = session.show
    state = session.counter.state
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
        goal = state.goal
        return {
            "sold": state.on_air,
            "goal": goal if goal is not None else "",
            "rate": session.counter.rate(),
            "remaining": max(goal - state.on_air, 0) if goal else "",
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
        point_id = session.caption_point
        if point_id is None:
            points = show.points_for_segment(segment)
            point_id = points[0].id if points else None
        if point_id is None:
            return {}
        point = show.talking_point(point_id)
        return {"headline": point.headline, "detail": point.detail}
    if overlay.kind is OverlayKind.MILESTONE:
        reached = session.milestone_hits[-1] if session.milestone_hits else 0
        return {"milestone": reached, "sold": state.on_air, "goal": state.goal or ""}
    return {"show_title": show.title, "segment_title": segment.title}


def _host_for(show: Show, segment: Segment) -> Any:
    if segment.host is not None:
        return next((h for h in show.hosts if h.id == segment.host), None)
    return show.hosts[0] if show.hosts else None


def _product_for(show: Show, segment: Segment) -> Any:
    if segment.products:
        return show.product(segment.products[0])
    return None


def overlay_text(session: ShowSession, overlay: Overlay, segment: Segment) -> str:
    return render(overlay.template, overlay_values(session, overlay, segment))


def qr_path(session: ShowSession, product_id: str) -> Path:
    return session.show_dir / "qr" / f"{product_id}.png"


def write_qr(session: ShowSession, product_id: str, url: str) -> Path:
    """The purchase URL as a QR code image (segno), dark on white with a quiet zone."""
    import segno

    path = qr_path(session, product_id)
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


def preview_cue(session: ShowSession, segment: Segment) -> CuePreview:
    overlays = {o.id: o for o in session.show.overlays}
    shows = tuple(
        (overlay_id, overlay_text(session, overlays[overlay_id], segment))
        for overlay_id in segment.show_overlays
    )
    return CuePreview(segment.scene, shows, segment.hide_overlays)


def text_requests(session: ShowSession, segment: Segment) -> list[tuple[str, dict[str, Any]]]:
    """SetInputSettings for every overlay the segment shows: texts, and the product's QR code."""
    requests: list[tuple[str, dict[str, Any]]] = []
    link = session.obs
    overlays = {o.id: o for o in session.show.overlays}
    for overlay_id in segment.show_overlays:
        overlay = overlays[overlay_id]
        if overlay.kind is OverlayKind.MILESTONE:
            continue  # the milestone card is driven by sales, not by the run sheet
        text = overlay_text(session, overlay, segment)
        if link is not None:
            link.owned.texts[overlay.source] = text
        requests.append(
            ("SetInputSettings", {"inputName": overlay.source, "inputSettings": {"text": text}})
        )
        if overlay.kind is OverlayKind.PRODUCT_CARD:
            product = _product_for(session.show, segment)
            if product is not None and product.purchase_url:
                path = str(write_qr(session, product.id, product.purchase_url))
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
    """Keeps every counter overlay's text equal to the count on air, coalescing bursts."""

    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.updates_sent = 0
        self.last_sent: dict[str, str] = {}
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
            link: ObsLink | None = self.session.obs
            counters = [o for o in self.session.show.overlays if o.kind is OverlayKind.COUNTER]
            segment = self.session.current_segment()
            for overlay in counters:
                text = overlay_text(self.session, overlay, segment)
                if link is not None:
                    # Owned even while OBS is away: re-sync puts the latest value on air.
                    link.owned.texts[overlay.source] = text
                if self.last_sent.get(overlay.source) == text or link is None or not link.connected:
                    continue
                try:
                    await link.set_text(overlay.source, text)
                    self.last_sent[overlay.source] = text
                    self.updates_sent += 1
                except ObsError as error:
                    log.warning("counter overlay not updated: %s", error)
                    self._dirty.set()
            # However many sales arrived meanwhile, the next update carries the latest count.
            await asyncio.sleep(COUNTER_INTERVAL)


async def run_milestone_card(session: ShowSession, milestone: int) -> str:
    """Take the milestone card (text and visibility in one batch), hold it, then hide it."""
    link = session.obs
    cards = [o for o in session.show.overlays if o.kind is OverlayKind.MILESTONE]
    if link is None or not cards:
        return "no milestone overlay"
    segment = session.current_segment()
    # The scene the console put on program (OBS's own event may still be a frame away).
    scene = segment.scene or link.program_scene
    if not link.connected or not scene:
        session.onair_log.write(
            "overlay", "auto", f"milestone card for {milestone}", "OBS is not connected"
        )
        return "OBS is not connected"
    result = "ok"
    for card in cards:
        text = overlay_text(session, card, segment)
        parts = overlay_parts(card)
        try:
            show: list[tuple[str, dict[str, Any]]] = [
                ("SetInputSettings", {"inputName": card.source, "inputSettings": {"text": text}})
            ]
            show += await visibility_requests(link, scene, parts, visible=True)
            await link.batch(show)
            session.onair_log.write("overlay", "auto", f"milestone card {text!r} shown in {scene}")
            await asyncio.sleep(card.hold_seconds)
            await link.batch(await visibility_requests(link, scene, parts, visible=False))
            session.onair_log.write("overlay", "auto", f"milestone card hidden in {scene}")
        except ObsError as error:
            result = str(error)
            session.onair_log.write(
                "overlay", "auto", f"milestone card {text!r}", f"failed: {error}"
            )
    return result
