"""Name index: exact folds, transliteration keys, skeletons and a fuzzy block index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from gazetteer.normalize import VOWEL_MARK, fold, is_arabic, name_key, skeleton
from gazetteer.place import Place

__all__ = ["NameIndex", "Hit"]

#: A fuzzy score at which the search stops looking in further blocks.
GOOD_ENOUGH = 90.0
#: (position of the place in the index's place list, the name that matched)
Hit = tuple[int, str]


class NameIndex:
    """Lookup tables from every spelling of every place to the place.

    Parameters
    ----------
    places : sequence of Place
        The places to index; hits refer to them by position.
    full : bool
        Also build the skeleton table and the fuzzy blocks. Without them the
        index answers only ``exact`` and ``by_key`` (and builds faster).

    Notes
    -----
    Fuzzy matching compares transliteration keys with rapidfuzz, but only
    against keys in the same *block*: keys that share their first two
    consonants, or (when that finds nothing close) their last two. On 25,000
    places a block holds a few hundred keys, so a fuzzy lookup takes a fraction
    of a millisecond.

    Examples
    --------
    >>> idx = NameIndex([Place("x:1", "Tall Afar", 36.38, 42.45, alt_names=("تلعفر",))])
    >>> idx.exact(fold("tall afar")), idx.by_key(name_key("Telafar"))
    ([(0, 'Tall Afar')], [(0, 'Tall Afar')])
    """

    def __init__(self, places: Sequence[Place], full: bool = True) -> None:
        self.places = list(places)
        self._exact: dict[str, list[Hit]] = defaultdict(list)
        self._keys: dict[str, list[Hit]] = defaultdict(list)
        self._skeletons: dict[str, list[Hit]] = defaultdict(list)
        for i, place in enumerate(self.places):
            for name in dict.fromkeys(place.names):
                folded = fold(name)
                if not folded:
                    continue
                _add(self._exact, folded, (i, name))
                if not is_arabic(folded):
                    _add(self._keys, name_key(name), (i, name))
                if full:
                    _add(self._skeletons, skeleton(name), (i, name))
        self._blocks: dict[str, list[str]] = defaultdict(list)
        for key in self._keys if full else ():
            for block in _blocks_of(key):
                self._blocks[block].append(key)
        for d in (self._exact, self._keys, self._skeletons):
            d.default_factory = None

    def __len__(self) -> int:
        return len(self.places)

    @property
    def name_count(self) -> int:
        """Number of distinct folded spellings indexed."""
        return len(self._exact)

    def exact(self, folded: str) -> list[Hit]:
        """Places with a name whose fold equals ``folded``."""
        return self._exact.get(folded, [])

    def by_key(self, key: str) -> list[Hit]:
        """Places with a Latin name whose transliteration key is ``key``."""
        return self._keys.get(key, []) if key else []

    def by_skeleton(self, skel: str) -> list[Hit]:
        """Places with a name (any script) whose consonant skeleton is ``skel``."""
        return self._skeletons.get(skel, []) if skel else []

    def fuzzy(self, key: str, cutoff: float = 75.0, limit: int = 10) -> list[tuple[str, float]]:
        """Keys similar to ``key`` (rapidfuzz ratio >= ``cutoff``), best first.

        Examples
        --------
        >>> idx = NameIndex([Place("x:1", "Hamrin", 34.4, 44.5)])
        >>> [k for k, _ in idx.fuzzy(name_key("Hamrim"))] == [name_key("Hamrin")]
        True
        """
        if not key:
            return []
        best: dict[str, float] = {}
        for block in _blocks_of(key):
            if best and max(best.values()) >= GOOD_ENOUGH:
                break  # the first block found a close key: the second would only add worse ones
            pool = self._blocks.get(block)
            if pool:
                for k, score, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit):
                    best[k] = score
        return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


def _add(table: dict[str, list[Hit]], key: str, hit: Hit) -> None:
    """Append a hit: no test for duplicates, which would be quadratic in the places sharing a name.

    None can arise: each place adds each distinct name of its own once (``dict.fromkeys(place.names)``).
    """
    if key:
        table[key].append(hit)


def _blocks_of(key: str) -> tuple[str, ...]:
    """The blocks of a key: its first two consonants, and its last two."""
    consonants = key.replace(VOWEL_MARK, "") or key
    return ("^" + consonants[:2], consonants[-2:] + "$")
