"""Actors named in text, normalised to the sides of the 2014-2017 war.

Sides: ``government`` (army, police, security forces, volunteers, the Popular
Mobilization and Shiite militias, Sunni tribal fighters), ``kurdish``
(Peshmerga, Kurdish security forces), ``islamic_state`` (ISIL, ISIS, IS,
Daesh, militants, jihadists), ``coalition`` (the US-led coalition and its
members' forces), ``civilians`` (as victims), ``other``.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo_events.patterns import Lexicon, lower, words

__all__ = ["ActorMention", "find_actors", "SIDES"]

SIDES = ("government", "kurdish", "islamic_state", "coalition", "civilians", "other")

#: (side, pattern, confidence). Earlier rows win where spans overlap.
_LEXICON: list[tuple[str, str, float]] = [
    ("government", r"iraqi[- ]led coalition(?: forces)?", 0.9),
    ("coalition", r"(?:us|u\.s\.|american)[- ]led coalition(?: forces| aircraft| jets| warplanes)?", 0.95),
    ("coalition", r"(?:international|international military|anti-is|anti-isil) coalition", 0.9),
    ("coalition", r"coalition (?:aircraft|jets|warplanes|air ?strikes?|forces|planes|drones?)", 0.9),
    (
        "coalition",
        r"(?:us|u\.s\.|american|french|british|australian|canadian|german) (?:forces|troops|military|jets|warplanes|aircraft|drones?|special forces|soldiers|advisers)",
        0.85,
    ),
    (
        "other",
        r"naqshabandi(?:ya)? army|baathists?|turkish (?:troops|forces|army|jets)|iranian (?:forces|troops|advisers)|\bpkk\b|\bypg\b|\bybs\b|sinjar resistance units",
        0.85,
    ),
    ("kurdish", r"peshmerga(?: forces| troops| fighters)?", 0.95),
    ("kurdish", r"kurdish (?:security )?(?:forces|troops|fighters|security|peshmerga|units|army)", 0.9),
    ("kurdish", r"asayish|kurdish regional government forces|krg forces", 0.9),
    (
        "islamic_state",
        r"(?:the )?islamic state(?: of iraq and (?:the levant|syria|al-sham))?(?: group| militants| fighters| jihadists)?",
        0.95,
    ),
    (
        "islamic_state",
        r"\b(?:isil|isis|is|daesh|da'esh)\b(?: militants| fighters| jihadists| operatives| group| gunmen)?",
        0.9,
    ),
    ("islamic_state", r"(?:sunni )?(?:militants?|jihadists?|jihadis|insurgents?|extremists?|terrorists?)", 0.8),
    ("islamic_state", r"gunm[ae]n", 0.6),
    ("islamic_state", r"suicide (?:bombers?|attackers?)", 0.8),
    ("government", r"popular mobili[sz]ation(?: forces| units)?|hashd(?: al-| al )?shaabi|\bpmf\b|\bpmu\b", 0.95),
    ("government", r"asaib ahl al-haq|kataib hezbollah|badr (?:organi[sz]ation|brigades?)|saraya al-salam", 0.9),
    (
        "government",
        r"shi(?:’|')?ite (?:militias?|militiamen|volunteers|fighters)|shia (?:militias?|militiamen|fighters)",
        0.9,
    ),
    (
        "government",
        r"(?:sunni )?tribal (?:fighters|forces|militias?)|(?:sunni )?tribesmen|sahwa|awakening (?:fighters|forces)",
        0.8,
    ),
    (
        "government",
        r"counter[- ]?terrorism (?:service|forces|units)|\bcts\b|golden division|special forces|rapid response",
        0.9,
    ),
    (
        "government",
        r"federal police|iraqi police|police(?:men|man)?|security forces|government forces|iraqi forces|iraqi troops|iraqi army|iraqi soldiers|iraqi air force|iraqi (?:jets|helicopters?|(?:helicopter )?gunships?|aircraft|air strikes?|warplanes)",
        0.9,
    ),
    (
        "government",
        r"\b(?:army|troops|soldiers|soldier|forces|militia(?:s|men)?|volunteers|guards|bodyguards?|intelligence units)\b",
        0.7,
    ),
    (
        "civilians",
        r"civilians?|residents|villagers|worshipp?ers|shoppers|families|children|women|men and boys|displaced|pilgrims|"
        r"passengers|mourners|pedestrians|passers-by|bystanders|farmers|shepherds|fishermen|students|journalists",
        0.8,
    ),
]
#: The rows, tried only on texts with a word they can begin with; at each position the first row that matches wins.
_ROWS = Lexicon((row, words(p)) for row, (_, p, _) in enumerate(_LEXICON))
#: The row of generic words (*forces*, *troops*...): right after another actor they are its head noun
#: (*Kurdish Peshmerga forces*), not a second actor.
_GENERIC_ROW = next(row for row, (_, p, _) in enumerate(_LEXICON) if p.startswith(r"\b(?:army|troops"))


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


def find_actors(text: str) -> list[ActorMention]:
    """Actors named in a text, in order, each normalised to a side.

    Parameters
    ----------
    text : str
        A sentence or clause.

    Returns
    -------
    list of ActorMention
        Non-overlapping mentions, left to right; where several rows match at
        one position the most specific (earliest in the lexicon) wins.

    Examples
    --------
    >>> [(a.text, a.side) for a in find_actors("The Shiite Asaib Ahl al-Haq militia helped security forces retake it.")]
    [('Asaib Ahl al-Haq militia', 'government'), ('security forces', 'government')]
    >>> [a.side for a in find_actors("US-led coalition jets struck IS positions.")]
    ['coalition', 'islamic_state']
    >>> [(a.text, a.side) for a in find_actors("Kurdish Peshmerga forces and army troops")]
    [('Kurdish Peshmerga forces', 'kurdish'), ('army troops', 'government')]
    """
    found: list[ActorMention] = []
    for row, m in _ROWS.finditer(lower(text)):
        start, end = m.span()
        if end - start == 2 and m.group(0) == "is" and text[start:end] != "IS":
            continue  # "IS" as a verb ("it is") is not the group: only the bare "IS" in capitals
        if row == _GENERIC_ROW and found and found[-1].end + 1 == start and text[found[-1].end] == " ":
            first = found.pop()
            found.append(ActorMention(text[first.start : end], first.side, first.start, end, first.confidence))
            continue  # "Kurdish Peshmerga forces": one actor, of the first one's side
        side, _, conf = _LEXICON[row]
        found.append(ActorMention(text[start:end], side, start, end, conf))
    return found
