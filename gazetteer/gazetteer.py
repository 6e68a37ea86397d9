"""The ``Gazetteer``: load places, resolve names to them, say when it cannot."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime
import hashlib
import io
import json
import math
import operator
import os
import pickle
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from gazetteer.admin import GOVERNORATE_CODES, AdminAreas
from gazetteer.exceptions import (
    MAX_LISTED,
    AmbiguousPlaceError,
    GazetteerArgumentError,
    GazetteerTypeError,
    UnknownPlaceError,
)
from gazetteer.index import Hit, NameIndex
from gazetteer.normalize import (
    FACILITY_WORDS,
    GOVERNORATE_WORDS,
    consonant_shape,
    fold,
    is_arabic,
    name_key,
    skeleton,
    strip_article,
    without_admin_words,
)
from gazetteer.place import Match, Place, Resolution, Source
from gazetteer.sources.base import LoadReport

__all__ = ["Gazetteer", "Context", "distance_km"]

#: A context: a governorate (ISO code or name), or places named nearby.
Context = str | Place | Match | Iterable[str | Place | Match] | None
T = TypeVar("T")

#: Prominence of each kind, used to rank places that match equally well.
KIND_PRIOR = {
    "capital": 1.0,
    "governorate": 0.95,
    "city": 0.85,
    "town": 0.6,
    "facility": 0.5,
    "terrain": 0.5,
    "area": 0.45,
    "neighbourhood": 0.45,
    "village": 0.35,
}
PRIOR_WEIGHT = 0.1
#: Largest bonus that context (same governorate, nearby places) adds.
CONTEXT_WEIGHT = 0.1
#: Context places farther than this (km) give no bonus.
CONTEXT_RADIUS_KM = 75.0
#: Candidates within this rank of the best, and farther apart than
#: ``SAME_PLACE_KM``, make a name ambiguous.
AMBIGUITY_MARGIN = 0.02
#: A dump's bare village (``Place.bare``) that is no exact spelling of a name yields to a place known for more
#: that ranks within this of it: both are guesses, and the known place is the likelier one.
BARE_MARGIN = 0.1
SAME_PLACE_KM = 25.0
#: In a context, a neighbourhood yields to an exact homonym unless the context names a place this near (km).
CITY_KM = 15.0
#: Matches below this quality are not offered.
MIN_QUALITY = 0.72
FUZZY_KEY_CUTOFF = 75.0
#: Fuzzy matching weighs this many of the nearest keys (per block of ``NameIndex.fuzzy``): a dense dump has
#: dozens of villages named *Albu* something, whose keys would crowd the place meant out of ten.
FUZZY_KEYS = 30
#: Keys shorter than this are only matched exactly (too many near misses).
MIN_FUZZY_KEY = 4
#: A fuzzy match's consonant skeleton (``skeleton``) may differ from the name's by one edit only when both have
#: at least this many consonants (a typo in *Hamrin Mountains*); a shorter one must be the name's: *Najar* is
#: no romanization of Najaf, nor *Abu Dsheer* of Abu al-Deir.
MIN_SKELETON_FOR_EDIT = 5
#: A variant or fuzzy match needs this many letters for each letter of the name it matches, and
#: the other way round (articles and administrative words aside): keys merge runs of vowels with
#: the *w* and *y* beside them, so a short word shares the key of a longer name ("None", "Some"
#: and the keys of Ninewa, Samawa), while real spellings of one name differ by a letter or two.
MIN_LENGTH_RATIO = 0.7
#: ... and at least this spelling similarity (0-100) with it: "video" shares the key of Al-Fatha.
MIN_VARIANT_SPELLING = 40.0
MAX_QUERY_LENGTH = 200
#: Names of the country itself (folded): neither a place in it nor a foreign place.
IRAQ_NAMES = frozenset({"iraq", "irak", "republic of iraq", "العراق", "جمهوريه العراق", "عيراق"})
#: Countries next to Iraq (ISO 3166-1): their towns are named in Iraqi news without introduction.
NEIGHBOURS = frozenset({"SY", "IR", "TR", "SA", "JO", "KW"})
#: A place abroad this populous, and ``FAMOUS_RATIO`` times more than every Iraqi place of its
#: name, is what its own name means without context (*Riyadh*).
FAMOUS_POPULATION = 1_000_000
FAMOUS_RATIO = 10
#: Rivers: named in reports (*a bridge over the Tigris*), but no point on a map; never a near spelling of a town.
RIVER_NAMES = frozenset(
    fold(n)
    for n in ("Tigris", "Dijla", "Dijlah", "دجلة", "Euphrates", "Furat", "الفرات", "Great Zab", "Little Zab",
              "Lesser Zab", "Upper Zab", "Lower Zab", "Khabur", "Shatt al-Arab", "شط العرب")
)  # fmt: skip
#: Peoples and faiths of Iraq, whose names reports capitalise beside place names (*Yazidi villages*,
#: *the Shabak of the Nineveh plains*): never a place, nor a misspelling of one (*Yazidi* is not
#: Al-Aziziyah).
PEOPLE_NAMES = frozenset(
    fold(n)
    for n in ("Yazidi", "Yazidis", "Ezidi", "Ezidis", "Yezidi", "Yezidis", "Turkmen", "Turkoman", "Turkomans",
              "Shabak", "Shabaks", "Kurd", "Kurds", "Kurdish", "Arab", "Arabs", "Sunni", "Sunnis", "Shia", "Shiite",
              "Shiites", "Christian", "Christians", "Assyrian", "Assyrians", "Chaldean", "Chaldeans", "Kakai",
              "Kakais", "Sabian", "Sabians", "Mandaean", "Mandaeans", "Armenian", "Armenians", "ايزيدي", "تركمان",
              "الشبك")
)  # fmt: skip
#: Spelling similarity (0-100) for a variant of a foreign name to count as it.
FOREIGN_VARIANT_RATIO = 80.0
CACHE_VERSION = "1"
#: ISO 3166-2 codes that a context may name.
ISO_CODES = frozenset(GOVERNORATE_CODES.values())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius).

    Examples
    --------
    >>> round(distance_km(33.349, 43.786, 33.421, 43.308))  # Fallujah to Ramadi
    45
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Iraqi places, resolvable by any common spelling in Latin or Arabic script.

    Parameters
    ----------
    places : iterable of Place
        The Iraqi places (governorates included).
    foreign : iterable of Place, optional
        Places outside Iraq; a name that denotes one resolves to ``unknown``
        with ``Resolution.foreign`` set, never to an Iraqi place.
    reports : sequence of LoadReport, optional
        What the loaders read and skipped.
    sources : sequence of Source, optional
        Where the places come from.

    Examples
    --------
    >>> gz = Gazetteer.default()
    >>> gz.resolve("Falluja").place.governorate
    'IQ-AN'
    >>> gz.resolve("Vienna") is None
    True
    >>> gz.lookup("Tehran").reason
    'a place outside Iraq: Tehran (IR)'
    """

    def __init__(
        self,
        places: Iterable[Place],
        foreign: Iterable[Place] = (),
        reports: Sequence[LoadReport] = (),
        sources: Sequence[Source] = (),
    ) -> None:
        self._index = NameIndex(list(places))
        self._foreign_places = list(foreign)
        self._foreign_index: NameIndex | None = None
        self._by_id = {p.id: p for p in self._index.places}
        self.reports = list(reports)
        #: Where the places come from (``info`` lists them).
        self.sources = list(sources)

    # -- construction -------------------------------------------------------

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """The embedded gazetteer, extended with the GeoNames dump of ``geo-events gazetteer download``
        when one is installed (``gazetteer.download``).

        Loaded once per process.

        Examples
        --------
        >>> len(Gazetteer.default()) >= len(Gazetteer.embedded())
        True
        """
        from gazetteer.download import installed

        found = installed("IQ")
        if found is None:
            return cls.embedded()
        gz = cls.from_geonames(*found.paths)
        gz.sources[-1] = Source(f"GeoNames {found.country} from {found.source}", found.date, found.places)
        return gz

    @classmethod
    @cache
    def embedded(cls) -> Gazetteer:
        """The embedded gazetteer (GeoNames, Natural Earth and curated places), and nothing else.

        Loaded once per process; see ``gazetteer/data/README.md``. Its built
        indexes are kept in the on-disk cache (``$GEO_EVENTS_CACHE``, else
        ``$XDG_CACHE_HOME/geo-events``, else ``~/.cache/geo-events``), so that
        later processes read them instead of building them again. The cache
        is used only where the current user owns the folder and its files and
        no one else may write them (unpickling runs code); elsewhere the
        gazetteer is built in memory and nothing is written.

        Examples
        --------
        >>> len(Gazetteer.embedded()) > 250
        True
        """
        digest = hashlib.sha256(_code_version() + _embedded_digest().encode())
        path = _cache_dir() / f"default-{digest.hexdigest()[:20]}.pickle"
        gz = _read_cache(path, cls)
        if gz is None:
            places = _read_packaged("places.tsv")
            gz = cls(places, _packaged_foreign(), sources=[Source("embedded", _built(), len(places))])
            _ = gz._foreign  # built now, so that it is cached with the rest
            _write_cache(path, gz, replaces="default-*.pickle")
        return gz

    @classmethod
    def from_geonames(
        cls,
        path: str | Path,
        alternate_names: str | Path | None = None,
        cache: bool = True,
        extend: bool = True,
    ) -> Gazetteer:
        """Load a GeoNames country dump (``IQ.txt`` or ``IQ.zip``), extending the embedded gazetteer.

        With ``extend`` (the default), the dump's places that describe an
        embedded place (a shared name key, within ``gazetteer.merge.MERGE_KM``)
        add their names to it, and the others are added: curated spellings,
        Kurdish and Arabic names and neighbourhoods stay. Without it, only the
        dump's places are loaded. The packaged governorates are added either way
        (GeoNames' own ADM1 rows lend them their names). The built gazetteer is
        cached on disk, keyed by the files' paths, sizes and modification
        times, so the next load is fast.

        Parameters
        ----------
        path : str or Path
            The dump.
        alternate_names : str or Path, optional
            An ``alternateNamesV2`` file (txt or zip) to add more spellings.
        extend : bool
            Extend the embedded gazetteer (True) or replace it (False).
        cache : bool
            Read and write the on-disk cache (``$GEO_EVENTS_CACHE``, else
            ``$XDG_CACHE_HOME/geo-events``, else ``~/.cache/geo-events``; only
            a folder private to the current user, see ``default``).

        Returns
        -------
        Gazetteer
            With ``reports[0]`` saying what was loaded and skipped.

        Raises
        ------
        GazetteerDataError
            If the file cannot be read or has no usable row.

        Examples
        --------
        >>> gz = Gazetteer.from_geonames("IQ.zip")  # doctest: +SKIP
        >>> print(gz.reports[0].summary())  # doctest: +SKIP
        """
        from gazetteer.sources.geonames import read_geonames

        files = [Path(path)] + ([Path(alternate_names)] if alternate_names else [])
        cached = _cache_path(files, _embedded_digest() if extend else "") if cache else None
        gz = _read_cache(cached, Gazetteer) if cached is not None else None
        if gz is not None:
            return gz
        places, report = read_geonames(path, alternate_names)
        gz = cls(_combined(places, report, extend), _packaged_foreign(), [report], _sources(path, report, extend))
        if cached is not None:
            _write_cache(cached, gz)
        return gz

    @classmethod
    def from_csv(cls, path: str | Path, extend: bool = True) -> Gazetteer:
        """Load a CSV of places (name, alternate names, lat, lon), extending the embedded gazetteer
        (``from_geonames`` says how) unless ``extend`` is False.

        Governorates come from each point; the packaged governorates are added.

        Examples
        --------
        >>> gz = Gazetteer.from_csv("tests/data/places.csv")
        >>> gz.resolve("Hamam al Alil").name  # the file's row describes an embedded place: one place
        'Hammam al-Alil'
        >>> Gazetteer.from_csv("tests/data/places.csv", extend=False).resolve("Hamam al Alil").name
        'Hamam al-Alil'
        """
        from gazetteer.sources.table import read_csv

        places, report = read_csv(path)
        return cls(_combined(places, report, extend), _packaged_foreign(), [report], _sources(path, report, extend))

    @classmethod
    def from_path(cls, path: str | Path, extend: bool = True) -> Gazetteer:
        """Load a gazetteer file, choosing the reader by its name.

        ``.csv`` files are read with ``from_csv``; anything else (``IQ.txt``,
        ``IQ.zip``, ``.tsv``) as a GeoNames dump.

        Examples
        --------
        >>> Gazetteer.from_path("tests/data/places.csv").reports[0].loaded
        4
        """
        if str(path).lower().endswith(".csv"):
            return cls.from_csv(path, extend=extend)
        return cls.from_geonames(path, extend=extend)

    def with_boundaries(self, boundaries: AdminAreas | str | Path) -> Gazetteer:
        """A copy whose places carry the district of user-supplied boundaries.

        Parameters
        ----------
        boundaries : AdminAreas or path
            District polygons, e.g. OCHA's ``irq_admbnda_adm2_cso_*.geojson``.

        Examples
        --------
        >>> gz = Gazetteer.default().with_boundaries("irq_admbnda_adm2.geojson")  # doctest: +SKIP
        >>> gz.resolve("Saqlawiyah").place.district  # doctest: +SKIP
        'Al-Falluja'
        """
        areas = boundaries if isinstance(boundaries, AdminAreas) else AdminAreas.from_file(boundaries, level=2)
        places = self._index.places
        found = areas.locate_many([p.lon for p in places], [p.lat for p in places], tolerance=0.02)
        updated = [
            dataclasses.replace(p, district=a.name) if a is not None and not p.is_area else p
            for p, a in zip(places, found, strict=True)
        ]
        return Gazetteer(updated, self._foreign_places, self.reports, self.sources)

    # -- collection protocol ------------------------------------------------

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._index.places)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self)} places, {self._index.name_count} spellings>"

    def info(self) -> dict[str, Any]:
        """What the gazetteer holds: ``places``, ``names`` (spellings), ``kinds`` (places of each
        kind) and ``sources`` (each with its ``name``, ``date`` and ``count`` of places).

        Examples
        --------
        >>> info = Gazetteer.embedded().info()
        >>> info["places"] > 250, [s["name"] for s in info["sources"]]
        (True, ['embedded'])
        """
        return {
            "places": len(self),
            "names": sum(len(p.names) for p in self),
            "kinds": dict(Counter(p.kind for p in self)),
            "sources": [dataclasses.asdict(s) for s in self.sources],
        }

    @property
    def places(self) -> list[Place]:
        """Every Iraqi place, governorates included."""
        return list(self._index.places)

    def get(self, place_id: str) -> Place:
        """The place with this id.

        Raises
        ------
        UnknownPlaceError
            If no place has this id.

        Examples
        --------
        >>> Gazetteer.default().get("ne:IQ-DI").name
        'Diyala'
        """
        try:
            return self._by_id[place_id]
        except KeyError:
            raise UnknownPlaceError(place_id, "no place has this id") from None

    # -- resolution ----------------------------------------------------------

    def lookup(self, name: str | None, context: Context = None, fuzzy: bool = True) -> Resolution:
        """Resolve a name and say how: resolved, ambiguous or unknown.

        Exact spellings are tried first, then places outside Iraq, then
        transliteration variants (Latin) or consonant skeletons (Arabic
        script), then fuzzy matches of the keys.

        Parameters
        ----------
        name : str or None
            A place name as written in a report. None, a blank string or one
            without letters is no place (status ``unknown``).
        context : str, Place, Match or iterable of them, optional
            A governorate (``"IQ-DI"`` or ``"Diyala"``) or places named in the
            same text (Iraqi or abroad); candidates in that governorate or near
            those places rank higher, which settles most ambiguities. A name
            that is itself ambiguous adds nothing.
        fuzzy : bool
            Try fuzzy matching when nothing else matched. Text scanners
            switch it off for words that are probably not names.

        Returns
        -------
        Resolution

        Raises
        ------
        GazetteerTypeError
            If ``name`` is not a str (bytes, a number...) or the context is
            not one of the types above (a ``TypeError`` too).
        GazetteerArgumentError
            If a context string names neither a governorate nor a known place
            (a ``ValueError`` too).

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> r = gz.lookup("Tikreet")
        >>> r.status, r.match.name, r.match.method
        ('resolved', 'Tikrit', 'variant')
        >>> gz.lookup("Qwxz").status
        'unknown'
        >>> gz.lookup(None).reason
        'empty name'
        """
        query = _name_argument(name)
        ctx = self._context(context)
        cleaned = (query if query.isprintable() else "".join(ch for ch in query if ch.isprintable())).strip()
        if not cleaned:
            return Resolution(query, "unknown", reason="empty name")
        if len(cleaned) > MAX_QUERY_LENGTH:
            return Resolution(query, "unknown", reason=f"longer than {MAX_QUERY_LENGTH} characters: not a name")
        folded = fold(cleaned)
        if not folded:
            return Resolution(query, "unknown", reason="no letters in the name")
        if folded in IRAQ_NAMES:
            return Resolution(query, "unknown", reason="Iraq as a whole, not a place in it", country="IQ")
        if folded in RIVER_NAMES:
            return Resolution(query, "unknown", reason="a river, not a place on the map: name a town on it")
        if folded in PEOPLE_NAMES:
            return Resolution(query, "unknown", reason="a people or a faith, not a place")
        gov_only = any(w in GOVERNORATE_WORDS for w in folded.split())
        scored = self._score(self._index.exact(folded), folded, "exact", gov_only)
        if scored:
            famous = self._famous_abroad(folded, scored, ctx)
            if famous:
                return self._foreign_resolution(query, famous)
            bare = all(self._index.places[i].bare for i in scored)
            if bare or ctx[0] or ctx[1]:  # a spelling of a place where the text is, or of a place known for more
                # than a dump's bare village, may beat exact homonyms
                for i, found in self._variants(cleaned, folded, gov_only).items():
                    scored.setdefault(i, found)
        else:
            foreign = self._foreign.exact(folded)
            if foreign:
                return self._foreign_resolution(query, foreign)
            scored = self._variants(cleaned, folded, gov_only)
        if not scored:
            foreign = self._foreign_variant(cleaned, folded)
            if foreign:
                return self._foreign_resolution(query, foreign)
            scored = self._fuzzy(cleaned, folded, gov_only) if fuzzy else {}
        if not scored:
            return Resolution(query, "unknown", reason="no place with a similar name")
        return self._decide(query, scored, ctx)

    def resolve(self, name: str | None, context: Context = None, strict: bool = False) -> Match | None:
        """The best match for a name, or None if unknown or ambiguous.

        Parameters
        ----------
        name : str or None
            A place name (None or a blank string is no place).
        context : optional
            As for ``lookup``.
        strict : bool
            Raise ``UnknownPlaceError`` / ``AmbiguousPlaceError`` instead of
            returning None.

        Raises
        ------
        GazetteerTypeError, GazetteerArgumentError
            As ``lookup`` does, for a name that is not a str or an unusable context.

        Examples
        --------
        >>> m = Gazetteer.default().resolve("الفلوجة")
        >>> m.name, m.place.governorate_name
        ('Fallujah', 'Al Anbar')
        """
        res = self.lookup(name, context)
        if res.status == "resolved":
            return res.match
        if strict:
            if res.status == "ambiguous":
                raise AmbiguousPlaceError(res.query, res.candidates, res.more_candidates)
            raise UnknownPlaceError(res.query, res.reason)
        return None

    def candidates(self, name: str | None, limit: int = 5, context: Context = None) -> list[Match]:
        """The best few matches for a name, best first, whatever the status.

        Parameters
        ----------
        name : str or None
            A place name.
        limit : int
            How many matches at most (1 or more); a lookup keeps at most five
            of a resolved name and ``MAX_LISTED`` (10) of an ambiguous one.
        context : optional
            As for ``lookup``.

        Raises
        ------
        GazetteerTypeError
            If ``limit`` is not an int, or as ``lookup`` raises.
        GazetteerArgumentError
            If ``limit`` is below 1, or as ``lookup`` raises.

        Examples
        --------
        >>> [m.name for m in Gazetteer.default().candidates("Kirkuk", limit=2)]
        ['Kirkuk', 'Kirkuk']
        """
        if isinstance(limit, bool):
            raise GazetteerTypeError(f"limit must be an int, not a bool ({limit}); pass e.g. limit=5")
        try:
            limit = operator.index(limit)
        except TypeError:
            raise GazetteerTypeError(f"limit must be an int, not {type(limit).__name__}; pass e.g. limit=5") from None
        if limit < 1:
            raise GazetteerArgumentError(f"limit must be 1 or more, not {limit}; pass e.g. limit=5")
        res = self.lookup(name, context)
        if res.status == "resolved" and len(res.candidates) < 2:
            return [res.match] if res.match else []
        return list(res.candidates[:limit])

    def context_places(self, context: Context) -> list[str | Place]:
        """What a context names, checked once: governorate codes and places, to pass as ``context``
        to many lookups (a name in a context is otherwise looked up again at each).

        Raises
        ------
        GazetteerTypeError, GazetteerArgumentError
            As ``lookup`` does, for a context it cannot use.

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> [p if isinstance(p, str) else p.name for p in gz.context_places(["Diyala", "Baqubah"])]
        ['IQ-DI', 'Baqubah']
        """
        codes, places = self._context(context)
        return [*sorted(codes), *places]

    # -- internals -----------------------------------------------------------

    @property
    def _foreign(self) -> NameIndex:
        """Index of places outside Iraq, on first use (building it takes a while: see ``_foreign_index``)."""
        if self._foreign_index is None:
            self._foreign_index = _foreign_index(self._foreign_places)
        return self._foreign_index

    def _famous_abroad(
        self, folded: str, scored: dict[int, tuple[float, str, str]], context: tuple[set[str], list[Place]]
    ) -> list[Hit]:
        """A famous place abroad whose own name the query is, where the Iraqi places of that name are
        small (*Riyadh*, not the village of Ar Riyad) and the context points to none of them."""
        hits = [
            (i, m)
            for i, m in self._foreign.exact(folded)
            if self._foreign.places[i].population >= FAMOUS_POPULATION and fold(self._foreign.places[i].name) == folded
        ]
        if not hits:
            return []
        here = [self._index.places[i] for i in scored]
        if max(self._foreign.places[i].population for i, _ in hits) < FAMOUS_RATIO * max(p.population for p in here):
            return []  # "Samara" is Samarra, a city, before Samara in Russia
        codes, near = context
        if any(
            p.governorate in codes or any(distance_km(p.lat, p.lon, q.lat, q.lon) < CONTEXT_RADIUS_KM for q in near)
            for p in here
        ):
            return []
        return hits

    def _foreign_variant(self, query: str, folded: str) -> list[Hit]:
        """Places outside Iraq spelled almost as the query (same key, close spelling)."""
        key = name_key(query)
        if len(key) < MIN_FUZZY_KEY or is_arabic(folded):
            return []
        return [(i, m) for i, m in self._foreign.by_key(key) if fuzz.ratio(folded, fold(m)) >= FOREIGN_VARIANT_RATIO]

    def _score(self, hits: list[Hit], folded: str, method: str, gov_only: bool) -> dict[int, tuple[float, str, str]]:
        """Best (quality, method, matched name) per place for a list of hits."""
        out: dict[int, tuple[float, str, str]] = {}
        for i, matched in hits:
            if gov_only and not self._index.places[i].is_area:
                continue
            if method == "exact":
                quality = 1.0
            elif method == "variant":  # "Mosul district" is spelled as Mosul is
                if not _spelled_alike(folded, matched, MIN_VARIANT_SPELLING):
                    continue
                quality = 0.7 + 0.25 * fuzz.ratio(without_admin_words(folded), without_admin_words(fold(matched))) / 100
            else:  # arabic: same skeleton; compare consonants and long vowels
                quality = 0.7 + 0.25 * fuzz.ratio(consonant_shape(folded), consonant_shape(matched)) / 100
            if i not in out or quality > out[i][0]:
                out[i] = (quality, method, matched)
        if gov_only and not out and hits:
            return self._score(hits, folded, method, False)
        return out

    def _variants(self, query: str, folded: str, gov_only: bool) -> dict[int, tuple[float, str, str]]:
        if is_arabic(folded):
            return self._score(self._index.by_skeleton(skeleton(query)), folded, "arabic", gov_only)
        return self._score(self._index.by_key(name_key(query)), folded, "variant", gov_only)

    def _fuzzy(self, query: str, folded: str, gov_only: bool) -> dict[int, tuple[float, str, str]]:
        key = name_key(query)
        if len(key) < MIN_FUZZY_KEY or is_arabic(folded):
            return {}
        out: dict[int, tuple[float, str, str]] = {}
        for other, key_score in self._index.fuzzy(key, FUZZY_KEY_CUTOFF, limit=FUZZY_KEYS):
            for i, matched in self._index.by_key(other):
                if gov_only and not self._index.places[i].is_area:
                    continue
                if not _spelled_alike(folded, matched) or not _romanizes(query, matched):
                    continue
                spelled = fuzz.ratio(folded, fold(matched))
                quality = 0.9 * (0.6 * key_score + 0.4 * spelled) / 100
                if quality >= MIN_QUALITY and (i not in out or quality > out[i][0]):
                    out[i] = (quality, "fuzzy", matched)
        return out

    def _context(self, context: Context) -> tuple[set[str], list[Place]]:
        """Governorate codes and places named by a context argument (see ``lookup``)."""
        if context is None:
            return set(), []
        if isinstance(context, (str, Place, Match)):
            items: list[object] = [context]
        elif isinstance(context, Iterable) and not isinstance(context, (bytes, bytearray)):
            items = list(context)
        else:
            raise GazetteerTypeError(
                f"context must be a str, Place, Match or a list of them, not {type(context).__name__}"
            )
        codes: set[str] = set()
        places: list[Place] = []
        for item in items:
            if isinstance(item, Match):
                item = item.place
            if isinstance(item, str):
                item = self._context_item(item)
            if isinstance(item, str):
                codes.add(item)
            elif isinstance(item, Place):
                (codes.add(item.governorate) if item.is_area and item.governorate else places.append(item))
            elif item is not None:
                raise GazetteerTypeError(
                    f"a context item must be a str, Place or Match, not {type(item).__name__} ({item!r:.60})"
                )
        return codes, places

    def _context_item(self, text: str) -> str | Place | None:
        """The governorate code or place that a context string names; None if it is ambiguous."""
        if text.strip().upper().startswith("IQ-"):
            code = text.strip().upper()
            if code in ISO_CODES:
                return code
            raise GazetteerArgumentError(
                f"context {text!r} is not a governorate code; use one of {', '.join(sorted(ISO_CODES))}"
            )
        res = self.lookup(text)
        if res.match is not None:
            p = res.match.place
            return p.governorate if p.is_area and p.governorate else p
        if res.foreign is not None:
            return res.foreign  # a town across the border still tells where the text is
        if res.status == "ambiguous":
            return None  # a place, but which one: no help
        raise GazetteerArgumentError(
            f"context {text!r} names neither a governorate nor a place in the gazetteer ({res.reason}); "
            "give a governorate code such as 'IQ-DI', a governorate such as 'Diyala', or a place such as 'Baqubah'"
        )

    def _decide(
        self, query: str, scored: dict[int, tuple[float, str, str]], context: tuple[set[str], list[Place]]
    ) -> Resolution:
        codes, near = context
        if codes or near:  # a homonym where the text is beats a neighbourhood of a city it does not name
            bound = {i: s for i, s in scored.items() if _in_context(self._index.places[i], codes, near)}
            if any(method == "exact" for _, method, _ in bound.values()):
                scored = bound
        ranked = []
        for i, (quality, method, matched) in scored.items():
            place = self._index.places[i]
            bonus = 0.0
            if place.governorate in codes:
                bonus = CONTEXT_WEIGHT
            for other in near if not place.is_area else ():  # an area's point is no place to be near: the
                if other.id != place.id:  # governorate's capital, not the governorate, is what "Kirkuk" by Hawija is
                    d = distance_km(place.lat, place.lon, other.lat, other.lon)
                    bonus = max(bonus, CONTEXT_WEIGHT * max(0.0, 1 - d / CONTEXT_RADIUS_KM))
            prior = KIND_PRIOR.get(place.kind, 0.4) + min(place.population, 1_000_000) / 1e7
            match = Match(place, min(1.0, quality + bonus), method, matched)
            ranked.append((quality + bonus + PRIOR_WEIGHT * prior, match))
        ranked.sort(key=lambda t: (-t[0], t[1].place.id))
        known = _known(ranked)
        if known:
            core = _core(fold(query))
            if any(_core(fold(m.matched_name)) == core for _, m in known) or (
                ranked[0][1].method != "exact" and known[0][0] >= ranked[0][0] - BARE_MARGIN
            ):  # a dump's bare village yields to a known place spelled as it is but for an article, or to one
                ranked = known  # about as near a spelling when it is no exact spelling itself (Jayef: Al Jayif)
        close = [(rank, m) for rank, m in ranked if rank >= ranked[0][0] - AMBIGUITY_MARGIN]
        close = _known(close) or close  # and neither beats nor blurs one it is as close a match to
        best = close[0][1]
        rivals = [m for _, m in close[1:] if _different(best.place, m.place)]
        top = tuple(m for _, m in ranked[:5])
        if rivals:
            listed = (best, *rivals[: MAX_LISTED - 1])
            more = len(rivals) + 1 - len(listed)
            names = ", ".join(f"{m.place.name} ({m.place.governorate_name})" for m in listed)
            names += f" and {more} more" if more else ""
            return Resolution(query, "ambiguous", None, listed, f"equally good matches: {names}", more_candidates=more)
        return Resolution(query, "resolved", best, top)

    def _foreign_resolution(self, query: str, hits: list[Hit]) -> Resolution:
        place = max((self._foreign.places[i] for i, _ in hits), key=lambda p: p.population)
        where = f"{place.name} ({place.country})" if place.country else place.name
        return Resolution(query, "unknown", reason=f"a place outside Iraq: {where}", foreign=place)


def _name_argument(name: object) -> str:
    """The query for a name argument: a str as is, None as ""; anything else is a mistake."""
    if name is None:
        return ""
    if not isinstance(name, str):
        hint = "decode it first, e.g. name.decode('utf-8')" if isinstance(name, (bytes, bytearray)) else "pass text"
        raise GazetteerTypeError(f"a place name must be a str, not {type(name).__name__} ({name!r:.60}); {hint}")
    return name


@lru_cache(maxsize=65536)
def _core(folded: str) -> str:
    """A folded Latin name without its articles and administrative words, as ``name_key`` reads it."""
    return " ".join(strip_article(folded.split()))


def _spelled_alike(folded: str, matched: str, min_spelling: float = 0.0) -> bool:
    """Whether a query (folded) may be a spelling of ``matched`` that shares or nears its key.

    Their letters (articles and administrative words aside) must number within
    ``MIN_LENGTH_RATIO`` of each other, and their spellings be at least
    ``min_spelling`` alike (rapidfuzz ratio).

    Examples
    --------
    >>> _spelled_alike("tikreet", "Tikrit"), _spelled_alike("heet", "Hit"), _spelled_alike("none", "Ninewa")
    (True, True, False)
    """
    a, b = _core(folded), _core(fold(matched))
    na, nb = len(a.replace(" ", "")), len(b.replace(" ", ""))
    if min(na, nb) < MIN_LENGTH_RATIO * max(na, nb):
        return False
    return min_spelling <= 0 or fuzz.ratio(a, b) >= min_spelling


def _known(ranked: list[tuple[float, Match]]) -> list[tuple[float, Match]]:
    """The candidates that are no dump's bare village (``Place.bare``), when some are and some are not; else
    none."""
    known = [(rank, m) for rank, m in ranked if not m.place.bare]
    return known if known and len(known) < len(ranked) else []


def _romanizes(query: str, matched: str) -> bool:
    """Whether a name may be a romanization of a place name it nears: their consonant skeletons agree,
    to one edit when both are long (``MIN_SKELETON_FOR_EDIT``). Facility and feature words both names end with
    (``FACILITY_WORDS``: *border crossing*, *mountains*) say nothing of which place it is, and are left out.

    Examples
    --------
    >>> _romanizes("Hamrn Mountains", "Hamrin Mountains"), _romanizes("Falujja", "Fallujah")
    (True, True)
    >>> _romanizes("Najar", "Najaf"), _romanizes("Abu Dsheer", "Abu al-Deir")
    (False, False)
    >>> _romanizes("Rabia border crossing", "Ar Ar Border Crossing")
    False
    """
    end = _facility_end(matched)
    if end and _facility_end(query) == end:
        # the same facility words at the end of both say nothing of which place it is: compare the rest
        query, matched = _without_shared_end(query, matched), _without_shared_end(matched, query)
    a, b = skeleton(query), skeleton(matched)
    return a == b or (min(len(a), len(b)) >= MIN_SKELETON_FOR_EDIT and Levenshtein.distance(a, b) <= 1)


@lru_cache(maxsize=65536)
def _facility_end(name: str) -> str:
    """The facility or feature word a name of several words ends with (``FACILITY_WORDS``), in lower case, or ''."""
    last = name[name.rfind(" ") + 1 :].casefold()
    return last if last in FACILITY_WORDS and " " in name else ""


def _without_shared_end(name: str, other: str) -> str:
    """``name`` without the facility and feature words (``FACILITY_WORDS``) it ends with that ``other`` also
    ends with (one word at least is kept).

    Examples
    --------
    >>> _without_shared_end("Rabia border crossing", "Ar Ar Border Crossing")
    'Rabia'
    """
    if " " not in name.strip() or " " not in other.strip():
        return name  # most names are one word: nothing to leave out
    words, others = name.split(), other.casefold().split()
    shared = 0
    while (
        shared < min(len(words), len(others)) - 1
        and words[-1 - shared].casefold() == others[-1 - shared]
        and others[-1 - shared] in FACILITY_WORDS
    ):
        shared += 1
    return " ".join(words[: len(words) - shared])


def _in_context(place: Place, codes: set[str], near: list[Place]) -> bool:
    """Whether a candidate may be what a name means in a context: a neighbourhood only where the
    context names its governorate or a place within ``CITY_KM`` of it (*Muthanna* in a report on Mosul,
    not the governorate); any other place always. ``_decide`` applies it where a homonym is left.

    Examples
    --------
    >>> zuhur = Place("x:z", "Zuhur", 36.38, 43.17, "neighbourhood", "IQ-NI", city="Mosul")
    >>> mosul, basra = Place("x:m", "Mosul", 36.34, 43.13, "city", "IQ-NI"), Place("x:b", "Basra", 30.5, 47.8, "city")
    >>> _in_context(zuhur, set(), [mosul]), _in_context(zuhur, set(), [basra])
    (True, False)
    """
    if place.kind != "neighbourhood" or place.governorate in codes:
        return True
    return any(q.id != place.id and distance_km(place.lat, place.lon, q.lat, q.lon) <= CITY_KM for q in near)


def _different(a: Place, b: Place) -> bool:
    """Whether two candidates are different places for the ambiguity test."""
    if a.is_area != b.is_area and a.governorate == b.governorate:
        return False  # a governorate and a place inside it (Kirkuk, Kirkuk)
    return distance_km(a.lat, a.lon, b.lat, b.lon) > SAME_PLACE_KM


def _read_tsv(text: str, default_country: str = "IQ") -> list[Place]:
    places = []
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        places.append(
            Place(
                id=row["id"],
                name=row["name"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                kind=row["kind"],
                governorate=row.get("governorate") or None,
                governorate_name=row.get("governorate_name") or None,
                district=row.get("district") or None,
                population=int(row["population"] or 0),
                alt_names=tuple(a for a in row["alt_names"].split("|") if a),
                source=row.get("source") or row["id"].split(":")[0],
                country=row.get("country", default_country) or "",
                city=row.get("city") or None,
            )
        )
    return places


def _read_packaged(name: str) -> list[Place]:
    return _read_tsv(resources.files("gazetteer").joinpath("data", name).read_text("utf-8"))


@cache
def _packaged_foreign() -> tuple[Place, ...]:
    places = _read_tsv(resources.files("gazetteer").joinpath("data", "foreign.tsv").read_text("utf-8"), "")
    return tuple(dataclasses.replace(p, kind="foreign") for p in places)


def _combined(places: list[Place], report: LoadReport, extend: bool) -> list[Place]:
    """Loaded places with the packaged governorates (``_with_governorates``), extending the embedded
    places (``gazetteer.merge.extend``) when ``extend``; the report says how many were merged."""
    from gazetteer.merge import MERGE_KM
    from gazetteer.merge import extend as extended

    governed = _with_governorates(places)
    if not extend:
        return governed
    base = [p for p in Gazetteer.embedded() if not p.is_area] + [p for p in governed if p.kind == "governorate"]
    result = extended(base, [p for p in governed if p.kind != "governorate"])
    report.note(
        f"extends the embedded gazetteer: {result.merged} places merged into embedded ones (a shared name "
        f"within {MERGE_KM:g} km), {result.added} added"
    )
    return result.places


def _sources(path: str | Path, report: LoadReport, extend: bool) -> list[Source]:
    """The sources of a gazetteer loaded from ``path``: the embedded one's too when it ``extend``s them."""
    try:
        mtime = os.stat(path).st_mtime
        date = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date().isoformat()
    except OSError:
        date = ""
    loaded = Source(str(path), date, report.loaded)
    return [*Gazetteer.embedded().sources, loaded] if extend else [loaded]


@cache
def _built() -> str:
    """When the embedded data was built (``data/about.json``)."""
    try:
        return str(json.loads(resources.files("gazetteer").joinpath("data/about.json").read_text("utf-8"))["built"])
    except (OSError, ValueError, KeyError):
        return ""


@cache
def _embedded_digest() -> str:
    """What the embedded data is (its files' digest), for the cache keys of gazetteers that extend it."""
    digest = hashlib.sha256()
    data = resources.files("gazetteer").joinpath("data")
    for name in ("places.tsv", "foreign.tsv"):
        digest.update(data.joinpath(name).read_bytes())
    return digest.hexdigest()


def _with_governorates(places: list[Place]) -> list[Place]:
    """Loaded places plus the packaged governorates, which absorb ADM1 names."""
    governorates = {p.governorate: p for p in Gazetteer.embedded() if p.is_area}
    names = {code: dict.fromkeys(gov.alt_names) for code, gov in governorates.items()}
    rest = []
    for p in places:
        if p.is_area and p.governorate in names:
            names[p.governorate].update(dict.fromkeys(p.names))  # linear in the rows, however many there are
        else:
            rest.append(p)
    return rest + [dataclasses.replace(gov, alt_names=tuple(names[code])) for code, gov in governorates.items()]


def _cache_dir() -> Path:
    if os.environ.get("GEO_EVENTS_CACHE"):
        return Path(os.environ["GEO_EVENTS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geo-events"


@cache
def _code_version() -> bytes:
    """What cached gazetteers and indexes depend on: ``CACHE_VERSION`` and this package's code.

    A change to the code (normalisation, indexing, the classes pickled) names
    new cache files, so that stale ones are never read.
    """
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for module in sorted(Path(__file__).parent.glob("**/*.py")):  # none beside a zipped package: the version tells
        with contextlib.suppress(OSError):
            digest.update(module.read_bytes())
    return digest.digest()


def _cache_path(files: list[Path], salt: str = "") -> Path | None:
    digest = hashlib.sha256(_code_version() + salt.encode())
    for f in files:
        try:
            st = f.stat()
        except OSError:
            return None  # the loader reports the missing file
        digest.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return _cache_dir() / f"gazetteer-{digest.hexdigest()[:20]}.pickle"


def _private(st: os.stat_result) -> bool:
    """Whether a file's owner is the current user and no one else may write it (as ssh requires of keys)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owner nor mode bits to check
        return True
    return st.st_uid == getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _private_dir(folder: Path) -> bool:
    """Whether ``folder`` is a directory that only the current user may write (see ``_private``)."""
    try:
        st = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _read_cache(path: Path, kind: type[T]) -> T | None:
    """The object pickled at ``path`` if it is a ``kind``; None if there is none (or it is broken).

    Unpickling runs code, so only a file that the current user owns, in a
    folder that the current user owns, neither writable by anyone else, is
    read: another folder is ignored (the gazetteer is built in memory).
    """
    if not _private_dir(path.parent):
        return None
    try:
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            if not (stat.S_ISREG(st.st_mode) and _private(st)):
                return None
            found = pickle.load(fh)
    except Exception:  # a missing, stale or broken cache is rebuilt, never fatal
        return None
    return found if isinstance(found, kind) else None


def _write_cache(path: Path, value: object, replaces: str = "") -> None:
    """Pickle ``value`` to ``path``, atomically; remove the files it ``replaces`` (a glob) there.

    The folder is created private (mode 0o700); nothing is written to a folder that others may write.
    """
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_dir(path.parent):
            return
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
        for old in path.parent.glob(replaces) if replaces else ():
            if old != path:
                old.unlink(missing_ok=True)  # built by an earlier version of the code
    except OSError:
        pass  # a read-only home only costs speed


def _foreign_index(places: Sequence[Place]) -> NameIndex:
    """The name index of places outside Iraq, read from the on-disk cache when it was built before.

    Building it computes a transliteration key for each of some 20,000 names of
    the packaged foreign places (half a second); reading it back takes a tenth of that.
    The cache file is named by the places and the code that indexes them
    (see ``_code_version``).
    """
    digest = hashlib.sha256(_code_version() + repr(tuple(places)).encode()).hexdigest()[:20]
    return _shared_foreign_index(digest, tuple(places))


@lru_cache(maxsize=4)
def _shared_foreign_index(digest: str, places: tuple[Place, ...]) -> NameIndex:
    """One index per set of foreign places in a process (``digest`` names them)."""
    path = _cache_dir() / f"foreign-{digest}.pickle"
    index = _read_cache(path, NameIndex)
    if index is None:
        index = NameIndex(places, full=False)
        _write_cache(path, index, replaces="foreign-*.pickle")
    return index
