"""#17: geo-events serve: the store (a GeoPackage GIS tools open), the JSON API, OGC API - Features (read with
OWSLib), bad requests, a live server (restart, concurrency) and the map page in a real browser."""

import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from geo_events import Article, extract_events
from geo_events.errors import StoreError
from geo_events.serve import MAX_BODY, EventQuery, GeoPackageStore, create_app, open_store

FIELDS = ("id", "title", "text", "published", "url", "source")
DISPATCHES = [
    {k: rec.get(k) or "" for k in FIELDS}
    for rec in map(json.loads, resources.files("geo_events").joinpath("data/dispatches.jsonl").open(encoding="utf-8"))
]


@pytest.fixture(params=["geopackage", "postgis"])
def where(request, tmp_path):
    """Where a store keeps its events: a GeoPackage file, or a new database of a private PostgreSQL server."""
    return tmp_path / "events.gpkg" if request.param == "geopackage" else request.getfixturevalue("postgres_server")()


@pytest.fixture
def client(tmp_path):
    return TestClient(create_app(tmp_path / "events.gpkg"))


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A server holding the sample dispatches' events."""
    c = TestClient(create_app(tmp_path_factory.mktemp("serve") / "events.gpkg"))
    assert c.post("/api/extract", json={"articles": DISPATCHES}).status_code == 200
    return c


def _key(feature):
    p = feature["properties"]
    return (
        p["event_date"],
        p["sub_event_type"],
        p["place_id"],
        p["fatalities"],
        tuple(sorted(p["source"].split("; "))),
    )


def _articles(records):
    return [Article(r["id"], r["title"], r["text"], date.fromisoformat(r["published"]) if r["published"] else None,
                    r["url"], r["source"]) for r in records]  # fmt: skip


# -- the store -------------------------------------------------------------------------------------------------


def test_posts_merge_as_extract_merges(where):
    """Articles posted in two requests give the events that extract gives for all of them at once; posted
    again, they add nothing."""
    c = TestClient(create_app(where))
    first = c.post("/api/extract", json={"articles": DISPATCHES[:18]}).json()
    second = c.post("/api/extract", json={"articles": DISPATCHES[18:]}).json()
    assert first["geo_events"]["articles_read"] == 18 and second["geo_events"]["new_events"] > 0
    again = c.post("/api/extract", json={"articles": DISPATCHES}).json()
    assert again["features"] == [] and again["geo_events"]["new_events"] == 0
    stored = c.get("/api/events", params={"limit": 10_000}).json()
    from geo_events.io.events import event_feature

    expected = [event_feature(e) for e in extract_events(_articles(DISPATCHES))]
    assert sorted(map(_key, stored["features"])) == sorted(map(_key, expected))
    assert stored["numberMatched"] == len(expected)


def test_two_reports_of_one_event_become_one_with_both_sources(where):
    """Two agencies' reports of one capture, posted a day apart, are one event with both sources."""
    client = TestClient(create_app(where))
    a = {"id": "agency-a", "text": "Iraqi troops recaptured the town of Hit on Thursday.", "published": "2016-04-15"}
    b = {"id": "agency-b", "text": "Government forces retook Hit from the Islamic State.", "published": "2016-04-14"}
    first = client.post("/api/extract", json={"articles": [a]}).json()["features"]
    second = client.post("/api/extract", json={"articles": [b]}).json()["features"]
    assert len(first) == len(second) == 1 and first[0]["id"] == second[0]["id"]  # an event keeps its first id
    assert set(second[0]["properties"]["source"].split("; ")) == {"agency-a", "agency-b"}
    assert client.get("/api/events").json()["numberMatched"] == 1


@pytest.mark.filterwarnings(
    "error::RuntimeWarning"
)  # GDAL warns of anything off the standard (an application id, a table)
def test_store_is_a_geopackage_gis_tools_read(tmp_path, filled):
    """QGIS opens the database as it is: pyogrio (GDAL) reads its events layer, points as [lon, lat], dates as
    dates and counts as integers, and filters it through its R-tree index."""
    pyogrio = pytest.importorskip("pyogrio")
    c = TestClient(create_app(tmp_path / "events.gpkg"))
    c.post("/api/extract", json={"articles": DISPATCHES})
    path = str(tmp_path / "events.gpkg")
    assert pyogrio.list_layers(path)[:, 0].tolist() == ["events", "reports"]  # reports: a table of attributes
    frame = pyogrio.read_dataframe(path, layer="events")
    assert len(frame) == c.get("/api/events").json()["numberMatched"]
    hit = frame[frame["location"] == "Hit"].iloc[0]
    assert round(hit.geometry.x, 1) == 42.8 and round(hit.geometry.y, 1) == 33.6  # longitude first
    assert str(frame["event_date"].dtype).startswith("datetime64") and frame["fatalities"].dtype.kind in "iuf"
    info = pyogrio.read_info(path, layer="events")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["fatalities"] == "int64"
    assert info["capabilities"]["fast_spatial_filter"]
    box = pyogrio.read_dataframe(path, layer="events", bbox=(43.0, 33.0, 44.5, 34.0))
    assert 0 < len(box) < len(frame) and box.geometry.x.between(43.0, 44.5).all()


def test_features_from_rows_are_those_extract_writes(filled):
    """The items of the events collection, built from the database's rows, are what event_feature writes."""
    from geo_events.io.events import event_feature

    store = filled.app.state.service.store
    features, matched = store.features(EventQuery(limit=10_000))
    assert features == [event_feature(e) for e in store.events(EventQuery(limit=10_000)).events]
    assert matched == len(features) > 0


def test_store_survives_a_restart(where):
    count = TestClient(create_app(where)).post("/api/extract", json={"articles": DISPATCHES}).json()
    again = TestClient(create_app(where)).get("/api/events").json()
    assert again["numberMatched"] == len(count["features"]) > 0


def test_postgis_answers_as_the_geopackage(filled, postgres_server):
    """The same posts give the same events, features, pages and counts in PostgreSQL with PostGIS."""
    url = postgres_server()
    assert type(open_store(url)).__name__ == "PostGISStore"  # a URL is a PostgreSQL database, a path a GeoPackage
    other = TestClient(create_app(url))
    other.post("/api/extract", json={"articles": DISPATCHES})
    for query in (EventQuery(limit=10_000), EventQuery(bbox=(42.9, 36.1, 43.5, 36.5)), EventQuery(limit=7, offset=7),
                  EventQuery(start=date(2016, 1, 1), end=date(2016, 12, 31), side="kurdish"),
                  EventQuery(event_type="Battles", bbox=(38.8, 29.0, 48.6, 37.4))):  # fmt: skip
        mine, theirs = filled.app.state.service.store, other.app.state.service.store
        assert mine.features(query) == theirs.features(query), query
    assert other.get("/collections/events/items", params={"bbox": "42.9,36.1,43.5,36.5"}).json()["numberMatched"] > 0


def test_postgis_points_are_lon_lat_in_wgs84(postgres_server):
    """The geometry column QGIS reads as a PostGIS layer: SRID 4326, x the longitude, indexed by GiST."""
    import psycopg

    url = postgres_server()
    TestClient(create_app(url)).post("/api/extract", json={"articles": DISPATCHES[:10]})
    with psycopg.connect(url) as db:
        rows = db.execute(
            'SELECT ST_SRID(geom), ST_X(geom), ST_Y(geom), "longitude", "latitude" FROM events'
        ).fetchall()
        indexes = {r[0] for r in db.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'events'")}
    assert rows and all(srid == 4326 and (x, y) == (lon, lat) and x > 38 and y < 38 for srid, x, y, lon, lat in rows)
    assert any("gist (geom)" in i for i in indexes)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.mkdir(), "a folder, not a database file"),
        (lambda p: p.write_text("not a database"), "cannot open the database"),
        (lambda p: None, "no folder"),
    ],
)
def test_a_database_that_cannot_be_opened(tmp_path, make, message):
    path = tmp_path / "db.gpkg" if message != "no folder" else tmp_path / "missing" / "db.gpkg"
    make(path)
    with pytest.raises(StoreError, match=message):
        GeoPackageStore(path)


def test_another_programs_database_is_refused(tmp_path):
    import sqlite3

    with sqlite3.connect(tmp_path / "other.gpkg") as db:
        db.execute("CREATE TABLE mine (x)")
    with pytest.raises(StoreError, match="not one geo-events serve wrote"):
        GeoPackageStore(tmp_path / "other.gpkg")


def test_store_queries_by_box_period_type_and_side(filled):
    store = filled.app.state.service.store
    everything = store.events(EventQuery(limit=10_000)).events
    anbar = store.events(EventQuery(bbox=(38.8, 32.0, 44.0, 35.0), limit=10_000)).events
    assert anbar and all(38.8 <= e.longitude <= 44.0 and 32.0 <= e.latitude <= 35.0 for e in anbar)
    in_2016 = store.events(EventQuery(start=date(2016, 1, 1), end=date(2016, 12, 31), limit=10_000)).events
    assert in_2016 and all(e.event_date and e.event_date.year == 2016 for e in in_2016)
    strikes = store.events(EventQuery(event_type="Air/drone strike", limit=10_000)).events
    assert strikes and all(e.sub_event_type == "Air/drone strike" for e in strikes)
    kurdish = store.events(EventQuery(side="kurdish", limit=10_000)).events
    assert kurdish and all("kurdish" in (e.side1, e.side2) for e in kurdish)
    pages = [store.events(EventQuery(limit=10, offset=o)).events for o in range(0, len(everything), 10)]
    assert [e.event_id for page in pages for e in page] == [e.event_id for e in everything]  # pages tile


# -- the JSON API ----------------------------------------------------------------------------------------------


def test_resolve(client):
    body = client.get("/api/resolve", params={"name": "الفلوجة"}).json()
    assert (body["status"], body["name"], body["governorate"]) == ("resolved", "Fallujah", "IQ-AN")
    assert client.get("/api/resolve", params={"name": "Qwxzv"}).json()["status"] == "unknown"


def test_extract_answers_as_extract_writes(client):
    body = client.post("/api/extract", json={"articles": DISPATCHES[:5]})
    assert body.headers["content-type"] == "application/geo+json"
    collection = body.json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    feature = collection["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert (lon, lat) == (feature["properties"]["longitude"], feature["properties"]["latitude"])
    assert 38 < lon < 49 and 29 < lat < 38  # RFC 7946: [longitude, latitude]
    assert collection["geo_events"]["articles"] == 5


def test_extract_reports_what_it_skipped(client):
    posted = [{"id": "empty", "text": "<p>Share this article</p>"}, {"id": "bad-date", "text": "Clashes in Ramadi.",
              "published": "next week"}]  # fmt: skip
    report = client.post("/api/extract", json={"articles": posted}).json()["geo_events"]
    assert [s["reason"] for s in report["skipped"]] == ["no article text left after removing page debris"]
    assert any("published date 'next week' ignored" in n for n in report["notes"])


def test_events_filters_and_pages(filled):
    page = filled.get("/api/events", params={"bbox": "38.8,29,48.6,37.4", "datetime": "2014-06-01/..", "limit": 5})
    body = page.json()
    assert body["numberReturned"] == 5 and body["numberMatched"] > 5
    follow = next(link["href"] for link in body["links"] if link["rel"] == "next")
    assert "offset=5" in follow and "datetime=2014-06-01" in follow and follow.split("?")[0].endswith("/api/events")
    second = filled.get(follow.replace("http://testserver", "")).json()
    assert {f["id"] for f in second["features"]}.isdisjoint(f["id"] for f in body["features"])
    assert any(link["rel"] == "prev" for link in second["links"])
    assert filled.get("/api/events", params={"bbox": "10,10,11,11"}).json()["numberMatched"] == 0


def test_control_and_its_changes(filled):
    places = filled.get("/api/control", params={"at": "2015-01-01"}).json()
    mosul = next(f for f in places["features"] if f["properties"]["name"] == "Mosul")
    assert mosul["properties"]["controller"] == "islamic_state" and mosul["geometry"]["coordinates"][0] > 43
    changes = filled.get("/api/control/changes", params={"start": "2016-06-01", "end": "2016-06-30"}).json()
    assert any(c["name"] == "Fallujah" and c["after"] == "government" for c in changes["changes"])
    assert all("2016-06-01" <= u["start"] <= "2016-06-30" for u in changes["updates"])


# -- OGC API - Features ----------------------------------------------------------------------------------------


def test_landing_conformance_collections(filled):
    landing = filled.get("/", headers={"accept": "application/json"}).json()
    assert {link["rel"] for link in landing["links"]} >= {"self", "service-desc", "conformance", "data"}
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in filled.get("/conformance").json()["conformsTo"]
    )
    ids = [c["id"] for c in filled.get("/collections").json()["collections"]]
    assert ids == ["events", "control", "areas", "front_lines", "governorates"]
    assert filled.get("/", headers={"accept": "text/html"}).headers["content-type"].startswith("text/html")
    paths = filled.get("/openapi.json").json()["paths"]
    assert {"/", "/conformance", "/collections", "/collections/{collection_id}/items", "/api/extract"} <= set(paths)


@pytest.mark.parametrize("collection", ["events", "control", "areas", "front_lines", "governorates"])
def test_every_collection_pages_and_finds_its_items(filled, collection):
    body = filled.get(f"/collections/{collection}/items", params={"limit": 2}).json()
    assert body["numberReturned"] == len(body["features"]) <= 2 and body["numberMatched"] >= 1
    for feature in body["features"]:
        one = filled.get(f"/collections/{collection}/items/{feature['id']}")
        assert one.status_code == 200 and one.json()["id"] == feature["id"]


@pytest.mark.parametrize("day", ["2017-08-15", "2016-06-26"])  # the second: Fallujah changes hands that day
def test_control_intervals_meet_the_datetime(filled, day):
    body = filled.get("/collections/control/items", params={"datetime": day, "limit": 10_000}).json()
    props = [f["properties"] for f in body["features"]]
    assert props and all(p["valid_from"] <= day and (p["valid_to"] or "9") > day for p in props)  # valid_to: after
    assert len({p["place_id"] for p in props}) == len(props)  # one interval a place at an instant


def test_areas_at_a_date(filled):
    body = filled.get("/collections/areas/items", params={"datetime": "2015-06-01"}).json()
    assert {f["properties"]["controller"] for f in body["features"]} >= {"government", "islamic_state", "kurdish"}
    too_wide = filled.get("/collections/areas/items", params={"datetime": "2015-01-01/2016-01-01"})
    assert too_wide.status_code == 400 and "one date" in too_wide.json()["description"]


@pytest.mark.parametrize(
    "path, status, words",
    [
        ("/collections/events/items?bbox=1,2,3", 400, "4 numbers"),
        ("/collections/events/items?bbox=44,33,43,34", 400, "west"),
        ("/collections/events/items?bbox=33,95,34,96", 400, "lon,lat"),
        ("/collections/events/items?bbox=a,b,c,d", 400, "not 4 numbers"),
        ("/collections/events/items?bbox=43,33,44,34&bbox-crs=EPSG:3857", 400, "CRS84"),
        ("/collections/events/items?datetime=yesterday", 400, "not a date"),
        ("/collections/events/items?datetime=2017-01-01/2016-01-01", 400, "before it starts"),
        ("/collections/events/items?datetime=../..", 400, "start or an end"),
        ("/collections/events/items?limit=0", 400, "less than 1"),
        ("/collections/events/items?limit=ten", 400, "whole number"),
        ("/collections/events/items?offset=-3", 400, "less than 0"),
        ("/collections/events/items?offset=9223372036854775808", 400, "at most"),
        ("/collections/events/items?type=a%00b", 400, "NUL"),
        ("/collections/events/items?datetime=2017-08-15T25:99Z", 400, "not a date"),
        ("/collections/areas/items/government@2017-99-01", 404, "no feature"),
        ("/collections/events/items?colour=red", 400, "unknown query parameter 'colour'"),
        ("/collections/governorates/items?type=Battles", 400, "unknown query parameter 'type'"),
        ("/collections/roads/items", 404, "the collections are"),
        ("/collections/events/items/IRQ-nope", 404, "no feature"),
        ("/api/control?at=15/08/2017", 400, "not a date"),
        ("/api/control/changes?start=2017-01-01&end=2016-01-01", 400, "after end"),
        ("/api/resolve", 400, "give the place name"),
        ("/api/resolve?name=" + "x" * 300, 400, "at most 200"),
        ("/api/maps/roads", 404, "the maps are"),
        ("/no/such/thing", 404, "no such resource"),
    ],
)
def test_bad_requests_say_what_is_wrong(filled, path, status, words):
    response = filled.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "description"} and words in body["description"]


@pytest.mark.parametrize(
    "body, words",
    [
        (b"{not json", "not JSON"),
        (b"[]", "body"),
        (json.dumps({"articles": []}).encode(), "at least 1"),
        (json.dumps({"articles": [{"id": "x"}]}).encode(), "articles[0].text: Field required"),
        (json.dumps({"articles": [{"id": "x", "text": 5}]}).encode(), "articles[0].text"),
        (json.dumps({"articles": [{"id": "x", "text": "a", "path": "/etc/passwd"}]}).encode(), "path"),
        (json.dumps({"articles": [{"id": "x", "text": "a"}, {"id": "x", "text": "b"}]}).encode(), "given twice"),
        (json.dumps({"articles": [{"id": "x", "text": "a"}] * 1001}).encode(), "at most 1000"),
    ],
)
def test_bad_posts_store_nothing(client, body, words):
    response = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and words in response.json()["description"]
    assert client.get("/api/events").json()["numberMatched"] == 0


def test_oversized_bodies_are_refused(client):
    declared = client.post("/api/extract", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/json"})
    assert declared.status_code == 413 and declared.json()["code"] == "PayloadTooLarge"

    def chunks():  # streamed without a length: counted as it comes
        for _ in range(MAX_BODY // 2**20 + 2):
            yield b" " * 2**20

    streamed = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_a_failure_is_500_without_a_traceback(tmp_path, monkeypatch):
    app = create_app(tmp_path / "events.gpkg")
    monkeypatch.setattr(app.state.service, "timeline", lambda: 1 / 0)
    response = TestClient(app, raise_server_exceptions=False).get("/api/control")
    assert response.status_code == 500 and "Traceback" not in response.text and "ZeroDivision" not in response.text


def test_article_text_is_escaped_in_the_map_pages(client):
    hostile = {"id": "<script>alert(1)</script>", "published": "2016-04-14",
               "text": "Troops retook Hit from <img src=x onerror=alert(2)> militants {{ 7*7 }} on Thursday."}  # fmt: skip
    client.post("/api/extract", json={"articles": [hostile]})
    data = client.get("/api/maps/events").text
    assert "<script>alert" not in data and "<img" not in data and "&lt;img" in data
    page = client.get("/maps/events").text
    assert "<script>alert(1)" not in page and "alert(2)" not in page and "49" not in re.findall(r"\{\{.*?\}\}", page)


# -- a live server ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """``geo-events serve`` on a free port of 127.0.0.1, with the dispatches posted; its URL."""
    folder = tmp_path_factory.mktemp("live")
    process, url = _start(folder / "events.gpkg")
    request = urllib.request.Request(
        url + "api/extract", json.dumps({"articles": DISPATCHES}).encode(), {"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
    yield url
    _stop(process)


def _start(database: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "geo_events", "serve", "--port", "0", "--database", str(database)],
        stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert process.stderr is not None
    first = process.stderr.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+/)", first)
    assert found, first
    url = found.group(1)
    threading.Thread(target=process.stderr.read, daemon=True).start()  # the access log, drained
    for _ in range(200):  # until it answers
        try:
            urllib.request.urlopen(url + "conformance", timeout=1).close()
            return process, url
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    _stop(process)
    raise AssertionError("the server did not answer")


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_owslib_reads_the_collections(live):
    features = pytest.importorskip("owslib.ogcapi.features")
    api = features.Features(live)
    assert set(api.feature_collections()) >= {"events", "control", "areas", "front_lines", "governorates"}
    everything = api.collection_items("events", limit=1000)
    mosul = api.collection_items("events", bbox=[42.9, 36.1, 43.5, 36.5], limit=1000)  # Mosul and the plain east
    assert 0 < mosul["numberMatched"] < everything["numberMatched"]
    for f in mosul["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 42.9 <= lon <= 43.5 and 36.1 <= lat <= 36.5
    in_2016 = api.collection_items("events", datetime_="2016-01-01/2016-12-31", limit=1000)
    assert in_2016["features"] and all(f["properties"]["event_date"].startswith("2016") for f in in_2016["features"])
    areas = api.collection_items("areas", datetime_="2016-01-01")
    assert {f["properties"]["valid_on"] for f in areas["features"]} == {"2016-01-01"}
    one = api.collection_item("events", everything["features"][0]["id"])
    assert one["id"] == everything["features"][0]["id"]


def test_fifty_concurrent_requests(live):
    paths = ["collections/events/items?bbox=42,32,46,36&limit=50", "api/control?at=2016-06-01", "api/events",
             "collections/areas/items?datetime=2016-06-01", "api/resolve?name=Telafer"] * 10  # fmt: skip

    def get(path: str) -> int:
        with urllib.request.urlopen(live + path, timeout=60) as response:
            json.loads(response.read())
            return response.status

    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        assert list(pool.map(get, paths)) == [200] * 50


def test_the_served_map_page_in_a_browser(live, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith((live, "data:")) else problems.append(f"request: {r.url}"))
    page.goto(live)  # the control map, its data fetched from /api/maps/control
    page.wait_for_function("window.geoEvents && window.geoEvents.state && window.geoEvents.state.date")
    assert page.locator(".ge-bigdate").count() == 1 and page.locator(".ge-range").count() == 1
    page.goto(live + "maps/events")
    page.wait_for_function("window.geoEvents && window.geoEvents.state && window.geoEvents.state.shown !== undefined")
    assert page.evaluate("window.geoEvents.state.shown") > 0
    assert not problems


def test_serve_says_when_it_cannot_start(tmp_path):
    for args, words in (
        (["--database", str(tmp_path)], "a folder, not a database file"),
        (["--database", "mysql://db/events"], "a postgresql:// URL"),
        (["--database", "postgresql://nobody:secret@127.0.0.1:1/events"], "cannot use the database"),
        (["--port", "70000"], "not a port"),
    ):
        done = subprocess.run([sys.executable, "-m", "geo_events", "serve", *args], capture_output=True, text=True)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
        assert "secret" not in done.stderr  # a password is never printed


# -- what an independent review found ----------------------------------------------------------------------------


def test_an_event_of_many_reports_is_merged_once(client, monkeypatch):
    """A bulletin that tells one clash hundreds of times costs one merge, not one a report (quadratic: a 2 MB
    article held the writer for hours)."""
    from geo_events.serve.store import base

    calls = []
    monkeypatch.setattr(base, "merge", lambda group: calls.append(len(group)) or group[0])
    text = " ".join(["Clashes in Ramadi killed two policemen."] * 300)
    body = client.post("/api/extract", json={"articles": [{"id": "bulletin", "text": text, "published": "2015-05-01"}]})
    assert body.status_code == 200 and len(body.json()["features"]) == 1
    assert calls == [300]


def test_an_id_posted_again_with_other_text_is_a_new_article(client):
    """An id is the publisher's: reused for another text, its reports can get the ids of the first text's; they
    take a number instead of failing the post."""
    first = client.post("/api/extract", json={"articles": [{"id": "a1", "text": "Troops retook Hit today.",
                                                            "published": "2016-04-14"}]})  # fmt: skip
    second = client.post("/api/extract", json={"articles": [{"id": "a1", "text": "Islamic State fighters seized Hit today.",
                                                             "published": "2016-04-14"}]})  # fmt: skip
    assert first.status_code == second.status_code == 200
    ids = [f["id"] for f in client.get("/api/events").json()["features"]]
    assert len(ids) == len(set(ids)) == 2


def test_two_stores_on_one_database_write_in_turn(where):
    """Two servers on one database (two stores, each with its own lock) posting the same reports at once store
    each event once, and each sees the other's writes."""
    from concurrent.futures import ThreadPoolExecutor

    reports = extract_events(_articles(DISPATCHES), deduplicate=False)
    stores = [open_store(where), open_store(where)]
    before = stores[1].generation
    with ThreadPoolExecutor(2) as pool:
        added = list(pool.map(lambda s: s.add(reports), stores))
    assert stores[0].count() == len(extract_events(_articles(DISPATCHES))) == sum(a.new for a in added)
    assert stores[1].generation > before


def test_concurrent_posts_count_their_new_events(client):
    from concurrent.futures import ThreadPoolExecutor

    halves = [DISPATCHES[::2], DISPATCHES[1::2]]
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda half: client.post("/api/extract", json={"articles": half}).json(), halves))
    assert sum(r["geo_events"]["new_events"] for r in reports) == client.get("/api/events").json()["numberMatched"]


def test_unknown_maps_keep_nothing(client):
    service = client.app.state.service
    for k in range(50):
        assert client.get(f"/maps/nothing-{k}").status_code == 404
    assert not any("nothing" in str(key) for key in service._locks)


def test_a_wrong_year_does_not_stretch_the_control_map(client):
    for year in ("1900", "2099"):
        client.post("/api/extract", json={"articles": [{"id": year, "published": f"{year}-05-01",
                                                        "text": "Iraqi forces retook Hit on Monday."}]})  # fmt: skip
    first, last = client.app.state.service.period()
    assert first >= date(2003, 3, 20) and last <= date.today()


def test_a_row_another_program_added_is_its_own_report(tmp_path):
    """A row QGIS added to the GeoPackage (no report behind it) is compared and merged as a report."""
    pyogrio = pytest.importorskip("pyogrio")
    path = tmp_path / "events.gpkg"
    c = TestClient(create_app(path))
    c.post(
        "/api/extract", json={"articles": [{"id": "a", "text": "Troops retook Hit today.", "published": "2016-04-14"}]}
    )
    frame = pyogrio.read_dataframe(path, layer="events")
    frame["event_id_cnty"] = "IRQ-from-qgis"
    frame["doc_id"] = frame["source"] = "qgis"
    c.app.state.service.store.close()
    pyogrio.write_dataframe(frame, path, layer="events", append=True)  # GDAL writes through the triggers
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM reports")  # as if every row had been added by another program
    again = TestClient(create_app(path)).post("/api/extract", json={"articles": [
        {"id": "b", "text": "Government forces recaptured Hit.", "published": "2016-04-15"}]})  # fmt: skip
    assert again.status_code == 200 and len(again.json()["features"]) == 1
    assert set(again.json()["features"][0]["properties"]["source"].split("; ")) == {"a", "b"}
