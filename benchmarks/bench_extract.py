"""Throughput of event extraction on a generated corpus, and memory as it grows.

Generates JSON Lines corpora of synthetic wire reports (place names drawn
from the embedded gazetteer, event sentences, background sentences naming
people, organisations and foreign capitals, and web-page debris) at the
density of the seed articles (about 2.7 events a kilobyte) and, as a worst
case, with an event in every paragraph (about five a kilobyte), then runs
``geo-events extract`` on them in this process: articles streamed through
``iter_articles`` and ``iter_events``, duplicates merged by
``iter_deduplicated`` sorted on disk, GeoJSON and the report written as they
come. Prints articles per second, MB of text per second, and the peak traced
memory for corpora of increasing size (flat: nothing of the corpus is kept).
Run from the repository root::

    python benchmarks/bench_extract.py [--articles 10000] [--repeat 3] [--jobs N]

Target (issue 3): at least 1 MB of text per second on one core. The last run uses
``--jobs`` worker processes (``geo-events extract --jobs N``). The first line says which
build runs: pure Python, or the compiled one (README, "Faster extraction"); run the script
from the repository root with the interpreter of the install to measure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from gazetteer import Gazetteer
from geo_events import COMPILED, cli

EVENTS = [
    "Iraqi forces retook {p} on {d} after heavy fighting, a military spokesman said.",
    "Islamic State militants seized parts of {p} on {d}, residents said.",
    "A roadside bomb exploded near a market in {p}, killing {n} people and wounding {m}.",
    "Coalition air strikes hit militant positions near {p}, the US military said.",
    "Clashes between Peshmerga and militants erupted in {p} on {d}; {n} fighters were killed.",
    "A suicide bomber blew himself up at a checkpoint in {p}, killing {n} soldiers.",
    "Militants fired mortars at army positions in {p}, wounding {m}.",
]
#: Background sentences: people, organisations and foreign capitals (names that are not Iraqi places).
FILLER = [
    "Officials said the situation remained tense and that more troops would be sent.",
    "Aid groups warned that thousands of families had fled the fighting in recent weeks.",
    "The claims could not be independently verified.",
    "A spokesman for the {org} gave no further details.",
    "Residents described long queues for fuel and bread in the city.",
    "{person}, a spokesman for the {org}, said the operation would continue until the area was secure.",
    "{person} told reporters in {capital} that talks with {org} officials had made progress.",
    "The {org} said it was sending food and medicine to families displaced by the fighting.",
    "Prices of flour and cooking gas have doubled since the road was cut, according to traders.",
    "{person} said the government was committed to rebuilding schools and hospitals.",
    "Some {k} families have returned to their homes, according to the {org}.",
    "Electricity is available for only a few hours a day, residents said.",
    "The United Nations has called for safe corridors for civilians leaving the area.",
    "Speaking in {capital}, {person} urged all parties to protect civilians.",
]
PEOPLE = ["Ahmed Hassan", "Karim Jabbar", "Layla Mahmoud", "Sami Rashid", "John Miller", "Sarah Collins",
          "Colonel Faisal Nouri", "Brigadier General Omar Saleh", "Hussein Ali", "Maria Lopez"]  # fmt: skip
ORGS = ["Joint Operations Command", "Norwegian Refugee Council", "World Food Programme", "Ministry of Displacement",
        "International Committee of the Red Cross", "Provincial Council", "Interior Ministry"]  # fmt: skip
CAPITALS = ["Washington", "London", "Tehran", "Ankara", "Geneva", "Amman", "Paris"]
DEBRIS = ["Share this:", "Twitter", "Facebook", "Leave a Reply", "Related", "Watch video 02:31"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Share of paragraphs that report an event: "wire" gives about 2.7 events a kilobyte, as in the
#: seed articles; "dense" puts one in every paragraph (about five a kilobyte), a worst case.
DENSITY = {"wire": 0.45, "dense": 1.0}


def make_corpus(path: Path, n: int, seed: int = 3, density: str = "wire") -> int:
    """Write ``n`` synthetic articles as JSON Lines; return the bytes of text."""
    rng = random.Random(seed)
    names = [p.name for p in Gazetteer.default() if not p.is_area]
    share = DENSITY[density]
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            paragraphs = []
            for _ in range(rng.randint(3, 6)):
                sentences = []
                if rng.random() < share:
                    d, k, m = rng.choice(DAYS), rng.randint(1, 40), rng.randint(1, 60)
                    sentences.append(rng.choice(EVENTS).format(p=rng.choice(names), d=d, n=k, m=m))
                people = {"person": rng.choice(PEOPLE), "org": rng.choice(ORGS), "capital": rng.choice(CAPITALS)}
                filler = rng.sample(FILLER, rng.randint(1, 3))
                sentences += [f.format(**people, k=rng.randint(20, 900)) for f in filler]
                paragraphs.append(" ".join(sentences))
            text = "\n\n".join(paragraphs + rng.sample(DEBRIS, 3))
            published = date(2014, 6, 1) + timedelta(days=rng.randint(0, 1300))
            record = {"id": f"a{i}", "title": f"Report {i}", "text": text, "published": published.isoformat()}
            fh.write(json.dumps(record) + "\n")
            total += len(text.encode("utf-8"))
    return total


def run(path: Path, out: Path, jobs: int = 1) -> tuple[float, int, int]:
    """``geo-events extract --jobs JOBS --out OUT PATH``, in this process (the gazetteer is loaded once)."""
    log = io.StringIO()
    start = time.perf_counter()
    status = cli.main(["extract", "--jobs", str(jobs), "--out", str(out), str(path)], out=io.StringIO(), log=log)
    seconds = time.perf_counter() - start
    counts = re.search(r"(\d+) documents read, \d+ inputs skipped; (\d+) events written", log.getvalue())
    if status != 0 or counts is None:
        raise SystemExit(f"geo-events extract failed on {path}: {log.getvalue()[-500:]}")
    return seconds, int(counts[1]), int(counts[2])  # (reading the output back would cost memory here)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size; the best is shown")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the last run (default: cores)"
    )
    args = parser.parse_args(argv)
    Gazetteer.default().lookup("Telafer")  # load outside the timing
    print("build:", "extraction compiled with mypyc" if COMPILED else "pure Python (GEO_EVENTS_COMPILE=1 compiles it)")
    with tempfile.TemporaryDirectory() as tmp:
        sizes = sorted({max(100, args.articles // 10), max(100, args.articles // 3), args.articles})
        runs = [(n, "wire", 1) for n in sizes] + [(args.articles, "dense", 1), (args.articles, "wire", args.jobs)]
        head = f"{'density':>8} {'jobs':>4} {'articles':>9} {'MB':>6} {'seconds':>8} {'articles/s':>11} {'MB/s':>6}"
        print(f"{head} {'events':>7} {'peak MB':>8}")
        text_bytes: dict[Path, int] = {}
        for n, density, jobs in runs:
            path = Path(tmp) / f"corpus-{density}-{n}.jsonl"
            out = Path(tmp) / "events.geojson"
            if path not in text_bytes:
                text_bytes[path] = make_corpus(path, n, density=density)
            seconds, docs, events = min(run(path, out, jobs) for _ in range(args.repeat))
            tracemalloc.start()
            run(path, out, jobs)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            mb = text_bytes[path] / 2**20
            rate = f"{docs / seconds:>11,.0f} {mb / seconds:>6.2f}"
            print(f"{density:>8} {jobs:>4} {docs:>9,} {mb:>6.1f} {seconds:>8.1f} {rate} {events:>7,} {peak:>8.1f}")
    print("seconds: best of --repeat runs; peak MB: traced Python memory of one run, in this process only")
    print("(events are merged on disk; worker processes each hold the gazetteer and its caches);")
    print("events: after merging reports of the same event")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
