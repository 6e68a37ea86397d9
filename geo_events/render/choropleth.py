"""Choropleths by governorate or district: events, fatalities, or the share held by a side, month by month."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import folium
import numpy as np
import shapely
from shapely.geometry import mapping

from gazetteer import AdminAreas
from geo_events.control import ControlTimeline
from geo_events.errors import ArgumentError
from geo_events.render.base import add_app, escape, new_map
from geo_events.render.control import PERIOD, month_starts
from geo_events.render.palette import CONTROLLER_LABELS, EMPTY, SEQUENTIAL

__all__ = ["choropleth_map", "area_values", "METRICS"]

METRICS = ("events", "fatalities", "held:islamic_state", "held:government", "held:kurdish")


def _months(start: date, end: date) -> list[date]:
    return [d for d in month_starts(date(start.year, start.month, 1), end) if d.day == 1]


def area_values(
    events: Sequence, metric: str, areas: AdminAreas, months: list[date], timeline: ControlTimeline | None = None
) -> dict[str, list[float]]:
    """Value of a metric per area code per month.

    ``events`` and ``fatalities`` count events dated in the month; ``held:SIDE``
    is the share of the timeline's places in the area that SIDE holds on the
    15th of the month.

    Examples
    --------
    >>> from geo_events.control import ControlTimeline
    >>> v = area_values([], "held:islamic_state", AdminAreas.default(), [date(2015, 6, 1)], ControlTimeline.default())
    >>> v["IQ-AN"][0] > 0.5
    True
    """
    values: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(months))
    index = {(m.year, m.month): k for k, m in enumerate(months)}
    governorates = areas is AdminAreas.default()
    if metric.startswith("held:"):
        side = metric.split(":", 1)[1]
        timeline = timeline or ControlTimeline.default()
        boundaries = None if governorates else areas
        for k, m in enumerate(months):
            for row in timeline.shares(date(m.year, m.month, 15), boundaries):
                values[row["code"]][k] = round(100 * row[f"share_{side}"], 1)
        return dict(values)
    dated = [e for e in events if e.event_date is not None and (e.event_date.year, e.event_date.month) in index]
    if governorates:
        codes = [e.iso_3166_2 for e in dated]
    else:
        found = areas.locate_many([e.longitude for e in dated], [e.latitude for e in dated], tolerance=0.05)
        codes = [a.code if a else None for a in found]
    for e, code in zip(dated, codes, strict=True):
        if code:
            k = index[(e.event_date.year, e.event_date.month)]
            values[code][k] += 1 if metric == "events" else (e.fatalities or 0)
    return dict(values)


def _classify(values: dict[str, list[float]], k: int = 5) -> tuple[list[float], list[str]]:
    positive = np.array([v for row in values.values() for v in row if v > 0], dtype=float)
    if not len(positive):
        return [], []
    k = min(k, len(np.unique(positive)))
    if k < 2:
        top = float(positive.max())
        return [top], [f"{top:g}"]
    import mapclassify  # imports scipy: only when a choropleth is drawn

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed": the pure Python path is fast enough here
        scheme = mapclassify.FisherJenks(positive, k=k)
    bins = [float(b) for b in scheme.bins]
    labels, low = [], float(positive.min())
    for b in bins:
        labels.append(f"{low:g}–{b:g}" if low != b else f"{b:g}")
        low = b
    return bins, labels


def choropleth_map(
    events: Sequence = (),
    metric: str = "events",
    boundaries: AdminAreas | None = None,
    start: date | None = None,
    end: date | None = None,
    offline: bool = False,
    timeline: ControlTimeline | None = None,
    title: str | None = None,
    credit: str = "",
) -> folium.Map:
    """A choropleth with a monthly slider, a legend and Fisher-Jenks classes.

    Parameters
    ----------
    events : sequence of Event
    metric : str
        One of ``METRICS``.
    boundaries : AdminAreas, optional
        Districts (e.g. OCHA COD-AB); governorates by default.
    start, end : date, optional
        The months shown; ``PERIOD`` by default.
    offline : bool
    timeline : ControlTimeline, optional
        For ``held:`` metrics; the embedded timeline by default.
    title : str, optional
        The heading; the metric and the level by default.
    credit : str
        A credit line shown with the data's attribution.

    Raises
    ------
    ArgumentError
        For an unknown metric (a ``ValueError``).

    Examples
    --------
    >>> m = choropleth_map(metric="held:islamic_state", start=date(2015, 1, 1), end=date(2015, 3, 1), offline=True)
    >>> 'geoEvents.start("choropleth"' in m.get_root().render()
    True
    """
    if metric not in METRICS:
        raise ArgumentError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    areas = boundaries or AdminAreas.default()
    start, end = start or PERIOD[0], end or PERIOD[1]
    months = _months(start, end)
    values = area_values(events, metric, areas, months, timeline)
    name = _metric_name(metric)
    level = "area" if boundaries else "governorate"
    empty = sum(sum(row) for row in values.values()) == 0
    subtitle = f"{start.isoformat()} to {end.isoformat()} · by {level} · per month"
    data = {
        "title": escape(title or f"{name} by {level}"),
        "subtitle": escape(subtitle + (" · no data in this period" if empty else "")),
        "metric": escape(name),
        "periods": [m.strftime("%Y-%m") for m in months],
        "start": 0,
        "values": {code: [round(v, 1) for v in row] for code, row in values.items()},
        **_legend(values),
        "empty": EMPTY,
        "emptyLabel": "none" if not empty else "no data in this period",
        "areas": _outlines(areas),
    }
    m = new_map(offline)
    add_app(m, "choropleth", data, {"areas": escape(f"{name} by {level}")}, credit, offline)
    return m


def _metric_name(metric: str) -> str:
    """What the legend calls a metric."""
    return {"events": "Events", "fatalities": "Fatalities"}.get(metric) or (
        f"% of places held by {CONTROLLER_LABELS[metric.split(':')[1]]}"
    )


def _legend(values: dict[str, list[float]]) -> dict[str, Any]:
    """The classes: of each value (the index of its bin, -1 for nothing counted or held), their labels and colours."""
    bins, labels = _classify(values)
    classes = {
        code: [(-1 if v <= 0 else int(np.searchsorted(bins, v, side="left"))) for v in row]
        for code, row in values.items()
    }
    return {"classes": classes, "bins": labels, "colors": SEQUENTIAL[: len(labels)] if len(labels) < 5 else SEQUENTIAL}


def _outlines(areas: AdminAreas) -> dict[str, Any]:
    """The areas as a FeatureCollection, simplified (about 500 m) and rounded to 4 decimals: a light page."""
    features = [
        {
            "type": "Feature",
            "geometry": mapping(shapely.set_precision(a.geometry.simplify(0.005), 1e-4)),
            "properties": {"code": a.code, "name": escape(a.name)},
        }
        for a in areas
    ]
    return {"type": "FeatureCollection", "features": features}
