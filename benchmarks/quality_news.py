"""Event, territory, casualty and place-mention scores on the real reporting in ../shared/news/dev.

Run from the repository root: ``python benchmarks/quality_news.py [--details]``. The hand
coding is ``../shared/news/dev/gold.jsonl``; the matching rules are those of
``../shared/news/README.md`` (see ``geo_events.extract.evaluate.score_news``). With
``--details``, every article's missed and false events, territory changes and places are
listed first, with their sentences. The last lines are always the headline figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geo_events.articles import read_articles
from geo_events.extract.evaluate import ArticleScore, NewsScores, read_gold, score_news

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "news" / "dev"


def _when(day: object) -> str:
    return str(day) if day is not None else "undated"


def details(article: ArticleScore) -> list[str]:
    """What failed in one article, a line each (empty when nothing did)."""
    lines = []
    for g in article.missed:
        where = g.place_as_written + ("" if g.placeable else " (no point, no governorate)")
        lines.append(f"  missed  {g.event_type} / {g.sub_event_type} at {where}, {_when(g.date)}: {g.evidence}")
    for e in article.false_hits:
        lines.append(
            f"  false   {e.event_type} / {e.sub_event_type} at {e.location}, {_when(e.event_date)}: {e.sentence}"
        )
    for g in article.missed_territory:
        lines.append(f"  missed  territory to {g.control_to} at {g.place_as_written}, {_when(g.date)}: {g.evidence}")
    for e in article.false_territory:
        lines.append(f"  false   territory to {e.control_to} at {e.location}, {_when(e.event_date)}: {e.sentence}")
    for p in article.missed_places:
        lines.append(f"  missed  place {p.as_written!r} ({p.kind}, {p.governorate or 'no governorate'})")
    for m in article.false_places:
        place = m.place
        resolved = f"{place.name} ({place.governorate})" if place is not None else "?"
        lines.append(f"  false   place {m.text!r} resolved to {resolved}")
    if lines:
        lines.insert(0, f"{article.doc}: events {article.events}")
    return lines


def report(scores: NewsScores, articles: int, seconds: float) -> list[str]:
    """The headline: what was scored, then places, events, territory and killed."""
    gold_events = sum(a.events.tp + a.events.fn for a in scores.articles)
    gold_places = scores.places.tp + scores.places.fn
    return [
        f"news/dev: {articles} articles, {gold_events} coded events ({scores.unplaceable} with neither point nor "
        f"governorate), {gold_places} coded Iraqi places; scored in {seconds:.1f} s",
        *scores.headline(),
    ]


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
            lines = details(article)
            if lines:
                print("\n".join(lines))
        print()
    print("\n".join(report(scores, len(gold), seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
