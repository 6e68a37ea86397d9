"""Where ``geo-events serve`` keeps its events: a GeoPackage (SQLite) file that QGIS opens as it is.

The file holds a point layer ``events`` (the columns of ``extract``'s files, dates as DATE and counts as
INTEGER, an R-tree spatial index kept by the GeoPackage triggers, an index on the date) and a table ``reports``:
every report the extraction found, with the event it is a report of. A report is known by its article, its
place in the text, its type and its place: an article posted twice adds nothing. A new report joins the
event whose first report it is a report of (``geo_events.dedupe.same_event``, as ``extract`` merges them), and
the event is merged again from all its reports (``dedupe``'s merge: the most precise place and date, the most
conservative count, every source); an event's id is its first report's and stays as others join it.

The database runs in WAL mode: readers never wait for the writer, and one writer at a time (a lock) adds
reports in one transaction, so a request sees every report of a post or none.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sqlite3
import struct
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from geo_events.dedupe import MAX_DAYS, MAX_KM, merge, same_event
from geo_events.errors import StoreError
from geo_events.event import Event
from geo_events.io.events import EVENT_COLUMNS, EVENT_COUNT_COLUMNS, EVENT_DATE_COLUMNS, event_of_record, event_record

__all__ = ["EventStore", "EventQuery", "Page"]

#: The GeoPackage's application id ('GPKG') and version (1.3), as the standard asks.
APPLICATION_ID = 0x47504B47
USER_VERSION = 10300
SRS_ID = 4326
#: Degrees around a report in which the events it may join are looked for: an event's place is within ``MAX_KM``
#: of its first report's, which is within ``MAX_KM`` of the report's (a degree of longitude is 88 km or more in Iraq).
NEAR_DEG = 2 * MAX_KM / 88
_REAL_COLUMNS = ("latitude", "longitude", "confidence")


def _column_type(name: str) -> str:
    if name in EVENT_DATE_COLUMNS:
        return "DATE"
    if name in EVENT_COUNT_COLUMNS or name == "iso":
        return "INTEGER"
    return "REAL" if name in _REAL_COLUMNS else "TEXT"


_COLUMNS = ", ".join(f'"{c}" {_column_type(c)}' for c in EVENT_COLUMNS)
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
    key TEXT PRIMARY KEY, event_fid INTEGER NOT NULL REFERENCES events(fid), record TEXT NOT NULL);
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


@dataclass(frozen=True)
class EventQuery:
    """What ``EventStore.events`` selects: a box (west, south, east, north), a period (None: open), an event
    type or sub-type, a side, and a page (``limit`` events from ``offset``)."""

    bbox: tuple[float, float, float, float] | None = None
    start: date | None = None
    end: date | None = None
    event_type: str | None = None
    side: str | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class Page:
    """A page of events and how many match the query in all."""

    events: tuple[Event, ...]
    matched: int


class EventStore:
    """The events of a server, in a GeoPackage file (created if absent).

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
    >>> from geo_events import Article, extract_events
    >>> folder = tempfile.mkdtemp()
    >>> store = EventStore(pathlib.Path(folder) / "events.gpkg")
    >>> reports = extract_events([Article("a", "", "Troops retook Hit today.", date(2016, 4, 14))], deduplicate=False)
    >>> [e.location for e in store.add(reports)], store.add(reports), store.count()
    (['Hit'], [], 1)
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._local = threading.local()
        #: Grows with every write: what a cache of derived data (the control timeline) compares.
        self.generation = 0
        try:
            if self.path.is_dir():
                raise StoreError(f"{self.path}: a folder, not a database file")
            with self._connect() as db:
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not tables:
                    self._create(db)
                elif not {"events", "reports", "gpkg_contents"} <= tables:
                    raise StoreError(f"{self.path}: a database, but not one geo-events serve wrote (no events table)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc.strerror or exc})") from None

    # -- connections ---------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection (each thread of the server has its own; SQLite's WAL lets them read at once)."""
        db = getattr(self._local, "db", None)
        if db is None:
            if not self.path.parent.is_dir():
                raise StoreError(f"{self.path}: no folder {self.path.parent}")
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            for name, function in _SQL_FUNCTIONS.items():
                db.create_function(name, 1, function, deterministic=True)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
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

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- writing -------------------------------------------------------------------------------------------

    def add(self, reports: Iterable[Event]) -> list[Event]:
        """Store reports (events as extracted, before merging): each joins the event it is a report of, or
        starts one. Returns the events the new reports are in, merged, in the order they were first touched
        (a report stored before adds nothing)."""
        touched: dict[int, None] = {}
        with self._lock:
            db = self._connect()
            with _transaction(db):
                for report in reports:
                    key = _report_key(report)
                    if db.execute("SELECT 1 FROM reports WHERE key = ?", (key,)).fetchone():
                        continue
                    fid = self._event_of(db, report)
                    record = json.dumps(event_record(report), ensure_ascii=False)
                    if fid is None:
                        fid = self._write_event(db, None, report)
                        db.execute("INSERT INTO reports VALUES (?, ?, ?)", (key, fid, record))
                    else:
                        db.execute("INSERT INTO reports VALUES (?, ?, ?)", (key, fid, record))
                        group = self._reports(db, fid)
                        self._write_event(db, fid, dataclasses.replace(merge(group), event_id=group[0].event_id))
                    touched[fid] = None
            if touched:
                self.generation += 1
        return [self._event(db, fid) for fid in touched]

    def _event_of(self, db: sqlite3.Connection, report: Event) -> int | None:
        """The stored event whose first report ``report`` is a report of (the oldest such), if any."""
        query = ['SELECT e.fid FROM events e WHERE e."sub_event_type" = ?']
        args: list[Any] = [report.sub_event_type]
        if report.event_date is None:
            query.append('AND e."event_date" IS NULL AND e."doc_id" = ?')
            args.append(report.doc_id)
        else:
            query.append('AND e."event_date" BETWEEN ? AND ?')
            args += [(report.event_date - timedelta(days=2 * MAX_DAYS)).isoformat(),
                     (report.event_date + timedelta(days=2 * MAX_DAYS)).isoformat()]  # fmt: skip
        query.append(
            'AND (e."place_id" = ? OR e.fid IN (SELECT id FROM rtree_events_geom '
            "WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)) ORDER BY e.fid"
        )
        args += [report.place_id, report.longitude + NEAR_DEG, report.longitude - NEAR_DEG,
                 report.latitude + NEAR_DEG, report.latitude - NEAR_DEG]  # fmt: skip
        for (fid,) in db.execute(" ".join(query), args).fetchall():
            first = self._reports(db, fid, 1)[0]
            if same_event(report, first):
                return int(fid)
        return None

    def _reports(self, db: sqlite3.Connection, fid: int, limit: int = -1) -> list[Event]:
        rows = db.execute("SELECT record FROM reports WHERE event_fid = ? ORDER BY rowid LIMIT ?", (fid, limit))
        return [_event(json.loads(record)) for (record,) in rows]

    def _write_event(self, db: sqlite3.Connection, fid: int | None, event: Event) -> int:
        record = event_record(event)
        values = [_point_blob(event.longitude, event.latitude), *(record[c] for c in EVENT_COLUMNS)]
        names = ", ".join(["geom", *(f'"{c}"' for c in EVENT_COLUMNS)])
        if fid is None:
            marks = ", ".join("?" * len(values))
            return int(db.execute(f"INSERT INTO events ({names}) VALUES ({marks})", values).lastrowid or 0)
        assignments = ", ".join(f"{n} = ?" for n in names.split(", "))
        db.execute(f"UPDATE events SET {assignments} WHERE fid = ?", [*values, fid])
        return fid

    # -- reading -------------------------------------------------------------------------------------------

    def _event(self, db: sqlite3.Connection, fid: int) -> Event:
        row = db.execute(f"SELECT {_SELECT} FROM events e WHERE fid = ?", (fid,)).fetchone()
        return _event(dict(zip(EVENT_COLUMNS, row, strict=True)))

    def count(self) -> int:
        """How many events are stored."""
        return int(self._connect().execute("SELECT count(*) FROM events").fetchone()[0])

    def get(self, event_id: str) -> Event | None:
        """The event of an id (``event_id_cnty`` as files write it, ``IRQ-...``), or None."""
        row = self._connect().execute(f"SELECT {_SELECT} FROM events e WHERE event_id_cnty = ?", (event_id,)).fetchone()
        return _event(dict(zip(EVENT_COLUMNS, row, strict=True))) if row else None

    def events(self, query: EventQuery = EventQuery()) -> Page:
        """A page of the events that match ``query``, by date (undated last), then as stored.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> store = EventStore(pathlib.Path(tempfile.mkdtemp()) / "events.gpkg")
        >>> store.events(EventQuery(bbox=(42.0, 33.0, 44.0, 35.0), start=date(2016, 1, 1))).matched
        0
        """
        where, args = _where(query)
        db = self._connect()
        matched = int(db.execute(f"SELECT count(*) FROM events e {where}", args).fetchone()[0])
        rows = db.execute(
            f'SELECT {_SELECT} FROM events e {where} ORDER BY e."event_date" IS NULL, e."event_date", e.fid '
            "LIMIT ? OFFSET ?",
            [*args, query.limit, query.offset],
        ).fetchall()
        return Page(tuple(_event(dict(zip(EVENT_COLUMNS, r, strict=True))) for r in rows), matched)

    def territory(self) -> list[Event]:
        """Every event that tells of territory changing hands (for the control timeline)."""
        rows = self._connect().execute(f'SELECT {_SELECT} FROM events e WHERE e."control_to" IS NOT NULL')
        return [_event(dict(zip(EVENT_COLUMNS, r, strict=True))) for r in rows]

    def extent(self) -> tuple[date, date] | None:
        """The first and last event dates, or None without dated events."""
        first, last = self._connect().execute('SELECT min("event_date"), max("event_date") FROM events').fetchone()
        return (date.fromisoformat(first), date.fromisoformat(last)) if first else None


_SELECT = ", ".join(f'e."{c}"' for c in EVENT_COLUMNS)


def _where(query: EventQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if query.bbox is not None:
        west, south, east, north = query.bbox
        clauses.append(
            "e.fid IN (SELECT id FROM rtree_events_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)"
        )
        args += [east, west, north, south]
    if query.start is not None:
        clauses.append('e."event_date" >= ?')
        args.append(query.start.isoformat())
    if query.end is not None:
        clauses.append('e."event_date" <= ?')
        args.append(query.end.isoformat())
    if query.event_type:
        clauses.append('(e."event_type" = ? OR e."sub_event_type" = ?)')
        args += [query.event_type, query.event_type]
    if query.side:
        clauses.append('(e."side1" = ? OR e."side2" = ?)')
        args += [query.side, query.side]
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def _event(record: dict[str, Any]) -> Event:
    found = event_of_record(record, record["longitude"], record["latitude"], record["event_id_cnty"])
    assert not isinstance(found, str), f"a stored event reads back: {found}"
    return found


def _report_key(report: Event) -> str:
    return "\x1f".join(map(str, (report.doc_id, report.start, report.end, report.sub_event_type, report.place_id)))


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


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
