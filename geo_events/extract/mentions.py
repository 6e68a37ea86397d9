"""Place mentions in text: dictionary matching over transliteration keys.

The only module of ``geo_events`` that calls the gazetteer. Runs of
capitalised words (with the particles *al-*, *ad-*...) and of Arabic-script
words are looked up, longest first; a span that is only common English words
is not. Fuzzy matching is kept for spans after a locative word (*in*, *near*,
*town of*), where a name is expected. Person names ending in a place-like
*nisba* (*Abu Bakr al-Baghdadi*) are not places. After a first pass, every
mention is resolved again with the article's other Iraqi places as context,
so that one article's places cohere.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import weakref
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache, partial
from typing import Any

from gazetteer import Gazetteer, Match, Place, Resolution, distance_km, fold
from gazetteer.gazetteer import CITY_KM, CONTEXT_RADIUS_KM, NEIGHBOURS
from geo_events.extract.rules import RuleSet
from geo_events.text.lexicon import lower, words
from geo_events.text.place_nouns import NounKind, alternation, nouns
from geo_events.text.tables import example, pattern, shipped_table

__all__ = ["Mention", "find_mentions"]

_PARTICLES = frozenset("al el ad adh as ash an ar at ath az ez es ed er esh bin bani abu wal".split())
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
#: A candidate name token: a capitalised word, a particle joined to one (al-Fallujah, Nasr wal-Salam), an Arabic
#: run. An ayn may come first (*Al ‘Awjah*), also after a particle (*Tall adh-Dhahab al-‘Ulya*); a stretch never
#: begins with ‘, which is more often a quote.
_NAME_TOKEN_RE = re.compile(
    rf"(?<![{_LETTER}'’ʿʾ-])(?:[ʿʾ‘]?[{_UPPER}][{_LETTER}'’ʿʾ‘`-]*"
    rf"|{_PARTICLE}-[ʿʾ‘`]?[{_UPPER}][{_LETTER}'’ʿʾ‘`-]*|[\u0600-\u06ff]+)"
)
#: What may stand between two tokens of one name: spaces, a hyphen, or a lone particle.
_GAP_RE = re.compile(rf"[ \t]*-[ \t]*|[ \t]+(?:(?P<particle>{_PARTICLE})[ \t]+)?")
#: Words after which a place name is expected: they allow fuzzy matches and common words.
_LOCATIVE_WORDS = frozenset(
    "in near outside around at into from toward towards across retook retake recaptured captured seized entered "
    "liberated besieged overran shelled bombed over".split()
)
#: Nouns after which, with *of*, a place name is expected (*the town of*, *the outskirts of*).
_AREA_WORDS = frozenset(nouns(NounKind.SETTLEMENT, NounKind.AREA, NounKind.PART))
#: Nouns that end a place name after it (*Hamrin Mountains*, *Mosul dam*, *Anbar province*).
_NAME_ENDS = (NounKind.AREA, NounKind.FACILITY, NounKind.FEATURE)
#: A name ending in a capitalised one of these is a place name ("Hamrin Mountains", "Mosul Dam").
#: ... and so is one ending in a capitalised building noun ("Grand al-Nuri Mosque"), whatever its other words,
#: but only as it is spelled: buildings share their nouns, and "Imam Ali Mosque" is no misspelling of another.
_GENERIC_END_RE = re.compile(rf"\s(?:{alternation(*_NAME_ENDS, NounKind.BUILDING, capitalised=True)})$")
_BUILDING_END_RE = re.compile(rf"\s(?:{alternation(NounKind.BUILDING, capitalised=True)})$")
#: Strong cues: an unknown name after one of these is reported as a possible place.
_STRONG_WORDS = frozenset({"in", "near", "outside"})
_STRONG_AREA_WORDS = frozenset(nouns(NounKind.SETTLEMENT, NounKind.AREA))


#: A territory verb after a name, whose subject is a place (*Zumer has changed hands again*, *Hit fell to*).
_PLACE_PREDICATE = re.compile(
    r"[ \t]+(?:(?:has|have|had)[ \t]+)?(?:changed[ \t]+hands|fell[ \t]+to|(?:has|have|had)[ \t]+fallen|"
    r"(?:was|were|has[ \t]+been|had[ \t]+been)[ \t]+(?:retaken|recaptured|liberated|freed|captured|seized|overrun))\b"
)
#: What stands between two names of a list (*Adala, Blawat, and Kani Harami*).
_LIST_GAP = re.compile(r"[ \t]*,[ \t]*(?:(?P<last>and|or)[ \t]+)?|[ \t]+(?P<also>and|or)[ \t]+")
_LIST_GOES_ON = re.compile(r"[ \t]*(?:[,;.:()]|$|\n|(?:and|or)\b)")
#: The characters before a name that ``_cues`` reads: its three words and more (cue words are short).
_CUE_CHARS = 60


def _cues(before: str) -> tuple[bool, bool]:
    """Whether the words before a name make a place name expected there, and strongly so
    (an unknown name is then reported as a possible place).

    Examples
    --------
    >>> _cues("fighting in the "), _cues("the town of "), _cues("President "), _cues("battle near ")
    ((True, True), (True, True), (False, False), (True, True))
    >>> _cues("retook the "), _cues("the suburbs of ")
    ((True, False), (True, False))
    """
    tail = before[-_CUE_CHARS:]  # the last words only: a long text before is not read whole for each name
    words = tail.lower().split()
    if len(before) > _CUE_CHARS and not before[-_CUE_CHARS - 1].isspace():
        words = words[1:]  # cut: a word's end is not a word ("within" is not "in")
    words = words[-3:]
    if words and words[-1] == "the":
        words.pop()
    if not words:
        return False, False
    if words[-1] == "of" and len(words) > 1:
        return words[-2] in _AREA_WORDS, words[-2] in _STRONG_AREA_WORDS
    return words[-1] in _LOCATIVE_WORDS, words[-1] in _STRONG_WORDS


def _cues_at(text: str, at: int) -> tuple[bool, bool]:
    """``_cues`` of the words before offset ``at`` of a text, read from a slice of the text's end only."""
    return _cues(text[max(0, at - _CUE_CHARS - 1) : at])


#: Without a cue, a match must be at least this good (exact, or a near-identical variant).
MIN_SCORE_WITHOUT_CUE = 0.9
_POSSESSIVE_RE = re.compile(r"['’′`]s$")


class Reach(Enum):
    """Where a title makes a name a person's (titles.tsv, column ``reach``)."""

    NEXT = "next"  #: right before the name, in any case: *Mr Abadi*
    NEAR = "near"  #: also with a capital, up to ``_TITLE_CHARS`` before it: *Iranian President Hassan Rouhani*


@dataclass(frozen=True)
class Title:
    """A title before a person's name (titles.tsv)."""

    title: str
    reach: Reach
    example: str


TITLES = tuple(shipped_table(Title, {"title": pattern, "reach": Reach, "example": example}, "titles.tsv"))


@dataclass(frozen=True)
class Epithet:
    """A phrase that names a place without its name (epithets.tsv): *Iraq's second-largest city* is Mosul."""

    pattern: str
    place: str
    example: str


EPITHETS = tuple(shipped_table(Epithet, {"pattern": pattern, "place": str.strip, "example": example}, "epithets.tsv"))
_EPITHET_RES = tuple((words(row.pattern), row.place) for row in EPITHETS)
#: A title right before a name, in any case.
_TITLE_RE = re.compile(rf"\b(?:{'|'.join(row.title for row in TITLES)})\s*$", re.IGNORECASE)
#: A title with a capital, before a name.
_TITLE_WORD_RE = re.compile(rf"\b(?:{'|'.join(row.title.capitalize() for row in TITLES if row.reach is Reach.NEAR)})\b")
MAX_SPAN_WORDS = 5
#: How far before a name (characters) a title makes it a person's (*Minister Hoshyar Zebari*).
_TITLE_CHARS = 80
#: Cities abroad smaller than this, outside the neighbouring countries, are place names only after
#: a cue (``_well_known``).
WELL_KNOWN_POPULATION = 300_000
#: Generic words that begin place names (*Tal Abta*, *Ain Zalah*, *Jisr Diyala*): alone, before
#: another name token, never a place (*Tal*, *At Tall* in Syria).
GENERIC_HEADS = frozenset(
    {"tal", "tall", "tel", "tell", "ain", "ayn", "ein", "bir", "jabal", "jebel", "wadi", "nahr", "qasr", "khan",
     "deir", "dayr", "kafr", "ras", "umm", "jisr", "qalat", "qalaat", "hammam", "sheikh", "shaykh", "abu", "beit",
     "bayt", "albu", "imam", "sayyid", "sayed"}
)  # fmt: skip
#: Lower-case words that may end a place name ("Mosul dam", "Baiji refinery"), and numbers ("Kilo 160",
#: a checkpoint named for its distance on the road to Jordan).
_SUFFIXES = alternation(*_NAME_ENDS) + r"|\d{1,3}(?![\d,.]\d)"
_SUFFIX_RE = re.compile(rf"[ \t]+(?P<word>{_SUFFIXES})\b")
#: Stretches of text that may hold runs of name tokens (a gap here is any that ``_GAP_RE`` allows,
#: and more), with the generic word that may follow (``_SUFFIX_RE``).
_STRETCH_RE = re.compile(
    rf"{_NAME_TOKEN_RE.pattern}(?:[ \t-]+(?:{_PARTICLE}[ \t]+)?{_NAME_TOKEN_RE.pattern})*"
    rf"(?:[ \t]+(?:{_SUFFIXES})\b)?"
)
#: Where a stretch may begin: a capital, an Arabic letter, or the hyphen after a particle (*al-*).
#: Searching for these first is several times faster than searching for stretches, which begin
#: with a look-behind that ``re`` tries at every character.
_STRETCH_START_RE = re.compile(rf"[{_UPPER}\u0600-\u06ffʿʾ-]")


#: Context-free results per gazetteer, which repeat across a corpus: name lookups keyed
#: ``(span, fuzzy)``, and the place names of stretches of name tokens keyed by the stretch and
#: the words that are never places (``_stretch_names``). Weak keys, so a gazetteer that is gone
#: takes its cache with it.
_CACHE: weakref.WeakKeyDictionary[Gazetteer, dict[Any, Any]] = weakref.WeakKeyDictionary()
_CACHE_SIZE = 100_000


def _cached(cache: dict[Any, Any], key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered under ``key`` in ``cache`` (a gazetteer's, from ``_CACHE``)."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        value = cache[key] = compute()
    return value


def _lookup(gazetteer: Gazetteer, span: str, fuzzy: bool) -> Resolution:
    cache = _CACHE.setdefault(gazetteer, {})
    return _cached(cache, (span, fuzzy), lambda: gazetteer.lookup(span, fuzzy=fuzzy))


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text, where, and what it resolved to.

    Examples
    --------
    >>> m = find_mentions("Troops retook Telafer.", Gazetteer.default(), doc="d1")[0]
    >>> m.text, m.start, m.end, m.name, m.governorate, m.in_iraq
    ('Telafer', 14, 21, 'Tal Afar', 'IQ-NI', True)
    """

    doc: str
    text: str
    start: int
    end: int
    resolution: Resolution

    def __reduce__(self) -> tuple[type[Mention], tuple[str, str, int, int, Resolution]]:
        # pickle and copy through the constructor: the compiled build's frozen class cannot set fields afterwards
        return (Mention, (self.doc, self.text, self.start, self.end, self.resolution))

    @property
    def status(self) -> str:
        """``resolved``, ``ambiguous`` or ``unknown`` (foreign places are unknown)."""
        return self.resolution.status

    @property
    def place(self) -> Place | None:
        """The Iraqi place, when resolved."""
        return self.resolution.match.place if self.resolution.match else None

    @property
    def name(self) -> str | None:
        """The place's name (the foreign place's for places outside Iraq)."""
        if self.place is not None:
            return self.place.name
        return self.resolution.foreign.name if self.resolution.foreign else None

    @property
    def governorate(self) -> str | None:
        return self.place.governorate if self.place else None

    @property
    def in_iraq(self) -> bool | None:
        """True for Iraqi places (and Iraq itself), False for foreign ones, None if unknown."""
        return self.resolution.in_iraq

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``geo-events mentions --json`` prints.

        Examples
        --------
        >>> find_mentions("Clashes in Tehran.", Gazetteer.default())[0].to_dict()["in_iraq"]
        False
        """
        place = self.place
        return {
            "doc": self.doc,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "status": self.status,
            "name": self.name,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "governorate": place.governorate if place else None,
            "kind": place.kind if place else None,
            "in_iraq": self.in_iraq,
            "country": self.resolution.country,
            "score": round(self.resolution.match.score, 3) if self.resolution.match else None,
            "reason": self.resolution.reason or None,
        }


def _stretches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_STRETCH_RE.finditer(text)``, found from where they may begin.

    Examples
    --------
    >>> [m.group(0) for m in _stretches("Troops entered al-Qaim and Hammam al Alil.")]
    ['Troops', 'al-Qaim', 'Hammam al Alil']
    """
    end = 0
    hit = _STRETCH_START_RE.search(text)
    while hit is not None:
        at = hit.start()
        if text[at] != "-":
            m = _STRETCH_RE.match(text, at)
        else:  # "al-Qaim": the particle before it begins the stretch, as far back as it goes
            starts = (at - n for n in (4, 3, 2) if at - n >= end and text[at - n : at] in _PARTICLES)
            m = next(filter(None, (_STRETCH_RE.match(text, start) for start in starts)), None)
        if m is not None:
            yield m
            end = m.end()
        hit = _STRETCH_START_RE.search(text, max(end, at + 1))


def _split_stretch(stretch: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Runs of adjacent name tokens in a stretch (token spans), with particles inside (*Hammam
    al Alil*) and a generic word after (*Mosul airport*); a possessive ends a run."""
    runs: list[tuple[tuple[tuple[int, int], ...], bool]] = []
    current: list[tuple[int, int]] = []
    last_end = -1
    for m in _NAME_TOKEN_RE.finditer(stretch):
        raw = m.group(0)
        first = raw.lstrip("ʿʾ‘")[:1]  # "‘Awjah": the ayn written before a name
        if not (first.isupper() or "\u0600" <= first <= "\u06ff" or "-" in raw):
            continue
        word = _POSSESSIVE_RE.sub("", raw).rstrip("-'’")
        start = m.start()
        joined = False
        if current:
            gap = _GAP_RE.fullmatch(stretch, last_end, start)
            if gap is not None:
                joined = True
                if gap.group("particle"):
                    current.append(gap.span("particle"))
        if not joined and current:
            runs.append((tuple(current), True))
            current = []
        current.append((start, start + len(word)))
        last_end = start + len(word)
        if len(word) < len(raw.rstrip("-'’")):  # "Turkey's": a possessive ends the run
            runs.append((tuple(current), False))
            current = []
    if current:
        runs.append((tuple(current), True))
    return tuple(_with_suffix(stretch, run) if open_end else run for run, open_end in runs)


def _with_suffix(stretch: str, run: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """A run and the generic word after it (*Mosul dam*), if any."""
    m = _SUFFIX_RE.match(stretch, run[-1][1])
    return (*run, m.span("word")) if m else run


def _dump_village(span: str, res: Resolution) -> bool:
    """Whether a one-word name is only bare villages of a loaded dump (``Place.bare``: *Suleiman*, *Haji*, *Amir*
    are people's names, which GeoNames' 30,000 Iraqi places give villages too, and *Shiekh* is a title spelled
    as one): a place only after a cue. The embedded gazetteer's other villages were chosen for news, and stand
    alone; its few GeoNames villages of fewer than 1,000 people are bare too."""
    found = (res.match,) if res.match else res.candidates  # what it resolved to, or all it may be
    return bool(found) and all(m.place.bare for m in found) and " " not in span.strip()


@lru_cache(maxsize=65536)
def _common_edge(span: str, never: frozenset[str]) -> bool:
    """Whether a span begins with a capitalised function word (*In Mosul*, *At Qaim*) or ends with a word that is
    never a place and is no noun for one (*Nineveh Operations*, *June*; not *Habaniya air base*).

    Examples
    --------
    >>> never = frozenset({"in", "operations", "june", "base"})
    >>> [_common_edge(s, never) for s in ("In Mosul", "Nineveh Operations", "June", "Tal Afar", "Habbaniyah base")]
    [True, True, True, False, False]
    """
    words = [w for w in _span_words(span) if w not in _PARTICLES]
    return bool(words) and (
        (len(words) > 1 and words[0] in _FUNCTION_WORDS) or (words[-1] in never and words[-1] not in _PLACE_NOUNS)
    )


#: A place noun ending a name (*Sinjar areas*, *Tharthar area*, *Anbar Province*).
_NOUN_END_RE = re.compile(rf"\s+(?:{alternation(*NounKind)})$", re.IGNORECASE)
#: An Arabic word after a village's name that tells it from its namesakes nearby (*Badni al-Shaghera*, the small;
#: *Shwirat al-Sufla*, the lower; *Ubaydi al-Sharqi*, the eastern): the village is by the place of the name.
_QUALIFIER_END_RE = re.compile(
    r"[\s-]+(?:al[\s-]|el[\s-])?(?:s[ahu]gh[ie]ra?|shaghera|sughra|soghra|kab[ie]ra?|kubra|sufla|ulya|olya|fawqani|"
    r"fouqani|tahtani|sharqi(?:ya|yah)?|gharbi(?:ya|yah)?|shamali(?:ya|yah)?|janubi(?:ya|yah)?|jadida?|qadima?|wusta)$",
    re.IGNORECASE,
)
#: Words that open sentences before names, never part of one.
_FUNCTION_WORDS = frozenset("in at on near from to of and the by for with into outside inside as but or".split())
#: Nouns of places and their parts (place_nouns.tsv), which end names (*Anbar province*, *Mosul dam*).
_PLACE_NOUNS = frozenset(w for noun in nouns(*NounKind) for w in noun.split())


@lru_cache(maxsize=65536)
def _only_common(span: str, never: frozenset[str]) -> bool:
    """Whether a span is made only of words that are never places (and particles)."""
    return all(w in never or w in _PARTICLES for w in _span_words(span))


def _span_words(span: str) -> list[str]:
    """The words of a span as never_places.tsv writes them (``_word_form``), hyphens splitting them (*al-Jazeera*)."""
    return [_word_form(w) for w in re.split(r"[\s\-]+", span.lower()) if w]


def _word_form(word: str) -> str:
    """A lower-case word as never_places.tsv writes it: one apostrophe (*shi`ite*, *shi’ite*: shi'ite), no
    quotes or dots around it.

    Examples
    --------
    >>> _word_form("shi`ite"), _word_form("‘shi’ite’.")
    ("shi'ite", "shi'ite")
    """
    return word.translate(_APOSTROPHES).strip("'.")


_APOSTROPHES = str.maketrans({"`": "'", "’": "'", "‘": "'", "ʼ": "'"})


def find_mentions(
    text: str, gazetteer: Gazetteer, doc: str = "", never_places: frozenset[str] | None = None
) -> list[Mention]:
    """Every place mention in a text, resolved with the text's places as context.

    Parameters
    ----------
    text : str
        The text (offsets refer to it).
    gazetteer : Gazetteer
        Where names are looked up.
    doc : str
        Document id carried into each mention.
    never_places : frozenset of str, optional
        Capitalised words that are never a place name by themselves, in lower case;
        ``RuleSet.default().never_places`` (the table ``never_places.tsv``) by default.

    Returns
    -------
    list of Mention
        In text order. Includes foreign places (``in_iraq`` False),
        ambiguous names, Iraq itself, and unknown names after *in*, *near*,
        *outside* or *town of*, which a gazetteer may be missing.

    Examples
    --------
    >>> gz = Gazetteer.default()
    >>> [(m.text, m.name) for m in find_mentions("Fighting in Ramadi and near al-Fallujah; Kerry was in Vienna.", gz)]
    [('Ramadi', 'Ramadi'), ('al-Fallujah', 'Fallujah'), ('Vienna', 'Vienna')]
    """
    found: list[tuple[int, int, Resolution]] = []
    lists: list[int] = []  # for each name found, the list of names it is in (*Adala, Blawat and Kani Harami*)
    list_id = 0
    never = RuleSet.default().never_places if never_places is None else never_places
    cache = _CACHE.setdefault(gazetteer, {})
    persons = _surnames(text)  # *Prime Minister Haider al-Abadi*: later *Abadi* is him
    last: tuple[int, int] | None = None  # the previous stretch with names: where it begins and ends
    last_cue: tuple[bool, bool] | None = None  # ... and its cues, once known
    for m in _stretches(text):
        stretch = m.group(0)
        names = _cached(cache, (stretch, never), partial(_stretch_names, gazetteer, stretch, never))
        first = m.start()
        # a name listed after another (*the towns of Adala, Blawat and Kani Harami*) has the weak cue of the
        # first; after a bare comma, only if the list goes on after it (*Back in Mosul, Hit squads ...*: no list)
        gap = _LIST_GAP.fullmatch(text, last[1], first) if last is not None else None
        listed = gap is not None and (gap["last"] or gap["also"] or _LIST_GOES_ON.match(text, m.end()) is not None)
        if not names:
            last = None
            continue  # nothing even where a place name is expected ("The", "Officials")
        list_id += not listed
        cue: tuple[bool, bool] | None = None
        if listed:
            assert last is not None
            cue = (last_cue if last_cue is not None else _cues(text[max(0, last[0] - 30) : last[0]]))[0], False
        if isinstance(names, dict):  # what the words before it say matters, and a territory verb after it
            own = _cues(text[max(0, first - 30) : first])
            if not own[0] and _PLACE_PREDICATE.match(text, m.end()):
                own = (True, own[1])  # "Zumer has changed hands again": a place, as its subject
            cue = own if cue is None else (own[0] or cue[0], own[1] or cue[1])
            names = names[cue]
        last, last_cue = (first, m.end()), cue
        for start, end, res, i, run_start in names:
            if (i and _person_name(text, run_start + first, start + first, end + first)) or _speaker(
                text, start + first, end + first
            ):
                continue
            if not persons or fold(text[start + first : end + first]) not in persons:
                found.append((start + first, end + first, res))
                lists.append(list_id)
    if _EPITHET_RES:
        found, lists = _with_epithets(text, gazetteer, found, lists)
    near = _Context(found)
    mentions = []
    lead = _Lead(text)
    for i, (start, end, res) in enumerate(found):
        district = any(c.place.kind == "neighbourhood" for c in res.candidates)
        if res.status == "ambiguous" or (
            res.match is not None and (district or (len(near.places) > 1 and len(res.candidates) > 1))
        ):
            others = [p for p in near(start) if res.match is None or p.id != res.match.place.id]
            if others:  # a neighbourhood only where the text names its city or places near it; the name looked
                # up again is the one that found the place (*Habaniya* of "the Habaniya military base")
                res = gazetteer.lookup(res.query, context=others)
                res = _nearest_reading(gazetteer, res.query, res, near.around(start, end))
        res = _settlement_named(res, text, start, end)
        town = lead(start, end, res)
        beside = _beside(found, i, text) if town is not None else []
        if town is not None:
            res = _in_the_lead(res, town, beside)
        if res.match and _doubtful(res.match) and _far_from_all(res.match, near(start), near.governorates):
            what = "a bare village of the loaded data" if res.match.place.bare else "a doubtful spelling of"
            reason = f"{what} {res.match.place.name}, which is far from the other places of the text"
            res = Resolution(text[start:end], "unknown", reason=reason)  # "the Zuhur district of Mosul" is not Zubayr
        elif (
            res.match
            and town is not None
            and _doubtful(res.match)
            and _off_the_lead(res.match.place, town)
            and not _supported(res.match.place, beside)
        ):
            reason = (
                f"a doubtful spelling of {res.match.place.name}, far from {town.name}, which the paragraph is about"
            )
            res = Resolution(text[start:end], "unknown", reason=reason)  # "In Baghdad, ... in Jadriya": not Kudrah
        mentions.append(Mention(doc, text[start:end], start, end, res))
    return _strays_of_lists(mentions, lists) if len(set(lists)) < len(lists) else mentions


def _with_epithets(
    text: str, gazetteer: Gazetteer, found: list[tuple[int, int, Resolution]], lists: list[int]
) -> tuple[list[tuple[int, int, Resolution]], list[int]]:
    """The names found and the places a text names by an epithet (*Iraq's second-largest city*), in text
    order, an epithet replacing the names inside it (*Iraq*); each epithet a list of its own."""
    low = lower(text)
    spans = [
        (m.start(), m.end(), _lookup(gazetteer, place, False)) for rx, place in _EPITHET_RES for m in rx.finditer(low)
    ]
    if not spans:
        return found, lists
    kept = [(f, k) for f, k in zip(found, lists, strict=True) if not any(a <= f[0] < b for a, b, _ in spans)]
    merged = sorted([*kept, *((s, -1 - i) for i, s in enumerate(spans))], key=lambda item: item[0][0])
    return [f for f, _ in merged], [k for _, k in merged]


#: A doubtful spelling in a list of places is dropped when it puts the place this far (km) from all the
#: places listed next to it (``LIST_NEIGHBOURS`` on each side).
LIST_KM = 50.0
LIST_NEIGHBOURS = 3


def _strays_of_lists(mentions: list[Mention], lists: list[int]) -> list[Mention]:
    """The mentions, where a doubtful match (``_doubtful``: a variant or near spelling, or a dump's bare village)
    in a list of places (*the towns of Adala, Blawat, Ibrahim Khalil and Kani Harami*) puts its place more than
    ``LIST_KM`` from every place listed next to it made unknown: villages listed together lie together (*Adala*
    is no Edale, 100 km away)."""
    out = list(mentions)
    for k, mention in enumerate(mentions):
        match = mention.resolution.match
        if match is None or not _doubtful(match):
            continue
        lo, hi = max(0, k - LIST_NEIGHBOURS), min(len(mentions), k + LIST_NEIGHBOURS + 1)
        others = [
            m.place
            for j, m in enumerate(mentions[lo:hi], lo)
            if j != k and lists[j] == lists[k] and m.place is not None and not m.place.is_area
        ]
        if len(others) >= 2 and all(
            distance_km(p.lat, p.lon, match.place.lat, match.place.lon) > LIST_KM for p in others
        ):
            reason = f"a doubtful spelling of {match.place.name}, far from the places listed with it"
            out[k] = dataclasses.replace(mention, resolution=Resolution(mention.text, "unknown", reason=reason))
    return out


#: The most places of a text that settle where one of its names is (the places named nearest
#: to it): a roundup naming thousands of places would otherwise compare each name with all of them.
MAX_CONTEXT = 64


#: A settlement noun a text calls a place by (*the village of al-Wahda*, *al-Wahda village*): the place is a
#: settlement, not a city quarter or a site of the same name.
_SETTLEMENT_BEFORE = re.compile(rf"\b(?:{alternation(NounKind.SETTLEMENT, plural=False)})\s+of\s+(?:the\s+)?$", re.I)
_SETTLEMENT_AFTER = re.compile(rf"\s+(?:{alternation(NounKind.SETTLEMENT, plural=False)})\b", re.I)
#: The kinds of place a settlement noun may name.
SETTLEMENT_KINDS = frozenset({"capital", "city", "town", "village"})


def _settlement_named(res: Resolution, text: str, start: int, end: int) -> Resolution:
    """Of a name's candidates, the one settlement when the text calls it a village, town or city: *the village
    of al-Wahda* south of Kirkuk is the village, not a quarter of Mosul of that name."""
    if len(res.candidates) < 2:
        return res
    if not (_SETTLEMENT_BEFORE.search(text, max(0, start - 20), start) or _SETTLEMENT_AFTER.match(text, end)):
        return res
    if any(c.place.is_area for c in res.candidates):
        return res  # "the city of As Sulaymaniyah": the governorate's seat, which its candidates may not list
    settlements = [c for c in res.candidates if c.place.kind in SETTLEMENT_KINDS]
    if len(settlements) != 1 or (res.match is not None and res.match.place.kind in SETTLEMENT_KINDS):
        return res
    return Resolution(res.query, "resolved", settlements[0], tuple(settlements), country="IQ")


#: A blank line between paragraphs (with the spaces or carriage returns a text may have on it).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
#: A sentence that opens with its place (*In Baghdad, ...*), as the paragraphs of a bulletin do: before the name.
_IN_BEFORE = re.compile(r"(?:\A|[.!?][\"”’')]?\s+|\n\s*)in\s+(?:the\s+)?\Z", re.I)
#: How far (km) a doubtful spelling may put a place from the town its bulletin paragraph opens with: a village
#: of its surroundings, not one of another governorate hundreds of kilometres away.
LEAD_FAR_KM = 75.0


class _Lead:
    """The town the paragraph (or its sentence) a name is in opens with: *In Baghdad, a bomb in Jadriya ...*."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]  # where paragraphs begin, after the first
        self.town: Place | None = None
        self.paragraph = -1

    def __call__(self, start: int, end: int, res: Resolution) -> Place | None:
        """The lead town for a name at ``start:end`` (a name that opens a sentence so becomes the lead)."""
        text = self.text
        k = bisect.bisect_right(self.breaks, start)
        paragraph = self.breaks[k - 1] if k else 0
        if paragraph != self.paragraph:
            self.paragraph, self.town = paragraph, None
        lo = max(paragraph, start - 40)
        if _IN_BEFORE.search(text[lo:start]) and text.startswith(",", end):
            match = res.match  # a doubtful spelling leads nothing: "In Hurriya, ..." is no Hillah
            self.town = match.place if match is not None and not match.place.is_area and not _doubtful(match) else None
            return None
        return self.town


#: How far from a governorate's seat a bulletin's paragraph opens with (*In Baghdad, ...*) the place told last may
#: be for an unplaced incident to be in that seat: its quarters and suburbs (Nahrawan, 28 km from Baghdad's point).
LEAD_KM = 30.0


def within_lead(place: Place, town: Place) -> bool:
    """Whether a place lies in what a bulletin's paragraph opening with ``town`` covers: a governorate's seat and
    its quarters and suburbs (``LEAD_KM``), another city and its quarters (``CITY_KM``); a town or village
    opening a paragraph covers no other place, nor does a city a town near it (Karmah by Fallujah)."""
    d = distance_km(place.lat, place.lon, town.lat, town.lon)
    if town.kind == "capital":
        return d <= LEAD_KM
    return town.kind == "city" and place.kind == "neighbourhood" and d <= CITY_KM


def _in_the_lead(res: Resolution, town: Place, nearby: Sequence[Place]) -> Resolution:
    """Of the candidates of a name its context left ambiguous, the one that lies in what the paragraph's lead town
    covers (``within_lead``): *In Baghdad, ... a bomb in Amiriya* is Baghdad's quarter, not Amiriyat al-Fallujah;
    but not where a place named near the name supports another (*Amiriya, south of Fallujah*)."""
    if res.status != "ambiguous":
        return res
    others = [p for p in nearby if p.id != town.id]
    if any(not within_lead(c.place, town) and _supported(c.place, others) for c in res.candidates):
        return res
    inside = [c for c in res.candidates if c.place.id != town.id and within_lead(c.place, town)]
    return Resolution(res.query, "resolved", inside[0], tuple(inside), country="IQ") if len(inside) == 1 else res


#: Names this near each other (characters between them, in one paragraph) are each other's own context
#: (*Amiriya, south of Fallujah*; *Mkeeshifa, between Samarra and Tikrit*).
BESIDE_CHARS = 60


def _beside(found: Sequence[tuple[int, int, Resolution]], i: int, text: str) -> list[Place]:
    """The places named right before and after the ``i``-th name (``BESIDE_CHARS``), in its paragraph, by a
    spelling that is no doubt (a doubtful one may be the very quarter misread)."""
    start, end, _ = found[i]
    out = []
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(found) and (match := found[j][2].match) is not None and not _doubtful(match):
            a, b = (found[j][1], start) if j < i else (end, found[j][0])
            if 0 <= b - a <= BESIDE_CHARS and PARAGRAPH_BREAK.search(text, a, b) is None:
                out.append(match.place)
    return out


def _supported(place: Place, nearby: Sequence[Place]) -> bool:
    """Whether a place the text names near a name lies within ``LEAD_FAR_KM`` of the place it matched (*an army
    post in Mkeeshifa, between Samarra and Tikrit*)."""
    return any(p.id != place.id and distance_km(p.lat, p.lon, place.lat, place.lon) <= LEAD_FAR_KM for p in nearby)


def _off_the_lead(place: Place, town: Place) -> bool:
    """Whether a place lies in another governorate than a paragraph's lead town and farther than
    ``LEAD_FAR_KM`` from it."""
    return place.governorate != town.governorate and distance_km(place.lat, place.lon, town.lat, town.lon) > LEAD_FAR_KM


def _nearest_reading(gazetteer: Gazetteer, name: str, res: Resolution, nearby: list[Place]) -> Resolution:
    """Of the places a name may be in the whole text's context, the one its nearest places (named within
    ``NEARBY_CHARS``) point to: a roundup's *Saidiya* after *Jalawla* is Saadiya in Diyala, though the
    roundup also names Baghdad, which has a Saidiya; only a place near them, and never a governorate left
    over when they rule out the whole text's reading (*Muthanna* in a report on Mosul and Tal Afar). A name the
    whole text leaves ambiguous stays so: its nearest places alone misread a bulletin's unknown quarter
    (*Najar* of Mosul is no Najaf)."""
    if res.match is None or len(res.candidates) < 2:
        return res
    nearby = [p for p in nearby if p.id != res.match.place.id]
    if not nearby:
        return res
    local = gazetteer.lookup(name, context=nearby)
    if local.match is None:
        return res
    place = local.match.place
    supported = any(distance_km(p.lat, p.lon, place.lat, place.lon) <= CONTEXT_RADIUS_KM for p in nearby)
    return local if supported and not place.is_area else res  # where the nearest places are, not just left over


#: Places named this near a name (characters before or after it) are its nearest context.
NEARBY_CHARS = 300


class _Context:
    """The places a text names (not governorates), each once, by where the text first names it; and the
    governorates it names."""

    def __init__(self, found: Sequence[tuple[int, int, Resolution]]) -> None:
        first: dict[str, tuple[int, Place]] = {}
        self.governorates: set[str] = set()
        for start, _, res in found:
            if res.match is not None and res.match.place.is_area and res.match.place.governorate:
                self.governorates.add(res.match.place.governorate)
            elif res.match is not None:
                first.setdefault(res.match.place.id, (start, res.match.place))
        self.starts = [start for start, _ in first.values()]  # found is in text order: so are these
        self.places = [place for _, place in first.values()]

    def around(self, start: int, end: int) -> list[Place]:
        """The places first named within ``NEARBY_CHARS`` of a name at ``start:end``."""
        lo = bisect.bisect_left(self.starts, start - NEARBY_CHARS)
        hi = bisect.bisect_right(self.starts, end + NEARBY_CHARS)
        return self.places[lo:hi]

    def __call__(self, at: int) -> list[Place]:
        """All the places, or the ``MAX_CONTEXT`` named nearest to offset ``at``."""
        if len(self.places) <= MAX_CONTEXT:
            return self.places
        lo = min(max(0, bisect.bisect_left(self.starts, at) - MAX_CONTEXT // 2), len(self.places) - MAX_CONTEXT)
        return self.places[lo : lo + MAX_CONTEXT]


#: A doubtful spelling (a variant or fuzzy match) is dropped when it puts the place this far
#: (km) from every other place a text names, none of them in its governorate.
FAR_KM = 150.0
#: So is a bare village of a loaded dump (``Place.bare``) this far from them: the villages a report names by a
#: name GeoNames gives to many lie by the towns it names (*Abu Ajil* by Tikrit, not a homonym in Anbar).
BARE_FAR_KM = 75.0
#: ... and a village found by another spelling than its own (a variant or fuzzy match) this far: the villages
#: a report lists lie together, and a name spelled close to a village 200 km away is most often another village
#: the gazetteer lacks (*Humaidiya* freed by Shura, south of Mosul, is not Hamidiya by Ramadi).
VILLAGE_FAR_KM = 100.0


def _doubtful(match: Match) -> bool:
    """Whether a match is a doubtful spelling (``MIN_SCORE_WITHOUT_CUE``), a bare village of a dump, or a
    village found by another spelling than its own."""
    return (
        match.score < MIN_SCORE_WITHOUT_CUE or match.place.bare or (match.score < 1 and match.place.kind == "village")
    )


def _far_from_all(match: Match, context: Sequence[Place], governorates: Set[str] = frozenset()) -> bool:
    """Whether a match's place is far (``FAR_KM``; ``BARE_FAR_KM`` for a bare village, ``VILLAGE_FAR_KM`` for
    another) from all the others of a context, none of them in its governorate, and the text names no governorate
    of its. A village spelled near its own (no doubtful spelling otherwise) needs two other places: a dateline alone
    says where the report was filed, not where the village is."""
    place = match.place
    if place.governorate in governorates:
        return False  # "the village of al-Basheer in Kirkuk province"
    village = not place.bare and place.kind == "village"
    km = BARE_FAR_KM if place.bare else VILLAGE_FAR_KM if village else FAR_KM
    others = [p for p in context if p.id != place.id]
    needed = 2 if village and match.score >= MIN_SCORE_WITHOUT_CUE else 1
    return len(others) >= needed and all(
        p.governorate != place.governorate and distance_km(p.lat, p.lon, place.lat, place.lon) > km for p in others
    )


def _stretch_names(gazetteer: Gazetteer, stretch: str, never: frozenset[str]) -> tuple | dict[tuple[bool, bool], tuple]:
    """``_stretch_mentions`` for what the words before a stretch may say (``_cues``: a place name
    expected there, strongly so, or neither). One tuple when that does not matter (most names:
    *Mosul*, *Officials*), else a dict by cue.

    Cues only ever add names, so a stretch without any where a name is strongly expected has
    none (an empty tuple). A strong cue adds only unknown names, and the same names with no cue
    at all have none of them at its beginning: then the weak cue finds them too.
    """
    strong = _stretch_mentions(gazetteer, stretch, never, True, True)
    if not strong:
        return ()
    none = _stretch_mentions(gazetteer, stretch, never, False, False)
    if none == strong:
        return strong
    return {
        (True, True): strong,
        (True, False): _stretch_mentions(gazetteer, stretch, never, True, False),
        (False, False): none,
    }


def _stretch_mentions(
    gazetteer: Gazetteer, stretch: str, never: frozenset[str], cue: bool, strong: bool
) -> tuple[tuple[int, int, Resolution, int, int], ...]:
    """Place names in a stretch of name tokens: ``(start, end, resolution, i, run start)``, offsets in the stretch;
    ``i`` is the name's first token in its run (a name after others may be a person's: ``_person_name``).

    ``cue`` and ``strong`` tell whether the words before the stretch make a
    place name expected there; inside it, its own words do. A function of its
    arguments only, so that ``find_mentions`` caches it: stretches repeat.
    Cues only ever add mentions: a stretch without any when both are true has
    none.
    """
    out = []
    for k, run in enumerate(_split_stretch(stretch)):
        first = run[0][0]
        if k:
            cue, strong = _cues_at(stretch, first)
        rel = tuple((a - first, b - first) for a, b in run)
        for i, j, res in _resolve_run(gazetteer, stretch[first : run[-1][1]], rel, never, cue, strong):
            out.append((run[i][0], run[j - 1][1], res, i, first))
    return tuple(out)


def _resolve_run(
    gazetteer: Gazetteer,
    run_text: str,
    spans: tuple[tuple[int, int], ...],
    never: frozenset[str],
    cue: bool,
    strong: bool,
) -> tuple[tuple[int, int, Resolution], ...]:
    """Place names in a run of name tokens, longest first: ``(i, j, resolution)`` for tokens ``i:j``.

    A span made only of the words ``never`` is looked up only where a place name is
    expected. ``cue`` and ``strong`` tell whether the words before the run make a place
    name expected there; inside the run, the run's own words do.
    """
    hits = []
    i = 0
    head = None  # the generic word just passed over, which begins the name at i (*Tal* of *Tal Abta*)
    while i < len(spans):
        if i and head is None:
            cue, strong = _cues_at(run_text, spans[i][0])
        generic = i + 1 < len(spans) and run_text[spans[i][0] : spans[i][1]].lower() in GENERIC_HEADS
        hit = None
        for j in range(min(len(spans), i + MAX_SPAN_WORDS), i + generic, -1):  # alone, "Tal" is no name
            span = run_text[spans[i][0] : spans[j - 1][1]]
            expected = cue or bool(_GENERIC_END_RE.search(span))
            if not expected and _only_common(span, never):
                continue
            # after a generic head whose whole name is unknown (*Tal Zahrun*), the rest is part of that name:
            # an Iraqi place's spelling or nothing, never taken for a place it is a misspelling of, or one abroad
            whole = head is None
            # a span that begins or ends with a word that is never a place ("In Mosul", "Nineveh Operations",
            # "June") is a place only as it is spelled: its spellings are those of other places ("Ain Mosul")
            exact_only = _common_edge(span, never)
            fuzzy = expected and len(span) >= 5 and whole and not exact_only and not _BUILDING_END_RE.search(span)
            res = _lookup(gazetteer, span, fuzzy)
            if (res.match is None or res.match.method == "fuzzy") and (
                noun := _NOUN_END_RE.search(span) or _QUALIFIER_END_RE.search(span)
            ):  # "Sinjar areas": Sinjar, not Sinjar Mirkah; "Habaniya military base": at Habbaniyah;
                named = _lookup(gazetteer, span[: noun.start()], False)  # "Badni al-Shaghera": by Badana
                res = named if named.match is not None else res
            good = (res.status == "ambiguous" and not exact_only and (expected or not _dump_village(span, res))) or (
                res.match is not None
                and (expected or (res.match.score >= MIN_SCORE_WITHOUT_CUE and not _dump_village(span, res)))
                and (not exact_only or res.match.method == "exact")
            )
            foreign = (
                whole
                and res.foreign is not None
                and (expected or (_well_known(res.foreign) and fold(span) in {fold(n) for n in res.foreign.names}))
            )
            iraq = res.status == "unknown" and res.country == "IQ"  # "Iraq" itself
            if good or foreign or iraq:
                hit = (i, j, res)
                break
            if j == i + 1 and len(span) >= 4 and strong and not _only_common(span, never):
                first = i if head is None else head  # "near Tal Abta": the whole name is unknown
                hit = (
                    first,
                    j,
                    Resolution(run_text[spans[first][0] : spans[i][1]], "unknown", reason="not in the gazetteer"),
                )
        head = i if hit is None and generic else None
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit[1]
    return tuple(hits)


def _well_known(place: Place) -> bool:
    """Whether a place abroad is taken for one without a cue: in a neighbouring country, a big city, or
    of unknown size (the regions and cities the project added). Smaller cities' names are often
    people's (*Ahmed Hassan*; Hassan is a city in India).

    Examples
    --------
    >>> gz = Gazetteer.default()
    >>> _well_known(gz.lookup("Geneva").foreign), _well_known(gz.lookup("Paris").foreign)
    (False, True)
    """
    return place.country in NEIGHBOURS or not place.population or place.population >= WELL_KNOWN_POPULATION


#: *al-Saadi said*: a surname with its article, speaking, is a person's (General Abdulwahab al-Saadi), not a
#: place (Saadiya).
_SAID = re.compile(r"[ \t]*,?[ \t]+(?:said(?! to)|says|told|added|stated|announced|explained)\b")  # not "said to be"
_ARTICLE = re.compile(r"(?:al|el)-", re.IGNORECASE)


def _speaker(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is a nisba (*al-Saadi*) that speaks (*al-Saadi said*): a person.

    Examples
    --------
    >>> _speaker("Only a few districts remain, al-Saadi said.", 29, 37), _speaker("Clashes in al-Qaim said to", 11, 18)
    (True, False)
    """
    return _ARTICLE.match(text, start, end) is not None and _SAID.match(text, end) is not None


def _person_name(text: str, run_start: int, start: int, end: int) -> bool:
    """A nisba after a personal name (*Haider al-Abadi*), or a name after a title: the name at
    ``start:end`` of ``text``, after other name tokens of a run that starts at ``run_start``."""
    span = text[start:end]
    before = text[max(0, run_start - 25, start - _TITLE_CHARS) : start]
    if _TITLE_RE.search(text[max(0, run_start - 25) : run_start]):
        return True
    if _TITLE_WORD_RE.search(before):
        return True  # "Iranian President Hassan Rouhani"
    if _LEADING_WORD.fullmatch(text, run_start, start):
        return False  # "In al-Baghdadi, mortars killed ...": a capitalised word that opens a sentence, no name
    # a nisba after a name: "Bakr al-Baghdadi", "Izzat Ibrahim al-Douri"
    return bool(re.match(r"(?i)(al|el|ad|ash|as|an|ar|at|az)[-\s]", span))


#: A person named with a title (*Prime Minister Haider al-Abadi*, *General Talib Shaghati*): the last name.
_TITLED_NAME_RE = re.compile(
    rf"\b(?:{'|'.join(row.title.capitalize() for row in TITLES)})\s+(?:[A-Z][\w'’]+\s+){{0,2}}(?:(?:al|el)-)?"
    r"(?P<surname>[A-Z][\w'’]+)\b(?![ \t]+[A-Z])"
)


def _surnames(text: str) -> set[str]:
    """The surnames (folded) of the people a text names with a title: alone later, they are the person
    (*Abadi issued a statement*), not the place of that name.

    Examples
    --------
    >>> sorted(_surnames("Prime Minister Haider al-Abadi spoke; General Talib Shaghati agreed."))
    ['abadi', 'shaghati']
    """
    return {fold(m["surname"]) for m in _TITLED_NAME_RE.finditer(text)}


#: A capitalised preposition or conjunction opening a sentence before a name (*In al-Baghdadi, ...*).
_LEADING_WORD = re.compile(r"(?:In|At|Near|Outside|Around|From|Inside|Across|And|But|Also|Meanwhile|Elsewhere)\s+")
