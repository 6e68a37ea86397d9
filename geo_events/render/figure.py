"""Static maps for print and publication: PNG, SVG or PDF, drawn with matplotlib and shapely.

A control map at one date (areas of control, front lines, places, the names of
the larger towns) or an event map of a period, over the governorates as a
basemap, with a title, a legend, a scale bar and a credit line that cites the
data. Matplotlib is driven through its object API (``Figure``), never
``pyplot``: no backend is switched, no window opens, a notebook's own backend
is left alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_events.control import CONTROLLERS, ControlTimeline, areas_of_control, front_lines
from geo_events.errors import UnknownFormatError
from geo_events.io import replacing
from geo_events.render.base import ATTRIBUTION, RIVER_COLOR, governorate_outlines, map_label, river_lines
from geo_events.render.palette import AREA_OPACITY, CONTROLLER_COLORS, CONTROLLER_LABELS, EVENT_TYPE_COLORS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from geo_events.event import Event

__all__ = ["FIGURE_FORMATS", "ATTRIBUTION", "control_figure", "events_figure", "save_figure"]

#: The static formats, by extension.
FIGURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: The map's frame (lon, lat): Iraq and a margin.
EXTENT = (38.6, 48.8, 28.9, 37.5)
#: No two names on a static map nearer than this (degrees).
LABEL_GAP_DEG = 0.35
DPI = 200


def control_figure(
    timeline: ControlTimeline | None = None,
    day: date | None = None,
    title: str | None = None,
    credit: str = "",
) -> Figure:
    """A static control map at ``day``: areas of control, front lines, places, the larger towns' names.

    Parameters
    ----------
    timeline : ControlTimeline, optional
        The embedded timeline by default.
    day : date, optional
        The date shown; the end of the embedded period (2017-12-31) by default.
    title : str, optional
        The heading; "Control of places in Iraq, DATE" by default.
    credit : str
        A credit line (author, organisation), printed above the data's attribution.

    Examples
    --------
    >>> fig = control_figure(day=date(2016, 10, 17))
    >>> fig.axes[0].get_title(loc="left"), fig.axes[0].get_title(loc="right")
    ('Control of places in Iraq', '17 October 2016')
    """
    from geo_events.control import END

    timeline = timeline or ControlTimeline.default()
    day = day or END
    held = timeline.at(day)
    fig, ax = _frame(title or "Control of places in Iraq", credit, _long_date(day))
    for area in areas_of_control(held):
        _fill(ax, area.geometry, CONTROLLER_COLORS[area.controller], AREA_OPACITY[area.controller])
    for line in front_lines(held):
        opposing = line.opposing
        _stroke(ax, line.geometry, "#c00000" if opposing else "#555555", 2.0 if opposing else 1.0, not opposing)
    by_controller: dict[str, list[tuple[float, float]]] = {}
    for i in held:
        by_controller.setdefault(i.controller, []).append((i.lon, i.lat))
    for controller in CONTROLLERS:
        points = by_controller.get(controller, [])
        if points:
            xs, ys = zip(*points, strict=True)
            ax.scatter(xs, ys, s=9, c=CONTROLLER_COLORS[controller], edgecolors="#222222", linewidths=0.3, zorder=4)
    _labels(ax, [(i.place_id, i.name, i.lon, i.lat) for i in held])
    handles = [_patch(CONTROLLER_COLORS[c], CONTROLLER_LABELS[c]) for c in CONTROLLERS if c in by_controller]
    handles += [_line("#c00000", 2.0, "Front line with the Islamic State"), _line("#555555", 1.0, "Other line", True)]
    counts = Counter(i.controller for i in held)
    summary = ", ".join(f"{CONTROLLER_LABELS[c]} {counts[c]}" for c in CONTROLLERS if counts[c])
    ax.legend(handles=handles, loc="lower left", fontsize=7, title=f"{len(held)} places: {summary}",
              title_fontsize=6, framealpha=0.9)  # fmt: skip
    return fig


def events_figure(
    events: Sequence[Event],
    start: date | None = None,
    end: date | None = None,
    title: str | None = None,
    credit: str = "",
) -> Figure:
    """A static map of events from ``start`` to ``end``: points by type, sized by fatalities.

    Examples
    --------
    >>> from geo_events import Article, extract_events
    >>> ev = extract_events([Article("d", "", "Clashes in Ramadi killed 4 soldiers.", date(2016, 4, 1))])
    >>> events_figure(ev).axes[0].get_title(loc="right")
    '1 April 2016'
    """
    from geo_events.render.events import in_period

    shown = [e for e in in_period(events, start, end)[0] if e.event_date is not None]
    days = sorted(e.event_date for e in shown if e.event_date is not None)
    period = _period(days[0], days[-1]) if days else "no dated events"
    fig, ax = _frame(title or "Conflict events in Iraq", credit, period)
    handles = []
    for kind, color in EVENT_TYPE_COLORS.items():
        of_kind = [e for e in shown if e.event_type == kind]
        if not of_kind:
            continue
        sizes = [6 + 4 * math.sqrt(e.fatalities or 0) for e in of_kind]
        ax.scatter([e.longitude for e in of_kind], [e.latitude for e in of_kind], s=sizes, c=color, alpha=0.7,
                   edgecolors="#222222", linewidths=0.2, zorder=4)  # fmt: skip
        handles.append(_patch(color, f"{kind} ({len(of_kind):,})"))
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=7, title="Event type (size: fatalities)",
                  title_fontsize=7, framealpha=0.9)  # fmt: skip
    return fig


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write a figure as PNG, SVG or PDF (by the extension), atomically; return the path.

    Raises
    ------
    UnknownFormatError
        For another extension (a ``ValueError`` too).
    """
    path = Path(path)
    fmt = FIGURE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnknownFormatError(f"{path}: not a static map format; use .png, .svg or .pdf (or .html)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        fig.savefig(tmp, format=fmt, dpi=DPI, metadata=_metadata(fmt, fig))
    return path


def _frame(title: str, credit: str, when: str) -> tuple[Figure, Axes]:
    """A figure with the governorates drawn, the frame set, the title and the date (``when``) above the map,
    the scale bar and the credit line."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 7.6), layout="constrained")
    ax = fig.add_subplot()
    west, east, south, north = EXTENT
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))  # degrees of longitude shrink northwards
    ax.set_facecolor("#dfe9f2")  # beyond the border: neighbouring countries, left blank
    ax.tick_params(labelsize=6)
    from shapely.geometry import shape

    for feature in governorate_outlines()["features"]:
        geometry = shape(feature["geometry"])
        _fill(ax, geometry, "#fbfbf8", 1.0, edge="#8a8a8a", zorder=1)
        point = geometry.representative_point()
        ax.annotate(feature["properties"]["name"], (point.x, point.y), fontsize=5.5, color="#777777", parse_math=False,
                    ha="center", va="center", style="italic", zorder=2)  # fmt: skip
    for feature in river_lines()["features"]:  # above the areas, below the front lines
        for line in getattr(shape(feature["geometry"]), "geoms", [shape(feature["geometry"])]):
            ax.plot(*line.xy, color=RIVER_COLOR, linewidth=0.9, alpha=0.9, zorder=3.2)
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", parse_math=False)  # "$5" is no formula
    ax.set_title(when, loc="right", fontsize=12)
    _scale_bar(ax)
    footer = "\n".join(t for t in (credit.strip(), ATTRIBUTION) if t)
    fig.supxlabel(
        footer, x=0.01, ha="left", fontsize=5.5, color="#444444", parse_math=False
    )  # below the map, in the layout
    return fig, ax


def _scale_bar(ax: Axes, km: int = 100) -> None:
    """A bar of ``km`` kilometres in the lower right corner, measured along its latitude."""
    west, east, south, north = EXTENT
    lat = south + 0.06 * (north - south)
    length = km / (111.32 * math.cos(math.radians(lat)))
    x1 = east - 0.04 * (east - west)
    ax.plot([x1 - length, x1], [lat, lat], color="#222222", linewidth=2.5, solid_capstyle="butt", zorder=5)
    ax.annotate(f"{km} km", (x1 - length / 2, lat), xytext=(0, 4), textcoords="offset points", ha="center",
                fontsize=7, zorder=5)  # fmt: skip


def _labels(ax: Axes, places: list[tuple[str, str, float, float]]) -> None:
    """The names of the places maps name (``map_label``: governorate seats, then large cities), the larger first,
    each at least ``LABEL_GAP_DEG`` from the names already printed."""
    found = []
    for place_id, name, lon, lat in places:
        label = map_label(place_id)
        if label is not None:
            found.append((label[0], -label[1], name, lon, lat))
    printed: list[tuple[float, float]] = []
    for _, _, name, lon, lat in sorted(found):
        if all(math.hypot(lon - x, lat - y) >= LABEL_GAP_DEG for x, y in printed):
            printed.append((lon, lat))
            box = {"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7}
            ax.annotate(name, (lon, lat), xytext=(3, 2), textcoords="offset points", fontsize=6.5, zorder=6,
                        parse_math=False, bbox=box)  # fmt: skip


def _fill(ax: Axes, geometry: Any, color: str, alpha: float, edge: str = "none", zorder: int = 3) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        rings = [polygon.exterior, *polygon.interiors]
        vertices = [xy for ring in rings for xy in ring.coords]
        codes = [c for ring in rings for c in [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring.coords) - 1)]
        patch = PathPatch(MplPath(vertices, codes), facecolor=color, edgecolor=edge, linewidth=0.5, alpha=alpha)
        patch.set_zorder(zorder)
        ax.add_patch(patch)


def _stroke(ax: Axes, geometry: Any, color: str, width: float, dashed: bool) -> None:
    for line in getattr(geometry, "geoms", [geometry]):
        if line.geom_type == "LineString":
            xs, ys = line.xy
            ax.plot(xs, ys, color=color, linewidth=width, linestyle="--" if dashed else "-", zorder=3.5)


def _patch(color: str, label: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=color, edgecolor="#222222", linewidth=0.4, label=label)


def _line(color: str, width: float, label: str, dashed: bool = False) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([0], [0], color=color, linewidth=width, linestyle="--" if dashed else "-", label=label)


#: Month names in English whatever the locale (``strftime("%B")`` follows a notebook's ``setlocale``).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def _long_date(day: date) -> str:
    """*17 October 2016*."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _period(first: date, last: date) -> str:
    return _long_date(first) if first == last else f"{_long_date(first)} to {_long_date(last)}"


def _metadata(fmt: str, fig: Figure) -> dict[str, str]:
    """The file's own metadata: the title, and the data's attribution as its description or subject."""
    title = " · ".join(fig.axes[0].get_title(loc=side) for side in ("left", "right")) if fig.axes else ""
    if fmt == "png":
        return {"Title": title, "Description": ATTRIBUTION, "Software": "geo-events"}
    if fmt == "pdf":
        return {"Title": title, "Subject": ATTRIBUTION, "Creator": "geo-events"}
    return {"Title": title, "Description": ATTRIBUTION}
