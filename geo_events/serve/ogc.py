"""OGC API - Features, Part 1 (Core, GeoJSON): the service's layers as collections that QGIS, ArcGIS and OWSLib
read: ``events`` (stored), ``control`` (every place's intervals of control: filter them by ``datetime``),
``areas`` and ``front_lines`` (drawn at one date: ``datetime=YYYY-MM-DD``, the end of the period by default)
and ``governorates``.

Each collection answers ``items`` with ``bbox``, ``datetime``, ``limit`` and ``offset`` (and the ``next`` and
``prev`` links that carry them), ``numberMatched`` and ``numberReturned``, and ``items/{featureId}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import orjson
import shapely
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from shapely.geometry import shape

from gazetteer import AdminAreas
from geo_events.control import control_layers
from geo_events.io.control import control_features
from geo_events.io.events import event_feature
from geo_events.serve.params import (
    CRS84,
    Period,
    RequestError,
    parse_bbox,
    parse_limit,
    parse_offset,
    parse_period,
)
from geo_events.serve.service import Service
from geo_events.serve.store import EventQuery

__all__ = ["router", "COLLECTIONS", "CONFORMANCE"]

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
GEOJSON = "application/geo+json"
#: Iraq, west, south, east, north (the collections' spatial extent).
IRAQ_BBOX = [38.79, 29.06, 48.61, 37.38]
#: The query parameters each collection's items take; any other is an error (OGC API - Features asks for it).
ITEM_PARAMETERS = {"bbox", "bbox-crs", "datetime", "limit", "offset", "f"}
EVENT_PARAMETERS = ITEM_PARAMETERS | {"type", "side"}

router = APIRouter(tags=["OGC API - Features"])


@dataclass(frozen=True)
class Collection:
    """A layer: its id, title and description, and how its features are found."""

    id: str
    title: str
    description: str
    #: (service, bbox, period) -> every matching feature (None: the events, which the database pages).
    features: Callable[[Service, tuple | None, Period | None], list[dict[str, Any]]] | None = None
    temporal: bool = True


def _control_features(service: Service, bbox: tuple | None, period: Period | None) -> list[dict]:
    """Every interval of control whose days meet ``period``, at a place in ``bbox``."""
    out = []
    for f in service.cached("control", lambda: control_features(service.timeline())):
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"]
        if bbox is not None and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            continue
        if period is not None:
            if period.end is not None and p["valid_from"] > period.end.isoformat():
                continue
            if period.start is not None and p["valid_to"] is not None and p["valid_to"] <= period.start.isoformat():
                continue
        out.append({**f, "id": f"{p['place_id']}@{p['valid_from']}"})
    return out


def _layer(name: str) -> Callable[[Service, tuple | None, Period | None], list[dict]]:
    def features(service: Service, bbox: tuple | None, period: Period | None) -> list[dict]:
        if period is not None and period.instant is None:
            raise RequestError(f"{name} are drawn at one date: give datetime=YYYY-MM-DD, not an interval")
        day = period.instant if period is not None else service.period()[1]
        assert day is not None, "an instant, or the end of the period"
        layer = service.cached(("layers", day), lambda: control_layers(service.timeline(), day))[name]
        out = []
        for f in layer["features"]:
            p = f["properties"]
            key = p["controller"] if name == "areas" else p["sides"].replace("/", ".")
            out.append({**f, "id": f"{key}@{day.isoformat()}"})
        return _in_box(out, bbox)

    return features


def _governorates(service: Service, bbox: tuple | None, period: Period | None) -> list[dict]:
    def build() -> list[dict]:
        return [
            {
                "type": "Feature",
                "id": a.code,
                "geometry": shapely.geometry.mapping(a.geometry),
                "properties": {"iso_3166_2": a.code, "name": a.name},
            }
            for a in AdminAreas.default()
        ]

    return _in_box(service.cached("governorates", build), bbox)


def _in_box(features: list[dict], bbox: tuple | None) -> list[dict]:
    if bbox is None:
        return features
    box = shapely.box(*bbox)
    return [f for f in features if shape(f["geometry"]).intersects(box)]


COLLECTIONS = {
    c.id: c
    for c in (
        Collection("events", "Events", "Conflict events extracted from the posted articles (ACLED's columns)."),
        Collection(
            "control",
            "Control of places",
            "Who controlled each place, one feature per interval (valid_from, valid_to: null while it lasts); "
            "datetime selects the intervals that meet it.",
            _control_features,
        ),
        Collection(
            "areas",
            "Areas of control",
            "The areas each side held at one date (datetime=YYYY-MM-DD; the end of the period by default).",
            _layer("areas"),
        ),
        Collection(
            "front_lines",
            "Front lines",
            "The borders between areas of different sides at one date (datetime=YYYY-MM-DD).",
            _layer("front_lines"),
        ),
        Collection("governorates", "Governorates", "Iraq's 18 governorates (Natural Earth).", _governorates, False),
    )
}


def _service(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _collection(collection_id: str) -> Collection:
    if collection_id not in COLLECTIONS:
        known = ", ".join(COLLECTIONS)
        raise RequestError(f"no collection {collection_id[:100]!r}; the collections are {known}", 404, "NotFound")
    return COLLECTIONS[collection_id]


def landing(request: Request) -> dict[str, Any]:
    """The landing page's JSON: what the service is and where its parts are."""
    base = _base(request)
    return {
        "title": "geo-events",
        "description": "Conflict events in Iraq extracted from news text, who controlled which place, areas of "
        "control and front lines.",
        "links": [
            {"rel": "self", "type": "application/json", "title": "this document", "href": f"{base}/?f=json"},
            {"rel": "alternate", "type": "text/html", "title": "the map", "href": f"{base}/"},
            {
                "rel": "service-desc",
                "type": "application/vnd.oai.openapi+json;version=3.0",
                "title": "the API definition",
                "href": f"{base}/openapi.json",
            },
            {"rel": "conformance", "type": "application/json", "title": "conformance", "href": f"{base}/conformance"},
            {"rel": "data", "type": "application/json", "title": "collections", "href": f"{base}/collections"},
        ],
    }


@router.get("/conformance", summary="The conformance classes the service implements")
def conformance() -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE}


@router.get("/collections", summary="The collections (layers)")
def collections(request: Request) -> dict[str, Any]:
    service = _service(request)
    base = _base(request)
    return {
        "links": [{"rel": "self", "type": "application/json", "href": f"{base}/collections"}],
        "collections": [_describe(c, service, base) for c in COLLECTIONS.values()],
    }


@router.get("/collections/{collection_id}", summary="One collection")
def collection(collection_id: str, request: Request) -> dict[str, Any]:
    return _describe(_collection(collection_id), _service(request), _base(request))


def _describe(c: Collection, service: Service, base: str) -> dict[str, Any]:
    extent: dict[str, Any] = {"spatial": {"bbox": [IRAQ_BBOX], "crs": CRS84}}
    if c.temporal:
        first, last = (service.store.extent() if c.id == "events" else None) or service.period()
        extent["temporal"] = {"interval": [[f"{first}T00:00:00Z", f"{last}T23:59:59Z"]]}
    return {
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "extent": extent,
        "itemType": "feature",
        "crs": [CRS84],
        "links": [
            {"rel": "self", "type": "application/json", "href": f"{base}/collections/{c.id}"},
            {"rel": "items", "type": GEOJSON, "title": c.title, "href": f"{base}/collections/{c.id}/items"},
        ],
    }


@dataclass
class ItemParameters:
    """The query parameters of items, as the API's definition states them (a FastAPI dependency: they are read
    from the request, each with its own message when it cannot be used)."""

    bbox: str | None = Query(None, description="west,south,east,north in WGS84 degrees (longitude first)")
    bbox_crs: str | None = Query(None, alias="bbox-crs", description=f"only {CRS84}")
    datetime: str | None = Query(None, description="YYYY-MM-DD, start/end, ../end or start/.. (RFC 3339)")
    limit: str | None = Query(None, description="features a page holds: 1 to 10,000 (100 by default)")
    offset: str | None = Query(None, description="where the page starts (0: the first feature)")
    type: str | None = Query(None, description="events only: an event type or sub-type (ACLED's)")
    side: str | None = Query(None, description="events only: a side (government, kurdish, islamic_state, ...)")


FEATURES = {200: {"content": {GEOJSON: {}}, "description": "a GeoJSON FeatureCollection"}}


@router.get(
    "/collections/{collection_id}/items",
    summary="Features of a collection",
    response_class=Response,
    responses=FEATURES,  # type: ignore[arg-type]
)
def items(collection_id: str, request: Request, _: ItemParameters = Depends()) -> Response:  # noqa: B008
    """The parameters are read from ``request`` (``ItemParameters`` declares them to the API's definition)."""
    c = _collection(collection_id)
    q = request.query_params
    unknown = sorted(set(q) - (EVENT_PARAMETERS if c.id == "events" else ITEM_PARAMETERS))
    if unknown:
        raise RequestError(f"unknown query parameter {unknown[0][:100]!r} for the {c.id} collection")
    if q.get("f", "json") not in ("json", "geojson"):
        raise RequestError("f: only json (GeoJSON) is served for items")
    bbox = parse_bbox(q.get("bbox"), q.get("bbox-crs"))
    period = parse_period(q.get("datetime"))
    limit, offset = parse_limit(q.get("limit")), parse_offset(q.get("offset"))
    service = _service(request)
    if c.features is None:  # events: paged by the database
        start, end = (period.start, period.end) if period is not None else (None, None)
        features, matched = service.store.features(
            EventQuery(bbox, start, end, q.get("type"), q.get("side"), limit, offset)
        )
    else:
        found = c.features(service, bbox, period)
        features, matched = found[offset : offset + limit], len(found)
    body = {
        "type": "FeatureCollection",
        "features": features,
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": _now(),
        "links": _page_links(request, c.id, limit, offset, len(features), matched),
    }
    return Response(orjson.dumps(body), media_type=GEOJSON)  # a tenth of the time of the json module


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _page_links(request: Request, cid: str, limit: int, offset: int, returned: int, matched: int) -> list[dict]:
    base = f"{_base(request)}{request.url.path}"
    kept = {k: v for k, v in request.query_params.items() if k not in ("limit", "offset")}

    def href(start: int) -> str:
        return f"{base}?{urlencode({**kept, 'limit': limit, 'offset': start})}"

    links = [
        {"rel": "self", "type": GEOJSON, "href": href(offset)},
        {"rel": "collection", "type": "application/json", "href": f"{_base(request)}/collections/{cid}"},
    ]
    if offset + returned < matched:
        links.append({"rel": "next", "type": GEOJSON, "href": href(offset + limit)})
    if offset > 0:
        links.append({"rel": "prev", "type": GEOJSON, "href": href(max(0, offset - limit))})
    return links


@router.get("/collections/{collection_id}/items/{feature_id:path}", summary="One feature of a collection")
def item(collection_id: str, feature_id: str, request: Request) -> JSONResponse:
    c = _collection(collection_id)
    service = _service(request)
    feature: dict[str, Any] | None
    if c.features is None:
        event = service.store.get(feature_id)
        feature = event_feature(event) if event is not None else None
    else:
        dated = c.id in ("areas", "front_lines") and "@" in feature_id  # drawn at the date the id ends with
        try:
            found = c.features(service, None, parse_period(feature_id.rsplit("@", 1)[1]) if dated else None)
        except RequestError:  # an id with no date this collection draws: no such feature
            found = []
        feature = next((f for f in found if f["id"] == feature_id), None)
    if feature is None:
        raise RequestError(f"no feature {feature_id[:100]!r} in the {c.id} collection", 404, "NotFound")
    base = _base(request)
    links = [
        {"rel": "self", "type": GEOJSON, "href": f"{base}/collections/{c.id}/items/{feature_id}"},
        {"rel": "collection", "type": "application/json", "href": f"{base}/collections/{c.id}"},
    ]
    return JSONResponse({**feature, "links": links}, media_type=GEOJSON)
