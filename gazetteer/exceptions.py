"""Exceptions raised by the gazetteer.

Every exception derives from ``GazetteerError`` and from the built-in it
resembles, so callers may catch either (as geopy does).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gazetteer.place import Match

__all__ = [
    "GazetteerError",
    "GazetteerDataError",
    "UnknownPlaceError",
    "AmbiguousPlaceError",
]


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises."""


class GazetteerDataError(GazetteerError, ValueError):
    """A gazetteer or boundary file cannot be read at all.

    Raised only when nothing usable can be loaded (missing file, unknown
    format, no valid row); bad rows in an otherwise good file are skipped and
    reported in ``LoadReport`` instead.
    """


class UnknownPlaceError(GazetteerError, LookupError):
    """No Iraqi place in the gazetteer matches a name closely enough."""

    def __init__(self, query: str, reason: str = "") -> None:
        self.query = query
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"no place in the gazetteer matches {query!r}{detail}; check the spelling, "
            "or load a fuller gazetteer with Gazetteer.from_geonames('IQ.zip')"
        )


class AmbiguousPlaceError(GazetteerError, LookupError):
    """Several different places match a name equally well."""

    def __init__(self, query: str, candidates: Sequence[Match]) -> None:
        self.query = query
        self.candidates = list(candidates)
        names = "; ".join(
            f"{m.place.name} ({m.place.governorate_name or 'outside governorates'})" for m in self.candidates
        )
        super().__init__(
            f"{query!r} is ambiguous: {names}; pass context= (a governorate such as 'IQ-DI', "
            "or other places named in the same text) to decide"
        )
