"""A store in PostgreSQL with PostGIS, for a team that keeps its events in a database server: ``geo-events serve
--database postgresql://user@host/dbname``.

The tables of ``EventStore`` in the database's current schema: ``events`` with a ``geometry(Point, 4326)``
column (a GiST index; QGIS and ogr2ogr read it as a PostGIS layer) and an index on the date, and ``reports``.
The PostGIS extension is created if the user may; each thread of the server has its own connection.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from geo_events.errors import StoreError
from geo_events.io.events import EVENT_COLUMNS
from geo_events.serve.store.base import EventStore, column_type

__all__ = ["PostGISStore"]

#: The advisory lock a writer holds for its transaction (servers on one database add reports one at a time).
WRITER_LOCK = 0x67656F2D  # 'geo-'
_COLUMNS = ", ".join(f'"{c}" {column_type(c, "DOUBLE PRECISION")}' for c in EVENT_COLUMNS)
_SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    f"CREATE TABLE events (fid BIGSERIAL PRIMARY KEY, geom geometry(Point, 4326), {_COLUMNS})",
    'CREATE UNIQUE INDEX events_id ON events ("event_id_cnty")',
    'CREATE INDEX events_date ON events ("event_date")',
    "CREATE INDEX events_geom ON events USING GIST (geom)",
    "CREATE TABLE reports (n BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE, "
    "event_fid BIGINT NOT NULL REFERENCES events(fid), record TEXT NOT NULL)",
    "CREATE INDEX reports_event ON reports (event_fid)",
]


class PostGISStore(EventStore):
    """The events of a server in a PostgreSQL database with PostGIS (its tables created if absent).

    Parameters
    ----------
    url : str
        ``postgresql://user:password@host:port/dbname`` (libpq's connection URL).

    Raises
    ------
    StoreError
        If the database cannot be reached, PostGIS is not installed there, or it holds another program's
        ``events`` table.
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        try:
            db = self._db()
            tables = {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
            if not {"events", "reports"} & tables:
                with db.transaction():
                    for statement in _SCHEMA:
                        db.execute(statement)
            elif not {"events", "reports"} <= tables or "geom" not in _columns(db, "events"):
                raise StoreError(f"{self}: a database with tables of another program (events, reports)")
        except psycopg.Error as exc:
            raise StoreError(f"{self}: cannot use the database ({_first_line(exc)})") from None

    def __str__(self) -> str:
        return re.sub(r"//([^:@/]*):[^@/]*@", r"//\1:***@", self.url)  # no password in messages

    def __repr__(self) -> str:
        return f"PostGISStore({str(self)!r})"

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True, connect_timeout=10)

    @contextmanager
    def _transaction(self, db: psycopg.Connection) -> Iterator[None]:
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])  # one writer, whatever the process
            yield

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _box(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        return "e.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", list(bbox)

    def _point(self, lon: float, lat: float) -> tuple[str, list[Any]]:
        return "ST_SetSRID(ST_MakePoint(?, ?), 4326)", [lon, lat]


def _columns(db: psycopg.Connection, table: str) -> set[str]:
    sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = %s"
    return {r[0] for r in db.execute(sql, [table])}


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
