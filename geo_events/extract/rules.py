"""The rules of extraction, read from tables: which words trigger which event, name which side, hedge.

The tables ship in ``geo_events/lang/en`` (their README gives each format); a
user's folder of tables in the same formats adds rows on top of them
(``RuleSet.default().extended(folder)``, ``geo-events extract --rules DIR``):
a militia named as a government actor, a local phrasing of a trigger, a word
that is never a place. Every
row carries an example sentence, on which a test checks that the row fires.

Patterns are regular expressions for lower-cased text (``geo_events.text.lexicon``),
matched as whole words. Rows are tried by priority (lower first), then in
the order read; a user's rows come after the shipped ones of the same priority.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from geo_events.errors import RuleError
from geo_events.text import tables
from geo_events.text.lexicon import Lexicon, words
from geo_events.text.tables import Parse, example, number, one_of, pattern, word_list
from geo_events.vocab import EVENT_TYPES, SIDES, TERRITORY_KINDS

__all__ = [
    "RuleSet",
    "RuleError",
    "TriggerRule",
    "ActorRule",
    "HedgeRule",
    "NeverPlaceRule",
    "ObjectRule",
    "ActorRole",
    "TRIGGER_KINDS",
    "HEDGE_KINDS",
    "read_table",
]

#: What a trigger can report: a territory change (classified by who acts), bodies found, or an ACLED sub-event type.
TRIGGER_KINDS = frozenset((*TERRITORY_KINDS, "bodies", *EVENT_TYPES))
#: Why a clause with a hedge is not an event: ``modal`` (planned, hedged), ``doubt`` (the report itself denied,
#: rumoured, unconfirmed: wherever it is said), ``earlier`` (told before).
HEDGE_KINDS = ("modal", "doubt", "earlier")


class ObjectRule(Enum):
    """What a trigger needs around it to report a territory change (triggers.tsv, column ``object``)."""

    NONE = "none"  #: nothing: *withdrew from*, *air strikes*
    REQUIRED = "required"  #: the place it acts on: *retook Hit*, *Ramadi was retaken*
    #: as ``required``, but not a building: *stormed into Hit*, not *stormed into a restaurant in Hit* (an attack)
    PLACE = "place"
    REVERSED = "reversed"  #: the place before it and the winner after it: *Baiji fell to the militants*


class ActorRole(Enum):
    """How an actor row names one (actors.tsv, column ``role``)."""

    ACTOR = "actor"  #: an actor by itself: *Peshmerga*, *the Islamic State*
    HEAD = "head"  #: a generic noun, which right after another actor is its head: *Kurdish Peshmerga forces*


@dataclass(frozen=True)
class TriggerRule:
    """A word sequence that reports an event of ``kind`` (triggers.tsv)."""

    priority: int
    kind: str
    object: ObjectRule
    pattern: str
    example: str


@dataclass(frozen=True)
class ActorRule:
    """A name of an actor, normalised to a side (actors.tsv)."""

    priority: int
    side: str
    confidence: float
    role: ActorRole
    pattern: str
    example: str


@dataclass(frozen=True)
class HedgeRule:
    """Words that make a clause no report of an event (hedges.tsv)."""

    kind: str
    pattern: str
    example: str


@dataclass(frozen=True)
class NeverPlaceRule:
    """Capitalised words that are never a place name by themselves (never_places.tsv)."""

    words: tuple[str, ...]
    example: str


Row = TypeVar("Row", TriggerRule, ActorRule, HedgeRule, NeverPlaceRule)

_PRIORITY = number(int, 0, 10_000)
#: Each table: its file name, its record, and how each column is read (in the order of the record's fields).
_TABLES: dict[type, tuple[str, dict[str, Parse]]] = {
    TriggerRule: (
        "triggers.tsv",
        {
            "priority": _PRIORITY,
            "kind": one_of(TRIGGER_KINDS),
            "object": ObjectRule,
            "pattern": pattern,
            "example": example,
        },
    ),
    ActorRule: (
        "actors.tsv",
        {
            "priority": _PRIORITY,
            "side": one_of(SIDES),
            "confidence": number(float, 0.0, 1.0),
            "role": ActorRole,
            "pattern": pattern,
            "example": example,
        },
    ),
    HedgeRule: ("hedges.tsv", {"kind": one_of(HEDGE_KINDS), "pattern": pattern, "example": example}),
    NeverPlaceRule: ("never_places.tsv", {"words": word_list, "example": example}),
}


def read_table(record: type[Row], text: str, source: str) -> list[Row]:
    """The rows of one of the rule tables, read from its text; ``source`` names it in errors.

    Raises
    ------
    RuleError
        For a wrong header or a bad value, naming ``source``, the line and the column
        (``geo_events.text.tables.read_table``).

    Examples
    --------
    >>> read_table(HedgeRule, "kind\\tpattern\\texample\\nmodal\\tmight\\tIt might rain.\\n", "hedges.tsv")
    [HedgeRule(kind='modal', pattern='might', example='It might rain.')]
    >>> read_table(HedgeRule, "kind\\tpattern\\texample\\nsoon\\tmight\\tIt might rain.\\n", "my.tsv")
    Traceback (most recent call last):
    ...
    geo_events.errors.RuleError: my.tsv, line 2, column 1 (kind): 'soon' is not one of doubt, earlier, modal
    """
    return tables.read_table(record, _TABLES[record][1], text, source)


def _by_priority(rows: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(sorted(rows, key=lambda row: getattr(row, "priority", 0)))  # stable: in the order read


@dataclass(frozen=True)
class RuleSet:
    """The rule tables of a language, compiled for matching.

    Examples
    --------
    >>> from geo_events.text.lexicon import lower
    >>> rules = RuleSet.default()
    >>> [kind for kind, _ in rules.triggers.candidates(lower("Troops retook the town after clashes."))]
    ['regain', 'Armed clash']
    >>> sorted({row.side for row in rules.actor_rows})
    ['civilians', 'coalition', 'government', 'islamic_state', 'kurdish', 'other']
    """

    trigger_rows: tuple[TriggerRule, ...]
    actor_rows: tuple[ActorRule, ...]
    hedge_rows: tuple[HedgeRule, ...]
    never_place_rows: tuple[NeverPlaceRule, ...] = ()
    #: Every trigger kind, by priority; each tried only on clauses with a word it can begin with.
    triggers: Lexicon[str] = field(init=False, repr=False, compare=False)
    #: The rows of each kind whose rows need different things, compiled one by one (to tell which matched).
    kind_rows: dict[str, tuple[tuple[TriggerRule, re.Pattern[str]], ...]] = field(init=False, repr=False, compare=False)
    #: What the triggers of each kind need, where all its rows agree (else None: ``object_of`` tells).
    kind_objects: dict[str, ObjectRule | None] = field(init=False, repr=False, compare=False)
    #: A pattern of all the rows of each trigger kind.
    kind_patterns: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)
    hedges: Lexicon[str] = field(init=False, repr=False, compare=False)
    actors: Lexicon[int] = field(init=False, repr=False, compare=False)
    #: The words of ``never_place_rows``: a span of capitalised words made only of these is no place name.
    never_places: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: the compiled forms are set once, here
        set_(self, "trigger_rows", _by_priority(self.trigger_rows))
        set_(self, "actor_rows", _by_priority(self.actor_rows))
        kinds = _grouped((row.kind, row) for row in self.trigger_rows)
        objects = {k: {row.object for row in rows} for k, rows in kinds.items()}
        set_(self, "kind_objects", {k: next(iter(o)) if len(o) == 1 else None for k, o in objects.items()})
        mixed = {k: rows for k, rows in kinds.items() if self.kind_objects[k] is None}
        set_(self, "kind_rows", {k: tuple((row, words(row.pattern)) for row in rows) for k, rows in mixed.items()})
        set_(self, "kind_patterns", {k: words(*(row.pattern for row in rows)) for k, rows in kinds.items()})
        set_(self, "triggers", Lexicon(self.kind_patterns.items()))
        hedges = _grouped((row.kind, row) for row in self.hedge_rows)
        set_(self, "hedges", Lexicon((k, words(*(row.pattern for row in rows))) for k, rows in hedges.items()))
        set_(self, "actors", Lexicon((i, words(row.pattern)) for i, row in enumerate(self.actor_rows)))
        set_(self, "never_places", frozenset(word for row in self.never_place_rows for word in row.words))

    def __reduce__(self) -> tuple[Any, ...]:  # to worker processes: the rows, compiled there
        return RuleSet, (self.trigger_rows, self.actor_rows, self.hedge_rows, self.never_place_rows)

    @classmethod
    def default(cls) -> RuleSet:
        """The tables shipped for English (``geo_events/lang/en``), read once."""
        return _default()

    @classmethod
    def read(cls, folder: str | Path) -> RuleSet:
        """The tables of a folder (any of triggers.tsv, actors.tsv, hedges.tsv, never_places.tsv; the others empty)."""
        return cls(*(_read_folder(record, Path(folder)) for record in _TABLES))  # type: ignore[arg-type]

    def extended(self, folder: str | Path) -> RuleSet:
        """These rules with the rows of a folder's tables added.

        Raises
        ------
        RuleError
            If the folder is missing, has no table, or a row is bad.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "actors.tsv").write_text(
        ...     "priority\\tside\\tconfidence\\trole\\tpattern\\texample\\n"
        ...     "5\\tgovernment\\t0.9\\tactor\\tsons of the valley\\tThe Sons of the Valley held the bridge.\\n")
        >>> rules = RuleSet.default().extended(folder)
        >>> len(rules.actor_rows) - len(RuleSet.default().actor_rows), rules.actor_rows[0].side
        (1, 'government')
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: no such folder of rule tables")
        names = [name for name, _ in _TABLES.values()]
        if not any((folder / name).is_file() for name in names):
            raise RuleError(f"{folder}: none of {', '.join(names)} is there")
        extra = RuleSet.read(folder)
        return RuleSet(
            self.trigger_rows + extra.trigger_rows,
            self.actor_rows + extra.actor_rows,
            self.hedge_rows + extra.hedge_rows,
            self.never_place_rows + extra.never_place_rows,
        )

    def object_of(self, kind: str, low: str, m: re.Match[str]) -> ObjectRule:
        """What the trigger ``m`` of ``kind`` (found in ``low``) needs: that of the row it matched."""
        same = self.kind_objects[kind]
        if same is not None:
            return same
        # the alternatives of a kind's pattern are its rows in order: the first that matches here is it
        rows = self.kind_rows[kind]
        return next((row.object for row, rx in rows if rx.match(low, m.start())), rows[0][0].object)


def _grouped(pairs: Iterable[tuple[str, Row]]) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = {}
    for key, row in pairs:
        groups.setdefault(key, []).append(row)
    return groups


def _read_folder(record: type[Row], folder: Path) -> list[Row]:
    name, _ = _TABLES[record]
    path = folder / name
    if not path.is_file():
        return []
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot be read ({exc})") from None
    return read_table(record, text, str(path))


@cache
def _default() -> RuleSet:
    return RuleSet(*(read_table(record, tables.shipped(name), name) for record, (name, _) in _TABLES.items()))  # type: ignore[arg-type]
