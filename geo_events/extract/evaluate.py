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

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gazetteer import distance_km
from geo_events.errors import ArgumentError
from geo_events.extract.gold import GoldArticle, GoldEvent, GoldPlace, gold_article, read_gold

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
    "score_events",
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
class Killed:
    """Agreement of the death counts of matched events.

    ``pairs`` are the matched event pairs whose coded ``killed`` is not null;
    ``exact`` of them have the predicted ``fatalities`` equal to it, ``within_10pct``
    within 10% of it. The shares are 1.0 when there is no pair. ``missed`` coded
    events with a count matched no prediction. As a score (``as_score``), a count
    reproduced exactly is a true positive, a matched event with another count a
    false positive, and a coded count not reproduced (on a matched event or a
    missed one) a false negative.

    Examples
    --------
    >>> k = Killed(pairs=4, exact=2, within_10pct=3, missed=2)
    >>> k.exact_share, k.within_10pct_share, k.as_score()
    (0.5, 0.75, Score(tp=2, fp=2, fn=4))
    """

    pairs: int
    exact: int
    within_10pct: int
    missed: int = 0

    def as_score(self) -> Score:
        """The counts as a ``Score`` (see the class)."""
        return Score(self.exact, self.pairs - self.exact, self.pairs - self.exact + self.missed)

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
    #: None when the coding has no places (ACLED's), or only events were given.
    places: Score | None
    matched: tuple[tuple[GoldEvent, Event], ...]
    missed: tuple[GoldEvent, ...]
    false_hits: tuple[Event, ...]
    missed_territory: tuple[GoldEvent, ...]
    false_territory: tuple[Event, ...]
    missed_places: tuple[GoldPlace, ...]
    false_places: tuple[Mention, ...]

    def details(self) -> list[str]:
        """What failed in the article, a line each with its sentence (empty when nothing did).

        Examples
        --------
        >>> ArticleScore("d", Score(1, 0, 0), Score(0, 0, 0), None, (), (), (), (), (), (), ()).details()
        []
        """
        lines = []
        for g in self.missed:
            where = g.place_as_written + ("" if g.placeable else " (no point, no governorate)")
            lines.append(f"  missed  {g.event_type} / {g.sub_event_type} at {where}, {_when(g.date)}: {g.evidence}")
        for e in self.false_hits:
            what = f"{e.event_type} / {e.sub_event_type} at {e.location}, {_when(e.event_date)}"
            lines.append(f"  false   {what}: {e.sentence}")
        for g in self.missed_territory:
            lines.append(
                f"  missed  territory to {g.control_to} at {g.place_as_written}, {_when(g.date)}: {g.evidence}"
            )
        for e in self.false_territory:
            lines.append(f"  false   territory to {e.control_to} at {e.location}, {_when(e.event_date)}: {e.sentence}")
        for p in self.missed_places:
            lines.append(f"  missed  place {p.as_written!r} ({p.kind}, {p.governorate or 'no governorate'})")
        for m in self.false_places:
            place = m.place
            resolved = f"{place.name} ({place.governorate})" if place is not None else "?"
            lines.append(f"  false   place {m.text!r} resolved to {resolved}")
        if lines:
            lines.insert(0, f"{self.doc}: events {self.events}")
        return lines


def _when(day: object) -> str:
    return str(day) if day is not None else "undated"


@dataclass(frozen=True, slots=True)
class NewsScores:
    """Scores of extraction on articles against a coder's ``gold.jsonl`` (see ``score_news``)."""

    #: None when no article's coding has places.
    places: Score | None
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
        places = self.places if self.places is not None else "not scored (no coded places, or no article text)"
        return [
            f"places     {places}",
            f"events     {self.events}",
            f"territory  {self.territory}",
            f"killed     {self.killed}",
        ]

    def summary(self) -> str:
        """What was scored: articles, coded events (those no prediction can match), coded places."""
        coded = sum(a.events.tp + a.events.fn for a in self.articles)
        places = "" if self.places is None else f", {self.places.tp + self.places.fn} coded Iraqi places"
        return (
            f"{len(self.articles)} articles, {coded} coded events ({self.unplaceable} with neither point nor "
            f"governorate){places}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The scores as one JSON object: ``places``, ``events``, ``territory`` and ``killed``, each with
        ``precision``, ``recall``, ``f1``, ``tp``, ``fp``, ``fn`` (``places`` null when not scored; ``killed``
        as ``Killed.as_score`` counts, with ``exact``, ``within_10pct`` and ``pairs``), and ``articles``:
        each article's scores, misses and false hits with their sentences.

        Examples
        --------
        >>> s = NewsScores(None, Score(3, 1, 1), Score(0, 0, 1), Killed(2, 1, 2, 1), ())
        >>> d = s.to_dict()
        >>> d["events"], d["places"], d["killed"]["exact"]
        ({'precision': 0.75, 'recall': 0.75, 'f1': 0.75, 'tp': 3, 'fp': 1, 'fn': 1}, None, 0.5)
        """
        killed = self.killed
        return {
            "places": _score_dict(self.places),
            "events": _score_dict(self.events),
            "territory": _score_dict(self.territory),
            "killed": {
                **(_score_dict(killed.as_score()) or {}),
                "exact": round(killed.exact_share, 4),
                "within_10pct": round(killed.within_10pct_share, 4),
                "pairs": killed.pairs,
            },
            "articles": [_article_dict(a) for a in self.articles],
        }


def _score_dict(score: Score | None) -> dict[str, float | int] | None:
    if score is None:
        return None
    return {
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
    }


def _article_dict(a: ArticleScore) -> dict[str, Any]:
    def coded(g: GoldEvent) -> dict[str, Any]:
        when = g.date.isoformat() if g.date else None
        return {"event_type": g.event_type, "place": g.place_as_written, "date": when, "sentence": g.evidence}

    def found(e: Event) -> dict[str, Any]:
        when = e.event_date.isoformat() if e.event_date else None
        return {"event_type": e.event_type, "place": e.location, "date": when, "sentence": e.sentence}

    return {
        "id": a.doc,
        "events": _score_dict(a.events),
        "territory": _score_dict(a.territory),
        "places": _score_dict(a.places),
        "missed_events": [coded(g) for g in a.missed],
        "false_events": [found(e) for e in a.false_hits],
        "missed_territory": [{**coded(g), "control_to": g.control_to} for g in a.missed_territory],
        "false_territory": [{**found(e), "control_to": e.control_to} for e in a.false_territory],
        "missed_places": [p.as_written for p in a.missed_places],
        "false_places": [m.text for m in a.false_places],
    }


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


def _killed(pairs: Iterable[tuple[GoldEvent, Event]], missed: Iterable[GoldEvent] = ()) -> Killed:
    n = exact = near = 0
    for g, e in pairs:
        if g.killed is None:
            continue
        n += 1
        found = e.fatalities or 0  # no count reported: none killed, as ACLED writes it
        exact += found == g.killed
        near += abs(found - g.killed) <= 0.1 * g.killed
    return Killed(n, exact, near, sum(1 for g in missed if g.killed is not None))


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
    >>> from datetime import date
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
    from geo_events.extract import extract_events
    from geo_events.extract.mentions import find_mentions

    gazetteer = gazetteer or Gazetteer.default()
    by_id = {a.id: a for a in articles}
    parsed = [gold_article(r) for r in gold_records]
    absent = [g.doc for g in parsed if g.doc not in by_id]
    if absent:
        raise ArgumentError(f"gold records for articles not given: {', '.join(absent[:5])}")
    results = []
    for gold in parsed:
        article = by_id[gold.doc]
        mentions = find_mentions(article.full_text, gazetteer, article.id) if gold.places is not None else None
        results.append(_score_article(gold, extract_events([article], gazetteer), mentions))
    return _news_scores(results)


def score_events(events: Iterable[Event], gold_records: Iterable[Mapping[str, Any]]) -> NewsScores:
    """Score events extracted before (``geo-events extract`` writes them) against a coder's gold records.

    Events are matched to the articles of the records by their ``doc_id``, as ``score_news``
    matches them; places are not scored (that needs the articles' text).

    Examples
    --------
    >>> from datetime import date
    >>> from geo_events import Article, extract_events
    >>> events = extract_events([Article("d", "", "A car bomb killed 10 people in Ramadi.", date(2015, 3, 9))])
    >>> gold = {"id": "d", "events": [{"lat": 33.42, "lon": 43.30, "date": "2015-03-09",
    ...     "event_type": "Explosions/Remote violence", "killed": 10}]}
    >>> s = score_events(events, [gold])
    >>> s.events.f1, s.places, s.killed.exact_share
    (1.0, None, 1.0)
    """
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        for doc in (e.doc_id or "").split(";"):
            by_doc.setdefault(doc.strip(), []).append(e)
    return _news_scores([_score_article(g, by_doc.get(g.doc, []), None) for g in map(gold_article, gold_records)])


def _news_scores(results: Sequence[ArticleScore]) -> NewsScores:
    places = [a.places for a in results if a.places is not None]
    return NewsScores(
        places=_sum(places) if places else None,
        events=_sum(a.events for a in results),
        territory=_sum(a.territory for a in results),
        killed=_killed((pair for a in results for pair in a.matched), (g for a in results for g in a.missed)),
        articles=tuple(results),
    )


def _score_article(gold: GoldArticle, predicted: Sequence[Event], mentions: Sequence[Mention] | None) -> ArticleScore:
    """One article's events, territory changes and (given its mentions) places against its gold record."""
    gold_events = gold.events
    pairs, missed, false = _match_events(gold_events, predicted, territory=False)
    gold_t = [g for g in gold_events if g.control_to]
    pairs_t, missed_t, false_t = _match_events(gold_t, [e for e in predicted if e.control_to], territory=True)
    places: Score | None = None
    missed_p: Sequence[GoldPlace] = ()
    false_p: Sequence[Mention] = ()
    if mentions is not None and gold.places is not None:
        places, missed_p, false_p = _score_places(gold.places, mentions)
    return ArticleScore(
        doc=gold.doc,
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
