"""Areas of control against a public map: the control layer at a date compared with the marks of Wikipedia's
"Iraqi insurgency detailed map" (``data_sources/conflict_map_marks.tsv``).

The stored copy of the module shows Mosul retaken (July 2017) and Tal Afar, Hawija and Kirkuk's Kurdish hold
as they were before late August 2017: about mid-August 2017, the month #16 compares with. Each mark that says
who held a place (government, Kurdish forces, the Islamic State: bases, airfields and industry marks too) is
looked up in the areas of control of ``--at``; the share of marks inside the area of the side the mark names is
the agreement. The marks are the reference only: neither the timeline nor the areas are built from their
colours. ``--png FILE`` also draws the static control map of that date with every mark that disagrees on
it (a cross in the colour of the side the mark names), to see where the map and the reference part.

``--loo`` measures the rule that gives places without reports a side, on the timeline alone: each held place
in turn is left out and given a side by its held neighbours (``VOTERS`` of them, or each count of ``--voters``),
at every quarter from mid-2014 to late 2017; the share given their own side is printed. That is how
``VOTERS`` was chosen, without the reference. Run from the repository root::

    python benchmarks/quality_control.py [--at 2017-08-15] [--png disagreements.png] [--loo [--voters 1 8]]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import shapely
import shapely.prepared

from gazetteer import AdminAreas
from geo_events.control import ControlTimeline, areas_of_control
from geo_events.control.frontlines import RADIUS_DEG, VOTERS, _inherit, _own_controllers

MARKS = Path(__file__).resolve().parent.parent / "data_sources" / "conflict_map_marks.tsv"
#: The sides of the map's symbols (``m.gov``, ``m.gov_base``, ``m.SDF_air``...).
SIDES = {"gov": "government", "SDF": "kurdish", "IS": "islamic_state"}


def read_marks(path: Path = MARKS) -> list[tuple[float, float, str, str]]:
    """(lon, lat, side, label) of every mark inside Iraq that names a side (the module also marks places across
    the borders, which no area of ours covers)."""
    iraq = shapely.prepared.prep(AdminAreas.default().outline.buffer(0.01))
    out = []
    for line in path.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 4 or not cells[2].startswith("m."):
            continue
        side = SIDES.get(cells[2][2:].split("_")[0])
        if side and iraq.contains(shapely.Point(float(cells[1]), float(cells[0]))):
            out.append((float(cells[1]), float(cells[0]), side, cells[3]))
    return out


def sides_found(timeline: ControlTimeline, day: date, marks: list[tuple[float, float, str, str]]) -> list[str]:
    """The side of the area each mark lies in (``none``: in no area)."""
    points = shapely.points([(lon, lat) for lon, lat, _, _ in marks])
    tree = shapely.STRtree(points)
    found = ["none"] * len(marks)
    for area in areas_of_control(timeline.at(day)):
        for k in tree.query(area.geometry, predicate="contains"):
            found[int(k)] = area.controller
    return found


def agreement(timeline: ControlTimeline, day: date, marks: list[tuple[float, float, str, str]]) -> Counter:
    """(side the mark names, side of the area it is in or ``none``) counted over the marks."""
    found = sides_found(timeline, day, marks)
    return Counter((side, got) for (_, _, side, _), got in zip(marks, found, strict=True))


def draw_disagreements(timeline: ControlTimeline, day: date, marks: list, path: Path) -> Path:
    """The static control map of ``day`` with a cross, in the colour of the side it names, at every mark
    that lies in another side's area."""
    from geo_events.render import control_figure, save_figure
    from geo_events.render.palette import CONTROLLER_COLORS

    found = sides_found(timeline, day, marks)
    fig = control_figure(timeline, day, f"Areas against the conflict map's marks, {day}")
    ax = fig.axes[0]
    for side in ("government", "kurdish", "islamic_state"):
        off = [(lon, lat) for (lon, lat, s, _), got in zip(marks, found, strict=True) if s == side and got != side]
        if off:
            xs, ys = zip(*off, strict=True)
            ax.scatter(xs, ys, marker="x", s=18, linewidths=1.2, c=CONTROLLER_COLORS[side], zorder=7,
                       label=f"mark says {side}, area disagrees ({len(off)})")  # fmt: skip
    ax.legend(loc="lower left", fontsize=7, framealpha=0.9)
    return save_figure(fig, path)


def leave_one_out(timeline: ControlTimeline, days: list[date], voters: int) -> tuple[int, int]:
    """(given their own side, held places) over ``days``: each held place is left out in turn and given the
    side its held neighbours vote for, as a place without reports is."""
    right = total = 0
    for day in days:
        own = {k: side for k, side in _own_controllers(timeline.at(day)).items() if side != "unknown"}
        points = sorted(own)
        xy, sides = np.array(points), np.array([own[k] for k in points], dtype=object)
        for k in range(len(sides)):
            guess, known = sides.copy(), np.ones(len(sides), dtype=bool)
            guess[k], known[k] = "unknown", False
            _inherit(xy, guess, known, RADIUS_DEG, voters)
            right += guess[k] == sides[k]
        total += len(sides)
    return right, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--at", default="2017-08-15", help="the date compared (2017-08-15)")
    parser.add_argument("--png", type=Path, help="also draw the map with the marks that disagree")
    parser.add_argument("--loo", action="store_true", help="also leave each held place out and predict it")
    parser.add_argument("--voters", type=int, nargs="+", default=[VOTERS], help=f"voters to try ({VOTERS})")
    args = parser.parse_args(argv)
    if min(args.voters) < 1:
        parser.error("--voters: counts of 1 or more")
    if args.loo:
        days = [date(y, m, 15) for y in range(2014, 2018) for m in (1, 4, 7, 10) if (y, m) >= (2014, 7)]
        for voters in args.voters:
            right, total = leave_one_out(ControlTimeline.default(), days, voters)
            print(f"leave one out, {voters} voters: {right:,} of {total:,} held places given their own side "
                  f"({right / total:.1%}) at {len(days)} dates")  # fmt: skip
    marks = read_marks()
    started = time.perf_counter()
    counts = agreement(ControlTimeline.default(), date.fromisoformat(args.at), marks)
    seconds = time.perf_counter() - started
    agree = sum(n for (side, got), n in counts.items() if side == got)
    print(f"areas of control on {args.at} against {len(marks):,} marks of the conflict map: "
          f"{agree:,} agree ({agree / len(marks):.1%}); {seconds:.2f} s")  # fmt: skip
    for (side, got), n in sorted(counts.items()):
        print(f"  mark {side:14} area {got:14} {n:5,}")
    if args.png:
        print(f"wrote {draw_disagreements(ControlTimeline.default(), date.fromisoformat(args.at), marks, args.png)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
