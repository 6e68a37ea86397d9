"""The pipeline: an article's sentences and clauses through the stages of extraction.

Each sentence is cut into clauses; a clause with an event trigger (*retook*,
*air strike*, *roadside bomb*, *clashes*...: triggers.tsv) told as fact goes
through the stages in turn (``STAGES``), each a function of the clause and
the memory of the document (``Discourse``) that fills in the clause or drops
it: its places, actors, type, casualties, place and date. What passes them
all becomes one event a place; counts told after an event are added to it.
Every event keeps its evidence: document, sentence, character offsets and a
confidence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from gazetteer import Gazetteer
from geo_events.articles import Article
from geo_events.event import Event
from geo_events.extract.casualties import count, count_casualties
from geo_events.extract.classify import classify
from geo_events.extract.document import Clause, Discourse, Document, Draft, Sentence
from geo_events.extract.places import choose_places, is_partial, listed, place_event
from geo_events.extract.roles import assign_roles
from geo_events.extract.rules import RuleSet
from geo_events.extract.timing import date_event
from geo_events.extract.triggers import find_trigger, told_as_fact
from geo_events.text.lexicon import compile_lower
from geo_events.text.numbers import Count
from geo_events.vocab import CONTROLLERS, TERRITORY, GeoPrecision

__all__ = ["Extractor", "Stage", "STAGES"]

#: A stage fills in a clause from what the stages before it found; False drops the clause.
Stage = Callable[[Clause, Discourse], bool]
STAGES: tuple[Stage, ...] = (choose_places, assign_roles, classify, count, place_event, date_event)
#: How sure an event is of a place inherited from an earlier sentence (no gazetteer score of its own).
_INHERITED_SCORE = 0.8
#: How sure an event is of its actor when none is named.
_NO_ACTOR_CONFIDENCE = 0.85
#: How sure an event is of where it was, by the precision of its place: named, near a place named, in a
#: governorate.
_PRECISION_CONFIDENCE = {GeoPrecision.EXACT: 1.0, GeoPrecision.NEAR: 0.85, GeoPrecision.AREA: 0.7}
#: ... and of when, where the text says no date (the report's is taken).
_UNDATED_CONFIDENCE = 0.9


def event_confidence(
    clause: float, place_score: float, actor: float | None, precision: GeoPrecision, dated: bool
) -> float:
    """How sure an event is (0 to 1), the product of what its evidence is worth.

    Parameters
    ----------
    clause : float
        How sure the clause is of its place: 0.8 for a place it names, 0.6 for one told before (*the city*).
    place_score : float
        The gazetteer's score of the place's name (1 for its spelling; less for a variant or near spelling),
        counted half.
    actor : float or None
        How surely the words name the actor's side (actors.tsv); ``_NO_ACTOR_CONFIDENCE`` when none is named.
    precision : GeoPrecision
        The place's precision: exact, near a place named (0.85), a governorate (0.7).
    dated : bool
        Whether the text says when (*on Monday*, *June 9*); else the report's date is taken (0.9).

    Hedged, planned, claimed and background events are no events at all (hedges.tsv), not low-confidence
    ones.

    Examples
    --------
    >>> event_confidence(0.8, 1.0, 0.9, GeoPrecision.EXACT, True)
    0.72
    >>> event_confidence(0.6, 0.8, None, GeoPrecision.NEAR, False)
    0.35
    """
    worth = clause * (0.5 + 0.5 * place_score) * (actor if actor is not None else _NO_ACTOR_CONFIDENCE)
    return round(worth * _PRECISION_CONFIDENCE[precision] * (1.0 if dated else _UNDATED_CONFIDENCE), 2)


class Extractor:
    """Extraction of one article's events, not deduplicated, by rules and stages.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Where place names are looked up; the embedded one by default.
    rules : RuleSet, optional
        The trigger, actor and hedge tables; ``RuleSet.default()`` (with a user's
        rows: ``RuleSet.default().extended(folder)``).
    stages : sequence of Stage
        What a clause with a trigger goes through.

    Examples
    --------
    >>> from datetime import date
    >>> extract = Extractor()
    >>> [(e.location, e.sub_event_type) for e in extract(Article("d", "", "Troops retook Hit today.", date(2016, 4, 14)))]
    [('Hit', 'Government regains territory')]
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, rules: RuleSet | None = None, stages: Sequence[Stage] = STAGES
    ) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        self.rules = rules or RuleSet.default()
        self.stages = tuple(stages)

    def __call__(self, article: Article) -> list[Event]:
        return self.read(article)[0]

    def read(self, article: Article) -> tuple[list[Event], Document, Discourse]:
        """The article's events, its document and what was told in it (``memory.unlocated``: events with no place)."""
        doc = Document.read(article, self.gazetteer, self.rules)
        memory = Discourse()
        for sentence in doc.sentences():  # statements: no headings, captions, questions
            sentence.drafted = len(memory.drafts)
            if self.rules.triggers.candidates(sentence.low):  # most sentences have no trigger word: no clauses
                sentence.clauses = self._clauses(sentence)
                for clause in sentence.clauses:
                    if clause.trigger is not None and told_as_fact(clause) and self._passes(clause, memory):
                        memory.drafts += _drafts(clause)
            if memory.drafts:  # counts that follow an event, places that name where it was
                _follow_up_counts(sentence, memory)
                _follow_up_places(sentence, memory)
            memory.end_sentence(sentence)
            sentence.clauses = ()  # they refer to it: no cycle left for the garbage collector to find
        return [draft.to_event(doc) for draft in memory.drafts], doc, memory

    def _passes(self, clause: Clause, memory: Discourse) -> bool:
        """Whether a clause passes every stage (each fills it in from what those before it found)."""
        for stage in self.stages:  # noqa: SIM110 - a loop, not all() over a generator: no frame a clause
            if not stage(clause, memory):
                return False
        return True

    def _clauses(self, sentence: Sentence) -> list[Clause]:
        """A sentence with a trigger word cut into clauses, each with its places and trigger."""
        doc, rules = sentence.doc, self.rules
        clauses = []
        for a, b in sentence.spans():
            places, low = sentence.places.within(a, b), doc.low[a:b]
            trigger = find_trigger(rules, low, a, places)
            clauses.append(Clause(sentence, doc, rules, a, b, doc.text[a:b], low, places, trigger))
        return clauses


def _drafts(clause: Clause) -> list[Draft]:
    """One event a place of the clause, the counts shared among them (as ACLED does when a report gives
    one total); a town named with its governorate is the town."""
    doc, sentence, a1, a2 = clause.doc, clause.sentence, clause.actor1, clause.actor2
    places = clause.targets
    if clause.sub_type not in TERRITORY:
        places = listed(sorted(places, key=lambda p: p.precision == GeoPrecision.AREA), doc)
    shares = zip(clause.killed.split(len(places)), clause.wounded.split(len(places)), strict=True)
    drafts = []
    for ref, (killed, wounded) in zip(places, shares, strict=True):
        match = ref.mention.resolution.match if ref.mention is not None else None
        place = match.place if match is not None else clause.inherited
        assert place is not None, "places named are resolved, and an inherited one is set with it"
        score = match.score if match is not None else _INHERITED_SCORE
        control_to, extent = clause.control_to, "whole"
        if control_to and ref.mention is not None and ref.precision is not GeoPrecision.EXACT:
            control_to = None  # "five villages near Mosul", "a town in Anbar" changed hands, not Mosul nor Anbar
        elif control_to and ref.mention is not None and is_partial(doc.low, clause.start, ref.mention.start):
            extent = "part"  # "parts of Tal Afar", "eastern Mosul": the taker holds part of it, not the whole
        confidence = event_confidence(clause.confidence, score, a1.confidence if a1 else None, ref.precision,
                                      bool(clause.when.expression))  # fmt: skip
        drafts.append(
            Draft(
                clause.sub_type,
                place,
                ref.precision,
                a1.side if a1 else None,
                a2.side if a2 else None,
                a1.text if a1 else "",
                a2.text if a2 else "",
                control_to,
                killed,
                wounded,
                clause.when,
                (sentence.start, sentence.end),
                sentence.paragraph,
                confidence,
                extent,
            )
        )
    return drafts


#: A sentence that names the places an event told before was at (*Several places in Anbar have been liberated.
#: Among them are Albu Khanfar, Husaybah and Malaab.*).
_NAMES_THEM = compile_lower(
    r"\s*(?:among (?:them|these|those) (?:are|were)|(?:they|these|those) (?:include|included)\b)"
)
#: Who holds a place taken, by type, where the taker is not a side that holds territory.
_HOLDER = {"Government regains territory": "government", "Non-state actor overtakes territory": "islamic_state"}


def _follow_up_places(sentence: Sentence, memory: Discourse) -> None:
    """Events at the places a sentence lists (*Among them are ...*) for the paragraph's last territory event,
    which was told at no exact place (*several places in Anbar province*, *villages near Mosul*)."""
    last = memory.last_draft(sentence.paragraph)
    if (
        last is None
        or last.sub_type not in TERRITORY
        or last.precision == GeoPrecision.EXACT
        or sentence.found_event
        or not _NAMES_THEM.match(sentence.low)
    ):
        return
    holder = last.side1 if last.side1 in CONTROLLERS else _HOLDER.get(last.sub_type)
    told = (sentence.start, sentence.end)
    confidence = round(last.confidence * 0.9, 2)
    for ref in sentence.places.named:
        place = ref.mention.place if ref.mention is not None else None
        if place is not None and not place.is_area and ref.precision == GeoPrecision.EXACT:
            memory.drafts.append(
                dataclasses.replace(
                    last,
                    place=place,
                    precision=GeoPrecision.EXACT,
                    control_to=holder,
                    killed=Count(),
                    wounded=Count(),
                    sentence=told,
                    confidence=confidence,
                )
            )


def _follow_up_counts(sentence: Sentence, memory: Discourse) -> None:
    """Counts that belong to the paragraph's last event: a clause that only counts (*Troops were ambushed
    near Tal Afar; six soldiers died.*), a sentence that only counts (*Five soldiers died.*)."""
    if len(memory.drafts) > sentence.drafted:
        for clause in sentence.clauses:
            if clause.trigger is None:
                memory.add_casualties(sentence.paragraph, *count_casualties(clause.text))
    if sentence.found_event or sentence.counted or sentence.places.best:
        return
    if memory.last_draft(sentence.paragraph) is not None:
        killed, wounded = count_casualties(sentence.text)
        if killed.known or wounded.known:
            memory.add_casualties(sentence.paragraph, killed, wounded)
