"""The trigger stage: which event a clause reports, if any (triggers.tsv), and whether it is told as fact.

A territory verb counts only with its object: a place right after it
(*retook Ishaqi*, *took control of several neighbourhoods of Tal Afar*),
words for a place (*the town*), or a place before it in the passive
(*Duluiya was retaken*). A trigger in the infinitive of purpose (*an
offensive to retake*) does not count. Hedged or intended actions (hedges.tsv:
*may*, *plans to*), references to earlier years and what people flee are not
events.
"""

from __future__ import annotations

import bisect
import re

from geo_events.extract.document import CONCESSIVE, RELATIVE_PRONOUN, Clause, PlaceRef, Trigger
from geo_events.extract.rules import ObjectRule, RuleSet
from geo_events.text.dates import refers_to_past_year, says_when
from geo_events.text.lexicon import compile_lower
from geo_events.text.place_nouns import NounKind, alternation

__all__ = ["find_trigger", "told_as_fact", "background", "PASSIVE"]

#: "to retake": a purpose, unless they "managed to" (matched on the text before a trigger).
_INTENDED = compile_lower(r"(?<!managed )(?<!able )(?<!succeeded )(?<!continued )\bto\s+$")
#: What a purpose looks back over, before a trigger.
_INTENDED_CHARS = 20
#: A verb in the passive before a trigger (*was retaken*).
PASSIVE = compile_lower(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$")
#: Territory verbs need their object: a place, or words for one.
_TERRITORY_OBJECT = compile_lower(
    rf"^\s*(?:(?:full|back|the|of|control|over|several|{alternation(NounKind.PART, NounKind.AREA)})\s+)*"
)
#: Words after "captured" that make it about people or things, not territory.
_NOT_TERRITORY = compile_lower(
    r"(?:members|fighters|soldiers|militants|troops|weapons|vehicles|prisoners|hostages|leaders?|commanders?|officers?|policemen|men|women|children|civilians|people|equipment|documents|ammunition)\b"
)  # fmt: skip
#: "seized it": the place named before, unless it says where something else is (*a cache in Hit*)
_IT = compile_lower(r"it\b")
_WHERE_SOMETHING_IS = compile_lower(
    rf"\b(?:in|near|at|outside|around|inside|on|from|close to)\s+(?:the\s+)?(?:(?:{alternation(NounKind.SETTLEMENT, NounKind.AREA, plural=False)}) of\s+)?$"
)  # fmt: skip
#: A building, which storming is an attack on, not a change of who holds a place (*stormed a restaurant*).
_BUILDING = compile_lower(rf"(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{alternation(NounKind.BUILDING)})\b")
#: Nouns for a place or part of one that a territory verb acts on (*town*, *district*, *outskirts*, *airport*).
_PLACE_NOUN = alternation(NounKind.SETTLEMENT, NounKind.AREA, NounKind.PART, NounKind.FACILITY)
#: Words for a place (*retook the town*, *seized two villages*, *captured the airport*).
_PLACE_WORDS = compile_lower(rf"(?:the\s+)?(?:[\w-]+\s+)?(?:{_PLACE_NOUN})\b")
_DECLARED = compile_lower(
    r"\bdeclar(?:e|ed|es|ing)\s+(?:the\s+)?(?:[\w'-]+\s+){1,3}(?:fully\s+|completely\s+|totally\s+)?$"
)
#: Words for a place as the subject of a territory verb in the passive (*the main districts of the city have
#: been recaptured*), not in a relative clause before it (*the areas that have been captured*).
_PLACE_SUBJECT = compile_lower(
    rf"\bthe\s+(?:[\w-]+\s+)?(?:{_PLACE_NOUN})"
    rf"(?:\s+of\s+the\s+(?:{alternation(NounKind.SETTLEMENT)}))?\s+(?P<passive>(?:(?:has|have|had)\s+(?:now\s+)?been|was|were|is|are)\s+(?:\w+\s+)?)?$"
)  # fmt: skip
#: How far after a territory verb (and the words of its object) its place may be named.
_OBJECT_CHARS = 45
#: What people flee, not a report of it (*families displaced by the fighting*, *fled the air strikes*).
_FLED_FROM = compile_lower(
    r"\b(?:fled|flee(?:s|ing)?|escap(?:e|es|ed|ing)|displaced by|driven (?:out |away )?by|trapped by|caught (?:up )?in)\s+(?:the\s+)?(?:\w+\s+)?$"
)  # fmt: skip


def find_trigger(rules: RuleSet, low: str, offset: int, places: list[PlaceRef]) -> Trigger | None:
    """The event a lower-cased clause reports, by the priority of the triggers, and where it is said.

    ``offset`` is the clause's in its text, where ``places`` were found.

    Examples
    --------
    >>> find_trigger(RuleSet.default(), "an offensive to retake the city", 0, []) is None
    True
    >>> find_trigger(RuleSet.default(), "the army retook the town", 0, []).kind
    'regain'
    """
    relative: _Relatives | None = None  # the clause's relative clauses, found once, when first needed
    if CONCESSIVE.match(low):
        return None  # "although Mosul was freed in July, [children are still held]": background
    for kind, pattern in rules.triggers.candidates(low):
        for m in pattern.finditer(low):
            if _INTENDED.search(low, max(0, m.start() - _INTENDED_CHARS), m.start()):
                continue  # "an offensive to retake Tal Afar": what they set out to do, not what happened
            if relative is None:
                relative = _Relatives(low)
            told = relative.around(m.start())
            if told is not None and not relative.dated(told):
                continue  # "the militants, who seized Mosul, ...": background, not news of the day
            needs = rules.object_of(kind, low, m)
            if needs is ObjectRule.NONE or _has_object(low, m, offset, places, needs):
                return Trigger(kind, m, needs, m.start(), m.end())
    return None


def _has_object(low: str, m: re.Match[str], offset: int, places: list[PlaceRef], needs: ObjectRule) -> bool:
    if _DECLARED.search(low[: m.start()]):
        return True  # "declared eastern Mosul fully liberated", "to declare the city liberated"
    rest = low[m.end() :]
    skip = _TERRITORY_OBJECT.match(rest).end()  # type: ignore[union-attr] # it matches every text
    if (
        needs is not ObjectRule.REVERSED
        and (  # "fell to the militants": who won, after it
            _NOT_TERRITORY.match(rest[skip:]) or (needs is ObjectRule.PLACE and _BUILDING.match(rest, skip))
        )
    ):
        return False
    if _PLACE_WORDS.match(rest, skip):
        return True
    subject = _PLACE_SUBJECT.search(low, max(0, m.start() - _OBJECT_CHARS), m.start())
    if subject is not None and (subject["passive"] or needs is ObjectRule.REVERSED):
        return True  # "the city has been recaptured", "the town was retaken by Peshmerga", "the city fell to IS"
    it = _IT.match(rest, skip) is not None
    for ref in places:
        assert ref.mention is not None, "a clause's own places are mentions"
        start = ref.mention.start - offset
        if m.end() <= start <= m.end() + skip + _OBJECT_CHARS:
            return True
        if start < m.start() and (
            PASSIVE.search(low[: m.start()])
            or needs is ObjectRule.REVERSED
            or (it and not _WHERE_SOMETHING_IS.search(low, 0, start))
        ):
            return True  # "Ramadi was retaken", "Baiji fell to ISIS", "fled Hit after militants seized it"
    return False


#: A relative clause after a comma, to the next comma: *, who seized Mosul in mid-June,*.
_RELATIVE_CLAUSE = compile_lower(r",\s*(?:who|which)\s+[^,;]*")


def background(low: str, at: int) -> re.Match[str] | None:
    """The relative clause of a lower-cased text that offset ``at`` is in (*, who seized the city of
    Mosul in mid-June,*), if any: what it tells is background, dated by its own words or not news.

    Examples
    --------
    >>> background("the militants, who seized mosul in june, attacked hit", 25).group(0)
    ', who seized mosul in june'
    >>> background("the militants attacked hit", 20) is None
    True
    """
    return _Relatives(low).around(at)


class _Relatives:
    """The relative clauses of a lower-cased text, in order (they do not overlap), to ask which one an offset
    is in: a bisection, so that a clause with many trigger words costs no more than linear time."""

    def __init__(self, low: str) -> None:
        self.clauses = list(_RELATIVE_CLAUSE.finditer(low))
        self.starts = [m.start() for m in self.clauses]
        self._dated: dict[int, bool] = {}

    def around(self, at: int) -> re.Match[str] | None:
        i = bisect.bisect_right(self.starts, at) - 1
        return self.clauses[i] if i >= 0 and at < self.clauses[i].end() else None

    def dated(self, clause: re.Match[str]) -> bool:
        """Whether a relative clause says when (``says_when``), read once a clause."""
        if clause.start() not in self._dated:
            self._dated[clause.start()] = says_when(clause.group(0))
        return self._dated[clause.start()]


#: An event told as what another happened in spite of (*the city fell despite weeks of U.S. air strikes*): the
#: background of the news, not news itself. The trigger is the noun the phrase ends with, a few words after
#: *despite* and no second article: *despite the curfew a bomb killed two* tells the bomb.
_DESPITE = compile_lower(
    r"\b(?:despite|in spite of|notwithstanding)\s+(?:(?:a|an|the|this|these|its|their)\s+)?"
    r"(?:(?!(?:a|an|the)\b)[\w.'’-]+\s+){0,4}$"
)
#: How far before a trigger ``_DESPITE`` is looked for.
_DESPITE_CHARS = 80
#: A trigger that is a verb (*despite a security alert gunmen killed three*): the news after the concession.
_VERB_TRIGGER = compile_lower(r"(?:ed|\bhit|\bstruck|\btook|\bfell|\bblew up|\bshot|\boverran)$")
#: What the concession's own event did (*despite a car bomb that killed five soldiers*): news told in it.
_TOLD_IN_IT = compile_lower(r"\s+(?:that|which)\s+(?:\w+\s+)?(?:killed|wounded|injured|left)\b")


def told_as_fact(clause: Clause) -> bool:
    """Whether a clause tells its event as having happened: not hedged or planned (hedges.tsv), not of an
    earlier year, not what people fled, not what something happened despite."""
    trigger = clause.trigger
    assert trigger is not None, "stages see clauses with a trigger"
    low = clause.low
    # a relative clause after the trigger has its own hedges (*a woman was beheaded after killing a militant who
    # was trying to rape her*: the beheading is told as fact), but for those of kind ``doubt``, which put the
    # report itself in doubt wherever they are (*a claim which the government denied*)
    relative = RELATIVE_PRONOUN.search(low, trigger.end)
    told_up_to = relative.start() if relative is not None else len(low)
    return not (
        any(
            (m := rx.search(low)) is not None and (kind == "doubt" or m.start() < told_up_to)
            for kind, rx in clause.rules.hedges.candidates(low)
        )
        or refers_to_past_year(clause.text, clause.doc.anchor)
        or _FLED_FROM.search(clause.low, 0, trigger.start)
        or _despite(low, trigger)
    )


def _despite(low: str, trigger: Trigger) -> bool:
    """Whether a trigger is the noun of a concession (``_DESPITE``): background, unless it is a verb or the
    concession tells what its event did."""
    return (
        _DESPITE.search(low, max(0, trigger.start - _DESPITE_CHARS), trigger.start) is not None
        and _VERB_TRIGGER.search(trigger.word) is None
        and _TOLD_IN_IT.match(low, trigger.end) is None
    )
