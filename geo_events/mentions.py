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

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from gazetteer import Gazetteer, Place, Resolution, fold

__all__ = ["Mention", "find_mentions"]

#: A word: Latin letters with apostrophes and inner hyphens, or an Arabic-script run.
_TOKEN_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff][A-Za-z\u00c0-\u024f\u1e00-\u1eff'’ʿʾ‘`-]*|[\u0600-\u06ff]+")
_PARTICLES = frozenset({"al", "el", "ad", "adh", "as", "ash", "an", "ar", "at", "ath", "az", "bin", "bani", "abu"})
#: Words after which a place name is expected: they allow fuzzy matches and common words.
_LOCATIVE_RE = re.compile(
    r"(?:\b(?:in|near|outside|around|at|into|from|toward|towards|across|retook|retake|recaptured|"
    r"captured|seized|entered|liberated|besieged|overran|shelled|bombed|handed\s+over)"
    r"|\b(?:town|city|village|district|area|province|governorate|region|outskirts|suburbs?)\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A name ending in a geographic word is a place name ("Hamrin Mountains", "Mosul Dam").
_GENERIC_END_RE = re.compile(
    r"\s(?:Mountains?|Mount|Mts?|Hills?|Dam|Barrage|River|Lake|Valley|Desert|Base|Airbase|Air\s+Base|Airport|"
    r"Camp|Province|Governorate|District|Refinery|Bridge|Crossing)$"
)
#: Strong cues: an unknown name after one of these is reported as a possible place.
_STRONG_CUE_RE = re.compile(
    r"(?:\b(?:in|near|outside)|\b(?:town|city|village|district|province|governorate)\s+of)\s+$", re.IGNORECASE
)
#: Without a cue, a match must be at least this good (exact, or a near-identical variant).
MIN_SCORE_WITHOUT_CUE = 0.9
_POSSESSIVE_RE = re.compile(r"['’′`]s$")
_TITLE_RE = re.compile(
    r"\b(?:president|minister|general|gen\.|brigadier|colonel|col\.|major|cleric|ayatollah|sheikh|imam|"
    r"mr\.?|dr\.?|spokesman|commander|leader|chief|governor|emir|caliph)\s*$",
    re.IGNORECASE,
)
_TITLE_WORD_RE = re.compile(
    r"\b(?:President|Minister|General|Brigadier|Colonel|Cleric|Ayatollah|Sheikh|Imam|Secretary|Spokesman|"
    r"Spokeswoman|Commander|Leader|Chief|Governor|Admiral|Emir)\b"
)
MAX_SPAN_WORDS = 5
#: Lower-case words that may end a place name ("Mosul dam", "Baiji refinery").
GENERIC_SUFFIXES = frozenset(
    {"airport", "dam", "refinery", "base", "airbase", "bridge", "mountains", "mountain", "district", "province",
     "governorate", "camp", "crossing", "barrage", "university", "prison", "lake", "river", "desert"}
)  # fmt: skip


@cache
def _common_words() -> frozenset[str]:
    text = resources.files("geo_events").joinpath("data/common_words.txt").read_text("utf-8")
    return frozenset(w.lower() for line in text.splitlines() if not line.startswith("#") for w in line.split())


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


def _is_name_token(tok: str) -> bool:
    if "\u0600" <= tok[0] <= "\u06ff":
        return True
    if tok[0].isupper():
        return True
    head, _, rest = tok.partition("-")
    return head.lower() in _PARTICLES and bool(rest) and rest[0].isupper()


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of adjacent name tokens (particles allowed inside a run)."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_end = -1
    for m in _TOKEN_RE.finditer(text):
        word = _POSSESSIVE_RE.sub("", m.group(0)).rstrip("-'’")
        tok = word.lstrip("-'’")
        gap = text[last_end : m.start()] if last_end >= 0 else " "
        joined = last_end >= 0 and gap.strip() in ("", "-") and "\n" not in gap
        if tok and _is_name_token(tok):
            if not (current and joined):
                if current:
                    runs.append(current)
                current = []
            current.append((m.start(), m.start() + len(word)))
            if len(word) < len(m.group(0).rstrip("-'’")):  # a possessive ends the run
                runs.append(current)
                current = []
        elif tok.lower() in _PARTICLES and current and joined:
            current.append((m.start(), m.end()))  # "Hammam al Alil"
        elif tok.lower() in GENERIC_SUFFIXES and current and joined:
            current.append((m.start(), m.start() + len(word)))  # "Mosul airport", "Baiji refinery"
            runs.append(current)
            current = []
        else:
            if current:
                runs.append(current)
            current = []
        last_end = m.end()
    if current:
        runs.append(current)
    return runs


def _only_common(span: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", span.lower()) if w]
    common = _common_words()
    return all(w.strip("'’.") in common or w in _PARTICLES for w in words)


def find_mentions(text: str, gazetteer: Gazetteer, doc: str = "") -> list[Mention]:
    """Every place mention in a text, resolved with the text's places as context.

    Parameters
    ----------
    text : str
        The text (offsets refer to it).
    gazetteer : Gazetteer
        Where names are looked up.
    doc : str
        Document id carried into each mention.

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
    for run in _runs(text):
        i = 0
        while i < len(run):
            hit = None
            for j in range(min(len(run), i + MAX_SPAN_WORDS), i, -1):
                start, end = run[i][0], run[j - 1][1]
                span = text[start:end]
                before = text[max(0, start - 30) : start]
                cue = bool(_LOCATIVE_RE.search(before) or _GENERIC_END_RE.search(span))
                if _only_common(span) and not cue:
                    continue
                res = gazetteer.lookup(span, fuzzy=cue and len(span) >= 5)
                good = res.status == "ambiguous" or (
                    res.match is not None and (cue or res.match.score >= MIN_SCORE_WITHOUT_CUE)
                )
                foreign = res.foreign is not None and (cue or fold(span) in {fold(n) for n in res.foreign.names})
                if good or foreign or res.country == "IQ":
                    hit = (j, res)
                    break
                if j == i + 1 and len(span) >= 4 and _STRONG_CUE_RE.search(before) and not _only_common(span):
                    hit = (j, Resolution(span, "unknown", reason="not in the gazetteer"))
            if hit is None:
                i += 1
                continue
            j, res = hit
            start, end = run[i][0], run[j - 1][1]
            if not _person_name(text, run, i, j):
                found.append((start, end, res))
            i = j
    context = [r.match.place for _, _, r in found if r.match is not None and not r.match.place.is_area]
    mentions = []
    for start, end, res in found:
        if res.status == "ambiguous" or (res.match is not None and len(context) > 1):
            others = [p for p in context if res.match is None or p.id != res.match.place.id]
            if others:
                res = gazetteer.lookup(text[start:end], context=others)
        mentions.append(Mention(doc, text[start:end], start, end, res))
    return mentions


def _person_name(text: str, run: list[tuple[int, int]], i: int, j: int) -> bool:
    """A nisba after a personal name (*Haider al-Abadi*), or a name after a title."""
    span = text[run[i][0] : run[j - 1][1]]
    before = text[max(0, run[0][0] - 25) : run[i][0]]
    if _TITLE_RE.search(text[max(0, run[0][0] - 25) : run[0][0]]) and i > 0:
        return True
    if i > 0 and _TITLE_WORD_RE.search(before):
        return True  # "Iranian President Hassan Rouhani"
    # a nisba after a name: "Bakr al-Baghdadi", "Izzat Ibrahim al-Douri"
    return i > 0 and bool(re.match(r"(?i)(al|el|ad|ash|as|an|ar|at|az)[-\s]", span))
