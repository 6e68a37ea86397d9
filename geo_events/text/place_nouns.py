"""Nouns for places and their parts (``place_nouns.tsv``), by kind, as words and as patterns.

*The town of*, *parts of*, *Mosul dam*: the extractors read such words around
place names in several ways (a name expected after them, a place told before,
part of a place, part of a name), each from the kinds of noun it needs, all from
one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from geo_events.text.tables import example, lower_words, shipped_table

__all__ = ["NounKind", "PlaceNoun", "PLACE_NOUNS", "nouns", "alternation"]


class NounKind(Enum):
    """What a place noun names (place_nouns.tsv, column ``kind``)."""

    SETTLEMENT = "settlement"  #: *the city of Tikrit*; *the town*, for the one named before
    AREA = "area"  #: *the district of Makhmour*, *Anbar province*
    PART = "part"  #: of a place: *parts of Ramadi*, *the outskirts of Fallujah*, *most of Baiji*
    FACILITY = "facility"  #: *Mosul dam*, *Tal Afar airport*
    FEATURE = "feature"  #: *Sinjar mountain*, *the Diyala river*
    BUILDING = "building"  #: *a restaurant in Nasiriyah*, *the mosque*: storming one is an attack


@dataclass(frozen=True)
class PlaceNoun:
    """A noun for a place or a part of one, and its plural (empty where it has none)."""

    noun: str
    plural: str
    kind: NounKind
    example: str


_noun = lower_words(2)


def _plural(text: str) -> str:
    return _noun(text) if text else ""


PLACE_NOUNS = tuple(
    shipped_table(
        PlaceNoun,
        {"noun": _noun, "plural": _plural, "kind": NounKind, "example": example},
        "place_nouns.tsv",
    )
)


def nouns(*kinds: NounKind, plural: bool = True) -> tuple[str, ...]:
    """The nouns of these kinds, singular and (unless ``plural`` is False) plural, in the table's order.

    Examples
    --------
    >>> nouns(NounKind.SETTLEMENT)
    ('city', 'cities', 'town', 'towns', 'village', 'villages')
    >>> nouns(NounKind.SETTLEMENT, plural=False)
    ('city', 'town', 'village')
    """
    forms = ((row.noun, row.plural if plural else "") for row in PLACE_NOUNS if row.kind in kinds)
    return tuple(form for pair in forms for form in pair if form)


def alternation(*kinds: NounKind, plural: bool = True, capitalised: bool = False) -> str:
    """The nouns of these kinds as a regular expression (no groups), longest first; with
    ``capitalised``, each word with a capital (*Air Base*), spaces matching any.

    Examples
    --------
    >>> alternation(NounKind.SETTLEMENT, plural=False)
    'village|city|town'
    >>> re.fullmatch(alternation(NounKind.FACILITY, capitalised=True), "Air  Base") is not None
    True
    """
    forms = sorted(dict.fromkeys(nouns(*kinds, plural=plural)), key=len, reverse=True)  # stable: then as listed
    if capitalised:
        forms = [" ".join(word.capitalize() for word in form.split()) for form in forms]
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
