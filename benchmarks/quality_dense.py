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

from gazetteer import Gazetteer, distance_km
from geo_events.articles import read_articles
from geo_events.extract.evaluate import read_gold, score_news
from geo_events.extract.gold import GoldPlace, gold_article

#: A spelling resolved this near (km) the coder's point is right (the issue's measure); areas by governorate.
RIGHT_KM = 3.0

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
            print(f"  {spellings(gazetteer, [p for record in gold for p in gold_article(record).places])}")
    return 0


def spellings(gazetteer: Gazetteer, places: list[GoldPlace]) -> str:
    """Each distinct spelling of a coded place (towns, villages, facilities: not neighbourhoods, which the coder
    placed at their city's point, nor areas) resolved alone, without its text: how many resolve to a place
    within ``RIGHT_KM`` of the coder's point, of all and of those resolved."""
    seen = {}
    for p in places:
        if p.scored and p.lat is not None and p.lon is not None and p.kind in ("city", "town", "village", "facility"):
            seen.setdefault(p.as_written, p)
    right = resolved = 0
    for written, p in seen.items():
        match = gazetteer.resolve(written)
        if match is not None:
            resolved += 1
            right += distance_km(match.place.lat, match.place.lon, p.lat, p.lon) <= RIGHT_KM
    share = right / len(seen) if seen else 0.0
    precision = right / resolved if resolved else 0.0
    return (
        f"spellings  {right} of {len(seen)} right within {RIGHT_KM:g} km ({share:.0%}); "
        f"precision {precision:.2f} ({resolved} resolved)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
