"""Who controls which place over time: intervals, updates from events, queries.

Control is kept as intervals per place (``valid_from`` inclusive, ``valid_to``
exclusive, ``None`` for still valid). The embedded timeline
(``geo_events/data/control_timeline.csv``) gives a baseline for 170 places
from January 2014 with every capture and recapture to the end of 2017;
``ControlTimeline.update`` applies territory events on top. Reports that
disagree within a few days make the place ``contested`` from the first of
them, rather than letting the last report silently win.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from gazetteer.sources.base import Skipped
from geo_events.vocab import CONTROLLERS, TERRITORY

__all__ = ["CONTROLLERS", "ControlInterval", "ControlChange", "ControlTimeline", "START", "END"]

START = date(2014, 1, 1)
END = date(2017, 12, 31)
#: Reports this many days apart that disagree make a place contested.
CONFLICT_DAYS = 3
BASELINE_SOURCE = "geo-events timeline"


@dataclass(frozen=True)
class ControlInterval:
    """A place held by one controller from ``valid_from`` until ``valid_to`` (exclusive).

    Examples
    --------
    >>> i = ControlInterval("x:1", "Hit", 33.64, 42.83, "IQ-AN", "islamic_state", date(2014, 10, 13), date(2016, 4, 14))
    >>> i.active(date(2015, 1, 1)), i.active(date(2016, 4, 14))
    (True, False)
    """

    place_id: str
    name: str
    lat: float
    lon: float
    governorate: str | None
    controller: str
    valid_from: date
    valid_to: date | None = None
    confidence: float = 0.9
    sources: tuple[str, ...] = ()
    note: str = ""

    def active(self, day: date) -> bool:
        """Whether the interval covers ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {"type": "Point", "coordinates": (self.lon, self.lat)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record: ISO dates, sources joined by ``; ``."""
        d = asdict(self)
        d["valid_from"] = self.valid_from.isoformat()
        d["valid_to"] = self.valid_to.isoformat() if self.valid_to else None
        d["sources"] = "; ".join(self.sources)
        return d


@dataclass(frozen=True)
class ControlChange:
    """A place changing hands.

    Examples
    --------
    >>> ControlChange("x:1", "Hit", date(2016, 4, 14), "islamic_state", "government").after
    'government'
    """

    place_id: str
    name: str
    date: date
    before: str
    after: str
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass
class _Point:
    """A change point while building intervals."""

    day: date
    controller: str
    confidence: float
    sources: list[str] = field(default_factory=list)
    note: str = ""
    from_event: bool = False


class ControlTimeline:
    """Control intervals of places, with queries by date and area.

    Parameters
    ----------
    intervals : iterable of ControlInterval
        Non-overlapping per place.
    skipped : sequence of Skipped, optional
        Events that could not be applied (``source`` is the event's id) and why; filled by ``update``.

    Examples
    --------
    >>> tl = ControlTimeline.default()
    >>> tl.controller_of("geonames:99072", date(2015, 1, 1))  # Mosul
    'islamic_state'
    >>> tl.controller_of("geonames:99072", date(2017, 8, 1))
    'government'
    """

    def __init__(self, intervals: Iterable[ControlInterval], skipped: Sequence[Skipped] = ()) -> None:
        by_place: dict[str, list[ControlInterval]] = defaultdict(list)
        for i in intervals:
            by_place[i.place_id].append(i)
        self._by_place = {k: sorted(v, key=lambda i: i.valid_from) for k, v in by_place.items()}
        self.skipped = list(skipped)

    # -- construction -------------------------------------------------------

    @classmethod
    @cache
    def default(cls) -> ControlTimeline:
        """The embedded timeline of 170 places, 2014-2017 (see ``geo_events/data/README.md``).

        Examples
        --------
        >>> len(ControlTimeline.default().places) >= 150
        True
        """
        text = resources.files("geo_events").joinpath("data/control_timeline.csv").read_text("utf-8")
        return cls.from_changes(csv.DictReader(io.StringIO(text)))

    @classmethod
    def from_changes(cls, rows: Iterable[dict[str, Any]]) -> ControlTimeline:
        """Build intervals from change rows.

        Each row has ``place_id``, ``name``, ``lat``, ``lon``, ``governorate``,
        ``date`` (ISO), ``controller`` and optionally ``note``,
        ``confidence``, ``sources`` (``; ``-separated).

        Examples
        --------
        >>> rows = [{"place_id": "x", "name": "X", "lat": 33, "lon": 44, "governorate": "IQ-BG",
        ...          "date": "2014-01-01", "controller": "government"}]
        >>> ControlTimeline.from_changes(rows).at(date(2015, 1, 1))[0].controller
        'government'
        """
        places: dict[str, tuple[str, float, float, str | None]] = {}
        points: dict[str, list[_Point]] = defaultdict(list)
        for row in rows:
            pid = str(row["place_id"])
            places[pid] = (str(row["name"]), float(row["lat"]), float(row["lon"]), row.get("governorate") or None)
            sources = [s for s in str(row.get("sources") or BASELINE_SOURCE).split("; ") if s]
            points[pid].append(
                _Point(
                    date.fromisoformat(str(row["date"])[:10]),
                    str(row["controller"]),
                    float(row.get("confidence") or 0.9),
                    sources,
                    str(row.get("note") or ""),
                )
            )
        return cls(_intervals(places, points))

    # -- queries --------------------------------------------------------------

    @property
    def places(self) -> dict[str, tuple[str, float, float, str | None]]:
        """place_id -> (name, lat, lon, governorate)."""
        return {k: (v[0].name, v[0].lat, v[0].lon, v[0].governorate) for k, v in self._by_place.items()}

    @property
    def histories(self) -> dict[str, list[ControlInterval]]:
        """place_id -> the place's intervals in date order."""
        return {k: list(v) for k, v in self._by_place.items()}

    @property
    def intervals(self) -> list[ControlInterval]:
        """Every interval, by place then date."""
        return [i for v in self._by_place.values() for i in v]

    def at(self, day: date) -> list[ControlInterval]:
        """The interval in force at ``day`` for every place that has one.

        Examples
        --------
        >>> held = Counter(i.controller for i in ControlTimeline.default().at(date(2015, 1, 1)))
        >>> held["islamic_state"] > 30
        True
        """
        out = []
        for intervals in self._by_place.values():
            for i in intervals:
                if i.active(day):
                    out.append(i)
                    break
        return out

    def controller_of(self, place_id: str, day: date) -> str:
        """Controller of one place at a date (``unknown`` if the timeline has nothing)."""
        for i in self._by_place.get(place_id, ()):
            if i.active(day):
                return i.controller
        return "unknown"

    def changes(self, start: date, end: date) -> list[ControlChange]:
        """Changes of control with ``start < date <= end``, in date order.

        Examples
        --------
        >>> [c.name for c in ControlTimeline.default().changes(date(2016, 6, 20), date(2016, 6, 30))]
        ['Fallujah', 'Jolan']
        """
        out = []
        for intervals in self._by_place.values():
            for before, after in itertools.pairwise(intervals):
                if start < after.valid_from <= end and before.controller != after.controller:
                    out.append(
                        ControlChange(
                            after.place_id,
                            after.name,
                            after.valid_from,
                            before.controller,
                            after.controller,
                            after.note,
                            after.sources,
                        )
                    )
        return sorted(out, key=lambda c: (c.date, c.name))

    def shares(self, day: date, areas=None) -> list[dict[str, Any]]:
        """Per governorate (or per area of ``areas``) the places each side holds.

        Parameters
        ----------
        day : date
        areas : AdminAreas, optional
            E.g. OCHA districts; by default places are grouped by their
            governorate code.

        Returns
        -------
        list of dict
            ``code``, ``name``, ``places``, and for each controller its count
            and its share (``share_government``...).

        Examples
        --------
        >>> anbar = next(s for s in ControlTimeline.default().shares(date(2015, 6, 1)) if s["code"] == "IQ-AN")
        >>> anbar["share_islamic_state"] > 0.5
        True
        """
        from gazetteer import AdminAreas

        held = self.at(day)
        if areas is None:
            default = AdminAreas.default()
            keys = [(i.governorate, default.get(i.governorate).name if i.governorate else None) for i in held]
        else:
            found = areas.locate_many([i.lon for i in held], [i.lat for i in held], tolerance=0.05)
            keys = [(a.code, a.name) if a else (None, None) for a in found]
        counts: dict[tuple, Counter] = defaultdict(Counter)
        for (code, name), i in zip(keys, held, strict=True):
            if code:
                counts[(code, name)][i.controller] += 1
        out = []
        for (code, name), c in sorted(counts.items()):
            total = sum(c.values())
            row: dict[str, Any] = {"code": code, "name": name, "places": total}
            for ctl in CONTROLLERS:
                row[ctl] = c[ctl]
                row[f"share_{ctl}"] = round(c[ctl] / total, 4)
            out.append(row)
        return out

    # -- updates --------------------------------------------------------------

    def update(self, events: Iterable[Any]) -> ControlTimeline:
        """A new timeline with territory events applied on top of this one.

        Only events with a ``control_to``, a date and an exact place
        (``geo_precision`` 1) change control; others are listed in
        ``skipped`` with the reason. A report that agrees with the current
        controller corroborates it (its source is added). Reports that
        disagree within ``CONFLICT_DAYS`` make the place ``contested`` from
        the first of them.

        Examples
        --------
        >>> from geo_events import Article, extract_events
        >>> ev = extract_events([Article("d", "", "Militants seized Samarra on Monday.", date(2015, 3, 4))])
        >>> ControlTimeline.default().update(ev).controller_of("geonames:91597", date(2015, 3, 5))
        'islamic_state'
        """
        places = {k: (v[0].name, v[0].lat, v[0].lon, v[0].governorate) for k, v in self._by_place.items()}
        points: dict[str, list[_Point]] = {
            k: [_Point(i.valid_from, i.controller, i.confidence, list(i.sources), i.note) for i in v]
            for k, v in self._by_place.items()
        }
        skipped = list(self.skipped)
        usable = []
        for e in events:
            if getattr(e, "sub_event_type", None) not in TERRITORY:
                continue
            reason = (
                "no new controller"
                if not e.control_to
                else "no date"
                if e.event_date is None
                else "place not exact (geo_precision > 1)"
                if e.geo_precision != 1
                else ""
            )
            if reason:
                skipped.append(Skipped(e.event_id, 0, f"{e.sub_event_type} at {e.location}: {reason}"))
            else:
                usable.append(e)
        for e in sorted(usable, key=lambda e: (e.event_date, e.event_id)):
            pid = e.place_id
            if pid not in places:
                places[pid] = (e.location, e.latitude, e.longitude, e.iso_3166_2)
                points[pid] = [_Point(START, "unknown", 0.0, [], "not in the timeline before this report")]
            _apply(points[pid], e)
        return ControlTimeline(_intervals(places, points), skipped)


def _apply(points: list[_Point], e: Any) -> None:
    day = e.event_date
    new = "contested" if getattr(e, "extent", "whole") == "part" else e.control_to  # "parts of Hit": fought over
    sources = [*e.sources, f"event:{e.event_id}"]
    current = max((p for p in points if p.day <= day), key=lambda p: p.day, default=None)
    if current is not None and current.controller == new:
        current.sources.extend(s for s in sources if s not in current.sources)
        current.confidence = min(0.99, current.confidence + 0.05)
        return
    if current is not None and current.from_event and (day - current.day).days <= CONFLICT_DAYS:
        current.controller = "contested"
        current.confidence = 0.5
        current.sources.extend(s for s in sources if s not in current.sources)
        current.note = f"conflicting reports: {current.note}; {e.sub_event_type} ({new})"
        return
    points.append(_Point(day, new, e.confidence, sources, f"{e.sub_event_type}: {e.sentence[:200]}", True))


def _intervals(
    places: dict[str, tuple[str, float, float, str | None]], points: dict[str, list[_Point]]
) -> list[ControlInterval]:
    out = []
    for pid, pts in points.items():
        name, lat, lon, gov = places[pid]
        pts = sorted(pts, key=lambda p: p.day)
        merged: list[_Point] = []
        for p in pts:  # same day twice: the later row wins; same controller twice: one interval
            if merged and merged[-1].day == p.day:
                merged[-1] = p
            elif merged and merged[-1].controller == p.controller:
                merged[-1].sources.extend(s for s in p.sources if s not in merged[-1].sources)
            else:
                merged.append(p)
        for p, nxt in zip(merged, [*merged[1:], None], strict=True):
            out.append(
                ControlInterval(
                    pid,
                    name,
                    lat,
                    lon,
                    gov,
                    p.controller,
                    p.day,
                    nxt.day if nxt else None,
                    round(p.confidence, 2),
                    tuple(p.sources),
                    p.note,
                )
            )
    return out
