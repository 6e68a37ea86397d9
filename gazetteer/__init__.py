"""gazetteer: resolve Iraqi place names, in any common spelling, to places.

>>> from gazetteer import Gazetteer
>>> gz = Gazetteer.default()
>>> m = gz.resolve("Al-Fallujah")
>>> (m.name, m.place.governorate, round(m.lat, 2), round(m.lon, 2))
('Fallujah', 'IQ-AN', 33.35, 43.79)
"""

from gazetteer.admin import AdminArea, AdminAreas
from gazetteer.exceptions import (
    AmbiguousPlaceError,
    GazetteerArgumentError,
    GazetteerDataError,
    GazetteerError,
    GazetteerTypeError,
    UnknownPlaceError,
)
from gazetteer.gazetteer import Gazetteer, distance_km
from gazetteer.normalize import consonant_shape, fold, name_key, skeleton
from gazetteer.place import Match, Place, Resolution
from gazetteer.sources import LoadReport, SkippedRow

__all__ = [
    "Gazetteer",
    "Place",
    "Match",
    "Resolution",
    "AdminArea",
    "AdminAreas",
    "LoadReport",
    "SkippedRow",
    "GazetteerError",
    "GazetteerDataError",
    "GazetteerArgumentError",
    "GazetteerTypeError",
    "UnknownPlaceError",
    "AmbiguousPlaceError",
    "fold",
    "name_key",
    "skeleton",
    "consonant_shape",
    "distance_km",
]
__version__ = "0.1.0"
