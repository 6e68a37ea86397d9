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
#: The word before a sentence-ending period (abbreviations are short: the last 24 characters will do).
_LAST_WORD_RE = re.compile(r"([\w.]+)[.]+[\"”’')\]]*$")
_BOUNDARY_RE = re.compile(r"([.!?…]+[\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9\u0600-\u06ff])|\n\s*\n")


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
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if m.group(1):
            end = m.end(1)
            word = _LAST_WORD_RE.search(text, max(start, end - 24), end)
            if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "A. Rasheed"
        else:
            end = m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
