"""Files: GeoJSON (RFC 7946), event tables and control layers, each written whole or not at all.

One module per format family, as geopandas' ``io`` has: ``geojson`` (features
and collections, ``[longitude, latitude]`` in WGS84), ``events`` (GeoJSON,
CSV with ACLED's columns, GeoPackage, GeoParquet; written and read back),
``control`` (places, areas, front lines and shares of a ``ControlTimeline``)
and ``atomic`` (``replacing``: no reader ever sees a partial file).

>>> from geo_events.io import feature_collection, place_feature
>>> from gazetteer import Place
>>> feature_collection([place_feature(Place("x:1", "Hit", 33.6, 42.8))])["bbox"]
[42.8, 33.6, 42.8, 33.6]
"""

from geo_events.io.atomic import replacing, replacing_text
from geo_events.io.control import (
    CONTROL_COLUMNS,
    UPDATE_COLUMNS,
    control_features,
    read_control,
    stats_features_of,
    write_control,
    write_control_log,
)
from geo_events.io.events import (
    EVENT_COLUMNS,
    EVENT_FORMATS,
    event_feature,
    event_record,
    events_to_geodataframe,
    read_events,
    write_events,
)
from geo_events.io.geojson import COORDINATE_PRECISION, feature_collection, place_feature, write_geojson

__all__ = [
    "replacing",
    "replacing_text",
    "place_feature",
    "feature_collection",
    "write_geojson",
    "event_record",
    "event_feature",
    "events_to_geodataframe",
    "write_events",
    "read_events",
    "write_control",
    "write_control_log",
    "read_control",
    "control_features",
    "stats_features_of",
    "EVENT_COLUMNS",
    "EVENT_FORMATS",
    "CONTROL_COLUMNS",
    "UPDATE_COLUMNS",
    "COORDINATE_PRECISION",
]
