"""The events and reports that ``geo-events extract`` writes, against recorded digests.

Restructuring extraction must not change what it finds. This runs
``geo-events extract`` (in this process) on five inputs: the embedded
dispatches, the test articles, 4,000 generated wire articles, and, when
``../shared`` is beside the checkout, the seed articles and the news dev set;
each with duplicates merged (as the command does by default) and with
``--no-dedupe`` (so that a change hidden by merging still shows). The SHA-256
of each events file and report is compared with ``.ci/golden.json``.

Only digests are recorded: the outputs of real articles quote them, and their
text stays out of the project. To see what changed, write the outputs of both
commits and compare them::

    git stash; python .ci/golden.py --keep /tmp/before; git stash pop
    python .ci/golden.py --keep /tmp/after; diff -r /tmp/before /tmp/after

Usage (from the repository root)::

    python .ci/golden.py            # check: exit 1 and name the outputs that differ
    python .ci/golden.py --update   # record the digests anew (a change meant to alter the events)
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = ROOT / ".ci" / "golden.json"
SHARED = ROOT.parent / "shared"
#: Articles without a date of their own are dated this day (as CI's other checks do).
PUBLISHED = "2016-10-20"
WIRE_ARTICLES = 4000


def inputs(tmp: Path) -> dict[str, list[str]]:
    """The named input sets, as paths relative to the repository root where they can be."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import make_corpus

    wire = tmp / "wire.jsonl"
    make_corpus(wire, WIRE_ARTICLES)
    sets = {
        "dispatches": ["geo_events/data/dispatches.jsonl"],
        "test_articles": ["tests/data/articles"],
        "wire": [str(wire)],
    }
    if SHARED.is_dir():
        sets["seeds"] = ["../shared/seeds"]
        sets["news_dev"] = ["../shared/news/dev/articles.jsonl"]
    return sets


def outputs(tmp: Path, keep: Path | None) -> dict[str, str]:
    """``{output name: SHA-256}`` of every events file and report written for the input sets."""
    import os

    from geo_events import cli

    os.chdir(ROOT)  # the reports name the inputs as given: relative paths, the same on every machine
    digests = {}
    for name, paths in inputs(tmp).items():
        for mode, flags in (("merged", []), ("unmerged", ["--no-dedupe"])):
            out = tmp / f"{name}.{mode}.geojson"
            args = ["extract", "--published", PUBLISHED, *flags, "--out", str(out), *paths]
            status = cli.main(args, out=io.StringIO(), log=io.StringIO())
            if status != 0:
                raise SystemExit(f"geo-events {' '.join(args)} exited with {status}")
            report = out.with_name(out.name + ".report.json")
            for path in (out, report):
                data = path.read_bytes().replace(str(tmp).encode(), b"$TMP")
                digests[path.name] = hashlib.sha256(data).hexdigest()
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / path.name).write_bytes(data)
    return digests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="record the digests instead of checking them")
    parser.add_argument("--keep", type=Path, help="also write the outputs to this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        found = outputs(Path(tmp), args.keep)
    if args.update:
        recorded = json.loads(DIGESTS.read_text()) if DIGESTS.exists() else {}
        recorded.update(found)  # outputs of ../shared are kept when it is absent here
        DIGESTS.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
        print(f"recorded {len(found)} digests in {DIGESTS.relative_to(ROOT)}")
        return 0
    recorded = json.loads(DIGESTS.read_text())
    differ = sorted(name for name, digest in found.items() if recorded.get(name) != digest)
    for name in differ:
        print(f"differs from the recorded output: {name}", file=sys.stderr)
    missing = sorted(set(recorded) - set(found))
    if missing:
        print(f"not checked (../shared is absent): {', '.join(missing)}", file=sys.stderr)
    print(f"{len(found) - len(differ)} of {len(found)} outputs as recorded")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
