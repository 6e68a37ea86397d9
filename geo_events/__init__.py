"""geo_events: turn conflict reporting from Iraq into events, control maps and GeoJSON.

The gazetteer (``import gazetteer``) resolves place names; this package writes
what it finds as GIS files and runs the ``geo-events`` command.

>>> from gazetteer import Gazetteer
>>> from geo_events import feature_collection, place_feature
>>> fc = feature_collection([place_feature(Gazetteer.default().resolve("Telafar"))])
>>> fc["features"][0]["properties"]["name"]
'Tal Afar'
"""

from geo_events.io import feature_collection, place_feature, write_geojson

__all__ = ["feature_collection", "place_feature", "write_geojson", "__version__"]
__version__ = "0.1.0"
