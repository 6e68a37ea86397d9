"""Control files: who held which place (points), areas and front lines, shares per area; written and read back."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from gazetteer import AdminAreas
from gazetteer.sources.base import csv_dicts
from geo_events.control import CONTROLLERS, ControlTimeline
from geo_events.control.frontlines import control_layers
from geo_events.errors import ArgumentError, MissingFileError, UnknownFormatError, UnreadableFileError
from geo_events.io.atomic import _write_csv, replacing, replacing_text, unguarded
from geo_events.io.geojson import _features, _rounded, feature_collection, write_geojson
from geo_events.io.geopackage import write_layer

__all__ = [
    "CONTROL_COLUMNS",
    "UPDATE_COLUMNS",
    "control_features",
    "stats_features_of",
    "write_control",
    "write_control_log",
    "read_control",
]

#: Columns of a control CSV, as ``ControlInterval.to_dict`` names them.
CONTROL_COLUMNS = [
    "place_id", "name", "lat", "lon", "governorate", "controller", "valid_from", "valid_to", "confidence", "sources",
    "note",
]  # fmt: skip
#: Columns of a change log (``write_control_log``), as ``ControlUpdate.to_dict`` names them.
UPDATE_COLUMNS = ["place_id", "name", "action", "before", "after", "start", "end", "reports", "note"]
#: What ``write_control`` writes: ``places`` at any date (or every interval), the others at a date.
LAYERS = ("places", "areas", "front_lines", "stats")


def control_features(timeline: ControlTimeline, at: date | None = None) -> list[dict[str, Any]]:
    """GeoJSON points: the interval of every place at ``at``, or every interval.

    Properties: ``place_id``, ``name``, ``controller``, ``governorate``,
    ``valid_from``, ``valid_to`` (ISO dates, ``null`` while still valid),
    ``confidence``, ``sources``, ``note``.

    Examples
    --------
    >>> f = control_features(ControlTimeline.default(), date(2015, 1, 1))[0]
    >>> f["geometry"]["type"], f["properties"]["valid_from"] <= "2015-01-01"
    ('Point', True)
    """
    intervals = timeline.at(at) if at is not None else timeline.intervals
    return [
        {"type": "Feature", "geometry": _rounded(i.__geo_interface__), "properties": i.to_dict()} for i in intervals
    ]


def stats_features_of(
    timeline: ControlTimeline, at: date, boundaries: AdminAreas | None = None
) -> list[dict[str, Any]]:
    """Governorate (or boundary area) polygons with the share of places each side holds at ``at``.

    Examples
    --------
    >>> stats = stats_features_of(ControlTimeline.default(), date(2015, 6, 1))
    >>> anbar = next(f["properties"] for f in stats if f["properties"]["code"] == "IQ-AN")
    >>> anbar["share_islamic_state"] > 0.5
    True
    """
    areas = boundaries or AdminAreas.default()
    rows = {r["code"]: r for r in timeline.shares(at, boundaries)}
    out = []
    for a in areas:
        props = {"code": a.code, "name": a.name, "valid_on": at.isoformat()}
        props.update({k: v for k, v in rows.get(a.code, {"places": 0}).items() if k not in ("code", "name")})
        out.append({"type": "Feature", "geometry": _rounded(a.geometry.__geo_interface__), "properties": props})
    return out


def write_control(
    timeline: ControlTimeline,
    path: str | Path,
    at: date | None = None,
    boundaries: AdminAreas | None = None,
    layer: str = "places",
) -> Path:
    """Write control: one layer (``.geojson``, ``.csv``) or all layers (``.gpkg``).

    ``layer`` chooses what a GeoJSON holds: ``places`` (controllers at ``at``,
    or every interval), or at a date ``areas``, ``front_lines`` or ``stats``
    (share of places held per governorate, or per area of ``boundaries``).
    A GeoPackage gets the layers ``places``, and when ``at`` is given
    ``areas``, ``front_lines`` and ``governorate_stats`` (or ``area_stats``).

    Raises
    ------
    UnknownFormatError
        For an extension other than those above (a ``ValueError``).
    ArgumentError
        For a layer it does not write, or one that needs a date not given (a ``ValueError``).

    Examples
    --------
    >>> write_control(ControlTimeline.default(), "control.xlsx")
    Traceback (most recent call last):
    ...
    geo_events.errors.UnknownFormatError: control.xlsx: unknown output format '.xlsx'; use .geojson, .json, ...
    """
    path = Path(path)
    suffix = path.suffix.lower()
    _check_layer(path, layer, at)
    path.parent.mkdir(parents=True, exist_ok=True)
    features = _layer_features(timeline, at, boundaries, layer)
    if suffix in (".geojson", ".json"):
        meta = {"valid_on": at.isoformat()} if at is not None else {"intervals": True}
        return write_geojson(feature_collection(features, geo_events={**meta, "layer": layer}), path)
    if suffix == ".csv":
        return _write_csv(path, CONTROL_COLUMNS, (f["properties"] for f in features))
    return _write_geopackage(path, features, timeline, at, boundaries)


def write_control_log(timeline: ControlTimeline, out: str | Path) -> tuple[Path, Path]:
    """Write what reports did to a timeline (``ControlTimeline.log``) beside a control output ``out``: a change
    log ``OUT.changes.csv`` (``UPDATE_COLUMNS``) and a report ``OUT.report.json`` with counts by action, the
    same entries and the events not applied (``ControlTimeline.skipped``) and why.

    Examples
    --------
    >>> import tempfile, json
    >>> from geo_events import Article, extract_events
    >>> events = extract_events([Article("a", "", "Militants seized Samarra on Monday.", date(2015, 3, 4))])
    >>> folder = Path(tempfile.mkdtemp())
    >>> log, report = write_control_log(ControlTimeline.default().update(events), folder / "control.geojson")
    >>> log.name, json.loads(report.read_text())["actions"]
    ('control.geojson.changes.csv', {'contested': 1})
    """
    out = Path(out)
    log_path, report_path = out.with_name(out.name + ".changes.csv"), out.with_name(out.name + ".report.json")
    entries = [u.to_dict() for u in timeline.log]
    _write_csv(log_path, UPDATE_COLUMNS, entries)
    report = {
        "actions": dict(Counter(u.action for u in timeline.log)),
        "changes": log_path.name,
        "updates": entries,
        "not_applied": [{"event": s.source, "reason": s.reason} for s in timeline.skipped],
    }
    with replacing_text(report_path) as fh:
        json.dump(report, fh, ensure_ascii=False, indent=1)
    return log_path, report_path


def _check_layer(path: Path, layer: str, at: date | None) -> None:
    """Raise if ``write_control`` cannot write ``layer`` at ``at`` to ``path``."""
    suffix = path.suffix.lower()
    if suffix not in (".geojson", ".json", ".csv", ".gpkg"):
        raise UnknownFormatError(f"{path}: unknown output format {suffix!r}; use .geojson, .json, .csv or .gpkg")
    if layer not in LAYERS:
        raise ArgumentError(f"unknown layer {layer!r}; use places, areas, front_lines or stats")
    if layer != "places" and (at is None or suffix not in (".geojson", ".json")):
        raise ArgumentError(f"the {layer} layer needs a date and a .geojson output")


def _layer_features(
    timeline: ControlTimeline, at: date | None, boundaries: AdminAreas | None, layer: str
) -> list[dict[str, Any]]:
    """The features of one layer (``_check_layer`` made sure that a layer other than places has its date)."""
    if layer == "places":
        return control_features(timeline, at)
    assert at is not None
    if layer == "stats":
        return stats_features_of(timeline, at, boundaries)
    return control_layers(timeline, at)[layer]["features"]


def _write_geopackage(
    path: Path, places: list[dict[str, Any]], timeline: ControlTimeline, at: date | None, boundaries: AdminAreas | None
) -> Path:
    """Every layer in one GeoPackage: places, and at a date areas, front lines and shares per area."""
    import geopandas as gpd

    with replacing(path) as tmp:
        frame = gpd.GeoDataFrame.from_features(places, crs=4326)
        write_layer(frame, tmp, "places", ["valid_from", "valid_to"])
        if at is not None:
            layers = control_layers(timeline, at)
            for name, integers in (("areas", ["places"]), ("front_lines", [])):
                if layers[name]["features"]:
                    frame = gpd.GeoDataFrame.from_features(layers[name]["features"], crs=4326)
                    write_layer(frame, tmp, name, ["valid_on"], integers)
            stats = stats_features_of(timeline, at, boundaries)
            layer = "area_stats" if boundaries is not None else "governorate_stats"
            frame = gpd.GeoDataFrame.from_features(stats, crs=4326)
            counts = [c for c in frame.columns if c == "places" or c in CONTROLLERS]
            write_layer(frame, tmp, layer, [c for c in ("valid_on",) if c in frame.columns], counts)
    return path


def read_control(path: str | Path) -> ControlTimeline:
    """Read control intervals written by ``write_control`` (GeoJSON or CSV) as a ``ControlTimeline``.

    Raises
    ------
    UnreadableFileError
        If the file is not one ``write_control`` wrote (a ``ValueError``); ``MissingFileError``
        (also a ``FileNotFoundError``) if it is not there.

    Examples
    --------
    >>> read_control("missing.geojson")
    Traceback (most recent call last):
    ...
    geo_events.errors.MissingFileError: missing.geojson: cannot read control intervals (no such file)
    """
    path = Path(path)
    if not path.exists():
        raise MissingFileError(f"{path}: cannot read control intervals (no such file)")
    try:
        rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _feature_rows(path)
        changes = [
            {**r, "date": r["valid_from"], "sources": r.get("sources") or "", "note": r.get("note") or ""} for r in rows
        ]
        return ControlTimeline.from_changes(changes)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, UnicodeDecodeError, OSError) as exc:
        raise UnreadableFileError(f"{path}: not a control file written by geo-events ({exc})") from None


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a control CSV; every one, or an error (an interval left out would change who held the place)."""
    with path.open(encoding="utf-8", newline="") as fh:
        _, records = csv_dicts(fh)
        rows = []
        for line, row, error in records:
            if row is None:
                raise UnreadableFileError(f"line {line} cannot be read as CSV: {error}")
            rows.append({k: unguarded(v) if isinstance(v, str) else v for k, v in row.items()})
    return rows


def _feature_rows(path: Path) -> list[dict[str, Any]]:
    """The properties of a control GeoJSON's points, with their ``lon`` and ``lat``."""
    rows = []
    for f in _features(path):
        p = dict(f["properties"])
        p["lon"], p["lat"] = f["geometry"]["coordinates"][:2]
        rows.append(p)
    return rows
