"""The casualties stage: the dead and wounded a sentence or clause reports, as ranges.

*five dead and 14 wounded* gives fatalities and wounded; *four gunmen and a
policeman* dead is 5. Numbers are read by ``geo_events.text.numbers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo_events.extract.document import Clause, Discourse
from geo_events.text.lexicon import Lexicon, compile_lower, lower, words
from geo_events.text.numbers import NUM_WORD, NUMBER, QUALIFIERS, VAGUE, Count, parse_number
from geo_events.text.tables import example, shipped_table, word_list
from geo_events.vocab import BATTLES, EVENT_TYPES, VICTIM_SIDES

__all__ = ["count_casualties", "count"]

_QUALIFIER = rf"(?:(?:{QUALIFIERS})\s*)?"
#: The qualifier of a number is the words right before it.
_QUALIFIER_BEFORE = compile_lower(rf"\b(?:{QUALIFIERS})(?=\s*$)")
_VICTIMS = (
    r"(?:\s+(?:of\s+(?:the|a|an)\s+|other\s+|more\s+|"
    r"(?!(?:dead|killed|died|wounded|injured|and|in|near|at|on|during|after|by|from|with|as|than|\d+|"
    rf"{NUM_WORD}|dozens?|scores|hundreds|thousands|several|few|many|some|said|says|told|that|who|which)\b)"
    r"[\w’'.-]+\s+){0,6}?)?"
    # an aside between commas: "35 people, most of them policemen, were killed"
    r"(?:\s*[\w’'-]+,[^,.;]{1,60},)?"
)
#: After "killed" (or "wounded"), an object means the active voice: the number before it counts the attackers
#: (*a sniper wounded two soldiers*: two, not three).
_ACTIVE = (
    r"(?!\s+(?:and\s+(?:wounded|injured)|(?:a|an|the)(?!\s+(?:same|next|previous|following|day|night|morning|"
    r"afternoon|evening|week)\b)|his|her|their|many|dozens|scores|several|some|at least|"
    rf"more than|\d+|{NUM_WORD})\b)"
)
KILLED_WORDS = frozenset({"killed", "dead", "died", "slain", "executed", "beheaded"})
WOUNDED_WORDS = frozenset({"wounded", "injured", "hurt"})
_KILLED = (
    rf"(?:were|was|have been|had been|are|being|reportedly|also|\s)*\s*(?:{'|'.join(sorted(KILLED_WORDS))})\b" + _ACTIVE
)
_WOUNDED = (
    rf"(?:were|was|have been|had been|are|reportedly|also|\s)*\s*(?:{'|'.join(sorted(WOUNDED_WORDS))})\b" + _ACTIVE
)


#: "12 bodies": tried only on texts with "bodies" (see ``_ALL``).
_BODIES = compile_lower(rf"\b(?P<num>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?bodies\b")
#: Matched on lower-cased text; the qualifier of each number is found before it (``_QUALIFIER_BEFORE``).
_PATTERNS = {
    # "at least 50 militants were killed", "57 militants were killed", "eight guards were killed"
    "killed": [
        compile_lower(rf"\b(?P<num>{NUMBER})\b{_VICTIMS}{_KILLED}\b"),
        compile_lower(rf"\b(?:killing|killed|executing|executed|leaving|left|shot dead|gunned down|shooting dead)\s+{_QUALIFIER}(?P<num>{NUMBER})\b(?!\s+(?:wounded|injured))"),
        compile_lower(rf"\bdeath toll\b(?:[^.;\d]{{0,60}}?\b(?:rose|climbed|jumped|increased|reached|stood at|hit)(?: to)?| of)\s+{_QUALIFIER}(?P<num>{NUMBER})\b"),
        compile_lower(rf"\b(?:claimed|claiming|took|taking) the lives of\s+{_QUALIFIER}(?P<num>{NUMBER})\b"),
        # found dead: "the bodies of 30 men", "12 bodies", "the remains of at least 50 people"
        compile_lower(rf"\b(?:bodies|remains) of\s+{_QUALIFIER}(?P<num>{NUMBER})\b"),
        _BODIES,
    ],
    "wounded": [
        compile_lower(rf"\b(?P<num>{NUMBER})\b{_VICTIMS}{_WOUNDED}\b"),
        compile_lower(rf"\b(?:wounding|injuring|wounded|injured)\s+{_QUALIFIER}(?P<num>{NUMBER})\b"),
    ],
}  # fmt: skip
#: "left four gunmen and a policeman dead": a list of victims, then the state.
_LEFT_LIST = compile_lower(r"\b(?:left|leaving)\s+(?P<list>(?:[\w’'-]+\s+){1,10}?)(?P<state>dead|wounded|injured)\b")
#: "18 militants and four soldiers were killed", "five soldiers, three policemen and two civilians were
#: killed": numbers joined by "and" or commas, then the state.
_LIST_MEMBER = (
    rf"{_QUALIFIER}(?!(?:19|20)\d\d\b){NUMBER}"  # not a year
    r"(?:\s+(?!(?:were|was|are|have|had|killed|dead|wounded|injured|and)\b)[\w’'-]+){0,3}?"
)
_AND_LIST = compile_lower(
    rf"\b(?P<list>{_LIST_MEMBER}(?:\s*(?:,\s*and|,|and)\s+{_LIST_MEMBER})+)\s+"
    r"(?:were|have been|had been|are)\s+(?:also\s+)?(?P<state>killed|dead|wounded|injured)\b"
)
_LIST_ITEM = compile_lower(rf"\b(?P<num>{NUMBER})\b")


@dataclass(frozen=True)
class Persons:
    """Nouns for one person (persons.tsv), and a sentence in which such a victim counts one."""

    words: tuple[str, ...]
    example: str


PERSONS = tuple(shipped_table(Persons, {"words": word_list, "example": example}, "persons.tsv"))
_PERSON = "|".join(sorted({w for row in PERSONS for w in row.words}, key=len, reverse=True))
_ONE = r"(?:an?|one|the)\s+(?:(?!and\b)[\w’'-]+\s+){0,3}"
_HARMED_ONE = r"killed|shot dead|gunned down|executed|beheaded|assassinated|slain"
#: One victim: "killed a militant leader", "a cleric was shot dead", "the body of a ministry agent was found".
_ONE_VICTIM = [
    compile_lower(rf"\b(?:killed|killing|shot dead|shooting dead|gunned down|executed|executing|beheaded|beheading|"
                  rf"assassinated|assassinating)\s+(?P<one>{_ONE}(?:{_PERSON}))\b"),
    compile_lower(rf"\b(?P<one>{_ONE}(?:{_PERSON}))\s+(?:was|has been|had been)\s+(?:\w+\s+)?(?:{_HARMED_ONE})\b"),
    compile_lower(r"\b(?P<one>(?:an?|one)\s+(?:[\w-]+\s+){0,2}?body|the body of)\b"
                  r"(?:[^.;]{0,40}?)\b(?:found|discovered|recovered|retrieved)\b"),
]  # fmt: skip
#: Who was killed with a victim (*and his son*, *and four bodyguards*): one more, or their number.
_WITH_ONE = compile_lower(
    rf"\s+and\s+(?:(?:his|her|their)\s+[\w-]+|an?\s+(?:(?!and\b)[\w’'-]+\s+){{0,3}}(?:{_PERSON})\b|"
    rf"{_QUALIFIER}(?P<num>{NUMBER})\b)"
)
#: Lists first, so that their numbers are not counted again.
#: "12 people were killed": tried only where one of the words of the state is in the text.
_ALL = Lexicon(
    [
        ("list", _LEFT_LIST),
        ("list", _AND_LIST),
        *(("one", p) for p in _ONE_VICTIM),  # before "killed a": a victim and those with them
        *((kind, p) for kind, patterns in _PATTERNS.items() for p in patterns),
    ],
    requires={
        _PATTERNS["killed"][0]: KILLED_WORDS,
        _PATTERNS["wounded"][0]: WOUNDED_WORDS,
        _AND_LIST: KILLED_WORDS | WOUNDED_WORDS,
        _BODIES: frozenset({"bodies"}),
    },
)
_NONE = Count()
#: Cheap test first: a sentence without these words reports no casualties.
_HARM = compile_lower(
    r"dead|kill|died|death|wound|injur|hurt|slain|execut|behead|gunned|assassinat|lives|bod(?:y|ies)|remains"
)
#: Vague words that are not victim counts when followed by these.
_NOT_VICTIMS = compile_lower(r"\s*(?:of\s+)?(?:times|days|hours|weeks|months|years|kilomet|miles|km)")


def count_casualties(sentence: str) -> tuple[Count, Count]:
    """Fatalities and wounded reported in a sentence.

    Several counts of one kind in one sentence are added up (*four gunmen
    and a policeman* dead is 5). Counts of claimed totals for a whole
    campaign are the caller's to judge.

    Parameters
    ----------
    sentence : str
        One sentence or clause.

    Returns
    -------
    (Count, Count)
        Fatalities and wounded; ``Count()`` where none is given.

    Examples
    --------
    >>> count_casualties("Iraqi air strikes left five dead and 14 wounded in Falluja.")
    (Count(low=5, best=5, high=5), Count(low=14, best=14, high=14))
    >>> count_casualties("Clashes today left four gunmen and a policeman dead.")[0].best
    5
    >>> count_casualties("At least 50 militants were killed during an air strike.")[0]
    Count(low=50, best=50, high=None)
    """
    low = lower(sentence)
    if not _HARM.search(low):
        return _NONE, _NONE
    result = {"killed": _NONE, "wounded": _NONE}
    used = bytearray(len(low))  # 1 where a number already counted, or a list of them, is
    for kind, pattern in _ALL.candidates(low):  # pattern by pattern, as listed
        for m in pattern.finditer(low):
            if kind == "list":
                _count_list(low, m, result, used)
                continue
            if kind == "one":
                _count_one(low, m, result, used)
                continue
            if used[m.start("num")]:
                continue
            if _NOT_VICTIMS.match(low, m.end("num")):
                continue
            count = parse_number(m["num"], _qualifier(low, m.start("num")))
            if count.known or count.note or m["num"] in VAGUE:
                result[kind] = result[kind] + count
                used[m.start("num") : m.end("num")] = b"\x01" * (m.end("num") - m.start("num"))
    return result["killed"], result["wounded"]


def _count_list(low: str, m: re.Match, result: dict[str, Count], used: bytearray) -> None:
    """Add up a list of victims (*left four gunmen and a policeman dead*, *18 militants and four soldiers
    were killed*)."""
    state = "killed" if m["state"] in ("dead", "killed") else "wounded"
    total = Count()
    for item in _LIST_ITEM.finditer(low, m.start("list"), m.end("list")):
        if not _NOT_VICTIMS.match(low, item.end(), m.end("list")):
            total = total + parse_number(item["num"], _qualifier(low, item.start()))
    if total.known:
        result[state] = result[state] + total
        used[m.start() : m.end()] = b"\x01" * (m.end() - m.start())


def _count_one(low: str, m: re.Match, result: dict[str, Count], used: bytearray) -> None:
    """One victim (*killed a militant leader*), and those killed with them (*and four bodyguards*)."""
    if used[m.start("one")]:
        return
    total = parse_number("one")
    more = _WITH_ONE.match(low, m.end("one"))
    if more is not None and more["num"] and not used[more.start("num")]:
        total = total + parse_number(more["num"], _qualifier(low, more.start("num")))
    elif more is not None:
        total = total + parse_number("one")
    end = more.end() if more is not None else m.end("one")
    result["killed"] = result["killed"] + total
    used[m.start("one") : end] = b"\x01" * (end - m.start("one"))


def _qualifier(low: str, at: int) -> str:
    """The qualifier (*at least*, *more than*...) right before the number at ``at``, or ''."""
    m = _QUALIFIER_BEFORE.search(low, max(0, at - 20), at)
    return m.group(0) if m else ""


#: Deaths that are no violence.
_ACCIDENT = words(r"crash(?:ed|es)?", r"accident(?:al|ally|s)?", r"collided", r"collision", r"drowned", r"electrocuted")
_CLAIM = compile_lower(r"\bclaim(?:s|ed|ing)?\b(?! the lives)")  # "claimed the lives of 12": a count
#: Triggers that only say people died: a count of the event told before, unless someone is named killing
#: (and deaths of civilians at no one's hands, told as an incident of their own, are an attack: *In the Khadraa
#: neighbourhood, a civilian was gunned down*).
_ONLY_DEATHS = ("killed", "killing", "gunned down", "shot dead", "shot and killed")


#: A place the victims come from, not where they died (*twelve policemen from Najaf province were killed*).
_ORIGIN = compile_lower(r"\bfrom\s+(?:the\s+)?(?:\w+\s+)?$")
_ORIGIN_CHARS = 24


def _incident(clause: Clause, memory: Discourse) -> bool:
    """Whether deaths told with no one who caused them (*two civilians were killed in Hilla*) are an incident
    of their own, as in a bulletin: the clause names its own place, and the paragraph's last event, if
    any, is elsewhere. Otherwise they count the victims of that event (*57 militants were killed*). The clause's
    own places are those it is placed at: its own, or those of the sentence's clauses that tell no event (*Three
    fighters were killed when they tried to go back to their village near Sinjar*).

    Examples
    --------
    >>> from datetime import date
    >>> from geo_events import Article, extract_events
    >>> [e.location for e in extract_events([Article("d", "", "Two civilians were killed in Hilla.", date(2014, 5, 12))])]
    ['Hillah']
    """
    low = clause.doc.low
    own = {
        ref.mention.place.id
        for ref in clause.targets
        if ref.mention is not None
        and ref.mention.place is not None
        and not _ORIGIN.search(low, max(0, ref.mention.start - _ORIGIN_CHARS), ref.mention.start)
    }
    if not own:
        return False
    last = memory.last_draft(clause.sentence.paragraph)
    return last is None or last.place.id not in own


#: Deaths in a fight the clause introduces (*five gunmen were killed in a clash*): a fight of its own, not the
#: victims of the event told before, which *the* fighting or *the* clashes would refer to.
_A_NEW_FIGHT = compile_lower(
    r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?(?:clash|firefight|gunfight|gun battle|battle|ambush|skirmish|raid)\b"
)


#: Deaths in fighting told as such (*five more were killed in clashes*), not in *the* fighting told before.
_IN_FIGHTING = compile_lower(
    r"\b(?:in|during)\s+(?:heavy\s+|fierce\s+|renewed\s+|separate\s+)?(?:clashes|fighting|gunfights|firefights|skirmishes)\b"
)


def _fight_after_another_kind(clause: Clause, memory: Discourse) -> bool:
    """Whether deaths told with no one who caused them were in fighting while the paragraph's last event was no
    battle (*Nineteen militants were killed in strikes on Doulab. Five more were killed in clashes.*): a clash of
    its own there, as coders code it, not five more dead of the strikes."""
    last = memory.last_draft(clause.sentence.paragraph)
    return last is not None and EVENT_TYPES[last.sub_type] != BATTLES and _IN_FIGHTING.search(clause.low) is not None


def _other_side_lost(clause: Clause, memory: Discourse) -> bool:
    """Whether deaths told with no one who caused them are of an armed side that the paragraph's last event did
    not involve (*In al-Baghdadi, mortars killed three children. Fifty militants were killed.*; *Clashes in
    Ramadi killed two policemen. Five gunmen were killed in a clash.*): another incident, as bulletins tell
    them, not more victims of that event (*... killing three policemen. Two attackers were also killed.*)."""
    last = memory.last_draft(clause.sentence.paragraph)
    victims = clause.actor2
    return (
        last is not None
        and last.side2 is not None  # "troops took back Duluiya. 57 militants were killed": whom they fought
        and victims is not None
        and victims.side not in VICTIM_SIDES
        and victims.side not in (last.side1, last.side2)
    )


def count(clause: Clause, memory: Discourse) -> bool:
    """The casualties stage: the clause's dead and wounded. A clause that only counts (*57 militants
    were killed*) adds them to the event told before and is no event itself; nor is an accident or a
    claimed toll."""
    low, trigger, sentence = clause.low, clause.trigger, clause.sentence
    assert trigger is not None, "stages see clauses with a trigger"
    claimed = "claim" in low and _CLAIM.search(low) is not None
    killed, wounded = count_casualties(clause.text) if not claimed else (_NONE, _NONE)
    if clause.sub_type == "Armed clash" and trigger.word in _ONLY_DEATHS:
        if _ACCIDENT.search(low) or claimed:
            return False  # "a helicopter crashed, killing its two pilots"; "claiming they had killed 1,700"
        if (
            clause.actor1 is None
            and not _incident(clause, memory)
            and not _other_side_lost(clause, memory)
            and _A_NEW_FIGHT.search(low) is None
            and not _fight_after_another_kind(clause, memory)
        ):
            if sentence.events() == 1:  # a sentence that only counts: all of its counts
                killed, wounded = count_casualties(sentence.text)
            if killed.known or wounded.known:
                memory.add_casualties(sentence.paragraph, killed, wounded)
                sentence.counted = True
            return False
        if clause.actor1 is None and clause.actor2 is not None and clause.actor2.side in VICTIM_SIDES:
            clause.sub_type = "Attack"  # "two civilians were killed in Hilla", by no one named
    if clause.sub_type in ("Other", "Agreement"):
        # "25 bodies were found in two mass graves": killed long before, not counted again; a truce "after clashes
        # killed five" kills no one
        killed = wounded = _NONE
    clause.killed, clause.wounded = killed, wounded
    return True
