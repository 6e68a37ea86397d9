"""Hand coding to score extraction against: a coder's places and events of each article.

Two formats (``read_gold``): the JSON Lines of ``../shared/news`` (one object an article:
``id``, ``places``, ``events``; see README, "Evaluating against your own coding"), and a CSV
with ACLED's columns (``event_date``, ``event_type``, ``sub_event_type``, ``latitude``,
``longitude``, ``admin1``, ``fatalities``, ``time_precision``, ``notes``) and the id of the
article each event comes from (``doc_id``, or ``article_id``), as ``geo-events extract``
writes its CSV; ``control_to`` and ``iso_3166_2`` are read when present. An ACLED file codes
no places: the place score is left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from geo_events.errors import ArgumentError, UnreadableFileError

__all__ = ["GoldPlace", "GoldEvent", "GoldArticle", "read_gold", "gold_article"]


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """A toponym as the coder found it in one article (one per surface form)."""

    doc: str
    as_written: str
    canonical: str
    kind: str
    in_iraq: bool
    governorate: str | None
    lat: float | None
    lon: float | None

    @property
    def scored(self) -> bool:
        """Whether the place counts in the place score: Iraqi, not Iraq itself, and with a point
        or a governorate to check a resolution against."""
        is_iraq = self.kind == "country" or self.canonical.casefold() == "iraq"
        return self.in_iraq and not is_iraq and (self.lat is not None or self.governorate is not None)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An event as the coder found it in one article."""

    doc: str
    place_as_written: str
    lat: float | None
    lon: float | None
    governorate: str | None
    date: date | None
    date_precision: str | None
    event_type: str
    sub_event_type: str
    killed: int | None
    control_to: str | None
    evidence: str

    @property
    def placeable(self) -> bool:
        """Whether any prediction can match it: the coder gave a point or a governorate."""
        return self.lat is not None or self.governorate is not None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's coding: its places (None when the coding has none, as ACLED's has not) and events."""

    doc: str
    places: tuple[GoldPlace, ...] | None
    events: tuple[GoldEvent, ...]


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a coder's ``gold.jsonl`` (one JSON object per article: ``id``, ``places``, ``events``), or a CSV
    with ACLED's columns and each event's article (``_acled_records``), as records of the JSON form.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    list of dict
        The records, in file order; blank lines are skipped.

    Raises
    ------
    UnreadableFileError
        For a line that is not valid JSON or not a well-formed record, naming
        the file and line (a ``ValueError``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "gold.jsonl"
    ...     _ = p.write_text('{"id": "d1", "places": [], "events": []}\\n{"id": "d2", ', "utf-8")
    ...     read_gold(p)
    Traceback (most recent call last):
    ...
    geo_events.errors.UnreadableFileError: ...gold.jsonl, line 2: not valid JSON: ...
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _acled_records(path)
    records = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise UnreadableFileError(f"{path}, line {number}: not valid JSON: {e}") from None
            try:
                gold_article(record)
            except ValueError as e:
                raise UnreadableFileError(f"{path}, line {number}: {e}") from None
            records.append(record)
    return records


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArgumentError(f"{what} is {value!r}, not a number")
    return float(value)


def gold_article(record: Any) -> GoldArticle:
    """One gold record (a JSON object of ``gold.jsonl``), checked; an ArgumentError says what is wrong.

    Examples
    --------
    >>> gold_article({"id": "d1", "events": [{"event_type": "Battles", "date": "2016-10-20"}]}).events[0].date
    datetime.date(2016, 10, 20)
    >>> gold_article({"id": "d1", "events": [{"date": "2016-10-20"}]})
    Traceback (most recent call last):
    ...
    geo_events.errors.ArgumentError: d1: event 1: no 'event_type'
    """
    if not isinstance(record, dict):
        raise ArgumentError(f"a record must be a JSON object, not {type(record).__name__}")
    doc = record.get("id")
    if not isinstance(doc, str) or not doc:
        raise ArgumentError("a record needs an 'id' (a non-empty string)")
    places_in, events_in = record.get("places", []), record.get("events", [])
    if not (places_in is None or isinstance(places_in, list)) or not isinstance(events_in, list):
        raise ArgumentError(f"{doc}: 'places' and 'events' must be lists")
    places = (
        None
        if places_in is None
        else tuple(_checked(f"{doc}: place {i + 1}", _gold_place, doc, p) for i, p in enumerate(places_in))
    )
    events = tuple(_checked(f"{doc}: event {i + 1}", _gold_event, doc, e) for i, e in enumerate(events_in))
    return GoldArticle(doc, places, events)


_Gold = TypeVar("_Gold", GoldPlace, GoldEvent)


def _checked(where: str, read: Callable[[str, Any], _Gold], doc: str, item: Any) -> _Gold:
    """``read(doc, item)``; what goes wrong (a missing key, a value of the wrong type) as an ArgumentError."""
    try:
        return read(doc, item)
    except (AttributeError, KeyError, ValueError, TypeError) as e:
        raise ArgumentError(f"{where}: {e if not isinstance(e, KeyError) else f'no {e}'}") from None


def _gold_place(doc: str, p: Any) -> GoldPlace:
    lat, lon = _number(p.get("lat"), "lat"), _number(p.get("lon"), "lon")
    return GoldPlace(
        doc=doc,
        as_written=str(p["as_written"]),
        canonical=str(p.get("canonical") or ""),
        kind=str(p.get("kind") or ""),
        in_iraq=bool(p.get("in_iraq")),
        governorate=p.get("governorate") or None,
        lat=lat if lon is not None else None,
        lon=lon if lat is not None else None,
    )


def _gold_event(doc: str, ev: Any) -> GoldEvent:
    lat, lon = _number(ev.get("lat"), "lat"), _number(ev.get("lon"), "lon")
    killed = _number(ev.get("killed"), "killed")
    return GoldEvent(
        doc=doc,
        place_as_written=str(ev.get("place_as_written") or ""),
        lat=lat if lon is not None else None,
        lon=lon if lat is not None else None,
        governorate=ev.get("governorate") or None,
        date=date.fromisoformat(ev["date"]) if ev.get("date") else None,
        date_precision=ev.get("date_precision") or None,
        event_type=str(ev["event_type"]),
        sub_event_type=str(ev.get("sub_event_type") or ""),
        killed=None if killed is None else int(killed),
        control_to=ev.get("control_to") or None,
        evidence=str(ev.get("evidence") or ""),
    )


#: ACLED's ``time_precision``: 1 the day, 2 the week, 3 the month.
_PRECISIONS = {"1": None, "2": "week", "3": "month"}
_ID_COLUMNS = ("doc_id", "article_id")


def _acled_records(path: Path) -> list[dict[str, Any]]:
    """Gold records from a CSV of events with ACLED's columns and the article of each (``doc_id`` or
    ``article_id``): one record per article, its events in file order, no places (``places`` None)."""
    from gazetteer.sources.base import csv_dicts

    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            header, rows = csv_dicts(f)
            missing = [c for c in ("event_date", "event_type") if c not in header]
            id_column = next((c for c in _ID_COLUMNS if c in header), None)
            if missing or id_column is None:
                need = ", ".join(missing + ([] if id_column else ["doc_id (or article_id)"]))
                raise UnreadableFileError(f"{path}: not a gold CSV: no column {need}")
            records: dict[str, dict[str, Any]] = {}
            for line, row, error in rows:
                if row is None:
                    raise UnreadableFileError(f"{path}, line {line}: {error}")
                try:
                    event = _acled_event(row)
                except (ArgumentError, ValueError) as e:
                    raise UnreadableFileError(f"{path}, line {line}: {e}") from None
                doc = (row.get(id_column) or "").strip()
                if not doc:
                    raise UnreadableFileError(f"{path}, line {line}: no {id_column}")
                records.setdefault(doc, {"id": doc, "places": None, "events": []})["events"].append(event)
    except (OSError, UnicodeDecodeError) as e:
        raise UnreadableFileError(f"{path}: cannot be read ({e})") from None
    return list(records.values())


def _acled_event(row: dict[str, str]) -> dict[str, Any]:
    """One ACLED row as an event of the JSON form (see ``_gold_event``)."""
    from geo_events.text.dates import parse_date

    day = parse_date(row["event_date"]) if row.get("event_date") else None
    if row.get("event_date") and day is None:
        raise ArgumentError(f"event_date {row['event_date']!r} is not a date")
    lat, lon = (row.get(c, "").strip() for c in ("latitude", "longitude"))
    killed = (row.get("fatalities") or "").strip()
    return {
        "place_as_written": row.get("location", ""),
        "lat": float(lat) if lat else None,
        "lon": float(lon) if lon else None,
        "governorate": row.get("iso_3166_2") or _governorate(row.get("admin1", "")),
        "date": day.isoformat() if day else None,
        "date_precision": _PRECISIONS.get((row.get("time_precision") or "1").strip()),
        "event_type": row["event_type"],
        "sub_event_type": row.get("sub_event_type", ""),
        "killed": int(float(killed)) if killed else None,
        "control_to": row.get("control_to") or None,
        "evidence": row.get("notes", ""),
    }


def _governorate(name: str) -> str | None:
    """The ISO 3166-2 code of a governorate named as ACLED names them (*Ninewa*, *Al Anbar*)."""
    if not name.strip():
        return None
    from gazetteer import Gazetteer

    match = Gazetteer.default().resolve(name, context=None)
    return match.place.governorate if match is not None and match.place.is_area else None
