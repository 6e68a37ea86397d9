"""Mention and event precision/recall on the seed articles in ../shared/seeds.

Run from the repository root: ``python benchmarks/quality_seeds.py``. The hand
coding is ``tests/data/seed_gold.json``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from geo_events.articles import read_articles
from geo_events.extract.evaluate import evaluate
from geo_events.text.dates import parse_date

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "data" / "seed_gold.json"


def main() -> int:
    if not SEEDS.is_dir():
        print(f"{SEEDS} not found: nothing to measure", file=sys.stderr)
        return 1
    gold = json.loads(GOLD.read_text("utf-8"))
    articles, _ = read_articles(SEEDS)
    articles = [
        dataclasses.replace(a, published=a.published or parse_date(gold["published"].get(a.id, ""))) for a in articles
    ]
    for name, s in evaluate(articles, gold).items():
        print(f"{name:16} {s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
