"""geo_events: turn conflict reporting from Iraq into events, control maps and GeoJSON.

The gazetteer (``import gazetteer``) resolves place names; this package reads
articles, finds place mentions, extracts events, keeps who controls which place
over time (``ControlTimeline``) and writes GIS files; ``geo_events.render``
draws the maps.

>>> from datetime import date
>>> from geo_events import Article, extract_events
>>> events = extract_events([Article("d1", "", "Iraqi forces retook Telafar on Thursday.", date(2017, 8, 31))])
>>> events[0].location, events[0].sub_event_type, events[0].control_to
('Tal Afar', 'Government regains territory', 'government')
"""

from importlib.machinery import EXTENSION_SUFFIXES

from geo_events.articles import Article, Skipped, iter_articles, read_articles
from geo_events.control import ControlInterval, ControlTimeline
from geo_events.dedupe import deduplicate, iter_deduplicated
from geo_events.errors import (
    ArgumentError,
    ClusterError,
    CommandError,
    CoordinateError,
    GeoEventsError,
    MissingFileError,
    RuleError,
    StoreError,
    UnknownFormatError,
    UnreadableFileError,
)
from geo_events.event import Event, ExtractionResult, Unlocated
from geo_events.extract import Extractor, RuleSet, extract_events, iter_events
from geo_events.extract import pipeline as _extract
from geo_events.extract.mentions import Mention, find_mentions
from geo_events.io import (
    events_to_geodataframe,
    feature_collection,
    place_feature,
    read_control,
    read_events,
    write_control,
    write_events,
    write_geojson,
)

__all__ = [
    "Article",
    "Skipped",
    "read_articles",
    "iter_articles",
    "Mention",
    "find_mentions",
    "Event",
    "Unlocated",
    "ExtractionResult",
    "extract_events",
    "iter_events",
    "Extractor",
    "RuleSet",
    "deduplicate",
    "iter_deduplicated",
    "ControlTimeline",
    "ControlInterval",
    "events_to_geodataframe",
    "write_events",
    "read_events",
    "write_control",
    "read_control",
    "feature_collection",
    "place_feature",
    "write_geojson",
    "GeoEventsError",
    "ArgumentError",
    "UnknownFormatError",
    "CoordinateError",
    "UnreadableFileError",
    "MissingFileError",
    "RuleError",
    "ClusterError",
    "StoreError",
    "CommandError",
    "COMPILED",
    "__version__",
]
#: Whether extraction runs compiled by mypyc (``GEO_EVENTS_COMPILE=1 pip install .``) or as pure Python.
COMPILED = (_extract.__file__ or "").endswith(tuple(EXTENSION_SUFFIXES))


def __getattr__(name: str) -> str:
    """``__version__``: the gazetteer's, both packages being one distribution (read when first asked).

    Examples
    --------
    >>> import gazetteer, geo_events
    >>> geo_events.__version__ == gazetteer.__version__
    True
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import gazetteer

    return gazetteer.__version__
