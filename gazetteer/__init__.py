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
    GazetteerDownloadError,
    GazetteerError,
    GazetteerTypeError,
    UnknownPlaceError,
)
from gazetteer.gazetteer import Gazetteer, distance_km
from gazetteer.normalize import consonant_shape, fold, name_key, skeleton
from gazetteer.place import Match, Place, Resolution, Source
from gazetteer.sources import LoadReport, Skipped, SkippedRow

__all__ = [
    "Gazetteer",
    "Place",
    "Match",
    "Resolution",
    "Source",
    "AdminArea",
    "AdminAreas",
    "LoadReport",
    "Skipped",
    "SkippedRow",
    "GazetteerError",
    "GazetteerDataError",
    "GazetteerDownloadError",
    "GazetteerArgumentError",
    "GazetteerTypeError",
    "UnknownPlaceError",
    "AmbiguousPlaceError",
    "fold",
    "name_key",
    "skeleton",
    "consonant_shape",
    "distance_km",
    "__version__",
]

#: The distribution the gazetteer ships in (with geo_events); its metadata holds their version.
DISTRIBUTION = "geo-events"


def __getattr__(name: str) -> str:
    """``__version__``, read from the distribution's metadata when first asked.

    Not on import: ``importlib.metadata`` takes 15 ms to import, a twentieth of
    ``geo-events resolve``, and only ``--version`` needs it.

    Examples
    --------
    >>> from importlib.metadata import version
    >>> import gazetteer
    >>> gazetteer.__version__ == version("geo-events")
    True
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version(DISTRIBUTION)
    except PackageNotFoundError:  # the sources on sys.path, never installed: no metadata to read
        found = "0+unknown"
    globals()["__version__"] = found  # later reads find it without calling this
    return found
