"""The places stage: where a clause's event is, named in it, in its sentence, or told before.

A territory verb acts on the first place after it and those joined to it
(*retook Hit and Rutba*); an attack is at the first place named and the towns
joined to it, but at one place on a road *between* two. A clause that names
no place is at the place told before in its paragraph, or at the one *the
city* or *there* refers to (``Discourse``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from geo_events.event import Unlocated
from geo_events.extract.document import (
    DIRECTION_OF,
    RELATIVE_PRONOUN,
    Clause,
    Discourse,
    Document,
    PlaceRef,
    Recall,
    opening_town,
)
from geo_events.extract.mentions import within_lead
from geo_events.text.directions import adjectives, directions
from geo_events.text.lexicon import compile_lower
from geo_events.text.place_nouns import PLACE_NOUNS, NounKind, alternation
from geo_events.vocab import TERRITORY_KINDS, GeoPrecision

__all__ = ["choose_places", "place_event", "listed", "is_partial"]

#: The kinds of place an anaphora's noun refers to ("the city": the last city or capital named).
_SETTLEMENT_KINDS = {"city": ("capital", "city"), "town": ("city", "town"), "village": ("town", "village")}
_ANAPHORA = compile_lower(
    rf"\b(?:the (?:[\w-]+ )?(?P<noun>{alternation(NounKind.SETTLEMENT, NounKind.AREA, plural=False)})|there)\b"
)
#: Before the first of two places that an event lies between, not at.
_BETWEEN = compile_lower(r"\b(?:between|linking|connecting|from)\s+(?:the\s+)?(?:\w+\s+)?$")
_PLACE_LIST_GAP = re.compile(rf"\s*(?:,|and|, and)\s*(?:the (?:{alternation(NounKind.SETTLEMENT)}) of\s+)?")
#: Words before a place that limit a territory event to part of it (*parts of*, *the airport of*, *the mosque of*).
_PARTIAL = compile_lower(
    rf"(?:\b(?:{alternation(NounKind.PART, NounKind.AREA, NounKind.FACILITY, NounKind.BUILDING)}) of\s+"
    rf"(?:the\s+)?(?:(?:{alternation(NounKind.SETTLEMENT, plural=False)}) of\s+)?"
    rf"|\b(?:{adjectives()}|central|{directions()})\s+)$"
)  # fmt: skip
#: Characters before a place in which its part is named (``_PARTIAL``).
_PART_CHARS = 40
#: Several places as a territory verb's object, not named as such (*liberated the towns*, *retook three villages
#: in the Khazir area*; not *the villages of Tal Hamid and Abzakh*).
_SEVERAL_PLACES = compile_lower(
    rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(n.plural for n in PLACE_NOUNS if n.kind is NounKind.SETTLEMENT and n.plural)})\b"
    r"(?!\s+of\b)"
)
#: How sure an event is of a place it inherits, against one named in its clause.
INHERITED_CONFIDENCE = 0.6


def choose_places(clause: Clause, memory: Discourse) -> bool:
    """The places the clause's event is at (``clause.targets``); a stage that drops no clause."""
    trigger, doc, sentence = clause.trigger, clause.doc, clause.sentence
    assert trigger is not None, "stages see clauses with a trigger"
    # a clause without a place may use the sentence's places, but not those of another event's clause
    places: Sequence[PlaceRef] = clause.places or _spare(clause, memory)
    several = trigger.kind in TERRITORY_KINDS and _SEVERAL_PLACES.match(clause.low, trigger.end) is not None
    if trigger.kind in TERRITORY_KINDS and places:
        # "recaptured towns north of Baghdad": not Baghdad, and no telling which towns
        places = [p for p in places if p.mention is None or not doc.reference_point(p.mention, sentence.start)]
        places = _territory_places(places, doc.text, clause.start + trigger.end) if places else []
        if several:  # "retook three villages in the Khazir area": villages there changed hands, not the area
            places = [dataclasses.replace(p, precision=max(p.precision, GeoPrecision.NEAR)) for p in places]
    elif len(places) > 1:
        places = _inside_the_opening(clause, places)
    if (
        not places and memory.last_place is not None and not several
    ):  # "troops had liberated the towns": not the last one told, and no telling which
        places = _told_before(clause, memory.last_place, memory)
    elif (
        memory.last_place is not None
        and memory.last_place.paragraph == clause.sentence.paragraph
        and _only_reference_points(clause, places)
        and _THE_TOWN_THEN_DISTANCE.search(clause.low)
    ):  # "troops stormed the town, 90 km outside Baghdad": the town told before, not near Baghdad
        places = _told_before(clause, memory.last_place, memory) or places
    clause.targets = places
    return True


#: A place named as where something happened: right after *in*, *at* or *inside* (*in the Nahrawan district*).
_AT_PLACE = compile_lower(r"\b(?:in|at|inside)\s+(?:the\s+)?$")
#: How far before a place a relative pronoun is looked for (a bound: a clause may list thousands of places).
_RELATIVE_CHARS = 120


def _inside_the_opening(clause: Clause, places: Sequence[PlaceRef]) -> Sequence[PlaceRef]:
    """The places of a clause within the town its sentence opens with, named as where it happened, when it
    names some: *In Baghdad, a bomb killed one in the Nahrawan district* was in Nahrawan; not *a sheikh from
    Taji*, nor *men who had been kidnapped in Abu Ghraib*. Else all of them."""
    opening = opening_town(clause.sentence)
    first = places[0].mention
    if opening is None or first is None or first.start != opening.start:
        return places
    low = clause.doc.low
    inside = [
        p
        for p in places[1:]
        if p.mention is not None
        and p.mention.place
        and within_lead(p.mention.place, opening.place)
        and _AT_PLACE.search(low, max(clause.start, p.mention.start - 12), p.mention.start)
        and not RELATIVE_PRONOUN.search(low, max(first.end, p.mention.start - _RELATIVE_CHARS), p.mention.start)
    ]
    return inside or places


def _only_reference_points(clause: Clause, places: Sequence[PlaceRef]) -> bool:
    """Whether a clause's places are all reference points (*90 km outside Baghdad*, *north of Kirkuk*)."""
    start = clause.sentence.start
    return bool(places) and all(p.mention is not None and clause.doc.reference_point(p.mention, start) for p in places)


def _spare(clause: Clause, memory: Discourse) -> list[PlaceRef]:
    """The places of the sentence's other clauses that a clause naming none may be at; where it says *the
    city* (*the town*, *the village*), only those of that kind, else the one told before (*although militants
    still fight in the nearby village of Ayadiya, the main districts of the city have been retaken*)."""
    spare = clause.sentence.spare()
    anaphora = _ANAPHORA.search(clause.low) if spare and memory.last_place is not None else None
    kinds = _SETTLEMENT_KINDS.get(anaphora["noun"] or "", ()) if anaphora else ()
    if kinds:
        return [
            p for p in spare if p.mention is not None and p.mention.place is not None and p.mention.place.kind in kinds
        ]
    return spare


#: *The town*, then its distance from a reference point (*the town, some 90 km outside Baghdad*): the town told
#: before, not a place near the reference point.
_THE_TOWN_THEN_DISTANCE = compile_lower(
    rf"\bthe (?:[\w-]+ )?(?:{alternation(NounKind.SETTLEMENT, plural=False)}),?\s+(?:located\s+|lying\s+)?"
    r"(?:some\s+|about\s+|around\s+|nearly\s+)?\d"
)
#: How far before *the city* a direction is looked for (*villages east of the city*).
_DIRECTION_CHARS = 40


def _told_before(clause: Clause, last: Recall, memory: Discourse) -> list[PlaceRef]:
    """The place told before that a clause naming none is at: the last one of its paragraph, or the one
    *the city* or *there* refers to; none for *villages east of the city*, which are somewhere else."""
    sentence = clause.sentence
    low = sentence.low
    anaphora = _ANAPHORA.search(low)
    if anaphora and DIRECTION_OF.search(low, max(0, anaphora.start() - _DIRECTION_CHARS), anaphora.start()):
        return []
    if not (anaphora or last.paragraph == sentence.paragraph):
        return []
    kinds = _SETTLEMENT_KINDS.get(anaphora["noun"], ()) if anaphora else ()
    named = [memory.last_of_kind[k] for k in kinds if k in memory.last_of_kind]
    target = max(named, key=lambda r: r.start) if named else last  # "the city": the last city, not a village after it
    lead = memory.lead
    if (
        not anaphora
        and lead is not None
        and lead.paragraph == target.paragraph == sentence.paragraph
        and target.place.id != lead.place.id
        and within_lead(target.place, lead.place)
    ):  # "In Baghdad, a bomb hit the Nahrawan district. A sniper wounded two soldiers.": in Baghdad, not Nahrawan
        target = lead
    clause.inherited = sentence.inherited = target.place
    clause.confidence = INHERITED_CONFIDENCE
    return [PlaceRef(None, GeoPrecision.NEAR if target.paragraph != sentence.paragraph else GeoPrecision.EXACT)]


def _territory_places(places: Sequence[PlaceRef], text: str, trigger_end: int) -> Sequence[PlaceRef]:
    """The places a territory verb acts on: the first after it and those joined to it by 'and'/','.

    A governorate is passed over for a town after it (*recaptured the Anbar government complex in
    central Ramadi*: Ramadi), and ends a list of towns (*retook Hit, Anbar province*: Hit).
    """
    after = [p for p in places if p.mention is not None and p.mention.start >= trigger_end]
    if not after:
        return places[-1:]
    first = next((i for i, p in enumerate(after) if p.precision < GeoPrecision.AREA), 0)
    return _joined(after[first:], text, towns_only=after[first].precision < GeoPrecision.AREA)


def listed(places: Sequence[PlaceRef], doc: Document) -> Sequence[PlaceRef]:
    """The places of an attack: the first named and the towns joined to it by 'and' or commas
    (*air strikes near Mosul and Tal Afar*), but one place on a road *between* two."""
    first = places[0].mention
    if first is None or first.place is None or first.place.is_area or _BETWEEN.search(doc.before(first, 0)):
        return places[:1]
    return _joined([p for p in places if p.mention is not None], doc.text, towns_only=True)


def _joined(places: Sequence[PlaceRef], text: str, towns_only: bool = False) -> list[PlaceRef]:
    """The first place and those joined to it by 'and' or commas (*Hit and Rutba*); with ``towns_only``,
    a governorate ends the list (*in Hit, Anbar province*: Hit)."""
    chosen = [places[0]]
    for ref in places[1:]:
        m, last = ref.mention, chosen[-1].mention
        assert m is not None and last is not None, "places joined in a text are mentions"
        if (towns_only and (m.place is None or m.place.is_area)) or not _PLACE_LIST_GAP.fullmatch(
            text, last.end, m.start
        ):
            break
        chosen.append(ref)
    return chosen


def is_partial(low: str, clause_start: int, place_start: int) -> bool:
    """Whether the words before a place limit an event to part of it (*parts of Tal Afar*, *eastern Mosul*)."""
    return bool(_PARTIAL.search(low[max(clause_start, place_start - _PART_CHARS) : place_start]))


def place_event(clause: Clause, memory: Discourse) -> bool:
    """An event with no place is reported as unlocated, with why, and goes no further."""
    sentence = clause.sentence
    sentence.found_event = True  # placed or not: the sentence reports an event, not a follow-up count
    if clause.targets:
        return True
    doc = clause.doc
    unknown = [m.text for m in doc.mentions if sentence.start <= m.start < sentence.end and m.in_iraq is None]
    reason = (
        f"names no place the gazetteer knows ({', '.join(unknown)})"
        if unknown
        else "no Iraqi place named in or before it"
    )
    memory.unlocated.append(
        Unlocated(doc.article.id, clause.sub_type, sentence.text, sentence.start, sentence.end, reason)
    )
    return False
