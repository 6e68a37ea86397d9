"""Build ``geo_events/data/control_timeline.csv`` from ``control_history.csv``.

``control_history.csv`` (written by the project from the public record) lists,
for each place, its controller on 2014-01-01 and every change after, with a
short note. A place is named as the embedded gazetteer knows it, or by its
gazetteer id. This script resolves each name, checks the rows (dates in
2014-2017, known controllers, dates increasing per place) and writes the
packaged file with ids and coordinates. Run from the repository root::

    python data_sources/build_timeline.py
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, UnknownPlaceError  # noqa: E402

SOURCE = Path(__file__).with_name("control_history.csv")
TARGET = ROOT / "geo_events" / "data" / "control_timeline.csv"
CONTROLLERS = {"government", "kurdish", "islamic_state", "contested", "unknown"}


def main() -> int:
    gz = Gazetteer.default()
    rows, problems = [], []
    last: dict[str, date] = {}
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(lines):
            name = row["place"]
            try:
                place = gz.get(name) if ":" in name else (gz.resolve(name) or None)
            except UnknownPlaceError:
                problems.append(f"{SOURCE.name}: no place has the id {name!r}")
                continue
            place = getattr(place, "place", place)
            if place is None:
                problems.append(f"{SOURCE.name}: {name!r} does not resolve: {gz.lookup(name).reason}")
                continue
            when = date.fromisoformat(row["date"])
            if not date(2014, 1, 1) <= when <= date(2017, 12, 31):
                problems.append(f"{name}: date {when} outside 2014-2017")
            if row["controller"] not in CONTROLLERS:
                problems.append(f"{name}: unknown controller {row['controller']!r}")
            if place.id in last and when <= last[place.id]:
                problems.append(f"{name}: dates must increase ({when} after {last[place.id]})")
            last[place.id] = when
            rows.append(
                {
                    "place_id": place.id,
                    "name": place.name,
                    "lat": f"{place.lat:.5f}",
                    "lon": f"{place.lon:.5f}",
                    "governorate": place.governorate,
                    "date": when.isoformat(),
                    "controller": row["controller"],
                    "note": row["note"],
                }
            )
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    with TARGET.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows, {len(last)} places written to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
