"""Throughput of event extraction on a generated corpus, and memory as it grows.

Generates JSON Lines corpora of synthetic wire reports (place names drawn
from the embedded gazetteer, event sentences, filler and web-page debris),
then streams them through ``iter_articles`` and ``extract_events``. Prints
articles per second, MB of text per second, and the peak traced memory for
corpora of increasing size (it should stay flat: articles are streamed, only
events are kept). Run from the repository root::

    python benchmarks/bench_extract.py [--articles 10000]

Target (issue 3): at least 1 MB of text per second on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from gazetteer import Gazetteer
from geo_events import ExtractionResult, extract_events, iter_articles

EVENTS = [
    "Iraqi forces retook {p} on {d} after heavy fighting, a military spokesman said.",
    "Islamic State militants seized parts of {p} on {d}, residents said.",
    "A roadside bomb exploded near a market in {p}, killing {n} people and wounding {m}.",
    "Coalition air strikes hit militant positions near {p}, the US military said.",
    "Clashes between Peshmerga and militants erupted in {p} on {d}; {n} fighters were killed.",
    "A suicide bomber blew himself up at a checkpoint in {p}, killing {n} soldiers.",
    "Militants fired mortars at army positions in {p}, wounding {m}.",
]
FILLER = [
    "Officials said the situation remained tense and that more troops would be sent.",
    "Aid groups warned that thousands of families had fled the fighting in recent weeks.",
    "The claims could not be independently verified.",
    "A spokesman for the Joint Operations Command gave no further details.",
    "Residents described long queues for fuel and bread in the city.",
]
DEBRIS = ["Share this:", "Twitter", "Facebook", "Leave a Reply", "Related", "Watch video 02:31"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_corpus(path: Path, n: int, seed: int = 3) -> int:
    """Write ``n`` synthetic articles as JSON Lines; return the bytes of text."""
    rng = random.Random(seed)
    names = [p.name for p in Gazetteer.default() if not p.is_area]
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            paragraphs = []
            for _ in range(rng.randint(3, 6)):
                sentences = [
                    rng.choice(EVENTS).format(
                        p=rng.choice(names), d=rng.choice(DAYS), n=rng.randint(1, 40), m=rng.randint(1, 60)
                    )
                ]
                sentences += rng.sample(FILLER, rng.randint(1, 3))
                paragraphs.append(" ".join(sentences))
            text = "\n\n".join(paragraphs + rng.sample(DEBRIS, 3))
            published = date(2014, 6, 1) + timedelta(days=rng.randint(0, 1300))
            record = {"id": f"a{i}", "title": f"Report {i}", "text": text, "published": published.isoformat()}
            fh.write(json.dumps(record) + "\n")
            total += len(text.encode("utf-8"))
    return total


def run(path: Path) -> tuple[float, int, int]:
    result = ExtractionResult()
    start = time.perf_counter()
    events = extract_events(iter_articles([path]), result=result)
    return time.perf_counter() - start, len(result.per_document), len(events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args(argv)
    Gazetteer.default().lookup("Telafer")  # load outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        sizes = sorted({max(100, args.articles // 10), args.articles})
        print(f"{'articles':>9} {'MB':>7} {'seconds':>8} {'articles/s':>11} {'MB/s':>6} {'events':>7} {'peak MB':>8}")
        for n in sizes:
            path = Path(tmp) / f"corpus-{n}.jsonl"
            text_bytes = make_corpus(path, n)
            seconds, docs, events = run(path)
            tracemalloc.start()
            run(path)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            mb = text_bytes / 2**20
            rate = f"{docs / seconds:>11,.0f} {mb / seconds:>6.2f}"
            print(f"{docs:>9,} {mb:>7.1f} {seconds:>8.1f} {rate} {events:>7,} {peak:>8.1f}")
    print("peak MB is traced Python memory during extraction (events are kept; articles are streamed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
