"""Word patterns for English news text, matched on lower-cased text.

Python's ``re`` is several times slower with ``IGNORECASE``: it cannot skip
the alternatives of a large alternation by their first letter, so it enters
every one of them at every position. The extractors therefore lower-case a
text once, with :func:`lower` (which keeps every character offset), and
match patterns compiled by :func:`compile_lower` or :func:`words`, written in
lower case. Offsets found in the lower-cased text are offsets in the original.

Even so, a search costs some 40 ns a character for a pattern that begins with
``\\b``, however rare its words: a dozen such searches per clause were most of
the cost of extraction. A :class:`Lexicon` holds many patterns and tries only
those whose first words (read off the compiled patterns) are among the words
of the text: one tokenisation and a set intersection instead of a search per
pattern.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from typing import Any, Generic, TypeVar

from geo_events.errors import ArgumentError

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["lower", "compile_lower", "words", "tokens", "Lexicon"]

_ESCAPES_AND_GROUP_NAMES = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")


def lower(text: str) -> str:
    """``text`` in lower case, with the same length, so that offsets carry over.

    Examples
    --------
    >>> lower("Troops retook HIT")
    'troops retook hit'
    >>> len(lower("İskenderun")) == len("İskenderun")
    True
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)  # "İ" lowers to two characters: keep the first


def compile_lower(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in lower case, for text passed through :func:`lower`.

    Raises
    ------
    ArgumentError
        If the pattern has an upper-case letter outside an escape: it could
        never match lower-cased text (a ``ValueError``).

    Examples
    --------
    >>> compile_lower(r"\\bair ?strikes?\\b").search(lower("Coalition Air Strikes hit")).span()
    (10, 21)
    """
    if re.search("[A-Z]", _ESCAPES_AND_GROUP_NAMES.sub("", pattern)):
        raise ArgumentError(f"pattern has upper-case letters and would never match lower-cased text: {pattern!r}")
    return re.compile(pattern)


def words(*alternatives: str) -> re.Pattern[str]:
    """One pattern for several word sequences, matched as whole words in lower-cased text.

    Examples
    --------
    >>> words("retook", r"recaptur(?:e|ed)").findall(lower("They Recaptured it and retook Hit."))
    ['recaptured', 'retook']
    """
    return compile_lower(r"\b(?:" + "|".join(alternatives) + r")\b")


#: Spell out a pattern's first word up to this many characters.
_MAX_WORD = 30
#: Give up spelling out a pattern's first words past this many (it is then always tried).
_MAX_HEADS = 2000
_BOUNDARY = "\x00"
#: Combinations of words remembered per lexicon.
_MEMO_SIZE = 10_000
_WORD = re.compile(r"\w+")
_WORDY = re.compile(r"\w*")
_ZERO_WIDTH = {_sre.ASSERT, _sre.ASSERT_NOT}


@lru_cache(maxsize=64)
def tokens(low: str) -> frozenset[str]:
    """The words of a lower-cased text (remembered: the extractors ask for a clause's words in turn).

    Examples
    --------
    >>> sorted(tokens("troops retook al-qaim, u.s. officials said"))
    ['al', 'officials', 'qaim', 'retook', 's', 'said', 'troops', 'u']
    """
    return frozenset(_WORD.findall(low))


def _chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a small character class matches; None for large or negated ones."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < 16:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            out.update("0123456789")
        elif op is _sre.CATEGORY and av in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD):
            out.add(" ")  # stands for any character that ends a word
        else:
            return None
    return out


def _join(a: str, b: str) -> str:
    return a + b if a else b.lstrip(_BOUNDARY)  # a leading \b is no character


def _heads(seq: Iterable[tuple[Any, Any]]) -> tuple[set[str], set[str]]:
    """Beginnings of the matches of a parsed pattern, as far as their first word: ``(whole, cut)``.

    ``whole`` are complete matches that end inside their first word; ``cut``
    are beginnings past the first word's end (marked by a non-word character
    or ``_BOUNDARY``), or where the pattern became too varied to spell out.
    Every match begins with one of them.
    """
    whole, cut = {""}, set()
    for op, av in seq:
        if not whole:
            break
        if op in _ZERO_WIDTH:
            continue
        if op is _sre.AT:
            options: tuple[set[str], set[str]] | None = ({_BOUNDARY if av is _sre.AT_BOUNDARY else ""}, set())
        elif op is _sre.LITERAL:
            options = ({chr(av)}, set())
        elif op is _sre.IN:
            chars = _chars(av)
            options = (chars, set()) if chars is not None else None
        elif op is _sre.SUBPATTERN:
            options = _heads(av[-1])
        elif op is _sre.BRANCH:
            options = (set(), set())
            for alternative in av[1]:
                w, c = _heads(alternative)
                options[0].update(w)
                options[1].update(c)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, sub = av
            w, c = _heads(sub)
            if high != 1:  # another round may follow the first
                w, c = set(), w | c
            options = (w | ({""} if low == 0 else set()), c)
        else:
            options = None
        if options is None:
            cut |= whole
            return set(), cut
        grown = {_join(a, b) for a in whole for b in options[0]}
        cut |= {_join(a, b) for a in whole for b in options[1]}
        ended = {w for w in grown if len(w) >= _MAX_WORD or not _WORDY.fullmatch(w)}
        cut |= ended
        whole = grown - ended
        if len(whole) + len(cut) > _MAX_HEADS:
            return set(), {""}
    return whole, cut


#: The key type of a lexicon's patterns.
K = TypeVar("K", bound=Hashable)


class Lexicon(Generic[K]):
    """Many patterns, each tried only on texts that have a word it can begin with.

    A pattern's possible first words are read off the compiled pattern;
    where a first word cannot be spelt out (``execut\\w+``, a number), its
    beginning is used and looked for as a substring. The test is a set
    intersection with the text's words, so a text with none of the
    patterns' words costs one tokenisation.

    Parameters
    ----------
    patterns : iterable of (key, compiled pattern)
        Patterns over lower-cased text whose matches begin at the start of a
        word. Keys name them in the results; their order breaks ties.
    requires : mapping of pattern to words, optional
        Words of which a text must have one for the pattern to be tried
        (words every match contains, further on than its first).

    Examples
    --------
    >>> lex = Lexicon([("air", words("air ?strikes?")), ("clash", words("clash(?:es)?"))])
    >>> [key for key, _ in lex.candidates(lower("Clashes erupted."))]
    ['clash']
    >>> [(key, m.group(0)) for key, m in lex.finditer(lower("Air strikes followed clashes."))]
    [('air', 'air strikes'), ('clash', 'clashes')]
    """

    def __init__(
        self,
        patterns: Iterable[tuple[K, re.Pattern[str]]],
        requires: Mapping[re.Pattern[str], frozenset[str]] | None = None,
    ) -> None:
        self.patterns = list(patterns)
        requires = requires or {}
        self._requires = {i: requires[rx] for i, (_, rx) in enumerate(self.patterns) if rx in requires}
        self._words: dict[str, set[int]] = {}
        self._prefixes: dict[str, set[int]] = {}
        self._always: set[int] = set()
        parsed = [_sre_parse.parse(rx.pattern, rx.flags) for _, rx in self.patterns]
        for order, pattern in enumerate(parsed):
            whole, cut = _heads(pattern)
            for head in whole | cut:
                word = m.group(0) if (m := _WORDY.match(head)) else ""
                if not word:
                    self._always.add(order)
                elif len(word) < len(head):
                    self._words.setdefault(word, set()).add(order)
                else:
                    self._prefixes.setdefault(word, set()).add(order)
        self._word_keys = frozenset(self._words)
        self._required = frozenset().union(*self._requires.values())
        # Patterns that begin with \b and one of their first words match only where such a word begins
        unanchored = self._always.union(*self._prefixes.values())
        self._anchored = frozenset(
            order
            for order, pattern in enumerate(parsed)
            if order not in unanchored and pattern[0] == (_sre.AT, _sre.AT_BOUNDARY)
        )
        self._memo: dict[tuple, tuple[tuple[int, ...], tuple[tuple[K, re.Pattern[str]], ...]]] = {}
        for prefix in sorted(self._prefixes, key=len):  # "a" is in the text wherever "awere" is: test "a" only
            shorter = next((p for p in self._prefixes if len(p) < len(prefix) and prefix.startswith(p)), None)
            if shorter is not None:
                self._prefixes[shorter] |= self._prefixes.pop(prefix)
        #: The prefixes by their last character: a text without it has none of them (most prefixes are a
        #: word and a digit, "about3", "over7": ten tests for a digit instead of a test for each).
        self._prefixes_by_end: dict[str, list[str]] = {}
        for prefix in self._prefixes:
            self._prefixes_by_end.setdefault(prefix[-1], []).append(prefix)

    def _candidates(self, low: str) -> tuple[tuple[int, ...], tuple[tuple[K, re.Pattern[str]], ...]]:
        """The patterns that may match (numbers, in order), and the patterns themselves."""
        words = tokens(low)
        hit = words & self._word_keys  # two sets: Python walks the smaller
        if not (hit or self._always or self._prefixes):
            return _NONE  # most texts, for most lexicons
        # the answer depends only on these: remembered (texts share few combinations of them)
        key = (
            hit,
            words & self._required if self._requires else None,
            self._prefixes_in(low) if self._prefixes else None,
        )
        known = self._memo.get(key)
        if known is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            found = set(self._always)
            for word in hit:
                found |= self._words[word]
            for prefix in key[2] or ():
                found |= self._prefixes[prefix]
            orders = sorted(i for i in found if i not in self._requires or not self._requires[i].isdisjoint(words))
            known = self._memo[key] = (tuple(orders), tuple(self.patterns[i] for i in orders))
        return known

    def _prefixes_in(self, low: str) -> tuple[str, ...]:
        """The prefixes that a lower-cased text has (in a fixed order)."""
        return tuple(p for end, group in self._prefixes_by_end.items() if end in low for p in group if p in low)

    def candidates(self, low: str) -> tuple[tuple[K, re.Pattern[str]], ...]:
        """The patterns that may match a lower-cased text, in their order (a fast test)."""
        return self._candidates(low)[1]

    def finditer(self, low: str) -> list[tuple[K, re.Match[str]]]:
        """Matches of the patterns as one alternation, in their order: left to right, not
        overlapping, and where several match at one position the first pattern wins.

        Patterns that begin with a word (``_anchored``) are tried in turn where their
        first words begin, as an alternation tries its alternatives: no pattern is
        compiled for them. Others are joined into one pattern (compiled once per
        combination of them), so their own groups must not be named.

        Examples
        --------
        >>> lex = Lexicon([("long", words("islamic state")), ("short", words("islamic"))])
        >>> [(key, m.group(0)) for key, m in lex.finditer(lower("Islamic State and Islamic groups"))]
        [('long', 'islamic state'), ('short', 'islamic')]
        """
        orders, candidates = self._candidates(low)
        if not orders:
            return []
        if self._anchored.issuperset(orders):  # tried only where their first words begin, not at every character
            found: list[tuple[K, re.Match[str]]] = []
            end = 0
            for at in _starts(low, tokens(low) & self._word_keys):
                if at < end:
                    continue
                for key, rx in candidates:  # the first that matches here wins
                    if (m := rx.match(low, at)) is not None:
                        found.append((key, m))
                        end = max(m.end(), at + 1)
                        break
            return found
        # every alternative is a named group, so lastgroup is never None
        return [(self.patterns[int(m.lastgroup[1:])][0], m) for m in self._alternation(orders).finditer(low)]  # type: ignore[index]

    @lru_cache(maxsize=1024)  # noqa: B019 - lexicons live as long as the program
    def _alternation(self, orders: tuple[int, ...]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?P<_{i}>{self.patterns[i][1].pattern})" for i in orders))


_NONE: tuple[tuple[int, ...], tuple] = ((), ())


def _starts(low: str, words: Iterable[str]) -> list[int]:
    """Where the words occur in a text as whole words (``\\w+`` tokens), in order.

    Examples
    --------
    >>> _starts("hit the white hit", {"hit"})
    [0, 14]
    """
    found = []
    size = len(low)
    for word in words:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            before = low[at - 1] if at else " "
            after = low[end] if end < size else " "
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                found.append(at)
            at = low.find(word, end)  # a whole word cannot begin inside this one
    found.sort()
    return found
