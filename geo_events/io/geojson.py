"""GeoJSON (RFC 7946): WGS84, ``[longitude, latitude]``, valid geometry; features, collections, streams."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from gazetteer import Match, Place
from gazetteer.sources.base import json_value
from geo_events.errors import CoordinateError, UnreadableFileError
from geo_events.io.atomic import replacing_text

__all__ = ["COORDINATE_PRECISION", "place_feature", "feature_collection", "write_geojson"]

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
    CoordinateError
        If the coordinates are not finite or out of range (a ``ValueError``).

    Examples
    --------
    >>> f = place_feature(Place("x:1", "Hit", 33.63664, 42.82768, "town", "IQ-AN"))
    >>> f["geometry"]
    {'type': 'Point', 'coordinates': [42.82768, 33.63664]}
    """
    place = item.place if isinstance(item, Match) else item
    if not (math.isfinite(place.lat) and math.isfinite(place.lon)) or abs(place.lat) > 90 or abs(place.lon) > 180:
        raise CoordinateError(f"{place.name}: coordinates ({place.lat}, {place.lon}) are not a WGS84 point")
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
    with replacing_text(path) as fh:
        json.dump(collection, fh, ensure_ascii=False, allow_nan=False)
    return path


def _write_feature_stream(path: Path, features: Iterable[Mapping[str, Any]], members: Mapping[str, Any]) -> Path:
    """Write a FeatureCollection feature by feature, atomically; its ``bbox`` and ``members`` after the features.

    A member whose value is callable is called once the features are written
    (a report of how they were made, say). Memory does not grow with the
    number of features.
    """
    west = south = math.inf
    east = north = -math.inf
    with replacing_text(path) as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        for n, feature in enumerate(features):
            for x, y in _positions(feature["geometry"]["coordinates"]):
                if not (math.isfinite(x) and math.isfinite(y)):
                    raise CoordinateError(f"feature {n}: coordinates must be finite numbers (RFC 7946), not {x}, {y}")
                west, south, east, north = min(west, x), min(south, y), max(east, x), max(north, y)
            fh.write(",\n" if n else "\n")
            fh.write(orjson.dumps(feature).decode())  # a tenth of the time of the json module's encoder
        fh.write("\n]")
        tail = {k: v() if callable(v) else v for k, v in members.items()}
        if west != math.inf:
            tail["bbox"] = [west, south, east, north]
        for key, value in tail.items():
            fh.write(f", {json.dumps(key)}: ")
            json.dump(value, fh, ensure_ascii=False, allow_nan=False)
        fh.write("}\n")
    return path


def _features(path: Path) -> list:
    """The features of a GeoJSON FeatureCollection; UnreadableFileError if the file is not one (or not JSON)."""
    data, problem = json_value(path.read_text("utf-8"))
    if problem:
        raise UnreadableFileError(f"{path}: {problem}")
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise UnreadableFileError(f"{path}: not a GeoJSON FeatureCollection (no list of features)")
    return features


def _rounded(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry with its coordinates rounded to ``COORDINATE_PRECISION`` decimals."""

    def walk(c):
        if isinstance(c, (int, float)):
            return round(float(c), COORDINATE_PRECISION)
        return [walk(x) for x in c]

    if geometry["type"] == "Point":  # most features: no need to walk
        return {"type": "Point", "coordinates": [walk(c) for c in geometry["coordinates"][:2]]}
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _positions(coords) -> Iterable[tuple[float, float]]:
    """Every ``(x, y)`` of a geometry's (nested) coordinates."""
    if coords and isinstance(coords[0], (int, float)):
        yield coords[0], coords[1]
        return
    for c in coords:
        yield from _positions(c)
