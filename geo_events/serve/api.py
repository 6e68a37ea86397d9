"""The service's JSON API: resolve names, post articles (their events are extracted and stored), read events,
control and its changes, and the data of the map pages."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from gazetteer import GazetteerError
from geo_events.articles import MAX_ID
from geo_events.io.control import control_features
from geo_events.io.events import event_feature
from geo_events.serve.ogc import FEATURES, GEOJSON, ItemParameters, items
from geo_events.serve.params import RequestError, parse_date
from geo_events.serve.service import MAX_ARTICLES, Service

__all__ = ["router", "ExtractRequest", "PostedArticle", "MAP_KINDS"]

router = APIRouter(prefix="/api", tags=["geo-events API"])
#: Longest name ``/api/resolve`` looks up, and longest article text a post takes (a news article is a few KB).
MAX_NAME = 200
MAX_TEXT = 2_000_000
#: The map pages, and how each is drawn from the service's data (offline: the page loads nothing else).
MAP_KINDS = {
    "control": lambda s: _render().control_map(s.timeline(), s.period()[0], s.period()[1], offline=True),
    "events": lambda s: _render().events_map(s.all_events(), offline=True),
    "choropleth": lambda s: _render().choropleth_map(s.all_events(), "events", offline=True),
}


def _render() -> Any:
    """``geo_events.render``, imported when a map is first drawn (folium and pandas take most of a second: the
    server answers sooner without them)."""
    from geo_events import render

    return render


class PostedArticle(BaseModel):
    """An article, as ``extract`` reads a JSON Lines record; ``id`` names it: posted again, it adds nothing."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("id", "url", "source", "published")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("a NUL character; no text field holds one")
        return value

    id: str = Field(min_length=1, max_length=MAX_ID)
    title: str = Field("", max_length=2_000)
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published: str | None = Field(None, max_length=100, description="YYYY-MM-DD or RFC 3339; else read from text")
    url: str = Field("", max_length=2_000)
    source: str = Field("", max_length=200)


class ExtractRequest(BaseModel):
    """Articles to extract events from and store."""

    model_config = ConfigDict(extra="forbid")
    articles: list[PostedArticle] = Field(min_length=1, max_length=MAX_ARTICLES)


def _service(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


@router.get("/resolve", summary="Resolve a place name (the fields of `resolve --json`)")
def resolve(request: Request, name: str | None = None, context: str | None = None) -> dict[str, Any]:
    if name is None or not name.strip():
        raise RequestError("name: give the place name to resolve, e.g. /api/resolve?name=Falluja")
    if len(name) > MAX_NAME:
        raise RequestError(f"name: {len(name)} characters; a place name has at most {MAX_NAME}")
    gazetteer = _service(request).gazetteer
    try:
        places = gazetteer.context_places(context) if context else None
    except GazetteerError as exc:
        raise RequestError(f"context: {exc}") from None
    return gazetteer.lookup(name, places).to_dict()


@router.post("/extract", summary="Extract the events of articles and store them", response_class=JSONResponse)
def extract(body: ExtractRequest, request: Request) -> JSONResponse:
    ids = [a.id for a in body.articles]
    if len(set(ids)) < len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise RequestError(f"articles: the id {twice[:100]!r} is given twice; each article needs its own id")
    posted = _service(request).post([a.model_dump() for a in body.articles])
    collection = {
        "type": "FeatureCollection",
        "features": [event_feature(e) for e in posted.events],
        "geo_events": posted.report,
    }
    return JSONResponse(collection, media_type=GEOJSON)


@router.get(
    "/events",
    summary="Stored events (GeoJSON), filtered and paged",
    response_class=Response,
    responses=FEATURES,  # type: ignore[arg-type]
)
def events(request: Request, _: ItemParameters = Depends()) -> Response:  # noqa: B008
    """The events collection's items (``ogc.items``), at a shorter address."""
    return items("events", request)


@router.get("/control", summary="Who controlled each place at a date (GeoJSON points)")
def control(request: Request, at: str | None = None) -> JSONResponse:
    service = _service(request)
    day = parse_date(at, "at") if at else service.period()[1]
    features = control_features(service.timeline(), day)
    return JSONResponse({"type": "FeatureCollection", "features": features, "at": day.isoformat()}, media_type=GEOJSON)


@router.get("/control/changes", summary="Changes of control in a period, and what stored reports did to control")
def changes(request: Request, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    service = _service(request)
    first, last = service.period()
    since = parse_date(start, "start") if start else first
    until = parse_date(end, "end") if end else last
    if since > until:
        raise RequestError(f"start ({since}) is after end ({until})")
    timeline = service.timeline()
    found = [
        {**dataclasses.asdict(c), "date": c.date.isoformat(), "sources": list(c.sources)}
        for c in timeline.changes(since, until)
    ]
    updates = [u.to_dict() for u in timeline.log if since <= u.start <= until]
    return {"start": since.isoformat(), "end": until.isoformat(), "changes": found, "updates": updates}


@router.get(
    "/maps/{kind}",
    summary="The data a map page draws (control, events or choropleth)",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
def map_json(kind: str, request: Request) -> Response:
    return Response(drawn(kind, _service(request)).data, media_type="application/json")


@dataclass(frozen=True)
class Drawn:
    """A map drawn over the service's data: what its script draws (JSON) and its page, which fetches that."""

    data: bytes
    page: str


def drawn(kind: str, service: Service) -> Drawn:
    """The map of a kind (``MAP_KINDS``), drawn once until the events change."""
    if kind not in MAP_KINDS:
        raise RequestError(f"no map {kind[:100]!r}; the maps are {', '.join(MAP_KINDS)}", 404, "NotFound")

    def draw() -> Drawn:
        from geo_events.render.base import fetching, map_data

        m = MAP_KINDS[kind](service)
        data = orjson.dumps(map_data(m))
        return Drawn(data, fetching(m, f"/api/maps/{kind}").get_root().render())

    return service.cached(("map", kind), draw)
