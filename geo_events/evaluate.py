"""Scoring extraction against hand-coded events or mentions: precision, recall, F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

__all__ = ["Score", "score"]


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
    from geo_events.mentions import find_mentions

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
