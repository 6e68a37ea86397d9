"""Iraq's great rivers (Natural Earth 1:50m, public domain): for maps to orient by, and for areas of control,
whose fronts often ran along them.

The lines are generalised: a town on a bank can lie a few kilometres from its river's line (Mosul 3.5 km,
Ramadi 4.5 km), so ``bank_of`` does not take sides within ``BANK_KM`` of a line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gazetteer.admin import AdminAreas

__all__ = ["River", "rivers", "banks", "bank_of", "BANK_KM"]

#: Points nearer than this (km) to a river's line are on no bank: the 1:50m lines are off by up to 5 km.
BANK_KM = 6.0


@dataclass(frozen=True)
class River:
    """A river: its English and Arabic names and its line in WGS84 (longitude, latitude)."""

    name: str
    name_ar: str
    geometry: BaseGeometry = field(repr=False, compare=False)


@cache
def rivers() -> tuple[River, ...]:
    """The packaged rivers (``gazetteer/data/rivers.geojson``), loaded once.

    Examples
    --------
    >>> sorted(r.name for r in rivers())
    ['Euphrates', 'Shatt al-Arab', 'Shatt al-Gharraf', 'Tigris']
    """
    text = resources.files("gazetteer").joinpath("data/rivers.geojson").read_text("utf-8")
    return tuple(
        River(f["properties"]["name"], f["properties"]["name_ar"], shape(f["geometry"]))
        for f in json.loads(text)["features"]
    )


@cache
def banks() -> tuple[BaseGeometry, ...]:
    """Iraq's outline cut by the rivers into the lands between them (largest first), each without the strip
    of ``BANK_KM`` along the lines.

    Examples
    --------
    >>> len(banks()) >= 3  # east of the Tigris, between the rivers, west of the Euphrates
    True
    """
    strip = shapely.union_all([r.geometry for r in rivers()]).buffer(BANK_KM / 111.0)
    land = shapely.difference(AdminAreas.default().outline, strip)
    parts = sorted(shapely.get_parts(land), key=lambda g: -g.area)
    return tuple(parts)


def bank_of(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """For each point, the index in ``banks()`` of the land it lies in; -1 near a river or outside Iraq.

    Examples
    --------
    >>> # Rutba and Najaf, west of the Euphrates; Kirkuk, east of the Tigris; Mosul's old city, on the river
    >>> bank_of(np.array([40.29, 44.31, 44.39, 43.13]), np.array([33.04, 31.99, 35.47, 36.34])).tolist()
    [0, 0, 1, -1]
    """
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    out = np.full(x.shape, -1, dtype=int)
    for k, land in enumerate(banks()):
        out[shapely.contains_xy(land, x, y)] = k
    return out
