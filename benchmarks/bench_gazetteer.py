"""Throughput of name resolution and cost of loading gazetteers.

Prints names resolved per second, split into exact hits, transliteration
variants, fuzzy matches and misses, on the embedded gazetteer and on a
synthetic GeoNames-format dump of 25,000 places; and the time and peak memory
(tracemalloc) to load each. Run from the repository root::

    python benchmarks/bench_gazetteer.py [--places 25000] [--queries 20000]

Targets (issue 2): 50,000 exact hits/s; 2,000 fuzzy resolutions/s on 25,000
places; the embedded gazetteer loads in under 1 s.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from gazetteer import AdminAreas, Gazetteer
from gazetteer import normalize as nz
from geo_events.extract.rules import RuleSet

#: The generic words GeoNames' Iraqi villages begin with, as often as none.
PREFIXES = ["", "", "", "", "", "Tall ", "Qaryat ", "Albu ", "Umm ", "Khirbat ", "Ain ", "Kani ", "Gird ", "Abu "]
#: Words of the embedded gazetteer's Latin names (4 letters or more, not English: GeoNames' Iraqi villages
#: have Arabic and Kurdish names), from which village names are made.
_WORDS: list[str] = sorted(
    {w for p in Gazetteer.default() if p.kind in ("village", "town") for n in p.names if not nz.is_arabic(n)
     for w in n.replace("-", " ").split()
     if len(w) >= 4 and w.isalpha() and w[0].isupper() and w.lower() not in RuleSet.default().never_places}
)  # fmt: skip
_EMBEDDED = {nz.fold(n) for p in Gazetteer.default() for n in p.names}


def clear_caches() -> None:
    for fn in (nz.fold, nz.name_key, nz.skeleton, nz.consonant_shape, nz._words):
        fn.cache_clear()


def synthetic_name(rng: random.Random, taken: set[str]) -> str:
    """A new village name shaped as GeoNames' Iraqi ones are (*Tall Hamid*, *Qaryat al-Shuyukh*, *Albu Faraj*):
    a generic word and one or two words of real Iraqi names, distinct from every name in ``taken`` (which it
    joins) and from the embedded gazetteer's, so that a dense dump is full of near homonyms of real places."""
    while True:
        words = [rng.choice(_WORDS) for _ in range(rng.choice((1, 1, 2)))]
        article = "al-" if rng.random() < 0.3 else ""
        name = rng.choice(PREFIXES) + article + " ".join(words)
        folded = nz.fold(name)
        if folded not in taken and folded not in _EMBEDDED:
            taken.add(folded)
            return name


def variant(name: str, rng: random.Random) -> str:
    """A spelling of ``name`` that shares its transliteration key, not its fold."""
    options = [
        lambda s: "Al-" + s,
        lambda s: s.replace("a", "aa", 1),
        lambda s: s.replace("u", "ou", 1),
        lambda s: s.replace("i", "ee", 1),
        lambda s: s.replace("q", "k", 1).replace("Q", "K", 1),
        lambda s: s + "h" if s.endswith("a") else s.replace("a", "e", 1),
    ]
    for _ in range(6):
        v = rng.choice(options)(name)
        if nz.fold(v) != nz.fold(name):
            return v
    return "Al-" + name


def typo(name: str, rng: random.Random) -> str:
    """``name`` with one letter dropped or changed: a fuzzy match."""
    i = rng.randrange(1, max(2, len(name) - 1))
    if rng.random() < 0.5:
        return name[:i] + name[i + 1 :]
    return name[:i] + rng.choice("bdfgklmnrst") + name[i + 1 :]


def write_dump(path: Path, n: int, rng: random.Random) -> None:
    """A GeoNames-format dump of ``n`` places at random points inside Iraq."""
    areas = AdminAreas.default()
    minx, miny, maxx, maxy = areas.outline.bounds
    rows: list[str] = []
    taken: set[str] = set()
    while len(rows) < n:
        lons = [rng.uniform(minx, maxx) for _ in range(2000)]
        lats = [rng.uniform(miny, maxy) for _ in range(2000)]
        for lon, lat, area in zip(lons, lats, areas.locate_many(lons, lats, tolerance=0), strict=True):
            if area is None or len(rows) >= n:
                continue
            name = synthetic_name(rng, taken)
            alts = ",".join({variant(name, rng), name.upper()})
            pop = int(rng.paretovariate(1.2) * 300) if rng.random() < 0.1 else 0  # GeoNames gives most none
            gid = 5_000_000 + len(rows)
            rows.append(
                f"{gid}\t{name}\t{name}\t{alts}\t{lat:.5f}\t{lon:.5f}\tP\tPPL\tIQ\t\t01\t\t\t\t{pop}\t\t100\tAsia/Baghdad\t2024-01-01"
            )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def rate(gz: Gazetteer, queries: list[str], expect: str | None) -> tuple[float, float]:
    """Resolutions per second, and the share of queries with the expected method."""
    clear_caches()
    start = time.perf_counter()
    results = [gz.lookup(q) for q in queries]
    seconds = time.perf_counter() - start
    if expect == "miss":
        ok = sum(r.status == "unknown" for r in results)
    else:
        ok = sum(r.match is not None and r.match.method == expect for r in results)
    return len(queries) / seconds, ok / len(queries)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def measure_load(fn) -> tuple[float, float, object]:
    """Time (slowed by tracemalloc: use ``timed`` for seconds) and peak MB."""
    tracemalloc.start()
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, value


def report(title: str, gz: Gazetteer, names: list[str], n: int, rng: random.Random) -> None:
    sample = [rng.choice(names) for _ in range(n)]
    sets = {
        "exact hits": (list(sample), "exact"),
        "variant hits": ([variant(s, rng) for s in sample], "variant"),
        "fuzzy (typos)": ([typo(s, rng) for s in sample[: n // 4]], "fuzzy"),
        "misses": (["Zzq" + "".join(rng.choice("xqvwz") for _ in range(6)) for _ in range(n // 4)], "miss"),
    }
    print(f"\n{title}")
    for label, (queries, expect) in sets.items():
        per_s, share = rate(gz, queries, expect)
        print(f"  {label:14} {per_s:>10,.0f} names/s   ({share:.0%} resolved as {expect})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--places", type=int, default=25_000)
    parser.add_argument("--queries", type=int, default=20_000)
    args = parser.parse_args(argv)
    rng = random.Random(7)

    cold = subprocess.run(
        [sys.executable, "-c", "import time; t=time.perf_counter(); from gazetteer import Gazetteer; "
         "g=Gazetteer.default(); g.lookup('Telafer'); print(time.perf_counter()-t)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds, gz = timed(lambda: Gazetteer(Gazetteer.default().places))
    _, peak, _ = measure_load(lambda: Gazetteer(Gazetteer.default().places))
    print(f"embedded gazetteer: {len(gz)} places, {gz._index.name_count} spellings")
    print(f"  load in a fresh process (imports included): {float(cold.stdout):.2f} s")
    print(f"  index build: {seconds:.2f} s, peak memory {peak:.1f} MB")
    names = [n for p in gz for n in p.names if not nz.is_arabic(n) and len(n) > 3]
    report("embedded gazetteer", Gazetteer.default(), names, args.queries, rng)

    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "IQ.txt"
        write_dump(dump, args.places, rng)
        size = dump.stat().st_size / 2**20
        cache = Path(tmp) / "cache"
        import os

        os.environ["GEO_EVENTS_CACHE"] = str(cache)
        seconds, big = timed(lambda: Gazetteer.from_geonames(dump))
        cached, _ = timed(lambda: Gazetteer.from_geonames(dump))
        _, peak, _ = measure_load(lambda: Gazetteer.from_geonames(dump, cache=False))
        print(f"\nsynthetic GeoNames dump: {args.places:,} rows, {size:.1f} MB")
        print(f"  first load: {seconds:.2f} s; cached load: {cached:.2f} s; peak memory {peak:.0f} MB")
        print(f"  {big.reports[0].summary()}")
        names = [p.name for p in big if p.source == "geonames"]
        report(f"synthetic gazetteer ({len(big):,} places)", big, names, args.queries, rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
