"""Extending one set of places with another: the same place described twice becomes one.

A user's GeoNames dump and the embedded gazetteer describe many of the same
places (GeoNames' *Al Mawşil* is the embedded *Mosul*). Loaded as they are,
the two would make every such name ambiguous between two points a few hundred
metres apart, and the curated spellings, Kurdish and Arabic names would be
lost with whichever set was dropped. ``extend`` keeps the places of the base
(their names, points, kinds and districts, which were checked) and adds to
each the names of the places of the other set that describe it: a place
sharing a name key (``name_key``) within ``MERGE_KM``. Places of the other set
that describe no base place are added as they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gazetteer.gazetteer import distance_km
from gazetteer.normalize import is_arabic, name_key, skeleton
from gazetteer.place import Place

__all__ = ["extend", "Extension", "MERGE_KM"]

#: Two places sharing a name key at most this far apart (km) are one place described twice:
#: GeoNames and curated points of one town are a few hundred metres to a few kilometres apart;
#: homonymous villages are rarely this close.
MERGE_KM = 8.0


@dataclass(frozen=True)
class Extension:
    """The places of a base set extended with another set, and what became of the other set's places.

    Attributes
    ----------
    places : list of Place
        The base places, with the names of the other set's places that describe
        them, then the other set's places that describe none.
    merged : int
        Places of the other set merged into a base place.
    added : int
        Places of the other set added as new places.
    """

    places: list[Place]
    merged: int
    added: int


def _keys(place: Place) -> set[str]:
    """The keys a place's names give: transliteration keys of Latin names, skeletons of Arabic ones."""
    keys = set()
    for name in place.names:
        key = f"ar:{skeleton(name)}" if is_arabic(name) else name_key(name)
        if len(key) >= 2:
            keys.add(key)
    return keys


def _km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def extend(base: Sequence[Place], other: Iterable[Place], within_km: float = MERGE_KM) -> Extension:
    """``base`` with the places of ``other``: merged into the base place they describe, else added.

    A place of ``other`` describes a base place when they share a name key and
    lie within ``within_km``; of several, the nearest. Areas (governorates)
    are never merged into points, nor points into areas.

    Examples
    --------
    >>> mosul = Place("curated:mosul", "Mosul", 36.335, 43.119, "capital", "IQ-NI", alt_names=("الموصل",))
    >>> dump = [Place("geonames:99072", "Al Mawsil", 36.34, 43.13, "city", "IQ-NI", alt_names=("Mosul", "Mossoul")),
    ...         Place("geonames:1", "Bartella", 36.35, 43.38, "town", "IQ-NI")]
    >>> result = extend([mosul], dump)
    >>> [(p.name, p.alt_names) for p in result.places], result.merged, result.added
    ([('Mosul', ('الموصل', 'Al Mawsil', 'Mossoul')), ('Bartella', ())], 1, 1)
    """
    places = list(base)
    by_key: dict[str, list[int]] = {}
    for i, place in enumerate(places):
        for key in _keys(place):
            by_key.setdefault(key, []).append(i)
    names: dict[int, dict[str, None]] = {}
    added: list[Place] = []
    merged = 0
    for place in other:
        candidates = {i for key in _keys(place) for i in by_key.get(key, ())}
        near = [
            (d, i)
            for i in candidates
            if places[i].is_area == place.is_area and (d := _km(places[i], place)) <= within_km
        ]
        if not near:
            added.append(place)
            continue
        merged += 1
        _, i = min(near)
        known = names.setdefault(i, dict.fromkeys(places[i].names))
        known.update(dict.fromkeys(place.names))
        if place.population > places[i].population:
            places[i] = dataclasses.replace(places[i], population=place.population)
    for i, known in names.items():
        p = places[i]
        places[i] = dataclasses.replace(p, alt_names=tuple(n for n in known if n != p.name))
    return Extension(places + added, merged, len(added))
