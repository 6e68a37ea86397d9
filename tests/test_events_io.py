"""Event files a GIS opens: GeoJSON (RFC 7946), CSV, GeoPackage, GeoParquet; and the CLI."""

import csv
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo_events import extract_events, read_articles, write_events
from geo_events.io import EVENT_COLUMNS, read_events

DATA = Path(__file__).parent / "data"
DISPATCHES = Path(__file__).parent.parent / "geo_events" / "data" / "dispatches.jsonl"


@pytest.fixture(scope="module")
def events():
    articles, _ = read_articles(DISPATCHES)
    return extract_events(articles)


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "geo_events", *args], capture_output=True, cwd=cwd, timeout=300)


def test_geojson_rfc7946(events, tmp_path):
    path = write_events(events, tmp_path / "events.geojson")
    fc = json.loads(path.read_text("utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == len(events)
    for f, e in zip(fc["features"], events, strict=True):
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (round(e.longitude, 5), round(e.latitude, 5))
        assert 38 < lon < 49 and 29 < lat < 38  # [longitude, latitude], inside Iraq
        assert f["properties"]["event_date"] == e.event_date.isoformat()
    minx, miny, maxx, maxy = fc["bbox"]
    assert minx < maxx and miny < maxy


def test_geojson_is_written_as_events_come(events, tmp_path):
    """An iterator of events is streamed; bbox and members come after the features, callables called last."""
    seen = []

    def stream():
        for e in events:
            seen.append(e)
            yield e

    path = write_events(stream(), tmp_path / "events.geojson", geo_events=lambda: {"events_written": len(seen)})
    fc = json.loads(path.read_text("utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == len(events)
    assert fc["geo_events"] == {"events_written": len(events)}
    lons = [f["geometry"]["coordinates"][0] for f in fc["features"]]
    lats = [f["geometry"]["coordinates"][1] for f in fc["features"]]
    assert fc["bbox"] == [min(lons), min(lats), max(lons), max(lats)]
    empty = json.loads(write_events(iter(()), tmp_path / "empty.geojson").read_text("utf-8"))
    assert empty == {"type": "FeatureCollection", "features": []}


def test_failed_geojson_leaves_no_file(events, tmp_path):
    def broken():
        yield events[0]
        raise RuntimeError("input went away")

    with pytest.raises(RuntimeError):
        write_events(broken(), tmp_path / "events.geojson")
    assert list(tmp_path.iterdir()) == []


def test_csv_has_acled_columns(events, tmp_path):
    path = write_events(events, tmp_path / "events.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == EVENT_COLUMNS
    assert len(rows) == len(events)
    assert {"event_date", "event_type", "sub_event_type", "actor1", "admin1", "latitude", "fatalities"} <= set(rows[0])


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet"])
def test_gis_formats_read_back(events, tmp_path, suffix):
    geopandas = pytest.importorskip("geopandas")
    path = write_events(events, tmp_path / f"events{suffix}")
    frame = geopandas.read_file(path, layer="events") if suffix == ".gpkg" else geopandas.read_parquet(path)
    assert len(frame) == len(events)
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.x.between(38, 49).all() and frame.geometry.y.between(29, 38).all()
    assert set(frame["iso_3166_2"]) <= {
        f"IQ-{c}" for c in "AN AR BA BB BG DA DI DQ KA KI MA MU NA NI QA SD SU WA".split()
    }


def test_a_geopackage_types_dates_as_dates_and_counts_as_integers(events, tmp_path):
    """QGIS's temporal controller reads a date field as it is (#16): no text dates, no real counts."""
    pyogrio = pytest.importorskip("pyogrio")
    path = write_events(events, tmp_path / "events.gpkg")
    info = pyogrio.read_info(path, layer="events")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert {types[c] for c in ("event_date", "date_from", "date_to")} == {"OFTDate"}
    assert {types[c] for c in ("fatalities", "fatalities_low", "wounded", "year", "geo_precision")} == {"OFTInteger64"}
    assert types["confidence"] == "OFTReal" and types["location"] == "OFTString"
    back, skipped = read_events(path)
    assert skipped == [] and sorted(e.event_date for e in back) == sorted(e.event_date for e in events)
    assert sorted((e.fatalities or -1) for e in back) == sorted((e.fatalities or -1) for e in events)


def test_unknown_format(events, tmp_path):
    with pytest.raises(ValueError, match="unknown output format"):
        write_events(events, tmp_path / "events.xlsx")


def test_cli_extract(tmp_path):
    out = tmp_path / "events.geojson"
    proc = run("extract", "--published", "2016-04-14", "--out", str(out), str(DATA / "articles"))
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "8 documents read, 3 inputs skipped" in err
    assert "batch.jsonl:3: not valid JSON" in err and "empty.txt: empty file" in err
    assert "batch.jsonl:4: published date 'sometime in spring' ignored: it does not parse" in err
    assert "Traceback" not in err
    fc = json.loads(out.read_text("utf-8"))
    raw_report = (tmp_path / "events.geojson.report.json").read_text("utf-8")
    keys = json.loads(raw_report, object_pairs_hook=lambda pairs: [k for k, _ in pairs])
    assert len(keys) == len(set(keys))  # written section by section: no key twice
    report = json.loads(raw_report)
    assert report["documents_read"] == 8 and report["events_written"] == len(fc["features"])
    assert set(report["events_per_document"]) == {"c1", "c2", "j1", "j2", "j3", "page", "report", "wire_hit"}
    assert report["events_before_merging"] == sum(report["events_per_document"].values())
    assert len(report["skipped_inputs"]) == report["inputs_skipped"] == 3
    assert any("sometime in spring" in note for note in report["input_notes"])  # the log's notes are in the report
    assert len(report["unlocated_events"]) == report["events_not_placed"]
    # a foreign member (RFC 7946 allows them) sums the run up; the report has the details
    assert fc["geo_events"] == {k: report[k] for k in fc["geo_events"] if k != "report"} | {
        "report": "events.geojson.report.json"
    }
    assert fc["geo_events"]["documents_read"] == 8
    locations = {f["properties"]["location"] for f in fc["features"]}
    assert {"Hit", "Bashiqa", "Karrada", "Ramadi"} <= locations


def test_cli_extract_with_worker_processes_writes_the_same_file(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs / "events.geojson"
        proc = run("extract", "--jobs", jobs, "--out", str(out), str(DISPATCHES), str(DATA / "articles"))
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.append((out.read_bytes(), (out.parent / "events.geojson.report.json").read_bytes()))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("suffix", [".csv", ".gpkg", ".parquet"])
def test_cli_extract_formats(tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    proc = run("extract", "--out", str(out), str(DISPATCHES))
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.exists() and out.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "yesterday-ish"], "cannot read --published"),
        (["--out", "events.xlsx"], "unknown output format"),
        (["--jobs", "-2"], "'-2' is not a number of processes"),
        (["-j", "many"], "'many' is not a number of processes"),
    ],
)
def test_cli_extract_bad_options(tmp_path, args, message):
    argv = ["extract", str(DATA / "articles"), *args]
    if "--out" not in args:
        argv += ["--out", str(tmp_path / "e.geojson")]
    proc = run(*argv, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_cli_extract_nothing_readable(tmp_path):
    (tmp_path / "blank.txt").write_text("")
    proc = run("extract", "--out", str(tmp_path / "e.geojson"), str(tmp_path / "blank.txt"), str(tmp_path / "nope"))
    assert proc.returncode == 1
    assert "no document could be read" in proc.stderr.decode()
    assert json.loads((tmp_path / "e.geojson").read_text())["features"] == []


def test_cli_mentions_json(tmp_path):
    proc = run("mentions", "--json", str(DATA / "articles" / "wire_hit.txt"))
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    for r in rows:
        assert {"doc", "text", "start", "end", "status", "name", "lat", "lon", "governorate", "in_iraq"} <= set(r)
    hit = next(r for r in rows if r["text"] == "Hit")
    assert (hit["name"], hit["governorate"], hit["in_iraq"]) == ("Hit", "IQ-AN", True)
    assert 42 < hit["lon"] < 43.5 and 33 < hit["lat"] < 34


def test_cli_mentions_table():
    proc = run("mentions", str(DATA / "articles" / "report.md"))
    out = proc.stdout.decode()
    assert "Baiji" in out and "Siniyah" in out


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_the_extent_of_a_territory_event_is_written_and_read_back(tmp_path, suffix):
    """*Parts of Hit*: ``extent`` ``part`` survives a file, so that ``control`` run on it makes Hit contested."""
    from datetime import date

    from geo_events import Article
    from geo_events.io import read_events

    (event,) = extract_events([Article("d", "", "Islamic State fighters seized parts of Hit.", date(2015, 4, 2))])
    (back,), skipped = read_events(write_events([event], tmp_path / f"events{suffix}"))
    assert (back.control_to, back.extent, skipped) == ("islamic_state", "part", [])


def test_a_retired_sub_event_type_reads_as_what_it_is_now(events, tmp_path):
    """Files of earlier versions have 'Mass killing' events, which ACLED codes as attacks (as geo-events now does)."""
    old = [dataclasses.replace(events[0], event_type="Violence against civilians", sub_event_type="Mass killing")]
    back, skipped = read_events(write_events(old, tmp_path / "old.geojson"))
    assert not skipped
    assert [(e.event_type, e.sub_event_type) for e in back] == [("Violence against civilians", "Attack")]
