"""Dates: parse them, find an article's publication date, resolve relative ones.

Precision follows ACLED's ``time_precision``: 1 the day is known, 2 the week
(the event happened within the week before the given date), 3 the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from geo_events.text.lexicon import Lexicon, compile_lower, lower, tokens
from geo_events.vocab import TimePrecision

__all__ = [
    "EventDate",
    "parse_date",
    "date_problem",
    "publication_date",
    "event_date",
    "says_when",
    "metadata_date",
    "refers_to_past_year",
    "DAY",
    "WEEK",
    "MONTH",
]

DAY, WEEK, MONTH = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

#: Full dates, most specific first. Each has groups day, month, year.
_FULL_DATES = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d?)-(?P<day>\d\d?)(?!\d)"),
    re.compile(r"\b(?P<day>\d\d?)[./](?P<month>\d\d?)[./](?P<year>(?:19|20)\d\d)\b"),
    compile_lower(rf"\b{_MONTH}\s+(?P<day>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    compile_lower(rf"\b(?P<day>\d\d?)(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
]
_MONTH_DAY = [
    compile_lower(rf"\b{_MONTH}\s+(?P<day>\d\d?)(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d{{4,}}\b)"),
    compile_lower(rf"\b(?P<day>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d{{4,}}\b)"),
]
#: Written dates with a year this module does not read (outside 1900-2099): no date, and a note says why.
YEARS = (1900, 2099)
_FAR_YEAR = [
    compile_lower(rf"\b{_MONTH}\s+\d\d?(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4,}})\b"),
    compile_lower(rf"\b\d\d?(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4,}})\b"),
]
_MONTH_YEAR = compile_lower(rf"\b(?:in\s+)?{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b")
_IN_MONTH = compile_lower(rf"\b(?:(?:in|since|during|early|late|mid)\s+|mid-\s*){_MONTH}\b(?!\s+\d)")
_WEEKDAY_RE = compile_lower(rf"\b(?:on\s+|last\s+|this\s+|early\s+|late\s+)?{_WEEKDAY}\b")
_RELATIVE = [
    (compile_lower(r"\bthe day before yesterday\b"), -2, DAY),
    (compile_lower(r"\b(?:yesterday|last night)\b"), -1, DAY),
    (compile_lower(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)\b"), 0, DAY),
    (compile_lower(r"\b(?:last|past|previous) week(?:end)?\b"), -7, WEEK),
    (compile_lower(r"\b(?:this|earlier this) week\b|\bin recent days\b|\bthe past few days\b"), 0, WEEK),
    (compile_lower(r"\b(?:last|past|previous) month\b"), -30, MONTH),
    (compile_lower(r"\bthis month\b|\bin recent weeks\b"), 0, MONTH),
]
#: "two days ago", "a week ago": counted back from the publication date.
_AGO = compile_lower(r"\b(?P<n>an?|one|two|three|four|five|six|seven|\d{1,2}) (?P<unit>day|days|week|weeks) ago\b")
_AGO_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_MONTHS = frozenset(MONTHS)
_YEARS = frozenset(str(y) for y in range(YEARS[0], YEARS[1] + 1))
#: Every date expression, each tried only on sentences with a word it can begin with and a word it needs.
_EXPRESSIONS = Lexicon(
    (
        (rx, rx)
        for rx in [
            *_FULL_DATES,
            _MONTH_YEAR,
            *_FAR_YEAR,
            *_MONTH_DAY,
            *(r for r, _, _ in _RELATIVE),
            _AGO,
            _WEEKDAY_RE,
            _IN_MONTH,
        ]
    ),
    requires={
        _FAR_YEAR[0]: _MONTHS,
        _FAR_YEAR[1]: _MONTHS,
        _FULL_DATES[1]: _YEARS,
        _FULL_DATES[2]: _YEARS,
        _FULL_DATES[3]: _MONTHS,
        _MONTH_YEAR: _YEARS,
        _MONTH_DAY[1]: _MONTHS,
        _IN_MONTH: _MONTHS,
        _WEEKDAY_RE: frozenset(WEEKDAYS),
        _RELATIVE[0][0]: frozenset({"yesterday"}),
        _RELATIVE[1][0]: frozenset({"yesterday", "night"}),
        _RELATIVE[2][0]: frozenset({"today", "tonight", "morning", "afternoon", "evening"}),
        _RELATIVE[3][0]: frozenset({"week", "weekend"}),
        _RELATIVE[4][0]: frozenset({"week", "days"}),
        _RELATIVE[5][0]: frozenset({"month"}),
        _RELATIVE[6][0]: frozenset({"month", "weeks"}),
        _AGO: frozenset({"ago"}),
    },
)
_PAST_YEAR = compile_lower(
    rf"\b(?:last year|(?:in|since|during) (?:(?:early|late|mid)[- ]?)?(?:{_MONTH}\s+)?(?P<year>(?:19|20)\d\d))\b"
)
_PAST_YEAR_WORDS = _YEARS | {"year"}
#: A past year that only measures since when (*the biggest counter-attack since the militants swept through
#: the north last year*): the phrase from *since* to it, within a clause.
_SINCE_BEFORE = compile_lower(r"\bsince\b[^,;.]{0,80}$")


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date with its precision and the words it came from.

    Examples
    --------
    >>> EventDate(date(2014, 6, 16), DAY, "on Monday").iso
    '2014-06-16'
    """

    date: date | None
    precision: int | None
    expression: str = ""
    #: Why the expression gives no date (a year this module does not read).
    note: str = field(default="", repr=False)

    @property
    def iso(self) -> str | None:
        """ISO 8601 date, or None."""
        return self.date.isoformat() if self.date else None


def _month(text: str) -> int:
    text = text.lower().rstrip(".")
    return int(text) if text.isdigit() else MONTHS[text if text in MONTHS else text[:3]]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """Parse a date written in a common form; None if it does not parse.

    Accepts ISO (``2016-10-22``, with or without a time), day-first numeric
    (``22.10.2016``, ``22/10/2016``) and written dates (``October 22, 2016``,
    ``22 Oct 2016``, ``Friday, July 7, 2017``).

    Examples
    --------
    >>> parse_date("22.10.2016"), parse_date("Friday, July 7, 2017")
    (datetime.date(2016, 10, 22), datetime.date(2017, 7, 7))
    >>> parse_date("2014-06-31T10:00:00Z") is None
    True
    """
    text = str(text).strip()
    if _ISO_DAY.match(text):  # the usual metadata: no need to look further
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    found = _first_full_date(lower(text))
    return found[0] if found else None


_ISO_DAY = re.compile(r"(?:19|20)\d\d-\d\d-\d\d(?!\d)")


def _first_full_date(low: str, present: set[re.Pattern] | None = None) -> tuple[date, int, int] | None:
    """The first full date of a lower-cased text, and its span (``present``: the patterns worth trying)."""
    best: tuple[date, int, int] | None = None
    for pattern in _FULL_DATES:
        if present is not None and pattern not in present:
            continue
        for m in pattern.finditer(low):
            d = _make(int(m["year"]), _month(m["month"]), int(m["day"]))
            if d is not None and (best is None or m.start() < best[1]):
                best = (d, m.start(), m.end())
                break
    return best


def _in_range(year: str) -> bool:
    """Whether digits are a year of ``YEARS`` (read as a number only when short: int() refuses 4,300 digits)."""
    return len(year) == 4 and YEARS[0] <= int(year) <= YEARS[1]


def metadata_date(text: str) -> date | None:
    """A date given as data (a ``published`` field, ``--published``): as ``parse_date`` reads it, but
    None for a numeric date that could be day-first or month-first (``10/11/2016``): no guess.

    Examples
    --------
    >>> metadata_date("2016-11-10"), metadata_date("22/10/2016"), metadata_date("10/11/2016")
    (datetime.date(2016, 11, 10), datetime.date(2016, 10, 22), None)
    >>> metadata_date("05.05.2016")  # the same either way
    datetime.date(2016, 5, 5)
    """
    return None if _either_way(text) else parse_date(text)


#: A numeric day and month in either order: both at most 12 (and different: ``_either_way``).
_AMBIGUOUS = re.compile(r"\s*(?P<a>0?[1-9]|1[0-2])[./-](?P<b>0?[1-9]|1[0-2])[./-](?:19|20)\d\d\s*$")


def _either_way(text: str) -> bool:
    """Whether a numeric date reads as two different days day-first and month-first (``10/11/2016``)."""
    m = _AMBIGUOUS.match(text)
    return m is not None and int(m["a"]) != int(m["b"])


def date_problem(text: str) -> str:
    """Why a date that ``parse_date`` (or ``metadata_date``) does not read is no date, for messages.

    Examples
    --------
    >>> date_problem("2200-01-01"), date_problem("December 31, 9999")
    ('the year 2200 is outside 1900-2099', 'the year 9999 is outside 1900-2099')
    >>> date_problem("next week")
    'it does not parse (use YYYY-MM-DD)'
    >>> date_problem("10/11/2016")
    'the day and the month could be either way round (use YYYY-MM-DD)'
    """
    if _either_way(text):
        return "the day and the month could be either way round (use YYYY-MM-DD)"
    year = re.search(r"(?<!\d)\d{4,}(?!\d)", text)
    if year and not _in_range(year.group()):
        return f"the year {year.group()[:12]} is outside {YEARS[0]}-{YEARS[1]}"
    return "it does not parse (use YYYY-MM-DD)"


def publication_date(title: str, text: str, head_chars: int = 600) -> date | None:
    """The publication date written in an article's header, if any.

    Looks for a full date in the title and the first ``head_chars``
    characters (datelines such as ``DW | 22.10.2016`` or ``BAGHDAD, Friday,
    July 7, 2017``). Dates deeper in the text are about events, not
    publication, and photo captions were already removed by the reader.

    Examples
    --------
    >>> publication_date("Kirkuk offensive | DW | 22.10.2016", "Security forces ...")
    datetime.date(2016, 10, 22)
    >>> publication_date("Iraqi forces hit back", "On Monday ...") is None
    True
    """
    for chunk in (title, text[:head_chars]):
        found = _first_full_date(lower(chunk))
        if found:
            return found[0]
    return None


def event_date(sentence: str, anchor: date | None) -> EventDate:
    """The date a sentence reports, resolved against the publication date.

    Explicit dates win; then relative words (*today*, *yesterday*, *on
    Monday*, *last week*, *June 9*, *in June*) resolved against ``anchor``.
    A sentence without any of them is dated to the anchor with week
    precision. Without an anchor only explicit full dates can be given.

    Parameters
    ----------
    sentence : str
        The sentence (or clause) of the event.
    anchor : date or None
        Publication date.

    Returns
    -------
    EventDate
        ``date`` None (and ``precision`` None) when nothing can be said.

    Examples
    --------
    >>> event_date("Troops retook Ishaqi today.", date(2014, 6, 16))
    EventDate(date=datetime.date(2014, 6, 16), precision=<TimePrecision.DAY: 1>, expression='today')
    >>> event_date("Militants took parts of Tal Afar on Monday.", date(2014, 6, 18)).iso
    '2014-06-16'
    >>> event_date("An offensive began on Jan. 21.", date(2017, 1, 25)).iso
    '2017-01-21'
    """
    low = lower(sentence)
    present = {rx for rx, _ in _EXPRESSIONS.candidates(low)}
    if not present:
        return EventDate(anchor, WEEK if anchor else None, "")
    written = _written_date(sentence, low, present)
    if written is not None:
        return written
    if anchor is None:
        return EventDate(None, None, "")
    return _day_of_month(sentence, low, present, anchor) or _relative_date(sentence, low, present, anchor)


def says_when(text: str) -> bool:
    """Whether a text says when something happened: a date, a weekday, *yesterday*, *in June*, *two days ago*.

    Examples
    --------
    >>> says_when("who seized Mosul in mid-June"), says_when("who seized Mosul")
    (True, False)
    """
    return bool(event_date(text, _ANY_DAY).expression)


#: An anchor for ``says_when``, which asks only whether a text has a date expression.
_ANY_DAY = date(2000, 1, 1)


def _written_date(sentence: str, low: str, present: set[re.Pattern[str]]) -> EventDate | None:
    """A date the sentence writes with its year (*June 9, 2014*, *in June 2014*), or a year out of range."""
    found = _first_full_date(low, present)
    if found:
        return EventDate(found[0], DAY, sentence[found[1] : found[2]])
    m = _MONTH_YEAR.search(low) if _MONTH_YEAR in present else None
    if m:
        d = _make(int(m["year"]), _month(m["month"]), 15)
        return EventDate(d, MONTH, sentence[m.start() : m.end()])
    for pattern in _FAR_YEAR:
        m = pattern.search(low) if pattern in present else None
        if m and not _in_range(m["year"]):
            return EventDate(None, None, sentence[m.start() : m.end()], date_problem(sentence[m.start() : m.end()]))
    return None


def _day_of_month(sentence: str, low: str, present: set[re.Pattern[str]], anchor: date) -> EventDate | None:
    """*June 9*: in the anchor's year, or the year before when that puts it more than a week after the anchor."""
    for pattern in _MONTH_DAY:
        m = pattern.search(low) if pattern in present else None
        if m and not _is_may_verb(m, sentence):
            d = _make(anchor.year, _month(m["month"]), int(m["day"]))
            if d is not None:
                if d > anchor + timedelta(days=7):
                    d = _make(anchor.year - 1, d.month, d.day) or d
                return EventDate(d, DAY, sentence[m.start() : m.end()])
    return None


def _relative_date(sentence: str, low: str, present: set[re.Pattern[str]], anchor: date) -> EventDate:
    """*Yesterday*, *two days ago*, *on Monday*, *in June*, counted back from the anchor; else its week."""
    for pattern, offset, precision in _RELATIVE:
        m = pattern.search(low) if pattern in present else None
        if m:
            return EventDate(anchor + timedelta(days=offset), precision, sentence[m.start() : m.end()])
    m = _AGO.search(low) if _AGO in present else None
    if m:
        n = _AGO_NUMBERS.get(m["n"]) or int(m["n"])
        days, precision = (n, DAY) if m["unit"].startswith("day") else (7 * n, WEEK)
        return EventDate(anchor - timedelta(days=days), precision, sentence[m.start() : m.end()])
    m = _WEEKDAY_RE.search(low) if _WEEKDAY_RE in present else None
    if m:
        back = (anchor.weekday() - WEEKDAYS[m["weekday"]]) % 7
        if m.group(0).startswith("last") and back == 0:
            back = 7
        return EventDate(anchor - timedelta(days=back), DAY, sentence[m.start() : m.end()])
    m = _IN_MONTH.search(low) if _IN_MONTH in present else None
    if m and not _is_may_verb(m, sentence):
        month = _month(m["month"])
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return EventDate(date(year, month, 15), MONTH, sentence[m.start() : m.end()])
    return EventDate(anchor, WEEK, "")


def _is_may_verb(m: re.Match, sentence: str) -> bool:
    """'may' in "they may well be" is a verb, not the month."""
    return m["month"].lower() == "may" and sentence[m.start("month")].islower()


def refers_to_past_year(sentence: str, anchor: date | None) -> bool:
    """Whether a sentence is about an earlier year ("last year", "in 2014").

    Examples
    --------
    >>> refers_to_past_year("IS took over Mosul last year.", date(2016, 10, 22))
    True
    >>> refers_to_past_year("In 2016 troops advanced.", date(2016, 10, 22))
    False
    >>> refers_to_past_year("ISIS captured Hawija in June 2014.", date(2017, 9, 22))
    True
    >>> refers_to_past_year("Troops captured the mosque where the caliphate was proclaimed three years ago.",
    ...                     date(2017, 6, 29))  # what happened then is an aside
    False
    >>> refers_to_past_year("Kurds seized Sinjar, the biggest gain since the militants swept in last year.",
    ...                     date(2015, 11, 13))  # a year that measures since when
    False
    """
    low = lower(sentence)
    if tokens(low).isdisjoint(_PAST_YEAR_WORDS):
        return False
    for m in _PAST_YEAR.finditer(low):
        if m.group(0).startswith("since") or _SINCE_BEFORE.search(low, max(0, m.start() - 90), m.start()):
            continue
        if m["year"] is None or (anchor is not None and int(m["year"]) < anchor.year):
            return True
    return False
