"""What every loader shares: the load report, decoding, and point checks."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from gazetteer.admin import AdminAreas

__all__ = [
    "LoadReport",
    "Skipped",
    "SkippedRow",
    "decode",
    "decode_line",
    "read_population",
    "csv_records",
    "csv_dicts",
    "json_value",
    "MAX_CSV_FIELD",
    "check_points",
    "MAX_DETAILED_SKIPS",
]

#: Skipped rows (and notes) kept one by one in a report; beyond, rows are only counted by reason.
MAX_DETAILED_SKIPS = 1000
#: Encodings tried, in order, for files that are not UTF-8.
FALLBACK_ENCODINGS = ("cp1256", "latin-1")
#: Digits a population may have (ten: up to 9,999,999,999); a longer number is read as unknown.
MAX_POPULATION_DIGITS = 10


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something read that was not used, where it was, and why: a gazetteer row, an article, an event.

    The one record of what was left out, for the gazetteer's loaders and for
    geo_events' readers of articles and event files and its control timeline.

    Parameters
    ----------
    source : str
        The file, or the record (an article's or an event's id) when no file says more.
    line : int
        The line in ``source`` (from 1); 0 when the whole source is meant, or a
        part that is no line (the reason then names it: ``feature 3: ...``).
    reason : str
        Why, for people.

    Examples
    --------
    >>> str(Skipped("IQ.txt", 12, "latitude 123.4 out of range"))
    'IQ.txt:12: latitude 123.4 out of range'
    >>> str(Skipped("a.bin", 0, "binary file"))
    'a.bin: binary file'
    """

    source: str
    line: int
    reason: str

    @property
    def path(self) -> str:
        """``source``, by the name geo_events' readers gave it (and their reports' ``path`` key still do)."""
        return self.source

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


#: The name the gazetteer gave ``Skipped`` when only its loaders skipped rows.
SkippedRow = Skipped


@dataclass
class LoadReport:
    """What a loader read, loaded and skipped.

    Every data row read (blank lines and comments are not rows) is either
    loaded or skipped: ``rows_read == loaded + skipped_count``.

    Parameters
    ----------
    source : str
        The file (or files) read.

    Examples
    --------
    >>> r = LoadReport("places.csv")
    >>> r.rows_read, r.loaded = 3, 2
    >>> r.skip(3, "no name")
    >>> r.summary()
    'places.csv: 2 places loaded from 3 rows; 1 skipped (1 no name)'
    """

    source: str
    rows_read: int = 0
    loaded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    #: The encoding assumed for lines that are not UTF-8 (see ``decode_line``), if any.
    fallback_encoding: str | None = None

    @property
    def skipped_count(self) -> int:
        """Rows skipped, all reasons together."""
        return sum(self.reasons.values())

    def skip(self, line: int, reason: str, kind: str | None = None) -> None:
        """Record a skipped row; ``kind`` groups reasons in the summary."""
        self.reasons[kind or reason] += 1
        if len(self.skipped) < MAX_DETAILED_SKIPS:
            self.skipped.append(Skipped(self.source, line, reason))

    def note(self, message: str) -> None:
        """Record something the loader assumed; beyond ``MAX_DETAILED_SKIPS`` notes, one says the rest were left out.

        Examples
        --------
        >>> r = LoadReport("places.csv")
        >>> for line in range(2, 2000):
        ...     r.note(f"places.csv:{line}: population 'many' is not a whole number; read as unknown")
        >>> len(r.notes), r.notes[-1]
        (1001, 'places.csv: more notes left out (only the first 1000 are kept)')
        """
        if len(self.notes) < MAX_DETAILED_SKIPS:
            self.notes.append(message)
        elif len(self.notes) == MAX_DETAILED_SKIPS:
            self.notes.append(f"{self.source}: more notes left out (only the first {MAX_DETAILED_SKIPS} are kept)")

    def summary(self) -> str:
        """One line for people: how many loaded, how many skipped and why."""
        text = f"{self.source}: {self.loaded} places loaded from {self.rows_read} rows"
        if self.reasons:
            why = ", ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
            text += f"; {self.skipped_count} skipped ({why})"
        return text


def _decoded(data: bytes) -> tuple[str, str | None, int]:
    """The text of some bytes: UTF-8 (a byte-order mark dropped), else the first of ``FALLBACK_ENCODINGS``
    that decodes them; the encoding used when it is not UTF-8, and the offset of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None, -1
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding, first_bad
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def decode(data: bytes, report: LoadReport) -> str:
    """Decode a whole file: UTF-8 if it is, else Windows-1256, else Latin-1.

    A note in the report says which encoding was assumed.

    Examples
    --------
    >>> decode("حديثة".encode("cp1256"), LoadReport("x.csv"))
    'حديثة'
    """
    text, encoding, first_bad = _decoded(data)
    if encoding is not None:
        report.fallback_encoding = encoding
        report.note(f"{report.source}: not UTF-8 (first bad byte at offset {first_bad}); read as {encoding}")
    return text


def decode_line(data: bytes, report: LoadReport, line: int = 0) -> str:
    """Decode one line (number ``line``, if given): UTF-8 if it is, else Windows-1256, else Latin-1.

    The first line that is not UTF-8 adds a note to the report (and sets
    ``report.fallback_encoding``); a byte-order mark is dropped.

    Examples
    --------
    >>> r = LoadReport("IQ.txt")
    >>> decode_line("حديثة".encode("cp1256"), r, 7), r.fallback_encoding, r.notes
    ('حديثة', 'cp1256', ['IQ.txt:7: not UTF-8 (first bad byte at offset 0 of a line); read as cp1256'])
    """
    text, encoding, first_bad = _decoded(data)
    if encoding is not None and report.fallback_encoding is None:
        report.fallback_encoding = encoding
        where = f"{report.source}:{line}" if line else report.source
        report.note(f"{where}: not UTF-8 (first bad byte at offset {first_bad} of a line); read as {encoding}")
    return text


#: Longest CSV field read (characters). Python's csv module refuses fields over 131,072 by
#: default (``csv.field_size_limit``); an event file's list of sources can be longer.
MAX_CSV_FIELD = 20 * 2**20

R = TypeVar("R")


def csv_records(reader: Iterator[R]) -> Iterator[tuple[int, R | None, str]]:
    """(first line, row, error) of each row of a ``csv.reader`` or ``csv.DictReader``; the row None,
    and why, for one the csv module refuses (a field over ``MAX_CSV_FIELD``, a stray quote).

    Reading goes on at the next line: one bad row costs that row, not the file
    (if a quoted field ran over several lines, its other lines are read as rows).

    Examples
    --------
    >>> import csv, io
    >>> rows = csv_records(csv.reader(io.StringIO('a,b\\n1,"2"x"\\n3,4\\n'), strict=True))
    >>> [(line, row) for line, row, error in rows]
    [(1, ['a', 'b']), (2, None), (3, ['3', '4'])]
    """
    if csv.field_size_limit() < MAX_CSV_FIELD:
        csv.field_size_limit(MAX_CSV_FIELD)
    while True:
        lineno = reader.line_num + 1  # type: ignore[attr-defined]
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield lineno, None, str(exc)
            continue
        yield lineno, row, ""


def csv_dicts(lines: Iterable[str], delimiter: str = ",") -> tuple[list[str], Iterator[tuple[int, dict | None, str]]]:
    """The header of a CSV (lower-cased column names; empty if it cannot be read) and
    (first line, row as a dict, error) of each row after it, as ``csv_records`` gives them.

    A row shorter than the header lacks its last columns; blank lines are no rows.

    Examples
    --------
    >>> header, rows = csv_dicts(["ID,Text\\n", "a,Troops retook Hit.\\n", "\\n", "b\\n"])
    >>> header, list(rows)
    (['id', 'text'], [(2, {'id': 'a', 'text': 'Troops retook Hit.'}, ''), (4, {'id': 'b'}, '')])
    """
    rows = csv_records(csv.reader(lines, delimiter=delimiter))
    _, first, _ = next(rows, (1, None, ""))
    header = [h.strip().lower() for h in first or ()]

    def dicts() -> Iterator[tuple[int, dict | None, str]]:
        for lineno, values, error in rows:
            if values is None:
                yield lineno, None, error
            elif values:
                yield lineno, dict(zip(header, values, strict=False)), ""

    return header, dicts()


def json_value(text: str) -> tuple[object, str]:
    """A JSON value and "", or None and why it is none: not JSON, or nested too deeply to read
    (a RecursionError, which would otherwise end the whole run). Control characters in strings are text.

    Examples
    --------
    >>> json_value('{"a": 1}'), json_value("[" * 100_000)[1]
    (({'a': 1}, ''), 'JSON nested too deeply to read')
    """
    try:
        return json.loads(text, strict=False), ""
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
    except RecursionError:
        return None, "JSON nested too deeply to read"


def read_population(text: str, report: LoadReport, line: int) -> int:
    """A population count from a file; 0 (unknown), with a note, if it is not a whole number.

    Digits of any script count (``"١٢٠٠"``), but not superscripts such as
    ``"²"`` (``str.isdigit`` accepts them, ``int`` does not) nor numbers of
    more than ``MAX_POPULATION_DIGITS`` digits. An empty field is unknown
    without a note. The row is loaded either way: the population only ranks
    places that match equally.

    Examples
    --------
    >>> r = LoadReport("places.csv")
    >>> read_population("12000", r, 2), read_population("²", r, 3), read_population("", r, 4)
    (12000, 0, 0)
    >>> r.notes
    ["places.csv:3: population '²' is not a whole number; read as unknown"]
    """
    text = text.strip()
    if text.isdecimal() and len(text) <= MAX_POPULATION_DIGITS:
        return int(text)
    if text:
        report.note(f"{report.source}:{line}: population {text[:40]!r} is not a whole number; read as unknown")
    return 0


def check_points(
    lats: list[float], lons: list[float], areas: AdminAreas | None = None
) -> tuple[list[str | None], list[str | None]]:
    """Governorate code of each point, or why the point is unusable.

    Parameters
    ----------
    lats, lons : list of float
        WGS84 coordinates (NaN for values that did not parse).
    areas : AdminAreas, optional
        Governorates to test against; the packaged ones by default.

    Returns
    -------
    codes, problems : list
        For each point, its ISO 3166-2 code (or None) and a reason it must be
        skipped (or None): out of range, latitude and longitude swapped, or
        outside Iraq.

    Examples
    --------
    >>> codes, problems = check_points([33.35, 43.78, 35.69], [43.78, 33.35, 51.42])
    >>> codes
    ['IQ-AN', None, None]
    >>> problems[1:]
    ['latitude and longitude look swapped (43.78, 33.35)', 'point (35.69, 51.42) lies outside Iraq']
    """
    areas = areas or AdminAreas.default()
    codes: list[str | None] = []
    problems: list[str | None] = []
    for lat, lon in zip(lats, lons, strict=True):
        if not (math.isfinite(lat) and math.isfinite(lon)):
            codes.append(None)
            problems.append("coordinates missing or not numbers")
        elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
            codes.append(None)
            problems.append(f"coordinates out of range ({lat}, {lon})")
        else:
            codes.append(None)
            problems.append("")
    todo = [i for i, p in enumerate(problems) if p == ""]
    found = areas.locate_many(np.array([lons[i] for i in todo]), np.array([lats[i] for i in todo]))
    for i, area in zip(todo, found, strict=True):
        if area is not None:
            codes[i], problems[i] = area.code, None
        elif areas.locate(lats[i], lons[i]) is not None:
            problems[i] = f"latitude and longitude look swapped ({lats[i]}, {lons[i]})"
        else:
            problems[i] = f"point ({lats[i]}, {lons[i]}) lies outside Iraq"
    return codes, problems
