"""GeoJSON output (RFC 7946): WGS84, ``[longitude, latitude]``, valid geometry."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gazetteer import Match, Place

__all__ = ["place_feature", "feature_collection", "write_geojson"]

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
