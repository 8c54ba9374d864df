"""The festival board: every studio of a campaign on one page, from what their consoles send.

Each console sends its ledger entries (each once: JetStream de-duplicates on show, mode and the
ledger's own seq, and the console resumes after the last one the hub holds) and, a few times a
second at most, its state. The hub folds every show's entries with the console's own ledger
maths (``domain.ledger``), so the board's numbers are the ledgers' numbers; rehearsals are
shown and never counted. The organiser can send a message to one or all presenters.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import math
import time
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

from hostconsole.domain.ledger import Entry, EntryKind, LedgerState
from hostconsole.domain.orders import subject_token

if TYPE_CHECKING:
    from collections.abc import Callable

    from hostconsole.hub.journal import Journal
    from hostconsole.hub.platforms import Secrets

log = logging.getLogger(__name__)

QUIET_AFTER = 30.0  # a studio not heard from this long is flagged
STATE_LIMIT = 0.2  # a console's state is taken at most this often (5 a second)
BOARD_EVERY = 0.5  # the board's pages get a new picture this often
MAX_ENTRIES = 2000  # per request
CHART_MINUTES = 60
MODES = ("live", "rehearsal")


def viewer_token_name(campaign: str) -> str:
    return f"hub-board-viewer-{subject_token(campaign)}"


def organiser_token_name(campaign: str) -> str:
    return f"hub-board-organiser-{subject_token(campaign)}"


class ShowInfo(msgspec.Struct, frozen=True):
    show_id: str
    campaign: str
    title: str
    title_en: str


class Studio(msgspec.Struct):
    """What the hub knows of one show: its folded ledgers and its console's latest state."""

    info: ShowInfo
    ledgers: dict[str, LedgerState] = msgspec.field(default_factory=dict)
    last_seq: dict[str, int] = msgspec.field(default_factory=dict)
    state: dict[str, Any] = msgspec.field(default_factory=dict)
    heard_at: float | None = None
    state_at: float = 0.0


def entry_from_json(body: dict[str, Any]) -> Entry:
    return Entry(
        EntryKind(str(body["kind"])),
        float(body["at"]),
        str(body.get("source", "")),
        int(body.get("amount", 0)),
        body.get("order_id"),
        str(body.get("reason", "")),
        body.get("segment_id"),
        body.get("product_id"),
        str(body.get("payload_hash", "")),
        str(body.get("flag", "")),
        str(body.get("event_id", "")),
        int(body.get("seq", 0)),
    )


class Board:
    def __init__(
        self,
        journal: Journal,
        shows: dict[str, ShowInfo],
        secrets: Secrets,
        show_authorised: Callable[[web.Request, str], bool],
        now: Callable[[], float] = time.time,
    ) -> None:
        self.journal = journal
        self.studios = {show_id: Studio(info) for show_id, info in shows.items()}
        self.by_subject = {subject_token(show_id): show_id for show_id in shows}
        self.secrets = secrets
        self.show_authorised = show_authorised
        self.now = now
        self._fold: asyncio.Task[None] | None = None
        self.folded = 0
        # Set (and replaced by a fresh one) on every change: each page waits on the one it saw
        # before drawing, so one page never swallows another's news.
        self.changed = asyncio.Event()

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/shows/{show}/ledger/last", self.ledger_last)
        app.router.add_post("/shows/{show}/ledger", self.ledger_entries)
        app.router.add_post("/shows/{show}/state", self.show_state)
        app.router.add_get("/shows/{show}/messages", self.messages)
        app.router.add_get("/board/{campaign}", self.page)
        app.router.add_get("/board/{campaign}/state", self.board_state)
        app.router.add_get("/board/{campaign}/events", self.board_events)
        app.router.add_post("/board/{campaign}/message", self.message)
        app.router.add_get("/board/{campaign}/ledger/{show}", self.ledger)
        app.on_startup.append(self._start)
        app.on_cleanup.append(self._stop)

    async def _start(self, _app: web.Application) -> None:
        self._fold = asyncio.get_running_loop().create_task(self.run_fold(), name="board-fold")

    async def _stop(self, _app: web.Application) -> None:
        if self._fold is not None:
            self._fold.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._fold

    # --- folding every ledger ---------------------------------------------------------------

    async def run_fold(self) -> None:
        while True:
            queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
            subscription = None
            try:
                subscription = await self.journal.follow_ledgers(queue)
                while True:
                    subject, data = await queue.get()
                    self._apply(subject, data)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.error("board: the ledgers cannot be read (%s); again in 1 s", error)
                await asyncio.sleep(1.0)
            finally:
                if subscription is not None:
                    with contextlib.suppress(Exception):
                        await subscription.unsubscribe()

    def _apply(self, subject: str, data: bytes) -> None:
        parts = subject.split(".")
        if len(parts) != 4 or parts[3] not in MODES:
            return
        show_id = self.by_subject.get(parts[2])
        if show_id is None:
            return
        mode = parts[3]
        studio = self.studios[show_id]
        try:
            entry = entry_from_json(json.loads(data))
        except (ValueError, KeyError, TypeError):
            log.warning("board: an unreadable ledger entry of %s skipped", show_id)
            return
        # Folded in order, each seq once: a resend after a reconnect changes nothing.
        if entry.seq <= studio.last_seq.get(mode, 0):
            return
        studio.last_seq[mode] = entry.seq
        studio.ledgers.setdefault(mode, LedgerState()).apply(entry)
        self.folded += 1
        self._announce()

    def _announce(self) -> None:
        changed, self.changed = self.changed, asyncio.Event()
        changed.set()

    # --- the consoles' side ---------------------------------------------------------------

    def _studio(self, request: web.Request) -> Studio:
        show_id = request.match_info["show"]
        studio = self.studios.get(show_id)
        if studio is None:
            raise web.HTTPNotFound(text=f"no show '{show_id}' on this hub")
        if not self.show_authorised(request, show_id):
            raise web.HTTPUnauthorized(text="the show's token is required")
        return studio

    @staticmethod
    def _mode(request: web.Request) -> str:
        mode = request.query.get("mode", "live")
        if mode not in MODES:
            raise web.HTTPBadRequest(text="mode is live or rehearsal")
        return mode

    async def ledger_last(self, request: web.Request) -> web.Response:
        studio = self._studio(request)
        try:
            last = await self.journal.ledger_last(studio.info.show_id, self._mode(request))
        except web.HTTPException:
            raise
        except Exception as error:
            raise web.HTTPServiceUnavailable(text=f"JetStream: {error}") from None
        return web.json_response({"last": last})

    async def ledger_entries(self, request: web.Request) -> web.Response:
        studio = self._studio(request)
        mode = self._mode(request)
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="expected {entries: [...]}") from None
        entries = body.get("entries") if isinstance(body, dict) else None
        if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
            raise web.HTTPBadRequest(text=f"expected up to {MAX_ENTRIES} entries")
        for item in entries:
            try:
                entry_from_json(item)
            except (ValueError, KeyError, TypeError, AttributeError):
                raise web.HTTPBadRequest(text="an entry is not a ledger entry") from None
        try:
            last = await self.journal.publish_entries(studio.info.show_id, mode, entries)
        except Exception as error:
            raise web.HTTPServiceUnavailable(text=f"JetStream: {error}") from None
        studio.heard_at = self.now()
        return web.json_response({"last": last})

    async def show_state(self, request: web.Request) -> web.Response:
        studio = self._studio(request)
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="expected the console's state") from None
        if not isinstance(body, dict):
            raise web.HTTPBadRequest(text="expected the console's state")
        now = self.now()
        studio.heard_at = now
        if now - studio.state_at >= STATE_LIMIT or body.get("on_air") != studio.state.get("on_air"):
            studio.state, studio.state_at = body, now
            self._announce()
        return web.json_response({"ok": True})

    async def messages(self, request: web.Request) -> web.StreamResponse:
        """The organiser's messages to this show's presenter, as Server-Sent Events."""
        studio = self._studio(request)
        after_text = request.headers.get("Last-Event-ID", "0")
        after = int(after_text) if after_text.isdigit() else 0
        queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
        try:
            subscription = await self.journal.follow_messages(studio.info.show_id, after, queue)
        except Exception as error:
            raise web.HTTPServiceUnavailable(text=f"JetStream: {error}") from None
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        try:
            await response.prepare(request)
            await response.write(b"event: heartbeat\ndata: {}\n\n")
            while True:
                try:
                    sequence, data = await asyncio.wait_for(queue.get(), 5.0)
                except TimeoutError:
                    await response.write(b"event: heartbeat\ndata: {}\n\n")
                    continue
                text = data.decode("utf-8", "replace").replace("\n", " ")
                await response.write(f"id: {sequence}\nevent: message\ndata: {text}\n\n".encode())
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()
        return response

    # --- the organiser's side ---------------------------------------------------------------

    def _campaign(self, request: web.Request, *, organiser: bool = False) -> str:
        campaign = request.match_info["campaign"]
        if not any(s.info.campaign == campaign for s in self.studios.values()):
            raise web.HTTPNotFound(text="no such campaign on this hub")
        given = request.query.get("token", "")
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            given = header[7:].strip()
        names = [organiser_token_name(campaign)]
        if not organiser:
            names.append(viewer_token_name(campaign))
        for name in names:
            expected = self.secrets(name)
            if expected and given and hmac.compare_digest(expected.encode(), given.encode()):
                return campaign
        raise web.HTTPUnauthorized(
            text="the campaign's organiser token is required"
            if organiser
            else "the campaign's viewer or organiser token is required"
        )

    def picture(self, campaign: str) -> dict[str, Any]:
        """The board's numbers: every studio of the campaign and their live totals."""
        now = self.now()
        studios = [s for s in self.studios.values() if s.info.campaign == campaign]
        tiles = []
        sold = rate = refunded = on_air = 0
        minute_now = math.floor(now / 60)
        start = (minute_now - CHART_MINUTES + 1) * 60
        chart = [0] * CHART_MINUTES
        for studio in sorted(studios, key=lambda s: s.info.show_id):
            state = studio.state
            rehearsal = bool(state.get("rehearsal", False))
            ledger = studio.ledgers.get("rehearsal" if rehearsal else "live") or LedgerState()
            live = studio.ledgers.get("live")
            if live is not None:  # rehearsals are never counted
                sold += live.on_air
                rate += live.rate(now)
                refunded += live.refunded
                for index, count in enumerate(live.per_minute(start, now)[-CHART_MINUTES:]):
                    chart[index] += count
            quiet = studio.heard_at is None or now - studio.heard_at > QUIET_AFTER
            if state.get("on_air") and not quiet and not rehearsal:
                on_air += 1
            tiles.append(
                {
                    "show": studio.info.show_id,
                    "title": studio.info.title,
                    "title_en": studio.info.title_en,
                    "rehearsal": rehearsal,
                    "on_air": bool(state.get("on_air")),
                    "segment": state.get("segment"),
                    "next": state.get("next"),
                    "left": state.get("left"),
                    "count": ledger.on_air,
                    "rate_5min": ledger.rate(now),
                    "refunded": ledger.refunded,
                    "stream": state.get("stream", "unknown"),
                    "alarms": state.get("alarms", []),
                    "obs": state.get("obs", "unknown"),
                    "feed": state.get("feed", "unknown"),
                    "heard_at": studio.heard_at,
                    "quiet": quiet,
                    "message": state.get("message", ""),
                }
            )
        return {
            "campaign": campaign,
            "now": now,
            "totals": {
                "sold": sold,
                "rate_5min": rate,
                "refunded": refunded,
                "net": max(sold - refunded, 0),
                "studios": len(tiles),
                "on_air": on_air,
            },
            "chart": {"start": start, "per_minute": chart},
            "studios": tiles,
        }

    async def board_state(self, request: web.Request) -> web.Response:
        return web.json_response(self.picture(self._campaign(request)))

    async def board_events(self, request: web.Request) -> web.StreamResponse:
        campaign = self._campaign(request)
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        try:
            while True:
                changed = self.changed
                data = json.dumps(self.picture(campaign), ensure_ascii=False)
                await response.write(f"event: board\ndata: {data}\n\n".encode())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), 2.0)
                await asyncio.sleep(BOARD_EVERY / 5)  # many changes, one picture
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        return response

    async def message(self, request: web.Request) -> web.Response:
        campaign = self._campaign(request, organiser=True)
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text='expected {"to": "all" or a show, "text": "…"}') from None
        text = str(body.get("text", "")).strip()[:200] if isinstance(body, dict) else ""
        to = str(body.get("to", "all")) if isinstance(body, dict) else "all"
        if not text:
            raise web.HTTPBadRequest(text="a message needs its text")
        targets = [
            s.info.show_id
            for s in self.studios.values()
            if s.info.campaign == campaign and (to == "all" or s.info.show_id == to)
        ]
        if not targets:
            raise web.HTTPNotFound(text=f"no studio '{to}' in this campaign")
        message = {"text": text, "from": "organiser", "at": self.now()}
        try:
            for show_id in targets:
                await self.journal.send_message(show_id, message)
        except Exception as error:
            raise web.HTTPServiceUnavailable(text=f"JetStream: {error}") from None
        log.info("organiser message to %s: %r", ", ".join(targets), text)
        return web.json_response({"sent": targets})

    async def ledger(self, request: web.Request) -> web.Response:
        """A show's ledger entries as the hub holds them, in order (for the campaign report)."""
        campaign = self._campaign(request)
        show_id = request.match_info["show"]
        studio = self.studios.get(show_id)
        if studio is None or studio.info.campaign != campaign:
            raise web.HTTPNotFound(text=f"no studio '{show_id}' in this campaign")
        try:
            entries = await self.journal.ledger_entries(show_id, self._mode(request))
        except web.HTTPException:
            raise
        except Exception as error:
            raise web.HTTPServiceUnavailable(text=f"JetStream: {error}") from None
        return web.json_response({"entries": entries})

    async def page(self, request: web.Request) -> web.Response:
        campaign = self._campaign(request)
        from hostconsole.hub.board_page import board_html

        language = request.query.get("lang") or (
            "zh" if "zh" in request.headers.get("Accept-Language", "zh") else "en"
        )
        return web.Response(
            text=board_html(campaign, "zh" if language.startswith("zh") else "en"),
            content_type="text/html",
        )
