"""Time and size to render maps: events maps of 1,000 to 100,000 events, and the full control map.

Events are copies of the sample dispatches' events scattered around their
places. Run from the repository root::

    python benchmarks/bench_maps.py [--sizes 1000 10000 100000]

Targets (issue 4): 100,000 events in under 15 s and under 25 MB of HTML.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from geo_events import extract_events, read_articles
from geo_events.control import ControlTimeline
from geo_events.render import choropleth_map, control_map, events_map, save_map

DISPATCHES = Path(__file__).resolve().parent.parent / "geo_events" / "data" / "dispatches.jsonl"


def synthetic_events(n: int, seed: int = 5) -> list:
    rng = random.Random(seed)
    articles, _ = read_articles(DISPATCHES)
    base = extract_events(articles)
    return [
        dataclasses.replace(
            e,
            event_id=f"{e.event_id}-{k}",
            latitude=e.latitude + rng.uniform(-0.3, 0.3),
            longitude=e.longitude + rng.uniform(-0.3, 0.3),
        )
        for k in range(n // len(base) + 1)
        for e in base
    ][:n]


def measure(build, path: Path) -> tuple[float, float, float]:
    """Seconds (a plain run), HTML size, and peak traced memory (a second run, slower under tracemalloc)."""
    start = time.perf_counter()
    save_map(build(), path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    save_map(build(), path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, path.stat().st_size / 2**20, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args(argv)
    print(f"{'map':34} {'seconds':>8} {'HTML MB':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            events = synthetic_events(n)
            s, mb, peak = measure(lambda ev=events: events_map(ev, offline=True), Path(tmp) / f"events-{n}.html")
            print(f"{f'events map, {n:,} events':34} {s:>8.2f} {mb:>8.2f} {peak:>8.1f}")
        events = synthetic_events(10_000)
        s, mb, peak = measure(lambda: choropleth_map(events, "events", offline=True), Path(tmp) / "choropleth.html")
        print(f"{'choropleth, 10,000 events':34} {s:>8.2f} {mb:>8.2f} {peak:>8.1f}")
        tl = ControlTimeline.default()
        s, mb, peak = measure(lambda: control_map(tl, offline=True), Path(tmp) / "control.html")
        print(f"{f'control map, {len(tl.places)} places, 2014-2017':34} {s:>8.2f} {mb:>8.2f} {peak:>8.1f}")
    print("seconds include building the map and writing the file (the first choropleth also imports scipy);")
    print("peak MB is traced Python memory")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
