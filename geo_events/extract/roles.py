"""The roles stage: who acts in a clause's event and who is its target (actors.tsv).

The actor before the trigger acts and the one after it is the target, but in
the passive (*were killed by militants*, *an assault by IS*) the actor after
*by* acts; victims before the verb are targets (*57 militants were killed*);
who reports the event (*police said*) and who backs an actor (*backed by
coalition aircraft*) are not in it.
"""

from __future__ import annotations

from geo_events.extract.actors import ActorMention, find_actors
from geo_events.extract.document import Clause, Discourse
from geo_events.extract.rules import ObjectRule
from geo_events.extract.triggers import PASSIVE
from geo_events.text.directions import directions
from geo_events.text.lexicon import compile_lower
from geo_events.vocab import VICTIM_SIDES

__all__ = ["assign_roles", "sides_around"]
#: "57 militants were killed", "the militants were driven out of Hit": the actor before the verb is its victim.
_PASSIVE_VICTIM = compile_lower(
    r"^(?:\s+[\w’'-]+){0,3}?\s+(?:were|was|had been|have been|are|being)\s+(?:\w+\s+)?(?:killed|wounded|injured|executed|cornered|targeted|attacked|"
    r"forced|driven|pushed|expelled|chased|flushed|ousted|routed)"
)  # fmt: skip
_TARGET_MARK = compile_lower(r"\b(?:target(?:ed|ing|s)?|against|hit|struck|at|on)\b")
_AND_GAP = compile_lower(r"\s+and\s+(?:the\s+)?")
#: What follows a clash with no object: a place, a time, a result ("exchanged fire in Tuz on Sunday").
_NO_OBJECT = compile_lower(
    r"\s*(?:[,.;]|$|(?:in|on|near|at|for|overnight|late|early|during|inside|outside|around|leaving|killing|"
    rf"wounding|after|before|until|each other|one another|{directions()})\b)"
)
_BY_ACTOR = compile_lower(r"\bby\s+(?:the\s+)?$")
#: A participle after a conjunction (*while liberating*, *before retaking*) has the clause's first actor as its
#: subject, not the object of the verb before it.
_PARTICIPLE = compile_lower(r"\b(?:while|before|after|when|since|by)\s+$")
_PARTICIPLE_CHARS = 8
_ING = compile_lower(r"\w+ing\b")
#: A trigger used as a noun (*the recapture of*, *its capture*): who is named after it is not its actor.
_NOMINAL = compile_lower(r"\b(?:the|a|an|its|their|this|that)\s+$")
_NOMINAL_CHARS = 8
#: How far before an actor *by* is looked for, and how far after the trigger an actor after *by* acts.
_BY_CHARS, _BY_REACH = 12, 40
#: Who reports an event is not in it: "..., police said.", "police and medical officials said",
#: "according to police" (matched right after and right before the actor).
_SOURCE_AFTER = compile_lower(
    r"(?:\s+and\s+[\w-]+)?(?:\s+[\w-]+)?\s+(?:officials?|sources?|officers?|spokes(?:man|woman|person))\s+"
    r"(?:said|say|says|told|reported)\b|\s*,?\s+(?:said|say|says|told \w+)\s*[.!]?\s*$"
)
_SOURCE_BEFORE = compile_lower(r"\baccording to\s+(?:the\s+|a\s+|local\s+|iraqi\s+)?$")
_SOURCE_CHARS = 30
_BACKED_BY = compile_lower(
    r"\b(?:backed|supported|assisted|aided|helped|covered|led|held|manned|guarded|controlled|run|occupied|defended)"
    r"\s+by\s+(?:the\s+)?$"
)
_BACKED_CHARS = 20
#: A clause that goes on with its sentence's subject (*Peshmerga launched an operation at dawn, and managed to
#: free four villages*): its verb right after *and*, with no subject of its own.
_SHARED_SUBJECT = compile_lower(r"^\s*and\s+(?:then\s+|later\s+|also\s+|soon\s+)?(?:managed|went on|\w+ed)\b")


def assign_roles(clause: Clause, memory: Discourse) -> bool:
    """The clause's actors, and which of them acts (``actor1``) and is the target (``actor2``)."""
    trigger, low = clause.trigger, clause.low
    assert trigger is not None, "stages see clauses with a trigger"
    according = "according" in low
    actors = [a for a in find_actors(clause.text, clause.rules) if not _reports_it(low, a, according)]
    a1, a2 = sides_around(actors, trigger.start, low)
    if not any(a.start <= trigger.start for a in actors) and _SHARED_SUBJECT.match(low):
        subject = _sentence_subject(clause)
        if subject is not None:
            a1, a2 = subject, next((a for a in actors if a.side != subject.side), None)
    if trigger.kind == "bodies":  # who killed them is unknown; who was found may be named after
        a1, a2 = None, next((a for a in actors if a.start > trigger.start), None)
    elif a1 is None and trigger.object is ObjectRule.REVERSED:
        a1, a2 = a2, None  # "Baiji fell to ISIS fighters"
    elif trigger.kind == "Armed clash" and a1 is not None and a2 is None and _NO_OBJECT.match(low, trigger.end):
        a1, a2 = _opponents(actors, a1, low)
    clause.actors, clause.actor1, clause.actor2 = actors, a1, a2
    return True


def _sentence_subject(clause: Clause) -> ActorMention | None:
    """The first armed actor of the clause's sentence before it (its offsets are the sentence's)."""
    sentence = clause.sentence
    before = find_actors(clause.doc.text[sentence.start : clause.start], clause.rules)
    return next((a for a in before if a.side not in VICTIM_SIDES), None)


def sides_around(actors: list[ActorMention], at: int, low: str) -> tuple[ActorMention | None, ActorMention | None]:
    """(initiator, target): the actor before the trigger at ``at`` and the one after it (``low``: the clause
    lower-cased).

    Examples
    --------
    >>> actors = find_actors("Seven soldiers were killed by militants")
    >>> [a.text for a in sides_around(actors, 20, "seven soldiers were killed by militants")]
    ['militants', 'soldiers']
    """
    before = [a for a in actors if a.start <= at]  # "Coalition air strikes", "a suicide bomber": it holds the trigger
    if len(before) > 1:  # "Iraqi troops backed by coalition aircraft pushed into": the troops did
        before = [a for a in before if not _backs(low, a)] or before
    after = [a for a in actors if a.start > at]
    by = _acting_by(actors, at, low)
    subject = before[-1] if before else None
    if len(before) > 1 and _PARTICIPLE.search(low, max(0, at - _PARTICIPLE_CHARS), at) and _ING.match(low, at):
        subject = before[0]  # "security forces killed 34 militants while liberating ...": the forces liberate
    obj = after[0] if after else None
    if by is not None:
        target = subject if subject is not None and subject is not by else obj
        return by, target if target is not by else None
    if subject is not None and (subject.side in VICTIM_SIDES or _PASSIVE_VICTIM.match(low[subject.end :])):
        return (obj if obj is not None and obj.side != subject.side else None), subject
    if subject is None and after and _TARGET_MARK.search(low[at : after[0].start]):
        return None, after[0]  # "a roadside bomb targeted a Peshmerga convoy"
    if subject is None and after and _NOMINAL.search(low, max(0, at - _NOMINAL_CHARS), at):
        return None, after[0]  # "the recapture of Qaim means the militants hold...": they did not retake it
    if subject is None and after and PASSIVE.search(low, 0, at):
        return None, after[0]  # "Mosul was freed from Islamic State rule": not by it
    if subject is None and len(after) > 1 and after[0].side != after[1].side:
        return after[0], after[1]
    if subject is not None and obj is not None and obj.side == subject.side:
        return subject, next((a for a in after if a.side != subject.side), None)
    return subject, obj


def _acting_by(actors: list[ActorMention], at: int, low: str) -> ActorMention | None:
    """The actor named after *by* who acts (*killed by militants*), unless it backs another."""
    if "by" not in low:  # most clauses: no need to look before each actor
        return None
    passive = bool(PASSIVE.search(low[:at]))
    return next(
        (
            a
            for a in actors
            if _BY_ACTOR.search(low[max(0, a.start - _BY_CHARS) : a.start])
            and not _backs(low, a)
            and (passive or 0 <= a.start - at <= _BY_REACH)
        ),
        None,
    )


def _backs(low: str, actor: ActorMention) -> bool:
    """Whether an actor is named as backing another (*backed by coalition aircraft*), not acting itself."""
    return bool(_BACKED_BY.search(low[max(0, actor.start - _BACKED_CHARS) : actor.start]))


def _opponents(actors: list[ActorMention], subject: ActorMention, low: str) -> tuple[ActorMention, ActorMention | None]:
    """*Kurdish forces and the army exchanged fire*: a clash's two sides, joined by *and* before it
    (the caller checks that the trigger has no object: *police and Peshmerga fought the attackers* are allies)."""
    i = actors.index(subject)
    other = actors[i - 1] if i else None
    if (
        other is None
        or other.side == subject.side
        or other.side in VICTIM_SIDES
        or not _AND_GAP.fullmatch(low, other.end, subject.start)
    ):
        return subject, None
    return other, subject


def _reports_it(low: str, actor: ActorMention, according: bool) -> bool:
    """Whether an actor is named as the source of the report (*police said*), not as a participant;
    ``according``: whether the clause has that word (looked for once a clause, not once an actor)."""
    return bool(
        _SOURCE_AFTER.match(low, actor.end)
        or (according and _SOURCE_BEFORE.search(low, max(0, actor.start - _SOURCE_CHARS), actor.start))
    )
