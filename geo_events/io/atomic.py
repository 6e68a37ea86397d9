"""Writing a file whole or not at all: every output of geo-events goes through ``replacing``."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = ["replacing", "replacing_text", "guarded", "unguarded", "FORMULA_STARTS"]


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path to write a file to, which becomes ``path`` when the block ends without error.

    Until then the file is in a hidden folder beside ``path``: nothing reading
    the folder (``geo-events extract`` reads folders) sees a partial file, a
    failed or interrupted write leaves the old file as it was, and a symlink
    at ``path`` is replaced, never written through. Writers that add files
    beside theirs (GeoPackage's journal) keep them in the hidden folder.

    Examples
    --------
    >>> with replacing("out/map.html") as tmp:  # doctest: +SKIP
    ...     tmp.write_text("<html></html>", "utf-8")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        yield folder / path.name
        os.replace(folder / path.name, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def replacing_text(path: str | Path, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text file that becomes ``path`` when the block ends without error (see ``replacing``).

    Examples
    --------
    >>> with replacing_text("out/notes.txt") as fh:  # doctest: +SKIP
    ...     fh.write("written whole, or not at all")
    """
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


#: A text cell beginning with one of these is a formula to a spreadsheet (``=HYPERLINK(...)`` in an article's
#: sentence would run when the CSV is opened): such a cell is written with a ``'`` before it, which spreadsheets
#: show as text and ``unguarded`` takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(value: Any) -> Any:
    """A CSV cell that no spreadsheet takes for a formula: text beginning with ``FORMULA_STARTS`` gets a ``'``.

    Examples
    --------
    >>> guarded("=1+1"), guarded("-1"), guarded(-1), guarded("Hit"), guarded("'=1")
    ("'=1+1", "'-1", -1, 'Hit', "''=1")
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value  # a text that already begins with quotes before a formula keeps them (unguarded)
    return value


def unguarded(value: str) -> str:
    """A cell as it was before ``guarded``.

    Examples
    --------
    >>> unguarded("'=1+1"), unguarded("'quoted"), unguarded("Hit"), unguarded("''=1")
    ('=1+1', "'quoted", 'Hit', "'=1")
    """
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS) else value


def _write_csv(path: Path, fields: list[str], rows: Iterable[Mapping[str, Any]]) -> Path:
    """Write rows as UTF-8 CSV, atomically (no partial file on error), formulas guarded (``guarded``)."""
    with replacing_text(path, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: guarded(v) for k, v in row.items()} for row in rows)
    return path
