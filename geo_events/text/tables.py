"""Tables of language data: tab-separated rows under a header, each row read into a record.

The tables ship in ``geo_events/lang/en`` (their README gives each format). The
readers of this module check every cell, so that a bad row in a user's table is
an error naming the file, the line and the column, never a wrong match later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from geo_events.errors import RuleError
from geo_events.text.lexicon import compile_lower, words

__all__ = [
    "read_table",
    "shipped",
    "shipped_table",
    "number",
    "one_of",
    "optional",
    "pattern",
    "regex",
    "example",
    "word_list",
    "lower_words",
]

#: A column: how its text is read (raising ValueError for a bad value).
Parse = Callable[[str], Any]
Row = TypeVar("Row")


def read_table(record: Callable[..., Row], columns: Mapping[str, Parse], text: str, source: str) -> list[Row]:
    """The rows of one table, read from its text; ``source`` names it in errors.

    Lines starting with ``#`` and blank lines are comments; the first other line is
    the header, which must name ``columns`` in order. Each row is
    ``record(*cells)``, each cell read by its column's function.

    Raises
    ------
    RuleError
        For a wrong header or a bad value, naming ``source``, the line and the column.

    Examples
    --------
    >>> columns = {"word": str, "value": number(int, 0, 9)}
    >>> read_table(lambda *cells: cells, columns, "# numbers\\nword\\tvalue\\nfive\\t5\\n", "n.tsv")
    [('five', 5)]
    >>> read_table(lambda *cells: cells, columns, "word\\tvalue\\nten\\t10\\n", "n.tsv")
    Traceback (most recent call last):
    ...
    geo_events.errors.RuleError: n.tsv, line 2, column 2 (value): 10 is not between 0 and 9
    """
    rows: list[Row] = []
    header: list[str] | None = None
    lines = ((n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#"))
    for n, cells in ((n, line.split("\t")) for n, line in lines):
        if header is None:
            header = cells
            if header != list(columns):
                raise RuleError(f"{source}, line {n}: the header must be {' | '.join(columns)} (tab-separated)")
            continue
        if len(cells) != len(columns):
            raise RuleError(f"{source}, line {n}: {len(cells)} tab-separated columns, not {len(columns)}")
        rows.append(
            record(*(_cell(source, n, i, name, parse, cells[i]) for i, (name, parse) in enumerate(columns.items())))
        )
    return rows


def _cell(source: str, line: int, i: int, name: str, parse: Parse, text: str) -> Any:
    try:
        return parse(text)
    except ValueError as exc:
        raise RuleError(f"{source}, line {line}, column {i + 1} ({name}): {exc}") from None


@cache
def shipped(name: str) -> str:
    """The text of a table shipped for English (``geo_events/lang/en/<name>``).

    Examples
    --------
    >>> "word\\tvalue\\texample" in shipped("number_words.tsv").splitlines()
    True
    """
    return (resources.files("geo_events") / "lang" / "en" / name).read_text("utf-8")


def shipped_table(record: Callable[..., Row], columns: Mapping[str, Parse], name: str) -> list[Row]:
    """The rows of a table shipped for English (``read_table`` of ``shipped(name)``).

    Examples
    --------
    >>> rows = shipped_table(lambda *cells: cells, {"word": str, "value": int, "example": str}, "number_words.tsv")
    >>> rows[2][:2]
    ('one', 1)
    """
    return read_table(record, columns, shipped(name), name)


def number(kind: type[int] | type[float], low: float, high: float) -> Parse:
    """A column of numbers from ``low`` to ``high``.

    Examples
    --------
    >>> number(float, 0, 1)("0.5")
    0.5
    """

    def parse(text: str) -> int | float:
        value = kind(text)
        if not low <= value <= high:
            raise ValueError(f"{text} is not between {low} and {high}")
        return value

    return parse


def one_of(allowed: Iterable[str]) -> Parse:
    """A column whose values are among ``allowed``.

    Examples
    --------
    >>> one_of(["modal", "earlier"])("modal")
    'modal'
    """
    choices = sorted(allowed)

    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
        return text

    return parse


def optional(parse: Parse) -> Parse:
    """A column that may be empty (read as None), else read by ``parse``.

    Examples
    --------
    >>> optional(int)(""), optional(int)("7")
    (None, 7)
    """
    return lambda text: parse(text) if text else None


def pattern(text: str) -> str:
    """A column of regular expressions for lower-cased text, matched as whole words.

    Examples
    --------
    >>> pattern("air ?strikes?")
    'air ?strikes?'
    """
    try:
        words(text)
    except (re.error, ValueError) as exc:  # ValueError: upper case, which never matches lower-cased text
        raise ValueError(f"not a usable pattern: {exc}") from None
    return text


def regex(text: str) -> str:
    """A column of regular expressions for lower-cased text, matched as they are (not as whole words).

    Examples
    --------
    >>> regex(r"leave a (reply|comment)")
    'leave a (reply|comment)'
    """
    try:
        compile_lower(text)
    except (re.error, ValueError) as exc:
        raise ValueError(f"not a usable pattern: {exc}") from None
    return text


def example(text: str) -> str:
    """The column of a row's example sentence, which may not be blank.

    Examples
    --------
    >>> example("Troops retook Hit.")
    'Troops retook Hit.'
    """
    if not text.strip():
        raise ValueError("every row needs an example sentence, on which it fires")
    return text


def lower_words(most: int) -> Parse:
    """A column of one to ``most`` lower-case words (letters only), separated by single spaces.

    Examples
    --------
    >>> lower_words(2)("air base")
    'air base'
    >>> lower_words(1)("air base")
    Traceback (most recent call last):
    ...
    ValueError: 'air base' is not one lower-case word
    """
    shape = re.compile(rf"[^\W\d_]+(?: [^\W\d_]+){{0,{most - 1}}}")
    what = "one lower-case word" if most == 1 else f"one to {most} lower-case words"

    def parse(text: str) -> str:
        if not shape.fullmatch(text) or text != text.lower():
            raise ValueError(f"{text[:40]!r} is not {what}")
        return text

    return parse


_WORD_LIST = re.compile(r"[^\W\d_](?:[\w'’.-]*[\w.])?(?: [^\W\d_](?:[\w'’.-]*[\w.])?)*")


def word_list(text: str) -> tuple[str, ...]:
    """A column of words in lower case, separated by single spaces.

    Examples
    --------
    >>> word_list("officials spokesman u.s.")
    ('officials', 'spokesman', 'u.s.')
    """
    if not _WORD_LIST.fullmatch(text) or text != text.lower():
        raise ValueError(f"{text[:60]!r} is not lower-case words separated by single spaces")
    return tuple(text.split(" "))
