"""The event map: points coloured by type and sized by fatalities, clustered by Leaflet.markercluster (its
clusters drawn as pies of their types, spiderfied at the highest zoom), with a date-range and an event-type
filter, and a density layer of events per grid cell for large corpora."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import folium

from geo_events.render.base import add_app, escape, new_map
from geo_events.render.palette import EVENT_TYPE_COLORS, SEQUENTIAL

if TYPE_CHECKING:
    from geo_events.event import Event

__all__ = ["events_map", "in_period", "density"]

#: Markers within this many pixels of each other are clustered (Leaflet.markercluster's maxClusterRadius).
CLUSTER_PX = 50
MAX_SENTENCE = 300
#: The density layer's grid cell (degrees, about 11 km), and the number of events from which the layer is shown
#: first (the markers stay one click away in the layer control).
DENSITY_DEG = 0.1
DENSITY_FROM = 20_000


def events_map(
    events: Sequence[Event],
    start: date | None = None,
    end: date | None = None,
    offline: bool = False,
    title: str = "Conflict events in Iraq",
    credit: str = "",
) -> folium.Map:
    """A point map of events with popups (date, type, place, actors, fatalities, evidence, source).

    Events outside ``start``..``end`` are left out; undated events are left out
    when a range is given, and the subtitle says how many.

    Examples
    --------
    >>> from geo_events import Article, extract_events
    >>> text = "Clashes erupted in Ramadi <script>x()</script> today."
    >>> ev = extract_events([Article("d", "", text, date(2016, 4, 1))])
    >>> html = events_map(ev, offline=True).get_root().render()
    >>> "<script>x()" in html, "\\\\u0026lt;script\\\\u0026gt;x()" in html  # HTML-escaped, then JSON-escaped
    (False, True)
    """
    shown, undated = in_period(events, start, end)
    text = _Strings()
    types = list(EVENT_TYPE_COLORS)
    rows = [_row(e, types, text) for e in shown]
    data = {
        "title": escape(title),
        "subtitle": escape(_subtitle(rows, start, end, undated)),
        "events": rows,
        "text": text.values,
        "colors": [EVENT_TYPE_COLORS[k] for k in types],
        "types": [escape(k) for k in types],
        "legend": [{"color": EVENT_TYPE_COLORS[k], "label": k} for k in types],
        "cluster": CLUSTER_PX,
        "density": density(shown),
        "densityCell": DENSITY_DEG,
        "densityFirst": len(rows) >= DENSITY_FROM,
        "classes": SEQUENTIAL,
    }
    m = new_map(offline)
    layers = {"events": "Events", "density": "Density (events per 11 km cell)"}
    add_app(m, "eventsMap", data, layers, credit, offline)
    return m


def density(events: Iterable[Event], cell: float = DENSITY_DEG) -> list[list[float]]:
    """Events counted per grid cell: ``[south, west, count]`` of every cell that has any, south-west first.

    Examples
    --------
    >>> from geo_events import Article, extract_events
    >>> ev = extract_events([Article("d", "", "Clashes in Ramadi killed 4. A bomb in Hit killed 2.", date(2016, 4, 1))])
    >>> [c[2] for c in density(ev)]
    [1, 1]
    """
    counts: dict[tuple[int, int], int] = {}
    for e in events:
        key = (math.floor(e.latitude / cell), math.floor(e.longitude / cell))
        counts[key] = counts.get(key, 0) + 1
    return [[round(i * cell, 4), round(j * cell, 4), n] for (i, j), n in sorted(counts.items())]


def in_period(events: Iterable[Event], start: date | None, end: date | None) -> tuple[list[Event], int]:
    """The events from ``start`` to ``end``, and how many were left out for having no date (with a period).

    Examples
    --------
    >>> in_period([], date(2016, 1, 1), None)
    ([], 0)
    """
    shown, undated = [], 0
    for e in events:
        if e.event_date is None:
            if start or end:
                undated += 1
                continue
        elif (start and e.event_date < start) or (end and e.event_date > end):
            continue
        shown.append(e)
    return shown, undated


class _Strings:
    """The page's strings, escaped, each once: a popup's row holds indexes (places and actors repeat)."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: object) -> int:
        s = escape(value)
        if s not in self._index:
            self._index[s] = len(self.values)
            self.values.append(s)
        return self._index[s]


def _row(e: Event, types: list[str], text: _Strings) -> list[Any]:
    """One event as the page's script reads it: point, type, fatalities (-1: unknown), date, then text indexes."""
    actors = " vs ".join(a for a in (e.actor1 or e.side1, e.actor2 or e.side2) if a) or "unknown"
    sentence = e.sentence if len(e.sentence) <= MAX_SENTENCE else e.sentence[:MAX_SENTENCE] + "…"
    return [
        round(e.latitude, 5),
        round(e.longitude, 5),
        types.index(e.event_type) if e.event_type in types else 0,
        -1 if e.fatalities is None else int(e.fatalities),
        e.event_date.isoformat() if e.event_date else "undated",
        text(e.sub_event_type),
        text(e.location),
        text(e.admin1 or ""),
        text(actors),
        text(sentence),
        text("; ".join(e.sources)),
    ]


def _subtitle(rows: list[list[Any]], start: date | None, end: date | None, undated: int) -> str:
    """The period shown (the events' own when none is given), the number of events, and what is missing."""
    dates = sorted(r[4] for r in rows if r[4] != "undated")
    period = f"{dates[0]} to {dates[-1]}" if dates else "no dated events"
    if start or end:
        period = f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"
    subtitle = f"{period} · {len(rows)} events"
    if not rows:
        subtitle += " · no events in this period"
    if undated:
        subtitle += f" · {undated} undated events not shown"
    return subtitle
