"""The control map: places coloured by controller, areas of control, front lines, a time slider."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import folium

from geo_events.control import CONTROLLERS, PERIOD, ControlInterval, ControlTimeline, control_layers
from geo_events.render.base import add_app, escape, map_label, new_map
from geo_events.render.palette import AREA_OPACITY, CONTROLLER_COLORS, CONTROLLER_LABELS

__all__ = ["control_map", "month_starts", "PERIOD"]


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from ``start`` to ``end``, and ``end`` itself.

    Examples
    --------
    >>> [d.isoformat() for d in month_starts(date(2016, 10, 17), date(2017, 1, 10))]
    ['2016-10-17', '2016-11-01', '2016-12-01', '2017-01-01', '2017-01-10']
    """
    days = [start]
    y, m = start.year, start.month
    while True:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        d = date(y, m, 1)
        if d > end:
            break
        days.append(d)
    if days[-1] != end:
        days.append(end)
    return days


def control_map(
    timeline: ControlTimeline | None = None,
    start: date | None = None,
    end: date | None = None,
    offline: bool = False,
    title: str = "Control of places in Iraq",
    credit: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> folium.Map:
    """A control map with a monthly time slider from ``start`` to ``end``.

    Parameters
    ----------
    timeline : ControlTimeline, optional
        The embedded timeline by default.
    start, end : date, optional
        The period the slider covers; ``PERIOD`` by default.
    offline : bool
        No tile layer (governorate outlines are the basemap).
    title : str
        Shown on the map (escaped).
    credit : str
        A credit line (author, organisation) shown with the data's attribution (escaped).
    progress : callable, optional
        Told ``(months done, months)`` as the areas of each month are drawn.

    Examples
    --------
    >>> m = control_map(start=date(2016, 10, 1), end=date(2017, 7, 31), offline=True)
    >>> 'geoEvents.start("controlMap"' in m.get_root().render()
    True
    """
    timeline = timeline or ControlTimeline.default()
    start, end = start or PERIOD[0], end or PERIOD[1]
    if end < start:
        start, end = end, start
    days = month_starts(start, end)
    places = _places(timeline)
    snapshots = {}
    for k, d in enumerate(days, 1):
        snapshots[d.isoformat()] = control_layers(timeline, d)
        if progress is not None:
            progress(k, len(days))
    changes = timeline.changes(start, end)
    data = {
        "title": escape(title),
        "subtitle": escape(
            f"{start.isoformat()} to {end.isoformat()} · {len(places)} places · {len(changes)} changes of control"
        ),
        "dates": [d.isoformat() for d in days],
        "start": 0,
        "controllers": list(CONTROLLERS),
        "palette": CONTROLLER_COLORS,
        "opacity": AREA_OPACITY,
        "labels": CONTROLLER_LABELS,
        "legend": _legend(),
        "places": places,
        "snapshots": snapshots,
    }
    m = new_map(offline)
    add_app(
        m,
        "controlMap",
        data,
        {"areas": "Areas of control", "lines": "Front lines", "changes": "Changes", "places": "Places"},
        credit,
        offline,
    )
    return m


def _legend() -> list[dict[str, Any]]:
    """A swatch per controller, then the two kinds of line and the mark of a place that changed hands."""
    return [{"color": CONTROLLER_COLORS[c], "label": CONTROLLER_LABELS[c]} for c in CONTROLLERS] + [
        {"color": "#c00", "label": "Front line with the Islamic State", "line": True},
        {"color": "#555", "label": "Other line of control", "line": True},
        {"color": "#fff", "stroke": "#0072B2", "label": "Changed hands this month"},
    ]


#: The zoom from which a place's name is shown: governorate seats, then cities (``map_label``).
LABEL_ZOOMS = (6, 8)


#: A name's box on the map, in pixels: to the right of its point, this wide a character and this high.
LABEL_CHAR_PX = 7.5
LABEL_HEIGHT_PX = 16
_MAX_ZOOM = 18


def _label_zooms(intervals: list[ControlInterval]) -> dict[str, int]:
    """The zoom from which each place is named: ``LABEL_ZOOMS`` of its rank (``map_label``: governorate seats,
    then cities), or later while its name would cover one printed before it (seats, then the larger cities
    first); places maps do not name are left out.

    Examples
    --------
    >>> tl = ControlTimeline.default()
    >>> zooms = _label_zooms([v[0] for v in tl.histories.values()])
    >>> zooms["geonames:99072"], "curated:no-such-place" in zooms  # Mosul, a seat: from the first zoom
    (6, False)
    """
    labelled = [(label, i) for i in intervals if (label := map_label(i.place_id)) is not None]
    found = sorted(labelled, key=lambda pair: (pair[0][0], -pair[0][1], pair[1].name))
    placed: list[tuple[ControlInterval, int]] = []
    zooms: dict[str, int] = {}
    for (rank, _), i in found:
        zoom = LABEL_ZOOMS[rank]
        while zoom <= _MAX_ZOOM and any(_covers(i, other, max(zoom, z)) for other, z in placed):
            zoom += 1  # names part as one zooms in: the first zoom where it covers none is its zoom
        if zoom <= _MAX_ZOOM:
            placed.append((i, zoom))
            zooms[i.place_id] = zoom
    return zooms


def _covers(a: ControlInterval, b: ControlInterval, zoom: int) -> bool:
    """Whether the names of two places overlap at ``zoom`` (Web Mercator pixels, the name right of its point)."""
    (ax, ay), (bx, by) = _pixel(a.lon, a.lat, zoom), _pixel(b.lon, b.lat, zoom)
    a_end, b_end = ax + LABEL_CHAR_PX * len(a.name), bx + LABEL_CHAR_PX * len(b.name)
    return abs(ay - by) < LABEL_HEIGHT_PX and ax < b_end and bx < a_end


def _pixel(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    scale = 256 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def _places(timeline: ControlTimeline) -> list[dict[str, Any]]:
    """Every place of the timeline by name, with its intervals: from, to (None: still), controller, note;
    and the zoom from which it is named (``_label_zooms``)."""
    index = {c: i for i, c in enumerate(CONTROLLERS)}
    histories = sorted(timeline.histories.values(), key=lambda v: v[0].name)
    zooms = _label_zooms([v[0] for v in histories])
    places = []
    for intervals in histories:
        first = intervals[0]
        places.append(
            {
                "n": escape(first.name),
                "g": escape(first.governorate or ""),
                "z": zooms.get(first.place_id),
                "lat": round(first.lat, 5),
                "lon": round(first.lon, 5),
                "iv": [
                    [
                        i.valid_from.isoformat(),
                        i.valid_to.isoformat() if i.valid_to else None,
                        index.get(i.controller, index["unknown"]),
                        escape(i.note),
                    ]
                    for i in intervals
                ],
            }
        )
    return places
