"""Merging reports of one event: same sub-type, same or nearby place, close dates."""

from __future__ import annotations

import dataclasses
import heapq
import math
import pickle
import re
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice
from pathlib import Path

from gazetteer import distance_km
from geo_events.event import Event

__all__ = ["deduplicate", "iter_deduplicated", "same_event", "merge", "MAX_DAYS", "MAX_KM"]

#: Reports this many days apart, or less, can describe one event.
MAX_DAYS = 2
#: Places this many kilometres apart, or less, can be one event's place.
MAX_KM = 10.0
#: An event is compared with at most this many open groups, the oldest (of its sub-type, at its place and
#: around it): thousands of distinct incidents of one kind at one place in a few days (a hostile or very long
#: bulletin) then cost time in proportion to their number, not its square; a report of a later one of them
#: opens a group of its own.
MAX_CANDIDATES = 64
#: Sorted runs on disk merged into one when there are this many (open files stay few).
MAX_RUNS = 64
#: A report that says it is another incident (*Another bomb wounded four soldiers*, *in a second blast*): not
#: one its article told before, however alike (bulletins tell several bombs at one place on one day).
_ANOTHER = re.compile(
    r"\b(?:another(?!\s+(?:was|were|is|are|has|had|one)\b)|a (?:second|third|fourth|fifth|further|separate)"
    r"|separately)\b",
    re.IGNORECASE,
)


def same_event(a: Event, b: Event) -> bool:
    """Whether two extracted events are reports of one event.

    Examples
    --------
    >>> from geo_events.extract import extract_events
    >>> from geo_events.articles import Article
    >>> from datetime import date
    >>> e1, e2 = (extract_events([Article(i, "", t, date(2016, 6, d))], deduplicate=False)[0]
    ...           for i, t, d in [("a", "Troops retook Saqlawiya.", 17), ("b", "Forces recaptured Saqlawiyah.", 18)])
    >>> same_event(e1, e2)
    True
    """
    if a.sub_event_type != b.sub_event_type:
        return False
    if a.event_date is None or b.event_date is None:
        if not (a.event_date is None and b.event_date is None and a.doc_id == b.doc_id):
            return False
    elif abs((a.event_date - b.event_date).days) > MAX_DAYS:
        return False
    if (
        a.doc_id == b.doc_id
        and a.start != b.start
        and (_says_another(a.sentence) or _says_another(b.sentence) or _other_victims(a, b) or _elsewhere(a, b))
    ):
        return False
    if a.place_id == b.place_id:
        return True
    if set(a.sources) & set(b.sources):
        return False  # one report names two places: two events
    if a.geo_precision == 3 or b.geo_precision == 3:
        return False  # a governorate is not "nearby" a town in it
    if abs(a.latitude - b.latitude) > MAX_KM / 110:
        return False  # a degree of latitude is over 110 km: no need to measure
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MAX_KM


def _other_victims(a: Event, b: Event) -> bool:
    """Whether two reports count the dead of different sides (*Clashes in Ramadi killed two policemen. Five
    gunmen were killed in a clash.*): two incidents of a bulletin, not one told twice."""
    return bool(a.fatalities and b.fatalities and a.side2 and b.side2 and a.side2 != b.side2)


@lru_cache(maxsize=4096)
def _says_another(sentence: str) -> bool:
    """Whether a report says it is another incident (``_ANOTHER``); remembered, as pairs share reports."""
    return _ANOTHER.search(sentence) is not None


#: Where a sentence says its incident was (*a bomb in Bayaa*, *in the Amil district*): the capitalised name after
#: *in*, as written, which a bulletin's sentences each give their own of, although all are placed at Baghdad.
_IN_NAME = re.compile(r"\bin\s+(?:the\s+)?((?:al-|Al-)?[A-Z][\w’'-]*(?:\s+(?:al-)?[A-Z][\w’'-]*){0,2})")
#: An incident told before, referred to (*the attack*, *the car bomb in Karrada*, *the gunmen*): not another one.
_TOLD_BEFORE = re.compile(
    r"\b(?:the|this|that|Sunday's|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's)\s+(?:\w+\s+)?"
    r"(?:attacks?|assault|bombings?|bombs?|blasts?|explosions?|incident|strikes?|shooting|ambush|attackers?|"
    r"bombers?|gunmen|assailants)\b",
    re.IGNORECASE,
)
#: A name's words, for comparing spellings: no article, possessive, or final *h* (*Hilla*, *Hillah*).
_WORD_ENDS = re.compile(r"^al-|['’]s$|h$")


def _words(name: str) -> set[str]:
    return {_WORD_ENDS.sub("", w) for w in re.split(r"[\s-]+", name.lower()) if w not in ("al", "")}


@lru_cache(maxsize=4096)
def _names_in(sentence: str, location: str) -> frozenset[str]:
    """The words of the places a sentence names after *in*, but those of the event's own place (*in Baghdad's
    Karrada district*, for an event at Baghdad: *karrada*, *district*)."""
    own = _words(location)
    return frozenset(w for m in _IN_NAME.finditer(sentence) for w in _words(m.group(1)) - own)


@lru_cache(maxsize=4096)
def _refers_back(sentence: str) -> bool:
    return _TOLD_BEFORE.search(sentence) is not None


def _elsewhere(a: Event, b: Event) -> bool:
    """Whether two reports of one article tell incidents at places they name differently (not the place both are
    placed at), neither referring to one told before (*In Baghdad, a bomb in Bayaa killed two. A bomb in Amil
    wounded five.*): two incidents, though both quarters are placed at Baghdad. A lead and its details
    (*... in Baghdad. The car bomb went off in Jadriya*) are one."""
    names_a, names_b = _names_in(a.sentence, a.location), _names_in(b.sentence, b.location)
    return bool(
        names_a and names_b and not names_a & names_b and not _refers_back(a.sentence) and not _refers_back(b.sentence)
    )


def merge(group: Sequence[Event]) -> Event:
    """One event from several reports of it.

    The most precise report (place, then date, then confidence) gives the
    place and date; fatalities are the most conservative known count, as
    ACLED codes conflicting reports; sources and evidence are all kept, and
    reports of different dates give the range in ``date_from`` and ``date_to``.
    """
    best = min(group, key=lambda e: (e.geo_precision, e.time_precision or 9, -e.confidence))

    def conservative(attr: str) -> int | None:
        values = [getattr(e, attr) for e in group if getattr(e, attr) is not None]
        return min(values) if values else None

    def widest(attr: str, pick) -> int | None:
        values = [getattr(e, attr) for e in group if getattr(e, attr) is not None]
        return pick(values) if values else None

    missing = 1.0
    for e in group:
        missing *= 1 - e.confidence
    dates = [e.event_date for e in group if e.event_date is not None]
    return dataclasses.replace(
        best,
        date_from=min(dates) if len(set(dates)) > 1 else None,
        date_to=max(dates) if len(set(dates)) > 1 else None,
        fatalities=conservative("fatalities"),
        fatalities_low=widest("fatalities_low", min),
        fatalities_high=None
        if any(e.fatalities is not None and e.fatalities_high is None for e in group)
        else widest("fatalities_high", max),
        wounded=conservative("wounded"),
        wounded_low=widest("wounded_low", min),
        wounded_high=None
        if any(e.wounded is not None and e.wounded_high is None for e in group)
        else widest("wounded_high", max),
        control_to=best.control_to or next((e.control_to for e in group if e.control_to), None),
        extent=best.extent if best.control_to else next((e.extent for e in group if e.control_to), "whole"),
        actor1=best.actor1 or next((e.actor1 for e in group if e.actor1), ""),
        side1=best.side1 or next((e.side1 for e in group if e.side1), None),
        actor2=best.actor2 or next((e.actor2 for e in group if e.actor2), ""),
        side2=best.side2 or next((e.side2 for e in group if e.side2), None),
        confidence=round(min(0.99, 1 - missing), 2),
        sources=tuple(dict.fromkeys(s for e in group for s in e.sources)),
        urls=tuple(dict.fromkeys(u for e in group for u in e.urls)),
        evidence=tuple(dict.fromkeys(x for e in group for x in e.evidence)),
    )


def _order(e: Event) -> tuple[date, str, str, str]:
    """Events by date; undated ones last, by document (they are reports of one event only within one)."""
    return (e.event_date or _FAR, "" if e.event_date else e.doc_id, e.sub_event_type, e.place_id)


#: Side of the grid cells (degrees) that open groups are found by: a degree of longitude is
#: 88 km or more in Iraq (south of 37.5° N), so a place within ``MAX_KM`` is in the same or a neighbouring cell.
_CELL = MAX_KM / 88


def _cell(e: Event) -> tuple[str, int, int]:
    return (e.sub_event_type, math.floor(e.latitude / _CELL), math.floor(e.longitude / _CELL))


@dataclass
class _Group:
    """Reports of one event, its first report first; ``number`` orders groups as they were opened."""

    number: int
    events: list[Event]


class _Open:
    """The groups that later reports may still join, indexed by sub-type and place, and by sub-type and grid cell.

    Groups are opened in date order and close in that order too, so each index
    keeps its groups oldest first, and a closing group is first in each of them.
    (An event read from a file may give a place id and a point that disagree:
    the index by place finds its group wherever its point is.)
    """

    def __init__(self) -> None:
        self.groups: deque[_Group] = deque()
        self.by_place: dict[tuple[str, str], deque[_Group]] = {}
        self.by_cell: dict[tuple[str, int, int], deque[_Group]] = {}
        self.opened = 0

    def open(self, e: Event) -> None:
        group = _Group(self.opened, [e])
        self.opened += 1
        self.groups.append(group)
        self.by_place.setdefault((e.sub_event_type, e.place_id), deque()).append(group)
        self.by_cell.setdefault(_cell(e), deque()).append(group)

    def close(self, before: date | None = None) -> Iterator[list[Event]]:
        """Close the groups whose first report is older than ``before`` (all of them without it)."""
        while self.groups and (before is None or (self.groups[0].events[0].event_date or _FAR) < before):
            group = self.groups.popleft()
            first = group.events[0]
            _drop_first(self.by_place, (first.sub_event_type, first.place_id))
            _drop_first(self.by_cell, _cell(first))
            yield group.events

    def join(self, e: Event) -> bool:
        """Add ``e`` to the oldest open group whose first report it is a report of, if there is one among the
        ``MAX_CANDIDATES`` oldest of its sub-type at its place and around it."""
        candidates = {
            g.number: g for g in islice(self.by_place.get((e.sub_event_type, e.place_id), ()), MAX_CANDIDATES)
        }
        kind, row, col = _cell(e)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                cell = self.by_cell.get((kind, row + dr, col + dc), ())
                candidates.update((g.number, g) for g in islice(cell, MAX_CANDIDATES))
        for _, group in sorted(candidates.items())[:MAX_CANDIDATES]:
            if same_event(e, group.events[0]):
                group.events.append(e)
                return True
        return False


def _drop_first(index: dict, key: tuple) -> None:
    queue = index[key]
    queue.popleft()
    if not queue:
        del index[key]


def _groups(ordered: Iterable[Event]) -> Iterator[list[Event]]:
    """Groups of reports of one event, from events in ``_order``; each group as soon as it is complete.

    A group is the reports of one event as its first report tells it: each of
    them is ``same_event`` as the first (at most ``MAX_DAYS`` after it, at its
    place or within ``MAX_KM``), never only as another member, so reports of
    an event that recurs at a place every other day do not chain into one.
    A group is complete when the events reach a date more than ``MAX_DAYS``
    after its first report, or, undated, another document. An event joins the
    oldest open group it can. Each event is compared with the open groups of
    its sub-type at its place and in the neighbouring grid cells only: time
    grows with the events, not with their square.
    """
    open_groups = _Open()
    day: date | str | None = None  # the date of the events, or the document of undated ones
    for e in ordered:
        now = e.event_date or e.doc_id
        if now != day:  # events come by date: groups close only when it moves on
            day = now
            yield from open_groups.close(e.event_date - timedelta(days=MAX_DAYS) if e.event_date else None)
        if not open_groups.join(e):
            open_groups.open(e)
    yield from open_groups.close()


def deduplicate(events: Sequence[Event]) -> list[Event]:
    """Merge events that report the same thing; order by date, then place.

    Parameters
    ----------
    events : sequence of Event

    Returns
    -------
    list of Event
        One event per group of reports, with every source listed.

    Examples
    --------
    >>> deduplicate([])
    []
    """
    merged = [merge(g) if len(g) > 1 else g[0] for g in _groups(sorted(events, key=_order))]
    return sorted(merged, key=lambda e: (e.event_date or _FAR, e.location, e.sub_event_type))


def iter_deduplicated(events: Iterable[Event], chunk: int = 4_000) -> Iterator[Event]:
    """Merge reports of the same event in a stream, in memory bounded by ``chunk``.

    The events are sorted by date on disk (sorted runs of ``chunk`` events
    spilled to temporary files, then merged), then grouped as ``deduplicate`` groups
    them: the same events come out, each group as soon as no later report can
    join it, so roughly by date. Memory holds one run while sorting, then the
    events of a few days.

    Examples
    --------
    >>> list(iter_deduplicated(iter([])))
    []
    """
    with tempfile.TemporaryDirectory(prefix="geo-events-dedupe-") as tmp:
        for group in _groups(_sorted_on_disk(events, chunk, Path(tmp))):
            yield merge(group) if len(group) > 1 else group[0]


def _sorted_on_disk(events: Iterable[Event], chunk: int, folder: Path) -> Iterator[Event]:
    """Events in ``_order``: sorted runs of ``chunk`` events pickled to ``folder``, then merged."""
    runs: list[Path] = []
    batch: list[Event] = []
    spilled = 0
    for e in events:
        batch.append(e)
        if len(batch) >= chunk:
            spilled += 1
            runs.append(_spill(sorted(batch, key=_order), folder / f"run{spilled}.pickle"))
            batch = []
            if len(runs) == MAX_RUNS:  # merge them into one, so that few files are ever open at once
                spilled += 1
                merged = _spill(heapq.merge(*map(_unspill, runs), key=_order), folder / f"run{spilled}.pickle")
                for run in runs:
                    run.unlink()
                runs = [merged]
    batch.sort(key=_order)
    if not runs:
        yield from batch
        return
    yield from heapq.merge(*(_unspill(r) for r in runs), batch, key=_order)


#: Events pickled together (one pickle per event costs more than the event).
_BLOCK = 64


def _spill(events: Iterable[Event], path: Path) -> Path:
    with path.open("wb") as fh:
        block: list[Event] = []
        for e in events:
            block.append(e)
            if len(block) == _BLOCK:
                pickle.dump(block, fh, protocol=pickle.HIGHEST_PROTOCOL)
                block = []
        pickle.dump(block, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _unspill(path: Path) -> Iterator[Event]:
    with path.open("rb") as fh:
        while True:
            try:
                yield from pickle.load(fh)
            except EOFError:
                return


_FAR = date(9999, 12, 31)
