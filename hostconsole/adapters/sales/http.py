"""HTTP details shared by the feeds: one client, bounded reads, and plain-language errors."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import httpx

from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_RESPONSE_BYTES = 1024 * 1024  # a count fits in a few hundred bytes


class ResponseTooLargeError(Exception):
    pass


def make_client(verify: bool = True) -> httpx.AsyncClient:
    """The one AsyncClient the feeds share: TLS verified unless the producer turns it off."""
    return httpx.AsyncClient(
        verify=verify,
        timeout=httpx.Timeout(connect=3.0, read=5.0, write=5.0, pool=5.0),
        follow_redirects=True,
        headers={"User-Agent": "HostConsole"},
    )


async def read_bounded(response: httpx.Response, limit: int = MAX_RESPONSE_BYTES) -> bytes:
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ResponseTooLargeError(f"the response is {int(declared) // 1024} KB")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise ResponseTooLargeError(f"the response is larger than {limit // 1024} KB")
        chunks.append(chunk)
    return b"".join(chunks)


def bearer(token: Callable[[], str | None]) -> dict[str, str]:
    value = token()
    return {"Authorization": f"Bearer {value}"} if value else {}


def describe_error(error: Exception, url: str) -> Said:
    """One sentence for the producer about why a request failed."""
    host = httpx.URL(url).host or url
    if isinstance(error, httpx.TimeoutException):
        return Said("net.timeout", host, type(error).__name__)
    if isinstance(error, httpx.ConnectError):
        cause: BaseException | None = error
        while cause is not None:
            if isinstance(cause, socket.gaierror):
                return Said("net.no-host", host)
            if isinstance(cause, ConnectionRefusedError):
                return Said("net.refused", host)
            cause = cause.__cause__ or cause.__context__
        text = str(error)
        if "Name or service not known" in text or "not known" in text or "resolution" in text:
            return Said("net.no-host", host)
        if "refused" in text.lower():
            return Said("net.refused", host)
        return Said("net.cannot-connect", host, text or type(error).__name__)
    if isinstance(error, ResponseTooLargeError):
        return Said("net.too-large", str(error))
    if isinstance(error, httpx.RemoteProtocolError):
        return Said("net.broken", host, str(error))
    if isinstance(error, httpx.HTTPError):
        return Said("net.http-error", host, type(error).__name__)
    return Said("net.other", type(error).__name__, str(error))


def describe_status(code: int) -> Said:
    if code in (401, 403):
        return Said("http.token-refused", code)
    if code == 404:
        return Said("http.not-found")
    if code == 429:
        return Said("http.slow-down")
    if code >= 500:
        return Said("http.failed", code)
    return Said("http.unexpected", code)
