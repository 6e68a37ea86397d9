"""Compass directions and their adjectives (``directions.tsv``), as patterns.

*North of Baghdad* puts an event somewhere else; *northern Baiji* puts it in
part of Baiji; *clashed northeast of* has no object. The extractors read these
from one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo_events.text.tables import example, lower_words, shipped_table

__all__ = ["Direction", "DIRECTIONS", "directions", "adjectives"]


@dataclass(frozen=True)
class Direction:
    """A compass direction and its adjective (directions.tsv)."""

    direction: str
    adjective: str
    example: str


DIRECTIONS = tuple(
    shipped_table(
        Direction, {"direction": lower_words(1), "adjective": lower_words(1), "example": example}, "directions.tsv"
    )
)


def directions() -> str:
    """The directions as a regular expression (no groups).

    Examples
    --------
    >>> directions().split("|")[:4]
    ['north', 'south', 'east', 'west']
    """
    return "|".join(row.direction for row in DIRECTIONS)


def adjectives() -> str:
    """The directions' adjectives as a regular expression (no groups).

    Examples
    --------
    >>> adjectives().split("|")[:2]
    ['northern', 'southern']
    """
    return "|".join(row.adjective for row in DIRECTIONS)
