"""Every shipped record: coordinates, governorates, ids, names."""

import csv
from importlib import resources
from pathlib import Path

import pytest
from shapely.geometry import Point

from gazetteer import AdminAreas, Gazetteer
from gazetteer.admin import GOVERNORATE_CODES
from gazetteer.place import KINDS

PLACES = list(
    csv.DictReader(resources.files("gazetteer").joinpath("data/places.tsv").open(encoding="utf-8"), delimiter="\t")
)
ISO_CODES = {
    "IQ-AN", "IQ-AR", "IQ-BA", "IQ-BB", "IQ-BG", "IQ-DA", "IQ-DI", "IQ-DQ", "IQ-KA",
    "IQ-KI", "IQ-MA", "IQ-MU", "IQ-NA", "IQ-NI", "IQ-QA", "IQ-SD", "IQ-SU", "IQ-WA",
}  # fmt: skip
#: Natural Earth's governorate polygons are coarse (Baghdad's is far too small): a point may lie this
#: far outside its governorate's polygon (the farthest, on Baghdad's western edge, 0.34 degrees).
#: ``test_points_lie_in_their_governorate`` checks them against OCHA's detailed polygons.
NATURAL_EARTH_SLACK_DEG = 0.35


def test_size():
    gz = Gazetteer.default()
    assert len(gz) >= 250
    assert sum(len(p.names) for p in gz) >= 2500


def test_governorate_polygons():
    areas = AdminAreas.default()
    assert {a.code for a in areas} == ISO_CODES
    for area in areas:
        assert area.geometry.is_valid and not area.geometry.is_empty
        minx, miny, maxx, maxy = area.geometry.bounds
        assert 38 < minx < maxx < 49 and 29 < miny < maxy < 38.5  # lon/lat order, inside Iraq's box
    assert set(GOVERNORATE_CODES.values()) == ISO_CODES


@pytest.mark.parametrize("row", PLACES, ids=lambda r: r["id"])
def test_every_place_record(row):
    lat, lon = float(row["lat"]), float(row["lon"])
    assert 29 < lat < 37.5 and 38.7 < lon < 48.7, "outside Iraq's bounding box (or lat/lon swapped)"
    assert row["governorate"] in ISO_CODES
    assert row["governorate_name"] == AdminAreas.default().get(row["governorate"]).name
    assert row["name"].strip() == row["name"] and row["name"]
    assert row["kind"] in KINDS and row["kind"] != "foreign"
    assert all(a.strip() for a in row["alt_names"].split("|") if row["alt_names"])
    area = AdminAreas.default().get(row["governorate"]).geometry
    assert area.distance(Point(lon, lat)) <= NATURAL_EARTH_SLACK_DEG


def test_ids_unique_and_capitals():
    ids = [r["id"] for r in PLACES]
    assert len(ids) == len(set(ids))
    capitals = {r["governorate"] for r in PLACES if r["kind"] == "capital"}
    assert capitals == ISO_CODES  # every governorate has its seat


def test_points_lie_in_their_governorate(ocha_adm1):
    """Against OCHA's detailed boundaries, every place's governorate is exact."""
    ocha = AdminAreas.from_file(ocha_adm1, level=1)
    wrong = []
    for row in PLACES:
        found = ocha.locate(float(row["lon"]), float(row["lat"]), tolerance=0.02)
        if row["kind"] != "governorate" and (found is None or found.code != row["governorate"]):
            wrong.append((row["name"], row["governorate"], found and found.code))
    assert not wrong


SOURCES = Path(__file__).resolve().parent.parent / "data_sources"


def _table(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", _table("sourced_places.csv"), ids=lambda r: r["name"])
def test_every_sourced_row_cites_where_its_point_comes_from(row):
    assert row["source"].startswith(("http://", "https://", "geonames:", "osm:")), row["source"]
    assert row["precision"] in ("point", "approximate")
    assert row["kind"] in KINDS and row["governorate"] in ISO_CODES
    assert (row["kind"] == "neighbourhood") == bool(row["city"])


def test_every_curated_row_cites_a_source():
    rows = _table("curated_places.csv")
    assert all(r["precision"] in ("point", "approximate") for r in rows)
    assert [r["name"] for r in rows if not r["source"].startswith(("http://", "https://", "geonames:", "osm:"))] == []


def _reported_names() -> list[dict[str, str]]:
    with (SOURCES / "reported_names.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@pytest.mark.parametrize("row", _reported_names(), ids=lambda r: r["name"])
def test_every_reported_name_cites_its_report_and_finds_its_place(row):
    """A name the news spelled a place by (``reported_names.csv``) finds that place: alone, or among the places
    it may be when it is shared (*Ibrahim Khalil* is also the border crossing)."""
    assert row["source"].startswith(("http://", "https://")) and row["example"]
    gz = Gazetteer.default()
    place = gz.get(row["place"])
    found = gz.lookup(row["name"])
    ids = {c.place.id for c in found.candidates} | ({found.match.place.id} if found.match else set())
    assert place.id in ids, (row["name"], found.status)


def test_map_marks_are_points_in_iraq():
    lines = [line.split("\t") for line in (SOURCES / "conflict_map_marks.tsv").read_text("utf-8").splitlines()]
    marks = [cells for cells in lines if cells[0] and not cells[0].startswith("#")]
    assert len(marks) > 1400 and all(len(cells) == 5 and cells[3] for cells in marks)
    assert all(29 < float(lat) < 38 and 38 < float(lon) < 49 for lat, lon, *_ in marks)


def test_sourced_rows_lie_in_the_district_they_name(ocha_adm2):
    """Against OCHA's districts: a sourced row that names an OCHA district (``Al-Mosul``) lies in it, so that a
    point off by tens of kilometres (a lat/lon slip, a homonym) is caught."""
    districts = AdminAreas.from_file(ocha_adm2, level=2)
    names = {area.name for area in districts}
    wrong = []
    for row in _table("sourced_places.csv"):
        if row["district"] in names:
            found = districts.locate(float(row["lon"]), float(row["lat"]), tolerance=0.02)
            if found is None or found.name != row["district"]:
                wrong.append((row["name"], row["district"], found and found.name))
    assert not wrong
