"""Actors named in text, normalised to the sides of the 2014-2017 war (actors.tsv).

Sides: ``government`` (army, police, security forces, volunteers, the Popular
Mobilization and Shiite militias, Sunni tribal fighters), ``kurdish``
(Peshmerga, Kurdish security forces), ``islamic_state`` (ISIL, ISIS, IS,
Daesh, militants, jihadists), ``coalition`` (the US-led coalition and its
members' forces), ``civilians`` (as victims), ``other``.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo_events.extract.rules import ActorRole, RuleSet
from geo_events.text.lexicon import lower
from geo_events.vocab import SIDES

__all__ = ["ActorMention", "find_actors", "SIDES"]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text span.

    Examples
    --------
    >>> find_actors("Peshmerga fought ISIL militants near Sinjar.")[0]
    ActorMention(text='Peshmerga', side='kurdish', start=0, end=9, confidence=0.95)
    """

    text: str
    side: str
    start: int
    end: int
    confidence: float


def find_actors(text: str, rules: RuleSet | None = None) -> list[ActorMention]:
    """Actors named in a text, in order, each normalised to a side.

    Parameters
    ----------
    text : str
        A sentence or clause.
    rules : RuleSet, optional
        Whose actor rows to use; by default the shipped ones.

    Returns
    -------
    list of ActorMention
        Non-overlapping mentions, left to right; where several rows match at
        one position the most specific (first by priority) wins.

    Examples
    --------
    >>> [(a.text, a.side) for a in find_actors("The Shiite Asaib Ahl al-Haq militia helped security forces retake it.")]
    [('Asaib Ahl al-Haq militia', 'government'), ('security forces', 'government')]
    >>> [a.side for a in find_actors("US-led coalition jets struck IS positions.")]
    ['coalition', 'islamic_state']
    >>> [(a.text, a.side) for a in find_actors("Kurdish Peshmerga forces and army troops")]
    [('Kurdish Peshmerga forces', 'kurdish'), ('army troops', 'government')]
    """
    rules = rules or RuleSet.default()
    rows = rules.actor_rows
    found: list[ActorMention] = []
    for i, m in rules.actors.finditer(lower(text)):  # tried only where a word a row begins with is
        start, end = m.span()
        if end - start == 2 and m.group(0) == "is" and text[start:end] != "IS":
            continue  # "IS" as a verb ("it is") is not the group: only the bare "IS" in capitals
        row = rows[i]
        if row.role is ActorRole.HEAD and found and found[-1].end + 1 == start and text[found[-1].end] == " ":
            first = found.pop()
            found.append(ActorMention(text[first.start : end], first.side, first.start, end, first.confidence))
            continue  # "Kurdish Peshmerga forces": one actor, of the first one's side
        found.append(ActorMention(text[start:end], row.side, start, end, row.confidence))
    return found
