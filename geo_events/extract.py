"""Events from articles: what happened, where, when, who, how many, who took control.

Each sentence is split into clauses; a clause with an event trigger (*retook*,
*air strike*, *roadside bomb*, *clashes*...) becomes an event of ACLED's
taxonomy at the Iraqi place it names (or, for *the city* and for follow-up
sentences, the place named just before). Actors are normalised to sides;
casualties are ranges; territory events say who took control. Every event
keeps its evidence: document, sentence, character offsets and a confidence.
Hedged or intended actions (*may*, *plans to*, *focusing on taking back*) and
references to earlier years are not events.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from gazetteer import Gazetteer, Place
from geo_events.actors import ActorMention, find_actors
from geo_events.articles import Article, Skipped
from geo_events.casualties import Count, count_casualties, parse_number
from geo_events.dates import EventDate, event_date, publication_date, refers_to_past_year
from geo_events.event import EVENT_TYPES, TERRITORY, Event, ExtractionResult, Unlocated
from geo_events.mentions import Mention, find_mentions
from geo_events.patterns import Lexicon, compile_lower, lower, words
from geo_events.sentences import split_sentences

__all__ = ["extract_events", "iter_events", "TRIGGERS"]


#: Territory verbs, the side that gains decided by the actor.
_REGAIN = words(
    r"retook", r"re-took", r"retake[ns]?", r"re-take[ns]?", r"retaking", r"re-taking", r"recaptur(?:e|ed|es|ing)", r"took back", r"take back",
    r"taken back", r"regain(?:ed|s)?(?: full)? control", r"liberat(?:e|ed|es|ing)", r"freed", r"wrested",
    r"(?:drove|driven|drive|pushed|forced|expelled|chased|cleared|flushed) (?:\w+ ){0,3}out of",
    r"moved into", r"entered", r"cleared", r"retook control", r"reclaimed", r"(?:pushed|stormed|marched|rolled) into",
    r"raised the (?:\w+ )?flag (?:over|in|above)",
)  # fmt: skip
_SEIZE = words(
    r"seiz(?:e|ed|es|ing)", r"captur(?:e|ed|es|ing)", r"took (?:full )?(?:control|over|parts)", r"taken (?:control|over)",
    r"tak(?:e|ing) (?:full )?control", r"overr?an", r"overrun", r"fell to", r"fallen to", r"advanced into", r"swept into",
)  # fmt: skip
_TRANSFER = words(
    r"handed (?:over|control)", r"hand(?:s|ing)? over", r"withdr[ae]w(?:n)? from", r"pulled out of", r"without a fight"
)
_TRIGGERS: list[tuple[str, re.Pattern]] = [
    ("Disrupted weapons use", words(r"(?:defused|dismantled|cleared|removed|neutrali[sz]ed|seized|destroyed) (?:\w+ ){0,3}(?:bombs|ieds|mines|booby traps|explosives|explosive devices|car bombs)")),
    ("Suicide bomb", words(r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car bomb(?:er|ers|s)?|vest|truck bomb)",
                          r"blew (?:himself|themselves) up", r"inghimasi", r"self-detonat\w*")),
    ("Remote explosive/landmine/IED", words(r"roadside bombs?", r"ieds?", r"improvised explosive", r"car bombs?", r"vbieds?",
                                          r"(?:bomb|explosive|device|mine)s? (?:[\w-]+ ){0,4}?(?:exploded|went off|detonated)", r"explosions?",
                                          r"blasts?", r"landmines?", r"booby[- ]trapped (?:car|vehicle|truck|house|building)s?", r"sticky bombs?",
                                          r"(?<!aerial )bombings?(?! (?:operations?|raids?|campaigns?|runs?))", r"bomb attacks?")),
    ("Air/drone strike", words(r"air ?strikes?", r"air raids?", r"aerial (?:bombardment|bombing|attacks?|strikes?)", r"drone strikes?",
                             r"warplanes?", r"(?:jets|aircraft|helicopters?|(?:helicopter )?gunships?) (?:bombed|struck|hit|attacked)",
                             r"bombing (?:operation|raids?|campaign)", r"bombarded", r"bombed")),
    ("Shelling/artillery/missile attack", words(r"shell(?:ing|ed|s)?", r"artillery", r"mortars?", r"rockets?", r"katyushas?",
                                              r"missiles?")),
    ("Mass killing", words(r"massacres?", r"mass (?:grave|killing|execution)s?", r"summarily execut\w+", r"execut(?:ed|ing|ions?)",
                         r"human shields?", r"beheaded")),
    # found dead: killed by someone unknown ("the bodies of 30 men were found", "police found 12 bodies")
    ("bodies", words(r"bod(?:y|ies) (?:[\w-]+ ){0,8}?(?:found|discovered|recovered|retrieved|exhumed|dumped)",
                     r"(?:found|discovered|recovered|retrieved|exhumed) (?:[\w-]+ ){0,4}?bod(?:y|ies)")),
    ("Abduction/forced disappearance", words(r"kidnapp(?:ed|ing)", r"abduct(?:ed|ing|ion)")),
    ("Armed clash", words(r"clash(?:es|ed|ing)?", r"fighting", r"fought", r"battl(?:e|ed|es|ing)", r"gun ?battles?", r"firefights?",
                        r"(?:exchanged|exchanging|traded|trading) (?:heavy |gun|small arms |machine-gun )?fire", r"exchanges? of fire", r"gunfights?",
                        r"skirmish(?:es)?", r"(?:repelled|repulsed|foiled|overcome|thwarted) (?:an? |the )?(?:\w+ ){0,2}(?:attack|assault|offensive|plot)",
                        r"came under (?:attack|fire)", r"shot dead", r"shot down", r"shot and killed", r"gunned down", r"attack(?:ed|s)?", r"assault(?:ed|s)?", r"ambush(?:ed|es)?", r"stormed",
                        r"killed", r"killing")),
    ("Headquarters or base established", words(r"set up (?:a )?(?:base|headquarters)", r"established (?:a )?(?:base|headquarters)")),
    ("Arrests", words(r"arrested", r"detained")),
    # last: "a car bomb destroyed houses, killing five" is an explosion
    ("Looting/property destruction", words(r"(?:blew up|blown up|demolish(?:ed|ing)|destroy(?:ed|ing)|bulldoz(?:ed|ing)|razed|torched|set fire to|burn(?:ed|t) down|looted|ransacked) "
                                         r"(?:\w+ ){0,4}(?:shrines?|mosques?|churches?|tombs?|bridges?|homes|houses?|buildings?|monuments?|museums?|statues?|antiquities|ruins|oil wells|power (?:stations?|plants?|lines)|schools?|hospitals?|markets?)")),
]  # fmt: skip
#: Every trigger, by priority; each is tried only on clauses with a word it can begin with.
TRIGGERS = Lexicon([("transfer", _TRANSFER), ("regain", _REGAIN), ("seize", _SEIZE), *_TRIGGERS])
_TERRITORY_KINDS = ("transfer", "regain", "seize")


#: "may", but not the month ("on May 20", "20 May", "in late May").
_MAY = r"(?<!\d )(?<!\bin )(?<!\bon )(?<!\bof )(?<!\bby )(?<!since )(?<!until )(?<!early )(?<!\blate )(?<!mid-)(?<!mid )may(?! \d)"
#: Hedged, planned or hypothetical actions: not events.
_MODAL = words(
    _MAY, r"might", r"could", r"would", r"will", r"shall", r"plan(?:s|ned|ning)? to", r"expected to", r"threaten(?:s|ed)? to",
    r"vow(?:s|ed)? to", r"weigh(?:s|ed|ing)?", r"options?", r"focus(?:ing|ed)? on", r"prepar(?:e|es|ed|ing) (?:to|for)",
    r"aim(?:s|ed|ing)? to", r"intend(?:s|ed)? to", r"seek(?:s|ing)? to", r"tr(?:y|ies|ying) to", r"appears? to be developing",
    r"was to", r"were to", r"in anticipation", r"gathering to", r"ready to", r"would-be",
    r"den(?:y|ies|ied|ying)", r"unconfirmed", r"rumou?r(?:s|ed)?", r"false reports?",
)  # fmt: skip
#: The day of the event reported before: "Earlier in the day, a roadside bomb..."
_SAME_DAY = words(
    r"(?:earlier|later) (?:in the|that|on the same) day", r"(?:on )?the same day", r"hours (?:earlier|later)",
    r"(?:earlier|later) that (?:morning|afternoon|evening|night)",
)  # fmt: skip
#: "to retake": a purpose, unless they "managed to" (matched on the text before a trigger).
_INTENDED = compile_lower(r"(?<!managed )(?<!able )(?<!succeeded )(?<!continued )\bto\s+$")
_EARLIER = words(
    r"had (?:initially|earlier|already|previously)", r"previously", r"at the time",
    r"(?:similar|such|previous|past|frequent|regular|repeated) (?:attacks|bombings|assaults|raids)",
    r"responsibility for", r"claim(?:s|ed|ing)? (?:the|this|that|both|these|credit)(?! lives?\b)", r"condemn(?:s|ed|ing)?",
    r"(?:discovered|found|uncovered|unearthed|exhumed) (?:\w+ ){0,3}graves?",
    r"carried out (?:the|these|those|both) (?:attacks?|bombings?|assaults?)",
)  # fmt: skip
_HEDGES = Lexicon([("modal", _MODAL), ("earlier", _EARLIER)])
#: A place after these is where someone was going, not where it happened.
_DESTINATION = compile_lower(
    r"(?:on (?:his|her|their|its) way to|heading (?:to|for)|en route to|toward|towards|advance on)\s+(?:the\s+)?$"
)
_NEAR = compile_lower(r"(?:near|outside|around|outskirts of|close to|on the edge of|north of|south of|east of|west of|\w+ of the city of|(?:road|highway|route) (?:to|from|linking)|between)\s+(?:the\s+)?(?:city of\s+|town of\s+)?$")  # fmt: skip
#: The kinds of place an anaphora's noun refers to ("the city": the last city or capital named).
_SETTLEMENT_KINDS = {"city": ("capital", "city"), "town": ("city", "town"), "village": ("town", "village")}
#: "..., a day after troops retook Tikrit": a clause dated from the event told before it in the sentence.
_DAYS_APART = compile_lower(
    r"(?<![\w-])(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?P<unit>days?|weeks?) (?P<way>after|before)\b"
)
#: "The assault", "the clashes": an event told before, in a follow-up sentence.
_EVENT_ANAPHORA = words(
    r"the (?:assault|attack|attacks|clash|clashes|fighting|battle|offensive|bombing|blast|explosion|raid|ambush)"
)
_ANAPHORA = compile_lower(r"\b(?:the (?:[\w-]+ )?(?P<noun>city|town|village|area|district|region)|there)\b")
#: "north of Baghdad": the event is somewhere else, in an unknown direction and distance.
_DIRECTION_OF = compile_lower(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of\s+(?:the\s+)?$"
)
#: "57 militants were killed": the actor before the verb is its victim.
_PASSIVE_VICTIM = compile_lower(
    r"^(?:\s+[\w’'-]+){0,3}?\s+(?:were|was|had been|have been|are|being)\s+(?:\w+\s+)?(?:killed|wounded|injured|executed|cornered|targeted|attacked)"
)
_PASSIVE_TERRITORY = compile_lower(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$")
#: Territory verbs need their object: a place, or words for one.
_TERRITORY_OBJECT = compile_lower(
    r"^\s*(?:(?:full|back|the|of|control|over|parts|most|several|neighbou?rhoods|areas|districts)\s+)*"
)
#: Between a city and a part of it: "Baghdad's Karrada district", "Baghdad's Shiite neighbourhood of Sadr City".
_WITHIN_GAP = compile_lower(
    r"['’]s (?:(?:[\w-]+ ){0,3}?(?:neighbou?rhoods?|districts?|areas?|suburbs?|quarters?) of )?"
)
#: Before the first of two places that an event lies between, not at.
_BETWEEN = compile_lower(r"\b(?:between|linking|connecting|from)\s+(?:the\s+)?(?:\w+\s+)?$")
#: What people flee, not a report of it (*families displaced by the fighting*, *fled the air strikes*).
_FLED_FROM = compile_lower(
    r"\b(?:fled|flee(?:s|ing)?|escap(?:e|es|ed|ing)|displaced by|driven (?:out |away )?by|trapped by|caught (?:up )?in)\s+(?:the\s+)?(?:\w+\s+)?$"
)
#: Deaths that are no violence.
_ACCIDENT = words(r"crash(?:ed|es)?", r"accident(?:al|ally|s)?", r"collided", r"collision", r"drowned", r"electrocuted")
_TARGET_MARK = compile_lower(r"\b(?:target(?:ed|ing|s)?|against|hit|struck|at|on)\b")
#: Words after "captured" that make it about people or things, not territory.
_NOT_TERRITORY = compile_lower(
    r"(?:members|fighters|soldiers|militants|troops|weapons|vehicles|prisoners|hostages|leaders?|commanders?|officers?|policemen|men|women|children|civilians|people|equipment|documents|ammunition)\b"
)
#: "seized it": the place named before, unless it says where something else is (*a cache in Hit*)
_IT = compile_lower(r"it\b")
_WHERE_SOMETHING_IS = compile_lower(
    r"\b(?:in|near|at|outside|around|inside|on|from|close to)\s+(?:the\s+)?(?:(?:town|city|village|district|area) of\s+)?$"
)
_PLACE_WORDS = compile_lower(
    r"(?:the\s+)?(?:[\w-]+\s+)?(?:city|cities|towns?|villages?|districts?|areas?|neighbou?rhoods?|base|airport|refinery)\b"
)
_DECLARED = compile_lower(
    r"\bdeclar(?:e|ed|es|ing)\s+(?:the\s+)?(?:[\w'-]+\s+){1,3}(?:fully\s+|completely\s+|totally\s+)?$"
)
#: Words before a place that limit a territory event to part of it.
_PARTIAL = compile_lower(
    r"(?:\b(?:parts?|districts?|neighbou?rhoods?|quarters?|sections?|half|most|areas?|cent(?:re|er)|heart|outskirts|edges?) of\s+"
    r"(?:the\s+)?(?:city of\s+|town of\s+)?"
    r"|\b(?:eastern|western|northern|southern|central|east|west|north|south)\s+)$"
)
_PLACE_LIST_GAP = re.compile(r"\s*(?:,|and|, and)\s*(?:the (?:towns?|villages?) of\s+)?")
_RECIPIENT = re.compile(r"\bto\s+(?:the\s+)?([\w’' -]{3,40})")
_CLAIM = compile_lower(r"\bclaim(?:s|ed|ing)?\b(?! the lives)")  # "claimed the lives of 12": a count
_CLAUSE_BREAK = re.compile(r";|\s[–—]\s|,\s+(?=(?:before|after|as|while|when|which|where|whereas|but|with|and)\b)|\s(?=(?:before|after|while|whereas|when)\s+(?:the|they|he|it|she)\b)"
                           r"|,\s+(?=(?:\w+\s+){1,2}(?:after|before)\b)")  # ", a day after", ", hours before"  # fmt: skip
_AND_GAP = compile_lower(r"\s+and\s+(?:the\s+)?")
#: What follows a clash with no object: a place, a time, a result ("exchanged fire in Tuz on Sunday").
_NO_OBJECT = compile_lower(
    r"\s*(?:[,.;]|$|(?:in|on|near|at|for|overnight|late|early|during|inside|outside|around|leaving|killing|"
    r"wounding|after|before|until|each other|one another|(?:north|south)(?:east|west)?|east|west)\b)"
)
_BY_ACTOR = compile_lower(r"\bby\s+(?:the\s+)?$")
#: "BAGHDAD (Reuters) - ", "MOSUL, Iraq — ", "ERBIL, Thursday, April 14, 2016 -- ": where the report
#: was filed (a place in capitals), before its first sentence.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+)*(?:,[^\n.!?()–—-]{1,40}?)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--?|[–—:])\s"
)
#: Who reports an event is not in it: "..., police said.", "police and medical officials said",
#: "according to police" (matched right after and right before the actor).
_SOURCE_AFTER = compile_lower(
    r"(?:\s+and\s+[\w-]+)?(?:\s+[\w-]+)?\s+(?:officials?|sources?|officers?|spokes(?:man|woman|person))\s+"
    r"(?:said|say|says|told|reported)\b|\s*,?\s+(?:said|say|says|told \w+)\s*[.!]?\s*$"
)
_SOURCE_BEFORE = compile_lower(r"\baccording to\s+(?:the\s+|a\s+|local\s+|iraqi\s+)?$")
_BACKED_BY = compile_lower(
    r"\b(?:backed|supported|assisted|aided|helped|covered|led|held|manned|guarded|controlled|run|occupied|defended)"
    r"\s+by\s+(?:the\s+)?$"
)
VICTIM_SIDES = {"civilians"}
#: Civilians killed in one attack from which it is coded a mass killing.
MASS_KILLING = 10
#: How a sentence ends (the last character once trailing spaces are gone); "?" ends questions, not events.
_SENTENCE_END = frozenset(".!\"”’')]")


# -- extraction ---------------------------------------------------------------


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    a = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() - a > 3:
            spans.append((a, m.start()))
        a = m.end()
    spans.append((a, end))
    return spans


def _trigger(clause: str, offset: int, places: list[tuple[Mention, int]]) -> tuple[str, re.Match] | None:
    """The event sub-type a lower-cased clause reports, by priority, and its trigger.

    A territory verb counts only with its object: a place right after it
    (*retook Ishaqi*, *took control of several neighbourhoods of Tal Afar*),
    words for a place (*the town*), or a place before it in the passive
    (*Duluiya was retaken*). A trigger in the infinitive of purpose (*an
    offensive to retake*) does not count.
    """
    for kind, pattern in TRIGGERS.candidates(clause):
        for m in pattern.finditer(clause):
            if _INTENDED.search(clause, max(0, m.start() - 20), m.start()):
                continue  # "an offensive to retake Tal Afar": what they set out to do, not what happened
            if kind not in _TERRITORY_KINDS or kind == "transfer" or _has_object(clause, m, offset, places):
                return kind, m
    return None


def _has_object(clause: str, m: re.Match, offset: int, places: list[tuple[Mention, int]]) -> bool:
    if _DECLARED.search(clause[: m.start()]):
        return True  # "declared eastern Mosul fully liberated", "to declare the city liberated"
    rest = clause[m.end() :]
    skip = _TERRITORY_OBJECT.match(rest).end()  # type: ignore[union-attr] # it matches every text
    if _NOT_TERRITORY.match(rest[skip:]):
        return False
    if _PLACE_WORDS.match(rest, skip):
        return True
    it = _IT.match(rest, skip) is not None
    for mention, _ in places:
        start = mention.start - offset
        if m.end() <= start <= m.end() + skip + 45:
            return True
        if start < m.start() and (
            _PASSIVE_TERRITORY.search(clause[: m.start()])
            or m.group(0).lower().startswith("fel")
            or (it and not _WHERE_SOMETHING_IS.search(clause, 0, start))
        ):
            return True  # "Ramadi was retaken", "Baiji fell to ISIS", "fled Hit after militants seized it"
    return False


def _territory_places(
    places: Sequence[tuple[Mention | None, int]], text: str, trigger_end: int
) -> Sequence[tuple[Mention | None, int]]:
    """The places a territory verb acts on: the first after it and those joined to it by 'and'/','.

    A governorate is passed over for a town after it (*recaptured the Anbar government complex in
    central Ramadi*: Ramadi), and ends a list of towns (*retook Hit, Anbar province*: Hit).
    """
    after = [(m, p) for m, p in places if m is not None and m.start >= trigger_end]
    if not after:
        return places[-1:]
    first = next((i for i, (_, p) in enumerate(after) if p < 3), 0)
    return _joined(after[first:], text, towns_only=after[first][1] < 3)


def _listed(places: Sequence[tuple[Mention | None, int]], text: str, low: str) -> Sequence[tuple[Mention | None, int]]:
    """The places of an attack: the first named and the towns joined to it by 'and' or commas
    (*air strikes near Mosul and Tal Afar*), but one place on a road *between* two."""
    first = places[0][0]
    if first is None or first.place is None or first.place.is_area or _BETWEEN.search(_before(low, first, 0)):
        return places[:1]
    return _joined([(m, p) for m, p in places if m is not None], text, towns_only=True)


def _joined(places: Sequence[tuple[Mention, int]], text: str, towns_only: bool = False) -> list[tuple[Mention, int]]:
    """The first place and those joined to it by 'and' or commas (*Hit and Rutba*); with ``towns_only``,
    a governorate ends the list (*in Hit, Anbar province*: Hit)."""
    chosen = [places[0]]
    for m, p in places[1:]:
        if (towns_only and (m.place is None or m.place.is_area)) or not _PLACE_LIST_GAP.fullmatch(
            text, chosen[-1][0].end, m.start
        ):
            break
        chosen.append((m, p))
    return chosen


def _sides_around(actors: list[ActorMention], at: int, clause: str) -> tuple[ActorMention | None, ActorMention | None]:
    """(initiator, target): the actor before the trigger and the one after it (``clause`` lower-cased).

    In the passive (*were killed by militants*, *an assault by IS*) the actor
    after *by* is the initiator.
    """
    before = [a for a in actors if a.start <= at]  # "Coalition air strikes", "a suicide bomber": it holds the trigger
    if len(before) > 1:  # "Iraqi troops backed by coalition aircraft pushed into": the troops did
        before = [a for a in before if not _backs(clause, a)] or before
    after = [a for a in actors if a.start > at]
    passive = bool(_PASSIVE_TERRITORY.search(clause[:at]))
    has_by = "by" in clause  # most clauses: no need to look before each actor
    by = next(
        (
            a
            for a in actors
            if has_by
            and _BY_ACTOR.search(clause[max(0, a.start - 12) : a.start])
            and not _backs(clause, a)
            and (passive or 0 <= a.start - at <= 40)
        ),
        None,
    )
    subject = before[-1] if before else None
    obj = after[0] if after else None
    if by is not None:
        target = subject if subject is not None and subject is not by else obj
        return by, target if target is not by else None
    if subject is not None and (subject.side in VICTIM_SIDES or _PASSIVE_VICTIM.match(clause[subject.end :])):
        return (obj if obj is not None and obj.side != subject.side else None), subject
    if subject is None and after and _TARGET_MARK.search(clause[at : after[0].start]):
        return None, after[0]  # "a roadside bomb targeted a Peshmerga convoy"
    if subject is None and len(after) > 1:
        return after[0], after[1]
    if subject is not None and obj is not None and obj.side == subject.side:
        return subject, next((a for a in after if a.side != subject.side), None)
    return subject, obj


def _backs(clause: str, actor: ActorMention) -> bool:
    """Whether an actor is named as backing another (*backed by coalition aircraft*), not acting itself."""
    return bool(_BACKED_BY.search(clause[max(0, actor.start - 20) : actor.start]))


def _opponents(
    actors: list[ActorMention], subject: ActorMention, lclause: str
) -> tuple[ActorMention, ActorMention | None]:
    """*Kurdish forces and the army exchanged fire*: a clash's two sides, joined by *and* before it
    (the caller checks that the trigger has no object: *police and Peshmerga fought the attackers* are allies)."""
    i = actors.index(subject)
    other = actors[i - 1] if i else None
    if (
        other is None
        or other.side == subject.side
        or other.side in VICTIM_SIDES
        or not _AND_GAP.fullmatch(lclause, other.end, subject.start)
    ):
        return subject, None
    return other, subject


def _reports_it(lclause: str, actor: ActorMention, according: bool) -> bool:
    """Whether an actor is named as the source of the report (*police said*), not as a participant;
    ``according``: whether the clause has that word (looked for once a clause, not once an actor)."""
    return bool(
        _SOURCE_AFTER.match(lclause, actor.end)
        or (according and _SOURCE_BEFORE.search(lclause, max(0, actor.start - 30), actor.start))
    )


def _event_id(doc: str, start: int, place: str) -> str:
    return hashlib.sha1(f"{doc}:{start}:{place}".encode()).hexdigest()[:12]


@dataclass
class _Draft:
    sub_type: str
    place: Place
    precision: int
    side1: str | None
    side2: str | None
    actor1: str
    actor2: str
    control_to: str | None
    killed: Count
    wounded: Count
    when: EventDate
    sentence: tuple[int, int]
    paragraph: int
    confidence: float


def _reference_point(before: str) -> bool:
    """Whether the words before a place (``_before``) name it as a reference point (*north of Baghdad*)."""
    return bool(_DIRECTION_OF.search(before))


def _before(low: str, mention: Mention, a: int) -> str:
    """The words before a mention that say how it is named (*near*, *north of*, *on the way to*)."""
    return low[max(a, mention.start - 40) : mention.start]


def _places_in(
    mentions: list[Mention], starts: list[int], low: str, a: int, b: int, dateline_end: int = 0
) -> tuple[list[tuple[Mention, int]], list[tuple[Mention, int]]]:
    """Iraqi places named in a span of the lower-cased text, with a geo precision: ``(places, fallbacks)``.

    Destinations (*on their way to Mosul*) are dropped. A place named only
    as a reference point (*north of Baghdad*, geo precision 2; never for a
    territory event) or in the dateline (*BAGHDAD (Reuters) -*, or *Baquba:*
    heading a paragraph of a bulletin), which says where the report was filed,
    is a fallback: it counts only where no other place is named (see ``_within``).
    """
    out: list[tuple[Mention, int]] = []
    fallback: list[tuple[Mention, int]] = []
    for i in range(bisect.bisect_left(starts, a), len(mentions)):  # in text order; no copy of the list's tail
        m = mentions[i]
        if m.start >= b:
            break
        if m.place is None:
            continue
        before = _before(low, m, a)
        if _DESTINATION.search(before):
            continue
        if _reference_point(before):
            fallback.append((m, 2))
            continue
        if low.startswith(("'s ", "’s "), m.end):  # "Baghdad's Karrada district": the place within
            nxt = bisect.bisect_left(starts, m.end + 3)
            if (
                nxt < len(mentions)
                and mentions[nxt].place is not None
                and _WITHIN_GAP.fullmatch(low, m.end, mentions[nxt].start)  # "Baghdad's neighbourhood of Sadr City"
            ):
                continue
        precision = 3 if m.place.is_area else 2 if _NEAR.search(before) else 1
        filed = m.start < dateline_end or (
            low.startswith(":", m.end) and low[max(0, m.start - 1) : m.start] in ("", "\n")
        )
        (fallback if filed else out).append((m, precision))
    return out, fallback


def _within(
    places: tuple[list[tuple[Mention, int]], list[tuple[Mention, int]]], a: int, b: int
) -> list[tuple[Mention, int]]:
    """The places of ``_places_in`` between offsets ``a`` and ``b``: the named ones, else the fallbacks."""
    named, fallback = places
    return [(m, p) for m, p in named if a <= m.start < b] or [(m, p) for m, p in fallback if a <= m.start < b]


def _article_events(article: Article, gazetteer: Gazetteer, result: ExtractionResult) -> list[Event]:
    text = article.full_text
    body_start = len(text) - len(article.text)
    anchor = article.published or publication_date(article.title, article.text)
    date_note = "" if anchor else "no publication date: pass --published or a 'published' field"
    if anchor is None:
        result.undated_documents.append(article.id)
    low = lower(text)
    dateline = _DATELINE.match(text, body_start)
    dateline_end = dateline.end() if dateline else 0
    mentions = find_mentions(text, gazetteer, article.id)
    starts = [m.start for m in mentions]
    drafts: list[_Draft] = []
    last_place: tuple[Place, int] | None = None
    last_settlement: dict[str, tuple[Place, int, int]] = {}  # the last place of each kind: what "the city" is
    paragraph = 0
    prev_end = body_start
    for s_start, s_end in split_sentences(text):
        if s_start < body_start:
            continue  # the headline repeats the body
        if "\n\n" in text[prev_end:s_start]:
            paragraph += 1
        prev_end = s_end
        sentence = text[s_start:s_end]
        found_places = _places_in(mentions, starts, low, s_start, s_end, dateline_end)
        sentence_places = found_places[0] or found_places[1]
        inherited: Place | None = None
        found_event = counted = False
        drafted = len(drafts)  # drafts before this sentence's
        if sentence.rstrip()[-1:] not in _SENTENCE_END:
            continue  # headings, captions, questions
        clauses = []
        if TRIGGERS.candidates(low[s_start:s_end]):  # most sentences have no trigger word: no clauses to look at
            for c_start, c_end in _clauses(text, s_start, s_end):
                clause_places = _within(found_places, c_start, c_end)
                clauses.append((c_start, c_end, clause_places, _trigger(low[c_start:c_end], c_start, clause_places)))
        # a clause without a place may use the sentence's places, but not those of another event's clause
        spare = [p for c in clauses if c[3] is None for p in c[2]]
        for c_start, c_end, clause_places, hit in clauses:
            if hit is None:
                continue
            clause, lclause = text[c_start:c_end], low[c_start:c_end]
            kind, trig = hit
            if (
                any(rx.search(lclause) for _, rx in _HEDGES.candidates(lclause))
                or refers_to_past_year(clause, anchor)
                or _FLED_FROM.search(lclause, 0, trig.start())
            ):
                continue
            places: Sequence[tuple[Mention | None, int]] = clause_places or spare  # None: a place told before
            if kind in _TERRITORY_KINDS and places:
                # "recaptured towns north of Baghdad": not Baghdad, and no telling which towns
                places = [(m, p) for m, p in places if m is None or not _reference_point(_before(low, m, s_start))]
                places = _territory_places(places, text, c_start + trig.end()) if places else []
            confidence = 0.8
            if not places and last_place is not None:
                same_para = last_place[1] == paragraph
                lsentence = low[s_start:s_end]
                anaphora = _ANAPHORA.search(lsentence)
                if anaphora and _DIRECTION_OF.search(lsentence[: anaphora.start()]):
                    pass  # "villages east of the city": somewhere else
                elif anaphora or same_para:
                    target = last_place
                    kinds = _SETTLEMENT_KINDS.get(anaphora["noun"], ()) if anaphora else ()
                    named = [last_settlement[k] for k in kinds if k in last_settlement]
                    if named:
                        target = max(named, key=lambda t: t[2])[:2]  # "the city": the last city, not a village after it
                    places = [(None, 2 if target[1] != paragraph else 1)]
                    inherited = target[0]
                    confidence = 0.6
            according = "according" in lclause
            actors = [a for a in find_actors(clause) if not _reports_it(lclause, a, according)]
            a1, a2 = _sides_around(actors, trig.start(), lclause)
            if kind == "bodies":  # who killed them is unknown; who was found may be named after
                a1, a2 = None, next((a for a in actors if a.start > trig.start()), None)
            elif a1 is None and trig.group(0).lower().startswith("fel"):
                a1, a2 = a2, None  # "Baiji fell to ISIS fighters"
            elif kind == "Armed clash" and a1 is not None and a2 is None and _NO_OBJECT.match(lclause, trig.end()):
                a1, a2 = _opponents(actors, a1, lclause)
            sub_type, control_to = _classify(kind, clause, lclause, a1, a2, actors)
            if sub_type is None:
                continue
            claimed = "claim" in lclause and _CLAIM.search(lclause) is not None
            killed, wounded = count_casualties(clause) if not claimed else (Count(), Count())
            if sub_type == "Armed clash" and trig.group(0).lower() in ("killed", "killing"):
                if _ACCIDENT.search(lclause):
                    continue  # "a helicopter crashed, killing its two pilots": an accident, not violence
                if claimed:
                    continue  # "claiming they had killed 1,700": propaganda, not an event
                if a1 is None:
                    if sum(c[3] is not None for c in clauses) == 1:  # a sentence that only counts: all of its counts
                        killed, wounded = count_casualties(sentence)
                    if killed.known or wounded.known:
                        _attach_casualties(drafts, paragraph, killed, wounded)
                        counted = True
                    continue  # "57 militants were killed": a count, not a new event
            if sub_type in TERRITORY and a2 is not None and a2.side in VICTIM_SIDES:
                a2 = None
            if sub_type == "Attack" and (killed.best or 0) >= MASS_KILLING:
                sub_type = "Mass killing"
            found_event = True
            if not places:
                unknown = [m.text for m in mentions if s_start <= m.start < s_end and m.in_iraq is None]
                reason = (
                    f"names no place the gazetteer knows ({', '.join(unknown)})"
                    if unknown
                    else "no Iraqi place named in or before it"
                )
                result.unlocated.append(Unlocated(article.id, sub_type, sentence, s_start, s_end, reason))
                continue
            when = event_date(clause, anchor)
            if when.date is None:
                when = event_date(sentence, anchor)
            if not when.expression and drafts:
                apart = _days_apart(low, s_start, c_start) if len(drafts) > drafted else None
                if apart and drafts[-1].when.date is not None:
                    days = (parse_number(apart["n"]).best or 1) * (7 if apart["unit"].startswith("week") else 1)
                    day = drafts[-1].when.date + timedelta(days=-days if apart["way"] == "after" else days)
                    when = EventDate(day, drafts[-1].when.precision, text[apart.start() : apart.end()])
                elif same_day := _SAME_DAY.search(low, s_start, s_end):
                    when = EventDate(drafts[-1].when.date, drafts[-1].when.precision, same_day.group(0))
                elif drafts[-1].paragraph == paragraph and _EVENT_ANAPHORA.search(low, s_start, s_end):
                    when = drafts[-1].when  # "The assault was repelled...": the day of the attack told before
            if sub_type not in TERRITORY:  # a town named with its governorate: the town
                places = _listed(sorted(places, key=lambda mp: mp[1] == 3), text, low)
            # one event a place, the counts shared among them (as ACLED does when a report gives one total)
            shares = zip(killed.split(len(places)), wounded.split(len(places)), strict=True)
            for (mention, precision), (place_killed, place_wounded) in zip(places, shares, strict=True):
                match = mention.resolution.match if mention is not None else None
                place = match.place if match is not None else inherited
                assert place is not None, "places named are resolved, and an inherited one is set with it"
                score = match.score if match is not None else 0.8
                new_controller = control_to
                if (
                    control_to
                    and mention is not None
                    and _PARTIAL.search(low[max(c_start, mention.start - 40) : mention.start])
                ):
                    new_controller = "contested"  # "parts of Tal Afar", "eastern Mosul": not the whole place
                drafts.append(
                    _Draft(
                        sub_type,
                        place,
                        precision,
                        a1.side if a1 else None,
                        a2.side if a2 else None,
                        a1.text if a1 else "",
                        a2.text if a2 else "",
                        new_controller,
                        place_killed,
                        place_wounded,
                        when,
                        (s_start, s_end),
                        paragraph,
                        round(confidence * (0.5 + 0.5 * score) * (a1.confidence if a1 else 0.85), 2),
                    )
                )
        if len(drafts) > drafted:  # "Troops were ambushed near Tal Afar; six soldiers died.": a clause that only counts
            for c_start, c_end, _, hit in clauses:
                if hit is None:
                    _attach_casualties(drafts, paragraph, *count_casualties(text[c_start:c_end]))
        if not (found_event or counted or sentence_places) and drafts and drafts[-1].paragraph == paragraph:
            killed, wounded = count_casualties(sentence)  # a follow-up count: "Five soldiers died."
            if killed.known or wounded.known:
                _attach_casualties(drafts, paragraph, killed, wounded)
        exact = [(place, m.start) for m, precision in sentence_places if precision == 1 and (place := m.place)]
        if exact:
            last_place = (exact[-1][0], paragraph)
            for place, start in exact:
                last_settlement[place.kind] = (place, paragraph, start)
        elif inherited is not None:
            last_place = (inherited, paragraph)
    events = []
    for d in drafts:
        s_start, s_end = d.sentence
        events.append(
            Event(
                event_id=_event_id(article.id, s_start, d.place.id),
                event_date=d.when.date,
                time_precision=d.when.precision,
                event_type=EVENT_TYPES[d.sub_type],
                sub_event_type=d.sub_type,
                side1=d.side1,
                side2=d.side2,
                actor1=d.actor1,
                actor2=d.actor2,
                place_id=d.place.id,
                location=d.place.name,
                latitude=d.place.lat,
                longitude=d.place.lon,
                geo_precision=d.precision,
                admin1=d.place.governorate_name,
                iso_3166_2=d.place.governorate,
                admin2=d.place.district,
                fatalities=d.killed.best,
                fatalities_low=d.killed.low,
                fatalities_high=d.killed.high,
                wounded=d.wounded.best,
                wounded_low=d.wounded.low,
                wounded_high=d.wounded.high,
                control_to=d.control_to,
                doc_id=article.id,
                sentence=text[s_start:s_end],
                start=s_start,
                end=s_end,
                confidence=d.confidence,
                date_expression=d.when.expression,
                date_note=d.when.note or date_note,
                count_note="; ".join(n for n in (d.killed.note, d.wounded.note) if n),
                sources=(article.source or article.id,),
                urls=(article.url,) if article.url else (),
                evidence=(f"{article.id}:{s_start}-{s_end}",),
            )
        )
    return events


def _days_apart(low: str, s_start: int, c_start: int) -> re.Match[str] | None:
    """*a day after*, *two weeks before* at the beginning of a clause (or split from it: *two days |
    before the army entered Ramadi*), which dates it from the event told before it in the sentence."""
    for m in _DAYS_APART.finditer(low, max(s_start, c_start - 16), c_start + 20):
        if c_start in (m.start(), m.start("way")):
            return m
    return None


def _attach_casualties(drafts: list[_Draft], paragraph: int, killed: Count, wounded: Count) -> None:
    """A count in a follow-up sentence belongs to the paragraph's last event."""
    if drafts and drafts[-1].paragraph == paragraph:
        drafts[-1].killed = drafts[-1].killed + killed
        drafts[-1].wounded = drafts[-1].wounded + wounded


def _classify(
    kind: str,
    clause: str,
    lclause: str,
    a1: ActorMention | None,
    a2: ActorMention | None,
    actors: list[ActorMention],
) -> tuple[str | None, str | None]:
    """Sub-event type and new controller for a trigger and its actors (``lclause``: the clause lower-cased)."""
    armed = [a for a in actors if a.side not in VICTIM_SIDES]
    if kind == "bodies":
        return "Attack", None
    if kind == "transfer":
        to = _RECIPIENT.search(clause, lclause.find("hand")) if "hand" in lclause else None
        recipients = find_actors(to.group(1)) if to else []
        if recipients:
            return "Non-violent transfer of territory", recipients[0].side
        leaving = next((a for a in armed if _TRANSFER.search(lclause[a.end : a.end + 30])), None)
        others = [a.side for a in armed if leaving is None or a.side != leaving.side]
        return "Non-violent transfer of territory", others[0] if others else None
    if kind in ("regain", "seize"):
        actor = a1 or (armed[0] if armed else None)
        side = actor.side if actor else ("government" if kind == "regain" else None)
        if side == "islamic_state":
            return "Non-state actor overtakes territory", "islamic_state"
        if side in ("government", "kurdish", "coalition"):
            return "Government regains territory", "kurdish" if side == "kurdish" else "government"
        if side == "other":
            return "Non-state actor overtakes territory", "other"
        return None, None
    if kind == "Armed clash" and a2 is not None and a2.side in VICTIM_SIDES and a1 is not None:
        return "Attack", None
    if kind == "Air/drone strike" and a1 is not None and a1.side == "islamic_state":
        return "Remote explosive/landmine/IED", None  # "militants bombed": not from the air
    return kind, None


def iter_events(
    articles: Iterable[Article | Skipped],
    gazetteer: Gazetteer | None = None,
    result: ExtractionResult | None = None,
    jobs: int = 1,
) -> Iterator[Event]:
    """Events of each article in turn, not deduplicated (streaming).

    ``result``, if given, collects events that could not be placed, the
    number of events per document, the undated documents, and the inputs
    the readers skipped (``iter_articles`` yields them among the articles).

    With ``jobs`` > 1, articles are extracted by that many worker processes,
    a batch at a time; the events come out as from one process, in the same
    order, and only a few batches are in flight, so memory stays bounded.

    Examples
    --------
    >>> from datetime import date
    >>> [e.location for e in iter_events([Article("d", "", "Clashes erupted in Ramadi.", date(2015, 5, 1))])]
    ['Ramadi']
    """
    gazetteer = gazetteer or Gazetteer.default()
    result = result if result is not None else ExtractionResult()
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    if jobs == 1:
        for batch in _batches(articles, result, 1):
            yield from _extract_batch(batch, gazetteer, result)
        return
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(gazetteer,))
    try:
        pending: deque[Future] = deque()
        for batch in _batches(articles, result, BATCH):
            pending.append(pool.submit(_worker_batch, batch))
            while len(pending) > 2 * jobs or (pending and pending[0].done()):
                yield from _merged(pending.popleft().result(), result)
        while pending:
            yield from _merged(pending.popleft().result(), result)
    finally:
        pool.shutdown(cancel_futures=True)


#: Articles a worker process extracts at a time (``iter_events`` with ``jobs`` > 1).
BATCH = 32


def _batches(articles: Iterable[Article | Skipped], result: ExtractionResult, size: int) -> Iterator[list[Article]]:
    """Articles in lists of ``size``; skipped inputs go to ``result.skipped`` as they come."""
    batch: list[Article] = []
    for article in articles:
        if isinstance(article, Skipped):
            result.skipped.append(article)
            continue
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(batch: list[Article], gazetteer: Gazetteer, result: ExtractionResult) -> list[Event]:
    events = []
    for article in batch:
        try:
            found = _article_events(article, gazetteer, result)
        except Exception as exc:  # a bug of ours must not cost the other articles: this one is reported
            reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this article as a bug"
            result.skipped.append(Skipped(article.id, 0, reason))
            continue
        result.per_document[article.id] = len(found)
        events += found
    return events


_worker_gazetteer: Gazetteer | None = None


def _start_worker(gazetteer: Gazetteer) -> None:
    global _worker_gazetteer
    _worker_gazetteer = gazetteer
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command's handler (cli) is for the main process


def _worker_batch(batch: list[Article]) -> tuple[list[Event], ExtractionResult]:
    """In a worker process: a batch's events and what its result collected."""
    assert _worker_gazetteer is not None, "set by _start_worker"
    part = ExtractionResult()
    return _extract_batch(batch, _worker_gazetteer, part), part


def _merged(done: tuple[list[Event], ExtractionResult], result: ExtractionResult) -> list[Event]:
    """A worker's events, its result's findings added to ``result``."""
    events, part = done
    result.unlocated += part.unlocated
    result.per_document.update(part.per_document)
    result.undated_documents += part.undated_documents
    result.skipped += part.skipped
    return events


def extract_events(
    articles: Iterable[Article | Skipped],
    gazetteer: Gazetteer | None = None,
    deduplicate: bool = True,
    result: ExtractionResult | None = None,
    jobs: int = 1,
) -> list[Event]:
    """Extract, place, date and (by default) deduplicate the events of articles.

    Parameters
    ----------
    articles : iterable of Article (or Skipped)
        Read with ``read_articles`` or ``iter_articles`` (streamed: only
        events are kept in memory; skipped inputs go to ``result.skipped``).
    gazetteer : Gazetteer, optional
        Defaults to the embedded one.
    deduplicate : bool
        Merge reports of the same event (see ``geo_events.dedupe``).
    result : ExtractionResult, optional
        Filled with events, unlocated events, per-document counts and
        undated documents.
    jobs : int
        Worker processes (see ``iter_events``); the events are the same.

    Returns
    -------
    list of Event

    Examples
    --------
    >>> from datetime import date
    >>> arts = [Article("a", "", "Militants seized Hit on Monday.", date(2014, 10, 15)),
    ...         Article("b", "", "IS fighters captured the town of Hit on Monday.", date(2014, 10, 14))]
    >>> events = extract_events(arts)
    >>> len(events), events[0].sources, events[0].control_to
    (1, ('a', 'b'), 'islamic_state')
    """
    from geo_events.dedupe import deduplicate as merge

    result = result if result is not None else ExtractionResult()
    events = list(iter_events(articles, gazetteer, result, jobs))
    if deduplicate:
        events = merge(events)
    result.events = events
    return events
