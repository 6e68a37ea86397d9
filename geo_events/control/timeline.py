"""Who controls which place over time: intervals, updates from reports, queries.

Control is kept as intervals per place (``valid_from`` inclusive, ``valid_to``
exclusive, ``None`` for still valid). The embedded timeline
(``geo_events/data/control_timeline.csv``) gives a baseline for 394 places
from January 2014 with every capture and recapture to the end of 2017;
``ControlTimeline.update`` weighs territory events against it as evidence.
A report that agrees with the timeline corroborates it; one that contradicts
it makes the place ``contested`` for ``UNCONFIRMED_DAYS`` only, unless a report
from another article confirms it: changing the timeline takes more evidence
than corroborating it. ``ControlTimeline.log`` says what each report did.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from gazetteer.sources.base import Skipped
from geo_events.vocab import CONTROLLERS, TERRITORY

__all__ = [
    "CONTROLLERS",
    "ControlInterval",
    "ControlChange",
    "ControlUpdate",
    "ControlTimeline",
    "START",
    "END",
    "PERIOD",
    "UNCONFIRMED_DAYS",
    "UPDATE_ACTIONS",
]

START = date(2014, 1, 1)
END = date(2017, 12, 31)
#: The period maps cover unless told otherwise: from the fall of Mosul to the end of 2017.
PERIOD = (date(2014, 6, 1), END)
#: A report that contradicts the timeline (or one of part of a place taken from its holder) makes the place
#: contested for this many days, or until the timeline's next change, unless a report from another article
#: confirms the new controller meanwhile; each further such report there extends it (the fighting goes on).
UNCONFIRMED_DAYS = 30
#: What a report did to a place's control (``ControlUpdate.action``).
UPDATE_ACTIONS = ("corroborated", "contested", "changed", "added")
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


@dataclass(frozen=True)
class ControlUpdate:
    """What reports did to one place's control: an entry of ``ControlTimeline.log``.

    Attributes
    ----------
    action : str
        One of ``UPDATE_ACTIONS``: ``corroborated`` (the report agrees with the timeline), ``contested`` (it
        contradicts it: contested from ``start`` to ``end``, then ``before`` again), ``changed`` (a report from
        another article confirmed it: ``after`` from ``start``), ``added`` (a place the timeline did not have).
    before, after : str
        The controller before and after the update (``contested`` for a contested window).
    start, end : date
        When the update takes effect, and until when (None: until the timeline's next change).
    reports : tuple of str
        The ids of the events behind it.

    Examples
    --------
    >>> u = ControlUpdate("x:1", "Hit", "contested", "government", "contested", date(2016, 5, 1), date(2016, 5, 31))
    >>> u.to_dict()["end"]
    '2016-05-31'
    """

    place_id: str
    name: str
    action: str
    before: str
    after: str
    start: date
    end: date | None = None
    reports: tuple[str, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record: ISO dates, reports joined by ``; ``."""
        d = asdict(self)
        d["start"] = self.start.isoformat()
        d["end"] = self.end.isoformat() if self.end else None
        d["reports"] = "; ".join(self.reports)
        return d


@dataclass(eq=False)
class _Point:
    """A change point while building intervals. A window (a place contested, or held as one report claims,
    for ``UNCONFIRMED_DAYS``) knows what its first report claimed (``claim``; None for a part of the place, or
    when reports disagree), which articles reported it (``docs``), whose the place was before it (``holder``,
    and that holder's point, ``before``), how many reports it heard (``reports``), and the point that ends it
    (``revert``)."""

    day: date
    controller: str
    confidence: float
    sources: list[str] = field(default_factory=list)
    note: str = ""
    claim: str | None = None
    docs: set[str] = field(default_factory=set)
    revert: _Point | None = None
    window: bool = False
    holder: str = "unknown"
    before: _Point | None = None
    reports: int = 1
    cited: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self.cited.update(self.sources)

    def cite(self, sources: Iterable[str]) -> None:
        """Add sources not yet cited (``cited`` beside the list: a window can hear thousands of reports)."""
        for s in sources:
            if s not in self.cited:
                self.cited.add(s)
                self.sources.append(s)

    @property
    def text(self) -> str:
        """The note of the interval: the first report's, and how many reports a window heard."""
        return f"conflicting reports ({self.reports}) | {self.note}" if self.reports > 1 else self.note


class ControlTimeline:
    """Control intervals of places, with queries by date and area.

    Parameters
    ----------
    intervals : iterable of ControlInterval
        Non-overlapping per place.
    skipped : sequence of Skipped, optional
        Events that could not be applied (``source`` is the event's id) and why; filled by ``update``.
    log : sequence of ControlUpdate, optional
        What the events applied did, place by place; filled by ``update``.

    Examples
    --------
    >>> tl = ControlTimeline.default()
    >>> tl.controller_of("geonames:99072", date(2015, 1, 1))  # Mosul
    'islamic_state'
    >>> tl.controller_of("geonames:99072", date(2017, 8, 1))
    'government'
    """

    def __init__(
        self,
        intervals: Iterable[ControlInterval],
        skipped: Sequence[Skipped] = (),
        log: Sequence[ControlUpdate] = (),
    ) -> None:
        by_place: dict[str, list[ControlInterval]] = defaultdict(list)
        for i in intervals:
            by_place[i.place_id].append(i)
        self._by_place = {k: sorted(v, key=lambda i: i.valid_from) for k, v in by_place.items()}
        self.skipped = list(skipped)
        self.log = list(log)

    # -- construction -------------------------------------------------------

    @classmethod
    @cache
    def default(cls) -> ControlTimeline:
        """The embedded timeline of 394 places, 2014-2017 (see ``geo_events/data/README.md``).

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
        """A new timeline with territory events weighed against this one.

        Only events with a ``control_to``, a date and an exact place
        (``geo_precision`` 1) count; others are listed in ``skipped`` with the
        reason. A report that agrees with the controller of its place at its
        date corroborates it (its source is added). One that contradicts it,
        or that tells of part of the place taken from its holder, makes the
        place ``contested`` for ``UNCONFIRMED_DAYS`` (or until the timeline's
        next change), and then the holder is back, unless a report from another
        article confirms the new controller meanwhile: then it holds the place
        from the first report on. ``log`` lists what each report did.

        Examples
        --------
        >>> from geo_events import Article, extract_events
        >>> one = extract_events([Article("a", "", "Militants seized Samarra on Monday.", date(2015, 3, 4))])
        >>> tl = ControlTimeline.default().update(one)
        >>> [tl.controller_of("geonames:91597", date(2015, m, 5)) for m in (3, 4)]
        ['contested', 'government']
        >>> two = extract_events([Article("b", "", "Samarra fell to the militants on Monday.", date(2015, 3, 10))])
        >>> tl = ControlTimeline.default().update(one + two)
        >>> [tl.controller_of("geonames:91597", date(2015, m, 5)) for m in (3, 4)]
        ['islamic_state', 'islamic_state']
        >>> [u.action for u in tl.log]
        ['changed']
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
        updates: dict[str, list[ControlUpdate]] = defaultdict(list)
        for e in sorted(usable, key=lambda e: (e.event_date, e.event_id)):
            pid = e.place_id
            if pid not in places:
                places[pid] = (e.location, e.latitude, e.longitude, e.iso_3166_2)
                points[pid] = [_Point(START, "unknown", 0.0, [], "not in the timeline before this report")]
            _apply(points[pid], e, updates[pid])
        log = [u for pid in places for u in updates.get(pid, ())]
        return ControlTimeline(_intervals(places, points), skipped, [*self.log, *log])


def _apply(points: list[_Point], e: Any, log: list[ControlUpdate]) -> None:
    """Weigh one report against a place's change points (``update``), and say what it did in ``log``."""
    day, claim, part = e.event_date, e.control_to, getattr(e, "extent", "whole") == "part"
    doc = getattr(e, "doc_id", "") or e.event_id
    sources = [*e.sources, f"event:{e.event_id}"]
    note = f"{e.sub_event_type}: {e.sentence[:200]}"
    current = _current(points, day)
    held = current.controller if current else "unknown"

    def entry(action: str, before: str, after: str, start: date, end: date | None, ids: Iterable[str]) -> None:
        log.append(ControlUpdate(e.place_id, e.location, action, before, after, start, end, tuple(ids), note))

    if current is not None and current.window and not part and claim == current.claim and doc not in current.docs:
        # another article confirms what the window's first report claimed: the change stands from it
        if current.revert is not None:
            points.remove(current.revert)
        ids = [s[6:] for s in current.sources if s.startswith("event:")]
        log[:] = [u for u in log if not (u.action in WINDOW_ACTIONS and u.start >= current.day)]
        current.controller, current.window, current.revert = claim, False, None
        current.confidence = max(current.confidence, e.confidence)
        current.cite(sources)
        current.note = f"confirmed by another report: {current.note}"
        entry("changed", current.holder, claim, current.day, _next_day(points, current.day), [*ids, e.event_id])
    elif current is not None and held == claim:  # agrees, a part taken by the holder too (fighting it won)
        current.cite(sources)
        current.confidence = min(0.99, current.confidence + 0.05)
        entry("corroborated", held, held, day, None, [e.event_id])
    elif current is not None and current.window and claim == current.holder:
        # a report that the holder holds the place: evidence against the window's claim, not for a longer window
        current.cite(sources)
        current.reports += 1
        entry("corroborated", current.holder, held, day, current.revert.day if current.revert else None, [e.event_id])
    elif current is not None and current.window:  # reports go on contradicting the timeline: the fighting goes on
        current.docs.add(doc)
        current.cite(sources)
        current.reports += 1
        if current.claim != claim or part:
            current.claim = None  # two claims: neither can be confirmed alone any more
            current.controller = "contested"
        end = _extend(points, current, day + timedelta(days=UNCONFIRMED_DAYS))
        entry("contested", current.holder, current.controller, day, end, [e.event_id])
    else:  # contradicts the timeline, or tells of a place it does not know: for a while, unless confirmed
        after = "contested" if part or held != "unknown" else claim
        window = _Point(day, after, 0.5 if after == "contested" else e.confidence, list(sources), note,
                        None if part else claim, {doc}, None, True, held, current)  # fmt: skip
        points.append(window)
        end = _extend(points, window, day + timedelta(days=UNCONFIRMED_DAYS))
        entry("contested" if held != "unknown" else "added", held, after, day, end, [e.event_id])


#: The log's actions that a window's confirmation replaces.
WINDOW_ACTIONS = ("contested", "added")


def _current(points: list[_Point], day: date) -> _Point | None:
    """The change point in force at a day: the latest before or on it, of one day's the last added."""
    found = [(p.day, i, p) for i, p in enumerate(points) if p.day <= day]
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


def _next_day(points: list[_Point], after: date) -> date | None:
    """The first change point after a day, if any."""
    return min((p.day for p in points if p.day > after), default=None)


def _extend(points: list[_Point], window: _Point, end: date) -> date | None:
    """End a window at ``end`` by a point giving the place back to its holder, unless the timeline changes
    before (then its own change ends it). Returns when the window ends."""
    if window.revert is not None:
        points.remove(window.revert)
        window.revert = None
    nxt = _next_day(points, window.day)
    if nxt is not None and nxt <= end:
        return nxt
    held = window.before
    back = _Point(end, window.holder, held.confidence if held else 0.0, list(held.sources) if held else [])
    back.note = "no other report confirmed the change: the timeline's controller again"
    points.append(back)
    window.revert = back
    return end


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
                merged.pop()
            if merged and merged[-1].controller == p.controller:
                merged[-1].cite(p.sources)
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
                    p.text,
                )
            )
    return out
