"""The timing stage: the day of a clause's event, said in it or its sentence, or told before.

A clause without a date of its own is dated from the event told before it:
*a day after* it, *the same day*, or the day of *the assault* told in the
paragraph.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from geo_events.extract.document import Clause, Discourse, Draft
from geo_events.extract.triggers import background
from geo_events.text.dates import EventDate, event_date
from geo_events.text.lexicon import compile_lower, words
from geo_events.text.numbers import parse_number

__all__ = ["date_event"]

#: The day of the event reported before: "Earlier in the day, a roadside bomb..."
_SAME_DAY = words(
    r"(?:earlier|later) (?:in the|that|on the same) day", r"(?:on )?the same day", r"hours (?:earlier|later)",
    r"(?:earlier|later) that (?:morning|afternoon|evening|night)",
)  # fmt: skip
#: "..., a day after troops retook Tikrit": a clause dated from the event told before it in the sentence.
_DAYS_APART = compile_lower(
    r"(?<![\w-])(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?P<unit>days?|weeks?) (?P<way>after|before)\b"
)  # fmt: skip
#: "The assault", "the clashes": an event told before, in a follow-up sentence.
_EVENT_ANAPHORA = words(
    r"the (?:assault|attack|attacks|clash|clashes|fighting|battle|offensive|bombing|blast|explosion|raid|ambush)"
)
#: Background older than this (days before the report) is no event of it.
BACKGROUND_DAYS = 31
#: Where *two days before* may begin, before a clause, and end, after its start.
_APART_BEFORE, _APART_AFTER = 16, 20


def date_event(clause: Clause, memory: Discourse) -> bool:
    """The clause's date (``clause.when``); False drops background told in a relative clause that happened
    more than ``BACKGROUND_DAYS`` before the report (*the militants, who seized Mosul in mid-June,* in a
    September report), or in a *when* clause of a sentence dated so (*they burned the houses in August, when
    they were forced out of the city*, in a February report): not news of the day. A *when* (*as*, *while*)
    clause that says no date takes its sentence's."""
    sentence, doc = clause.sentence, clause.doc
    trigger = clause.trigger
    assert trigger is not None, "stages see clauses with a trigger"
    told = background(clause.low, trigger.start)  # a relative clause says its own date (find_trigger saw one)
    if told is not None:
        when = clause.when = event_date(clause.text[told.start() : told.end()], doc.anchor)
        return not _long_before(when, doc.anchor)
    when = event_date(clause.text, doc.anchor)
    if not when.expression and memory.drafts:
        when = _from_event_before(clause, memory.drafts[-1], len(memory.drafts) > sentence.drafted) or when
    if not when.expression and _AT_THE_SAME_TIME.match(clause.low):  # "set them ablaze in August | when they were ..."
        told_in_sentence = event_date(sentence.text, doc.anchor)
        if told_in_sentence.expression or when.date is None:
            when = told_in_sentence
            if _long_before(when, doc.anchor):
                return False  # "... in August, when they were forced out of the city", in a February report
    clause.when = when
    return True


#: A clause told as happening at the time of its sentence (*when they were forced out of the city*), which says
#: no date of its own: it has its sentence's (not so *two days before the army entered Ramadi*).
_AT_THE_SAME_TIME = compile_lower(r"\s*,?\s*(?:when|as|while)\b")


def _long_before(when: EventDate, anchor: date | None) -> bool:
    """Whether a date is more than ``BACKGROUND_DAYS`` before the report's."""
    return bool(when.date and anchor and (anchor - when.date).days > BACKGROUND_DAYS)


def _from_event_before(clause: Clause, last: Draft, same_sentence: bool) -> EventDate | None:
    """The date of a clause told from the event before (``last``; ``same_sentence``: told in its sentence)."""
    sentence, low = clause.sentence, clause.doc.low
    apart = _days_apart(low, sentence.start, clause.start) if same_sentence else None
    if apart and last.when.date is not None:
        days = (parse_number(apart["n"]).best or 1) * (7 if apart["unit"].startswith("week") else 1)
        day = last.when.date + timedelta(days=-days if apart["way"] == "after" else days)
        return EventDate(day, last.when.precision, clause.doc.text[apart.start() : apart.end()])
    same_day = _SAME_DAY.search(low, sentence.start, sentence.end)
    if same_day:
        return EventDate(last.when.date, last.when.precision, same_day.group(0))
    if last.paragraph == sentence.paragraph and _EVENT_ANAPHORA.search(low, sentence.start, sentence.end):
        return last.when  # "The assault was repelled...": the day of the attack told before
    return None


def _days_apart(low: str, s_start: int, c_start: int) -> re.Match[str] | None:
    """*a day after*, *two weeks before* at the beginning of a clause (or split from it: *two days |
    before the army entered Ramadi*), which dates it from the event told before it in the sentence."""
    for m in _DAYS_APART.finditer(low, max(s_start, c_start - _APART_BEFORE), c_start + _APART_AFTER):
        if c_start in (m.start(), m.start("way")):
            return m
    return None
