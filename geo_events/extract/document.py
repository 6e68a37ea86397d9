"""The document model that the stages of extraction read and fill.

A ``Document`` is an article read once: its text lower-cased (offsets carry
over), its place mentions, its publication date, its dateline. It is read
sentence by sentence (``Sentence``), each cut into clauses (``Clause``) at
semicolons, dashes and conjunctions; a clause with a trigger goes through the
stages (``geo_events.extract.pipeline``), which fill it in: places, actors,
type, casualties, date. ``Discourse`` is the memory of what earlier sentences
told (the last place, the last city, the events so far), which later ones
refer to (*the city*, *the assault*, *five soldiers died*). A ``Draft`` is an
event of the document before it becomes an ``Event``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer, Place
from geo_events.articles import Article
from geo_events.event import EVENT_TYPES, Event, Unlocated
from geo_events.extract.actors import ActorMention
from geo_events.extract.mentions import PARAGRAPH_BREAK, Mention, find_mentions
from geo_events.extract.rules import ObjectRule, RuleSet
from geo_events.text.dates import EventDate, publication_date
from geo_events.text.directions import adjectives, directions
from geo_events.text.lexicon import compile_lower, lower
from geo_events.text.numbers import Count
from geo_events.text.place_nouns import NounKind, alternation
from geo_events.text.sentences import split_sentences
from geo_events.vocab import GeoPrecision

__all__ = [
    "Document",
    "Sentence",
    "Clause",
    "PlaceRef",
    "PlacesFound",
    "Trigger",
    "Draft",
    "Discourse",
    "Recall",
    "DIRECTION_OF",
]

#: "BAGHDAD (Reuters) - ", "MOSUL, Iraq — ", "ERBIL, Thursday, April 14, 2016 -- ": where the report
#: was filed (a place in capitals), before its first sentence.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+)*(?:,[^\n.!?()–—-]{1,40}?)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--?|[–—:])\s"
)
_CLAUSE_BREAK = re.compile(r";|\s[–—]\s|,\s+(?=(?:before|after|as|while|when|which|where|whereas|but|with|and)\b)|\s(?=(?:before|after|while|whereas|when)\s+(?:the|they|he|it|she)\b)"
                           r"|,\s+(?=(?:\w+\s+){1,2}(?:after|before)\b)")  # ", a day after", ", hours before"  # fmt: skip
#: *and* or *or* and the spaces after it, before what they join.
_AND_THEN = re.compile(r"(?:and|or)\s+(?:the\s+)?")
#: A concession that opens a sentence, to its first comma (*Although Mosul was freed in July, ...*): a clause
#: of its own, whose events are background (what it grants is known, not news); the news follows it.
CONCESSIVE = compile_lower(r"\s*(?:although|though|even though|despite the fact that)\b[^,;]*")
#: How a sentence ends (the last character once trailing spaces are gone); "?" ends questions, not events.
_SENTENCE_END = frozenset(".!\"”’')]")
#: A place after these is where someone was going, not where it happened.
_DESTINATION = compile_lower(
    r"(?:on (?:his|her|their|its) way to|heading (?:to|for)|en route to|toward|towards|advance on)\s+(?:the\s+)?$"
)
_SETTLEMENT = alternation(NounKind.SETTLEMENT, plural=False)
_NEAR = compile_lower(rf"(?:near|outside|around|outskirts of|close to|on the edge of|(?:{directions()}) of|\b(?!control\b)\w+ of the city of|(?:road|highway|route) (?:to|from|linking)|between)\s+(?:the\s+)?(?:(?:{_SETTLEMENT}) of\s+)?$")  # fmt: skip
#: A place where those who report an event are: "officials in Basra say ..." (with ``_SAYS`` after it).
_SOURCE_IN = compile_lower(
    r"\b(?:officials?|sources?|authorities|police|doctors|medics|witnesses|spokes(?:man|woman|person))\s+in\s+"
    r"(?:the\s+)?$"
)
_SAYS = compile_lower(r"\s+(?:say|says|said|told|reported|report)\b")
#: A relative pronoun, which opens a clause whose words are its own (*a militant who was trying to ...*, *men who
#: had been kidnapped in Abu Ghraib*).
RELATIVE_PRONOUN = compile_lower(r"\b(?:who|whom|whose|which)\b")
#: "north of Baghdad", "90 km outside Baghdad": the event is somewhere else, in an unknown direction or distance.
DIRECTION_OF = compile_lower(
    rf"(?:\b(?:{directions()}|{adjectives()}) of"
    r"|(?<![\d,.])\d[\d,.]{0,12}\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:outside(?:\s+of)?|(?:away\s+)?from))\s+(?:the\s+)?$"
)
#: Between a city and a part of it: "Baghdad's Karrada district", "Baghdad's Shiite neighbourhood of Sadr City".
_WITHIN_GAP = compile_lower(rf"['’]s (?:(?:[\w-]+ ){{0,3}}?(?:{alternation(NounKind.PART, NounKind.AREA)}) of )?")
_NO_COUNT = Count()
_NO_DATE = EventDate(None, None)
#: Characters before a place that say how it is named (*near*, *north of*, *on the way to*).
_BEFORE_CHARS = 40


@dataclass(slots=True)
class PlaceRef:
    """A place an event may be at: a mention and how exactly it places the event.

    ``mention`` is None for a place told before (``Clause.inherited``).
    """

    mention: Mention | None
    precision: GeoPrecision


@dataclass(slots=True)
class PlacesFound:
    """The Iraqi places named in a span: ``named`` where events happen, ``fallback`` (a reference point
    such as *north of Baghdad*, or the dateline) where no other place is named."""

    named: Sequence[PlaceRef]
    fallback: Sequence[PlaceRef]
    #: The named ones, else the fallbacks.
    best: Sequence[PlaceRef]

    def within(self, a: int, b: int) -> list[PlaceRef]:
        """Those between offsets ``a`` and ``b``: the named ones, else the fallbacks (all of them mentions)."""
        named = [p for p in self.named if p.mention is not None and a <= p.mention.start < b] if self.named else []
        if named or not self.fallback:
            return named
        return [p for p in self.fallback if p.mention is not None and a <= p.mention.start < b]


#: What a span that names no Iraqi place has (most sentences): one record, shared.
_NO_PLACES = PlacesFound((), (), ())


@dataclass(slots=True)
class Trigger:
    """What makes a clause report an event: its kind (triggers.tsv) and where it matched in the clause."""

    kind: str
    match: re.Match[str]
    object: ObjectRule
    #: Where it matched, in the clause.
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.match.group(0).lower()


class Document:
    """An article, read once for extraction.

    Examples
    --------
    >>> from datetime import date
    >>> doc = Document.read(Article("d", "", "MOSUL (AP) - Troops entered Hit.", date(2016, 4, 1)),
    ...                     Gazetteer.default(), RuleSet.default())
    >>> [m.text for m in doc.mentions], doc.dateline_end
    (['MOSUL', 'Hit'], 13)
    """

    def __init__(self, article: Article, gazetteer: Gazetteer, rules: RuleSet) -> None:
        self.article = article
        self.rules = rules
        self.text = text = article.full_text
        self.low = lower(text)
        self.body_start = len(text) - len(article.text)
        self.anchor = article.published or publication_date(article.title, article.text)
        self.date_note = "" if self.anchor else "no publication date: pass --published or a 'published' field"
        dateline = _DATELINE.match(text, self.body_start)
        self.dateline_end = dateline.end() if dateline else 0
        self.mentions = find_mentions(text, gazetteer, article.id, rules.never_places)
        self.starts = [m.start for m in self.mentions]

    @classmethod
    def read(cls, article: Article, gazetteer: Gazetteer, rules: RuleSet) -> Document:
        return cls(article, gazetteer, rules)

    def sentences(self) -> Iterator[Sentence]:
        """The sentences of the body (the headline repeats it) told as statements, each with its paragraph:
        headings, captions and questions (which do not end as a statement does) report no event."""
        paragraph = 0
        prev_end = self.body_start
        text, low = self.text, self.low
        for start, end in split_sentences(text):
            if start < self.body_start:
                continue
            if PARAGRAPH_BREAK.search(text, prev_end, start):
                paragraph += 1
            prev_end = end
            sentence = text[start:end]
            if sentence.rstrip()[-1:] in _SENTENCE_END:
                yield Sentence(self, start, end, paragraph, self.places_in(start, end), sentence, low[start:end])

    def before(self, mention: Mention, a: int) -> str:
        """The words before a mention, from offset ``a`` on, that say how it is named (*near*, *north of*)."""
        return self.low[max(a, mention.start - _BEFORE_CHARS) : mention.start]

    def reference_point(self, mention: Mention, a: int) -> bool:
        """Whether a mention is named as a reference point (*north of Baghdad*), not as where it happened."""
        return bool(DIRECTION_OF.search(self.before(mention, a)))

    def places_in(self, a: int, b: int) -> PlacesFound:
        """Iraqi places named between offsets ``a`` and ``b``, with a geo precision.

        Destinations (*on their way to Mosul*) are dropped. A place named only
        as a reference point (*north of Baghdad*, ``NEAR``; never for a
        territory event) or in the dateline (*BAGHDAD (Reuters) -*, or *Baquba:*
        heading a paragraph of a bulletin), which says where the report was filed,
        is a fallback: it counts only where no other place is named.
        """
        mentions, low = self.mentions, self.low
        first = bisect.bisect_left(self.starts, a)
        if first == len(mentions) or mentions[first].start >= b:
            return _NO_PLACES  # most sentences name no place
        named: list[PlaceRef] = []
        fallback: list[PlaceRef] = []
        for i in range(first, len(mentions)):  # in text order; no copy of the tail
            m = mentions[i]
            if m.start >= b:
                break
            if m.place is None:
                continue
            before = self.before(m, a)
            if _DESTINATION.search(before) or (_SOURCE_IN.search(before) and _SAYS.match(low, m.end)):
                continue  # where someone was going; where the officials who report it are ("officials in Basra say")
            if DIRECTION_OF.search(before):
                fallback.append(PlaceRef(m, GeoPrecision.NEAR))
                continue
            if low.startswith(("'s ", "’s "), m.end) and self._part_named_after(m):
                continue  # "Baghdad's Karrada district": the place within
            precision = (
                GeoPrecision.AREA
                if m.place.is_area
                else GeoPrecision.NEAR
                if _NEAR.search(before)
                else GeoPrecision.EXACT
            )
            filed = m.start < self.dateline_end or (
                low.startswith(":", m.end) and low[max(0, m.start - 1) : m.start] in ("", "\n")
            )
            (fallback if filed else named).append(PlaceRef(m, precision))
        return PlacesFound(named, fallback, named or fallback) if named or fallback else _NO_PLACES

    def names_place_after_and(self, at: int) -> bool:
        """Whether the text at ``at`` is *and* (or *or*) and a place name (*..., and Kani Harami*)."""
        after = _AND_THEN.match(self.low, at)
        if after is None:
            return False
        i = bisect.bisect_left(self.starts, after.end())
        return i < len(self.starts) and self.starts[i] == after.end()

    def _part_named_after(self, m: Mention) -> bool:
        """Whether a place of the text follows ``m``'s *'s* as a part of it (*Baghdad's neighbourhood of Sadr City*)."""
        nxt = bisect.bisect_left(self.starts, m.end + 3)
        return (
            nxt < len(self.mentions)
            and self.mentions[nxt].place is not None
            and _WITHIN_GAP.fullmatch(self.low, m.end, self.mentions[nxt].start) is not None
        )


@dataclass(slots=True)
class Sentence:
    """A sentence of a document, cut into clauses when a trigger word is in it (none when not)."""

    doc: Document
    start: int
    end: int
    paragraph: int
    places: PlacesFound
    text: str
    low: str
    #: Its clauses, while the pipeline reads it (then dropped: they refer to it, a cycle that only the
    #: garbage collector would free, with the document they refer to).
    clauses: Sequence[Clause] = ()
    #: Drafts of the document before this sentence's.
    drafted: int = 0
    #: Whether a clause of it reports an event (placed or not), or a count added to the event before.
    found_event: bool = False
    counted: bool = False
    #: A place told before that a clause of it is at (*the city*).
    inherited: Place | None = None

    def spans(self) -> list[tuple[int, int]]:
        """The clauses' offsets: cut at semicolons, dashes and conjunctions that begin a clause."""
        spans = []
        a = self.start
        granted = CONCESSIVE.match(self.doc.low, self.start, self.end)
        if granted is not None and granted.end() < self.end:
            spans.append((a, granted.end()))
            a = granted.end() + 1
        for m in _CLAUSE_BREAK.finditer(self.doc.text, a, self.end):
            if self.doc.names_place_after_and(m.end()):
                continue  # "the towns of Adala, Blawat, and Kani Harami": the list goes on, not a new clause
            if m.start() - a > 3:
                spans.append((a, m.start()))
            a = m.end()
        spans.append((a, self.end))
        return spans

    def spare(self) -> list[PlaceRef]:
        """The places of its clauses without a trigger, which a clause without a place may use."""
        return [p for c in self.clauses if c.trigger is None for p in c.places]

    def events(self) -> int:
        """How many of its clauses have a trigger."""
        return sum(c.trigger is not None for c in self.clauses)


@dataclass(slots=True)
class Clause:
    """A clause, filled in by the stages: its trigger, places, actors, type, counts and date."""

    sentence: Sentence
    doc: Document
    rules: RuleSet
    start: int
    end: int
    text: str
    low: str
    places: list[PlaceRef]
    trigger: Trigger | None = None
    #: The places the event is at (``None`` mention: ``inherited``), and the confidence that it is there.
    targets: Sequence[PlaceRef] = ()
    inherited: Place | None = None
    confidence: float = 0.8
    actors: Sequence[ActorMention] = ()
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    sub_type: str = ""
    control_to: str | None = None
    killed: Count = _NO_COUNT
    wounded: Count = _NO_COUNT
    when: EventDate = _NO_DATE


@dataclass(slots=True)
class Recall:
    """A place told earlier, in which paragraph and where."""

    place: Place
    paragraph: int
    start: int = 0


@dataclass(slots=True)
class Draft:
    """An event of a document, before it is an ``Event``."""

    sub_type: str
    place: Place
    precision: GeoPrecision
    side1: str | None
    side2: str | None
    actor1: str
    actor2: str
    control_to: str | None
    killed: Count
    wounded: Count
    when: EventDate
    sentence: tuple[int, int]
    paragraph: int
    confidence: float
    extent: str = "whole"

    def to_event(self, doc: Document) -> Event:
        """The event, with its evidence in ``doc``."""
        article, (start, end), place = doc.article, self.sentence, self.place
        return Event(
            event_id=hashlib.sha1(f"{article.id}:{start}:{place.id}".encode()).hexdigest()[:12],
            event_date=self.when.date,
            time_precision=None if self.when.precision is None else int(self.when.precision),
            event_type=EVENT_TYPES[self.sub_type],
            sub_event_type=self.sub_type,
            side1=self.side1,
            side2=self.side2,
            actor1=self.actor1,
            actor2=self.actor2,
            place_id=place.id,
            location=place.name,
            latitude=place.lat,
            longitude=place.lon,
            geo_precision=int(self.precision),
            admin1=place.governorate_name,
            iso_3166_2=place.governorate,
            admin2=place.district,
            fatalities=self.killed.best,
            fatalities_low=self.killed.low,
            fatalities_high=self.killed.high,
            wounded=self.wounded.best,
            wounded_low=self.wounded.low,
            wounded_high=self.wounded.high,
            control_to=self.control_to,
            doc_id=article.id,
            sentence=doc.text[start:end],
            start=start,
            end=end,
            confidence=self.confidence,
            date_expression=self.when.expression,
            date_note=self.when.note or doc.date_note,
            count_note="; ".join(n for n in (self.killed.note, self.wounded.note) if n),
            sources=(article.source or article.id,),
            urls=(article.url,) if article.url else (),
            evidence=(f"{article.id}:{start}-{end}",),
            extent=self.extent,
        )


class Discourse:
    """What earlier sentences of a document told: its events so far, its last place, and the last place
    of each kind (*the city* is the last city or capital named), which later sentences refer to."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.unlocated: list[Unlocated] = []
        self.last_place: Recall | None = None
        self.last_of_kind: dict[str, Recall] = {}
        #: The town a paragraph opens with (*In Baghdad, a bomb ...*), which a bulletin's paragraph is about.
        self.lead: Recall | None = None
        self._paragraph = -1

    def last_draft(self, paragraph: int) -> Draft | None:
        """The last event, if told in ``paragraph``."""
        return self.drafts[-1] if self.drafts and self.drafts[-1].paragraph == paragraph else None

    def add_casualties(self, paragraph: int, killed: Count, wounded: Count) -> None:
        """A count in a follow-up sentence or clause belongs to the paragraph's last event."""
        last = self.last_draft(paragraph)
        if last is not None:
            last.killed = last.killed + killed
            last.wounded = last.wounded + wounded

    def end_sentence(self, sentence: Sentence) -> None:
        """Remember the places a sentence named exactly (or the one it referred to), and the town a paragraph
        opens with."""
        if sentence.paragraph != self._paragraph:
            self._paragraph, self.lead = sentence.paragraph, opening_town(sentence)
        last: Recall | None = None
        for ref in sentence.places.best:
            if ref.precision == GeoPrecision.EXACT and ref.mention is not None and (place := ref.mention.place):
                last = self.last_of_kind[place.kind] = Recall(place, sentence.paragraph, ref.mention.start)
        if last is not None:
            self.last_place = last
        elif sentence.inherited is not None:
            self.last_place = Recall(sentence.inherited, sentence.paragraph)


#: A sentence that opens with its place (*In Baghdad, ...*).
_IN_PLACE = compile_lower(r"\s*in\s+(?:the\s+)?")


def opening_town(sentence: Sentence) -> Recall | None:
    """The place (no governorate) a sentence opens with, before a comma: *In Baghdad, a bomb killed one*; which
    places it covers, ``mentions.within_lead`` decides."""
    m = _IN_PLACE.match(sentence.low)
    if m is None:
        return None
    at = sentence.start + m.end()
    for ref in (*sentence.places.named, *sentence.places.fallback):
        place = ref.mention.place if ref.mention is not None else None
        if ref.mention is not None and ref.mention.start == at and place is not None and not place.is_area:
            return Recall(place, sentence.paragraph, at) if sentence.doc.low.startswith(",", ref.mention.end) else None
    return None
