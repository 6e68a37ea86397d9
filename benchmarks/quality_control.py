"""Areas of control against a public map: the control layer at a date compared with the marks of Wikipedia's
"Iraqi insurgency detailed map" (``data_sources/conflict_map_marks.tsv``).

The stored copy of the module shows Mosul retaken (July 2017) and Tal Afar, Hawija and Kirkuk's Kurdish hold
as they were before late August 2017: about mid-August 2017, the month #16 compares with. Each mark that says
who held a place (government, Kurdish forces, the Islamic State: bases, airfields and industry marks too) is
looked up in the areas of control of ``--at``; the share of marks inside the area of the side the mark names is
the agreement. The marks are the reference only: neither the timeline nor the areas are built from their
colours. Run from the repository root::

    python benchmarks/quality_control.py [--at 2017-08-15]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import date
from pathlib import Path

import shapely

from geo_events.control import ControlTimeline, areas_of_control

MARKS = Path(__file__).resolve().parent.parent / "data_sources" / "conflict_map_marks.tsv"
#: The sides of the map's symbols (``m.gov``, ``m.gov_base``, ``m.SDF_air``...).
SIDES = {"gov": "government", "SDF": "kurdish", "IS": "islamic_state"}


def read_marks(path: Path = MARKS) -> list[tuple[float, float, str, str]]:
    """(lon, lat, side, label) of every mark that names a side."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 4 or not cells[2].startswith("m."):
            continue
        side = SIDES.get(cells[2][2:].split("_")[0])
        if side:
            out.append((float(cells[1]), float(cells[0]), side, cells[3]))
    return out


def agreement(timeline: ControlTimeline, day: date, marks: list[tuple[float, float, str, str]]) -> Counter:
    """(side the mark names, side of the area it is in or ``none``) counted over the marks."""
    areas = areas_of_control(timeline.at(day))
    points = shapely.points([(lon, lat) for lon, lat, _, _ in marks])
    found = ["none"] * len(marks)
    for area in areas:
        for k in shapely.STRtree(points).query(area.geometry, predicate="contains"):
            found[int(k)] = area.controller
    return Counter((side, got) for (_, _, side, _), got in zip(marks, found, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--at", default="2017-08-15", help="the date compared (2017-08-15)")
    args = parser.parse_args(argv)
    marks = read_marks()
    started = time.perf_counter()
    counts = agreement(ControlTimeline.default(), date.fromisoformat(args.at), marks)
    seconds = time.perf_counter() - started
    agree = sum(n for (side, got), n in counts.items() if side == got)
    print(f"areas of control on {args.at} against {len(marks):,} marks of the conflict map: "
          f"{agree:,} agree ({agree / len(marks):.1%}); {seconds:.2f} s")  # fmt: skip
    for (side, got), n in sorted(counts.items()):
        print(f"  mark {side:14} area {got:14} {n:5,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
