"""The show's sales and comment feeds: built from the settings when the show starts, the sales
token read once on a worker, statuses for the views."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from hostconsole.adapters.hub_link import HubLink
    from hostconsole.adapters.sales.model import FeedStatus
    from hostconsole.services.ports import (
        PollFeedPort,
        SalesFeedMaker,
        SalesFeedPort,
        StreamFeedPort,
    )
    from hostconsole.services.show.session import ShowSession


log = logging.getLogger(__name__)


class Feeds:
    def __init__(self, session: ShowSession, read_token: Callable[[], str | None]) -> None:
        self.session = session
        self._read_token = read_token
        self._token: str | None = None
        self.maker: SalesFeedMaker | None = None
        self.poll: PollFeedPort | None = None
        self.stream: StreamFeedPort | None = None
        self.comments: SalesFeedPort | None = None  # viewers' comments from their own URL
        # The hub's festival board, when the sales stream is the hub's.
        self.hub: HubLink | None = None
        self.hub_http: httpx.AsyncClient | None = None

    async def _load_token(self) -> None:
        """Read the token on a worker (a locked keyring may prompt), once, not per request."""
        self._token = await asyncio.get_running_loop().run_in_executor(None, self._read_token)

    async def token_changed(self) -> None:
        await self._load_token()
        for feed in (self.poll, self.stream):
            if feed is not None:
                feed.token_changed()

    async def start(self) -> None:
        session = self.session
        settings, counter, reactions = session.settings, session.counter, session.reactions
        kind = settings.feed_kind
        await self._start_hub_link()
        if kind == "none" and not settings.comments_url:
            return
        await self._load_token()

        def token() -> str | None:
            return self._token

        def changed(_status: Any) -> None:
            session.changed("feed")

        self.maker = maker = session.parts.sales_feeds(settings)
        if kind in ("poll", "both") and settings.poll_url:
            self.poll = maker.poll(
                settings.poll_url,
                settings.json_pointer,
                counter.observe,
                interval=settings.poll_interval,
                token=token,
                now=session.now,
            )
            self.poll.add_status_listener(changed)
        if kind in ("stream", "both") and settings.stream_url:
            self.stream = maker.stream(
                settings.stream_url,
                counter.observe,
                token=token,
                fallback=self.poll,
                now=session.now,
                resume_after=counter.last_stream_event_id,
                on_comment=reactions.comment,
            )
            self.stream.add_status_listener(changed)
            self.stream.start()
        elif self.poll is not None:
            self.poll.start()
        if settings.comments_url:
            self.comments = maker.comments(
                settings.comments_url, token=token, now=session.now, on_comment=reactions.comment
            )
            self.comments.add_status_listener(changed)
            self.comments.start()

    async def _start_hub_link(self) -> None:
        """With a hub (Settings, --hub; or the sales stream is the hub's): the ledger and the
        state go to it for the festival board, and the organiser's messages come back."""
        session = self.session
        settings = session.settings
        if not settings.hub_url and "/shows/" not in settings.stream_url:
            return  # no hub: nothing imported (httpx costs a tenth of a second at start-up)
        from hostconsole.adapters.hub_link import HubLink, hub_of
        from hostconsole.adapters.sales.http import make_client
        from hostconsole.services.show.hub import board_state, organiser_says

        fed = hub_of(settings.stream_url) if settings.feed_kind in ("stream", "both") else None
        if settings.hub_url:
            base, show_id = settings.hub_url.rstrip("/"), session.show.id
            loop = asyncio.get_running_loop()
            token = await loop.run_in_executor(None, self._read_hub_token)
        elif fed is not None:
            (base, show_id), token = fed, None
        else:
            return
        if not show_id:
            log.warning("%s", Said("log.hub-needs-id"))
            return
        if fed is not None and token is None:
            await self._load_token()

        def hub_token() -> str | None:
            return token if token is not None else self._token

        async def said(text: str) -> None:
            await organiser_says(session, text)

        self.hub_http = make_client(verify=settings.verify_tls)
        self.hub = HubLink(
            self.hub_http,
            base,
            show_id,
            rehearsal=session.rehearsal,
            token=hub_token,
            entries_after=session.counter.store.entry_batches,
            state=lambda: board_state(session),
            on_message=said,
        )
        session.counter.add_change_listener(lambda _recorded: self._hub_wake())
        self.hub.start()
        log.info("%s", Said("log.hub-reporting", base, show_id))

    def _read_hub_token(self) -> str | None:
        from hostconsole.adapters.secrets import SecretsUnavailableError

        try:
            return self.session.parts.secret("hub-token")
        except SecretsUnavailableError as error:
            log.warning("%s", error)
            return None

    def _hub_wake(self) -> None:
        if self.hub is not None:
            self.hub.ledger_changed()

    async def stop(self) -> None:
        if self.hub is not None:
            await self.hub.stop()
        if self.hub_http is not None:
            await self.hub_http.aclose()
        for feed in (self.stream, self.poll, self.comments):
            if feed is not None:
                await feed.stop()
        if self.maker is not None:
            await self.maker.close()

    def missing_earlier_sales_since(self) -> float | None:
        """When a stream-only feed first connected, while it may lack earlier sales (the
        platform has sent no total to reconcile with); None otherwise."""
        stream = self.stream
        if stream is None or self.poll is not None or not stream.may_miss_earlier_sales:
            return None
        return stream.first_connected_at

    def statuses(self) -> list[FeedStatus]:
        return [feed.status for feed in (self.stream, self.poll) if feed is not None]
