"""``geo-events serve``: a map service over a store of events, with a JSON API and OGC API - Features.

>>> from geo_events.serve import create_app
>>> import tempfile, pathlib
>>> app = create_app(pathlib.Path(tempfile.mkdtemp()) / "events.gpkg")
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/collections"))[:2]
['/collections', '/collections/{collection_id}']
"""

from geo_events.serve.app import MAX_BODY, create_app
from geo_events.serve.params import RequestError
from geo_events.serve.service import Service
from geo_events.serve.store import EventQuery, EventStore, GeoPackageStore, Page, open_store

__all__ = [
    "create_app",
    "open_store",
    "EventStore",
    "GeoPackageStore",
    "EventQuery",
    "Page",
    "Service",
    "RequestError",
    "MAX_BODY",
]
