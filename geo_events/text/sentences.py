"""Sentence splitting for news English, keeping character offsets."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

#: Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr gen brig col lt maj capt sgt gov sen rep st no vs etc jan feb mar apr jun jul aug sep sept "
        "oct nov dec u.s u.n u.k e.g i.e approx dept est fig inc ltd co corp"
    ).split()
)
#: The word (with its inner periods) at the end of what stands before a period: "(U.S" gives "U.S".
_WORD_BEFORE_RE = re.compile(r"[\w.]+$")
#: A sentence end (punctuation, closing quotes, the space before a capital: group 1 is the space) or a
#: blank line. It begins with one character of a class, which lets ``re`` skip ahead to the next.
_BOUNDARY_RE = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"”’')\]]*(\s+)(?=[\"“‘'(\[]?[A-Z0-9\u0600-\u06ff])|(?<=\n)\s*\n)"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; paragraphs always split.

    Parameters
    ----------
    text : str
        Plain text.

    Returns
    -------
    list of (int, int)
        Offsets into ``text``, whitespace trimmed, empty sentences dropped.

    Examples
    --------
    >>> text = "Gen. Aref said 48 militants died. Troops retook Hit on Jan. 21. Calm returned."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Gen. Aref said 48 militants died.', 'Troops retook Hit on Jan. 21.', 'Calm returned.']
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if m.group(1):
            end = m.start(1)
            if text[m.start()] == "." and _abbreviation(text[max(start, m.start() - 24) : m.start()]):
                continue
        else:
            end = m.start()
        _append_trimmed(out, text, start, end)
        start = m.end()
    _append_trimmed(out, text, start, len(text))
    return out


def _append_trimmed(out: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    """Append the span ``a:b`` of ``text`` without its surrounding white space, unless it is empty."""
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        a += len(piece) - len(piece.lstrip())
        out.append((a, a + len(stripped)))


def _abbreviation(before: str) -> bool:
    """Whether the word before a period (``before`` ends at it) is an abbreviation or an initial."""
    words = before.split()
    if not words or (len(words[-1]) > 7 and words[-1].isalnum()):
        return False  # most sentences end with a plain word longer than any abbreviation
    found = _WORD_BEFORE_RE.search(words[-1])
    if found is None:
        return False
    word = found.group(0).rstrip(".")
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())  # "Gen.", "U.S.", "A. Rasheed"
