"""The classify stage: a trigger and its actors give ACLED's sub-event type and, for territory, who
takes control.

Who retakes or seizes a place decides the type (*Government regains
territory*, *Non-state actor overtakes territory*); a place handed over goes
to whom it is handed, or to the side that stays when one withdraws.
"""

from __future__ import annotations

import re

from geo_events.extract.actors import ActorMention, find_actors
from geo_events.extract.document import Clause, Discourse
from geo_events.extract.rules import RuleSet
from geo_events.text.lexicon import compile_lower, lower
from geo_events.text.numbers import NUM_WORD
from geo_events.vocab import TERRITORY, VICTIM_SIDES

__all__ = ["classify"]

_RECIPIENT = re.compile(r"\bto\s+(?:the\s+)?([\w’' -]{3,40})")
#: Words after which *to* names who was given a place (*handed over Qara Tapa to*, *leaving the town to*).
_GIVEN = compile_lower(r"\b(?:hand(?:ed|ing|s)?|leav(?:e|es|ing)|left|ced(?:e|ed|es|ing)|surrender(?:ed|ing|s)?)\b")
#: After an actor: it took over what was left (*the army moved in*, *Peshmerga entered the town*).
_TOOK_OVER = compile_lower(
    r"\s+(?:\w+\s+)?(?:took over|take over|moved in|move in|moved into|entered|enter|took control|replaced|deployed)\b"
)
#: Suicide bombers who were killed, not who killed (*four suicide bombers were killed*, *security forces shot
#: dead two suicide bombers*, *he saw three suicide bombers killed.*): stopped before they struck, a clash.
_BOMBERS_KILLED_AFTER = compile_lower(
    r"\s+(?:(?:were|was|had been|have been|being)\s+(?:\w+\s+)?(?:killed|shot(?:\s+dead)?|gunned down)\b"
    r"|(?:killed|shot dead)\s*(?:[.,;]|$))"
)
_BOMBERS_KILLED_BEFORE = compile_lower(rf"\b(?:killed|shot dead|gunned down)\s+(?:(?:the|{NUM_WORD}|several|\d+)\s+)?$")
#: The trigger words that name the bombers themselves (not *a suicide bombing*, *a suicide attack*).
_BOMBERS = compile_lower(r"suicide bombers?$")
#: ... unless the clause says a bomb went off (*a suicide bomber blew himself up*).
_DETONATED = compile_lower(r"\b(?:blew|blown|detonat\w*|explod\w*|explosions?|blasts?|bombings?)\b")
#: How far after an actor its withdrawal is said (*the militants withdrew from*).
_LEAVING_CHARS = 30
#: The controller of a place taken by each side.
_TAKER = {
    "islamic_state": ("Non-state actor overtakes territory", "islamic_state"),
    "government": ("Government regains territory", "government"),
    "coalition": ("Government regains territory", "government"),
    "kurdish": ("Government regains territory", "kurdish"),
    "other": ("Non-state actor overtakes territory", "other"),
}


def classify(clause: Clause, memory: Discourse) -> bool:
    """The clause's sub-event type and new controller; False drops it (a territory change by no one known).

    Examples
    --------
    >>> from geo_events.articles import Article
    >>> from geo_events.extract.pipeline import Extractor
    >>> [e.sub_event_type for e in Extractor()(Article("d", "", "Militants bombed a market in Baquba."))]
    ['Remote explosive/landmine/IED']
    """
    trigger = clause.trigger
    assert trigger is not None, "stages see clauses with a trigger"
    sub_type, control_to = _type(trigger.kind, clause, clause.actor1, clause.actor2)
    if sub_type is None:
        return False
    clause.sub_type, clause.control_to = sub_type, control_to
    if sub_type in TERRITORY and clause.actor2 is not None and clause.actor2.side in VICTIM_SIDES:
        clause.actor2 = None  # residents of a town taken are not a side of it
    return True


def _type(kind: str, clause: Clause, a1: ActorMention | None, a2: ActorMention | None) -> tuple[str | None, str | None]:
    armed = [a for a in clause.actors if a.side not in VICTIM_SIDES]
    if kind == "bodies":
        return "Attack", None
    if kind == "transfer":
        rest = clause.doc.text[clause.end : clause.sentence.end]  # "..., and Peshmerga fighters moved in"
        return _transfer(clause.text, clause.low, armed, clause.rules, rest)
    if kind in ("regain", "seize"):
        # with no actor of the verb, a side named elsewhere in the clause takes it, but a place is taken back
        # *from* the Islamic State (*the recapture of Qaim means the militants hold only ...*)
        named = [a for a in armed if kind != "regain" or a.side != "islamic_state"]
        actor = a1 or (named[0] if named else None)
        side = actor.side if actor else ("government" if kind == "regain" else None)
        return _TAKER.get(side or "", (None, None))
    if kind == "Armed clash" and a2 is not None and a2.side in VICTIM_SIDES and a1 is not None:
        return "Attack", None
    if kind == "Suicide bomb" and _bombers_killed(clause):
        return "Armed clash", None
    if kind == "Air/drone strike" and a1 is not None and a1.side == "islamic_state":
        return "Remote explosive/landmine/IED", None  # "militants bombed": not from the air
    return kind, None


def _bombers_killed(clause: Clause) -> bool:
    """Whether the suicide bombers a clause names were killed by others before any bomb went off (*In Kubeisa,
    four suicide bombers were killed*), which ACLED codes as a clash, not a suicide bombing."""
    trigger, low = clause.trigger, clause.low
    assert trigger is not None, "stages see clauses with a trigger"
    if _BOMBERS.search(trigger.word) is None:
        return False  # "killed in a suicide bombing", "killed by a suicide car bomb": the bomb went off
    killed = _BOMBERS_KILLED_AFTER.match(low, trigger.end) or _BOMBERS_KILLED_BEFORE.search(
        low, max(0, trigger.start - 40), trigger.start
    )
    return killed is not None and _DETONATED.search(low) is None


def _transfer(text: str, low: str, armed: list[ActorMention], rules: RuleSet, rest: str = "") -> tuple[str, str | None]:
    """A place handed over or left: to whom the text says it went (*handed over to*, *leaving the town to*,
    *the army moved in*), else to nobody yet: a withdrawal alone says no one took over (#15: *ISIS forces had
    withdrawn from the Shingal region*, told by Peshmerga sources, is not Sinjar to the Kurds)."""
    given = _GIVEN.search(low)
    to = _RECIPIENT.search(text, given.end()) if given else None
    recipients = find_actors(to.group(1), rules) if to else []
    if recipients:
        return "Non-violent transfer of territory", recipients[0].side
    withdrawal = rules.kind_patterns.get("transfer")
    leaving = next(
        (a for a in armed if withdrawal is not None and withdrawal.search(low[a.end : a.end + _LEAVING_CHARS])), None
    )
    rest_low = lower(rest)
    takers = [
        a.side
        for actors, where in ((armed, low), (find_actors(rest, rules) if rest.strip() else [], rest_low))
        for a in actors
        if (leaving is None or a.side != leaving.side) and a.side not in VICTIM_SIDES and _TOOK_OVER.match(where, a.end)
    ]
    return "Non-violent transfer of territory", takers[0] if takers else None
