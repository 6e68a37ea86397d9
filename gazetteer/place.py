"""Records: a ``Place``, a ``Match`` of a name to a place, and a ``Resolution``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["KINDS", "BARE_POPULATION", "Place", "Match", "Resolution", "Status", "Source"]

#: Feature kinds, from the most to the least prominent.
KINDS = ("governorate", "capital", "city", "town", "village", "neighbourhood", "facility", "terrain", "area", "foreign")
#: A GeoNames village of fewer people is known only by its name and point (``Place.bare``): a few hundred
#: people make no name famous, and GeoNames gives most Iraqi villages none.
BARE_POPULATION = 1000

Status = Literal["resolved", "ambiguous", "unknown"]


@dataclass(frozen=True)
class Source:
    """Where a gazetteer's places come from: a name, a date (ISO 8601) and how many places it gave.

    Examples
    --------
    >>> Source("embedded", "2026-11-22", 267)
    Source(name='embedded', date='2026-11-22', count=267)
    """

    name: str
    date: str
    count: int


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with a point (WGS84) and its administrative units.

    Parameters
    ----------
    id : str
        Stable identifier, prefixed by its source (``geonames:99454``,
        ``curated:saqlawiyah``, ``ne:IQ-AN``).
    name : str
        Preferred English name.
    lat, lon : float
        WGS84 latitude and longitude of the place (a governorate's
        representative point for ``kind == "governorate"``).
    kind : str
        One of ``KINDS``.
    governorate : str or None
        ISO 3166-2 code (``IQ-AN``); None outside Iraq.
    governorate_name : str or None
        English name of the governorate.
    district : str or None
        District (qada) name, if known.
    population : int
        Population if known, else 0.
    alt_names : tuple of str
        Other spellings, Arabic and Kurdish included.
    source : str
        ``geonames``, ``curated``, ``natural-earth``, ``csv`` or ``user``.
    country : str
        ISO 3166-1 alpha-2 code; ``IQ`` for Iraqi places.
    city : str or None
        For a neighbourhood, the city it is part of (*Zuhur*: Mosul): it is what a text names
        when it means the neighbourhood.

    Examples
    --------
    >>> p = Place("x:1", "Hit", 33.64, 42.83, "town", "IQ-AN", "Al Anbar")
    >>> p.__geo_interface__
    {'type': 'Point', 'coordinates': (42.83, 33.64)}
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str = "village"
    governorate: str | None = None
    governorate_name: str | None = None
    district: str | None = None
    population: int = 0
    alt_names: tuple[str, ...] = field(default=(), repr=False)
    source: str = "user"
    country: str = "IQ"
    city: str | None = None

    @property
    def in_iraq(self) -> bool:
        """True for places in Iraq.

        Examples
        --------
        >>> Place("x:2", "Tehran", 35.69, 51.42, "foreign", country="IR").in_iraq
        False
        """
        return self.country == "IQ"

    @property
    def bare(self) -> bool:
        """True for a place known only by its name and point: a GeoNames village of fewer than
        ``BARE_POPULATION`` people. GeoNames lists some 30,000 such Iraqi places, most with no population
        and with names that others share (or people bear: *Amir*, *Haji*); the embedded gazetteer's other
        places (conflict map marks, sourced and curated rows, towns) are checked, and a village of a user's
        CSV was chosen by the user.

        Examples
        --------
        >>> Place("geonames:1", "Amir", 35.2, 45.9, "village", source="geonames", population=320).bare
        True
        >>> Place("geonames:2", "Kuchka", 36.9, 43.0, "village", source="geonames", population=2700).bare
        False
        """
        return self.source == "geonames" and self.kind == "village" and self.population < BARE_POPULATION

    @property
    def is_area(self) -> bool:
        """True for places that are areas (governorates), not points.

        Examples
        --------
        >>> Place("ne:IQ-DI", "Diyala", 33.9, 45.0, "governorate", "IQ-DI").is_area
        True
        """
        return self.kind == "governorate"

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred name followed by every alternate name.

        Examples
        --------
        >>> Place("x:3", "Hit", 33.6, 42.8, alt_names=("Heet",)).names
        ('Hit', 'Heet')
        """
        return (self.name, *self.alt_names)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON geometry (RFC 7946, ``[lon, lat]``): a polygon for governorates.

        Examples
        --------
        >>> Place("x:4", "Hit", 33.64, 42.83).__geo_interface__["coordinates"]
        (42.83, 33.64)
        """
        if self.is_area and self.governorate:
            from gazetteer.admin import AdminAreas

            return AdminAreas.default().get(self.governorate).geometry.__geo_interface__
        return {"type": "Point", "coordinates": (self.lon, self.lat)}

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (alternate names as a list).

        Examples
        --------
        >>> Place("x:5", "Hit", 33.64, 42.83).to_dict()["lon"]
        42.83
        """
        out = asdict(self)
        out["alt_names"] = list(self.alt_names)
        return out


@dataclass(frozen=True, slots=True)
class Match:
    """A place that a queried name matched, with how and how well.

    Parameters
    ----------
    place : Place
        The matched place.
    score : float
        Match quality from 0 to 1: 1 for the same spelling, about 0.9 for a
        transliteration variant, less for a fuzzy match; context and
        prominence raise it slightly.
    method : str
        ``exact``, ``variant`` (same transliteration key), ``arabic``
        (same consonant skeleton) or ``fuzzy``.
    matched_name : str
        The name of the place that the query matched.

    Examples
    --------
    >>> m = Match(Place("x:1", "Hit", 33.64, 42.83), 1.0, "exact", "Hit")
    >>> m.name, m.lat, m.lon
    ('Hit', 33.64, 42.83)
    """

    place: Place
    score: float
    method: str
    matched_name: str

    @property
    def name(self) -> str:
        """The place's preferred name."""
        return self.place.name

    @property
    def lat(self) -> float:
        """The place's latitude."""
        return self.place.lat

    @property
    def lon(self) -> float:
        """The place's longitude."""
        return self.place.lon

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The place's GeoJSON geometry."""
        return self.place.__geo_interface__


@dataclass(frozen=True, slots=True)
class Resolution:
    """The full answer to a lookup: status, best match, candidates and why.

    Parameters
    ----------
    query : str
        The name as asked.
    status : {"resolved", "ambiguous", "unknown"}
        ``resolved`` when one place fits best, ``ambiguous`` when different
        places fit equally, ``unknown`` when none fits (or the name is a place
        outside Iraq, see ``foreign``).
    match : Match or None
        The best match when resolved.
    candidates : tuple of Match
        The places that fit equally when ambiguous, else the best few.
    reason : str
        Why a name is unknown or ambiguous, for people.
    foreign : Place or None
        The place outside Iraq that the name denotes, if it is one.
    country : str or None
        ISO 3166-1 code of the country the name is in: ``IQ`` for Iraqi
        places and for Iraq itself, the foreign place's country, or None
        when unknown.
    more_candidates : int
        When ambiguous, how many more places fit as well as the candidates,
        which list at most ten (a name shared by thousands of places).

    Examples
    --------
    >>> Resolution("Xyzzy", "unknown", reason="no similar name").to_dict()["lat"] is None
    True
    """

    query: str
    status: Status
    match: Match | None = None
    candidates: tuple[Match, ...] = ()
    reason: str = ""
    foreign: Place | None = None
    country: str | None = None
    more_candidates: int = 0

    def __post_init__(self) -> None:
        if self.country is None:
            country = "IQ" if self.status != "unknown" else (self.foreign.country if self.foreign else None)
            object.__setattr__(self, "country", country)

    @property
    def in_iraq(self) -> bool | None:
        """True for Iraqi places (and Iraq itself), False for foreign ones, None if unknown.

        Examples
        --------
        >>> Resolution("Mars", "unknown").in_iraq is None
        True
        """
        return None if self.country is None else self.country == "IQ"

    def to_dict(self) -> dict[str, Any]:
        """One JSON-ready object: the shape ``geo-events resolve --json`` prints.

        Keys: ``query``, ``status``, ``name``, ``lat``, ``lon``,
        ``governorate``, ``governorate_name``, ``district``, ``city``, ``kind``, ``id``,
        ``score``, ``method``, ``reason``, ``in_iraq``, and ``candidates``
        (each with name, lat, lon, governorate, score) when ambiguous.

        Examples
        --------
        >>> Resolution("Vienna", "unknown").to_dict()["status"]
        'unknown'
        """
        m = self.match
        place = m.place if m else None
        out: dict[str, Any] = {
            "query": self.query,
            "status": self.status,
            "name": place.name if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "governorate": place.governorate if place else None,
            "governorate_name": place.governorate_name if place else None,
            "district": place.district if place else None,
            "city": place.city if place else None,
            "kind": place.kind if place else None,
            "id": place.id if place else None,
            "score": round(m.score, 3) if m else None,
            "method": m.method if m else None,
            "reason": self.reason or None,
            "in_iraq": self.in_iraq,
            "country": self.country,
        }
        if self.status == "ambiguous":
            out["candidates"] = [
                {
                    "name": c.place.name,
                    "lat": c.place.lat,
                    "lon": c.place.lon,
                    "governorate": c.place.governorate,
                    "governorate_name": c.place.governorate_name,
                    "id": c.place.id,
                    "score": round(c.score, 3),
                }
                for c in self.candidates
            ]
        return out
