"""Dates: parse them, find an article's publication date, resolve relative ones.

Precision follows ACLED's ``time_precision``: 1 the day is known, 2 the week
(the event happened within the week before the given date), 3 the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["EventDate", "parse_date", "publication_date", "event_date", "refers_to_past_year", "DAY", "WEEK", "MONTH"]

DAY, WEEK, MONTH = 1, 2, 3

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
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d\d?)(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
]
_MONTH_DAY = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d\d?)(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?(?:19|20)\d\d)", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.IGNORECASE),
]
_MONTH_YEAR = re.compile(rf"\b(?:in\s+)?{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_IN_MONTH = re.compile(rf"\b(?:in|since|during|early|late|mid-?)\s+{_MONTH}\b(?!\s+\d)", re.IGNORECASE)
_WEEKDAY_RE = re.compile(rf"\b(?:on\s+|last\s+|this\s+|early\s+|late\s+)?{_WEEKDAY}\b", re.IGNORECASE)
_RELATIVE = [
    (re.compile(r"\bthe day before yesterday\b", re.IGNORECASE), -2, DAY),
    (re.compile(r"\b(?:yesterday|last night)\b", re.IGNORECASE), -1, DAY),
    (re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)\b", re.IGNORECASE), 0, DAY),
    (re.compile(r"\b(?:last|past|previous) week(?:end)?\b", re.IGNORECASE), -7, WEEK),
    (re.compile(r"\b(?:this|earlier this) week\b|\bin recent days\b|\bthe past few days\b", re.IGNORECASE), 0, WEEK),
    (re.compile(r"\b(?:last|past|previous) month\b", re.IGNORECASE), -30, MONTH),
    (re.compile(r"\bthis month\b|\bin recent weeks\b", re.IGNORECASE), 0, MONTH),
]
#: Cheap test first: a sentence with none of these has no date expression.
_ANY_DATE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|"
    r"last|this|earlier|past|previous|recent|the day)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_PAST_YEAR = re.compile(r"\b(?:last year|(?:in|since) (?P<year>(?:19|20)\d\d))\b", re.IGNORECASE)


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
    found = _first_full_date(str(text).strip())
    return found[0] if found else None


def _first_full_date(text: str) -> tuple[date, int, int] | None:
    best: tuple[date, int, int] | None = None
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            d = _make(int(m["year"]), _month(m["month"]), int(m["day"]))
            if d is not None and (best is None or m.start() < best[1]):
                best = (d, m.start(), m.end())
                break
    return best


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
        found = _first_full_date(chunk)
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
    EventDate(date=datetime.date(2014, 6, 16), precision=1, expression='today')
    >>> event_date("Militants took parts of Tal Afar on Monday.", date(2014, 6, 18)).iso
    '2014-06-16'
    >>> event_date("An offensive began on Jan. 21.", date(2017, 1, 25)).iso
    '2017-01-21'
    """
    if not _ANY_DATE.search(sentence):
        return EventDate(anchor, WEEK if anchor else None, "")
    has_digit = _DIGIT.search(sentence) is not None
    has_month = bool(_MONTH_WORD.search(sentence))
    found = _first_full_date(sentence) if has_digit else None
    if found:
        return EventDate(found[0], DAY, sentence[found[1] : found[2]])
    m = _MONTH_YEAR.search(sentence) if has_digit and has_month else None
    if m:
        d = _make(int(m["year"]), _month(m["month"]), 15)
        return EventDate(d, MONTH, m.group(0))
    if anchor is None:
        return EventDate(None, None, "")
    for pattern in _MONTH_DAY if has_digit and has_month else ():
        m = pattern.search(sentence)
        if m and not _is_may_verb(m, sentence):
            d = _make(anchor.year, _month(m["month"]), int(m["day"]))
            if d is not None:
                if d > anchor + timedelta(days=7):
                    d = _make(anchor.year - 1, d.month, d.day) or d
                return EventDate(d, DAY, m.group(0))
    for pattern, offset, precision in _RELATIVE:
        m = pattern.search(sentence)
        if m:
            return EventDate(anchor + timedelta(days=offset), precision, m.group(0))
    m = _WEEKDAY_RE.search(sentence)
    if m:
        back = (anchor.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        return EventDate(anchor - timedelta(days=back), DAY, m.group(0))
    m = _IN_MONTH.search(sentence) if has_month else None
    if m and not _is_may_verb(m, sentence):
        month = _month(m["month"])
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return EventDate(date(year, month, 15), MONTH, m.group(0))
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
    """
    for m in _PAST_YEAR.finditer(sentence):
        if m["year"] is None or (anchor is not None and int(m["year"]) < anchor.year):
            return True
    return False
