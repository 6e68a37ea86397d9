"""Areas of control and front lines at a date, derived from places' controllers.

Each place gets the part of Iraq nearer to it than to any other place (a
Voronoi cell), cut to Iraq's outline and to a radius around the place, so
that empty desert is nobody's. Cells are dissolved by controller into areas;
a front line is the border between cells of different sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from gazetteer import AdminAreas
from geo_events.control.timeline import CONTROLLERS, ControlInterval, ControlTimeline

__all__ = [
    "Area",
    "FrontLine",
    "areas_of_control",
    "front_lines",
    "control_layers",
    "RADIUS_DEG",
    "AREA_CONTROLLERS",
    "SIDES",
]

#: How far (degrees, about 33 km) an area of control reaches from its place.
RADIUS_DEG = 0.3
#: Controllers that hold areas, whose borders are front lines: all but ``unknown``, which holds no area.
AREA_CONTROLLERS = tuple(c for c in CONTROLLERS if c != "unknown")
#: The old name of ``AREA_CONTROLLERS``; the sides of a fight (``geo_events.extract.actors``) are another thing.
SIDES = AREA_CONTROLLERS


@dataclass(frozen=True)
class Area:
    """The area a controller holds at a date."""

    controller: str
    geometry: BaseGeometry
    places: int

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return self.geometry.__geo_interface__


@dataclass(frozen=True)
class FrontLine:
    """The border between areas of two controllers at a date."""

    sides: tuple[str, str]
    geometry: BaseGeometry

    @property
    def opposing(self) -> bool:
        """True when one side is the Islamic State (a line of fighting, not a boundary)."""
        return "islamic_state" in self.sides

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return self.geometry.__geo_interface__


def _cells(held: Sequence[ControlInterval], outline: BaseGeometry, radius: float) -> list[tuple[str, BaseGeometry]]:
    seen: dict[tuple[float, float], ControlInterval] = {}
    for i in held:
        if i.controller in AREA_CONTROLLERS:
            seen.setdefault((round(i.lon, 4), round(i.lat, 4)), i)
    if not seen:
        return []
    coords = list(seen)
    if len(coords) == 1:
        cells = [outline]
    else:
        regions = shapely.voronoi_polygons(MultiPoint(coords), extend_to=outline.envelope.buffer(1), ordered=True)
        cells = list(regions.geoms)
    out = []
    for (x, y), cell in zip(coords, cells, strict=True):
        clipped = cell.intersection(outline).intersection(Point(x, y).buffer(radius, quad_segs=8))
        if not clipped.is_empty:
            out.append((seen[(x, y)].controller, clipped))
    return out


def areas_of_control(
    held: Sequence[ControlInterval], outline: BaseGeometry | None = None, radius: float = RADIUS_DEG
) -> list[Area]:
    """Areas held by each controller, from the places' controllers at one date.

    Parameters
    ----------
    held : sequence of ControlInterval
        E.g. ``ControlTimeline.at(day)``.
    outline : shapely geometry, optional
        Iraq's outline (the packaged governorates' union by default).
    radius : float
        Reach of a place's area in degrees.

    Returns
    -------
    list of Area
        One per controller, valid (Multi)Polygons in WGS84.

    Examples
    --------
    >>> areas = areas_of_control(ControlTimeline.default().at(date(2015, 1, 1)))
    >>> sorted(a.controller for a in areas)
    ['contested', 'government', 'islamic_state', 'kurdish']
    >>> all(a.geometry.is_valid for a in areas)
    True
    """
    outline = outline if outline is not None else AdminAreas.default().outline
    by_side: dict[str, list[BaseGeometry]] = defaultdict(list)
    for controller, cell in _cells(held, outline, radius):
        by_side[controller].append(cell)
    return [
        Area(side, shapely.make_valid(shapely.union_all(cells)), len(cells)) for side, cells in sorted(by_side.items())
    ]


def front_lines(
    held: Sequence[ControlInterval], outline: BaseGeometry | None = None, radius: float = RADIUS_DEG
) -> list[FrontLine]:
    """Borders between areas of different controllers at one date.

    Examples
    --------
    >>> lines = front_lines(ControlTimeline.default().at(date(2015, 1, 1)))
    >>> any(line.opposing for line in lines), all(line.geometry.geom_type.endswith("LineString") for line in lines)
    (True, True)
    """
    outline = outline if outline is not None else AdminAreas.default().outline
    cells = _cells(held, outline, radius)
    tree = shapely.STRtree([c for _, c in cells])
    parts: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
    for i, (side_a, cell_a) in enumerate(cells):
        for j in tree.query(cell_a, predicate="intersects"):
            side_b, cell_b = cells[int(j)]
            if int(j) <= i or side_a == side_b:
                continue
            shared = cell_a.boundary.intersection(cell_b.boundary)
            lines = [g for g in getattr(shared, "geoms", [shared]) if g.geom_type in ("LineString", "MultiLineString")]
            if lines:
                parts[(side_a, side_b) if side_a < side_b else (side_b, side_a)].extend(lines)
    return [
        FrontLine(sides, shapely.line_merge(shapely.union_all(geoms)))
        for sides, geoms in sorted(parts.items())
        if geoms
    ]


def control_layers(timeline: ControlTimeline, day: date, outline: BaseGeometry | None = None) -> dict[str, Any]:
    """Areas and front lines at ``day`` as two GeoJSON FeatureCollections.

    Examples
    --------
    >>> layers = control_layers(ControlTimeline.default(), date(2016, 1, 1))
    >>> layers["areas"]["features"][0]["properties"]["valid_on"]
    '2016-01-01'
    """
    held = timeline.at(day)
    areas = areas_of_control(held, outline)
    lines = front_lines(held, outline)
    iso = day.isoformat()
    return {
        "areas": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": shapely.geometry.mapping(shapely.set_precision(a.geometry, 1e-5)),
                    "properties": {"controller": a.controller, "places": a.places, "valid_on": iso},
                }
                for a in areas
            ],
        },
        "front_lines": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": shapely.geometry.mapping(shapely.set_precision(f.geometry, 1e-5)),
                    "properties": {"sides": "/".join(f.sides), "opposing": f.opposing, "valid_on": iso},
                }
                for f in lines
            ],
        },
    }
