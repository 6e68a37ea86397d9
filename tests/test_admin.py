"""Governorate polygons, point-in-polygon, user boundaries (OCHA COD-AB)."""

import json

import numpy as np
import pytest
from shapely.geometry import Point

from gazetteer import AdminAreas, Gazetteer, GazetteerDataError
from gazetteer.rivers import bank_of, rivers

# (name, lat, lon, ISO code): lat/lon given the way people write them.
POINTS = [
    ("Fallujah", 33.349, 43.786, "IQ-AN"),
    ("Mosul", 36.335, 43.119, "IQ-NI"),
    ("Kirkuk", 35.468, 44.392, "IQ-KI"),
    ("Tikrit", 34.616, 43.679, "IQ-SD"),
    ("Baqubah", 33.754, 44.605, "IQ-DI"),
    ("Basra", 30.509, 47.780, "IQ-BA"),
    ("Erbil", 36.191, 44.009, "IQ-AR"),
    ("Duhok", 36.866, 42.988, "IQ-DA"),
    ("Al-Faw", 29.974, 48.473, "IQ-BA"),  # on the coast: the tolerance keeps it
]


@pytest.mark.parametrize(("name", "lat", "lon", "code"), POINTS)
def test_locate_lon_first(name, lat, lon, code):
    areas = AdminAreas.default()
    assert areas.locate(lon, lat).code == code
    swapped = areas.locate(lat, lon)
    assert swapped is None or swapped.code != code  # the classic lat/lon mistake does not pass silently


@pytest.mark.parametrize(("lat", "lon"), [(35.69, 51.42), (48.2, 16.37), (35.95, 39.01), (0.0, 0.0)])
def test_outside_iraq(lat, lon):
    assert AdminAreas.default().locate(lon, lat) is None


def test_locate_many_matches_locate():
    areas = AdminAreas.default()
    found = areas.locate_many([p[2] for p in POINTS], [p[1] for p in POINTS])
    assert [a.code for a in found] == [p[3] for p in POINTS]
    assert areas.locate_many([], []) == []


def test_outline():
    outline = AdminAreas.default().outline
    assert outline.is_valid and 400_000 / 111**2 < outline.area < 480_000 / 111**2 * 1.3


def test_ocha_districts(ocha_adm2):
    districts = AdminAreas.from_file(ocha_adm2)
    assert len(districts) == 101
    assert all(d.level == 2 and d.governorate for d in districts)
    falluja = districts.locate(43.786, 33.349)
    assert falluja.governorate == "IQ-AN" and "Falluja" in falluja.name


def test_ocha_governorates_get_iso_codes(ocha_adm1):
    govs = AdminAreas.from_file(ocha_adm1)
    assert len(govs) == 18
    assert {g.code for g in govs} == {a.code for a in AdminAreas.default()}


def test_gazetteer_with_districts(ocha_adm2):
    gz = Gazetteer.default().with_boundaries(ocha_adm2)
    assert "Falluja" in gz.resolve("Saqlawiya").place.district
    assert "Mosul" in gz.resolve("Mosul").place.district
    assert gz.resolve("Anbar").place.district is None  # an area has no single district


def test_boundaries_in_another_crs_are_reprojected(tmp_path):
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import box

    frame = geopandas.GeoDataFrame(
        {"ADM2_EN": ["Box"], "ADM2_PCODE": ["X1"], "ADM1_EN": ["Al-Anbar"]},
        geometry=[box(43.5, 33.0, 44.0, 33.5)],
        crs=4326,
    ).to_crs(3857)
    path = tmp_path / "mercator.geojson"
    frame.to_file(path, driver="GeoJSON")
    areas = AdminAreas.from_file(path)
    assert areas.locate(43.786, 33.349).name == "Box"
    assert areas[0].governorate == "IQ-AN"


def test_invalid_polygon_is_repaired(tmp_path):
    bowtie = [[43.5, 33.0], [44.0, 33.5], [44.0, 33.0], [43.5, 33.5], [43.5, 33.0]]
    path = tmp_path / "bowtie.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Bowtie"},
                        "geometry": {"type": "Polygon", "coordinates": [bowtie]},
                    }
                ],
            }
        )
    )
    areas = AdminAreas.from_file(path, level=1)
    assert areas[0].geometry.is_valid


@pytest.mark.parametrize("content", [None, "not json", '{"type": "FeatureCollection", "features": []}'])
def test_unreadable_boundaries(tmp_path, content):
    path = tmp_path / "b.geojson"
    if content is not None:
        path.write_text(content)
    with pytest.raises(GazetteerDataError, match=str(path.name)):
        AdminAreas.from_file(path)


@pytest.mark.parametrize(
    "river, town",
    [("Tigris", "Mosul"), ("Tigris", "Samarra"), ("Tigris", "Kut"), ("Tigris", "Amarah"), ("Euphrates", "Qaim"),
     ("Euphrates", "Haditha"), ("Euphrates", "Hit"), ("Euphrates", "Samawah"), ("Shatt al-Arab", "Basra")],
)  # fmt: skip
def test_rivers_pass_their_towns(river, town):
    """The packaged rivers run past the towns on their banks: [longitude, latitude] (swapped, the Tigris would
    run through the Indian Ocean), within the 1:50m lines' few kilometres."""
    line = next(r.geometry for r in rivers() if r.name == river)
    place = Gazetteer.default().resolve(town).place
    assert line.distance(Point(place.lon, place.lat)) * 111 < 6


def test_banks_part_the_rivers():
    """Baghdad's west and Fallujah lie between the rivers, Kirkuk east of the Tigris, Rutba west of the
    Euphrates; a point on a river lies on no bank."""
    names = {"Fallujah-east": (43.86, 33.40), "Baghdad-west": (44.25, 33.30), "Kirkuk": (44.39, 35.47),
             "Rutba": (40.29, 33.04), "Mosul-old-city": (43.13, 36.34)}  # fmt: skip
    lon, lat = zip(*names.values(), strict=True)
    bank = dict(zip(names, bank_of(np.array(lon), np.array(lat)).tolist(), strict=True))
    assert bank["Fallujah-east"] == bank["Baghdad-west"] >= 0
    assert len({bank["Fallujah-east"], bank["Kirkuk"], bank["Rutba"]}) == 3
    assert bank["Mosul-old-city"] == -1
