"""Exceptions raised by the gazetteer.

Every exception derives from ``GazetteerError`` and from the built-in it
resembles, so callers may catch either (as geopy does).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gazetteer.place import Match

#: Places named in a message about an ambiguous name; the others are counted ("and 4990 more").
MAX_LISTED = 10

__all__ = [
    "GazetteerError",
    "GazetteerDataError",
    "GazetteerArgumentError",
    "GazetteerTypeError",
    "UnknownPlaceError",
    "AmbiguousPlaceError",
    "GazetteerDownloadError",
]


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises."""


class GazetteerDataError(GazetteerError, ValueError):
    """A gazetteer or boundary file cannot be read at all.

    Raised only when nothing usable can be loaded (missing file, unknown
    format, no valid row); bad rows in an otherwise good file are skipped and
    reported in ``LoadReport`` instead.
    """


class GazetteerDownloadError(GazetteerError, OSError):
    """A download of GeoNames data failed (no network, a missing file, a full disk); nothing installed changed."""


class GazetteerArgumentError(GazetteerError, ValueError):
    """An argument has a value the gazetteer cannot use (a ``limit`` below 1, a context that names nothing).

    Examples
    --------
    >>> from gazetteer import Gazetteer
    >>> Gazetteer.default().lookup("Amiriya", context="Narnia")
    Traceback (most recent call last):
    ...
    gazetteer.exceptions.GazetteerArgumentError: context 'Narnia' names neither a governorate nor a place ...
    """


class GazetteerTypeError(GazetteerError, TypeError):
    """An argument has the wrong type (a name given as bytes or a number instead of a str).

    Examples
    --------
    >>> from gazetteer import Gazetteer
    >>> Gazetteer.default().lookup(b"Mosul")
    Traceback (most recent call last):
    ...
    gazetteer.exceptions.GazetteerTypeError: a place name must be a str, not bytes (b'Mosul'); decode it first, ...
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
    """Several different places match a name equally well.

    Parameters
    ----------
    query : str
        The name.
    candidates : sequence of Match
        The places it fits; the message names the first ``MAX_LISTED``.
    more : int
        Further places that fit, not in ``candidates``; counted in the message.
    """

    def __init__(self, query: str, candidates: Sequence[Match], more: int = 0) -> None:
        self.query = query
        self.candidates = list(candidates)
        names = "; ".join(
            f"{m.place.name} ({m.place.governorate_name or 'outside governorates'})"
            for m in self.candidates[:MAX_LISTED]
        )
        more += max(0, len(self.candidates) - MAX_LISTED)
        if more:
            names += f"; and {more} more"
        super().__init__(
            f"{query!r} is ambiguous: {names}; pass context= (a governorate such as 'IQ-DI', "
            "or other places named in the same text) to decide"
        )
