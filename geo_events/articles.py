"""Reading articles: text, Markdown, HTML, JSON Lines, CSV and folders of them.

Every input ends up either as an ``Article`` or as a ``Skipped`` record with
the file, line and reason (the record the gazetteer's loaders, the reader of
event files and the control timeline use too); nothing raises for bad input. Web-page debris
(menus, comment forms, share buttons, photo credits and captions) is removed
from the text before extraction sees it.
"""

from __future__ import annotations

import dataclasses
import html
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from gazetteer.sources.base import LoadReport, Skipped, csv_dicts, decode, decode_line, json_value
from geo_events.text.dates import date_problem, metadata_date, publication_date
from geo_events.text.lexicon import compile_lower, lower
from geo_events.text.tables import example, regex, shipped_table

__all__ = ["Article", "Skipped", "iter_articles", "read_articles", "article_of_record", "clean_text", "MAX_BYTES"]

#: Files larger than this are skipped (a news article is a few kilobytes).
MAX_BYTES = 20 * 2**20
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
#: Files of one record a line, read as they go (no size limit but ``max_bytes`` a line).
STREAMED_SUFFIXES = {".jsonl", ".ndjson", *CSV_SUFFIXES}
#: Files in a folder of articles that are not articles: what ``geo-events`` writes, and GIS layers.
NOT_ARTICLE_SUFFIXES = (".geojson", ".report.json", ".gpkg", ".parquet", ".shp", ".shx", ".dbf", ".prj", ".kml")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    Parameters
    ----------
    id : str
        Identifier: the JSON/CSV ``id``, else the file name (and line).
    title : str
        Headline (the first non-empty line of a text file).
    text : str
        Body text with web-page debris removed.
    published : date or None
        Publication date from metadata or ``--published``; ``None`` if the
        reader had none (the extractor may still find one in the text).
    url, source : str
        Where it came from.
    path : str
        File it was read from (with ``:line`` for JSON Lines and CSV rows).
    removed : tuple of str
        Lines removed as debris, for inspection.
    notes : tuple of str
        What the reader had to assume (an encoding other than UTF-8, no
        publication date where the one given does not parse).

    Examples
    --------
    >>> a = Article("d1", "Title", "Troops retook Hit today.")
    >>> a.full_text
    'Title\\n\\nTroops retook Hit today.'
    """

    id: str
    title: str
    text: str
    published: date | None = None
    url: str = ""
    source: str = ""
    path: str = ""
    removed: tuple[str, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = field(default=(), repr=False)

    @property
    def full_text(self) -> str:
        """Title and body, as offsets in events refer to."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


# -- debris -------------------------------------------------------------------


class Where(Enum):
    """Where in a line a debris pattern is looked for (debris.tsv, column ``where``)."""

    START = "start"  #: at its start: *Share this:*
    ANYWHERE = "anywhere"  #: anywhere: *© 2016 All rights reserved.*


@dataclass(frozen=True)
class Debris:
    """A pattern of web-page debris, on lower-cased lines (debris.tsv)."""

    where: Where
    pattern: str
    example: str


DEBRIS = tuple(shipped_table(Debris, {"where": Where, "pattern": regex, "example": example}, "debris.tsv"))
#: Longer lines are prose, never debris.
MAX_DEBRIS_WORDS = 25
#: A caption that ends with its credit in square brackets (*Troops advance on the old city [Reuters]*) is
#: removed up to this many words.
MAX_CAPTION_WORDS = 40
#: On lower-cased lines: the patterns anchored at the start are matched there only (a search would
#: try every one of them at every character).
_DEBRIS_START_RE = compile_lower("|".join(f"(?:{row.pattern})" for row in DEBRIS if row.where is Where.START))
_DEBRIS_ANYWHERE_RE = compile_lower("|".join(f"(?:{row.pattern})" for row in DEBRIS if row.where is Where.ANYWHERE))
#: Agencies credited alone in brackets: "(Reuters)", "(AFP)", "(picture-alliance/dpa)".
_CREDIT_AGENCIES = re.compile(
    r"reuters|afp|ap|epa|getty images|dpa|anadolu(?: agency)?|al jazeera|picture-alliance.*", re.IGNORECASE | re.DOTALL
)
_MENU_ITEM_RE = re.compile(r"^\s*\d+\.\s+\S+(\s+\S+){0,3}\s*$")
_SENTENCE_END_RE = re.compile(r"[.!?\"”’)\]:]\s*$")
#: Every pattern below is tried once per position at most, whatever the page: a tag ends at the next
#: ">" or "<" (an unclosed "<" must not make every later "<" scan to the end of the page).
_TAG_RE = re.compile(r"<[^<>]*>")
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|article|section|header|footer)\b[^<>]*>", re.IGNORECASE)
_RAW_TEXT_RE = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HTML_HINT_RE = re.compile(r"<(html|body|p|div|span|a|br)\b", re.IGNORECASE)


def html_to_text(text: str) -> str:
    """Strip HTML to plain text, one block a line (no script, no tags).

    Time is linear in the page, however its tags are (un)closed.

    Examples
    --------
    >>> html_to_text("<p>Troops retook <b>Hit</b>.</p><script>x()</script>")
    'Troops retook Hit.'
    >>> html_to_text("<p>Kept.</p><script>never closed <p>dropped, as a browser runs it")
    'Kept.'
    """
    text = _BLOCK_TAG_RE.sub("\n", _without_raw_text(text))
    text = _TAG_RE.sub("", text)
    return "\n".join(line.strip() for line in html.unescape(text).splitlines() if line.strip())


def _without_raw_text(page: str) -> str:
    """The page without its ``<script>`` and ``<style>`` elements (an unclosed one runs to the end)."""
    low = _ascii_lower(page)
    parts = []
    at = 0
    while m := _RAW_TEXT_RE.search(page, at):
        parts.append(page[at : m.start()])
        end = low.find(f"</{m.group(1).lower()}", m.end())
        if end < 0:
            return "".join(parts)
        close = low.find(">", end)
        at = len(page) if close < 0 else close + 1
    parts.append(page[at:])
    return "".join(parts)


def _ascii_lower(page: str) -> str:
    """The page lower-cased, non-ASCII characters as "?": the same offsets as the page (``str.lower`` may
    lengthen some letters), for finding tag names."""
    return page.encode("ascii", "replace").decode().lower()


def _element_text(page: str, tag: str) -> str | None:
    """The text of the first ``<tag>`` element of a page, or None; found without backtracking.

    Examples
    --------
    >>> _element_text("<head><TITLE lang=en>Hit retaken</title></head>", "title")
    'Hit retaken'
    """
    m = re.search(rf"<{tag}\b[^<>]*>", page, re.IGNORECASE)
    if m is None:
        return None
    inside = page[m.end() : m.end() + 10_000]  # a title is a line, not a page
    end = _ascii_lower(inside).find(f"</{tag}")
    return inside[:end] if end >= 0 else None


@dataclass(frozen=True)
class _Credit:
    """A photo credit in brackets at the end of a line, and the text before it."""

    before: str
    opening: str
    inner: str

    @property
    def captions(self) -> bool:
        """Whether a longer line with this credit is a caption ending with it in square brackets (*Troops advance
        on the old city [Reuters]*): no sentence ends before the bracket (*... residents said. [AP]* is a report)
        and the bracket holds no link."""
        return self.opening == "[" and "://" not in self.inner and not self.before.rstrip().endswith((".", "!", "?"))


def _credit(line: str) -> _Credit | None:
    """The photo credit in brackets at the end of a line: "(Reuters/A. Rasheed)", "(AFP)", "[AFP]" (the captions
    of some sites end so).

    Examples
    --------
    >>> _credit("Iraqi troops in Fallujah (Reuters/T. Al-Sudani)").inner, _credit("Troops retook Hit (Anbar).")
    ('Reuters/T. Al-Sudani', None)
    >>> _credit("Smoke rises over the old city as troops advance [Reuters]").captions
    True
    """
    body = line.rstrip()
    if not body.endswith((")", "]")):
        return None
    opening, closing = ("(", ")") if body.endswith(")") else ("[", "]")
    at = body.rfind(opening)
    inner = body[at + 1 : -1]
    if at < 0 or closing in inner or not ("/" in inner or _CREDIT_AGENCIES.fullmatch(inner.strip())):
        return None
    return _Credit(body[:at], opening, inner)


def _is_debris(line: str) -> bool:
    low = lower(line)
    return bool(_DEBRIS_START_RE.match(low) or _DEBRIS_ANYWHERE_RE.search(low) or _MENU_ITEM_RE.match(line))


#: A line that a page broke after a word and a comma (*ERBIL,*), not a row of separators (*, , ,*).
_BROKEN_AT_COMMA = re.compile(r"[^\W\d_]{2},$")


def _joined_lines(lines: list[str]) -> Iterator[str]:
    """The stripped lines, a line that ends with a comma joined to the next (*ERBIL,* / *Kurdistan Region -
    Hostages were paraded ...*: a dateline the page broke, not a fragment to drop)."""
    pending = ""
    for raw in lines:
        line = raw.strip()
        if pending and line:
            line = f"{pending} {line}"
        elif pending:
            yield pending
        pending = ""
        if len(line) < 200 and _BROKEN_AT_COMMA.search(line):
            pending = line
            continue
        yield line
    if pending:
        yield pending


def clean_text(text: str) -> tuple[str, list[str]]:
    """Remove web-page debris; return the kept text and the removed lines.

    A line is debris when it matches a known pattern (comment forms, share
    buttons, menus, video players, credits), is a photo credit or the short
    caption after one, or is a short fragment without sentence punctuation.

    Examples
    --------
    >>> kept, removed = clean_text("Troops retook Hit.\\n\\nLeave a Reply\\nShare this:")
    >>> kept, removed
    ('Troops retook Hit.', ['Leave a Reply', 'Share this:'])
    """
    kept: list[str] = []
    removed: list[str] = []
    caption_next = False
    for line in _joined_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if not line:  # a caption may follow its credit after a blank line
            if kept and kept[-1]:
                kept.append("")
            continue
        words = len(line.split())
        is_caption = caption_next and words <= 15 and not line.endswith((".", "!", "?"))
        caption_next = False
        credit = _credit(line) if words <= MAX_CAPTION_WORDS else None
        if credit is not None and (words <= 15 or credit.captions):
            removed.append(line)
            caption_next = True
        elif is_caption or (words <= MAX_DEBRIS_WORDS and _is_debris(line)):
            removed.append(line)
        elif words < 8 and not _SENTENCE_END_RE.search(line):
            removed.append(line)  # headings, menu entries, bylines
        else:
            kept.append(line)
    return "\n".join(kept).strip(), removed


# -- readers ------------------------------------------------------------------


#: File signatures of documents and archives that are not text.
_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf")
#: Control bytes (other than tab, line feed and carriage return) that make a file's beginning binary.
BINARY_SHARE = 0.05
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13))
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_NON_TEXT_CHARS = str.maketrans(dict.fromkeys(_CONTROL.decode("ascii")))


def _utf16(head: bytes) -> str | None:
    """The UTF-16 codec of text that starts with ``head``, from its byte-order mark or its byte pairs, or None.

    Without a mark, UTF-16 text shows in its byte pairs: the high bytes come
    from a few values (0 for ASCII, 6 for Arabic...), zero at least for its
    spaces and digits, while its low bytes are never zero. Text in a one-byte
    encoding, or a binary file, has many different bytes on both sides.

    Examples
    --------
    >>> _utf16("Hit".encode("utf-16")), _utf16("Troops".encode("utf-16-le")), _utf16(b"Troops")
    ('utf-16', 'utf-16-le', None)
    >>> _utf16("قوات الأمن في الموصل".encode("utf-16-le")), _utf16(b"id,text\\n\\x00 \\x00,x\\n")
    ('utf-16-le', None)
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[: len(head[:4096]) // 2 * 2]
    if len(sample) < 8:
        return None
    for codec, high, low in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        few = sum(n for _, n in Counter(high).most_common(3))
        if 0 not in low and high.count(0) >= 0.1 * len(high) and few >= 0.95 * len(high):
            return None if _CONTROL_CHARS.search(sample.decode(codec, errors="replace")) else codec
    return None


def _unreadable(head: bytes, codec: str | None, streamed: bool) -> str | None:
    """Why a file that begins with ``head`` (all of it, or its first 4 KB) holds no text, or None.

    A file of documents or archives is known by its signature; a file read
    whole is binary when its beginning holds too many control bytes. In a
    file of one record a line (``streamed``), a bad line costs its record
    only: a stray NUL byte never costs the file.
    """
    if (not streamed or len(head) < 4096) and not head.strip(b"\x00\xff\xfe \t\r\n"):
        return "empty file"
    if head.startswith(_MAGIC):
        return "binary file, not text"  # PDF, Word (zip or OLE), gzip, images, 7z: convert to text first
    sample = head[:4096]
    if (
        not streamed
        and codec is None
        and len(sample) - len(sample.translate(None, _CONTROL)) > BINARY_SHARE * len(sample)
    ):
        return "binary file, not text"
    return None


def _decoded(data: bytes, codec: str | None, report: LoadReport) -> str:
    """A file's text: UTF-16 (noted), else as ``decode`` reads it."""
    if codec is None:
        return decode(data, report)
    _read_as_utf16(report)
    return data.decode(codec, errors="replace").lstrip("\ufeff")


def _read_as_utf16(report: LoadReport) -> None:
    report.note(f"{report.source}: read as UTF-16")


def _article(
    doc_id: str,
    title: str,
    body: str,
    path: str,
    published: date | None = None,
    url: str = "",
    source: str = "",
) -> Article:
    if _CONTROL_CHARS.search(body) or _CONTROL_CHARS.search(title):  # NUL, escape...: no text (rare: a scan first)
        title, body = title.translate(_NON_TEXT_CHARS), body.translate(_NON_TEXT_CHARS)
    if _HTML_HINT_RE.search(body):
        body = html_to_text(body)
    text, removed = clean_text(body)
    return Article(doc_id, title.strip(), text, published, url, source, path, tuple(removed))


def _split_title(text: str) -> tuple[str, str]:
    lines = text.strip().splitlines()
    title = lines[0].lstrip("#").strip() if lines else ""
    return title, "\n".join(lines[1:])


def _text_file(path: Path, text: str) -> Article | Skipped:
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_HINT_RE.search(text[:2000]):
        title = html.unescape(_element_text(text, "title") or "").strip()
        body = html_to_text(text)
        if not title:
            title, body = _split_title(body)
    else:
        title, body = _split_title(text)
    return _with_text(_article(path.stem, title, body, str(path)), str(path), 0)


def _with_text(article: Article, path: str, line: int) -> Article | Skipped:
    """The article, or why it is none: no text left once the page's debris is removed."""
    return article if article.text.strip() else Skipped(path, line, "no article text left after removing page debris")


def _text(value: object) -> str:
    """A field of a record as text: JSON numbers and the like as written, lists and objects as nothing."""
    return value if isinstance(value, str) else "" if value is None or isinstance(value, (dict, list)) else str(value)


def article_of_record(rec: dict, default_id: str, where: str, line: int) -> Article | Skipped:
    """An article from one record (a JSON object or CSV row: ``id``, ``title``, ``text``, ``published``, ``url``,
    ``source``), cleaned as every reader cleans them, or why it is none; ``where`` and ``line`` name it in reports.

    Examples
    --------
    >>> a = article_of_record({"id": "a1", "text": "Troops retook Hit.", "published": "2016-04-14"}, "x", "post", 1)
    >>> a.id, a.published, a.path
    ('a1', datetime.date(2016, 4, 14), 'post:1')
    >>> article_of_record({"id": "a2", "text": ""}, "x", "post", 2).reason
    'no text'
    """
    text = rec.get("text") or rec.get("body") or rec.get("content") or ""
    if not isinstance(text, str) or not text.strip():
        return Skipped(where, line, "no text")
    published = None
    notes: tuple[str, ...] = ()
    raw_date = _text(rec.get("published") or rec.get("date"))
    if raw_date:
        published = metadata_date(raw_date)
        if published is None:  # the text is still read: a date may be in it, or come from --published
            notes = (f"{where}:{line}: published date {raw_date[:100]!r} ignored: {date_problem(raw_date)}",)
    title = _text(rec.get("title"))  # a record's text is all body (only text files have their title inside)
    article = _article(
        _text(rec.get("id"))[:MAX_ID] or default_id,
        title,
        text,
        f"{where}:{line}",
        published,
        _text(rec.get("url")),
        _text(rec.get("source")),
    )
    return _with_text(dataclasses.replace(article, notes=notes) if notes else article, where, line)


#: Longest document id kept (an id is a name, not a text).
MAX_ID = 200
_GEOJSON_RE = re.compile(r'\{\s*"type"\s*:\s*"(?:FeatureCollection|Feature)"')


def _jsonl(path: Path, text: str) -> Iterator[Article | Skipped]:
    """Records of a ``.json`` file read whole: a JSON array, one object, or JSON Lines."""
    stripped = text.lstrip()
    if _GEOJSON_RE.match(stripped[:200]):
        yield Skipped(str(path), 0, "a GeoJSON file (events or places?), not articles")
        return
    value, problem = json_value(stripped)
    if isinstance(value, list):
        for i, rec in enumerate(value, 1):
            yield (
                article_of_record(rec, f"{path.stem}-{i}", str(path), i)
                if isinstance(rec, dict)
                else Skipped(str(path), i, "not a JSON object")
            )
    elif isinstance(value, dict):
        yield article_of_record(value, f"{path.stem}-1", str(path), 1)
    elif stripped.startswith("["):
        yield Skipped(str(path), 0, problem or "not a JSON array of objects")
    else:  # JSON Lines, or not JSON: each line is read, or reported, on its own
        yield from _json_lines(path, enumerate(text.splitlines(), 1))


def _json_lines(path: Path, lines: Iterable[tuple[int, str]]) -> Iterator[Article | Skipped]:
    """Records of JSON Lines, one per numbered line."""
    for lineno, line in lines:
        if not line.strip():
            continue
        rec, problem = json_value(line)
        if problem:
            yield Skipped(str(path), lineno, problem)
        elif not isinstance(rec, dict):
            yield Skipped(str(path), lineno, "not a JSON object")
        else:
            yield article_of_record(rec, f"{path.stem}-{lineno}", str(path), lineno)


def _csv(path: Path, lines: Iterable[str]) -> Iterator[Article | Skipped]:
    columns, rows = csv_dicts(lines, "\t" if path.suffix.lower() == ".tsv" else ",")
    if not {"text", "body", "content"} & set(columns):
        yield Skipped(str(path), 1, "no text column (expected id, title, text, published, url, source)")
        return
    for lineno, rec, error in rows:
        if rec is None:
            yield Skipped(str(path), lineno, f"cannot be read as CSV ({error})")
        else:
            yield article_of_record(rec, f"{path.stem}-{lineno}", str(path), lineno)


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    report = LoadReport(str(path))
    try:
        size = path.stat().st_size
        if suffix in STREAMED_SUFFIXES:  # one record a line: read as it goes, whatever the file's size
            with path.open("rb") as fh:
                yield from _checked(path, _streamed(path, fh, max_bytes, report), report)
            return
        if size > max_bytes:
            yield Skipped(str(path), 0, f"too large ({size / 2**20:.1f} MB > {max_bytes / 2**20:.0f} MB)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), 0, f"cannot read ({exc.strerror or exc})")
        return
    codec = _utf16(data[:4096])
    if reason := _unreadable(data, codec, streamed=False):
        yield Skipped(str(path), 0, reason)
        return
    text = _decoded(data, codec, report)
    items = _jsonl(path, text) if suffix in JSONL_SUFFIXES else [_text_file(path, text)]
    yield from _checked(path, items, report)


def _streamed(path: Path, fh: BinaryIO, max_bytes: int, report: LoadReport) -> Iterator[Article | Skipped]:
    """Records of a JSON Lines or CSV file, read line by line."""
    head = fh.read(4096)
    codec = _utf16(head)
    if reason := _unreadable(head, codec, streamed=True):
        yield Skipped(str(path), 0, reason)
        return
    fh.seek(0)
    too_large: list[Skipped] = []
    if codec:
        _read_as_utf16(report)
        lines: Iterable[tuple[int, str]] = _utf16_lines(path, fh, codec, max_bytes, too_large)
    else:
        lines = _decoded_lines(path, fh, max_bytes, report, too_large)
    if path.suffix.lower() in CSV_SUFFIXES:
        yield from _csv(path, (line for _, line in lines))
    else:
        yield from _json_lines(path, lines)
    yield from too_large


def _utf16_lines(
    path: Path, fh: BinaryIO, codec: str, max_bytes: int, too_large: list[Skipped]
) -> Iterator[tuple[int, str]]:
    """Numbered lines of a UTF-16 file; lines of more than ``max_bytes`` (in UTF-16) are left out."""
    text = io.TextIOWrapper(fh, encoding=codec, errors="replace", newline="")
    for lineno, line in enumerate(iter(lambda: text.readline(max_bytes // 2 + 1), ""), 1):
        if len(line) > max_bytes // 2:
            too_large.append(Skipped(str(path), lineno, f"line too large (> {max_bytes / 2**20:.0f} MB)"))
            while line and not line.endswith(("\n", "\r")):
                line = text.readline(max_bytes // 2 + 1)
            continue
        yield lineno, line.lstrip("\ufeff") if lineno == 1 else line


def _decoded_lines(
    path: Path, fh: BinaryIO, max_bytes: int, report: LoadReport, too_large: list[Skipped]
) -> Iterator[tuple[int, str]]:
    """Numbered lines, each decoded as UTF-8, else Windows-1256, else Latin-1 (noted once); lines
    longer than ``max_bytes`` are left out and added to ``too_large``."""
    for lineno, raw in enumerate(fh, 1):
        if len(raw) > max_bytes:
            size = f"{len(raw) / 2**20:.1f} MB > {max_bytes / 2**20:.0f} MB"
            too_large.append(Skipped(str(path), lineno, f"line too large ({size})"))
            continue
        yield lineno, decode_line(raw, report, lineno)


def _checked(path: Path, items: Iterable[Article | Skipped], report: LoadReport) -> Iterator[Article | Skipped]:
    """Articles with the file's decoding notes; a file that gives nothing at all (blank lines, ``[]``,
    a CSV header) reported."""
    given = False
    for item in items:
        given = True
        if isinstance(item, Article) and report.notes:
            item = dataclasses.replace(item, notes=(*report.notes, *item.notes))
        yield item
    if not given:
        yield Skipped(str(path), 0, "no records")


def iter_articles(
    inputs: Iterable[str | Path], published: date | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Stream articles (and skip records) from files and folders.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files (``.txt``, ``.md``, ``.html``, ``.jsonl``, ``.json``, ``.csv``)
        or folders of them (read recursively, in name order; hidden files are
        left out, and GIS files and extraction reports skipped).
    published : date, optional
        Publication date for articles that have none, neither in their
        metadata nor as a dateline at the top of their text.
    max_bytes : int
        Larger files are skipped.

    Yields
    ------
    Article or Skipped

    Examples
    --------
    >>> items = list(iter_articles(["no/such/file.txt"]))
    >>> items[0].reason
    'no such file or folder'
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = sorted(_visible_files(path))
            if not files:
                yield Skipped(str(path), 0, "empty folder")
            for f in files:
                if f.name.lower().endswith(NOT_ARTICLE_SUFFIXES):
                    yield Skipped(str(f), 0, "a GIS file or an extraction report, not an article")
                    continue
                yield from _with_date(_read_file(f, max_bytes), published)
        elif path.is_file():
            yield from _with_date(_read_file(path, max_bytes), published)
        else:
            yield Skipped(str(path), 0, "no such file or folder")


def _visible_files(folder: Path) -> Iterator[Path]:
    """Files in a folder and its subfolders; hidden ones, and hidden folders (``.git``, a write under way), left out."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and os.path.isfile(os.path.join(root, name)):
                yield Path(root, name)


def _with_date(items: Iterable[Article | Skipped], published: date | None) -> Iterator[Article | Skipped]:
    """Articles without a date in their metadata take ``published`` (``--published``), unless their title
    or the first line of their text is dated (*Kirkuk attack | DW | 22.10.2016*, *HIT, Iraq, April 14,
    2016 -*): a date further down, even near the top, may be a photo caption's, a byline's or a related
    article's, and never beats the option."""
    for item in items:
        if (
            isinstance(item, Article)
            and item.published is None
            and published is not None
            and publication_date(item.title, item.text.lstrip().partition("\n")[0]) is None
        ):
            item = dataclasses.replace(item, published=published)
        yield item


def read_articles(
    inputs: str | Path | Iterable[str | Path], published: date | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read articles from files and folders into memory.

    Parameters
    ----------
    inputs : path or iterable of paths
        As for ``iter_articles``.
    published : date, optional
        Publication date for articles whose metadata has none.

    Returns
    -------
    articles : list of Article
    skipped : list of Skipped
        Inputs that gave no article, with file, line and reason.

    Examples
    --------
    >>> articles, skipped = read_articles("tests/data/articles")
    >>> len(articles) > 0
    True
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_articles(inputs, published):
        if isinstance(item, Article):
            articles.append(item)
        else:
            skipped.append(item)
    return articles, skipped
