"""What a running server holds: its store of events, the gazetteer and extractor it reads posts with, and what it
derives from the events (the control timeline, the maps' data), kept until the next post changes the events."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from gazetteer import Gazetteer
from geo_events.articles import Article, Skipped, article_of_record
from geo_events.control import PERIOD, ControlTimeline
from geo_events.event import Event, ExtractionResult
from geo_events.extract.run import iter_events
from geo_events.serve.store import EventQuery, EventStore

__all__ = ["Service", "Posted", "MAX_ARTICLES"]

#: Articles one request may post.
MAX_ARTICLES = 1_000
#: The earliest day control maps go back to, however early a stored event: the 2003 invasion.
EARLIEST = date(2003, 3, 20)
#: Events read from the store at a time for the maps.
PAGE = 10_000
#: Derived things kept (timeline, maps, areas at a date), the oldest dropped first.
MAX_CACHED = 64
T = TypeVar("T")


@dataclass(frozen=True)
class Posted:
    """What a post did: the events its articles are in (merged with what was stored), and a report."""

    events: tuple[Event, ...]
    report: dict[str, Any] = field(default_factory=dict)


class Service:
    """The state behind the endpoints.

    Parameters
    ----------
    store : EventStore
        Where events are kept.
    gazetteer : Gazetteer, optional
        What posted articles' places are resolved with (the embedded one by default).
    """

    def __init__(self, store: EventStore, gazetteer: Gazetteer | None = None) -> None:
        self.store = store
        self.gazetteer = gazetteer or Gazetteer.default()
        self._lock = threading.Lock()
        self._cache: dict[Any, tuple[int, Any]] = {}
        self._locks: dict[Any, threading.Lock] = {}

    def cached(self, key: Any, build: Callable[[], T]) -> T:
        """``build()``, kept until the stored events change (one build at a time: a map is costly)."""
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one build of a key at a time; other keys (a build may need one) are not held up
            hit = self._cache.get(key)
            generation = self.store.generation  # one query of the database a call
            if hit is not None and hit[0] == generation:
                return hit[1]  # type: ignore[no-any-return]
            try:
                value = build()
            except BaseException:
                with self._lock:
                    self._locks.pop(key, None)  # a key that fails keeps nothing
                raise
            with self._lock:
                self._cache[key] = (generation, value)
                while len(self._cache) > MAX_CACHED:  # maps of many dates asked for: the oldest go
                    oldest = next(iter(self._cache))
                    del self._cache[oldest]
                    self._locks.pop(oldest, None)
        return value

    def post(self, records: Sequence[dict[str, Any]]) -> Posted:
        """Extract the events of posted articles (records as ``extract`` reads JSON Lines) and store them."""
        result = ExtractionResult()
        articles: list[Article | Skipped] = [
            article_of_record(rec, f"article-{i}", "request", i) for i, rec in enumerate(records, 1)
        ]
        reports = list(iter_events(articles, self.gazetteer, result))
        added = self.store.add(reports)
        read = [a for a in articles if isinstance(a, Article)]
        report = {
            "articles": len(records),
            "articles_read": len(read),
            "skipped": [{"article": s.line, "reason": s.reason} for s in result.skipped],
            "reports": len(reports),
            "events": len(added.events),
            "new_events": added.new,
            "unlocated": [
                {"doc_id": u.doc_id, "sub_event_type": u.sub_event_type, "reason": u.reason} for u in result.unlocated
            ],
            "undated_documents": result.undated_documents,
            "notes": [note for a in read for note in a.notes],
        }
        return Posted(added.events, report)

    def timeline(self) -> ControlTimeline:
        """The embedded timeline updated with the stored events' territory changes."""
        return self.cached("timeline", lambda: ControlTimeline.default().update(self.store.territory()))

    def all_events(self) -> list[Event]:
        """Every stored event (for the maps)."""

        def load() -> list[Event]:
            out: list[Event] = []
            while True:  # a page at a time, until one comes back short
                page = self.store.events(EventQuery(limit=PAGE, offset=len(out))).events
                out += page
                if len(page) < PAGE:
                    return out

        return self.cached("events", load)

    def period(self) -> tuple[date, date]:
        """The period the control maps cover: the embedded timeline's, widened to the stored events' within
        ``EARLIEST`` and today (a report dated 1900 or 2099 by mistake does not make a map of two centuries)."""
        extent = self.store.extent()
        if extent is None:
            return PERIOD
        first = max(min(PERIOD[0], extent[0]), EARLIEST)
        return (first, max(first, PERIOD[1], min(extent[1], date.today())))
