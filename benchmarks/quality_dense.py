"""Right answers on dense data: the real reporting of ../shared/news/dev scored with the embedded gazetteer,
then with it extended by a dense GeoNames-format dump.

A user with internet loads GeoNames' Iraq dump (about 30,000 places, most of them villages whose names are
near homonyms of the towns reports name). This benchmark stands a synthetic dump in for it (the villages of
``bench_gazetteer.write_dump``: 25,000 distinct names made of real Iraqi name words, at random points of
Iraq) and measures how far place mentions and events fall when the gazetteer is that dense. Run from the
repository root::

    python benchmarks/quality_dense.py [--places 25000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from bench_gazetteer import write_dump

from gazetteer import Gazetteer
from geo_events.articles import read_articles
from geo_events.extract.evaluate import read_gold, score_news

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "news" / "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--places", type=int, default=25_000, help="villages in the synthetic dump (25,000)")
    parser.add_argument("--dev", type=Path, default=DEV, help=f"folder with articles.jsonl and gold.jsonl ({DEV})")
    args = parser.parse_args(argv)
    if not (args.dev / "articles.jsonl").is_file() or not (args.dev / "gold.jsonl").is_file():
        print(f"{args.dev}/articles.jsonl or gold.jsonl not found: nothing to measure", file=sys.stderr)
        return 1
    gold = read_gold(args.dev / "gold.jsonl")
    articles, _ = read_articles(args.dev / "articles.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GEO_EVENTS_CACHE"] = str(Path(tmp) / "cache")
        dump = Path(tmp) / "IQ.txt"
        write_dump(dump, args.places, random.Random(7))
        dense = Gazetteer.from_geonames(dump)
        for title, gazetteer in (("embedded", Gazetteer.default()), (f"embedded + {args.places:,} villages", dense)):
            scores = score_news(articles, gold, gazetteer)
            print(f"{title} ({len(gazetteer):,} places)")
            for line in scores.headline():
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
