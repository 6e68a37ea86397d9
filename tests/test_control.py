"""The control model, the embedded timeline, areas and front lines, exports."""

import csv
import dataclasses
import itertools
import json
from collections import Counter
from datetime import date, timedelta
from importlib import resources

import pytest
from shapely.geometry import shape

from gazetteer import AdminAreas, Gazetteer
from geo_events import Article, extract_events
from geo_events.control import (
    CONTROLLERS,
    UNCONFIRMED_DAYS,
    ControlInterval,
    ControlTimeline,
    areas_of_control,
    control_layers,
    front_lines,
)
from geo_events.io import read_control, write_control

TIMELINE_ROWS = list(
    csv.DictReader(resources.files("geo_events").joinpath("data/control_timeline.csv").open(encoding="utf-8"))
)
CAPITALS = ["Mosul", "Tikrit", "Ramadi", "Baqubah", "Kirkuk", "Baghdad", "Erbil", "Duhok", "Sulaymaniyah", "Hillah",
            "Karbala", "Najaf", "Kut", "Diwaniyah", "Samawah", "Nasiriyah", "Amarah", "Basra"]  # fmt: skip


@pytest.fixture(scope="module")
def tl():
    return ControlTimeline.default()


def test_embedded_timeline_records():
    places = {r["place_id"] for r in TIMELINE_ROWS}
    assert len(places) >= 150
    gz = Gazetteer.default()
    for r in TIMELINE_ROWS:
        assert r["controller"] in CONTROLLERS
        assert date(2014, 1, 1) <= date.fromisoformat(r["date"]) <= date(2017, 12, 31)
        assert r["note"].strip()
        place = gz.get(r["place_id"])
        assert (place.name, place.governorate) == (r["name"], r["governorate"])
        assert (round(place.lat, 5), round(place.lon, 5)) == (float(r["lat"]), float(r["lon"]))
    names = {r["name"] for r in TIMELINE_ROWS}
    assert set(CAPITALS) <= names  # every governorate capital


@pytest.mark.parametrize(
    ("name", "day", "controller"),
    [
        ("Mosul", date(2014, 6, 9), "government"),
        ("Mosul", date(2014, 6, 10), "islamic_state"),
        ("Mosul", date(2017, 3, 1), "contested"),
        ("Mosul", date(2017, 7, 10), "government"),
        ("Fallujah", date(2015, 1, 1), "islamic_state"),
        ("Fallujah", date(2016, 6, 26), "government"),
        ("Ramadi", date(2015, 6, 1), "islamic_state"),
        ("Tikrit", date(2015, 4, 1), "government"),
        ("Kirkuk", date(2016, 1, 1), "kurdish"),
        ("Kirkuk", date(2017, 10, 16), "government"),
        ("Sinjar", date(2015, 1, 1), "islamic_state"),
        ("Sinjar", date(2016, 1, 1), "kurdish"),
        ("Rawa", date(2017, 11, 17), "government"),
        ("Basra", date(2015, 1, 1), "government"),
        ("Erbil", date(2015, 1, 1), "kurdish"),
    ],
)
def test_historical_record(tl, name, day, controller):
    pid = next(r["place_id"] for r in TIMELINE_ROWS if r["name"] == name)
    assert tl.controller_of(pid, day) == controller


def test_intervals_do_not_overlap(tl):
    for intervals in tl.histories.values():
        for a, b in itertools.pairwise(intervals):
            assert a.valid_to == b.valid_from and a.controller != b.controller


def test_queries(tl):
    held = Counter(i.controller for i in tl.at(date(2015, 1, 1)))
    assert held["islamic_state"] > 30 and held["government"] > 30 and held["kurdish"] > 30
    area = {a.controller: a.geometry.area for a in areas_of_control(tl.at(date(2015, 1, 1)))}
    assert 0.25 < area["islamic_state"] / sum(area.values()) < 0.6  # about 40% of the country at its height
    assert Counter(i.controller for i in tl.at(date(2017, 12, 31)))["islamic_state"] == 0
    changes = tl.changes(date(2014, 6, 9), date(2014, 6, 12))
    assert {(c.name, c.after) for c in changes} >= {("Mosul", "islamic_state"), ("Tikrit", "islamic_state")}
    assert all(date(2014, 6, 9) < c.date <= date(2014, 6, 12) for c in changes)
    anbar = next(s for s in tl.shares(date(2015, 6, 1)) if s["code"] == "IQ-AN")
    assert anbar["share_islamic_state"] > 0.5
    assert abs(sum(anbar[f"share_{c}"] for c in CONTROLLERS) - 1) < 1e-3


def test_shares_by_district(tl, ocha_adm2):
    districts = AdminAreas.from_file(ocha_adm2)
    rows = tl.shares(date(2015, 6, 1), districts)
    mosul = next(r for r in rows if "Mosul" in r["name"])
    assert mosul["islamic_state"] >= 1


def events(text: str, day: date, doc: str = ""):
    return extract_events([Article(doc or f"d{day}", "", text, day)])


SAMARRA, KHALIS, TAL_AFAR = "geonames:91597", "geonames:99169", "geonames:90393"


def test_one_report_against_the_timeline_contests_the_place_for_a_while(tl):
    """An invented line (#16): the Islamic State never took Khalis, which one report cannot change for years."""
    (report,) = events("Islamic State militants seized the town of Khalis on Monday.", date(2015, 3, 4))
    new = tl.update([report])
    day = report.event_date
    assert new.controller_of(KHALIS, day - timedelta(days=1)) == "government"
    assert new.controller_of(KHALIS, day) == "contested"
    assert new.controller_of(KHALIS, day + timedelta(days=UNCONFIRMED_DAYS - 1)) == "contested"
    assert new.controller_of(KHALIS, day + timedelta(days=UNCONFIRMED_DAYS)) == "government"
    assert new.controller_of(KHALIS, date(2017, 1, 1)) == "government"
    (entry,) = new.log
    assert (entry.action, entry.before, entry.start, entry.end) == (
        "contested",
        "government",
        day,
        day + timedelta(days=UNCONFIRMED_DAYS),
    )
    assert entry.reports == (report.event_id,)
    assert tl.controller_of(KHALIS, day) == "government"  # the original is unchanged


def test_a_second_article_confirms_a_change(tl):
    first = events("Militants seized Samarra on Monday.", date(2015, 3, 4), "a")
    second = events("Samarra fell to the militants last week, residents said.", date(2015, 3, 12), "b")
    new = tl.update(first + second)
    assert new.controller_of(SAMARRA, first[0].event_date) == "islamic_state"
    assert new.controller_of(SAMARRA, date(2015, 6, 1)) == "islamic_state"
    (entry,) = new.log
    assert (entry.action, entry.before, entry.after) == ("changed", "government", "islamic_state")
    assert set(entry.reports) == {first[0].event_id, second[0].event_id}


def test_the_same_article_twice_confirms_nothing(tl):
    (first,) = events("Militants seized Samarra on Monday.", date(2015, 3, 4), "a")
    again = dataclasses.replace(first, event_id=f"{first.event_id}-2", event_date=date(2015, 3, 6))
    new = tl.update([first, again])
    assert new.controller_of(SAMARRA, date(2015, 3, 20)) == "contested"
    assert new.controller_of(SAMARRA, date(2015, 6, 1)) == "government"


def test_a_part_taken_by_the_holder_keeps_the_timeline():
    """Seed 001 (#16): militants took several neighbourhoods of Tal Afar the day the timeline has them take the
    town: it stays theirs until August 2017, not contested for three years."""
    tl = ControlTimeline.default()
    reports = events("Militants took control of several neighbourhoods of Tal Afar on Monday.", date(2014, 6, 17))
    assert [(e.location, e.extent, e.control_to) for e in reports] == [("Tal Afar", "part", "islamic_state")]
    new = tl.update(reports)
    assert new.controller_of(TAL_AFAR, date(2014, 6, 20)) == "islamic_state"
    assert new.controller_of(TAL_AFAR, date(2017, 8, 1)) == "islamic_state"
    assert new.controller_of(TAL_AFAR, date(2017, 9, 1)) == "government"
    assert [u.action for u in new.log] == ["corroborated"]


def test_corroboration_adds_the_source(tl):
    same = tl.update(events("Iraqi forces retook Tikrit on Wednesday.", date(2015, 4, 1)))
    interval = next(i for i in same.at(date(2015, 4, 2)) if i.name == "Tikrit")
    assert any(s.startswith("event:") for s in interval.sources)


def test_conflicting_reports_are_contested(tl):
    reports = events("Militants seized Balad on Monday.", date(2015, 3, 3)) + events(
        "Iraqi forces retook Balad on Tuesday.", date(2015, 3, 4)
    )
    new = tl.update(reports)
    balad = next(i for i in new.at(date(2015, 3, 4)) if i.name == "Balad")
    assert balad.controller == "contested" and "conflicting reports" in balad.note
    assert next(i for i in new.at(date(2015, 6, 1)) if i.name == "Balad").controller == "government"


def test_fighting_reported_on_extends_the_window(tl):
    reports = [
        *events("Islamic State fighters seized parts of Hit on Friday.", date(2016, 10, 22), "a"),
        *events("Islamic State fighters seized parts of Hit on Friday.", date(2016, 11, 12), "b"),
    ]
    hit = reports[0].place_id
    new = tl.update(reports)
    last = reports[1].event_date
    assert new.controller_of(hit, last + timedelta(days=UNCONFIRMED_DAYS - 1)) == "contested"
    assert new.controller_of(hit, last + timedelta(days=UNCONFIRMED_DAYS)) == "government"


def test_update_reports_what_it_cannot_apply(tl):
    """Villages near Hit changed hands, not Hit: the event has no controller; an event at a place's
    surroundings that claims one (from another source) is not applied either."""
    (near,) = events("Troops recaptured villages near Hit.", date(2016, 3, 1))
    new = tl.update([near])
    assert new.skipped and "no new controller" in new.skipped[0].reason
    new = tl.update([dataclasses.replace(near, control_to="government")])
    assert new.skipped and "geo_precision" in new.skipped[0].reason


def test_new_places_from_events(tl):
    new = tl.update(events("Peshmerga forces retook Bahrka today.", date(2014, 9, 1)))
    (pid,) = set(new.places) - set(tl.places)
    assert new.controller_of(pid, date(2014, 8, 1)) == "unknown"
    assert new.controller_of(pid, date(2014, 9, 2)) == "kurdish"


def test_areas_and_front_lines(tl):
    held = tl.at(date(2015, 1, 1))
    areas = {a.controller: a for a in areas_of_control(held)}
    outline = AdminAreas.default().outline
    assert {"government", "kurdish", "islamic_state"} <= set(areas)
    for a in areas.values():
        assert a.geometry.is_valid and outline.buffer(0.01).contains(a.geometry)
    assert areas["government"].geometry.contains(shape({"type": "Point", "coordinates": [44.40, 33.34]}))  # Baghdad
    assert areas["islamic_state"].geometry.contains(shape({"type": "Point", "coordinates": [43.12, 36.34]}))  # Mosul
    desert = shape({"type": "Point", "coordinates": [41.0, 31.5]})  # southern Anbar: no places, nobody's
    assert not any(a.geometry.contains(desert) for a in areas.values())
    lines = front_lines(held)
    assert any(line.opposing for line in lines)
    assert all(line.geometry.length > 0 for line in lines)


def test_areas_cover_the_country_like_territory(tl):
    """#16: areas from a dense set of places, not halos around 170 points: the western desert goes to who holds
    the towns around it, the areas tile without overlapping, and a front line is one line per pair of sides."""
    held = tl.at(date(2015, 6, 1))
    areas = {a.controller: a.geometry for a in areas_of_control(held)}
    desert = shape({"type": "Point", "coordinates": [40.6, 33.3]})  # between Rutba and the Syrian border
    assert areas["islamic_state"].contains(desert)
    assert areas["government"].contains(shape({"type": "Point", "coordinates": [45.5, 31.0]}))  # Dhi Qar's villages
    outline = AdminAreas.default().outline
    covered = sum(g.area for g in areas.values())
    assert covered > 0.9 * outline.area  # halos covered about half
    for a, b in itertools.combinations(areas.values(), 2):
        assert a.intersection(b).area < 1e-6
    lines = front_lines(held)
    assert len({line.sides for line in lines}) == len(lines)
    main = next(line for line in lines if line.sides == ("government", "islamic_state"))
    assert main.geometry.length > 10  # degrees: the front from the Syrian border to Diyala


def test_east_and_west_mosul_change_hands_apart(tl):
    """#16: a city is one point no more: the east bank, retaken in January 2017, is the government's while the
    west bank is still the Islamic State's."""
    areas = {a.controller: a.geometry for a in areas_of_control(tl.at(date(2017, 2, 1)))}
    east = shape({"type": "Point", "coordinates": [43.185, 36.379]})  # Zuhur, on the left bank
    west = shape({"type": "Point", "coordinates": [43.083, 36.337]})  # Yarmouk, on the right bank
    assert areas["government"].contains(east) and areas["islamic_state"].contains(west)
    quarters = [i for i in tl.at(date(2017, 5, 1)) if i.name in ("Zuhur", "Tanak")]
    assert sorted((i.name, i.controller) for i in quarters) == [("Tanak", "contested"), ("Zuhur", "government")]


def test_no_areas_after_the_war(tl):
    areas = {a.controller for a in areas_of_control(tl.at(date(2017, 12, 31)))}
    assert "islamic_state" not in areas


def test_control_layers_geojson(tl):
    layers = control_layers(tl, date(2016, 1, 1))
    for f in layers["areas"]["features"] + layers["front_lines"]["features"]:
        x, y = _first_position(f["geometry"]["coordinates"])
        assert 38 < x < 49 and 29 < y < 38  # [lon, lat]


def _first_position(coords):
    while isinstance(coords[0], list | tuple):
        coords = coords[0]
    return coords


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_write_and_read_control(tl, tmp_path, suffix):
    path = write_control(tl, tmp_path / f"intervals{suffix}")
    back = read_control(path)
    assert len(back.intervals) == len(tl.intervals)
    mosul = "geonames:99072"
    assert back.controller_of(mosul, date(2015, 1, 1)) == "islamic_state"


def test_control_at_date_geojson(tl, tmp_path):
    path = write_control(tl, tmp_path / "at.geojson", date(2016, 10, 22))
    fc = json.loads(path.read_text())
    assert fc["geo_events"]["valid_on"] == "2016-10-22"
    props = {f["properties"]["name"]: f["properties"] for f in fc["features"]}
    assert props["Qaraqosh"]["controller"] == "government" and props["Qaraqosh"]["valid_from"] == "2016-10-22"
    assert props["Mosul"]["controller"] == "islamic_state" and props["Mosul"]["valid_to"] == "2016-11-01"
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 38 < lon < 49 and 29 < lat < 38


def test_control_geopackage_layers(tl, tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    path = write_control(tl, tmp_path / "control.gpkg", date(2015, 6, 1))
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"places", "areas", "front_lines", "governorate_stats"}


@pytest.mark.parametrize("layer", ["areas", "front_lines", "stats"])
def test_control_layers_as_geojson(tl, tmp_path, layer):
    path = write_control(tl, tmp_path / f"{layer}.geojson", date(2015, 6, 1), layer=layer)
    fc = json.loads(path.read_text())
    assert fc["geo_events"] == {"valid_on": "2015-06-01", "layer": layer}
    assert all(shape(f["geometry"]).is_valid for f in fc["features"])
    if layer == "stats":
        anbar = next(f["properties"] for f in fc["features"] if f["properties"]["code"] == "IQ-AN")
        assert anbar["share_islamic_state"] > 0.5


def test_control_layer_needs_a_date(tl, tmp_path):
    with pytest.raises(ValueError, match="needs a date"):
        write_control(tl, tmp_path / "a.geojson", layer="areas")


def test_read_events_reports_bad_rows(tmp_path):
    from geo_events.io import read_events

    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": None, "properties": {"location": "Nowhere", "event_date": "2015-01-01"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}, "properties": {}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [43.3, 33.4]},
             "properties": {"location": "Ramadi", "event_date": "someday", "sub_event_type": "Armed clash"}},
        ],
    }  # fmt: skip
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps(fc))
    events, skipped = read_events(path)
    assert len(skipped) == 2 and all("no usable coordinates" in s.reason for s in skipped)
    (ramadi,) = events
    assert ramadi.event_date is None and "does not parse" in ramadi.date_note
    assert ramadi.event_type == "Battles"


def test_the_control_command_writes_a_change_log_and_a_report(tmp_path):
    import io

    from geo_events.cli import main
    from geo_events.io import write_events

    reports = [
        *events("Islamic State militants seized the town of Khalis on Monday.", date(2015, 3, 4), "a"),
        *events("Iraqi forces retook Tikrit on Wednesday.", date(2015, 4, 1), "b"),
        *events("Troops recaptured villages near Hit.", date(2016, 3, 1), "c"),
    ]
    path = write_events(reports, tmp_path / "events.geojson")
    log = io.StringIO()
    assert main(["control", str(path), "--out", str(tmp_path / "control.csv")], io.StringIO(), log) == 0
    rows = list(csv.DictReader((tmp_path / "control.csv.changes.csv").open(encoding="utf-8")))
    assert sorted((r["name"], r["action"], r["before"]) for r in rows) == [
        ("Khalis", "contested", "government"),
        ("Tikrit", "corroborated", "government"),
    ]
    report = json.loads((tmp_path / "control.csv.report.json").read_text(encoding="utf-8"))
    assert report["actions"] == {"contested": 1, "corroborated": 1}
    assert [item["reason"] for item in report["not_applied"]] == [
        "Government regains territory at Hit: no new controller"
    ]
    assert "1 contested, 1 corroborated; 1 not applied" in log.getvalue()


def test_the_control_geopackage_types_dates_and_counts(tmp_path):
    """The control layer works in QGIS's temporal controller as written (#16): DATE fields, INTEGER counts."""
    pyogrio = pytest.importorskip("pyogrio")
    path = write_control(ControlTimeline.default(), tmp_path / "control.gpkg", date(2016, 1, 1))
    places = pyogrio.read_info(path, layer="places")
    types = dict(zip(places["fields"], places["ogr_types"], strict=True))
    assert (types["valid_from"], types["valid_to"], types["confidence"]) == ("OFTDate", "OFTDate", "OFTReal")
    areas = pyogrio.read_info(path, layer="areas")
    types = dict(zip(areas["fields"], areas["ogr_types"], strict=True))
    assert (types["valid_on"], types["places"]) == ("OFTDate", "OFTInteger64")
    stats = pyogrio.read_info(path, layer="governorate_stats")
    types = dict(zip(stats["fields"], stats["ogr_types"], strict=True))
    assert types["government"] == "OFTInteger64" and types["share_government"] == "OFTReal"


def test_a_confirmation_after_the_window_was_extended_logs_one_change(tl):
    (first,) = events("Militants seized Samarra on Monday.", date(2015, 3, 4), "a")
    again = dataclasses.replace(first, event_id=f"{first.event_id}-2", event_date=date(2015, 3, 8))  # same article
    (other,) = events("Samarra fell to the militants last week, residents said.", date(2015, 3, 12), "b")
    new = tl.update([first, again, other])
    assert [(u.action, u.before, u.after) for u in new.log if u.action != "corroborated"] == [
        ("changed", "government", "islamic_state")
    ]
    assert new.controller_of(SAMARRA, date(2015, 6, 1)) == "islamic_state"


def test_a_report_for_the_holder_does_not_lengthen_a_window(tl):
    (claim,) = events("Islamic State militants seized the town of Khalis on Monday.", date(2015, 3, 4), "a")
    (denial,) = events("Iraqi forces retook Khalis on Wednesday, officials said.", date(2015, 3, 25), "b")
    new = tl.update([claim, denial])
    assert new.controller_of(KHALIS, claim.event_date + timedelta(days=UNCONFIRMED_DAYS)) == "government"


def test_one_report_on_a_place_the_timeline_lacks_holds_for_a_while_only(tl):
    """A single line cannot hand over a place the timeline lacks for good either: its surroundings take the
    place's controller in the areas."""
    (report,) = events("Peshmerga forces retook Bahrka today.", date(2014, 9, 1), "a")
    new = tl.update([report])
    day = report.event_date
    assert new.controller_of(report.place_id, day) == "kurdish"
    assert new.controller_of(report.place_id, day + timedelta(days=UNCONFIRMED_DAYS)) == "unknown"
    (second,) = events("Kurdish Peshmerga forces recaptured Bahrka on Monday.", date(2014, 9, 9), "b")
    assert tl.update([report, second]).controller_of(report.place_id, date(2015, 1, 1)) == "kurdish"


def test_a_window_that_hears_thousands_of_reports_stays_small_and_fast(tl):
    import time

    (first,) = events("Islamic State fighters seized parts of Hit on Friday.", date(2016, 10, 22), "a")
    many = [dataclasses.replace(first, event_id=f"r{k}", doc_id=f"d{k}") for k in range(4000)]
    started = time.perf_counter()
    new = tl.update(many)
    assert time.perf_counter() - started < 10  # quadratic, it took minutes; a guard, not a benchmark
    (window,) = [i for i in new.at(date(2016, 10, 22)) if i.place_id == first.place_id]
    assert window.controller == "contested" and len(window.note) < 400 and "(4000)" in window.note


def test_an_empty_control_geopackage_is_written(tmp_path):
    """Before any place is in the timeline (2013), the layers are empty, not a traceback."""
    pyogrio = pytest.importorskip("pyogrio")
    path = write_control(ControlTimeline.default(), tmp_path / "empty.gpkg", date(2013, 6, 1))
    assert pyogrio.read_info(path, layer="places")["features"] == 0


def test_control_does_not_leap_the_tigris():
    """#16: fronts ran along the great rivers (the Tigris above Baiji, 2016-2017). A place with no report takes
    its controller from the nearest held place on its own bank, not from a nearer one across the river."""

    def held(name, lon, lat, controller):
        return ControlInterval(f"test:{name}", name, lat, lon, "IQ-NI", controller, date(2016, 1, 1), None, 0.9, ())

    east = held("east bank", 43.35, 35.45, "islamic_state")  # 12 km east of the river at Shirqat
    west = held("west bank", 42.50, 35.50, "government")  # 65 km west of it
    areas = {a.controller: a.geometry for a in areas_of_control([east, west])}
    beyond = shape({"type": "Point", "coordinates": [43.05, 35.45]})  # west bank: 30 km from east, 55 from west
    assert areas["government"].contains(beyond)
    assert areas["islamic_state"].contains(shape({"type": "Point", "coordinates": [43.6, 35.4]}))


def _held(name, lon, lat, controller):
    return ControlInterval(f"test:{name}", name, lat, lon, "IQ-AN", controller, date(2016, 1, 1), None, 0.9, ())


def test_a_place_takes_the_side_most_of_its_near_neighbours_hold():
    """A place with no report of its own (Rutba here) takes the side its nearest held places hold, the nearer
    weighing more: one outpost a little nearer does not outvote the five towns around it, as the nearest
    place alone did."""
    rutba = Gazetteer.default().resolve("Rutba").place
    outpost = _held("outpost", rutba.lon + 0.10, rutba.lat, "islamic_state")
    ring = [
        _held(f"town {k}", rutba.lon + 0.13 * dx, rutba.lat + 0.13 * dy, "government")
        for k, (dx, dy) in enumerate([(-1, 0), (0, 1), (0, -1), (-0.7, 0.7), (-0.7, -0.7)])
    ]
    areas = {a.controller: a.geometry for a in areas_of_control([outpost, *ring])}
    assert areas["government"].contains(shape({"type": "Point", "coordinates": [rutba.lon, rutba.lat]}))
    alone = {a.controller: a.geometry for a in areas_of_control([outpost, *ring[:1]])}
    assert alone["islamic_state"].contains(shape({"type": "Point", "coordinates": [rutba.lon, rutba.lat]}))


def test_places_far_from_every_held_place_are_nobodys():
    one = _held("lone", 41.0, 33.0, "government")
    areas = areas_of_control([one], radius=1e-6)
    assert [a.controller for a in areas] == ["government"] and areas[0].places == 1
    assert areas[0].geometry.area < 0.5 * AdminAreas.default().outline.area
