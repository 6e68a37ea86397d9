"""The query parameters of the service (OGC API - Features' ``bbox``, ``datetime`` and ``limit``, and ours), read
with a clear message for every value that cannot be used."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["RequestError", "Period", "parse_bbox", "parse_period", "parse_date", "parse_limit", "parse_offset"]

#: Events a page holds when the request does not say (``limit``), and at most.
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
#: The furthest page start (databases take 64-bit offsets; no store holds a billion events).
MAX_OFFSET = 10**9
#: The only CRS of ``bbox`` and of the features (OGC's name for WGS84 longitude, latitude).
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


class RequestError(ValueError):
    """A request the service cannot answer: its HTTP status, an OGC exception code and what is wrong."""

    def __init__(self, description: str, status: int = 400, code: str = "InvalidParameterValue") -> None:
        super().__init__(description)
        self.description = description
        self.status = status
        self.code = code


@dataclass(frozen=True)
class Period:
    """A ``datetime`` parameter: an instant (``start == end``) or an interval, either end open (None)."""

    start: date | None
    end: date | None

    @property
    def instant(self) -> date | None:
        """The day, if the period is one."""
        return self.start if self.start is not None and self.start == self.end else None


def parse_bbox(value: str | None, crs: str | None = None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in WGS84 degrees (six numbers: heights are ignored).

    Examples
    --------
    >>> parse_bbox("43.0,33.0,44.5,34.0")
    (43.0, 33.0, 44.5, 34.0)
    >>> parse_bbox("33.2,95.0,33.4,96.0")  # latitude first
    Traceback (most recent call last):
    ...
    geo_events.serve.params.RequestError: bbox: latitudes (south, north) must be between -90 and 90; ...
    >>> parse_bbox("44,33,43,34")
    Traceback (most recent call last):
    ...
    geo_events.serve.params.RequestError: bbox: west (44.0) is east of east (43.0); give west,south,east,north
    """
    if value is None:
        return None
    if crs not in (None, CRS84):
        raise RequestError(f"bbox-crs: only {CRS84} (WGS84 longitude, latitude) is supported, not {crs[:100]!r}")
    parts = value.split(",")
    if len(parts) not in (4, 6):
        raise RequestError(f"bbox: give 4 numbers, west,south,east,north (WGS84 degrees), not {len(parts)} values")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise RequestError(f"bbox: {value[:100]!r} is not 4 numbers, west,south,east,north") from None
    west, south, east, north = numbers[:4] if len(numbers) == 4 else (*numbers[:2], *numbers[3:5])
    if not all(math.isfinite(n) for n in (west, south, east, north)):
        raise RequestError("bbox: the numbers must be finite")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise RequestError("bbox: longitudes (west, east) must be between -180 and 180")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise RequestError("bbox: latitudes (south, north) must be between -90 and 90; is the order lon,lat?")
    if west > east:
        raise RequestError(f"bbox: west ({west}) is east of east ({east}); give west,south,east,north")
    if south > north:
        raise RequestError(f"bbox: south ({south}) is north of north ({north}); give west,south,east,north")
    return (west, south, east, north)


def parse_date(value: str, name: str = "datetime") -> date:
    """A day, from ``YYYY-MM-DD`` or an RFC 3339 date-time (its day).

    Examples
    --------
    >>> parse_date("2017-08-15T12:00:00Z")
    datetime.date(2017, 8, 15)
    >>> parse_date("2017-08-15T25:99Z")
    Traceback (most recent call last):
    ...
    geo_events.serve.params.RequestError: datetime: '2017-08-15T25:99Z' is not a date (YYYY-MM-DD) or RFC 3339 date-time
    >>> parse_date("15/08/2017")
    Traceback (most recent call last):
    ...
    geo_events.serve.params.RequestError: datetime: '15/08/2017' is not a date (YYYY-MM-DD) or RFC 3339 date-time
    """
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) > 10 and text[10] in "Tt":
            return datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] in "Zz" else text).date()
    except ValueError:
        pass
    raise RequestError(f"{name}: {value[:100]!r} is not a date (YYYY-MM-DD) or RFC 3339 date-time")


def parse_period(value: str | None) -> Period | None:
    """OGC's ``datetime``: an instant, ``start/end``, ``../end`` or ``start/..``.

    Examples
    --------
    >>> parse_period("2016-01-01/..")
    Period(start=datetime.date(2016, 1, 1), end=None)
    >>> parse_period("2017-08-15").instant
    datetime.date(2017, 8, 15)
    """
    if value is None:
        return None
    if "/" not in value:
        day = parse_date(value)
        return Period(day, day)
    first, _, last = value.partition("/")
    start = None if first in ("..", "") else parse_date(first)
    end = None if last in ("..", "") else parse_date(last)
    if start is None and end is None:
        raise RequestError("datetime: an interval needs a start or an end, not '../..'")
    if start is not None and end is not None and start > end:
        raise RequestError(f"datetime: the interval ends ({end}) before it starts ({start})")
    return Period(start, end)


def parse_limit(value: str | None) -> int:
    """How many features a page holds: ``DEFAULT_LIMIT`` if not given; more than ``MAX_LIMIT`` is that many
    (as OGC API - Features asks)."""
    return DEFAULT_LIMIT if value is None else min(_whole(value, "limit", 1), MAX_LIMIT)


def parse_offset(value: str | None) -> int:
    """Where a page starts (0: the first feature)."""
    offset = 0 if value is None else _whole(value, "offset", 0)
    if offset > MAX_OFFSET:
        raise RequestError(f"offset: at most {MAX_OFFSET:,}")
    return offset


def _whole(value: str, name: str, least: int) -> int:
    """A parameter that is a whole number of at least ``least``."""
    try:
        number = int(value)
    except ValueError:
        raise RequestError(f"{name}: {value[:100]!r} is not a whole number") from None
    if number < least:
        raise RequestError(f"{name}: {number} is less than {least}")
    return number
