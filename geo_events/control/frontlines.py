"""Areas of control and front lines at a date, derived from places' controllers.

The country is divided among a dense set of points: the places whose control
is known (the timeline's) and every other place of the embedded gazetteer
(some 1,600 towns, villages, bases). Each point gets the part of Iraq nearer to
it than to any other point (a Voronoi cell, cut to Iraq's outline; computed
once per set of points). A place with a controller of its own gives its cell
that controller; any other takes the controller most of the nearest places that
have one within ``RADIUS_DEG`` have (``VOTERS`` of them, the nearer weighing more),
on its own side of the great rivers (``gazetteer.rivers``: fronts often ran along
the Tigris and the Euphrates), or on either side if its own has none that near,
so that desert and villages go to whoever holds the towns
around them, and only land far from every held place is nobody's (drawn unknown).
Cells are merged by controller into areas (a coverage union: the areas tile the
country without gaps or overlaps), simplified together so that they still share
their borders, and a front line is the border two areas of different sides share,
one continuous line per pair where the border is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from scipy.spatial import cKDTree
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

from gazetteer import AdminAreas, Gazetteer
from gazetteer.rivers import bank_of
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

#: How far (degrees, about 100 km) a held place's control reaches places with none of their own.
RADIUS_DEG = 1.0
#: How many of the nearest held places vote on the controller of a place with none of its own. Chosen by
#: leaving each held place out in turn and predicting it from the others at 14 dates of 2014-2017
#: (``benchmarks/quality_control.py --loo``): the nearest alone is right 90.2% of the time, eight voters 91.0%.
VOTERS = 8
#: Distances below this (degrees, about 100 m) count as this in the votes' weights: two points in one place.
_NEAR_DEG = 0.001
#: Borders between areas are simplified to this tolerance (degrees, about 2 km), all together so that they stay
#: shared; the country's own border is kept as it is.
SIMPLIFY_DEG = 0.02
#: Controllers that hold areas, whose borders are front lines: all but ``unknown``, which holds no area.
AREA_CONTROLLERS = tuple(c for c in CONTROLLERS if c != "unknown")
#: The old name of ``AREA_CONTROLLERS``; the sides of a fight (``geo_events.extract.actors``) are another thing.
SIDES = AREA_CONTROLLERS


@dataclass(frozen=True)
class Area:
    """The area a controller holds at a date, and how many places of known control are in it."""

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


def _key(lon: float, lat: float) -> tuple[float, float]:
    return (round(lon, 3), round(lat, 3))


@lru_cache(maxsize=1)
def _gazetteer_points() -> frozenset[tuple[float, float]]:
    """The points of the embedded gazetteer's places in Iraq (not governorates)."""
    return frozenset(_key(p.lon, p.lat) for p in Gazetteer.default() if p.in_iraq and not p.is_area)


@lru_cache(maxsize=8)
def _tessellation(points: tuple[tuple[float, float], ...], outline: BaseGeometry) -> np.ndarray:
    """The Voronoi cell of each point (in order), cut to the outline."""
    if len(points) == 1:
        return np.array([outline], dtype=object)
    regions = shapely.voronoi_polygons(MultiPoint(points), extend_to=outline.envelope.buffer(1), ordered=True)
    return shapely.make_valid(shapely.intersection(np.array(list(regions.geoms), dtype=object), outline))


def _own_controllers(held: Sequence[ControlInterval]) -> dict[tuple[float, float], str]:
    """The controller of each point the timeline's places are at (the first place's, where several share one)."""
    own: dict[tuple[float, float], str] = {}
    for i in held:
        own.setdefault(_key(i.lon, i.lat), i.controller)
    return own


def _cells(
    held: Sequence[ControlInterval], outline: BaseGeometry, radius: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every cell, its controller (``unknown``: nobody's) and whether its place has a controller of its own."""
    own = _own_controllers(held)
    points = tuple(sorted(_gazetteer_points() | own.keys()))
    cells = _tessellation(points, outline)
    controllers = np.array([own.get(p, "unknown") for p in points], dtype=object)
    known = controllers != "unknown"
    if known.any() and not known.all():
        _inherit(np.array(points), controllers, known, radius)
    return cells, controllers, known


def _inherit(xy: np.ndarray, controllers: np.ndarray, known: np.ndarray, radius: float, voters: int = VOTERS) -> None:
    """Give each place without a controller (in place) the one most of its nearest held places have.

    The ``voters`` nearest places with a controller within ``radius`` vote, each with the weight
    1 / distance²: a held place next door outweighs several far off, and a lone held place across a front
    no longer decides for all the places behind it, as the nearest alone did. Only places on the same side
    of the great rivers vote (``gazetteer.rivers``: a place near a river looks to both banks), or those on
    either side if its own has none that near. A place with none within ``radius`` stays ``unknown``.
    The nearest are found with a k-d tree: time and memory grow with the places, not with the pairs of them.
    """
    if voters < 1:
        raise ValueError(f"voters must be 1 or more, not {voters}")
    anchors, orphans = np.flatnonzero(known), np.flatnonzero(~known)
    if not len(anchors) or not len(orphans):
        return
    sides, side = np.unique(controllers[anchors].astype(str), return_inverse=True)
    bank = bank_of(xy[:, 0], xy[:, 1])
    held_bank, own_bank = bank[anchors], bank[orphans]
    winners = np.full(len(orphans), -1)

    def vote(pool: np.ndarray, group: np.ndarray) -> None:
        """Gives the orphans ``group`` the side their nearest in ``pool`` (indices of ``anchors``) vote for."""
        if not len(pool) or not len(group):
            return
        k = min(voters, len(pool))
        dist, near = cKDTree(xy[anchors[pool]]).query(xy[orphans[group]], k=k, distance_upper_bound=radius)
        dist, near = dist.reshape(len(group), k), near.reshape(len(group), k)
        found = np.isfinite(dist)  # fewer than k within the radius: the rest are inf, indexed past the pool
        rows = np.broadcast_to(np.arange(len(group))[:, None], found.shape)[found]
        votes = np.zeros((len(group), len(sides)))
        np.add.at(votes, (rows, side[pool[near[found]]]), 1.0 / np.maximum(dist[found], _NEAR_DEG) ** 2)
        decided = found.any(axis=1)
        winners[group[decided]] = votes[decided].argmax(axis=1)

    everyone = np.arange(len(anchors))
    for b in np.unique(own_bank):
        pool = everyone if b < 0 else np.flatnonzero((held_bank == b) | (held_bank < 0))
        vote(pool, np.flatnonzero(own_bank == b))
    vote(everyone, np.flatnonzero(winners < 0))  # none on its own bank within the radius: either bank's
    found = winners >= 0
    controllers[orphans[found]] = sides[winners[found]]


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
        How far (degrees) a held place's control reaches the places with none of their own.

    Returns
    -------
    list of Area
        One per controller, valid (Multi)Polygons in WGS84 that share their borders.

    Examples
    --------
    >>> areas = areas_of_control(ControlTimeline.default().at(date(2015, 1, 1)))
    >>> sorted(a.controller for a in areas)
    ['contested', 'government', 'islamic_state', 'kurdish']
    >>> all(a.geometry.is_valid for a in areas)
    True
    """
    outline = outline if outline is not None else AdminAreas.default().outline
    cells, controllers, known = _cells(held, outline, radius)
    sides = [c for c in AREA_CONTROLLERS if (controllers == c).any()]
    if not sides:
        return []
    merged = [shapely.coverage_union_all(cells[controllers == c]) for c in sides]
    simplified = shapely.coverage_simplify(np.array(merged, dtype=object), SIMPLIFY_DEG, simplify_boundary=False)
    return [
        Area(c, shapely.make_valid(g), int((known & (controllers == c)).sum()))
        for c, g in zip(sides, simplified, strict=True)
    ]


def front_lines(
    held: Sequence[ControlInterval], outline: BaseGeometry | None = None, radius: float = RADIUS_DEG
) -> list[FrontLine]:
    """Borders between areas of different controllers at one date, one line (merged) per pair of sides.

    Examples
    --------
    >>> lines = front_lines(ControlTimeline.default().at(date(2015, 1, 1)))
    >>> any(line.opposing for line in lines), all(line.geometry.geom_type.endswith("LineString") for line in lines)
    (True, True)
    """
    return _borders(areas_of_control(held, outline, radius))


def _borders(areas: Sequence[Area]) -> list[FrontLine]:
    out = []
    for i, a in enumerate(areas):
        for b in areas[i + 1 :]:
            shared = shapely.intersection(a.geometry.boundary, b.geometry.boundary)
            lines = [g for g in getattr(shared, "geoms", [shared]) if g.geom_type in ("LineString", "MultiLineString")]
            merged = shapely.line_merge(shapely.union_all(lines)) if lines else None
            if merged is not None and merged.length > 0:  # areas that touch at a point share no line
                sides = tuple(sorted((a.controller, b.controller)))
                out.append(FrontLine((sides[0], sides[1]), merged))
    return sorted(out, key=lambda f: f.sides)


def control_layers(timeline: ControlTimeline, day: date, outline: BaseGeometry | None = None) -> dict[str, Any]:
    """Areas and front lines at ``day`` as two GeoJSON FeatureCollections.

    Examples
    --------
    >>> layers = control_layers(ControlTimeline.default(), date(2016, 1, 1))
    >>> layers["areas"]["features"][0]["properties"]["valid_on"]
    '2016-01-01'
    """
    areas = areas_of_control(timeline.at(day), outline)
    lines = _borders(areas)
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
