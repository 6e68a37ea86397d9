"""The ASGI application of ``geo-events serve``: the map pages, the JSON API and OGC API - Features over one store,
with the limits and error answers every endpoint shares.

Every error is JSON, ``{"code": ..., "description": ...}`` with a 4xx status that says what is wrong (a 500
says only that the server failed; the traceback goes to the server's log, never to the client). A request body
larger than ``MAX_BODY`` is refused before it is read whole.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gazetteer import Gazetteer
from geo_events.serve import api, ogc
from geo_events.serve.params import RequestError
from geo_events.serve.service import Service
from geo_events.serve.store import EventStore, open_store

__all__ = ["create_app", "MAX_BODY"]

#: Largest request body (bytes): a thousand articles of 30 KB.
MAX_BODY = 32 * 2**20
LOG = logging.getLogger("geo_events.serve")
#: Links between the map pages (our own markup: no article text).
_NAV = (
    '<nav class="ge-nav" style="position:fixed;top:10px;left:50%;transform:translateX(-50%);z-index:1000;'
    'background:#fff;padding:4px 8px;border-radius:4px;font:13px Arial,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
    '<a href="/maps/control">Control</a> · <a href="/maps/events">Events</a> · '
    '<a href="/maps/choropleth">Choropleth</a> · <a href="/openapi.json">API</a> · '
    '<a href="/collections">OGC API</a></nav>'
)


def create_app(store: EventStore | str | Path, gazetteer: Gazetteer | None = None) -> FastAPI:
    """The application over a store of events: a store, a ``postgresql://`` URL or a GeoPackage file's path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fastapi.testclient import TestClient
    >>> client = TestClient(create_app(pathlib.Path(tempfile.mkdtemp()) / "events.gpkg"))
    >>> client.get("/api/resolve", params={"name": "Telafer"}).json()["name"]
    'Tal Afar'
    >>> client.get("/collections/roads/items").json()["code"]
    'NotFound'
    """
    store = store if isinstance(store, EventStore) else open_store(store)
    app = FastAPI(
        title="geo-events",
        summary="Conflict events in Iraq from news text, control of places over time, OGC API - Features",
        version=_version(),
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the service is offline; see /openapi.json
        redoc_url=None,
    )
    app.state.service = Service(store, gazetteer)
    app.include_router(api.router)
    app.include_router(ogc.router)
    app.add_api_route(
        "/",
        _landing,
        methods=["GET"],
        tags=["OGC API - Features"],
        summary="The landing page (JSON; a browser that asks for HTML gets the control map)",
    )
    app.add_api_route("/maps/{kind}", _page, methods=["GET"], include_in_schema=False)
    app.add_api_route("/favicon.ico", lambda: Response(status_code=204), methods=["GET"], include_in_schema=False)
    app.add_exception_handler(RequestError, _request_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    app.add_middleware(_Limited)
    return app


def _version() -> str:
    import geo_events

    return str(geo_events.__version__)


def _landing(request: Request) -> Response:
    """The map for a browser; the OGC API landing page (JSON) for any other client, or with ``f=json``."""
    wanted = request.query_params.get("f")
    if wanted not in (None, "json", "html"):
        raise RequestError("f: json or html")
    if wanted == "html" or (wanted is None and "text/html" in request.headers.get("accept", "")):
        return _page("control", request)
    return JSONResponse(ogc.landing(request))


def _page(kind: str, request: Request) -> HTMLResponse:
    """A map page whose data comes from ``/api/maps/{kind}``."""
    return HTMLResponse(api.drawn(kind, request.app.state.service).page.replace("</body>", _NAV + "</body>", 1))


# -- errors -------------------------------------------------------------------------------------------------


def _error(status: int, code: str, description: str) -> JSONResponse:
    return JSONResponse({"code": code, "description": description}, status_code=status)


def _request_error(request: Request, exc: RequestError) -> JSONResponse:
    return _error(exc.status, exc.code, exc.description)


def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Pydantic's findings as one sentence: where in the request (``articles[2].text``) and what is wrong."""
    problems = []
    for error in exc.errors()[:10]:
        if error["type"] == "json_invalid":
            problems.append(f"the body is not JSON ({error.get('ctx', {}).get('error', 'cannot be parsed')})")
            continue
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"][1:]).lstrip(".")
        problems.append(f"{where or 'body'}: {error['msg']}")
    more = f" (and {len(exc.errors()) - 10} more)" if len(exc.errors()) > 10 else ""
    return _error(400, "InvalidRequest", "; ".join(problems) + more + "; nothing was stored")


def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    code = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge"}.get(exc.status_code, "HTTPError")
    detail = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such resource: {request.url.path[:200]}; see /openapi.json"
    return _error(exc.status_code, code, detail)


def _server_error(request: Request, exc: Exception) -> JSONResponse:
    LOG.exception("%s %s failed", request.method, request.url.path)
    return _error(500, "ServerError", "the server failed on this request; its log says why")


class _Limited:
    """Refuses a request body larger than ``MAX_BODY`` (413), whether it says its length or streams (pure ASGI
    middleware: the body is counted as it is received, never held to be measured)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if b"%00" in scope.get("query_string", b"") or b"%00" in scope.get("raw_path", b"") or "\x00" in scope["path"]:
            await _error(400, "InvalidParameterValue", "a NUL character in the request's path or query")(
                scope, receive, send
            )
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _error(413, "PayloadTooLarge", _TOO_LARGE)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise HTTPException(413, _TOO_LARGE)  # FastAPI passes it on to _http_error
            return message

        await self.app(scope, counted, send)


_TOO_LARGE = f"a request body has at most {MAX_BODY:,} bytes; nothing was stored"
