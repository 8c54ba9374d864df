"""The control API for Companion, Stream Deck and scripts, on the app's own asyncio loop.

JSON in, JSON out under /api/v1; a Server-Sent Events stream of state at /api/v1/events;
a read-only web presenter view at /presenter. Bound to 127.0.0.1 by default; bound to any
other interface it requires a bearer token, and a request without it changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from hostconsole.adapters.obs.errors import ObsError, ObsNotConnectedError
from hostconsole.remote.state import state_json
from hostconsole.resources import resources_dir

if TYPE_CHECKING:
    from hostconsole.services.session import ShowSession

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
# A refused command changed nothing; its reason decides the status.
REFUSAL_STATUS = {"conflict": 409, "not_found": 404, "invalid": 400, "unavailable": 409}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ControlApi:
    def __init__(self, session: ShowSession, host: str, port: int, token: str | None) -> None:
        self.session = session
        self.host = host
        self.port = port
        self.token = token if not is_loopback(host) else None
        if not is_loopback(host) and not token:
            raise ValueError("the control API needs a token when bound beyond this computer")
        self.runner: web.AppRunner | None = None
        self._page: str | None = None
        self._changed = asyncio.Event()
        session.add_listener(lambda _topic: self._changed.set())

    # --- server ---------------------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._errors, self._auth])
        routes = [
            web.get("/api/v1/state", self.get_state),
            web.get("/api/v1/events", self.events),
            web.post("/api/v1/go", self.go),
            web.post("/api/v1/next", self.next),
            web.post("/api/v1/previous", self.previous),
            web.post("/api/v1/goto", self.goto),
            web.post("/api/v1/pause", self.pause),
            web.post("/api/v1/resume", self.resume),
            web.post("/api/v1/time", self.time),
            web.post("/api/v1/take", self.take),
            web.post("/api/v1/overlays/{overlay_id}/show", self.overlay_show),
            web.post("/api/v1/overlays/{overlay_id}/hide", self.overlay_hide),
            web.post("/api/v1/message", self.message),
            web.post("/api/v1/vouchers/correction", self.correction),
            web.post("/api/v1/preflight", self.preflight),
            web.get("/presenter", self.presenter_page),
        ]
        app.add_routes(routes)
        return app

    async def start(self) -> int:
        self.runner = web.AppRunner(self.application(), access_log=None, shutdown_timeout=0.5)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            self.port = int(server.sockets[0].getsockname()[1])
        log.info(
            "control API on http://%s:%d (token %s)",
            self.host,
            self.port,
            "required" if self.token else "not needed on loopback",
        )
        return self.port

    async def cleanup(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    # --- middlewares ------------------------------------------------------------------------

    @web.middleware
    async def _errors(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every failure is a JSON error with a 4xx/5xx status, never a traceback page."""
        try:
            return await handler(request)
        except ApiError as error:
            return web.json_response({"error": str(error)}, status=error.status)
        except web.HTTPRequestEntityTooLarge:
            return web.json_response(
                {"error": f"the body is larger than {MAX_BODY // 1024} KB"}, status=413
            )
        except web.HTTPException as error:
            if error.status < 400:
                raise
            return web.json_response({"error": error.reason}, status=error.status)
        except ObsNotConnectedError as error:
            return web.json_response({"error": str(error)}, status=409)
        except ObsError as error:
            return web.json_response({"error": f"OBS: {error}"}, status=502)

    @web.middleware
    async def _auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.token is not None:
            supplied = request.headers.get("Authorization", "")
            query = request.query.get("token", "")
            expected = f"Bearer {self.token}"
            if not (
                hmac.compare_digest(supplied, expected)
                or (query and hmac.compare_digest(query, self.token))
            ):
                raise ApiError(401, "a bearer token is required (see Settings → Control API)")
        return await handler(request)

    # --- helpers ----------------------------------------------------------------------------

    def origin(self, request: web.Request) -> str:
        peer = request.remote or "?"
        return f"control-api:{peer}"

    async def body(self, request: web.Request, required: bool = False) -> dict[str, Any]:
        if not request.can_read_body:
            if required:
                raise ApiError(400, "a JSON body is required")
            return {}
        if request.content_type != "application/json":
            raise ApiError(415, "send JSON with Content-Type: application/json")
        raw = await request.read()
        if not raw.strip():
            if required:
                raise ApiError(400, "a JSON body is required")
            return {}
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise ApiError(400, "the body must be a JSON object")
        return data

    def ok(self, **extra: Any) -> web.Response:
        return web.json_response({"ok": True, **extra, "state": state_json(self.session)})

    # --- endpoints --------------------------------------------------------------------------

    async def get_state(self, request: web.Request) -> web.Response:
        return web.json_response(state_json(self.session))

    async def events(self, request: web.Request) -> web.StreamResponse:
        """State on every change (at most 10 a second) and at least once a second."""
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while True:
                payload = json.dumps(state_json(self.session), ensure_ascii=False)
                await response.write(f"event: state\ndata: {payload}\n\n".encode())
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 1.0)
                await asyncio.sleep(0.1)
        return response

    async def command(self, request: web.Request, kind: str, **args: Any) -> web.Response:
        """Run one command on the show engine's queue and answer with its result."""
        result = await self.session.execute(kind, self.origin(request), **args)
        if result.refused is not None:
            raise ApiError(REFUSAL_STATUS.get(result.refused, 409), result.detail)
        extra: dict[str, Any] = {"result": result.detail}
        if "program" in result.data:  # Take answers with the scene now on program
            extra["program"] = result.data["program"]
        if result.cue is not None or kind in ("go", "next", "previous"):
            cue = result.cue
            extra["cue"] = None if cue is None else {"ok": cue.ok, "problems": cue.problems}
        return self.ok(**extra) if result.ok else self.failed(result.detail, **extra)

    def failed(self, detail: str, **extra: Any) -> web.Response:
        """The command ran but OBS refused part of it (or a file could not be written)."""
        return web.json_response(
            {"ok": False, "error": detail, **extra, "state": state_json(self.session)},
            status=502,
        )

    async def go(self, request: web.Request) -> web.Response:
        body = await self.body(request)
        if "segment" in body and not isinstance(body["segment"], str):
            raise ApiError(400, "'segment' must be a segment id (text)")
        return await self.command(request, "go", segment=body.get("segment"))

    async def next(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "next")

    async def previous(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "previous")

    async def goto(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        if not isinstance(body.get("segment"), str):
            raise ApiError(400, "'segment' must be a segment id (text)")
        return await self.command(request, "go", segment=body["segment"])

    async def pause(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "pause")

    async def resume(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "resume")

    async def time(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        return await self.command(request, "time", seconds=body.get("seconds"))

    async def take(self, request: web.Request) -> web.Response:
        await self.body(request)
        return await self.command(request, "take")

    async def _overlay(self, request: web.Request, visible: bool) -> web.Response:
        await self.body(request)
        overlay_id = request.match_info["overlay_id"]
        return await self.command(request, "overlay", overlay=overlay_id, visible=visible)

    async def overlay_show(self, request: web.Request) -> web.Response:
        return await self._overlay(request, True)

    async def overlay_hide(self, request: web.Request) -> web.Response:
        return await self._overlay(request, False)

    async def message(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        return await self.command(
            request, "message", text=body.get("text", ""), blink=body.get("blink", False)
        )

    async def correction(self, request: web.Request) -> web.Response:
        body = await self.body(request, required=True)
        result = await self.session.execute(
            "correction",
            self.origin(request),
            amount=body.get("amount"),
            reason=body.get("reason"),
        )
        if result.refused is not None:
            raise ApiError(REFUSAL_STATUS.get(result.refused, 409), result.detail)
        return self.ok(count=self.session.counter.count)

    async def preflight(self, request: web.Request) -> web.Response:
        body = await self.body(request)
        result = await self.session.execute(
            "preflight", self.origin(request), create=body.get("create", False)
        )
        if result.refused is not None:
            raise ApiError(REFUSAL_STATUS.get(result.refused, 409), result.detail)
        if "preflight" not in result.data:
            raise ApiError(502, result.detail)
        preflight = result.data["preflight"]
        return web.json_response(
            {
                "ok": not preflight.failed,
                "missing": preflight.report.lines(),
                "created": preflight.created,
                "failed": preflight.failed,
            }
        )

    async def presenter_page(self, request: web.Request) -> web.Response:
        page = self._page or (resources_dir() / "web" / "presenter.html").read_text(
            encoding="utf-8"
        )
        self._page = page
        # The state at load time is in the page, so it draws at once; the stream keeps it live.
        initial = json.dumps(state_json(self.session), ensure_ascii=False).replace("</", "<\\/")
        html = page.replace("/*INITIAL_STATE*/null", initial)
        return web.Response(text=html, content_type="text/html", charset="utf-8")
