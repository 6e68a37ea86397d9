"""What every store of events does, whatever its database: reports join the events they are reports of, and
events are read back by box, period, type and side, a page at a time.

A store holds two tables: ``events`` (the columns of ``extract``'s files and a point, indexed by space and by
date) and ``reports``: every report the extraction found, with the event it is a report of. A report is known by
its article, its place in the text, its type and its place: an article posted twice adds nothing. A new report
joins the event whose first report it is a report of (``geo_events.dedupe.same_event``, as ``extract`` merges
them), and the event is merged again from all its reports (``dedupe.merge``: the most precise place and date, the
most conservative count, every source); an event's id is its first report's and stays as others join it. One
writer at a time (a lock) adds a post's reports in one transaction, so a request sees all of them or none.

A backend (``GeoPackageStore``, ``PostGISStore``) gives the connections, the transactions, the SQL of a box and
of a point, and how to create its tables; the SQL here is written with ``?`` placeholders.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from geo_events.dedupe import MAX_DAYS, MAX_KM, merge, same_event
from geo_events.event import Event
from geo_events.io.events import EVENT_COLUMNS, EVENT_COUNT_COLUMNS, EVENT_DATE_COLUMNS, event_of_record, event_record
from geo_events.io.geojson import _rounded

__all__ = ["EventStore", "EventQuery", "Page", "Added", "column_type"]

#: Degrees around a report in which the events it may join are looked for: an event's place is within ``MAX_KM``
#: of its first report's, which is within ``MAX_KM`` of the report's (a degree of longitude is 88 km or more in Iraq).
NEAR_DEG = 2 * MAX_KM / 88
#: First reports of events kept in memory while reports are added (compared with each new report nearby).
MAX_FIRSTS = 200_000
_REAL_COLUMNS = ("latitude", "longitude", "confidence")
_SELECT = ", ".join(f'e."{c}"' for c in EVENT_COLUMNS)
_ORDER = 'ORDER BY e."event_date" IS NULL, e."event_date", e.fid'


def column_type(name: str, real: str = "REAL") -> str:
    """The SQL type of an event column: DATE, INTEGER, ``real`` or TEXT.

    Examples
    --------
    >>> column_type("event_date"), column_type("fatalities"), column_type("latitude"), column_type("location")
    ('DATE', 'INTEGER', 'REAL', 'TEXT')
    """
    if name in EVENT_DATE_COLUMNS:
        return "DATE"
    if name in EVENT_COUNT_COLUMNS or name == "iso":
        return "INTEGER"
    return real if name in _REAL_COLUMNS else "TEXT"


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
class Added:
    """What ``EventStore.add`` did: the events the reports are in (merged), and how many of them are new."""

    events: tuple[Event, ...]
    new: int


@dataclass(frozen=True)
class Page:
    """A page of events and how many match the query in all."""

    events: tuple[Event, ...]
    matched: int


class EventStore(ABC):
    """The events of a server, in a database (``open_store`` picks the backend from where it is).

    Raises
    ------
    StoreError
        If the database cannot be opened or created, or holds tables of another program.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        self._firsts: dict[int, Event] = {}

    # -- what a backend gives ------------------------------------------------------------------------------

    @abstractmethod
    def _connect(self) -> Any:
        """A new connection (one a thread, kept in ``_local``)."""

    @abstractmethod
    def _transaction(self, db: Any) -> AbstractContextManager[None]:
        """A transaction on ``db``, for writing."""

    @abstractmethod
    def _box(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        """The SQL condition that ``e``'s point is in the box, and its arguments."""

    @abstractmethod
    def _point(self, lon: float, lat: float) -> tuple[str, list[Any]]:
        """The SQL expression of a point in WGS84, and its arguments."""

    def _sql(self, sql: str) -> str:
        """The SQL as the driver takes it (``?`` placeholders here)."""
        return sql

    def _db(self) -> Any:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _run(self, db: Any, sql: str, args: Iterable[Any] = ()) -> Any:
        return db.execute(self._sql(sql), list(args))

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- writing -------------------------------------------------------------------------------------------

    def add(self, reports: Iterable[Event]) -> Added:
        """Store reports (events as extracted, before merging): each joins the event it is a report of, or
        starts one; each event a report joined is merged again, once, from all its reports. Returns the events
        the new reports are in, in the order they were first touched (a report stored before adds nothing),
        and how many of them are new."""
        touched: dict[int, bool] = {}  # event -> whether this call created it
        with self._lock:
            db = self._db()
            try:
                with self._transaction(db):
                    for report in reports:
                        key = _report_key(report)
                        if self._run(db, "SELECT 1 FROM reports WHERE key = ?", [key]).fetchone():
                            continue
                        fid = self._event_of(db, report)
                        if fid is None:
                            fid = self._write_event(db, None, self._unique(db, report))
                            touched[fid] = True
                        elif not self._run(db, "SELECT 1 FROM reports WHERE event_fid = ?", [fid]).fetchone():
                            self._adopt(db, fid)
                        touched.setdefault(fid, False)
                        self._run(db, _INSERT_REPORT, [key, fid, json.dumps(event_record(report), ensure_ascii=False)])
                    for fid in touched:  # merged once each, however many reports joined it: linear in the reports
                        group = self._reports(db, fid)
                        if len(group) > 1:
                            self._write_event(db, fid, dataclasses.replace(merge(group), event_id=group[0].event_id))
            except BaseException:
                self._firsts.clear()  # ids of events rolled back may be given again
                raise
            events = tuple(self._event(db, fid) for fid in touched)
        return Added(events, sum(touched.values()))

    def _adopt(self, db: Any, fid: int) -> None:
        """Make a row another program added (QGIS editing the layer) the first report of its event."""
        record = json.dumps(event_record(self._event(db, fid)), ensure_ascii=False)
        self._run(db, _INSERT_REPORT, [f"row\x1f{fid}", fid, record])

    def _unique(self, db: Any, event: Event) -> Event:
        """The event with an id no stored event has (an article posted again under its id with other text can
        give a report the id of another's: the id then takes a number)."""
        taken = 'SELECT 1 FROM events WHERE "event_id_cnty" = ?'
        event_id, n = event.event_id, 1
        while self._run(db, taken, [f"IRQ-{event_id}"]).fetchone():
            n += 1
            event_id = f"{event.event_id}-{n}"
        return event if n == 1 else dataclasses.replace(event, event_id=event_id)

    @property
    def generation(self) -> int:
        """Grows with every report stored, by this process or another: what caches of derived data compare."""
        return int(self._run(self._db(), "SELECT coalesce(max(n), 0) FROM reports").fetchone()[0])

    def _event_of(self, db: Any, report: Event) -> int | None:
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
        near, near_args = self._box((report.longitude - NEAR_DEG, report.latitude - NEAR_DEG,
                                     report.longitude + NEAR_DEG, report.latitude + NEAR_DEG))  # fmt: skip
        query.append(f'AND (e."place_id" = ? OR {near}) ORDER BY e.fid')
        for (fid,) in self._run(db, " ".join(query), [*args, report.place_id, *near_args]).fetchall():
            if same_event(report, self._first(db, int(fid))):
                return int(fid)
        return None

    def _first(self, db: Any, fid: int) -> Event:
        """An event's first report (what later reports are compared with; it never changes: remembered)."""
        first = self._firsts.get(fid)
        if first is None:
            if len(self._firsts) >= MAX_FIRSTS:
                self._firsts.clear()
            first = self._firsts[fid] = self._reports(db, fid, first=True)[0]
        return first

    def _reports(self, db: Any, fid: int, first: bool = False) -> list[Event]:
        """An event's reports, first first (a row another program added has none: the row is its report)."""
        sql = "SELECT record FROM reports WHERE event_fid = ? ORDER BY n" + (" LIMIT 1" if first else "")
        found = [_event(json.loads(record)) for (record,) in self._run(db, sql, [fid]).fetchall()]
        return found or [self._event(db, fid)]

    def _write_event(self, db: Any, fid: int | None, event: Event) -> int:
        record = event_record(event)
        point, point_args = self._point(event.longitude, event.latitude)
        values = [*point_args, *(record[c] for c in EVENT_COLUMNS)]
        names = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
        if fid is None:
            marks = ", ".join("?" * len(EVENT_COLUMNS))
            sql = f"INSERT INTO events (geom, {names}) VALUES ({point}, {marks}) RETURNING fid"
            return int(self._run(db, sql, values).fetchone()[0])
        assignments = ", ".join(f'"{c}" = ?' for c in EVENT_COLUMNS)
        self._run(db, f"UPDATE events SET geom = {point}, {assignments} WHERE fid = ?", [*values, fid])
        return fid

    # -- reading -------------------------------------------------------------------------------------------

    def _event(self, db: Any, fid: int) -> Event:
        row = self._run(db, f"SELECT {_SELECT} FROM events e WHERE e.fid = ?", [fid]).fetchone()
        return _event(_record(row))

    def count(self) -> int:
        """How many events are stored."""
        return int(self._run(self._db(), "SELECT count(*) FROM events").fetchone()[0])

    def get(self, event_id: str) -> Event | None:
        """The event of an id (``event_id_cnty`` as files write it, ``IRQ-...``), or None."""
        sql = f'SELECT {_SELECT} FROM events e WHERE e."event_id_cnty" = ?'
        row = self._run(self._db(), sql, [event_id]).fetchone()
        return _event(_record(row)) if row else None

    def events(self, query: EventQuery = EventQuery()) -> Page:
        """A page of the events that match ``query``, by date (undated last), then as stored."""
        rows, matched = self._page(query)
        return Page(tuple(_event(_record(r)) for r in rows), matched)

    def features(self, query: EventQuery = EventQuery()) -> tuple[list[dict[str, Any]], int]:
        """``events`` as the GeoJSON features ``extract`` writes (``io.events.event_feature``), built from the rows
        as they are (a page of a hundred in a millisecond), and how many match in all."""
        rows, matched = self._page(query)
        out = []
        for row in rows:
            record = _record(row)
            point = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
            out.append({"type": "Feature", "id": record["event_id_cnty"], "geometry": _rounded(point),
                        "properties": record})  # fmt: skip
        return out, matched

    def _page(self, query: EventQuery) -> tuple[list[Any], int]:
        """The rows of a page of the query (``EVENT_COLUMNS``), and how many rows match."""
        clauses: list[str] = []
        args: list[Any] = []
        if query.bbox is not None:
            box, box_args = self._box(query.bbox)
            clauses.append(box)
            args += box_args
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
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        db = self._db()
        matched = int(self._run(db, f"SELECT count(*) FROM events e {where}", args).fetchone()[0])
        sql = f"SELECT {_SELECT} FROM events e {where} {_ORDER} LIMIT ? OFFSET ?"
        return self._run(db, sql, [*args, query.limit, query.offset]).fetchall(), matched

    def territory(self) -> list[Event]:
        """Every event that tells of territory changing hands (for the control timeline)."""
        rows = self._run(self._db(), f'SELECT {_SELECT} FROM events e WHERE e."control_to" IS NOT NULL').fetchall()
        return [_event(_record(r)) for r in rows]

    def extent(self) -> tuple[date, date] | None:
        """The first and last event dates, or None without dated events."""
        first, last = self._run(self._db(), 'SELECT min("event_date"), max("event_date") FROM events').fetchone()
        return (_day(first), _day(last)) if first else None


_INSERT_REPORT = "INSERT INTO reports (key, event_fid, record) VALUES (?, ?, ?)"


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _record(row: Iterable[Any]) -> dict[str, Any]:
    """A row of ``EVENT_COLUMNS`` as ``event_record`` gives it (dates as ISO text, whatever the driver returns)."""
    record = dict(zip(EVENT_COLUMNS, row, strict=True))
    for c in EVENT_DATE_COLUMNS:
        if isinstance(record[c], date):
            record[c] = record[c].isoformat()
    return record


def _event(record: dict[str, Any]) -> Event:
    found = event_of_record(record, record["longitude"], record["latitude"], record["event_id_cnty"])
    assert not isinstance(found, str), f"a stored event reads back: {found}"
    return found


def _report_key(report: Event) -> str:
    return "\x1f".join(map(str, (report.doc_id, report.start, report.end, report.sub_event_type, report.place_id)))
