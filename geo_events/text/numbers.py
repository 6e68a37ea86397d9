"""Numbers in news text: counts as ranges, in digits, words, or vague quantities.

Counts are ranges (low, best, high), as conflict datasets need them: *at
least 50* is (50, 50, None); *more than 200* is (201, 201, None); *dozens*
is (24, 24, 99). The words and their values are tables of ``geo_events/lang/en``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from geo_events.text.tables import example, number, optional, pattern, shipped_table

__all__ = [
    "Count",
    "parse_number",
    "MAX_COUNT",
    "NUMBER",
    "NUM_WORD",
    "QUALIFIERS",
    "UNITS",
    "VAGUE",
    "NUMBER_WORDS",
    "QUANTITIES",
    "QUALIFIER_ROWS",
    "Reading",
]

#: A count above this is implausible for one event (the largest massacres of the wars in Iraq since
#: 2003 killed some thousands): it is read as unknown, with a note, never as a number.
MAX_COUNT = 100_000
#: Digits of a number read as a count: longer ones are above ``MAX_COUNT`` whatever they say (and would
#: overflow a float, or the int() of a string of 4,300 digits).
_MAX_DIGITS = 12


class Reading(Enum):
    """How a qualifier makes a number a range (qualifiers.tsv, column ``reading``)."""

    AT_LEAST = "at_least"  #: *at least 50*: 50 or more
    MORE_THAN = "more_than"  #: *more than 200*: from 201
    UP_TO = "up_to"  #: *as many as 7*: from 1 to 7
    NEARLY = "nearly"  #: *nearly 100*: some 90, at most 100
    ABOUT = "about"  #: *about 100*: from 80 to 120


@dataclass(frozen=True)
class NumberWord:
    """A number written as a word (number_words.tsv)."""

    word: str
    value: int
    example: str


@dataclass(frozen=True)
class Quantity:
    """A vague quantity, as the range a coder reads it as (quantities.tsv); all None where it gives none."""

    words: str
    low: int | None
    best: int | None
    high: int | None
    example: str


@dataclass(frozen=True)
class Qualifier:
    """Words before a number that make it a range (qualifiers.tsv)."""

    words: str
    reading: Reading
    example: str


_WORDS = pattern  # a column of words: matched as a pattern, so checked as one
_COUNT = optional(number(int, 0, MAX_COUNT))
#: The number words, vague quantities and qualifiers of English (``geo_events/lang/en``).
NUMBER_WORDS = tuple(
    shipped_table(NumberWord, {"word": _WORDS, "value": number(int, 1, 90), "example": example}, "number_words.tsv")
)
QUANTITIES = tuple(
    shipped_table(
        Quantity, {"words": _WORDS, "low": _COUNT, "best": _COUNT, "high": _COUNT, "example": example}, "quantities.tsv"
    )
)
QUALIFIER_ROWS = tuple(
    shipped_table(Qualifier, {"words": _WORDS, "reading": Reading, "example": example}, "qualifiers.tsv")
)

UNITS = {row.word: row.value for row in NUMBER_WORDS}
#: Vague quantities: (low, best, high).
VAGUE = {row.words: (row.low, row.best, row.high) for row in QUANTITIES}
_READINGS = {row.words: row.reading for row in QUALIFIER_ROWS}
NUM_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
#: A number, as a regular expression for lower-cased text (no groups).
#: Vague quantities come before number words: *a dozen* is not *a* (one).
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?|{'|'.join(VAGUE)}"
    rf"|(?:{NUM_WORD})(?:[- ](?:{NUM_WORD}))?"  # "and" goes on only after a hundred: not "eight and wounded"
    rf"(?:\s+(?:hundred|thousand)(?:\s+and\s+(?:{NUM_WORD})(?:[- ](?:{NUM_WORD}))?)?)?)"
)
#: Qualifiers, as a regular expression for lower-cased text (no groups), in the order of their table.
QUALIFIERS = "|".join(row.words for row in QUALIFIER_ROWS)


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
    reading = _READINGS.get(qualifier.lower().strip())
    if value is None or reading is None:
        return Count(low, best, high)
    if reading is Reading.AT_LEAST:
        high = None
    elif reading is Reading.MORE_THAN:
        low = best = value + 1
        high = None
    elif reading is Reading.UP_TO:
        low = 1
    elif reading is Reading.NEARLY:
        low = best = max(1, round(value * 0.9))
        high = value
    else:  # about
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
