"""Counting the dead and wounded in a sentence: numbers, words, and vague quantities.

Counts are ranges (low, best, high), as conflict datasets need them: *at
least 50* is (50, 50, None); *more than 200* is (201, 201, None); *dozens*
is (24, 24, 99); *five dead and 14 wounded* gives fatalities and wounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo_events.patterns import Lexicon, compile_lower, lower

__all__ = ["Count", "parse_number", "count_casualties", "MAX_COUNT"]

#: A count above this is implausible for one event (the largest massacres of the wars in Iraq since
#: 2003 killed some thousands): it is read as unknown, with a note, never as a number.
MAX_COUNT = 100_000
#: Digits of a number read as a count: longer ones are above ``MAX_COUNT`` whatever they say (and would
#: overflow a float, or the int() of a string of 4,300 digits).
_MAX_DIGITS = 12

UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Vague quantities: (low, best, high).
VAGUE = {
    "a few": (2, 3, 9),
    "several": (3, 3, 9),
    "a dozen": (12, 12, 12),
    "dozens": (24, 24, 99),
    "scores": (40, 40, 199),
    "hundreds": (200, 200, 999),
    "thousands": (2000, 2000, None),
    "many": (None, None, None),
    "some": (None, None, None),
}
_NUM_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))?"
    r"(?:\s+(?:hundred|thousand))?(?:\s+and\s+\w+)?|a dozen|dozens|scores|hundreds|thousands|several|a few|many)"
)
_QUALIFIERS = r"at least|more than|over|as many as|up to|nearly|almost|about|around|some|roughly|an estimated"
_QUALIFIER = rf"(?:(?:{_QUALIFIERS})\s*)?"
#: The qualifier of a number is the words right before it.
_QUALIFIER_BEFORE = compile_lower(rf"\b(?:{_QUALIFIERS})(?=\s*$)")
_VICTIMS = (
    r"(?:\s+(?:of\s+(?:the|a|an)\s+|other\s+|more\s+|"
    r"(?!(?:dead|killed|died|wounded|injured|and|in|near|at|on|during|after|by|from|with|as|than|\d+|"
    rf"{_NUM_WORD}|dozens?|scores|hundreds|thousands|several|few|many|some|said|says|told|that|who|which)\b)"
    r"[\w’'.-]+\s+){0,6}?)?"
    # an aside between commas: "35 people, most of them policemen, were killed"
    r"(?:\s*[\w’'-]+,[^,.;]{1,60},)?"
)
#: After "killed", an object means the active voice: the number before it counts the killers.
_ACTIVE = (
    r"(?!\s+(?:and\s+(?:wounded|injured)|a|an|the|his|her|their|many|dozens|scores|several|some|at least|"
    rf"more than|\d+|{_NUM_WORD})\b)"
)
KILLED_WORDS = frozenset({"killed", "dead", "died", "slain", "executed", "beheaded"})
WOUNDED_WORDS = frozenset({"wounded", "injured", "hurt"})
_KILLED = (
    rf"(?:were|was|have been|had been|are|being|reportedly|also|\s)*\s*(?:{'|'.join(sorted(KILLED_WORDS))})\b" + _ACTIVE
)
_WOUNDED = rf"(?:were|was|have been|had been|are|reportedly|also|\s)*\s*(?:{'|'.join(sorted(WOUNDED_WORDS))})"


@dataclass(frozen=True, slots=True)
class Count:
    """A count as a range; all None when a report gives no number.

    Examples
    --------
    >>> Count(50, 50, None).best
    50
    """

    low: int | None = None
    best: int | None = None
    high: int | None = None
    #: Why a number given was not used (it is above ``MAX_COUNT``).
    note: str = field(default="", repr=False)

    def __add__(self, other: Count) -> Count:
        note = "; ".join(n for n in (self.note, other.note) if n)
        if not other.known and other.high is None and other.low is None:
            return self if note == self.note else Count(self.low, self.best, self.high, note)
        if not self.known and self.high is None and self.low is None:
            return other if note == other.note else Count(other.low, other.best, other.high, note)

        def add(a: int | None, b: int | None) -> int | None:
            return None if a is None and b is None else (a or 0) + (b or 0)

        high = None if self.high is None or other.high is None else self.high + other.high
        return Count(add(self.low, other.low), add(self.best, other.best), high, note)

    @property
    def known(self) -> bool:
        return self.best is not None

    def split(self, n: int) -> list[Count]:
        """The count shared among ``n`` events, in whole numbers (the first get what does not divide).

        Examples
        --------
        >>> Count(10, 20, None).split(3)
        [Count(low=4, best=7, high=None), Count(low=3, best=7, high=None), Count(low=3, best=6, high=None)]
        """

        def share(value: int | None, i: int) -> int | None:
            return None if value is None else value // n + (i < value % n)

        return [Count(share(self.low, i), share(self.best, i), share(self.high, i), self.note) for i in range(n)]


def parse_number(text: str, qualifier: str = "") -> Count:
    """A number written in digits or words, with its qualifier, as a range.

    Examples
    --------
    >>> parse_number("1,700"), parse_number("seven", "as many as"), parse_number("200", "more than")
    (Count(low=1700, best=1700, high=1700), Count(low=1, best=7, high=7), Count(low=201, best=201, high=None))
    >>> parse_number("dozens"), parse_number("twenty-five")
    (Count(low=24, best=24, high=99), Count(low=25, best=25, high=25))
    >>> parse_number("99999999999999999999").note
    'a count of 99999999999999999999 is more than 100,000, implausible for one event: left out'
    """
    t = text.lower().strip()
    if t in VAGUE:
        low, best, high = VAGUE[t]
        value = None
    else:
        value = _value(t) if sum(c.isdigit() for c in t) <= _MAX_DIGITS else MAX_COUNT + 1
        if value is None:
            return Count()
        if value > MAX_COUNT:
            return Count(
                note=f"a count of {text.strip()[:40]} is more than {MAX_COUNT:,}, implausible for one event: left out"
            )
        low = best = high = value
    q = qualifier.lower().strip()
    if value is not None:
        if q in ("at least", "some", "an estimated"):
            high = None
        elif q in ("more than", "over"):
            low = best = value + 1
            high = None
        elif q in ("as many as", "up to"):
            low = 1
        elif q in ("nearly", "almost"):
            low = best = max(1, round(value * 0.9))
            high = value
        elif q in ("about", "around", "roughly"):
            low, high = round(value * 0.8), round(value * 1.2)
    return Count(low, best, high)


def _value(t: str) -> int | None:
    t = t.replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(million|thousand))?", t)
    if m:
        scale = {"million": 1_000_000, "thousand": 1_000}.get(m.group(2) or "", 1)
        return int(float(m.group(1)) * scale)
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", t):
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word == "and":
            continue
        else:
            return None
    return total + current or None


#: "12 bodies": tried only on texts with "bodies" (see ``_ALL``).
_BODIES = compile_lower(rf"\b(?P<num>{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?bodies\b")
#: Matched on lower-cased text; the qualifier of each number is found before it (``_QUALIFIER_BEFORE``).
_PATTERNS = {
    # "at least 50 militants were killed", "57 militants were killed", "eight guards were killed"
    "killed": [
        compile_lower(rf"\b(?P<num>{_NUMBER})\b{_VICTIMS}{_KILLED}\b"),
        compile_lower(rf"\b(?:killing|killed|executing|executed|leaving|left|shot dead|gunned down|shooting dead)\s+{_QUALIFIER}(?P<num>{_NUMBER})\b(?!\s+(?:wounded|injured))"),
        compile_lower(rf"\bdeath toll\b(?:[^.;\d]{{0,60}}?\b(?:rose|climbed|jumped|increased|reached|stood at|hit)(?: to)?| of)\s+{_QUALIFIER}(?P<num>{_NUMBER})\b"),
        compile_lower(rf"\b(?:claimed|claiming|took|taking) the lives of\s+{_QUALIFIER}(?P<num>{_NUMBER})\b"),
        # found dead: "the bodies of 30 men", "12 bodies", "the remains of at least 50 people"
        compile_lower(rf"\b(?:bodies|remains) of\s+{_QUALIFIER}(?P<num>{_NUMBER})\b"),
        _BODIES,
    ],
    "wounded": [
        compile_lower(rf"\b(?P<num>{_NUMBER})\b{_VICTIMS}{_WOUNDED}\b"),
        compile_lower(rf"\b(?:wounding|injuring|wounded|injured)\s+{_QUALIFIER}(?P<num>{_NUMBER})\b"),
    ],
}  # fmt: skip
#: "left four gunmen and a policeman dead": a list of victims, then the state.
_LEFT_LIST = compile_lower(r"\b(?:left|leaving)\s+(?P<list>(?:[\w’'-]+\s+){1,10}?)(?P<state>dead|wounded|injured)\b")
#: "18 militants and four soldiers were killed", "five soldiers, three policemen and two civilians were
#: killed": numbers joined by "and" or commas, then the state.
_LIST_MEMBER = (
    rf"{_QUALIFIER}(?!(?:19|20)\d\d\b){_NUMBER}"  # not a year
    r"(?:\s+(?!(?:were|was|are|have|had|killed|dead|wounded|injured|and)\b)[\w’'-]+){0,3}?"
)
_AND_LIST = compile_lower(
    rf"\b(?P<list>{_LIST_MEMBER}(?:\s*(?:,\s*and|,|and)\s+{_LIST_MEMBER})+)\s+"
    r"(?:were|have been|had been|are)\s+(?:also\s+)?(?P<state>killed|dead|wounded|injured)\b"
)
_LIST_ITEM = compile_lower(rf"\b(?P<num>{_NUMBER})\b")
#: Lists first, so that their numbers are not counted again.
#: "12 people were killed": tried only where one of the words of the state is in the text.
_ALL = Lexicon(
    [("list", _LEFT_LIST), ("list", _AND_LIST), *((kind, p) for kind, patterns in _PATTERNS.items() for p in patterns)],
    requires={
        _PATTERNS["killed"][0]: KILLED_WORDS,
        _PATTERNS["wounded"][0]: WOUNDED_WORDS,
        _AND_LIST: KILLED_WORDS | WOUNDED_WORDS,
        _BODIES: frozenset({"bodies"}),
    },
)
_NONE = Count()
#: Cheap test first: a sentence without these words reports no casualties.
_HARM = compile_lower(r"dead|kill|died|death|wound|injur|hurt|slain|execut|behead|gunned|lives|bodies|remains")
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


def _qualifier(low: str, at: int) -> str:
    """The qualifier (*at least*, *more than*...) right before the number at ``at``, or ''."""
    m = _QUALIFIER_BEFORE.search(low, max(0, at - 20), at)
    return m.group(0) if m else ""
