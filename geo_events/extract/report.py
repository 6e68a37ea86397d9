"""The extraction report: what an extraction read, what it found, what it left out and why.

``geo-events extract`` writes it beside its output as ``OUT.report.json``: how
many documents were read and events written, the events of each document, the
inputs skipped (with the reason), what the readers assumed (an encoding, a
missing date), the events that could not be placed, and the documents without
a date. A corpus can be larger than memory, so ``ExtractionReport`` moves each
section to a temporary file as the extraction goes and writes the report from
those files at the end.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from geo_events.articles import Article, Skipped
from geo_events.event import Event, ExtractionResult

__all__ = ["ExtractionReport", "report_skipped", "SECTIONS"]

#: The sections of the report after its counts, in the order they are written.
SECTIONS = ("events_per_document", "skipped_inputs", "input_notes", "unlocated_events", "undated_documents")
#: Of each kind of note (an input skipped, a reader's note, a document without a date), this many are printed as
#: they come; the others only counted on the log (``leftover``), all of them in the report.
NOTES_SHOWN = 5
#: A progress line (on a terminal) is redrawn at most this often (seconds).
PROGRESS_EVERY = 0.5
#: What the log calls each kind of note when it counts those it did not print.
_KINDS = {
    "skipped_inputs": "inputs skipped",
    "input_notes": "notes on inputs",
    "undated_documents": "documents without a publication date (their events have no date; use --published)",
}


def report_skipped(skipped: Iterable[Skipped], log: TextIO) -> None:
    """Print what was skipped and why on ``log``, one line each (``skipped path:line: reason``).

    Examples
    --------
    >>> import sys
    >>> report_skipped([Skipped("news.csv", 4, "no text")], sys.stdout)
    skipped news.csv:4: no text
    """
    for item in skipped:
        print(f"skipped {item}", file=log)


class ExtractionReport:
    """The report of one extraction, kept in JSON-lines files in ``folder`` until it is written.

    Memory stays flat however large the corpus: each section (``SECTIONS``)
    goes to its own file as items come, and ``write_report`` copies the files
    into one JSON object. Use it as a context manager, or call ``close``.

    Parameters
    ----------
    folder : Path
        An existing folder for the section files (a temporary one).

    Attributes
    ----------
    counts : dict of str to int
        Items added to each section.
    reports : int
        Events found before duplicates were merged.
    written : int
        Events that went through ``counted``: those written.

    Examples
    --------
    >>> import io, tempfile
    >>> from geo_events.event import ExtractionResult
    >>> result = ExtractionResult(per_document={"d1": 2, "d2": 0}, undated_documents=["d2"])
    >>> log = io.StringIO()
    >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
    ...     report.drain(result, log)
    ...     report.summary()["events_before_merging"], list(report.values("events_per_document"))
    (2, [['d1', 2], ['d2', 0]])
    >>> print(log.getvalue(), end="")
    note: d2: no publication date found; its events have no date (use --published)
    """

    _json = json.JSONEncoder(ensure_ascii=False)

    def __init__(self, folder: Path, progress: bool = False) -> None:
        self.files = {name: (folder / f"{name}.jsonl").open("w+", encoding="utf-8") for name in SECTIONS}
        self.counts = dict.fromkeys(SECTIONS, 0)
        self.reports = 0
        self.written = 0
        self.progress = progress
        self._read = self._bytes = 0
        self._drawn = 0.0

    def __enter__(self) -> ExtractionReport:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def add(self, section: str, value: Any) -> None:
        """Add one item (anything JSON can encode) to a section.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     report.add("input_notes", "a.txt: read as cp1256")
        ...     report.counts["input_notes"]
        1
        """
        self.files[section].write(self._json.encode(value) + "\n")
        self.counts[section] += 1

    def articles(self, items: Iterable[Article | Skipped], result: ExtractionResult, log: TextIO) -> Iterator[Article]:
        """The articles among ``items``; inputs skipped and the readers' notes go to the report (and ``log``).

        Before each item, what the extraction of the previous articles left in
        ``result`` is drained, so that ``result`` never holds more than a few
        articles' worth.

        Examples
        --------
        >>> import io, tempfile
        >>> from datetime import date
        >>> items = [Skipped("empty.txt", 0, "no text"), Article("d1", "", "Clashes in Hit.", date(2016, 1, 1))]
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     [a.id for a in report.articles(items, ExtractionResult(), io.StringIO())]
        ...     list(report.values("skipped_inputs"))
        ['d1']
        [{'path': 'empty.txt', 'line': 0, 'reason': 'no text'}]
        """
        for item in items:
            self.drain(result, log)
            if isinstance(item, Skipped):
                self._skip(item, log)
                continue
            for note in item.notes:
                self.add("input_notes", note)
                self._say("input_notes", f"note: {note}", log)
            self._read += 1
            self._bytes += len(item.text)
            if self.progress:
                self._draw(log)
            yield item
        if self.progress:
            self._draw(log, last=True)

    def _draw(self, log: TextIO, last: bool = False) -> None:
        """Redraw the progress line: documents and megabytes read, events found so far."""
        now = time.monotonic()
        if last or now - self._drawn >= PROGRESS_EVERY:
            self._drawn = now
            line = f"\r{self._read:,} documents, {self._bytes / 2**20:,.1f} MB read, {self.reports:,} events found"
            print(line, end="\n" if last else "", file=log, flush=True)

    def _say(self, kind: str, line: str, log: TextIO) -> None:
        """Print a note of a kind while fewer than ``NOTES_SHOWN`` of that kind were (``counts`` says how many)."""
        if self.counts[kind] <= NOTES_SHOWN:
            print(("\n" if self.progress else "") + line, file=log)

    def leftover(self) -> list[str]:
        """One line per kind of note of which more were found than printed: how many, and where they all are.

        Examples
        --------
        >>> import io, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     report.drain(ExtractionResult(undated_documents=[f"d{k}" for k in range(600)]), io.StringIO())
        ...     report.leftover()
        ['600 documents without a publication date (their events have no date; use --published): 5 shown above, all in the report']
        """
        return [
            f"{self.counts[kind]:,} {what}: {NOTES_SHOWN} shown above, all in the report"
            for kind, what in _KINDS.items()
            if self.counts[kind] > NOTES_SHOWN
        ]

    def counted(self, events: Iterable[Event], result: ExtractionResult, log: TextIO) -> Iterator[Event]:
        """The events, counted in ``written``; after the last, what ``result`` still holds is drained.

        Examples
        --------
        >>> import io, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     list(report.counted([], ExtractionResult(per_document={"d1": 0}), io.StringIO()))
        ...     report.written, report.counts["events_per_document"]
        []
        (0, 1)
        """
        for event in events:
            self.written += 1
            yield event
        self.drain(result, log)

    def drain(self, result: ExtractionResult, log: TextIO) -> None:
        """Move what ``result`` holds into the report and empty it; skipped articles and undated ones go to ``log``.

        Examples
        --------
        >>> import io, tempfile
        >>> result = ExtractionResult(per_document={"d1": 3})
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     report.drain(result, io.StringIO())
        ...     report.reports, result.per_document
        (3, {})
        """
        for item in result.skipped:  # articles whose extraction failed (the readers' skips come with the articles)
            self._skip(item, log)
        for doc, n in result.per_document.items():
            self.add("events_per_document", [doc, n])
            self.reports += n
        for u in result.unlocated:
            self.add("unlocated_events", vars(u))  # flat: no need for asdict's deep copy
        for doc in result.undated_documents:
            self.add("undated_documents", doc)
            self._say("undated_documents", f"note: {doc}: no publication date found; its events have no date (use "
                      "--published)", log)  # fmt: skip
        result.skipped.clear()
        result.per_document.clear()
        result.unlocated.clear()
        result.undated_documents.clear()

    def _skip(self, item: Skipped, log: TextIO) -> None:
        self.add("skipped_inputs", {"path": item.path, "line": item.line, "reason": item.reason})
        self._say("skipped_inputs", f"skipped {item}", log)

    def values(self, section: str) -> Iterator[Any]:
        """The items of a section, in the order they were added.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     report.add("undated_documents", "d7")
        ...     list(report.values("undated_documents"))
        ['d7']
        """
        fh = self.files[section]
        fh.seek(0)
        return (json.loads(line) for line in fh)

    def summary(self) -> dict[str, int]:
        """The counts that open the report (and the members of a GeoJSON output).

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     report.summary()
        {'documents_read': 0, 'events_written': 0, 'events_before_merging': 0, 'inputs_skipped': 0, ...}
        """
        return {
            "documents_read": self.counts["events_per_document"],
            "events_written": self.written,
            "events_before_merging": self.reports,
            "inputs_skipped": self.counts["skipped_inputs"],
            "events_not_placed": self.counts["unlocated_events"],
            "documents_without_date": self.counts["undated_documents"],
        }

    def write_report(self, path: Path) -> None:
        """Write the report as one JSON object, section by section, replacing ``path`` whole or not at all.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp)) as report:
        ...     report.add("events_per_document", ["d1", 0])
        ...     report.write_report(Path(tmp) / "out.report.json")
        ...     json.loads((Path(tmp) / "out.report.json").read_text("utf-8"))["events_per_document"]
        {'d1': 0}
        """
        from geo_events.io.atomic import replacing_text  # files are step 7: not imported with extraction

        with replacing_text(path) as fh:
            fh.write(self._json.encode(self.summary())[:-1])
            fh.write(', "events_per_document": {')
            fh.write(", ".join(f"{self._json.encode(doc)}: {n}" for doc, n in self.values("events_per_document")))
            for section in SECTIONS[1:]:
                fh.write(f'}}, "{section}": [' if section == "skipped_inputs" else f'], "{section}": [')
                for i, value in enumerate(self.values(section)):
                    fh.write((",\n" if i else "\n") + self._json.encode(value))
            fh.write("]}\n")

    def close(self) -> None:
        """Close the section files (the folder, and its removal, are the caller's)."""
        for fh in self.files.values():
            fh.close()
