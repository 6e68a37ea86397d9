"""GeoJSON output (RFC 7946): WGS84, ``[longitude, latitude]``, valid geometry."""

from __future__ import annotations

import contextlib
import csv
import json
import math
import operator
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from gazetteer import Match, Place
from gazetteer.sources.base import csv_dicts, json_value
from geo_events.casualties import MAX_COUNT

if TYPE_CHECKING:
    from geo_events.event import Event

__all__ = [
    "replacing",
    "replacing_text",
    "place_feature",
    "feature_collection",
    "write_geojson",
    "event_record",
    "event_feature",
    "events_to_geodataframe",
    "write_events",
    "read_events",
    "write_control",
    "read_control",
    "control_features",
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
    with replacing_text(path) as fh:
        json.dump(collection, fh, ensure_ascii=False, allow_nan=False)
    return path


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path to write a file to, which becomes ``path`` when the block ends without error.

    Until then the file is in a hidden folder beside ``path``: nothing reading
    the folder (``geo-events extract`` reads folders) sees a partial file, a
    failed or interrupted write leaves the old file as it was, and a symlink
    at ``path`` is replaced, never written through. Writers that add files
    beside theirs (GeoPackage's journal) keep them in the hidden folder.

    Examples
    --------
    >>> with replacing("out/map.html") as tmp:  # doctest: +SKIP
    ...     tmp.write_text("<html></html>", "utf-8")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        yield folder / path.name
        os.replace(folder / path.name, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def replacing_text(path: str | Path, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text file that becomes ``path`` when the block ends without error (see ``replacing``)."""
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


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
                    raise ValueError(f"feature {n}: coordinates must be finite numbers (RFC 7946), not {x}, {y}")
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


def _write_csv(path: Path, fields: list[str], rows: Iterable[Mapping[str, Any]]) -> Path:
    """Write rows as UTF-8 CSV, atomically (no partial file on error)."""
    with replacing_text(path, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _rounded(geometry: Mapping[str, Any]) -> dict[str, Any]:
    def walk(c):
        if isinstance(c, (int, float)):
            return round(float(c), COORDINATE_PRECISION)
        return [walk(x) for x in c]

    if geometry["type"] == "Point":  # most features: no need to walk
        return {"type": "Point", "coordinates": [walk(c) for c in geometry["coordinates"][:2]]}
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
    "date_expression", "date_note", "count_note", "date_from", "date_to", "urls", "evidence",
]  # fmt: skip
_EVENT_VALUES = operator.itemgetter(*EVENT_COLUMNS)
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
    d["source"] = d["sources"]
    return dict(zip(EVENT_COLUMNS, _EVENT_VALUES(d), strict=True))


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
    GeoPackage layer ``events``) or ``.parquet`` (GeoParquet). GeoJSON and
    CSV are written as the events come (an iterator of events is never held
    in memory); GeoPackage and GeoParquet are built in memory. ``members``
    are extra members of a GeoJSON FeatureCollection; a callable one is
    called after the events were written.

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
    if EVENT_FORMATS[suffix] == "GeoJSON":
        return _write_feature_stream(path, (event_feature(e) for e in events), members)
    if suffix == ".csv":
        return _write_csv(path, EVENT_COLUMNS, (event_record(e) for e in events))
    frame = events_to_geodataframe(list(events))
    with replacing(path) as tmp:
        if suffix == ".gpkg":
            frame["event_date"] = frame["event_date"].astype(str).replace("None", None)
            frame.to_file(tmp, layer="events", driver="GPKG")
        else:
            frame.to_parquet(tmp)
    return path


# -- reading events back --------------------------------------------------------


def _blank(value: Any) -> bool:
    """Whether a file's field holds nothing (empty, or what writers put for nothing)."""
    return value is None or str(value).strip() in ("", "None", "nan")


def _num(value: Any, kind=int):
    """A number from a file's field; None if blank, not a number or not finite (an int: beyond 2**53, too)."""
    if _blank(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number):
        return None
    if kind is int:
        return int(number) if abs(number) <= 2**53 else None
    return kind(number)


def _count(value: Any) -> int | None:
    """A casualty count from a file's field: from 0 to ``MAX_COUNT``, else None (see ``_count_note``)."""
    n = _num(value)
    return n if n is not None and 0 <= n <= MAX_COUNT else None


_COUNTS = ("fatalities", "fatalities_low", "fatalities_high", "wounded", "wounded_low", "wounded_high")


def _count_note(rec: Mapping[str, Any]) -> str:
    """The record's ``count_note``, and a note on each count it gives that is not a plausible number."""
    notes = [] if _blank(rec.get("count_note")) else [str(rec["count_note"])]
    for k in _COUNTS:
        if not _blank(rec.get(k)) and _count(rec.get(k)) is None:
            notes.append(f"{k} {str(rec[k])[:40]!r} is not a count from 0 to {MAX_COUNT:,}: left out")
    return "; ".join(notes)


def _event_from_record(rec: dict[str, Any], lon: float | None, lat: float | None, where: str) -> Event | str:
    """An Event from a flat record (ours or ACLED's columns), or the reason it cannot be one."""
    from geo_events.dates import date_problem, parse_date
    from geo_events.event import EVENT_TYPES, Event

    if lon is None or lat is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return f"{where}: no usable coordinates ({lat}, {lon}); events are never placed at 0,0"
    raw_date = rec.get("event_date")
    when = parse_date(str(raw_date)) if raw_date not in (None, "", "None") else None
    sub = str(rec.get("sub_event_type") or "")
    text = lambda k: "" if rec.get(k) in (None, "None") else str(rec.get(k))  # noqa: E731
    event_id = text("event_id_cnty").removeprefix("IRQ-") or text("event_id") or where
    return Event(
        event_id=event_id,
        event_date=when,
        time_precision=_num(rec.get("time_precision")),
        event_type=text("event_type") or EVENT_TYPES.get(sub, ""),
        sub_event_type=sub,
        side1=text("side1") or None,
        side2=text("side2") or None,
        actor1=text("actor1"),
        actor2=text("actor2"),
        place_id=text("place_id") or f"{round(lat, 4)},{round(lon, 4)}",
        location=text("location"),
        latitude=float(lat),
        longitude=float(lon),
        geo_precision=_num(rec.get("geo_precision")) or 1,
        admin1=text("admin1") or None,
        iso_3166_2=text("iso_3166_2") or None,
        admin2=text("admin2") or None,
        fatalities=_count(rec.get("fatalities")),
        fatalities_low=_count(rec.get("fatalities_low")),
        fatalities_high=_count(rec.get("fatalities_high")),
        wounded=_count(rec.get("wounded")),
        wounded_low=_count(rec.get("wounded_low")),
        wounded_high=_count(rec.get("wounded_high")),
        control_to=text("control_to") or None,
        doc_id=text("doc_id"),
        sentence=text("notes") or text("sentence"),
        start=_num(rec.get("start")) or 0,
        end=_num(rec.get("end")) or 0,
        confidence=_num(rec.get("confidence"), float) or 0.5,
        date_expression=text("date_expression"),
        date_note=text("date_note")
        if when or not raw_date
        else f"date {str(raw_date)[:40]!r}: {date_problem(str(raw_date))}",
        count_note=_count_note(rec),
        date_from=parse_date(text("date_from")) if text("date_from") else None,
        date_to=parse_date(text("date_to")) if text("date_to") else None,
        sources=tuple(s for s in text("source").split("; ") if s),
        urls=tuple(s for s in text("urls").split("; ") if s),
        evidence=tuple(s for s in text("evidence").split(" | ") if s),
    )


def read_events(path: str | Path) -> tuple[list[Event], list[str]]:
    """Read events written by ``write_events`` (or an ACLED-style CSV).

    Parameters
    ----------
    path : str or Path
        ``.geojson``/``.json``, ``.csv``, ``.gpkg`` or ``.parquet``.

    Returns
    -------
    events : list of Event
    skipped : list of str
        Rows that could not be read, with where and why (rows without usable
        coordinates are skipped, never put at 0,0).

    Raises
    ------
    ValueError
        If the file cannot be read at all.

    Examples
    --------
    >>> events, skipped = read_events("no/such/events.geojson")
    Traceback (most recent call last):
    ...
    ValueError: no/such/events.geojson: cannot read events (no such file)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise ValueError(f"{path}: cannot read events (no such file)")
    items: list[Event | str] = []  # events, and messages on the records that are none
    try:
        if suffix in (".geojson", ".json"):
            for i, f in enumerate(_features(path), 1):
                rec, lon, lat = _feature_record(f)
                items.append(_event_or_reason(rec, lon, lat, f"{path}: feature {i}"))
        elif suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as fh:
                _, rows = csv_dicts(fh)
                for i, row, error in rows:
                    if row is None:
                        items.append(f"{path}:{i}: cannot be read as CSV ({error})")
                        continue
                    lon, lat = _num(row.get("longitude"), float), _num(row.get("latitude"), float)
                    items.append(_event_or_reason(row, lon, lat, f"{path}:{i}"))
        elif suffix in (".gpkg", ".parquet"):
            for i, (rec, lon, lat) in enumerate(_gis_rows(path), 1):
                items.append(_event_or_reason(rec, lon, lat, f"{path}: row {i}"))
        else:
            raise ValueError(f"{path}: unknown events format; use .geojson, .json, .csv, .gpkg or .parquet")
    except (UnicodeDecodeError, OSError) as exc:
        raise ValueError(f"{path}: cannot read events ({exc})") from None
    return [e for e in items if not isinstance(e, str)], [e for e in items if isinstance(e, str)]


def _features(path: Path) -> list:
    """The features of a GeoJSON FeatureCollection; ValueError if the file is not one (or not JSON)."""
    data, problem = json_value(path.read_text("utf-8"))
    if problem:
        raise ValueError(f"{path}: {problem}")
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection (no list of features)")
    return features


def _feature_record(feature: Any) -> tuple[dict[str, Any], float | None, float | None]:
    """(properties, lon, lat) of a GeoJSON feature; empty properties and no point where it has none."""
    if not isinstance(feature, dict):
        return {}, None, None
    geom, props = feature.get("geometry"), feature.get("properties")
    coords = geom.get("coordinates") if isinstance(geom, dict) and geom.get("type") == "Point" else None
    lon, lat = (
        (_num(coords[0], float), _num(coords[1], float))
        if isinstance(coords, list) and len(coords) >= 2
        else (None, None)
    )
    return props if isinstance(props, dict) else {}, lon, lat


def _gis_rows(path: Path) -> Iterator[tuple[dict[str, Any], float | None, float | None]]:
    """(record, lon, lat) of each row of a GeoPackage or GeoParquet file, in WGS84."""
    import geopandas as gpd

    try:
        frame = gpd.read_parquet(path) if path.suffix.lower() == ".parquet" else gpd.read_file(path)
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
    except Exception as exc:  # pyogrio, pyarrow and pyproj each raise their own errors for a broken file
        raise ValueError(f"{path}: cannot read events ({type(exc).__name__}: {str(exc)[:200]})") from None
    for row in frame.to_dict("records"):
        geom = row.get(frame.geometry.name)
        lon, lat = (geom.x, geom.y) if geom is not None and geom.geom_type == "Point" else (None, None)
        yield {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}, lon, lat


def _event_or_reason(rec: dict[str, Any], lon: float | None, lat: float | None, where: str) -> Event | str:
    try:
        return _event_from_record(rec, lon, lat, where)
    except (TypeError, ValueError, AttributeError) as exc:
        return f"{where}: not an event record ({exc})"


# -- control ---------------------------------------------------------------------


#: Columns of a control CSV, as ``ControlInterval.to_dict`` names them.
CONTROL_COLUMNS = [
    "place_id", "name", "lat", "lon", "governorate", "controller", "valid_from", "valid_to", "confidence", "sources",
    "note",
]  # fmt: skip


def control_features(timeline, at=None) -> list[dict[str, Any]]:
    """GeoJSON points: the interval of every place at ``at``, or every interval.

    Properties: ``place_id``, ``name``, ``controller``, ``governorate``,
    ``valid_from``, ``valid_to`` (ISO dates, ``null`` while still valid),
    ``confidence``, ``sources``, ``note``.
    """
    intervals = timeline.at(at) if at is not None else timeline.intervals
    return [
        {"type": "Feature", "geometry": _rounded(i.__geo_interface__), "properties": i.to_dict()} for i in intervals
    ]


def write_control(timeline, path: str | Path, at=None, boundaries=None, layer: str = "places") -> Path:
    """Write control: one layer (``.geojson``, ``.csv``) or all layers (``.gpkg``).

    ``layer`` chooses what a GeoJSON holds: ``places`` (controllers at ``at``,
    or every interval), or at a date ``areas``, ``front_lines`` or ``stats``
    (share of places held per governorate, or per area of ``boundaries``).
    A GeoPackage gets the layers ``places``, and when ``at`` is given
    ``areas``, ``front_lines`` and ``governorate_stats`` (or ``area_stats``).

    Examples
    --------
    >>> from geo_events.control import ControlTimeline
    >>> write_control(ControlTimeline.default(), "control.xlsx")
    Traceback (most recent call last):
    ...
    ValueError: control.xlsx: unknown output format '.xlsx'; use .geojson, .json, .csv or .gpkg
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".geojson", ".json", ".csv", ".gpkg"):
        raise ValueError(f"{path}: unknown output format {suffix!r}; use .geojson, .json, .csv or .gpkg")
    if layer not in ("places", "areas", "front_lines", "stats"):
        raise ValueError(f"unknown layer {layer!r}; use places, areas, front_lines or stats")
    if layer != "places" and (at is None or suffix not in (".geojson", ".json")):
        raise ValueError(f"the {layer} layer needs a date and a .geojson output")
    path.parent.mkdir(parents=True, exist_ok=True)
    if layer == "stats":
        features = stats_features_of(timeline, at, boundaries)
    elif layer != "places":
        from geo_events.frontlines import control_layers

        features = control_layers(timeline, at)[layer]["features"]
    else:
        features = control_features(timeline, at)
    if suffix in (".geojson", ".json"):
        meta = {"valid_on": at.isoformat()} if at is not None else {"intervals": True}
        return write_geojson(feature_collection(features, geo_events={**meta, "layer": layer}), path)
    if suffix == ".csv":
        return _write_csv(path, CONTROL_COLUMNS, (f["properties"] for f in features))
    import geopandas as gpd

    from geo_events.frontlines import control_layers

    with replacing(path) as tmp:
        gpd.GeoDataFrame.from_features(features, crs=4326).to_file(tmp, layer="places", driver="GPKG")
        if at is not None:
            layers = control_layers(timeline, at)
            for name in ("areas", "front_lines"):
                if layers[name]["features"]:
                    gpd.GeoDataFrame.from_features(layers[name]["features"], crs=4326).to_file(
                        tmp, layer=name, driver="GPKG"
                    )
            stats_features = stats_features_of(timeline, at, boundaries)
            layer = "area_stats" if boundaries is not None else "governorate_stats"
            gpd.GeoDataFrame.from_features(stats_features, crs=4326).to_file(tmp, layer=layer, driver="GPKG")
    return path


def stats_features_of(timeline, at, boundaries=None) -> list[dict[str, Any]]:
    """Governorate (or boundary area) polygons with the share of places each side holds at ``at``."""
    from gazetteer import AdminAreas

    areas = boundaries or AdminAreas.default()
    rows = {r["code"]: r for r in timeline.shares(at, boundaries)}
    out = []
    for a in areas:
        props = {"code": a.code, "name": a.name, "valid_on": at.isoformat()}
        props.update({k: v for k, v in rows.get(a.code, {"places": 0}).items() if k not in ("code", "name")})
        out.append({"type": "Feature", "geometry": _rounded(a.geometry.__geo_interface__), "properties": props})
    return out


def read_control(path: str | Path):
    """Read control intervals written by ``write_control`` (GeoJSON or CSV) as a ``ControlTimeline``.

    Examples
    --------
    >>> read_control("missing.geojson")
    Traceback (most recent call last):
    ...
    ValueError: missing.geojson: cannot read control intervals (no such file)
    """
    from geo_events.control import ControlTimeline

    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: cannot read control intervals (no such file)")
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                _, records = csv_dicts(fh)
                rows = []
                for line, row, error in records:
                    if row is None:  # an interval left out would change who held the place
                        raise ValueError(f"line {line} cannot be read as CSV: {error}")
                    rows.append(row)
        else:
            rows = []
            for f in _features(path):
                p = dict(f["properties"])
                p["lon"], p["lat"] = f["geometry"]["coordinates"][:2]
                rows.append(p)
        changes = [
            {**r, "date": r["valid_from"], "sources": r.get("sources") or "", "note": r.get("note") or ""} for r in rows
        ]
        return ControlTimeline.from_changes(changes)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, UnicodeDecodeError, OSError) as exc:
        raise ValueError(f"{path}: not a control file written by geo-events ({exc})") from None
