"""Time against size on hostile and very large input: every step must grow linearly.

Each case builds an input of a hostile shape at 1x, 4x and 16x a base size
and times what the project does with it (read it, extract its events, merge
its reports, load it as a gazetteer). A linear step takes about 4 times as long
at each 4x step; a quadratic one 16 times. Run from the repository root::

    python benchmarks/bench_hostile.py [--scale 1.0] [--case NAME ...]

The last column is the growth of the time per unit of input from 1x to 16x:
about 1 for linear work (on a shared machine anything under 2 is linear; a
quadratic step gives 16).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from gazetteer import Gazetteer
from geo_events import Article, extract_events, read_articles
from geo_events.dedupe import deduplicate
from geo_events.event import Event

ROOT = Path(__file__).resolve().parent.parent
PUB = date(2016, 10, 20)


def _path(name: str, content: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="geo-events-hostile-")) / name
    path.write_text(content, "utf-8")
    return path


def _read(name: str, content: str) -> Callable[[], object]:
    """Reading a file of that name and content (written once, outside the timing)."""
    path = _path(name, content)
    return lambda: read_articles(path)


def _extract(text: str) -> Callable[[], object]:
    return lambda: extract_events([Article("hostile", "", text, PUB)])


def _places() -> list[str]:
    gz = Gazetteer.default()
    return sorted({p.name for p in gz if p.kind in ("city", "town") and p.name.isascii() and " " not in p.name})


def unclosed_script(n: int) -> Callable[[], object]:
    """An HTML page with n unclosed <script> tags among paragraphs (was 47 s for 400 KB)."""
    return _read("page.html", "<html><body>" + "<p>Troops retook Hit today.</p><script>x " * n)


def unclosed_title(n: int) -> Callable[[], object]:
    """An HTML page with n unclosed <title> tags."""
    return _read("page.html", "<html><head>" + "<title>news " * n + "</head><body><p>Troops retook Hit.</p>")


def unclosed_angle(n: int) -> Callable[[], object]:
    """An HTML page with n "<" that never close (each tag scan used to run to the end of the page)."""
    return _read("page.html", "<html><body><p>" + "a <b c " * n + "</p>")


def credit_line(n: int) -> Callable[[], object]:
    """One long line shaped like a photo credit: n slashes after a bracket, then a bracket (was 16 s for 80 KB)."""
    return _read("a.txt", "Title\n\nTroops retook Hit.\n(" + "/" * n + "(y)\n")


def long_line(n: int) -> Callable[[], object]:
    """One line of n words without a sentence end, read and extracted."""
    words = " ".join(random.Random(1).choice(["fighting", "in", "Ramadi", "and", "near", "Hit", "killed", "two"])
                     for _ in range(n))  # fmt: skip
    return lambda: extract_events(read_articles(_path("a.txt", "Title\n\n" + words))[0])


def long_sentence(n: int) -> Callable[[], object]:
    """One sentence of n clauses joined by commas and "and", naming places."""
    places = _places()
    clauses = ", ".join(f"clashes in {places[i % len(places)]} killed {i % 9 + 1} soldiers" for i in range(n))
    return _extract(f"On Monday {clauses}.")


def name_stretch(n: int) -> Callable[[], object]:
    """One stretch of n names, each after the others ("Mosul's Mosul's ...")."""
    return _extract("Mosul's " * n)


def roundup(n: int) -> Callable[[], object]:
    """A bulletin of n paragraphs, each an incident in another town (names cycle through the gazetteer)."""
    places = _places()
    paragraphs = [
        f"In {places[i % len(places)]}, gunmen killed {i % 7 + 1} policemen near a checkpoint on Monday."
        for i in range(n)
    ]
    return _extract("\n\n".join(paragraphs))


def large_article(n: int) -> Callable[[], object]:
    """One article of the text of n generated wire reports (``bench_extract``), extracted whole."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import make_corpus

    corpus = _path("wire.jsonl", "")
    make_corpus(corpus, n)
    body = "\n\n".join(json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines())
    return _extract(body)


def deep_json(n: int) -> Callable[[], object]:
    """A JSON Lines file whose line nests n arrays (a RecursionError lost the whole run)."""
    return _read("a.jsonl", "[" * n + "]" * n + "\n" + json.dumps({"id": "ok", "text": "Troops retook Hit."}) + "\n")


def _clash() -> Event:
    (clash,) = extract_events([Article("a", "", "Clashes in Ramadi killed two soldiers today.", PUB)])
    return clash


def dedupe_one_place(n: int) -> Callable[[], object]:
    """n reports of clashes in one town, one a day (chained into one group before, compared with every member)."""
    clash = _clash()
    reports = [
        dataclasses.replace(clash, event_id=f"r{i}", sources=(f"w{i}",), event_date=date(2014, 1, 1) + timedelta(i))
        for i in range(n)
    ]
    return lambda: deduplicate(reports)


def dedupe_undated(n: int) -> Callable[[], object]:
    """n undated reports at one place from n documents (each stayed open, compared with all the others)."""
    clash = _clash()
    reports = [dataclasses.replace(clash, event_id=f"r{i}", doc_id=f"d{i}", event_date=None) for i in range(n)]
    return lambda: deduplicate(reports)


def dedupe_bulletin(n: int) -> Callable[[], object]:
    """n bombings of one article, each in its own quarter of one city (kept apart, each compared with the others:
    289 s for 8,000 before candidates were capped)."""
    (bomb,) = extract_events([Article("a", "", "In Baghdad, a bomb in Bayaa killed two people.", PUB)])
    reports = [
        dataclasses.replace(bomb, event_id=f"r{i}", start=i, sentence=f"In Baghdad, a bomb in Qa{i:x} killed two.")
        for i in range(n)
    ]
    return lambda: deduplicate(reports)


def gazetteer_one_name(n: int) -> Callable[[], object]:
    """A CSV gazetteer of n rows sharing one name (was 273 s for 100,000 rows)."""
    rows = "".join(f"Hamdaniya,{33 + i % 300 * 0.01:.3f},{43 + i % 200 * 0.01:.3f}\n" for i in range(n))
    path = _path("places.csv", "name,lat,lon\n" + rows)
    return lambda: Gazetteer.from_csv(path)


CASES: dict[str, tuple[Callable[[int], Callable[[], object]], int, str]] = {
    "unclosed <script>": (unclosed_script, 2_000, "tags"),
    "unclosed <title>": (unclosed_title, 5_000, "tags"),
    "unclosed <": (unclosed_angle, 5_000, "tags"),
    "credit-shaped line": (credit_line, 5_000, "slashes"),
    "long line": (long_line, 2_000, "words"),
    "long sentence": (long_sentence, 100, "clauses"),
    "stretch of names": (name_stretch, 5_000, "names"),
    "place-dense roundup": (roundup, 200, "paragraphs"),
    "very large article": (large_article, 40, "reports"),
    "deep JSON": (deep_json, 5_000, "levels"),
    "dedupe at one place": (dedupe_one_place, 2_000, "reports"),
    "dedupe, undated": (dedupe_undated, 1_000, "reports"),
    "dedupe, a bulletin's quarters": (dedupe_bulletin, 1_000, "reports"),
    "gazetteer, one name": (gazetteer_one_name, 5_000, "rows"),
}


def _time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size (default 1)")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs (default 2)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    args = parser.parse_args(argv)
    Gazetteer.default()
    extract_events([Article("warm", "", "Troops retook Hit today.", PUB)])  # load everything once
    out = io.StringIO()
    print(f"{'case':22} {'unit':>10} {'1x':>9} {'4x':>9} {'16x':>9}  s/unit 16x : 1x", file=out)
    for name, (make, base, unit) in CASES.items():
        if args.case and name not in args.case:
            continue
        sizes = [max(1, round(base * args.scale * k)) for k in (1, 4, 16)]
        seconds = [_time(make(n), args.repeat) for n in sizes]
        growth = (seconds[2] / sizes[2]) / (seconds[0] / sizes[0]) if seconds[0] else float("nan")
        cells = " ".join(f"{s:8.3f}s" for s in seconds)
        print(f"{name:22} {f'{sizes[0]:,} {unit}':>10} {cells}  {growth:6.2f}", file=out)
        print(out.getvalue().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
