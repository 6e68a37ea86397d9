"""GeoJSON output (RFC 7946): WGS84, ``[longitude, latitude]``, valid geometry."""

from __future__ import annotations

import csv
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gazetteer import Match, Place

__all__ = [
    "place_feature",
    "feature_collection",
    "write_geojson",
    "event_record",
    "event_feature",
    "events_to_geodataframe",
    "write_events",
    "EVENT_COLUMNS",
]

#: Decimal places kept in coordinates (about 1 m), as RFC 7946 section 11.2 advises.
COORDINATE_PRECISION = 5


def place_feature(item: Place | Match, **properties: Any) -> dict[str, Any]:
    """A GeoJSON Feature for a place (or a match's place), ``[lon, lat]`` order.

    Parameters
    ----------
    item : Place or Match
        The place; for a Match its score and method become properties too.
    **properties
        Extra properties (e.g. ``query``).

    Returns
    -------
    dict
        A Feature whose geometry is a Point, or the governorate's polygon.

    Raises
    ------
    ValueError
        If the coordinates are not finite or out of range.

    Examples
    --------
    >>> f = place_feature(Place("x:1", "Hit", 33.63664, 42.82768, "town", "IQ-AN"))
    >>> f["geometry"]
    {'type': 'Point', 'coordinates': [42.82768, 33.63664]}
    """
    place = item.place if isinstance(item, Match) else item
    if not (math.isfinite(place.lat) and math.isfinite(place.lon)) or abs(place.lat) > 90 or abs(place.lon) > 180:
        raise ValueError(f"{place.name}: coordinates ({place.lat}, {place.lon}) are not a WGS84 point")
    props: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "governorate": place.governorate,
        "governorate_name": place.governorate_name,
        "district": place.district,
        "population": place.population or None,
        "source": place.source,
    }
    if isinstance(item, Match):
        props.update(score=round(item.score, 3), method=item.method, matched_name=item.matched_name)
    props.update(properties)
    return {"type": "Feature", "id": place.id, "geometry": _rounded(place.__geo_interface__), "properties": props}


def feature_collection(features: Iterable[Mapping[str, Any]], **members: Any) -> dict[str, Any]:
    """A FeatureCollection, with a ``bbox`` computed from the features.

    Examples
    --------
    >>> fc = feature_collection([place_feature(Place("x:1", "Hit", 33.6, 42.8))])
    >>> fc["type"], fc["bbox"]
    ('FeatureCollection', [42.8, 33.6, 42.8, 33.6])
    """
    features = list(features)
    xs: list[float] = []
    ys: list[float] = []
    for f in features:
        for x, y in _positions(f["geometry"]["coordinates"]):
            xs.append(x)
            ys.append(y)
    out: dict[str, Any] = {"type": "FeatureCollection"}
    if xs:
        out["bbox"] = [min(xs), min(ys), max(xs), max(ys)]
    out.update(members)
    out["features"] = features
    return out


def write_geojson(collection: Mapping[str, Any], path: str | Path) -> Path:
    """Write a FeatureCollection as UTF-8 JSON, atomically (no partial file on error).

    Examples
    --------
    >>> write_geojson(feature_collection([]), "out.geojson")  # doctest: +SKIP
    PosixPath('out.geojson')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as fh:
        json.dump(collection, fh, ensure_ascii=False, allow_nan=False)
    os.replace(fh.name, path)
    return path


def _rounded(geometry: Mapping[str, Any]) -> dict[str, Any]:
    def walk(c):
        if isinstance(c, (int, float)):
            return round(float(c), COORDINATE_PRECISION)
        return [walk(x) for x in c]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _positions(coords) -> Iterable[tuple[float, float]]:
    if coords and isinstance(coords[0], (int, float)):
        yield coords[0], coords[1]
        return
    for c in coords:
        yield from _positions(c)


# -- events -------------------------------------------------------------------

#: Output columns, ACLED's names first, in ACLED's order where they exist.
EVENT_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
    "side1", "side2", "control_to", "fatalities_low", "fatalities_high", "wounded", "wounded_low",
    "wounded_high", "iso_3166_2", "place_id", "confidence", "doc_id", "start", "end",
    "date_expression", "date_note", "urls", "evidence",
]  # fmt: skip
EVENT_FORMATS = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".csv": "CSV",
    ".gpkg": "GeoPackage",
    ".parquet": "GeoParquet",
}


def event_record(event) -> dict[str, Any]:
    """An event as a flat record with ``EVENT_COLUMNS`` as keys.

    Examples
    --------
    >>> from datetime import date
    >>> from geo_events.articles import Article
    >>> from geo_events.extract import extract_events
    >>> e = extract_events([Article("d1", "", "Troops retook Hit today.", date(2016, 4, 14))])[0]
    >>> r = event_record(e)
    >>> r["event_date"], r["location"], r["source"], r["latitude"] == e.latitude
    ('2016-04-14', 'Hit', 'd1', True)
    """
    d = event.to_dict()
    d["event_id_cnty"] = f"IRQ-{event.event_id}"
    d["source"] = d.pop("sources")
    return {c: d.get(c) for c in EVENT_COLUMNS}


def event_feature(event) -> dict[str, Any]:
    """A GeoJSON Feature for an event (``[longitude, latitude]``)."""
    props = event_record(event)
    return {
        "type": "Feature",
        "id": props["event_id_cnty"],
        "geometry": _rounded(event.__geo_interface__),
        "properties": props,
    }


def events_to_geodataframe(events):
    """A GeoDataFrame of events (EPSG:4326), one row each, ``EVENT_COLUMNS`` as columns.

    Examples
    --------
    >>> events_to_geodataframe([]).crs.to_epsg()
    4326
    """
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    records = [event_record(e) for e in events]
    frame = pd.DataFrame.from_records(records, columns=EVENT_COLUMNS)
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date
    geometry = [Point(r["longitude"], r["latitude"]) for r in records]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def write_events(events, path: str | Path, **members: Any) -> Path:
    """Write events to a file whose extension chooses the format.

    ``.geojson`` (RFC 7946), ``.csv`` (ACLED column names), ``.gpkg`` (a
    GeoPackage layer ``events``) or ``.parquet`` (GeoParquet).

    Raises
    ------
    ValueError
        For any other extension.

    Examples
    --------
    >>> write_events([], "events.xlsx")
    Traceback (most recent call last):
    ...
    ValueError: events.xlsx: unknown output format '.xlsx'; use .geojson, .json, .csv, .gpkg or .parquet
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EVENT_FORMATS:
        raise ValueError(f"{path}: unknown output format {suffix!r}; use .geojson, .json, .csv, .gpkg or .parquet")
    path.parent.mkdir(parents=True, exist_ok=True)
    events = list(events)
    if EVENT_FORMATS[suffix] == "GeoJSON":
        return write_geojson(feature_collection((event_feature(e) for e in events), **members), path)
    if suffix == ".csv":
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent, delete=False) as fh:
            writer = csv.DictWriter(fh, fieldnames=EVENT_COLUMNS)
            writer.writeheader()
            for e in events:
                writer.writerow(event_record(e))
        os.replace(fh.name, path)
        return path
    frame = events_to_geodataframe(events)
    if suffix == ".gpkg":
        frame["event_date"] = frame["event_date"].astype(str).replace("None", None)
        if path.exists():
            path.unlink()
        frame.to_file(path, layer="events", driver="GPKG")
    else:
        frame.to_parquet(path)
    return path
