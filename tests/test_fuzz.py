"""Property-based fuzzing of the readers, the extractor, the event files and the commands (issue 12).

Whatever the input: no traceback, and every input record ends as an article, an event or a
reported skip. The number of examples is bounded for CI (``tests/conftest.py``);
``GEO_EVENTS_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` digs deeper.
"""

import csv
import io
import json
import math
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo_events import Article, ExtractionResult, extract_events, iter_articles
from geo_events.articles import Skipped
from geo_events.cli import main
from geo_events.io import read_control, read_events, write_events

PUB = date(2016, 10, 20)
#: Words of the rules and the gazetteer, so that generated text reaches past the first checks.
WORDS = [
    "Troops", "retook", "seized", "Hit", "Ramadi", "Mosul", "al-Qaim", "Tal", "Afar", "killed", "wounded",
    "at least", "dozens", "99999999999999999999", "1,700", "on Monday", "yesterday", "December 31, 9999",
    "in", "near", "north of", "the town of", "and", ",", ".", ";", "\n", "\n\n", "<script>", "</p>", "<title>",
    "{{ 7*7 }}", "{% if %}", "(Reuters/A. B)", "Islamic State", "Peshmerga", "air strike", "roadside bomb",
    "suicide bomber", "clashes", "fled", "may retake", "الفلوجة", "\x00", "\u2028", "'s", "BAGHDAD (Reuters) -",
]  # fmt: skip
prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)
field = st.one_of(prose, st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans())
record = st.dictionaries(
    st.sampled_from(["id", "title", "text", "body", "published", "date", "url", "source", "extra"]), field, max_size=7
)
shared = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _items(path: Path) -> tuple[list[Article], list[Skipped]]:
    items = list(iter_articles([path], published=PUB))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


@shared
@given(
    records=st.lists(record, max_size=8),
    junk=st.lists(st.binary(max_size=40), max_size=3),
    codec=st.sampled_from(["utf-8", "utf-16"]),
)
@example(records=[], junk=[b"", b"\x00"], codec="utf-8")  # found: one NUL byte made the file binary
def test_every_json_line_is_an_article_or_a_skip(tmp_path_factory, records, junk, codec):
    """Records, then lines of junk bytes (in UTF-8 files: a file that begins with a UTF-16 mark is UTF-16)."""
    text = "".join(json.dumps(r, allow_nan=True) + "\n" for r in records)
    lines = [json.dumps(r).encode() for r in records]
    data = text.encode(codec)
    if codec == "utf-8":
        lines += [b"x" + j.replace(b"\n", b" ").replace(b"\r", b" ") for j in junk]
        data += b"".join(line + b"\n" for line in lines[len(records) :])
    path = tmp_path_factory.mktemp("jsonl") / "a.jsonl"
    path.write_bytes(data)
    articles, skipped = _items(path)
    if not lines:  # a file of no records is reported too
        assert not articles and [s.reason for s in skipped] in (["empty file"], ["no records"])
        return
    assert len(articles) + len(skipped) == len(lines)  # a line of junk costs that line, never the file
    assert all(s.path == str(path) and s.line for s in skipped)
    assert sum("not valid JSON" in s.reason for s in skipped) <= len(lines) - len(records)  # records are read


@shared
@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "title", "text", "published"]), prose), max_size=8))
@example(records=[{}, {"id": "\x00 \x00"}])  # found by the fuzzer: two NUL bytes made the file UTF-16
def test_every_csv_row_is_an_article_or_a_skip(tmp_path_factory, records):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "title", "text", "published"])
    for r in records:
        writer.writerow([r.get(k, "") for k in ("id", "title", "text", "published")])
    path = tmp_path_factory.mktemp("csv") / "a.csv"
    path.write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
    articles, skipped = _items(path)
    if not records:
        assert not articles and [s.reason for s in skipped] == ["no records"]
        return
    assert len(articles) + len(skipped) == len(records)
    assert all(s.path == str(path) and s.line for s in skipped)


@shared
@given(
    content=st.one_of(st.binary(max_size=300), prose.map(lambda s: s.encode("utf-8", "surrogatepass"))),
    suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".htm", ".xhtml"]),
)
@example(content="\u2028".encode(), suffix=".json")  # found: a file of a line separator vanished
def test_any_file_is_an_article_or_a_skip(tmp_path_factory, content, suffix):
    path = tmp_path_factory.mktemp("file") / f"a{suffix}"
    path.write_bytes(content)
    articles, skipped = _items(path)
    assert articles or skipped
    for a in articles:
        assert a.text.strip() and "\x00" not in a.text + a.title


@shared
@given(text=prose, title=prose, published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2099, 12, 31))))
def test_extraction_never_fails_on_any_text(text, title, published):
    result = ExtractionResult()
    events = extract_events([Article("fuzz", title, text, published)], result=result)
    assert not result.skipped, result.skipped  # an article whose extraction fails is a bug of ours
    for e in events:
        assert 29 < e.latitude < 38 and 38 < e.longitude < 49  # in Iraq, [lat, lon] not swapped
        for count in (e.fatalities, e.fatalities_low, e.fatalities_high, e.wounded, e.wounded_low, e.wounded_high):
            assert count is None or 0 <= count <= 100_000
        assert e.event_date is None or date(1900, 1, 1) <= e.event_date <= date(2099, 12, 31)


_value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.just([]), st.just({}))


@shared
@given(
    props=st.lists(st.dictionaries(st.sampled_from(["event_date", "fatalities", "location", "sub_event_type",
                                                    "control_to", "place_id", "valid_from", "name", "geo_precision",
                                                    "wounded", "sources", "start"]), _value), max_size=5),
    coords=st.lists(st.one_of(st.none(), st.lists(_value, max_size=3), _value), max_size=5),
)  # fmt: skip
def test_any_event_file_reads_as_events_and_reasons(tmp_path_factory, props, coords):
    features = [
        {"type": "Feature", "properties": p, "geometry": {"type": "Point", "coordinates": c}}
        for p, c in zip(props, coords, strict=False)
    ]
    path = tmp_path_factory.mktemp("events") / "e.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    events, skipped = read_events(path)
    assert len(events) + len(skipped) == len(features)
    for e in events:
        assert math.isfinite(e.latitude) and math.isfinite(e.longitude)
    write_events(events, path.with_name("back.geojson"))  # whatever was read can be written
    with pytest.raises(ValueError) if features else _nothing():
        read_control(path)  # not a control file: a message, or a timeline


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is ValueError  # a control file must say what is wrong in a ValueError


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    files=st.lists(
        st.tuples(st.sampled_from([".txt", ".jsonl", ".csv", ".html", ".json", ".geojson"]), st.binary(max_size=200)),
        min_size=1,
        max_size=4,
    ),
    command=st.sampled_from(["extract", "mentions", "control", "map"]),
)
def test_commands_on_any_files_end_with_a_message(tmp_path_factory, files, command):
    folder = tmp_path_factory.mktemp("cmd")
    paths = []
    for i, (suffix, content) in enumerate(files):
        paths.append(folder / f"f{i}{suffix}")
        paths[-1].write_bytes(content)
    out_dir = tmp_path_factory.mktemp("out")
    args = {
        "extract": ["extract", "--out", str(out_dir / "e.geojson"), str(folder)],
        "mentions": ["mentions", "--json", str(folder)],
        "control": ["control", *map(str, paths), "--out", str(out_dir / "c.geojson")],
        "map": ["map", *map(str, paths), "--kind", "events", "--offline", "--out", str(out_dir / "m.html")],
    }[command]
    log = io.StringIO()
    status = main(args, out=io.StringIO(), log=log)  # an exception would fail the test here
    assert status in (0, 1, 2)
    if command == "extract" and status == 0:
        report = json.loads((out_dir / "e.geojson.report.json").read_text("utf-8"))
        assert report["documents_read"] + report["inputs_skipped"] >= len(files)
