"""HTTP details shared by the feeds: one client, bounded reads, and plain-language errors."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import httpx

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


def describe_error(error: Exception, url: str) -> str:
    """One sentence for the producer about why a request failed."""
    host = httpx.URL(url).host or url
    if isinstance(error, httpx.TimeoutException):
        return f"no answer from {host} in time ({type(error).__name__})"
    if isinstance(error, httpx.ConnectError):
        cause: BaseException | None = error
        while cause is not None:
            if isinstance(cause, socket.gaierror):
                return f"cannot find the host '{host}' (name does not resolve)"
            if isinstance(cause, ConnectionRefusedError):
                return f"nothing is listening at {host} (connection refused)"
            cause = cause.__cause__ or cause.__context__
        text = str(error)
        if "Name or service not known" in text or "not known" in text or "resolution" in text:
            return f"cannot find the host '{host}' (name does not resolve)"
        if "refused" in text.lower():
            return f"nothing is listening at {host} (connection refused)"
        return f"cannot connect to {host}: {text or type(error).__name__}"
    if isinstance(error, ResponseTooLargeError):
        return f"{error}; a sales count should be tiny — is the URL right?"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"{host} broke the connection ({error})"
    if isinstance(error, httpx.HTTPError):
        return f"HTTP error talking to {host}: {type(error).__name__}"
    return f"{type(error).__name__}: {error}"


def describe_status(code: int) -> str:
    if code in (401, 403):
        return f"the sales API refused the token (HTTP {code}): enter the right token in Settings"
    if code == 404:
        return "the sales URL was not found (HTTP 404): check the feed URL in Settings"
    if code == 429:
        return "the sales API asks us to slow down (HTTP 429)"
    if code >= 500:
        return f"the sales API failed (HTTP {code}); retrying"
    return f"unexpected HTTP {code} from the sales API"
