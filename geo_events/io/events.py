"""Event tables: GeoJSON, CSV (ACLED's columns), GeoPackage and GeoParquet, written and read back."""

from __future__ import annotations

import math
import operator
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.sources.base import Skipped, csv_dicts
from geo_events.errors import MissingFileError, UnknownFormatError, UnreadableFileError
from geo_events.io.atomic import _write_csv, replacing, unguarded
from geo_events.io.geojson import _features, _rounded, _write_feature_stream
from geo_events.io.geopackage import from_gis, write_layer
from geo_events.text.numbers import MAX_COUNT

if TYPE_CHECKING:
    from geo_events.event import Event

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_FORMATS",
    "event_record",
    "event_feature",
    "events_to_geodataframe",
    "write_events",
    "read_events",
    "event_of_record",
]

#: Output columns, ACLED's names first, in ACLED's order where they exist.
EVENT_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
    "side1", "side2", "control_to", "extent", "fatalities_low", "fatalities_high", "wounded", "wounded_low",
    "wounded_high", "iso_3166_2", "place_id", "confidence", "doc_id", "start", "end",
    "date_expression", "date_note", "count_note", "date_from", "date_to", "urls", "evidence",
]  # fmt: skip
_EVENT_VALUES = operator.itemgetter(*EVENT_COLUMNS)
#: Columns that are dates, and counts or other whole numbers (typed so in a GeoPackage).
EVENT_DATE_COLUMNS = ("event_date", "date_from", "date_to")
EVENT_COUNT_COLUMNS = (
    "year", "time_precision", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "wounded",
    "wounded_low", "wounded_high", "start", "end",
)  # fmt: skip
#: The formats of event files, by extension.
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
    """A GeoJSON Feature for an event (``[longitude, latitude]``), ``event_record`` as its properties.

    Examples
    --------
    >>> from datetime import date
    >>> from geo_events.articles import Article
    >>> from geo_events.extract import extract_events
    >>> f = event_feature(extract_events([Article("d1", "", "Troops retook Hit today.", date(2016, 4, 14))])[0])
    >>> f["geometry"]["type"], f["properties"]["location"]
    ('Point', 'Hit')
    """
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
    UnknownFormatError
        For any other extension (a ``ValueError``).

    Examples
    --------
    >>> write_events([], "events.xlsx")
    Traceback (most recent call last):
    ...
    geo_events.errors.UnknownFormatError: events.xlsx: unknown output format '.xlsx'; use .geojson, .json, .csv, ...
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EVENT_FORMATS:
        raise UnknownFormatError(
            f"{path}: unknown output format {suffix!r}; use .geojson, .json, .csv, .gpkg or .parquet"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if EVENT_FORMATS[suffix] == "GeoJSON":
        return _write_feature_stream(path, (event_feature(e) for e in events), members)
    if suffix == ".csv":
        return _write_csv(path, EVENT_COLUMNS, (event_record(e) for e in events))
    frame = events_to_geodataframe(list(events))
    with replacing(path) as tmp:
        if suffix == ".gpkg":
            write_layer(frame, tmp, "events", EVENT_DATE_COLUMNS, EVENT_COUNT_COLUMNS)
        else:
            frame.to_parquet(tmp)
    return path


# -- reading events back --------------------------------------------------------


def read_events(path: str | Path) -> tuple[list[Event], list[Skipped]]:
    """Read events written by ``write_events`` (or an ACLED-style CSV).

    Parameters
    ----------
    path : str or Path
        ``.geojson``/``.json``, ``.csv``, ``.gpkg`` or ``.parquet``.

    Returns
    -------
    events : list of Event
    skipped : list of Skipped
        Records that could not be read, with where and why (records without
        usable coordinates are skipped, never put at 0,0).

    Raises
    ------
    UnreadableFileError
        If the file cannot be read at all (a ``ValueError``); ``MissingFileError``
        (also a ``FileNotFoundError``) if it is not there.
    UnknownFormatError
        For an extension that is none of the above (a ``ValueError``).

    Examples
    --------
    >>> events, skipped = read_events("no/such/events.geojson")
    Traceback (most recent call last):
    ...
    geo_events.errors.MissingFileError: no/such/events.geojson: cannot read events (no such file)
    """
    path = Path(path)
    if not path.exists():
        raise MissingFileError(f"{path}: cannot read events (no such file)")
    records = _RECORDS.get(path.suffix.lower())
    if records is None:
        raise UnknownFormatError(f"{path}: unknown events format; use .geojson, .json, .csv, .gpkg or .parquet")
    try:
        items = list(records(path))
    except (UnicodeDecodeError, OSError) as exc:
        raise UnreadableFileError(f"{path}: cannot read events ({exc})") from None
    return [e for e in items if not isinstance(e, Skipped)], [e for e in items if isinstance(e, Skipped)]


def _geojson_records(path: Path) -> Iterator[Event | Skipped]:
    for i, feature in enumerate(_features(path), 1):
        rec, lon, lat = _feature_record(feature)
        yield _event_or_skipped(rec, lon, lat, str(path), 0, f"feature {i}")


def _csv_records(path: Path) -> Iterator[Event | Skipped]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        _, rows = csv_dicts(fh)
        for i, row, error in rows:
            if row is None:
                yield Skipped(str(path), i, f"cannot be read as CSV ({error})")
            else:
                row = {k: unguarded(v) if isinstance(v, str) else v for k, v in row.items()}
                lon, lat = _num(row.get("longitude"), float), _num(row.get("latitude"), float)
                yield _event_or_skipped(row, lon, lat, str(path), i)


def _gis_records(path: Path) -> Iterator[Event | Skipped]:
    for i, (rec, lon, lat) in enumerate(_gis_rows(path), 1):
        yield _event_or_skipped(rec, lon, lat, str(path), 0, f"row {i}")


#: Sub-event types earlier versions wrote that are no more, read as what they are now (ACLED has no mass killing:
#: executions are attacks).
_RETIRED_SUB_TYPES = {"Mass killing": "Attack"}
_BY_FORMAT = {"GeoJSON": _geojson_records, "CSV": _csv_records, "GeoPackage": _gis_records, "GeoParquet": _gis_records}
#: The reader of each extension: a file's records as events, or as what was skipped and why.
_RECORDS = {suffix: _BY_FORMAT[name] for suffix, name in EVENT_FORMATS.items()}


def _event_or_skipped(
    rec: dict[str, Any], lon: float | None, lat: float | None, source: str, line: int, part: str = ""
) -> Event | Skipped:
    """The event of one record, or why there is none; ``part`` names a record that is no line (``feature 3``)."""
    where = f"{source}: {part}" if part else f"{source}:{line}"  # also the event's id when the record has none
    try:
        event = event_of_record(rec, lon, lat, where)
    except (TypeError, ValueError, AttributeError) as exc:
        event = f"not an event record ({exc})"
    if isinstance(event, str):
        return Skipped(source, line, f"{part}: {event}" if part else event)
    return event


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
        raise UnreadableFileError(f"{path}: cannot read events ({type(exc).__name__}: {str(exc)[:200]})") from None
    for row in frame.to_dict("records"):
        geom = row.get(frame.geometry.name)
        lon, lat = (geom.x, geom.y) if geom is not None and geom.geom_type == "Point" else (None, None)
        yield {k: from_gis(v) for k, v in row.items() if k != frame.geometry.name}, lon, lat


def event_of_record(rec: dict[str, Any], lon: float | None, lat: float | None, where: str) -> Event | str:
    """An Event from a flat record (ours or ACLED's columns), or the reason it cannot be one.

    ``where`` (the file and line, or feature) is the event's id when the record gives none.

    Examples
    --------
    >>> event_of_record({"event_date": "2016-04-14", "sub_event_type": "Non-state actor overtakes territory"},
    ...                 42.82, 33.64, "row 1").event_id
    'row 1'
    >>> event_of_record({}, 0, 0, "row 2")
    'no usable coordinates (0, 0); events are never placed at 0,0'
    """
    from geo_events.event import EVENT_TYPES, Event
    from geo_events.text.dates import date_problem, parse_date

    if lon is None or lat is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return f"no usable coordinates ({lat}, {lon}); events are never placed at 0,0"
    raw_date = rec.get("event_date")
    when = parse_date(str(raw_date)) if raw_date not in (None, "", "None") else None
    sub = str(rec.get("sub_event_type") or "")
    sub = _RETIRED_SUB_TYPES.get(sub, sub)
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
        extent="part" if text("extent") == "part" else "whole",
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
