"""Event, territory, casualty and place-mention scores on the real reporting in ../shared/news/dev.

Run from the repository root: ``python benchmarks/quality_news.py [--details]``. The hand
coding is ``../shared/news/dev/gold.jsonl``; the matching rules are those of
``../shared/news/README.md`` (see ``geo_events.extract.evaluate.score_news``; ``geo-events evaluate``
does the same for any coding). With
``--details``, every article's missed and false events, territory changes and places are
listed first, with their sentences. The last lines are always the headline figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geo_events.articles import read_articles
from geo_events.extract.evaluate import NewsScores, read_gold, score_news

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "news" / "dev"


def report(scores: NewsScores, seconds: float) -> list[str]:
    """The headline: what was scored, then places, events, territory and killed."""
    return [f"news/dev: {scores.summary()}; scored in {seconds:.1f} s", *scores.headline()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list each article's misses and false hits")
    parser.add_argument("--dev", type=Path, default=DEV, help=f"folder with articles.jsonl and gold.jsonl ({DEV})")
    args = parser.parse_args(argv)
    if not (args.dev / "articles.jsonl").is_file() or not (args.dev / "gold.jsonl").is_file():
        print(f"{args.dev}/articles.jsonl or gold.jsonl not found: nothing to measure", file=sys.stderr)
        return 1
    start = time.perf_counter()
    try:
        gold = read_gold(args.dev / "gold.jsonl")
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    articles, skipped = read_articles(args.dev / "articles.jsonl")
    for s in skipped:
        print(f"skipped: {s}", file=sys.stderr)
    scores = score_news(articles, gold)
    seconds = time.perf_counter() - start
    if args.details:
        for article in scores.articles:
            lines = article.details()
            if lines:
                print("\n".join(lines))
        print()
    print("\n".join(report(scores, seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
