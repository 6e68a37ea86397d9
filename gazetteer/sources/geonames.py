"""Loader for GeoNames country dumps (``IQ.txt``, ``IQ.zip``) and alternate names.

The dump format is documented in GeoNames' ``readme.txt``: one place a line,
19 tab-separated columns (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1
to admin4, population, elevation, dem, timezone, modification date). The
``alternateNamesV2`` file adds one name a line: alternateNameId, geonameid,
isolanguage, alternate name, and flags.
"""

from __future__ import annotations

import contextlib
import lzma
import math
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from gazetteer.admin import AdminAreas
from gazetteer.exceptions import GazetteerDataError
from gazetteer.place import Place
from gazetteer.sources.base import LoadReport, check_points, decode_line, read_population

__all__ = ["read_geonames", "feature_kind"]

COLUMNS = 19
#: Feature classes kept: populated places, administrative areas, spots
#: (dams, bases, airports), terrain and areas. Hydrography, roads, undersea
#: and vegetation features are skipped: a report rarely means them by a point.
KEPT_CLASSES = frozenset("PAST L".replace(" ", ""))
#: alternateNames "languages" that are links or codes, not names.
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793"})
#: Most bytes a zipped file is read to. IQ.zip expands to about 30 MB, the per-country
#: alternate names to less; a zip that expands further (a "zip bomb" turns a few hundred
#: kilobytes into gigabytes) is refused. allCountries.zip and the world-wide
#: alternateNamesV2.zip are bigger: unzip them and pass the .txt, which is read as a stream.
MAX_UNZIPPED_BYTES = 256 * 2**20
#: Longest line read (bytes); a longer one is skipped and reported. GeoNames' longest lines,
#: with thousands of alternate names, are some tens of kilobytes.
MAX_LINE_BYTES = 2**20


def feature_kind(feature_class: str, feature_code: str, population: int) -> str:
    """Map a GeoNames feature class and code to a ``Place.kind``.

    Examples
    --------
    >>> feature_kind("P", "PPLA", 0), feature_kind("P", "PPL", 250), feature_kind("S", "DAM", 0)
    ('capital', 'village', 'facility')
    """
    if feature_class == "P":
        if feature_code in ("PPLC", "PPLA"):
            return "capital"
        if feature_code == "PPLX":
            return "area"
        if population >= 100_000:
            return "city"
        if population >= 5_000 or feature_code in ("PPLA2", "PPLA3"):
            return "town"
        return "village"
    if feature_class == "A":
        return "governorate" if feature_code == "ADM1" else "area"
    return {"S": "facility", "T": "terrain"}.get(feature_class, "area")


def _lines(path: Path, report: LoadReport, member_hint: str) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of a dump, plain or zipped, read as a stream and decoded (``decode_line``).

    A line longer than ``MAX_LINE_BYTES`` comes as None (the caller reports
    it). A file that cannot be read, or a zip member that expands past
    ``MAX_UNZIPPED_BYTES``, raises ``GazetteerDataError``.
    """
    zipped = path.suffix.lower() == ".zip"
    limit = MAX_UNZIPPED_BYTES if zipped else math.inf  # zipfile also stops at the declared size, checked first
    try:
        with contextlib.ExitStack() as stack:
            if zipped:
                stream = stack.enter_context(
                    _open_member(stack.enter_context(zipfile.ZipFile(path)), path, member_hint)
                )
            else:
                stream = stack.enter_context(path.open("rb"))
            read = 0
            for lineno, raw in enumerate(iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""), 1):
                read += len(raw)
                too_long, rest = len(raw) > MAX_LINE_BYTES, raw
                while too_long and not rest.endswith(b"\n") and read <= limit:  # skip the rest of the line
                    rest = stream.readline(MAX_LINE_BYTES)
                    if not rest:
                        break
                    read += len(rest)
                if read > limit:
                    raise GazetteerDataError(_too_big(path))
                yield lineno, None if too_long else decode_line(raw.rstrip(b"\r\n"), report, lineno)
    except FileNotFoundError:
        raise GazetteerDataError(f"{path}: no such file; download IQ.zip from GeoNames' export/dump folder") from None
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError) as exc:
        raise GazetteerDataError(f"{path}: cannot read the file ({exc}); download it again") from None


def _open_member(zf: zipfile.ZipFile, path: Path, member_hint: str) -> IO[bytes]:
    """The dump inside a zip (the ``.txt`` whose name holds ``member_hint``, else the first), opened as a stream."""
    members = [i for i in zf.infolist() if i.filename.lower().endswith(".txt") and "readme" not in i.filename.lower()]
    if not members:
        raise GazetteerDataError(f"{path}: the zip holds no .txt dump; pass GeoNames' IQ.zip, or the IQ.txt in it")
    info = next((i for i in members if member_hint in i.filename), members[0])
    where = f"{path}: {info.filename}"
    if info.flag_bits & 0x1:
        raise GazetteerDataError(f"{where} is encrypted; unzip it with its password and pass the .txt")
    if info.file_size > MAX_UNZIPPED_BYTES:
        raise GazetteerDataError(_too_big(path))
    try:
        return zf.open(info)
    except (NotImplementedError, RuntimeError) as exc:
        raise GazetteerDataError(
            f"{where}: cannot decompress it ({exc}, method {info.compress_type}); unzip it with another tool "
            "and pass the .txt"
        ) from None


def _too_big(path: Path) -> str:
    return (
        f"{path}: expands to more than {MAX_UNZIPPED_BYTES // 2**20} MiB, far more than a GeoNames country dump "
        "(IQ.zip expands to about 30 MB); not read. If the file is genuine, unzip it and pass the .txt"
    )


def _rows(lines: Iterator[tuple[int, str | None]]) -> Iterator[tuple[int, list[str] | None]]:
    """Tab-separated columns of each line that is not blank nor a comment; None for an over-long line."""
    for lineno, line in lines:
        if line is None:
            yield lineno, None
        elif line.strip() and not line.startswith("#"):
            yield lineno, line.split("\t")


def read_geonames(
    path: str | Path,
    alternate_names: str | Path | None = None,
    areas: AdminAreas | None = None,
) -> tuple[list[Place], LoadReport]:
    """Read a GeoNames country dump into places, skipping and reporting bad rows.

    Parameters
    ----------
    path : str or Path
        ``IQ.txt`` or ``IQ.zip`` (or any dump; rows of other countries are
        skipped).
    alternate_names : str or Path, optional
        ``alternateNamesV2.txt`` or its zip (or the per-country ``IQ.zip``
        from the ``alternatenames`` folder).
    areas : AdminAreas, optional
        Governorates for point-in-polygon; the packaged ones by default.

    Returns
    -------
    places : list of Place
        The good rows. ADM1 rows are returned as ``kind="governorate"``.
    report : LoadReport
        Counts and reasons of skipped rows, with file and line.

    Raises
    ------
    GazetteerDataError
        If the file cannot be read or holds no usable row.

    Examples
    --------
    >>> places, report = read_geonames("IQ.zip")  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP
    IQ.zip: 21873 places loaded from 22034 rows; 161 skipped (...)
    """
    path = Path(path)
    report = LoadReport(str(path))
    good: list[tuple[int, list[str], float, float, int]] = []
    for lineno, cols in _rows(_lines(path, report, "IQ")):
        report.rows_read += 1
        if cols is None:
            report.skip(lineno, f"line longer than {MAX_LINE_BYTES:,} bytes", "malformed rows")
            continue
        if len(cols) != COLUMNS:
            report.skip(lineno, f"expected {COLUMNS} tab-separated columns, found {len(cols)}", "malformed rows")
            continue
        if cols[8] != "IQ":
            report.skip(lineno, f"country {cols[8] or '(none)'}, not IQ", "not in Iraq")
            continue
        if cols[6] not in KEPT_CLASSES:
            report.skip(lineno, f"feature class {cols[6] or '(none)'} is not a place", "not a place")
            continue
        if not cols[0].isdigit() or not cols[1].strip():
            report.skip(lineno, "no geonameid or no name", "malformed rows")
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            lat = lon = float("nan")
        population = read_population(cols[14], report, lineno)
        good.append((lineno, cols, lat, lon, population))
    codes, problems = check_points([g[2] for g in good], [g[3] for g in good], areas)
    areas = areas or AdminAreas.default()
    extra = _alternate_names(Path(alternate_names), report) if alternate_names else {}
    places: list[Place] = []
    for (lineno, cols, lat, lon, population), code, problem in zip(good, codes, problems, strict=True):
        if problem:
            report.skip(lineno, problem, "bad coordinates")
            continue
        alts = [a for a in cols[3].split(",") if a] + extra.get(cols[0], [])
        if cols[2] and cols[2] != cols[1]:
            alts.insert(0, cols[2])
        places.append(
            Place(
                id=f"geonames:{cols[0]}",
                name=cols[1].strip(),
                lat=lat,
                lon=lon,
                kind=feature_kind(cols[6], cols[7], population),
                governorate=code,
                governorate_name=areas.get(code).name if code else None,
                population=population,
                alt_names=tuple(dict.fromkeys(a.strip() for a in alts if a.strip() and a != cols[1])),
                source="geonames",
            )
        )
    report.loaded = len(places)
    if not places:
        raise GazetteerDataError(
            f"{path}: no usable place in {report.rows_read} rows ({report.summary()}); "
            "is this a GeoNames dump (19 tab-separated columns)?"
        )
    return places, report


def _alternate_names(path: Path, report: LoadReport) -> dict[str, list[str]]:
    """geonameid -> extra names from an alternateNamesV2 file."""
    alt_report = LoadReport(str(path))
    names: dict[str, list[str]] = {}
    for lineno, cols in _rows(_lines(path, alt_report, "alternateNames")):
        if cols is None or len(cols) < 4 or not cols[1].isdigit():
            alt_report.skip(lineno, "not an alternateNames row", "malformed rows")
            continue
        if cols[2] in NOT_NAMES or not cols[3].strip():
            continue
        names.setdefault(cols[1], []).append(cols[3].strip())
    for note in alt_report.notes:
        report.note(note)
    if alt_report.reasons:
        report.note(alt_report.summary().replace("places loaded", "names read"))
    return names
