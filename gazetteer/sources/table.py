"""Loader for plain CSV gazetteers: name, alternate names, lat, lon.

Column names are matched case-insensitively, with common synonyms:
``name``; ``alternate_names`` / ``alt_names`` / ``alternatenames`` (separated
by ``|`` or ``;``); ``lat`` / ``latitude`` / ``y``; ``lon`` / ``lng`` /
``longitude`` / ``x``; and optionally ``id``, ``kind``, ``population``,
``governorate`` (an ISO 3166-2 code), ``district``.

Rows that cannot be used are skipped and reported with their line: no name,
bad coordinates, an unknown governorate code, a field longer than
``MAX_FIELD_CHARS``, or a row the csv module cannot read. A population that
is not a whole number is read as unknown, with a note.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from gazetteer.admin import AdminAreas
from gazetteer.exceptions import GazetteerDataError
from gazetteer.place import KINDS, Place
from gazetteer.sources.base import LoadReport, check_points, csv_records, decode, read_population

__all__ = ["read_csv"]

SYNONYMS = {
    "name": ("name", "place", "place_name"),
    "alt_names": ("alternate_names", "alt_names", "alternatenames", "alternates", "aliases"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "id": ("id", "place_id", "geonameid"),
    "kind": ("kind", "type", "feature"),
    "population": ("population", "pop"),
    "governorate": ("governorate", "governorate_code", "iso_3166_2", "admin1"),
    "district": ("district", "admin2"),
    "city": ("city",),
}
_SPLIT_RE = re.compile(r"[|;]")
_HEADER_RE = re.compile(r"[^\r\n]*")
#: Longest field (characters) of a row that is loaded; a row with a longer one is skipped and
#: reported. Python's csv module refuses fields over 131,072 characters (``csv.field_size_limit``).
MAX_FIELD_CHARS = 100_000


def _float(text: str) -> float:
    try:
        return float(text.strip().replace(",", "."))
    except (ValueError, AttributeError):
        return float("nan")


def _delimiter(text: str) -> str:
    """The delimiter of a CSV: of comma, semicolon and tab, the one its header line holds most of.

    Only the header is read: a guess from the rows (``csv.Sniffer``) can take
    an apostrophe in a name (*Tall 'Afar*) for a quote character and merge rows.

    Examples
    --------
    >>> _delimiter("name;lat;lon\\nHit;33,6;42,8"), _delimiter("name,lat,lon\\n"), _delimiter("Hit")
    (';', ',', ',')
    """
    header = _HEADER_RE.match(text)
    return max(",;\t", key=header.group().count) if header else ","


def _row_problem(values: list[str] | None, error: str) -> str:
    """Why a row cannot be read at all (a field over ``MAX_FIELD_CHARS``, a csv error), or ""."""
    if values is None:
        if "field limit" in error:
            return f"a field longer than {MAX_FIELD_CHARS:,} characters ({error})"
        return f"the row cannot be read as CSV ({error})"
    longest = max(map(len, values), default=0)
    if longest > MAX_FIELD_CHARS:
        return f"a field of {longest:,} characters, longer than {MAX_FIELD_CHARS:,}"
    return ""


def read_csv(path: str | Path, areas: AdminAreas | None = None) -> tuple[list[Place], LoadReport]:
    """Read a CSV gazetteer, computing each row's governorate from its point.

    Parameters
    ----------
    path : str or Path
        A CSV file with at least name, lat and lon columns (comma, semicolon
        or tab separated, whichever the header has most of; fields quoted
        with ``"``; UTF-8, else Windows-1256 or Latin-1 with a note).
    areas : AdminAreas, optional
        Governorates for point-in-polygon; the packaged ones by default.

    Returns
    -------
    places : list of Place
        The good rows (``source="csv"``).
    report : LoadReport
        Rows read, loaded and skipped, with line numbers and reasons.

    Raises
    ------
    GazetteerDataError
        If the file is missing, lacks the required columns, or has no good row.

    Examples
    --------
    >>> places, report = read_csv("tests/data/places.csv")
    >>> places[0].name, places[0].governorate
    ('Hamam al-Alil', 'IQ-NI')
    """
    path = Path(path)
    report = LoadReport(str(path))
    try:
        text = decode(path.read_bytes(), report)
    except OSError as exc:
        raise GazetteerDataError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise GazetteerDataError(f"{path}: cannot read the header ({exc}); expected name, lat, lon") from None
    if not header:
        raise GazetteerDataError(f"{path}: the file is empty; expected a header with name, lat, lon")
    lower = [h.strip().lower() for h in header]
    col = {field: next((lower.index(s) for s in names if s in lower), None) for field, names in SYNONYMS.items()}
    missing = [f for f in ("name", "lat", "lon") if col[f] is None]
    if missing:
        raise GazetteerDataError(f"{path}: missing column(s) {', '.join(missing)}; the header has {', '.join(header)}")
    areas = areas or AdminAreas.default()
    rows: list[tuple[int, dict[str, str]]] = []
    for lineno, values, error in csv_records(reader):
        if values is not None and not any(v.strip() for v in values):
            continue
        report.rows_read += 1
        unreadable = _row_problem(values, error)
        if unreadable or values is None:
            report.skip(lineno, unreadable, "unreadable rows")
            continue
        if len(values) < len(header):
            values = values + [""] * (len(header) - len(values))
        row = {f: values[i].strip() for f, i in col.items() if i is not None}
        if not row["name"]:
            report.skip(lineno, "no name", "no name")
            continue
        rows.append((lineno, row))
    lats = [_float(r["lat"]) for _, r in rows]
    lons = [_float(r["lon"]) for _, r in rows]
    codes, problems = check_points(lats, lons, areas)
    places = []
    for (lineno, row), lat, lon, code, problem in zip(rows, lats, lons, codes, problems, strict=True):
        if problem:
            report.skip(lineno, problem, "bad coordinates")
            continue
        declared = row.get("governorate", "").upper()
        if declared and declared != code:
            if declared not in {a.code for a in areas}:
                report.skip(
                    lineno, f"unknown governorate code {declared!r} (use ISO 3166-2, e.g. IQ-AN)", "bad governorate"
                )
                continue
            report.note(f"{path}:{lineno}: {row['name']} declared {declared}, its point lies in {code}")
            code = declared
        kind = row.get("kind", "").lower() or "town"
        places.append(
            Place(
                id=row.get("id") or f"csv:{path.stem}:{lineno}",
                name=row["name"],
                lat=lat,
                lon=lon,
                kind=kind if kind in KINDS else "town",
                governorate=code,
                governorate_name=areas.get(code).name if code else None,
                district=row.get("district") or None,
                population=read_population(row.get("population", ""), report, lineno),
                alt_names=tuple(a.strip() for a in _SPLIT_RE.split(row.get("alt_names", "")) if a.strip()),
                source="csv",
                city=row.get("city") or None,
            )
        )
    report.loaded = len(places)
    if not places:
        raise GazetteerDataError(f"{path}: no usable row ({report.summary()})")
    return places, report
