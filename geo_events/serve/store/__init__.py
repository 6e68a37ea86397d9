"""Where ``geo-events serve`` keeps its events: a GeoPackage file by default (``GeoPackageStore``), or a
PostgreSQL database with PostGIS (``PostGISStore``), both behind ``EventStore``; ``open_store`` picks one from
where the events are to be kept."""

from __future__ import annotations

from pathlib import Path

from geo_events.serve.store.base import EventQuery, EventStore, Page
from geo_events.serve.store.geopackage import GeoPackageStore

__all__ = ["EventStore", "EventQuery", "Page", "GeoPackageStore", "PostGISStore", "open_store"]


def open_store(where: str | Path) -> EventStore:
    """The store at ``where``: a ``postgresql://`` URL (PostGIS), else the path of a GeoPackage file.

    Raises
    ------
    StoreError
        If it cannot be opened or created.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> open_store(pathlib.Path(tempfile.mkdtemp()) / "events.gpkg").count()
    0
    """
    if isinstance(where, str) and where.startswith(("postgresql://", "postgres://")):
        from geo_events.serve.store.postgis import PostGISStore

        return PostGISStore(where)
    return GeoPackageStore(where)


def __getattr__(name: str) -> type:
    if name == "PostGISStore":  # psycopg is imported only for a PostgreSQL database
        from geo_events.serve.store.postgis import PostGISStore

        return PostGISStore
    raise AttributeError(name)
