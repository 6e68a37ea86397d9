"""Loaders: GeoNames dumps, alternate names, CSV; bad rows skipped and reported."""

import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer, GazetteerDataError
from gazetteer.index import NameIndex
from gazetteer.sources import read_csv, read_geonames
from gazetteer.sources.geonames import feature_kind

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(tmp_path / "cache"))


def test_geonames_dump_good_and_bad_rows():
    places, report = read_geonames(DATA / "IQ_sample.txt")
    names = {p.name for p in places}
    assert {"Al Fallūjah", "Tall ‘Afar", "Al ‘Amārah", "Sadd Ḩadīthah", "Jabal Ḩamrīn"} <= names
    assert report.rows_read == 13
    assert report.loaded == len(places) == 7
    reasons = {row.line: row.reason for row in report.skipped}
    assert "swapped" in reasons[8]
    assert "out of range" in reasons[9]
    assert "not numbers" in reasons[10]
    assert "not IQ" in reasons[11]
    assert "not a place" in reasons[7]
    assert "expected 19" in reasons[13]
    assert report.skipped_count == 6
    assert "6 skipped" in report.summary()


def test_geonames_governorates_and_kinds():
    places, _ = read_geonames(DATA / "IQ_sample.txt")
    by_name = {p.name: p for p in places}
    assert by_name["Al Fallūjah"].governorate == "IQ-AN"
    assert by_name["Al Fallūjah"].kind == "city"
    assert by_name["Al ‘Amārah"].kind == "capital"
    assert by_name["Sadd Ḩadīthah"].kind == "facility"
    assert by_name["Jabal Ḩamrīn"].kind == "terrain"


def test_gazetteer_from_geonames_resolves_and_merges_adm1():
    gz = Gazetteer.from_geonames(DATA / "IQ_sample.txt", cache=False)
    assert gz.resolve("Telafar").place.id == "geonames:90393"
    diyala = gz.resolve("Muhafazat Diyala")
    assert diyala.place.id == "ne:IQ-DI"  # the ADM1 row lent its names to the packaged governorate
    assert gz.resolve("Tehran") is None  # a row of another country is not loaded as Iraqi
    assert gz.resolve("Tigris") is None  # a stream is not a place


def test_alternate_names_file():
    gz = Gazetteer.from_geonames(DATA / "IQ_sample.txt", DATA / "alternateNames_sample.txt", cache=False, extend=False)
    assert gz.resolve("Emare").name == "Al ‘Amārah"
    assert not any("https" in n for p in gz for n in p.names)
    assert any("names read" in note for note in gz.reports[0].notes)  # the malformed line is reported


def test_zip_dump(tmp_path):
    z = tmp_path / "IQ.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.write(DATA / "IQ_sample.txt", "IQ.txt")
    _places, report = read_geonames(z)
    assert report.loaded == 7


def test_cache_round_trip(tmp_path):
    first = Gazetteer.from_geonames(DATA / "IQ_sample.txt")
    cached = list((tmp_path / "cache").glob("gazetteer-*.pickle"))
    assert len(cached) == 1
    second = Gazetteer.from_geonames(DATA / "IQ_sample.txt")
    assert [p.id for p in second] == [p.id for p in first]
    cached[0].write_bytes(b"not a pickle")  # a broken cache is rebuilt, not fatal
    assert len(Gazetteer.from_geonames(DATA / "IQ_sample.txt")) == len(first)


def test_default_gazetteer_is_read_back_from_the_cache(tmp_path, monkeypatch):
    build = Gazetteer.embedded.__wrapped__  # past the once-per-process memo
    stale = tmp_path / "cache" / "default-0123456789.pickle"
    stale.parent.mkdir(mode=0o700)  # a cache folder others may write is not used
    stale.write_bytes(b"built by an older version")
    first = build(Gazetteer)
    cached = list((tmp_path / "cache").glob("default-*.pickle"))
    assert len(cached) == 1 and cached[0] != stale  # the older file is replaced

    def index_again(*args, **kwargs):
        raise AssertionError("the cached gazetteer was indexed again")

    with monkeypatch.context() as m:
        m.setattr(NameIndex, "__init__", index_again)
        second = build(Gazetteer)

    def answer(gz, name):
        res = gz.lookup(name)
        return res.status, res.match and res.match.place.id, res.foreign

    for name in ["Telafer", "Tehran", "الفلوجة", "Al-BuKamal"]:
        assert answer(first, name) == answer(second, name)
    cached[0].write_bytes(b"not a pickle")  # a broken cache is rebuilt, not fatal
    assert len(build(Gazetteer)) == len(first)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "no usable place"),
        (b"just some text\nwithout tabs\n", "no usable place"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "no usable place"),
    ],
)
def test_unusable_geonames_files(tmp_path, content, message):
    path = tmp_path / "IQ.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GazetteerDataError, match=message) as info:
        read_geonames(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_corrupt_and_truncated_zip(tmp_path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as zf:
        zf.write(DATA / "IQ_sample.txt", "IQ.txt")
    bad = tmp_path / "IQ.zip"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(GazetteerDataError, match="download it again"):
        read_geonames(bad)


def test_truncated_dump_keeps_good_rows(tmp_path):
    text = (DATA / "IQ_sample.txt").read_text("utf-8")
    path = tmp_path / "IQ.txt"
    path.write_text(text[: text.index("Al ‘Amārah") + 20], encoding="utf-8")
    places, report = read_geonames(path)
    assert [p.name for p in places] == ["Al Fallūjah", "Tall ‘Afar"]
    assert report.reasons["malformed rows"] == 1


def test_non_utf8_dump_is_read_with_a_note(tmp_path):
    path = tmp_path / "IQ.txt"
    path.write_bytes((DATA / "IQ_sample.txt").read_text("utf-8").replace("ū", "u").encode("cp1256", "replace"))
    _places, report = read_geonames(path)
    assert report.loaded == 7
    assert any("not UTF-8" in n for n in report.notes)


def test_csv_loader():
    places, report = read_csv(DATA / "places.csv")
    assert [p.name for p in places] == ["Hamam al-Alil", "Al-Hamidiya", "Al-Hamidiya", "Tal Abta"]
    assert [p.governorate for p in places] == ["IQ-NI", "IQ-AN", "IQ-BB", "IQ-NI"]
    assert places[0].alt_names == ("Hammam al Alil", "Hammam al-Alil")
    reasons = {row.line: row.reason for row in report.skipped}
    assert reasons[5] == "no name"
    assert "swapped" in reasons[6]
    assert "outside Iraq" in reasons[7]
    assert "not numbers" in reasons[8]


def test_csv_windows_1256_and_semicolons(tmp_path):
    path = tmp_path / "arabic.csv"
    path.write_bytes("name;alt_names;latitude;longitude\nحديثة;Haditha;34,1366;42,3773\n".encode("cp1256"))
    places, report = read_csv(path)
    assert places[0].name == "حديثة" and places[0].governorate == "IQ-AN"
    assert any("cp1256" in n for n in report.notes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("place,where\nHit,here\n", "missing column"),
        ("name,lat,lon\nX,abc,def\n", "no usable row"),
    ],
)
def test_unusable_csv(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=message):
        read_csv(path)


def test_csv_declared_governorate(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name,lat,lon,governorate\nA,33.35,43.78,IQ-BG\nB,33.35,43.78,XX-99\n", encoding="utf-8")
    places, report = read_csv(path)
    assert places[0].governorate == "IQ-BG"
    assert any("declared IQ-BG" in n for n in report.notes)
    assert "unknown governorate code" in report.skipped[0].reason


@pytest.mark.parametrize(
    ("fclass", "fcode", "population", "kind"),
    [
        ("P", "PPLC", 7_000_000, "capital"),
        ("P", "PPLA", 0, "capital"),
        ("P", "PPLA2", 0, "town"),
        ("P", "PPL", 150_000, "city"),
        ("P", "PPL", 6_000, "town"),
        ("P", "PPL", 300, "village"),
        ("P", "PPLX", 0, "area"),
        ("A", "ADM1", 0, "governorate"),
        ("A", "ADM2", 0, "area"),
        ("S", "AIRB", 0, "facility"),
        ("T", "MT", 0, "terrain"),
    ],
)
def test_feature_kinds(fclass, fcode, population, kind):
    assert feature_kind(fclass, fcode, population) == kind
