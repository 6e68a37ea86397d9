"""The event record, in ACLED's taxonomy, and what extracting a batch of articles gives.

``Event`` is one row of the event table: ACLED's columns where ACLED has one,
sides and the new controller of territory events, and the evidence (document,
sentence, character offsets, confidence). ``Unlocated`` is an event that names
no place it can be put at; ``ExtractionResult`` gathers a batch's events and
what was skipped. The records are plain frozen dataclasses, kept apart from the
extraction rules (``geo_events.extract``) so that readers and writers
(``geo_events.io``, ``geo_events.dedupe``, ``geo_events.control``) need only them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geo_events.articles import Skipped
from geo_events.vocab import EVENT_TYPES, TERRITORY

__all__ = ["Event", "Unlocated", "ExtractionResult", "EVENT_TYPES", "TERRITORY"]


@dataclass(frozen=True)
class Event:
    """One event, with the evidence it was extracted from.

    Column names follow ACLED where it has one (``event_date``,
    ``time_precision``, ``event_type``, ``sub_event_type``, ``actor1``,
    ``actor2``, ``admin1``, ``admin2``, ``location``, ``latitude``,
    ``longitude``, ``geo_precision``, ``fatalities``, ``notes``,
    ``source``).

    Examples
    --------
    >>> from geo_events import Article, extract_events
    >>> e = extract_events([Article("d1", "", "Troops retook Hit today.", date(2016, 4, 14))])[0]
    >>> e.sub_event_type, e.location, e.control_to, e.event_date.isoformat()
    ('Government regains territory', 'Hit', 'government', '2016-04-14')
    """

    event_id: str
    event_date: date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    side1: str | None
    side2: str | None
    actor1: str
    actor2: str
    place_id: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int
    admin1: str | None
    iso_3166_2: str | None
    admin2: str | None
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    wounded: int | None
    wounded_low: int | None
    wounded_high: int | None
    control_to: str | None
    doc_id: str
    sentence: str
    start: int
    end: int
    confidence: float
    date_expression: str = ""
    date_note: str = ""
    #: Why a count the text gives is not in ``fatalities`` or ``wounded`` (above ``casualties.MAX_COUNT``).
    count_note: str = ""
    #: The first and last date its reports give, for an event merged from reports of several dates.
    date_from: date | None = None
    date_to: date | None = None
    sources: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    evidence: tuple[str, ...] = field(default=(), repr=False)
    #: ``part`` where a territory event is about part of its place (``vocab.EXTENTS``): ``control_to`` took
    #: that part, and the control timeline makes the place ``contested``.
    extent: str = "whole"

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON point, ``[longitude, latitude]``."""
        return {"type": "Point", "coordinates": (self.longitude, self.latitude)}

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready record (dates as ISO strings, lists joined by ``; ``)."""
        out = dict(self.__dict__)  # the fields, in order; flat: no deep copy as asdict makes
        out["event_date"] = self.event_date.isoformat() if self.event_date else None
        out["date_from"] = self.date_from.isoformat() if self.date_from else None
        out["date_to"] = self.date_to.isoformat() if self.date_to else None
        out["year"] = self.event_date.year if self.event_date else None
        out["sources"] = "; ".join(self.sources)
        out["urls"] = "; ".join(self.urls)
        out["evidence"] = " | ".join(self.evidence)
        out["notes"] = self.sentence
        out["country"] = "Iraq"
        out["iso"] = 368
        return out


@dataclass(frozen=True)
class Unlocated:
    """An event found in a sentence that names no Iraqi place it can be put at.

    Examples
    --------
    >>> Unlocated("d1", "Armed clash", "Clashes raged.", 0, 14, "no Iraqi place in the sentence").reason
    'no Iraqi place in the sentence'
    """

    doc_id: str
    sub_event_type: str
    sentence: str
    start: int
    end: int
    reason: str


@dataclass
class ExtractionResult:
    """Events of a batch of articles, and what could not be placed or dated."""

    events: list[Event] = field(default_factory=list)
    unlocated: list[Unlocated] = field(default_factory=list)
    per_document: dict[str, int] = field(default_factory=dict)
    undated_documents: list[str] = field(default_factory=list)
    #: Inputs the readers skipped, passed along with the articles (``iter_articles`` yields both).
    skipped: list[Skipped] = field(default_factory=list)
