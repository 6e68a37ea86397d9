"""The service under load: seconds from ``geo-events serve`` to its first answer, reports stored per second,
requests per second and latency of ``/collections/events/items`` with a bbox and a datetime over a store of
100,000 events, and the seconds and MB of the event map's data over all of them.

The events are the sample dispatches' events, scattered around their places over 2014-2017, each at a place
of its own (so none merges with another). Requests come from ``--clients`` threads of this process for
``--seconds``, each a random box of about 1 degree and a random month. Run from the repository root::

    python benchmarks/bench_serve.py [--events 100000] [--clients 8] [--seconds 20]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from bench_maps import synthetic_events

from geo_events.serve import open_store


def fill(path: Path, n: int, seed: int = 7) -> float:
    """Store ``n`` distinct events; returns reports stored per second."""
    rng = random.Random(seed)
    first = date(2014, 6, 1)
    events = [
        dataclasses.replace(
            e,
            place_id=f"bench:{k}",
            doc_id=f"bench-{k}",
            sources=("bench",),
            event_date=first + timedelta(days=rng.randrange(1300)),
            date_from=None,
            date_to=None,
        )
        for k, e in enumerate(synthetic_events(n))
    ]
    store = open_store(path)
    start = time.perf_counter()
    for at in range(0, n, 1000):  # as posts of a thousand reports
        store.add(events[at : at + 1000])
    seconds = time.perf_counter() - start
    assert store.count() == n, store.count()
    return n / seconds


def start(database: Path) -> tuple[subprocess.Popen, str, float]:
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "geo_events", "serve", "--port", "0", "--database", str(database)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    url = re.search(r"(http://\S+/)", process.stderr.readline()).group(1)  # type: ignore[union-attr]
    threading.Thread(target=process.stderr.read, daemon=True).start()  # the access log, drained
    while True:
        try:
            urllib.request.urlopen(url + "conformance", timeout=1).close()
            return process, url, time.perf_counter() - began
        except OSError:
            time.sleep(0.02)


def load(url: str, clients: int, seconds: float, seed: int = 3) -> tuple[int, list[float], int]:
    """(requests, their latencies in seconds, features returned) from ``clients`` threads."""
    deadline = time.perf_counter() + seconds

    def run(k: int) -> tuple[list[float], int]:
        rng = random.Random(seed + k)
        latencies, features = [], 0
        while time.perf_counter() < deadline:
            lon, lat = rng.uniform(39.5, 47.5), rng.uniform(30.0, 36.5)
            month = date(2014, 6, 1) + timedelta(days=30 * rng.randrange(42))
            query = f"bbox={lon:.2f},{lat:.2f},{lon + 1:.2f},{lat + 1:.2f}&datetime={month}/{month + timedelta(30)}"
            began = time.perf_counter()
            with urllib.request.urlopen(f"{url}collections/events/items?{query}&limit=100", timeout=60) as r:
                body = json.loads(r.read())
            latencies.append(time.perf_counter() - began)
            features += body["numberReturned"]
        return latencies, features

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        done = list(pool.map(run, range(clients)))
    latencies = [x for lat, _ in done for x in lat]
    return len(latencies), latencies, sum(f for _, f in done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.gpkg"
        starts = []
        for _ in range(3):
            process, _, took = start(empty)
            starts.append(took)
            process.send_signal(signal.SIGINT)
            process.wait()
        print(f"first answer after start: {min(starts):.2f} s (best of 3; {', '.join(f'{s:.2f}' for s in starts)})")
        database = Path(tmp) / "events.gpkg"
        rate = fill(database, args.events)
        size = database.stat().st_size / 2**20
        print(f"stored {args.events:,} events: {rate:,.0f} reports/s; database {size:.0f} MB")
        process, url, _ = start(database)
        try:
            requests, latencies, features = load(url, args.clients, args.seconds)
            began = time.perf_counter()
            with urllib.request.urlopen(url + "api/maps/events", timeout=600) as r:
                size = len(r.read()) / 2**20
            drawn = time.perf_counter() - began
        finally:
            process.send_signal(signal.SIGINT)
            process.wait()
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(
            f"/collections/events/items, bbox of 1 degree and a month, {args.clients} clients, {args.seconds:.0f} s: "
            f"{requests / args.seconds:.0f} requests/s, p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, {features / max(requests, 1):.1f} features a response"
        )
        print(f"the event map's data of {args.events:,} events (/api/maps/events, first request): {drawn:.1f} s, "
              f"{size:.1f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
