"""Instructions that extraction executes, counted by callgrind: a measure of its cost that, unlike
time, does not vary from run to run or machine to machine.

Runs ``geo-events extract`` (in one process, under ``valgrind --tool=callgrind``) on
generated wire articles (see ``bench_extract.make_corpus``), once on a few and once on
many, and prints the instructions per article of the difference (start-up, imports and
loading the gazetteer cancel out). Needs valgrind. Run from the repository root::

    python benchmarks/instructions.py [--articles 300]

Issue 13's budget: the restructured extraction executes no more than 5% more instructions
than before it.

The count is the same from run to run: the runs read the gazetteer from a cache of their
own, built before they are counted (the shared one is rebuilt when a checkout with other
gazetteer code has used it, and a run that rebuilds it executes billions more); they have
one BLAS thread (callgrind counts the instructions of numpy's idle threads, which spin)
and one hash seed (the order in which sets are iterated).
"""

from __future__ import annotations

import argparse
import os
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


def instructions(corpus: Path, out: Path, env: dict[str, str]) -> int:
    """Instructions executed by ``geo-events extract`` on ``corpus`` (the whole process)."""
    done = subprocess.run(
        [*_CALLGRIND, sys.executable, "-c", _RUN, str(corpus), str(out)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
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
    with tempfile.TemporaryDirectory() as tmp:  # private (mode 700), as a cache folder must be
        env = {**os.environ, "GEO_EVENTS_CACHE": tmp, "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
        counts = []
        for n in (few, args.articles):
            corpus = Path(tmp) / f"wire{n}.jsonl"
            make_corpus(corpus, n)
            if not counts:  # fills the cache, uncounted
                subprocess.run([sys.executable, "-c", _RUN, str(corpus), f"{tmp}/warm.geojson"], env=env, check=True)
            counts.append(instructions(corpus, Path(tmp) / f"events{n}.geojson", env))
    per_article = (counts[1] - counts[0]) / (args.articles - few)
    print(f"{counts[0]:,} instructions for {few} articles, {counts[1]:,} for {args.articles}")
    print(f"extraction: {per_article:,.0f} instructions an article")


if __name__ == "__main__":
    main()
