"""Scoring extraction against hand-coded events or mentions: precision, recall, F1.

``score`` and ``evaluate`` score keys (the seed gold, ``tests/data/seed_gold.json``);
``read_gold`` and ``score_news`` score real reporting against a coder's ``gold.jsonl``
(``../shared/news``) with the matching rules of its README: by distance, date window and
event type, one-to-one per article. Those rules, as ``score_news`` applies them:

- **events**: a predicted event matches a coded one of the same ACLED
  ``event_type`` within 15 km of the coded point (or, when the coder gave
  no point, with ``iso_3166_2`` the coded governorate) dated within 3 days
  of it (10 when the coded ``date_precision`` is week, month or
  approximate). A coded event without a date sets no date condition; a
  predicted event without one matches nothing. A coded event with neither
  a point nor a governorate matches nothing (``NewsScores.unplaceable``
  counts them). Matching is one-to-one: a maximum matching, near pairs first.
- **territory**: the same over events with a ``control_to`` on both
  sides, which must agree (the event type need not).
- **killed**: over matched event pairs whose coded ``killed`` is not
  null, the predicted ``fatalities`` (the conservative count, as ACLED
  keeps; none counts as 0) equal to it, and within 10% of it.
- **places**: coded places in Iraq, except Iraq itself (``find_mentions``
  reports *Iraq* unresolved, so it is never a hit nor a miss) and places the
  coder could give neither a point nor a governorate (the Kurdistan Region,
  unidentified villages), against which no resolution can be checked.
  Predictions are the distinct surface forms of an article's resolved
  mentions (Iraqi places). A form matches a coded place when it is its
  ``as_written`` or holds it as whole words (*Anbar province* for
  *Anbar*; case and quote marks aside) and resolves within 15 km of the
  coded point (25 km for a neighbourhood) or, for a coded governorate,
  district or place without a point, into the coded governorate;
  one-to-one, exact forms first. A form that only matches a coded place
  another form took, or a place left out, is neither a hit nor a false hit.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from gazetteer import distance_km
from geo_events.errors import ArgumentError, UnreadableFileError

if TYPE_CHECKING:
    from gazetteer import Gazetteer
    from geo_events.articles import Article
    from geo_events.event import Event
    from geo_events.extract.mentions import Mention

__all__ = [
    "Score",
    "score",
    "evaluate",
    "GoldPlace",
    "GoldEvent",
    "Killed",
    "ArticleScore",
    "NewsScores",
    "read_gold",
    "score_news",
]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of true positives, false positives and false negatives.

    Examples
    --------
    >>> s = Score(tp=8, fp=2, fn=1)
    >>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 2)
    (0.8, 0.89, 0.84)
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        counts = f"tp {self.tp}, fp {self.fp}, fn {self.fn}"
        return f"precision {self.precision:.2f}, recall {self.recall:.2f}, F1 {self.f1:.2f} ({counts})"


def score(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> Score:
    """Compare two bags of keys (e.g. ``(doc, sub_event_type, location)``).

    Each gold key matches at most as many predictions as it occurs.

    Examples
    --------
    >>> str(score([("d", "Ramadi"), ("d", "Hit")], [("d", "Ramadi"), ("d", "Anah")]))
    'precision 0.50, recall 0.50, F1 0.50 (tp 1, fp 1, fn 1)'
    """
    p, g = Counter(predicted), Counter(gold)
    tp = sum((p & g).values())
    return Score(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def evaluate(articles, gold: dict, gazetteer=None) -> dict[str, Score]:
    """Score mentions, events and controllers of articles against hand coding.

    Parameters
    ----------
    articles : iterable of Article
        The articles the gold standard describes.
    gold : dict
        ``places`` and ``foreign`` (doc id -> names), ``events`` (doc id ->
        ``[sub_event_type, location]`` pairs) and ``controllers`` (doc id ->
        {location: side}), as in ``tests/data/seed_gold.json``.
    gazetteer : Gazetteer, optional

    Returns
    -------
    dict of Score
        ``places`` (distinct Iraqi places per document), ``foreign``,
        ``events`` (sub-type and place per document, after merging
        duplicates within each document), ``events_by_place`` (place only)
        and ``controllers``.

    Examples
    --------
    >>> from datetime import date
    >>> from geo_events.articles import Article
    >>> arts = [Article("d", "", "Troops retook Hit on Monday.", date(2016, 4, 18))]
    >>> gold = {"places": {"d": ["Hit"]}, "events": {"d": [["Government regains territory", "Hit"]]}}
    >>> evaluate(arts, gold)["events"].f1
    1.0
    """
    from gazetteer import Gazetteer
    from geo_events.extract import extract_events
    from geo_events.extract.mentions import find_mentions

    gazetteer = gazetteer or Gazetteer.default()
    places: list[tuple[str, str]] = []
    foreign: list[tuple[str, str]] = []
    events: list[tuple[str, str, str]] = []
    by_place: list[tuple[str, str]] = []
    controllers: list[tuple[str, str, str]] = []
    for article in articles:
        doc = article.id
        mentions = find_mentions(article.full_text, gazetteer, doc)
        places += {(doc, m.place.name) for m in mentions if m.place is not None}
        foreign += {(doc, m.resolution.foreign.name) for m in mentions if m.resolution.foreign is not None}
        found = extract_events([article], gazetteer)
        events += [(doc, e.sub_event_type, e.location) for e in found]
        by_place += {(doc, e.location) for e in found}
        controllers += [(doc, e.location, e.control_to) for e in found if e.control_to]
    g = {k: gold.get(k, {}) for k in ("places", "foreign", "events", "controllers")}
    return {
        "places": score(places, [(d, n) for d, names in g["places"].items() for n in names]),
        "foreign": score(foreign, [(d, n) for d, names in g["foreign"].items() for n in names]),
        "events": score(events, [(d, t, loc) for d, evs in g["events"].items() for t, loc in evs]),
        "events_by_place": score(by_place, {(d, loc) for d, evs in g["events"].items() for _, loc in evs}),
        "controllers": score(controllers, [(d, p, s) for d, cs in g["controllers"].items() for p, s in cs.items()]),
    }


# --- Real reporting: ../shared/news (gold.jsonl) -----------------------------------------------

#: A predicted event or place is this near the coded point (km) to match it.
MAX_KM = 15.0
#: The same, for a coded neighbourhood (which carries its city's point).
NEIGHBOURHOOD_KM = 25.0
#: Days between predicted and coded dates that still match: by default, and when the coder's date is vague.
DAYS = 3
VAGUE_DAYS = 10
VAGUE_PRECISIONS = frozenset({"week", "month", "approximate"})
#: Coded kinds of place that match a mention resolving anywhere in their governorate.
AREA_KINDS = frozenset({"governorate", "district"})


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
class Killed:
    """Agreement of the death counts of matched events.

    ``pairs`` are the matched event pairs whose coded ``killed`` is not null;
    ``exact`` of them have the predicted ``fatalities`` equal to it, ``within_10pct``
    within 10% of it. The shares are 1.0 when there is no pair.

    Examples
    --------
    >>> k = Killed(pairs=4, exact=2, within_10pct=3)
    >>> k.exact_share, k.within_10pct_share
    (0.5, 0.75)
    """

    pairs: int
    exact: int
    within_10pct: int

    @property
    def exact_share(self) -> float:
        return self.exact / self.pairs if self.pairs else 1.0

    @property
    def within_10pct_share(self) -> float:
        return self.within_10pct / self.pairs if self.pairs else 1.0

    def __str__(self) -> str:
        return (
            f"exact {self.exact_share:.2f}, within 10% {self.within_10pct_share:.2f} "
            f"(of {self.pairs} matched events with a coded count)"
        )


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """What matched and what failed in one article.

    ``matched`` pairs coded and predicted events; ``missed`` are coded events no
    prediction matched (their ``evidence`` is the sentence), ``false_hits``
    predicted events that match no coded one (``sentence``); the same for
    territory changes, and for places: coded places no mention matched, and
    surface forms of mentions (the first of each) that match no coded place.
    """

    doc: str
    events: Score
    territory: Score
    places: Score
    matched: tuple[tuple[GoldEvent, Event], ...]
    missed: tuple[GoldEvent, ...]
    false_hits: tuple[Event, ...]
    missed_territory: tuple[GoldEvent, ...]
    false_territory: tuple[Event, ...]
    missed_places: tuple[GoldPlace, ...]
    false_places: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class NewsScores:
    """Scores of extraction on articles against a coder's ``gold.jsonl`` (see ``score_news``)."""

    places: Score
    events: Score
    territory: Score
    killed: Killed
    articles: tuple[ArticleScore, ...]

    @property
    def unplaceable(self) -> int:
        """Coded events with neither a point nor a governorate, which no prediction can match."""
        return sum(1 for a in self.articles for g in a.missed if not g.placeable)

    def headline(self) -> list[str]:
        """The headline figures, one line each: places, events, territory, killed."""
        return [
            f"places     {self.places}",
            f"events     {self.events}",
            f"territory  {self.territory}",
            f"killed     {self.killed}",
        ]


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a coder's ``gold.jsonl``: one JSON object per article (``id``, ``places``, ``events``).

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
                _gold_article(record)
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


def _gold_article(record: Any) -> tuple[str, tuple[GoldPlace, ...], tuple[GoldEvent, ...]]:
    """The id, places and events of one gold record, checked; an ArgumentError says what is wrong."""
    if not isinstance(record, dict):
        raise ArgumentError(f"a record must be a JSON object, not {type(record).__name__}")
    doc = record.get("id")
    if not isinstance(doc, str) or not doc:
        raise ArgumentError("a record needs an 'id' (a non-empty string)")
    places_in, events_in = record.get("places", []), record.get("events", [])
    if not isinstance(places_in, list) or not isinstance(events_in, list):
        raise ArgumentError(f"{doc}: 'places' and 'events' must be lists")
    places = tuple(_checked(f"{doc}: place {i + 1}", _gold_place, doc, p) for i, p in enumerate(places_in))
    events = tuple(_checked(f"{doc}: event {i + 1}", _gold_event, doc, e) for i, e in enumerate(events_in))
    return doc, places, events


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


def _dated_alike(gold: GoldEvent, event: Event) -> bool:
    """The date rule: a coded date without a day gives no condition; a predicted event without a date fails."""
    if gold.date is None:
        return True
    if event.event_date is None:
        return False
    window = VAGUE_DAYS if gold.date_precision in VAGUE_PRECISIONS else DAYS
    return abs((event.event_date - gold.date).days) <= window


def _event_key(gold: GoldEvent, event: Event, territory: bool) -> tuple[float, int] | None:
    """How near a predicted event is to a coded one (km, days), or None when they do not match."""
    if territory:
        if event.control_to is None or event.control_to != gold.control_to:
            return None
    elif event.event_type != gold.event_type:
        return None
    if not _dated_alike(gold, event):
        return None
    if gold.lat is not None and gold.lon is not None:
        km = distance_km(gold.lat, gold.lon, event.latitude, event.longitude)
        if km > MAX_KM:
            return None
    elif gold.governorate is not None and event.iso_3166_2 == gold.governorate:
        km = MAX_KM  # in the governorate: no nearer than any point match
    else:
        return None
    days = abs((event.event_date - gold.date).days) if event.event_date and gold.date else 0
    return km, days


def _assign(keys: dict[tuple[int, int], tuple[float, int]]) -> dict[int, int]:
    """A maximum one-to-one matching of coded to predicted items (coded index -> predicted index).

    ``keys`` holds the pairs that may match with their nearness. Augmenting paths (Kuhn's
    algorithm) give the largest number of pairs; coded items are taken nearest pair first and
    try their candidates nearest first, so that near pairs are kept when there is a choice.
    The result depends only on the keys and indexes: deterministic.

    Examples
    --------
    >>> _assign({(0, 0): (1.0, 0), (0, 1): (5.0, 0), (1, 0): (2.0, 0)})
    {0: 1, 1: 0}
    """
    options: dict[int, list[int]] = {}
    for (g, p), _ in sorted(keys.items(), key=lambda kv: (kv[1], kv[0])):
        options.setdefault(g, []).append(p)
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p not in seen:
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in options:  # in order of their nearest candidate
        augment(g, set())
    return dict(sorted((g, p) for p, g in owner.items()))


def _match_events(
    gold: Sequence[GoldEvent], predicted: Sequence[Event], territory: bool
) -> tuple[list[tuple[GoldEvent, Event]], list[GoldEvent], list[Event]]:
    keys = {}
    for i, g in enumerate(gold):
        for j, e in enumerate(predicted):
            key = _event_key(g, e, territory)
            if key is not None:
                keys[i, j] = key
    pairs = _assign(keys)
    taken = set(pairs.values())
    return (
        [(gold[i], predicted[j]) for i, j in pairs.items()],
        [g for i, g in enumerate(gold) if i not in pairs],
        [e for j, e in enumerate(predicted) if j not in taken],
    )


def _holds(mention: str, written: str) -> bool:
    """Whether a mention's text is a coded surface form or holds it as whole words (*Anbar province*)."""
    m, w = _fold_quotes(mention), _fold_quotes(written)
    return m == w or re.search(rf"(?<!\w){re.escape(w)}(?!\w)", m) is not None


def _fold_quotes(text: str) -> str:
    return " ".join(text.casefold().translate(_QUOTES).split())


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "–": "-"})


def _place_matches(gold: GoldPlace, mention: Mention) -> bool:
    place = mention.place
    if place is None or not _holds(mention.text, gold.as_written):
        return False
    if gold.lat is not None and gold.lon is not None:
        radius = NEIGHBOURHOOD_KM if gold.kind == "neighbourhood" else MAX_KM
        if distance_km(gold.lat, gold.lon, place.lat, place.lon) <= radius:
            return True
    in_area = gold.kind in AREA_KINDS or gold.lat is None
    return in_area and gold.governorate is not None and place.governorate == gold.governorate


def _score_places(
    gold: Sequence[GoldPlace], mentions: Sequence[Mention]
) -> tuple[Score, list[GoldPlace], list[Mention]]:
    """Coded Iraqi places against the distinct surface forms of resolved mentions (first of each)."""
    forms: dict[str, Mention] = {}
    for m in mentions:
        if m.status == "resolved" and m.place is not None:
            forms.setdefault(m.text, m)
    predicted = list(forms.values())
    scored = [g for g in gold if g.scored]
    unscored = [g for g in gold if not g.scored and g.in_iraq]
    keys = {}
    for i, g in enumerate(scored):
        for j, m in enumerate(predicted):
            if _place_matches(g, m):
                keys[i, j] = (0.0 if m.text == g.as_written else 1.0, 0)
    pairs = _assign(keys)
    matching = {j for _, j in keys}
    # A form that matches a coded place another form already took (*Anbar* and *Anbar province*
    # for the coded *Anbar*), or that is a place left out of the score, is neither hit nor false hit.
    false = [
        m
        for j, m in enumerate(predicted)
        if j not in matching and not any(_holds(m.text, g.as_written) for g in unscored)
    ]
    missed = [g for i, g in enumerate(scored) if i not in pairs]
    return Score(len(pairs), len(false), len(missed)), missed, false


def _killed(pairs: Iterable[tuple[GoldEvent, Event]]) -> Killed:
    n = exact = near = 0
    for g, e in pairs:
        if g.killed is None:
            continue
        n += 1
        found = e.fatalities or 0  # no count reported: none killed, as ACLED writes it
        exact += found == g.killed
        near += abs(found - g.killed) <= 0.1 * g.killed
    return Killed(n, exact, near)


def _sum(scores: Iterable[Score]) -> Score:
    tp = fp = fn = 0
    for s in scores:
        tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
    return Score(tp, fp, fn)


def score_news(
    articles: Iterable[Article], gold_records: Iterable[Mapping[str, Any]], gazetteer: Gazetteer | None = None
) -> NewsScores:
    """Score event extraction and place mentions of articles against a coder's gold records.

    Events are extracted from each article alone (deduplicated as
    ``extract_events`` does) and matched by the rules of
    ``../shared/news/README.md``, which the module's docstring sets out.

    Parameters
    ----------
    articles : iterable of Article
        Articles with the gold records' ids; those without a record are not scored.
    gold_records : iterable of dict
        One per article, as in ``gold.jsonl`` (see ``read_gold``).
    gazetteer : Gazetteer, optional
        Defaults to the embedded one.

    Returns
    -------
    NewsScores

    Raises
    ------
    ArgumentError
        For a malformed record, or a record whose article is not given (a ``ValueError``).

    Examples
    --------
    >>> from geo_events.articles import Article
    >>> art = Article("d", "", "A car bomb killed 10 people in Ramadi on Monday.", date(2015, 3, 9))
    >>> gold = {"id": "d", "places": [{"as_written": "Ramadi", "kind": "city", "in_iraq": True,
    ...     "governorate": "IQ-AN", "lat": 33.42, "lon": 43.30}], "events": [{"lat": 33.42, "lon": 43.30,
    ...     "governorate": "IQ-AN", "date": "2015-03-09", "event_type": "Explosions/Remote violence",
    ...     "killed": 10, "control_to": None, "evidence": "A car bomb killed 10 people in Ramadi."}]}
    >>> s = score_news([art], [gold])
    >>> s.events.f1, s.places.recall, s.killed.exact_share
    (1.0, 1.0, 1.0)
    """
    from gazetteer import Gazetteer

    gazetteer = gazetteer or Gazetteer.default()
    by_id = {a.id: a for a in articles}
    parsed = [_gold_article(r) for r in gold_records]
    absent = [doc for doc, _, _ in parsed if doc not in by_id]
    if absent:
        raise ArgumentError(f"gold records for articles not given: {', '.join(absent[:5])}")
    results = [_score_article(by_id[doc], places, events, gazetteer) for doc, places, events in parsed]
    return NewsScores(
        places=_sum(a.places for a in results),
        events=_sum(a.events for a in results),
        territory=_sum(a.territory for a in results),
        killed=_killed(pair for a in results for pair in a.matched),
        articles=tuple(results),
    )


def _score_article(
    article: Article, gold_places: Sequence[GoldPlace], gold_events: Sequence[GoldEvent], gazetteer: Gazetteer
) -> ArticleScore:
    """One article's events, territory changes and place mentions against its gold record."""
    from geo_events.extract import extract_events
    from geo_events.extract.mentions import find_mentions

    predicted = extract_events([article], gazetteer)
    pairs, missed, false = _match_events(gold_events, predicted, territory=False)
    gold_t = [g for g in gold_events if g.control_to]
    pairs_t, missed_t, false_t = _match_events(gold_t, [e for e in predicted if e.control_to], territory=True)
    places, missed_p, false_p = _score_places(gold_places, find_mentions(article.full_text, gazetteer, article.id))
    return ArticleScore(
        doc=article.id,
        events=Score(len(pairs), len(false), len(missed)),
        territory=Score(len(pairs_t), len(false_t), len(missed_t)),
        places=places,
        matched=tuple(pairs),
        missed=tuple(missed),
        false_hits=tuple(false),
        missed_territory=tuple(missed_t),
        false_territory=tuple(false_t),
        missed_places=tuple(missed_p),
        false_places=tuple(false_p),
    )
