"""Instructions that extraction executes, counted by callgrind: a measure of its cost that, unlike
time, does not vary from run to run or machine to machine.

Runs ``geo-events extract`` (in one process, under ``valgrind --tool=callgrind``) on
generated wire articles (see ``bench_extract.make_corpus``), once on a few and once on
many, and prints the instructions per article of the difference (start-up, imports and
loading the gazetteer cancel out). Needs valgrind. Run from the repository root::

    python benchmarks/instructions.py [--articles 300]

Issue 13's budget: the restructured extraction executes no more than 5% more instructions
than before it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_extract import make_corpus

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
_RUN = (
    "import sys, io; from geo_events import cli; "
    "sys.exit(cli.main(['extract', '--out', sys.argv[2], sys.argv[1]], out=io.StringIO(), log=io.StringIO()))"
)
_CALLGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]


def instructions(corpus: Path, out: Path) -> int:
    """Instructions executed by ``geo-events extract`` on ``corpus`` (the whole process)."""
    done = subprocess.run(
        [*_CALLGRIND, sys.executable, "-c", _RUN, str(corpus), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles of the larger run")
    args = parser.parse_args()
    few = 20
    with tempfile.TemporaryDirectory() as tmp:
        counts = []
        for n in (few, args.articles):
            corpus = Path(tmp) / f"wire{n}.jsonl"
            make_corpus(corpus, n)
            counts.append(instructions(corpus, Path(tmp) / f"events{n}.geojson"))
    per_article = (counts[1] - counts[0]) / (args.articles - few)
    print(f"{counts[0]:,} instructions for {few} articles, {counts[1]:,} for {args.articles}")
    print(f"extraction: {per_article:,.0f} instructions an article")


if __name__ == "__main__":
    main()
