"""The default store: a GeoPackage (SQLite) file that QGIS opens as it is.

A point layer ``events`` (the columns of ``extract``'s files, dates as DATE and counts as INTEGER, an R-tree
spatial index kept by the GeoPackage's own triggers, whose ``ST_*`` functions are registered here, and an index
on the date) and an attributes table ``reports``. SQLite runs in WAL mode: readers never wait for the writer.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geo_events.errors import StoreError
from geo_events.io.events import EVENT_COLUMNS
from geo_events.serve.store.base import EventStore, column_type

__all__ = ["GeoPackageStore"]

#: The GeoPackage's application id ('GPKG') and version (1.3), as the standard asks.
APPLICATION_ID = 0x47504B47
USER_VERSION = 10300
SRS_ID = 4326
_COLUMNS = ", ".join(f'"{c}" {column_type(c)}' for c in EVENT_COLUMNS)
_SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
    description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
    table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (
    table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
    scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE events (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {_COLUMNS});
CREATE UNIQUE INDEX events_id ON events ("event_id_cnty");
CREATE INDEX events_date ON events ("event_date");
CREATE TABLE reports (
    n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, event_fid INTEGER NOT NULL REFERENCES events(fid),
    record TEXT NOT NULL);
CREATE INDEX reports_event ON reports (event_fid);
CREATE VIRTUAL TABLE rtree_events_geom USING rtree(id, minx, maxx, miny, maxy);
CREATE TRIGGER rtree_events_geom_insert AFTER INSERT ON events
    WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN
    INSERT OR REPLACE INTO rtree_events_geom VALUES (
        NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;
CREATE TRIGGER rtree_events_geom_update1 AFTER UPDATE OF geom ON events
    WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN
    INSERT OR REPLACE INTO rtree_events_geom VALUES (
        NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;
CREATE TRIGGER rtree_events_geom_update2 AFTER UPDATE OF geom ON events
    WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN
    DELETE FROM rtree_events_geom WHERE id = OLD.fid; END;
CREATE TRIGGER rtree_events_geom_delete AFTER DELETE ON events WHEN OLD.geom NOT NULL BEGIN
    DELETE FROM rtree_events_geom WHERE id = OLD.fid; END;
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
    VALUES ('events', 'features', 'events', 'events extracted by geo-events serve', 38.8, 29.0, 48.6, 37.4, 4326);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
    VALUES ('reports', 'attributes', 'reports', 'the reports of each event');
INSERT INTO gpkg_geometry_columns VALUES ('events', 'geom', 'POINT', 4326, 0, 0);
INSERT INTO gpkg_extensions VALUES ('events', 'geom', 'gpkg_rtree_index',
    'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
"""


class GeoPackageStore(EventStore):
    """The events of a server in a GeoPackage file (created if absent).

    Parameters
    ----------
    path : str or Path
        The database file.

    Raises
    ------
    StoreError
        If the file cannot be opened or created, or is not a database this version wrote.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from datetime import date
    >>> from geo_events import Article, extract_events
    >>> store = GeoPackageStore(pathlib.Path(tempfile.mkdtemp()) / "events.gpkg")
    >>> reports = extract_events([Article("a", "", "Troops retook Hit today.", date(2016, 4, 14))], deduplicate=False)
    >>> added = store.add(reports)
    >>> [e.location for e in added.events], added.new, store.add(reports).events, store.count()
    (['Hit'], 1, (), 1)
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        try:
            if self.path.is_dir():
                raise StoreError(f"{self.path}: a folder, not a database file")
            db = self._db()
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                self._create(db)
            elif not {"events", "reports", "gpkg_contents"} <= tables:
                raise StoreError(f"{self.path}: a database, but not one geo-events serve wrote (no events table)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc.strerror or exc})") from None

    def __str__(self) -> str:
        return str(self.path)

    def __repr__(self) -> str:
        return f"GeoPackageStore({str(self.path)!r})"

    def _connect(self) -> sqlite3.Connection:
        if not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: no folder {self.path.parent}")
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        for name, function in _SQL_FUNCTIONS.items():
            db.create_function(name, 1, function, deterministic=True)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        from pyproj import CRS

        wkt = CRS.from_epsg(SRS_ID).to_wkt("WKT1_GDAL").replace("'", "''")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {USER_VERSION}")
        db.executescript(  # one transaction: a database is created whole or not at all
            "BEGIN;" + _SCHEMA + "INSERT INTO gpkg_spatial_ref_sys VALUES "
            "('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate system'), "
            "('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate system'), "
            f"('WGS 84 geodetic', {SRS_ID}, 'EPSG', {SRS_ID}, '{wkt}', 'longitude/latitude coordinates in degrees');"
            "COMMIT;"
        )
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the header (application id) into the file GIS tools read

    @contextmanager
    def _transaction(self, db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _box(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        west, south, east, north = bbox
        sql = "e.fid IN (SELECT id FROM rtree_events_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)"
        return sql, [east, west, north, south]

    def _point(self, lon: float, lat: float) -> tuple[str, list[Any]]:
        return "?", [_point_blob(lon, lat)]


# -- GeoPackage geometry: a point's blob, and the functions the R-tree triggers call -----------------------------


def _point_blob(lon: float, lat: float) -> bytes:
    """A GeoPackage geometry blob: header (``GP``, version 0, little-endian, no envelope, SRS id), WKB point."""
    return b"GP" + struct.pack("<BBi", 0, 0b0000_0001, SRS_ID) + struct.pack("<BIdd", 1, 1, lon, lat)


def _point_of(blob: bytes | None) -> tuple[float, float] | None:
    """The point of a blob (None: no geometry, an empty one, or not a point)."""
    if not blob or len(blob) < 8 or blob[:2] != b"GP" or blob[3] & 0b0001_0000:
        return None
    envelope = (0, 32, 48, 48, 64)[(blob[3] >> 1) & 0b111] if (blob[3] >> 1) & 0b111 < 5 else 0
    wkb = blob[8 + envelope :]
    if len(wkb) < 21:
        return None
    order = "<" if wkb[0] == 1 else ">"
    kind, x, y = struct.unpack(order + "Idd", wkb[1:21])
    return (x, y) if kind % 1000 == 1 and not (math.isnan(x) or math.isnan(y)) else None


def _coordinate(index: int):
    def function(blob: bytes | None) -> float | None:
        point = _point_of(blob)
        return None if point is None else point[index]

    return function


_SQL_FUNCTIONS = {
    "ST_IsEmpty": lambda blob: int(_point_of(blob) is None),
    "ST_MinX": _coordinate(0),
    "ST_MaxX": _coordinate(0),
    "ST_MinY": _coordinate(1),
    "ST_MaxY": _coordinate(1),
}
