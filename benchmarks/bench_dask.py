"""Throughput of extraction on a Dask cluster against one process and worker processes.

Generates the wire corpus of ``bench_extract.py`` (4,000 articles by default) and extracts
its events (``iter_events``, not deduplicated, nothing written) in this process, with
``--jobs`` worker processes, and on a ``LocalCluster`` of 1 and 2 Dask workers of one
thread each (``geo-events extract --dask local --jobs N``); the cluster starts outside the
timing, which is printed apart. Prints articles and MB of text per second. Run from the
repository root::

    python benchmarks/bench_dask.py [--articles 4000] [--repeat 3] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_extract import make_corpus

from gazetteer import Gazetteer
from geo_events import COMPILED, ExtractionResult, iter_articles, iter_events
from geo_events.extract.cluster import connect


def extract(path: Path, **how) -> tuple[float, int, int]:
    """Seconds, documents and events (before merging) of one run."""
    result = ExtractionResult()
    start = time.perf_counter()
    events = sum(1 for _ in iter_events(iter_articles([path]), result=result, **how))
    return time.perf_counter() - start, len(result.per_document), events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=4_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best is shown")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Dask workers of each cluster")
    args = parser.parse_args(argv)
    Gazetteer.default().lookup("Telafer")  # load outside the timing
    print("build:", "extraction compiled with mypyc" if COMPILED else "pure Python")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus-wire.jsonl"
        mb = make_corpus(path, args.articles) / 2**20
        print(f"{'run':>22} {'articles':>9} {'MB':>6} {'seconds':>8} {'articles/s':>11} {'MB/s':>6} {'events':>7}")

        def show(name: str, runs: list[tuple[float, int, int]]) -> None:
            seconds, docs, events = min(runs)
            rates = f"{docs / seconds:>11,.0f} {mb / seconds:>6.2f}"
            print(f"{name:>22} {docs:>9,} {mb:>6.1f} {seconds:>8.1f} {rates} {events:>7,}")

        show("one process", [extract(path) for _ in range(args.repeat)])
        show("2 worker processes", [extract(path, jobs=2) for _ in range(args.repeat)])
        for workers in args.workers:
            start = time.perf_counter()
            with connect("local", workers) as client:
                started = time.perf_counter() - start
                show(
                    f"Dask, {workers} worker{'s' * (workers > 1)}",
                    [extract(path, client=client) for _ in range(args.repeat)],
                )
            print(f"{'':>22} (the cluster started in {started:.1f} s)")
    print("seconds: best of --repeat runs of iter_events (read, extract; no merging, nothing written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
