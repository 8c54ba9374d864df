"""The real sales feeds for a show: its poll, stream and comment feeds over one HTTP client
(the engine asks for them through services/ports.SalesFeedMaker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hostconsole.adapters.sales.feeds import CommentFeed, PollFeed, StreamFeed
from hostconsole.adapters.sales.http import make_client

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from hostconsole.adapters.sales.model import CommentSeen, Fallback, Observation, Sink


async def _no_sales(_observation: Observation) -> None:
    """A comment feed's sink: its sales events (if any) are the sales stream's to count."""
    return None


class HttpSalesFeeds:
    def __init__(self, *, verify_tls: bool = True) -> None:
        self._verify = verify_tls
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        # Made when the first feed is: a show without feeds never builds one.
        if self._client is None:
            self._client = make_client(verify=self._verify)
        return self._client

    def poll(
        self,
        url: str,
        pointer: str,
        sink: Sink,
        *,
        interval: float,
        token: Callable[[], str | None],
        now: Callable[[], float],
    ) -> PollFeed:
        return PollFeed(self.client, url, pointer, sink, interval=interval, token=token, now=now)

    def stream(
        self,
        url: str,
        sink: Sink,
        *,
        token: Callable[[], str | None],
        fallback: Fallback | None,
        now: Callable[[], float],
        resume_after: str,
        on_comment: Callable[[CommentSeen], None],
    ) -> StreamFeed:
        return StreamFeed(
            self.client,
            url,
            sink,
            token=token,
            fallback=fallback,
            now=now,
            resume_after=resume_after,
            on_comment=on_comment,
        )

    def comments(
        self,
        url: str,
        *,
        token: Callable[[], str | None],
        now: Callable[[], float],
        on_comment: Callable[[CommentSeen], None],
    ) -> CommentFeed:
        return CommentFeed(self.client, url, _no_sales, token=token, now=now, on_comment=on_comment)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
