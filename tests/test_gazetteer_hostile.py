"""Hostile and bad input to the gazetteer: wrong argument types, unusable contexts, zip bombs,
broken rows, huge fields, ambiguity with thousands of places, a cache others may write, boundary
files in metres, and property-based fuzzing of names and data files (issue 12)."""

import contextlib
import csv
import io
import json
import os
import pickle
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import (
    AdminAreas,
    AmbiguousPlaceError,
    Gazetteer,
    GazetteerDataError,
    GazetteerError,
    Place,
    UnknownPlaceError,
)
from gazetteer import gazetteer as gazetteer_module
from gazetteer.sources import geonames, read_csv, read_geonames, table

DATA = Path(__file__).parent / "data"
SAMPLE = (DATA / "IQ_sample.txt").read_bytes()
#: A GeoNames row that loads (Fallujah), to add to generated files.
GOOD_GEONAMES_ROW = SAMPLE.decode("utf-8").splitlines()[0]


@pytest.fixture(scope="module")
def gz():
    return Gazetteer.default()


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(tmp_path_factory.mktemp("cache")))


# -- 1. API arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["lookup", "resolve", "candidates"])
@pytest.mark.parametrize("name", [b"Mosul", 42, 3.5, ["Mosul"], ("Mosul",), object()])
def test_a_name_that_is_not_a_str_is_a_type_error(gz, method, name):
    with pytest.raises(TypeError, match="must be a str") as info:
        getattr(gz, method)(name)
    assert isinstance(info.value, GazetteerError)


def test_bytes_are_told_to_be_decoded(gz):
    with pytest.raises(TypeError, match=r"decode it first"):
        gz.lookup(b"Mosul")


@pytest.mark.parametrize("name", [None, "", "   ", "\t\n"])
def test_none_and_blank_names_are_no_place(gz, name):
    res = gz.lookup(name)
    assert (res.status, res.match, res.reason) == ("unknown", None, "empty name")
    assert gz.resolve(name) is None
    assert gz.candidates(name) == []
    with pytest.raises(UnknownPlaceError, match="empty name"):
        gz.resolve(name, strict=True)


# Words that share (or nearly share) the transliteration key of a longer or differently spelled
# name, because keys merge vowels with the w and y beside them: "None" and Ninewa are both "nana".
# "None" is what the CLI gets for a missing value (geo-events resolve None).
@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Heet", "Hit"),
        ("Hitt", "Hit"),
        ("Aana", "Anah"),
        ("Tikreet", "Tikrit"),
        ("Mosl", "Mosul"),
        ("Nineveh", "Ninawa"),
        ("Ninewa", "Ninawa"),
    ],
)
def test_short_real_spellings_still_resolve(gz, spelling, name):
    match = gz.resolve(spelling)
    assert match is not None and match.name == name, gz.lookup(spelling)


# -- 2. candidates(limit=...) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "error"),
    [(-1, ValueError), (0, ValueError), ("3", TypeError), (2.5, TypeError), (None, TypeError), (True, TypeError)],
)
def test_candidates_limit_must_be_a_positive_int(gz, limit, error):
    with pytest.raises(error, match="limit") as info:
        gz.candidates("Amiriya", limit=limit)
    assert isinstance(info.value, GazetteerError)


def test_candidates_limit_is_kept(gz):
    assert len(gz.candidates("Amiriya", limit=1)) == 1
    assert len(gz.candidates("Amiriya", limit=50)) == 2


# -- 3. context --------------------------------------------------------------------------------------


@pytest.mark.parametrize("context", ["Narnia", "IQ-XX", ["Ramadi", "Narnia"], "", "Iraq"])
def test_an_unusable_context_is_an_error(gz, context):
    bad = context[-1] if isinstance(context, list) else context
    with pytest.raises(ValueError, match=f"context {bad!r}") as info:
        gz.lookup("Amiriya", context=context)
    assert isinstance(info.value, GazetteerError)
    assert "IQ-DI" in str(info.value)  # says what is accepted
    with pytest.raises(ValueError):
        gz.lookup("Qwxzv", context=context)  # whatever the name


@pytest.mark.parametrize("context", [42, [42], b"IQ-BG", [b"IQ-BG"]])
def test_a_context_of_the_wrong_type_is_an_error(gz, context):
    with pytest.raises(TypeError, match="context") as info:
        gz.lookup("Amiriya", context=context)
    assert isinstance(info.value, GazetteerError)


@pytest.mark.parametrize(
    ("context", "governorate"),
    [
        ("IQ-BG", "IQ-BG"),
        ("iq-bg", "IQ-BG"),
        ("Baghdad", "IQ-BG"),  # the city: nearby
        ("Anbar", "IQ-AN"),  # the governorate
        (["Fallujah"], "IQ-AN"),
        (["Fallujah", None], "IQ-AN"),
        ("Karrada", "IQ-BG"),
    ],
)
def test_usable_contexts_keep_working(gz, context, governorate):
    assert gz.resolve("Amiriya", context=context).place.governorate == governorate


def test_contexts_of_places_and_matches_keep_working(gz):
    fallujah = gz.resolve("Fallujah")
    for context in (fallujah, fallujah.place, [fallujah.place], (m for m in [fallujah]), {fallujah.place}):
        assert gz.resolve("Amiriya", context=context).place.governorate == "IQ-AN"


def test_an_ambiguous_or_foreign_context_is_no_error(gz):
    assert gz.lookup("Ramadi", context="Amiriya").status == "resolved"  # a place, but which: no help
    assert gz.lookup("Ramadi", context="Abu Kamal").status == "resolved"  # across the border


# -- 4. zip files --------------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _patch_headers(path: Path, local_offset: int, central_offset: int, value: int) -> None:
    """Set a 2-byte field of the (only) member's local and central headers."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = data.index(signature) + offset
        data[at : at + 2] = value.to_bytes(2, "little")
    path.write_bytes(bytes(data))


def test_zip_members_are_read_as_streams(tmp_path, monkeypatch):
    def read_whole(*args, **kwargs):
        raise AssertionError("a member was read into memory whole")

    monkeypatch.setattr(zipfile.ZipFile, "read", read_whole)
    _places, report = read_geonames(_zip(tmp_path / "IQ.zip", {"readme.txt": b"r", "IQ.txt": SAMPLE}))
    assert report.loaded == 7


def test_a_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(geonames, "MAX_UNZIPPED_BYTES", 100_000, raising=False)
    bomb = _zip(tmp_path / "IQ.zip", {"IQ.txt": SAMPLE + b"\n" * 5_000_000})  # 5 MB in 5 KB
    assert bomb.stat().st_size < 20_000
    with pytest.raises(GazetteerDataError, match="expands to more than"):
        read_geonames(bomb)


def test_a_member_under_the_bound_loads(tmp_path, monkeypatch):
    monkeypatch.setattr(geonames, "MAX_UNZIPPED_BYTES", len(SAMPLE) + 10, raising=False)
    assert read_geonames(_zip(tmp_path / "IQ.zip", {"IQ.txt": SAMPLE}))[1].loaded == 7


def test_an_over_long_line_is_skipped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(geonames, "MAX_LINE_BYTES", 5_000, raising=False)
    text = SAMPLE.replace(b"\n", b"\n" + b"x" * 20_000 + b"\n", 1)
    _places, report = read_geonames(_zip(tmp_path / "IQ.zip", {"IQ.txt": text}))
    assert report.loaded == 7
    assert "longer than" in {r.line: r.reason for r in report.skipped}[2]


def _encrypted(path):
    _zip(path, {"IQ.txt": SAMPLE})
    _patch_headers(path, 6, 8, 0x1)  # general purpose flags: encrypted


def _unknown_method(path):
    _zip(path, {"IQ.txt": SAMPLE})
    _patch_headers(path, 8, 10, 99)  # compression method 99 (AES), which zipfile cannot read


def _corrupt_deflate(path):
    _zip(path, {"IQ.txt": SAMPLE * 20})
    data = bytearray(path.read_bytes())
    data[100:140] = b"\xff" * 40  # inside the compressed stream
    path.write_bytes(bytes(data))


def _no_dump(path):
    _zip(path, {"readme.txt": b"GeoNames", "IQ.csv": b"a,b"})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_encrypted, "encrypted"),
        (_unknown_method, "cannot decompress"),
        (_corrupt_deflate, "download it again"),
        (_no_dump, "no .txt"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "download it again"),
        (lambda p: p.write_bytes(b""), "download it again"),
    ],
    ids=["encrypted", "unknown-method", "corrupt-deflate", "no-txt", "not-a-zip", "empty"],
)
def test_bad_zips_are_clear_errors(tmp_path, make, message):
    path = tmp_path / "IQ.zip"
    make(path)
    with pytest.raises(GazetteerDataError, match=message) as info:
        read_geonames(path)
    assert str(path) in str(info.value)


def test_a_bad_alternate_names_zip_is_a_clear_error(tmp_path):
    alt = tmp_path / "alternateNames.zip"
    _encrypted(alt)
    with pytest.raises(GazetteerDataError, match="encrypted"):
        read_geonames(DATA / "IQ_sample.txt", alt)


# -- 5. populations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "expected"), [("²", 0), ("1²", 0), ("9" * 5000, 0), ("-5", 0), ("١٢٠٠", 1200), ("3500", 3500)]
)
def test_geonames_population_that_is_not_a_number_is_unknown_with_a_note(tmp_path, population, expected):
    cols = GOOD_GEONAMES_ROW.split("\t")
    cols[14] = population
    path = tmp_path / "IQ.txt"
    path.write_text("\t".join(cols) + "\n", encoding="utf-8")
    places, report = read_geonames(path)
    assert places[0].population == expected
    assert (expected == 0) == any("population" in n and ":1:" in n for n in report.notes)


def test_csv_population_that_is_not_a_number_is_unknown_with_a_note(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,lat,lon,population\nFallujah,33.35,43.78,²\nRamadi,33.42,43.31,12000\n", encoding="utf-8")
    places, report = read_csv(path)
    assert [p.population for p in places] == [0, 12000]
    assert any("p.csv:2: population '²'" in n for n in report.notes)


def test_notes_are_capped(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,lat,lon,population\n" + "Fallujah,33.35,43.78,many\n" * 3000, encoding="utf-8")
    _places, report = read_csv(path)
    assert report.loaded == 3000
    assert len(report.notes) == 1001 and "left out" in report.notes[-1]


# -- 6. many rows sharing a name --------------------------------------------------------------------


def test_many_rows_of_one_name_load_in_linear_time(tmp_path):
    """60,000 rows of one name: a minute or more when indexing is quadratic, about a second when linear."""
    path = tmp_path / "many.csv"
    rows = (f"Hamidiya,{33.0 + (i % 100) * 0.01:.2f},{43.0 + (i // 100) % 100 * 0.01:.2f}" for i in range(60_000))
    path.write_text("name,lat,lon\n" + "\n".join(rows) + "\n", encoding="utf-8")
    gz = Gazetteer.from_csv(path)
    assert gz.reports[0].loaded == 60_000
    assert gz.lookup("Hamidiya").status in ("resolved", "ambiguous")


def test_many_governorate_rows_load_in_linear_time(tmp_path):
    """Rows of kind governorate lend their names to the packaged governorate: once each, not again and again."""
    path = tmp_path / "govs.csv"
    rows = (f"Diyala {i},34.05,44.88,governorate" for i in range(30_000))
    path.write_text("name,lat,lon,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    gz = Gazetteer.from_csv(path)
    assert gz.resolve("Diyala 29999").place.id == "ne:IQ-DI"


# -- 7. huge CSV fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [120_000, 200_000, 2_000_000])
def test_a_csv_row_with_a_huge_field_is_skipped_and_reported(tmp_path, size):
    path = tmp_path / "big.csv"
    path.write_text(
        f"name,alt_names,lat,lon\nRamadi,,33.42,43.31\nHit,{'x' * size},33.64,42.83\nFallujah,,33.35,43.78\n",
        encoding="utf-8",
    )
    places, report = read_csv(path)
    assert [p.name for p in places] == ["Ramadi", "Fallujah"]
    (skipped,) = report.skipped
    assert skipped.line == 3 and f"{table.MAX_FIELD_CHARS:,}" in skipped.reason
    assert report.rows_read == report.loaded + report.skipped_count == 3


def test_a_huge_header_is_a_clear_error(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(f"name,lat,lon,{'x' * 200_000}\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="header"):
        read_csv(path)


def test_classic_mac_line_ends(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"name,lat,lon\rFallujah,33.35,43.78\rRamadi,33.42,43.31\r")
    assert [p.name for p in read_csv(path)[0]] == ["Fallujah", "Ramadi"]


# -- 8. a name shared by thousands of places ----------------------------------------------------------


def test_ambiguity_with_thousands_of_places_lists_ten(tmp_path):
    places = [
        Place(f"x:{i}", "Hamidiya", 30.0 + 0.3 * (i // 50), 39.0 + 0.3 * (i % 50), "village") for i in range(3000)
    ]
    many = Gazetteer(places)
    res = many.lookup("Hamidiya")
    assert res.status == "ambiguous"
    assert len(res.candidates) == 10 and res.more_candidates == 2990
    assert "and 2990 more" in res.reason and len(res.reason) < 1000
    assert len(json.dumps(res.to_dict())) < 5000
    with pytest.raises(AmbiguousPlaceError, match="and 2990 more") as info:
        many.resolve("Hamidiya", strict=True)
    assert len(str(info.value)) < 1000


# -- 9. the on-disk cache -----------------------------------------------------------------------------


class _RunsCode:
    """Unpickling this creates a file: what a planted cache could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


needs_posix = pytest.mark.skipif(not hasattr(os, "getuid"), reason="no owner nor mode bits (Windows)")


@needs_posix
@pytest.mark.parametrize(("folder_mode", "file_mode"), [(0o777, 0o600), (0o770, 0o600), (0o700, 0o666), (0o700, 0o620)])
def test_a_cache_others_may_write_is_never_unpickled(tmp_path, monkeypatch, folder_mode, file_mode):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(folder))
    marker = tmp_path / "code-ran"
    planted = gazetteer_module._cache_path([DATA / "IQ_sample.txt"], gazetteer_module._embedded_digest())
    planted.write_bytes(pickle.dumps(_RunsCode(marker)))
    planted.chmod(file_mode)
    folder.chmod(folder_mode)
    try:
        gz = Gazetteer.from_geonames(DATA / "IQ_sample.txt")
    finally:
        folder.chmod(0o700)
    assert not marker.exists()
    assert gz.resolve("Telafar") is not None  # built in memory instead
    assert sorted(folder.iterdir()) == [planted]  # and nothing written there


@needs_posix
def test_the_cache_folder_is_created_private(tmp_path, monkeypatch):
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(folder))
    Gazetteer.from_geonames(DATA / "IQ_sample.txt")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert len(list(folder.glob("gazetteer-*.pickle"))) == 1
    Gazetteer.from_geonames(DATA / "IQ_sample.txt")  # and read back


# -- 10. boundaries in metres ----------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "message"), [(".gpkg", "no CRS"), (".geojson", "declares WGS 84")])
def test_boundaries_in_metres_are_refused(tmp_path, suffix, message):
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import box

    frame = geopandas.GeoDataFrame({"name": ["Box"]}, geometry=[box(300_000, 3_600_000, 400_000, 3_700_000)], crs=None)
    path = tmp_path / f"utm{suffix}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "'crs' was not provided": the point
        frame.to_file(path)
    with pytest.raises(GazetteerDataError, match=message) as info:
        AdminAreas.from_file(path, level=1)
    assert "not degrees" in str(info.value) and "ogr2ogr -a_srs" in str(info.value)


def test_boundaries_in_degrees_without_a_crs_still_load(tmp_path):
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import box

    frame = geopandas.GeoDataFrame({"name": ["Box"]}, geometry=[box(43.5, 33.0, 44.0, 33.5)], crs=None)
    path = tmp_path / "degrees.gpkg"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "'crs' was not provided": the point
        frame.to_file(path)
    assert AdminAreas.from_file(path, level=1).locate(43.786, 33.349).name == "Box"


# -- 11. fuzzing ---------------------------------------------------------------------------------------

_names = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0x600, max_codepoint=0x6FF), max_size=30),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Cs", "Mn"]), max_size=30),
    st.text(alphabet="al- 'Fmosuhdiyet\u2019", max_size=30),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1, 20_000)),
    st.sampled_from(["None", "Mosul", "الموصل", "Amiriya", "Hamidiya", "Tehran", "Tigris", "Iraq"]),
)
_contexts = st.one_of(st.none(), st.sampled_from(["IQ-AN", "Diyala", "Ramadi"]), st.text(max_size=12))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(name=_names, context=_contexts, limit=st.integers(1, 20))
def test_fuzz_names_raise_only_documented_errors(gz, name, context, limit):
    try:
        res = gz.lookup(name, context=context)
    except GazetteerError as exc:  # an unusable context: a ValueError too
        assert isinstance(exc, ValueError) and "context" in str(exc)
        return
    assert res.status in ("resolved", "ambiguous", "unknown")
    assert (res.match is not None) == (res.status == "resolved")
    json.dumps(res.to_dict())
    assert gz.resolve(name, context=context) == res.match
    assert len(gz.candidates(name, limit=limit, context=context)) <= limit
    with contextlib.suppress(UnknownPlaceError, AmbiguousPlaceError):
        gz.resolve(name, context=context, strict=True)


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.binary(), st.integers(), st.floats(), st.lists(st.text(max_size=3), max_size=2)))
def test_fuzz_names_of_other_types_are_type_errors(name):
    with pytest.raises(TypeError) as info:
        Gazetteer.default().lookup(name)
    assert isinstance(info.value, GazetteerError)


_field = st.one_of(st.text(max_size=15), st.text(alphabet="\",;\t\r\n '|", max_size=4))
_coordinate = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str), st.floats(29, 38).map(lambda f: f"{f:.4f}"), _field
)
_csv_row = st.tuples(
    _field,
    _field,
    _coordinate,
    _coordinate,
    _field,
    st.one_of(st.sampled_from(["", "city", "governorate", "GOVERNORATE"]), _field),
    st.one_of(st.sampled_from(["", "IQ-AN", "XX"]), _field),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_csv_row, max_size=15), good_at=st.integers(0, 15))
def test_fuzz_csv_rows_are_loaded_or_reported(tmp_path_factory, rows, good_at):
    rows.insert(min(good_at, len(rows)), ("Fallujah", "", "33.35", "43.78", "", "", ""))
    out = io.StringIO()
    writer = csv.writer(out)  # quotes fields with \r or \n (those of its line terminator)
    writer.writerow(["name", "alt_names", "lat", "lon", "population", "kind", "governorate"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "fuzz.csv"
    path.write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
    places, report = read_csv(path)
    assert report.rows_read == report.loaded + report.skipped_count == len(places) + len(report.skipped)
    assert report.rows_read == sum(1 for r in rows if any(v.strip() for v in r))
    lines = len(io.StringIO(out.getvalue(), newline="").readlines())  # \r, \n and \r\n end lines
    assert all(1 < s.line <= lines for s in report.skipped)


_geonames_field = st.text(alphabet=st.characters(exclude_characters="\t\n"), max_size=12)
_geonames_line = st.one_of(
    st.lists(_geonames_field, min_size=19, max_size=19).map("\t".join),
    st.builds(
        lambda cols, lat, lon, pop, fclass, country: "\t".join(
            [*cols[:4], lat, lon, fclass, "PPL", country, *cols[9:14], pop, *cols[15:]]
        ),
        st.lists(_geonames_field, min_size=19, max_size=19),
        st.one_of(st.floats(29, 38).map(str), _geonames_field),
        st.one_of(st.floats(38, 49).map(str), _geonames_field),
        st.one_of(st.integers(0, 10**12).map(str), _geonames_field),
        st.sampled_from(["P", "A", "S", "H", ""]),
        st.sampled_from(["IQ", "SY", ""]),
    ),
    st.text(alphabet=st.characters(exclude_characters="\n"), max_size=40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_geonames_line, max_size=15), good_at=st.integers(0, 15), junk=st.binary(max_size=30))
def test_fuzz_geonames_lines_are_loaded_or_reported(tmp_path_factory, lines, good_at, junk):
    lines.insert(min(good_at, len(lines)), GOOD_GEONAMES_ROW)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    path = tmp_path_factory.mktemp("geonames") / "IQ.txt"
    path.write_bytes(data)
    places, report = read_geonames(path)
    assert report.rows_read == report.loaded + report.skipped_count == len(places) + len(report.skipped)
    # a row is every line that is not blank nor a comment (lines end at \n only; a trailing \r is dropped)
    rows = [line.rstrip("\r") for line in lines]
    assert report.rows_read == sum(1 for line in rows if line.strip() and not line.startswith("#"))
    path.write_bytes(data + b"\n" + junk)  # bytes that are not UTF-8 are read as Windows-1256
    _places, report = read_geonames(path)
    assert report.rows_read == report.loaded + report.skipped_count
