"""The ``geo-events`` command as a user runs it: real processes, real files."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo_events import __version__
from geo_events.cli import main

DATA = Path(__file__).parent / "data"
JSON_KEYS = {"query", "status", "name", "lat", "lon", "governorate", "governorate_name", "score"}


def run(*args, stdin: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo_events", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


def test_version_and_help():
    from geo_events import COMPILED
    from geo_events.extract import pipeline as extract

    build = "extraction compiled with mypyc" if COMPILED else "pure Python"
    assert run("--version").stdout.decode() == f"geo-events {__version__} ({build})\n"
    assert extract.__file__.endswith(".py") != COMPILED  # a bug report says which build ran
    helptext = run("--help").stdout.decode()
    assert "resolve" in helptext and "demo" in helptext
    assert "--json" in run("resolve", "--help").stdout.decode()


def test_resolve_json_one_object_per_name():
    names = ["Falluja", "الفلوجة", "Tehran", "Qwxzv", "Diyala Province"]
    proc = run("resolve", "--json", *names)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == len(names)
    rows = [json.loads(line) for line in lines]
    assert [r["query"] for r in rows] == names
    for r in rows:
        assert r.keys() >= JSON_KEYS
        if r["status"] != "resolved":
            assert r["lat"] is None and r["lon"] is None
    assert [r["status"] for r in rows] == ["resolved", "resolved", "unknown", "unknown", "resolved"]
    assert rows[0]["governorate"] == rows[1]["governorate"] == "IQ-AN"
    assert 43 < rows[0]["lon"] < 44 and 33 < rows[0]["lat"] < 34  # not swapped


def test_resolve_stdin_with_bad_bytes_and_empty_lines():
    stdin = b"Tikrit\n\nMosul\n" + b"Ramadi\xff\xfe\n" + "كركوك\n".encode()
    proc = run("resolve", "--json", "-", stdin=stdin)
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["status"] for r in rows] == ["resolved", "resolved", "unknown", "resolved"]
    assert "not valid UTF-8" in rows[2]["reason"]
    err = proc.stderr.decode()
    assert "stdin:4" in err and "1 empty line" in err
    assert "Traceback" not in err


def test_resolve_table():
    """A user's table extends the embedded places (Telafer is there); with --only-gazetteer it is all there is."""
    proc = run("resolve", "Telafer", "Hamidiya", "--gazetteer", str(DATA / "places.csv"))
    assert proc.returncode == 0 and "2 names: 1 resolved, 1 ambiguous, 0 unknown" in proc.stdout.decode()
    assert "extends the embedded gazetteer" in proc.stderr.decode()
    proc = run("resolve", "Telafer", "Hamidiya", "--gazetteer", str(DATA / "places.csv"), "--only-gazetteer")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "ambiguous" in out and "2 names: 0 resolved, 1 ambiguous, 1 unknown" in out
    assert "4 places loaded from 8 rows; 4 skipped" in proc.stderr.decode()
    assert "places.csv:6" in proc.stderr.decode()  # the swapped row, with its line


def test_resolve_with_context():
    out = io.StringIO()
    main(
        ["resolve", "--json", "--gazetteer", str(DATA / "places.csv"), "--context", "IQ-BB", "Hamidiya"],
        out=out,
        log=io.StringIO(),
    )
    row = json.loads(out.getvalue())
    assert row["status"] == "resolved" and row["governorate"] == "IQ-BB"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\x00\x01\x02garbage", "no usable place"),
    ],
)
def test_bad_gazetteer_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "IQ.txt"
    if content is not None:
        path.write_bytes(content)
    proc = run("resolve", "--gazetteer", str(path), "Falluja")
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert message in err and str(path) in err
    assert "Traceback" not in err


def test_missing_boundaries_file_is_a_clear_error(tmp_path):
    proc = run("resolve", "--boundaries", str(tmp_path / "nope.geojson"), "Falluja")
    assert proc.returncode == 2
    assert "cannot read boundaries" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_resolve_with_districts(ocha_adm2):
    out = io.StringIO()
    main(["resolve", "--json", "--boundaries", str(ocha_adm2), "Saqlawiya"], out=out, log=io.StringIO())
    assert "Falluja" in json.loads(out.getvalue())["district"]


def test_demo_writes_rfc7946_geojson(tmp_path):
    proc = run("demo", "--out", str(tmp_path / "demo"))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "control_map.html" in out and "events.geojson" in out
    fc = json.loads((tmp_path / "demo" / "events.geojson").read_text("utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc  # RFC 7946: WGS84 implied
    assert len(fc["features"]) > 40
    mosul = next(f for f in fc["features"] if f["properties"]["location"] == "Mosul")
    lon, lat = mosul["geometry"]["coordinates"]
    assert (round(lon, 1), round(lat, 1)) == (43.1, 36.3)  # [longitude, latitude]
    minx, miny, maxx, maxy = fc["bbox"]
    assert 38 < minx < maxx < 49 and 29 < miny < maxy < 38
    from shapely.geometry import shape

    areas = json.loads(next((tmp_path / "demo").glob("areas_*.geojson")).read_text("utf-8"))
    assert {f["geometry"]["type"] for f in areas["features"]} <= {"Polygon", "MultiPolygon"}
    assert all(shape(f["geometry"]).is_valid for f in areas["features"])
    intervals = json.loads((tmp_path / "demo" / "control_intervals.geojson").read_text("utf-8"))
    props = intervals["features"][0]["properties"]
    assert {"valid_from", "valid_to", "controller", "name", "governorate"} <= set(props)


def test_demo_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run("demo", "--out", str(blocker / "sub"))
    assert proc.returncode == 2
    assert "cannot write" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_notes_of_one_kind_are_summed_up_on_the_log(tmp_path):
    """#16: an undated folder printed one note per file (600 lines); now five, then one line with the count."""
    folder = tmp_path / "undated"
    folder.mkdir()
    for k in range(12):
        body = (
            f"Fighting near Hit, report {k + 1}\n\nClashes erupted in Hit on Monday between troops and militants, "
            "a local official said. Three soldiers were wounded in the fighting, which lasted several hours.\n"
        )
        (folder / f"a{k:02}.txt").write_text(body, "utf-8")
    log = io.StringIO()
    assert main(["extract", "--out", str(tmp_path / "events.geojson"), str(folder)], io.StringIO(), log) == 0
    lines = log.getvalue().splitlines()
    assert sum("no publication date found" in line for line in lines) == 5
    assert any(line.startswith("12 documents without a publication date") for line in lines)
    report = json.loads((tmp_path / "events.geojson.report.json").read_text("utf-8"))
    assert len(report["undated_documents"]) == 12  # every one in the report


def test_extraction_shows_its_progress_on_a_terminal(tmp_path):
    import tempfile
    from datetime import date

    from geo_events import Article
    from geo_events.event import ExtractionResult
    from geo_events.extract.report import ExtractionReport

    log = io.StringIO()
    articles = [Article(f"d{k}", "", "Clashes in Hit.", date(2016, 1, 1)) for k in range(3)]
    with tempfile.TemporaryDirectory() as tmp, ExtractionReport(Path(tmp), progress=True) as report:
        assert len(list(report.articles(articles, ExtractionResult(), log))) == 3
    assert log.getvalue().startswith("\r") and log.getvalue().endswith("3 documents, 0.0 MB read, 0 events found\n")
