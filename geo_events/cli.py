"""The ``geo-events`` command: data to files and stdout, messages to stderr."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeAlias

from gazetteer import Gazetteer, GazetteerDownloadError, GazetteerError, Resolution
from gazetteer.download import DEFAULT_MIRROR, download
from gazetteer.download import remove as remove_download
from geo_events import COMPILED
from geo_events.articles import Article, Skipped, iter_articles, read_articles
from geo_events.dedupe import iter_deduplicated
from geo_events.errors import ClusterError, CommandError, GeoEventsError
from geo_events.event import ExtractionResult
from geo_events.extract import RuleError, RuleSet, extract_events, iter_events
from geo_events.extract.evaluate import read_gold, score_events, score_news
from geo_events.extract.mentions import find_mentions
from geo_events.extract.report import ExtractionReport, report_skipped
from geo_events.io import EVENT_FORMATS, read_control, read_events, write_control, write_control_log, write_events
from geo_events.text.dates import date_problem, metadata_date

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["main", "build_parser"]

EXIT_USAGE = 2
#: Exit status when an input or output cannot be read or written.
EXIT_IO = 1
#: What ``add_subparsers`` returns, to which each sub-command adds its parser (argparse keeps the class private).
_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class _Version(argparse.Action):
    """``--version``: the version is read from the distribution's metadata only when asked (15 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        from geo_events import __version__

        build = "extraction compiled with mypyc" if COMPILED else "pure Python"
        print(f"geo-events {__version__} ({build})", file=sys.stdout)
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command.

    Examples
    --------
    >>> build_parser().parse_args(["resolve", "--json", "Falluja"]).json
    True
    """
    parser = argparse.ArgumentParser(
        prog="geo-events",
        description="Resolve Iraqi place names and map conflict events.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (
        _add_resolve_parser,
        _add_extract_parser,
        _add_mentions_parser,
        _add_control_parser,
        _add_map_parser,
        _add_evaluate_parser,
        _add_gazetteer_parser,
        _add_demo_parser,
        _add_serve_parser,
    ):
        add(sub)
    return parser


def _add_resolve_parser(sub: _Commands) -> None:
    """``resolve NAME...``: names to places."""
    resolve = sub.add_parser(
        "resolve",
        help="resolve place names to Iraqi places",
        description="Resolve place names (any common romanization, or Arabic script) to Iraqi places. "
        "Prints one line per name; exits 0 even when names are unknown.",
    )
    resolve.add_argument("names", nargs="+", metavar="NAME", help="place names; '-' reads names from stdin, one a line")
    resolve.add_argument("--json", action="store_true", help="one JSON object per name, one per line")
    _add_gazetteer_options(resolve)
    resolve.add_argument(
        "--context",
        action="append",
        default=[],
        metavar="PLACE",
        help="a governorate (IQ-DI, Diyala) or a place named in the same text; may repeat",
    )
    resolve.set_defaults(func=cmd_resolve)


def _add_extract_parser(sub: _Commands) -> None:
    """``extract INPUT... --out OUT``: articles to a file of events and its report."""
    extract = sub.add_parser(
        "extract",
        help="extract events from articles into a GIS file",
        description="Read articles (.txt, .md, .html, .jsonl, .csv, or folders of them), extract conflict "
        "events, place and date them, merge duplicate reports, and write them to --out (.geojson, .csv, "
        ".gpkg or .parquet). A report of documents read, events per document, skipped inputs and events "
        "that could not be placed is written beside it as OUT.report.json.",
    )
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    extract.add_argument("--out", type=Path, required=True, help="output file: .geojson, .csv, .gpkg or .parquet")
    extract.add_argument(
        "--published", metavar="DATE", help="publication date for articles that have none (YYYY-MM-DD)"
    )
    extract.add_argument("--no-dedupe", action="store_true", help="keep every report as its own event")
    extract.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="extract with N worker processes (0: one per CPU core); the output is the same (default: 1); "
        "with --dask local, the number of Dask workers",
    )
    extract.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="extract on the workers of a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' "
        "for one on this machine; the output is the same",
    )
    _add_rules_option(extract, "triggers.tsv, actors.tsv, hedges.tsv, never_places.tsv")
    _add_gazetteer_options(extract)
    extract.set_defaults(func=cmd_extract)


def _add_mentions_parser(sub: _Commands) -> None:
    """``mentions INPUT...``: the place names found in articles."""
    mentions = sub.add_parser(
        "mentions",
        help="list the place names found in articles",
        description="Find every place mention in articles, resolved with the article's other places as context.",
    )
    mentions.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    mentions.add_argument("--json", action="store_true", help="one JSON object per mention, one per line")
    mentions.add_argument("--published", metavar="DATE", help=argparse.SUPPRESS)
    _add_rules_option(mentions, "never_places.tsv: words that are never a place")
    _add_gazetteer_options(mentions)
    mentions.set_defaults(func=cmd_mentions)


def _add_control_parser(sub: _Commands) -> None:
    """``control [EVENTS...] --out OUT``: who controls which place."""
    control = sub.add_parser(
        "control",
        help="who controls which place: at a date, or every interval",
        description="Write the controller of every place at --at DATE (points with name, controller, "
        "governorate, valid_from, valid_to), or every control interval when no date is given. Without EVENTS "
        "the embedded timeline is used; with EVENTS (files written by 'extract') the timeline is updated by "
        "their territory events. .gpkg output also gets areas of control, front lines and governorate "
        "statistics at the date.",
    )
    control.add_argument("events", nargs="*", metavar="EVENTS", help="event files (.geojson, .csv, .gpkg, .parquet)")
    control.add_argument("--at", metavar="DATE", help="the date (YYYY-MM-DD)")
    control.add_argument("--out", type=Path, required=True, help="output: .geojson, .csv or .gpkg")
    control.add_argument("--boundaries", type=Path, metavar="PATH", help="districts for the statistics layer")
    control.add_argument(
        "--layer",
        choices=("places", "areas", "front_lines", "stats"),
        default="places",
        help="for .geojson with --at: places (default), areas of control, front lines, or stats per governorate",
    )
    control.set_defaults(func=cmd_control)


def _add_map_parser(sub: _Commands) -> None:
    """``map [INPUT...] --out OUT``: a control map, a choropleth or an event map."""
    mapper = sub.add_parser(
        "map",
        help="draw a map: one HTML file, or a PNG, SVG or PDF",
        description="Draw a control map (places, areas of control and front lines with a time slider), a "
        "choropleth (events, fatalities or share of places held, per month, by governorate or by district "
        "with --boundaries) or an event map (points by type and fatalities, clustered), as one HTML file that "
        "works offline; or, with --out ending .png, .svg or .pdf, a static control map at --at or event map of "
        "the period, for print. INPUT: event files or control files written by geo-events; without INPUT the "
        "embedded data.",
    )
    mapper.add_argument("inputs", nargs="*", metavar="INPUT", help="event or control files")
    mapper.add_argument("--kind", choices=("control", "choropleth", "events"), default="control")
    mapper.add_argument(
        "--metric",
        choices=("events", "fatalities", "held:islamic_state", "held:government", "held:kurdish"),
        default="events",
        help="choropleth value (default: events)",
    )
    mapper.add_argument("--boundaries", type=Path, metavar="PATH", help="district polygons for the choropleth")
    mapper.add_argument("--start", metavar="DATE", help="first date shown (YYYY-MM-DD)")
    mapper.add_argument("--end", metavar="DATE", help="last date shown (YYYY-MM-DD)")
    mapper.add_argument(
        "--at", metavar="DATE", help="for a static control map (.png, .svg, .pdf): the date shown (default: --end)"
    )
    mapper.add_argument("--title", help="the map's heading (default: what it shows)")
    mapper.add_argument("--credit", default="", help="a credit line (author, organisation), shown with the sources")
    network = mapper.add_mutually_exclusive_group()
    network.add_argument(
        "--online", action="store_true", help="draw OpenStreetMap tiles under an HTML map (loaded from the network)"
    )
    network.add_argument("--offline", action="store_true", help="self-contained, no tiles (the default)")
    mapper.add_argument(
        "--out", type=Path, required=True, help="the file to write: .html (interactive), .png, .svg or .pdf (static)"
    )
    mapper.set_defaults(func=cmd_map)


def _add_evaluate_parser(sub: _Commands) -> None:
    """``evaluate --gold GOLD (--articles INPUT... | EVENTS...)``: extraction scored against hand coding."""
    evaluate = sub.add_parser(
        "evaluate",
        help="score extraction against a coder's events and places",
        description="Score events (and, from articles, place mentions) against hand coding: a gold.jsonl in the "
        "format of README's 'Evaluating against your own coding', or a CSV with ACLED's columns and a doc_id. "
        "Give the articles (they are extracted) or an events file that 'extract' wrote. Prints each article's "
        "misses and false hits with their sentences, then precision, recall and F1 of places, events, territory "
        "changes and killed counts.",
    )
    evaluate.add_argument("events", nargs="*", metavar="EVENTS", help="events files that 'extract' wrote")
    evaluate.add_argument("--gold", type=Path, required=True, metavar="GOLD", help="gold.jsonl, or an ACLED CSV")
    evaluate.add_argument(
        "--articles", nargs="+", metavar="INPUT", help="article files or folders: extract their events and score them"
    )
    evaluate.add_argument("--published", metavar="DATE", help="the date of articles that give none (ISO 8601)")
    evaluate.add_argument("--json", action="store_true", help="one JSON object: the scores, then each article's")
    _add_gazetteer_options(evaluate)
    evaluate.set_defaults(func=cmd_evaluate)


def _add_gazetteer_parser(sub: _Commands) -> None:
    """``gazetteer download|info|remove``: the GeoNames data that extends the embedded gazetteer."""
    gazetteer = sub.add_parser(
        "gazetteer",
        help="download GeoNames data that extends the embedded gazetteer; say what is loaded",
        description="Manage the gazetteer data: 'download' fetches GeoNames' dump of a country and its alternate "
        "names into the cache, after which every command and Gazetteer.default() use the embedded places "
        "extended with them; 'info' says what is loaded; 'remove' deletes the download.",
    )
    actions = gazetteer.add_subparsers(dest="action", metavar="ACTION", required=True)
    download = actions.add_parser("download", help="fetch and install GeoNames' dump of a country")
    download.add_argument("--country", default="IQ", help="ISO 3166-1 code of the country (default: %(default)s)")
    download.add_argument(
        "--from",
        dest="mirror",
        default=DEFAULT_MIRROR,
        metavar="URL",
        help="a mirror laid out as GeoNames' export/dump folder (COUNTRY.zip, alternatenames/COUNTRY.zip): an "
        "http(s):// or file:// URL, or a folder (default: %(default)s)",
    )
    download.set_defaults(func=cmd_gazetteer_download)
    info = actions.add_parser("info", help="say what the gazetteer holds and where it comes from")
    info.add_argument("--json", action="store_true", help="one JSON object: places, names, kinds, sources")
    _add_gazetteer_options(info)
    info.set_defaults(func=cmd_gazetteer_info)
    remove = actions.add_parser("remove", help="delete the download; the embedded gazetteer stays")
    remove.add_argument("--country", default="IQ", help="ISO 3166-1 code of the country (default: %(default)s)")
    remove.set_defaults(func=cmd_gazetteer_remove)


def _add_demo_parser(sub: _Commands) -> None:
    """``demo``: the main job on the embedded sample data."""
    demo = sub.add_parser(
        "demo",
        help="run the main job on the embedded sample data",
        description="Read the embedded sample dispatches, extract events, update the embedded control timeline "
        "with them, and write a control map, a choropleth, an event map and GeoJSON files; then print where "
        "they are. Maps are offline (self-contained) unless --online.",
    )
    demo.add_argument("--out", type=Path, default=Path("geo-events-demo"), help="output folder (default: %(default)s)")
    demo.add_argument("--online", action="store_true", help="add a tile basemap (needs the network to view)")
    demo.set_defaults(func=cmd_demo)


def _add_serve_parser(sub: _Commands) -> None:
    """``serve``: the map service."""
    serve = sub.add_parser(
        "serve",
        help="serve maps, a JSON API and OGC API - Features over a database of events",
        description="Run the map service: map pages (control over time, events, choropleths) at /, a JSON API "
        "under /api (POST /api/extract stores the events of articles), OGC API - Features at /collections for "
        "QGIS and other GIS clients, the API's definition at /openapi.json. Events are kept in --database, a "
        "GeoPackage file (created if absent) or a PostgreSQL database with PostGIS, and survive restarts. "
        "Listens on 127.0.0.1 only unless --host.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default: %(default)s; 0: any free port)")
    serve.add_argument(
        "--database",
        default="geo-events.gpkg",
        metavar="PATH|URL",
        help="where events are kept: a GeoPackage file (default: %(default)s) or a PostgreSQL database with "
        "PostGIS, postgresql://user@host/dbname",
    )
    _add_gazetteer_options(serve)
    serve.set_defaults(func=cmd_serve)


def _port(value: str) -> int:
    """``--port``: 0 to 65535."""
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (0 to 65535)")
    return int(value)


def _add_rules_option(parser: argparse.ArgumentParser, tables: str) -> None:
    parser.add_argument(
        "--rules",
        type=Path,
        metavar="DIR",
        help=f"a folder of rule tables ({tables}; see geo_events/lang/en/README.md) "
        "whose rows are added to the shipped ones",
    )


def _add_gazetteer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        type=Path,
        metavar="PATH",
        help="a GeoNames dump (IQ.txt, IQ.zip) or a CSV of places, which extends the embedded gazetteer "
        "(and the download of 'geo-events gazetteer download')",
    )
    parser.add_argument(
        "--only-gazetteer",
        action="store_true",
        help="use the places of --gazetteer PATH alone, not extending the embedded ones",
    )
    parser.add_argument(
        "--boundaries",
        type=Path,
        metavar="PATH",
        help="district polygons (e.g. OCHA COD-AB adm2 GeoJSON) to give places their district",
    )


def load_gazetteer(
    path: Path | None, boundaries: Path | None = None, log: TextIO = sys.stderr, only: bool = False
) -> Gazetteer:
    """The gazetteer a command asked for, with its load report on ``log``.

    Examples
    --------
    >>> load_gazetteer(None)
    <Gazetteer: ...>
    """
    if only and path is None:
        raise CommandError("--only-gazetteer needs --gazetteer PATH")
    gz = Gazetteer.default() if path is None else Gazetteer.from_path(path, extend=not only)
    for report in gz.reports:
        print(report.summary(), file=log)
        for note in report.notes:
            print(f"note: {note}", file=log)
        for row in report.skipped[:20]:
            print(f"  skipped {row}", file=log)
        if len(report.skipped) > 20:
            print(f"  ... and {report.skipped_count - 20} more skipped rows", file=log)
    if boundaries is not None:
        gz = gz.with_boundaries(boundaries)
    return gz


def _stdin_names(stream, log: TextIO) -> Iterator[tuple[str, str | None]]:
    """(name, problem) for each non-empty stdin line; bad bytes become a problem."""
    empty = 0
    for lineno, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8")
            problem = None
        except UnicodeDecodeError as exc:
            line = raw.decode("utf-8", errors="replace")
            problem = f"stdin line {lineno} is not valid UTF-8 (byte {exc.start}); re-encode the input as UTF-8"
            print(f"stdin:{lineno}: not valid UTF-8; reported as unknown", file=log)
        line = line.strip().lstrip("\ufeff")
        if not line:
            empty += 1
            continue
        yield line, problem
    if empty:
        print(f"stdin: {empty} empty line(s) ignored", file=log)


def _queries(names: Sequence[str], log: TextIO) -> Iterator[tuple[str, str | None]]:
    for name in names:
        if name == "-":
            yield from _stdin_names(sys.stdin.buffer, log)
        else:
            yield name, None


def cmd_resolve(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    gz = load_gazetteer(args.gazetteer, args.boundaries, log, args.only_gazetteer)
    context = gz.context_places(args.context) if args.context else None  # checked before any output
    table = _Table(out) if not args.json else None
    for name, problem in _queries(args.names, log):
        res = Resolution(name, "unknown", reason=problem) if problem else gz.lookup(name, context)
        if table is None:
            out.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
        else:
            table.row(res)
    if table is not None:
        table.close()
    return 0


class _Table:
    """Readable fixed-width output of resolutions."""

    COLUMNS = (("query", 24), ("status", 9), ("place", 26), ("gov.", 6), ("lat", 9), ("lon", 9), ("score", 5))

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.counts = {"resolved": 0, "ambiguous": 0, "unknown": 0}
        self.out.write(" ".join(h.ljust(w) for h, w in self.COLUMNS) + "  note\n")

    def row(self, res: Resolution) -> None:
        self.counts[res.status] += 1
        m = res.match
        cells = [
            _clip(res.query, 24),
            res.status,
            _clip(m.name, 26) if m else "",
            (m.place.governorate or "")[3:] if m else "",
            f"{m.lat:.4f}" if m else "",
            f"{m.lon:.4f}" if m else "",
            f"{m.score:.2f}" if m else "",
        ]
        note = res.reason if m is None else ("" if m.method == "exact" else m.method)
        line = " ".join(c.ljust(w) for c, (_, w) in zip(cells, self.COLUMNS, strict=True))
        self.out.write(f"{line}  {note}".rstrip() + "\n")

    def close(self) -> None:
        total = sum(self.counts.values())
        parts = ", ".join(f"{n} {status}" for status, n in self.counts.items())
        self.out.write(f"{total} names: {parts}\n")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _check_outputs(outputs: Sequence[Path], inputs: Sequence[str | Path | None]) -> None:
    """Refuse to write over an input (``extract --out a.csv a.csv`` replaced the articles with events);
    an input of None (an option not given) is none."""
    for output in outputs:
        for given in inputs:
            with contextlib.suppress(OSError):
                if given is not None and output.exists() and Path(given).is_file() and os.path.samefile(output, given):
                    raise CommandError(f"{output} is also an input: write the output to another file")


def _rules(folder: Path | None) -> RuleSet | None:
    """The shipped rules with the rows of ``--rules DIR`` added (None: the shipped ones)."""
    if folder is None:
        return None
    try:
        return RuleSet.default().extended(folder)
    except RuleError as exc:
        raise CommandError(f"--rules: {exc}") from None


def cmd_extract(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    published = _date_option(args.published, "--published")
    if args.out.suffix.lower() not in EVENT_FORMATS:
        raise CommandError(f"{args.out}: unknown output format; use .geojson, .json, .csv, .gpkg or .parquet")
    report_path = args.out.with_name(args.out.name + ".report.json")
    _check_outputs([args.out, report_path], [*args.inputs, args.gazetteer, args.boundaries])
    rules = _rules(args.rules)
    gz = load_gazetteer(args.gazetteer, args.boundaries, log, args.only_gazetteer)
    result = ExtractionResult()
    progress = log.isatty()
    with (
        _dask_client(args.dask, args.jobs) as client,
        tempfile.TemporaryDirectory(prefix="geo-events-extract-") as tmp,
        ExtractionReport(Path(tmp), progress) as report,
    ):
        articles = report.articles(iter_articles(args.inputs, published), result, log)
        # streamed: memory holds a few days of events, not the corpus
        events = iter_events(articles, gz, result, 1 if client is not None else args.jobs or 1, rules, client)
        if not args.no_dedupe:
            events = iter_deduplicated(events)
        try:
            write_events(
                report.counted(events, result, log),
                args.out,
                geo_events=lambda: {**report.summary(), "report": report_path.name},
            )
            report.write_report(report_path)
        except ClusterError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    documents = report.counts["events_per_document"]
    for line in report.leftover():
        print(line, file=log)
    print(
        f"{documents} documents read, {report.counts['skipped_inputs']} inputs skipped; {report.written} events "
        f"written to {args.out} ({report.reports} reports before merging duplicates); "
        f"{report.counts['unlocated_events']} events could not be placed; report: {report_path}",
        file=log,
    )
    if not documents:
        print("geo-events extract: no document could be read", file=log)
        return 1
    return 0


def cmd_mentions(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    never_places = (_rules(args.rules) or RuleSet.default()).never_places
    gz = load_gazetteer(args.gazetteer, args.boundaries, log, args.only_gazetteer)
    read = 0
    for item in iter_articles(args.inputs, _date_option(args.published, "--published")):
        if isinstance(item, Skipped):
            report_skipped([item], log)
            continue
        read += 1
        for m in find_mentions(item.full_text, gz, item.id, never_places):
            d = m.to_dict()
            if args.json:
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
            else:
                where = f"{d['name'] or ''} ({d['governorate'] or d['country'] or '?'})" if d["name"] else ""
                out.write(f"{m.doc}\t{m.start}-{m.end}\t{m.text}\t{d['status']}\t{where}\n")
    return 0 if read else 1


@contextlib.contextmanager
def _dask_client(scheduler: str | None, jobs: int | None) -> Iterator[Client | None]:
    """``extract --dask``: a client of the scheduler, or of a cluster of ``--jobs`` workers (``local``); None
    without ``--dask``. Dask is imported only then."""
    if scheduler is None:
        yield None
        return
    if scheduler != "local" and jobs is not None and jobs > 1:
        raise CommandError(f"--jobs {jobs} with --dask {scheduler}: the cluster's workers extract; drop --jobs")
    from geo_events.extract.cluster import connect

    try:
        with connect(scheduler, jobs) as client:
            yield client
    except ClusterError as exc:
        raise CommandError(str(exc)) from None


#: Most worker processes ``--jobs`` starts, whatever the number of cores.
MAX_JOBS = 64


def _jobs(value: str) -> int:
    """``--jobs``: a number of processes, 0 for one per CPU core; at most ``MAX_JOBS``."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes; give 1 or more, or 0 for all cores")
    if jobs > MAX_JOBS:
        raise argparse.ArgumentTypeError(f"{jobs} processes are too many; give at most {MAX_JOBS} (0: one per core)")
    return jobs or min(os.cpu_count() or 1, MAX_JOBS)


def _date_option(value: str | None, name: str):
    if value is None:
        return None
    parsed = metadata_date(value)
    if parsed is None:
        raise CommandError(f"cannot read {name} {value!r} as a date: {date_problem(value)}")
    return parsed


def _load_events(paths: Sequence[str], log: TextIO) -> list:
    events = []
    for path in paths:
        try:
            found, skipped = read_events(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        report_skipped(skipped, log)
        print(f"{path}: {len(found)} events read, {len(skipped)} skipped", file=log)
        events.extend(found)
    return events


def _sample_articles(log: TextIO) -> list[Article]:
    """The embedded sample dispatches."""
    path = resources.files("geo_events").joinpath("data/dispatches.jsonl")
    with resources.as_file(path) as local:
        articles, skipped = read_articles(local)
    report_skipped(skipped, log)
    return articles


def _sample_events(log: TextIO) -> list:
    return extract_events(_sample_articles(log))


def _boundaries(path: Path | None):
    if path is None:
        return None
    from gazetteer import AdminAreas

    return AdminAreas.from_file(path)


def cmd_control(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    from geo_events.control import ControlTimeline

    at = _date_option(args.at, "--at")
    beside = [args.out.with_name(args.out.name + suffix) for suffix in (".changes.csv", ".report.json")]
    _check_outputs([args.out, *beside] if args.events else [args.out], [*args.events, args.boundaries])
    timeline = ControlTimeline.default()
    if args.events:
        timeline = timeline.update(_load_events(args.events, log))
    try:
        path = write_control(timeline, args.out, at, _boundaries(args.boundaries), args.layer)
        if args.events:
            changes, report = write_control_log(timeline, args.out)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    what = f"controllers of {len(timeline.at(at))} places on {at}" if at else f"{len(timeline.intervals)} intervals"
    print(f"wrote {path}: {what}", file=log)
    if args.events:
        actions = Counter(u.action for u in timeline.log)
        done = ", ".join(f"{n} {action}" for action, n in sorted(actions.items())) or "none applied"
        print(
            f"reports: {done}; {len(timeline.skipped)} not applied; change log: {changes}; report: {report}", file=log
        )
    return 0


def cmd_map(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    from geo_events.control import ControlTimeline
    from geo_events.render import (
        FIGURE_FORMATS,
        choropleth_map,
        control_figure,
        control_map,
        events_figure,
        events_map,
        save_map,
    )

    start = _date_option(args.start, "--start")
    end = _date_option(args.end, "--end")
    at = _date_option(args.at, "--at")
    _check_outputs([args.out], [*args.inputs, args.boundaries])
    suffix = args.out.suffix.lower()
    static = suffix in FIGURE_FORMATS
    if not static and suffix not in (".html", ".htm"):
        raise CommandError(f"{args.out}: unknown map format {suffix!r}; use .html, .png, .svg or .pdf")
    if static and args.kind == "choropleth":
        raise CommandError("a choropleth is drawn as HTML only; use --out FILE.html, or --kind control or events")
    boundaries = _boundaries(args.boundaries)
    timeline = None
    events: list = []
    for path in args.inputs:
        if _is_control_file(path):
            try:
                timeline = read_control(path)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        else:
            events.extend(_load_events([path], log))
    offline = not args.online
    if args.kind == "control":
        timeline = timeline or ControlTimeline.default()
        if events:
            timeline = timeline.update(events)
        if static:
            return _save_figure(control_figure(timeline, at or end, args.title, args.credit), args.out, log)
        shown = _month_progress(log) if log.isatty() else None
        m = control_map(timeline, start, end, offline, **_titled(args), progress=shown)
    elif args.kind == "choropleth":
        if not args.inputs and not args.metric.startswith("held:"):
            events = _sample_events(log)
        m = choropleth_map(events, args.metric, boundaries, start, end, offline, timeline, args.title, args.credit)
    else:
        if not args.inputs:
            events = _sample_events(log)
        if static:
            return _save_figure(events_figure(events, start, end, args.title, args.credit), args.out, log)
        m = events_map(events, start, end, offline, **_titled(args))
    try:
        path = save_map(m, args.out)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MB)", file=log)
    return 0


def _titled(args: argparse.Namespace) -> dict[str, str]:
    """The title (when given) and credit options of an HTML map."""
    return {"credit": args.credit, **({"title": args.title} if args.title else {})}


def _month_progress(log: TextIO) -> Callable[[int, int], None]:
    """A progress callback that redraws one line of ``log``: the months of a control map drawn so far."""

    def show(done: int, total: int) -> None:
        print(f"\rdrawing areas of control: month {done} of {total}", end="\n" if done == total else "", file=log,
              flush=True)  # fmt: skip

    return show


def _save_figure(fig: Any, path: Path, log: TextIO) -> int:
    """Write a static map (``render.save_figure``) and say where."""
    from geo_events.render import save_figure

    try:
        written = save_figure(fig, path)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"wrote {written} ({written.stat().st_size / 2**20:.1f} MB)", file=log)
    return 0


def _is_control_file(path: str) -> bool:
    """Whether a file is one ``control`` wrote (GeoJSON or CSV of intervals), from its first 4,000 characters."""
    p = Path(path)
    if p.suffix.lower() not in (".geojson", ".json", ".csv"):
        return False
    try:
        with p.open(encoding="utf-8", errors="replace") as fh:
            head = fh.read(4000)
    except OSError:
        return False
    return '"valid_from"' in head if p.suffix.lower() != ".csv" else "valid_from" in head.partition("\n")[0]


def cmd_demo(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    from geo_events.control import END, START, ControlTimeline
    from geo_events.render import choropleth_map, control_figure, control_map, events_map, save_figure, save_map

    started = time.perf_counter()
    folder: Path = args.out
    offline = not args.online
    articles = _sample_articles(log)
    result = ExtractionResult()
    events = extract_events(articles, result=result)
    timeline = ControlTimeline.default().update(events)
    snapshot_day = date(2016, 10, 22)
    try:
        written = {
            "events (GeoJSON)": write_events(events, folder / "events.geojson"),
            "control intervals (GeoJSON)": write_control(timeline, folder / "control_intervals.geojson"),
            "what the dispatches did to control (CSV)": write_control_log(
                timeline, folder / "control_intervals.geojson"
            )[0],
            f"controllers on {snapshot_day} (GeoJSON)": write_control(
                timeline, folder / f"control_{snapshot_day}.geojson", snapshot_day
            ),
            f"areas and front lines on {snapshot_day} (GeoPackage)": write_control(
                timeline, folder / f"control_{snapshot_day}.gpkg", snapshot_day
            ),
            "control map": save_map(control_map(timeline, offline=offline), folder / "control_map.html"),
            f"static control map on {snapshot_day} (PNG)": save_figure(
                control_figure(timeline, snapshot_day), folder / f"control_{snapshot_day}.png"
            ),
            "choropleth of events": save_map(
                choropleth_map(events, "events", offline=offline), folder / "choropleth_events.html"
            ),
            "choropleth of places held by IS": save_map(
                choropleth_map(events, "held:islamic_state", offline=offline, timeline=timeline),
                folder / "choropleth_held_by_is.html",
            ),
            "event map": save_map(events_map(events, offline=offline), folder / "events_map.html"),
        }
        for layer in ("areas", "front_lines", "stats"):
            label = {"stats": "governorate statistics"}.get(layer, layer.replace("_", " "))
            written[f"{label} on {snapshot_day} (GeoJSON)"] = write_control(
                timeline, folder / f"{layer}_{snapshot_day}.geojson", snapshot_day, layer=layer
            )
    except OSError as exc:
        raise CommandError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    seconds = time.perf_counter() - started
    print(
        f"geo-events demo: {len(articles)} sample dispatches, {len(events)} events "
        f"({sum(result.per_document.values())} reports), {len(result.unlocated)} not placed; "
        f"control of {len(timeline.places)} places, {len(timeline.changes(START, END))} "
        f"changes; {seconds:.1f} s",
        file=out,
    )
    for label, p in written.items():
        print(f"  {label:52} {p}", file=out)
    print(f"Open {folder / 'control_map.html'} in a browser{' (works offline)' if offline else ''}.", file=out)
    return 0


def cmd_evaluate(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    if bool(args.articles) == bool(args.events):
        raise CommandError("give the articles (--articles INPUT...) or events files (EVENTS...), not both")
    try:
        gold = read_gold(args.gold)
        if args.articles:
            articles, skipped = read_articles(args.articles, _date_option(args.published, "--published"))
            report_skipped(skipped, log)
            gz = load_gazetteer(args.gazetteer, args.boundaries, log, args.only_gazetteer)
            coded = {r["id"] for r in gold}
            uncoded = [a.id for a in articles if a.id not in coded]
            if uncoded:
                print(f"note: {len(uncoded)} articles have no coding in {args.gold}, not scored: "
                      f"{', '.join(uncoded[:5])}{' ...' if len(uncoded) > 5 else ''}", file=log)  # fmt: skip
            scores = score_news(articles, gold, gz)  # it scores the coded articles
        else:
            scores = score_events(_load_events(args.events, log), gold)
    except (GeoEventsError, FileNotFoundError) as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        out.write(json.dumps(scores.to_dict(), ensure_ascii=False) + "\n")
        return 0
    for article in scores.articles:
        lines = article.details()
        if lines:
            print("\n".join(lines), file=out)
    print(f"{args.gold}: {scores.summary()}", file=out)
    print("\n".join(scores.headline()), file=out)
    return 0


def cmd_gazetteer_download(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    found = download(args.country, args.mirror, _progress_bar(log) if log.isatty() else None)
    if log.isatty():
        print(file=log)
    gz = Gazetteer.default()  # built now, and kept in the cache for the commands that follow
    print(
        f"installed GeoNames {found.country} from {found.source}: {found.places:,} places; the gazetteer now has "
        f"{len(gz):,} places ({gz.reports[0].notes[-1] if gz.reports else 'embedded'})",
        file=out,
    )
    return 0


def _progress_bar(log: TextIO) -> Callable[[str, int, int | None], None]:
    """A progress callback that redraws one line of ``log``: the file, megabytes received, and the share done."""

    def show(name: str, received: int, total: int | None) -> None:
        share = f" {100 * received // total:3d}%" if total else ""
        print(f"\r{name}: {received / 2**20:6.1f} MB{share}", end="", file=log, flush=True)

    return show


def cmd_gazetteer_info(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    info = load_gazetteer(args.gazetteer, args.boundaries, log, args.only_gazetteer).info()
    if args.json:
        out.write(json.dumps(info, ensure_ascii=False) + "\n")
        return 0
    print(f"{info['places']:,} places, {info['names']:,} names", file=out)
    print("by kind: " + ", ".join(f"{kind} {n:,}" for kind, n in sorted(info["kinds"].items())), file=out)
    for source in info["sources"]:
        print(f"  {source['name']}: {source['count']:,} places ({source['date'] or 'undated'})", file=out)
    return 0


def cmd_gazetteer_remove(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    if remove_download(args.country):
        print(f"removed the GeoNames {args.country.upper()} download; the embedded gazetteer stays", file=out)
    else:
        print(f"no GeoNames {args.country.upper()} download is installed", file=out)
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO, log: TextIO) -> int:
    import socket

    import uvicorn

    from geo_events.errors import StoreError
    from geo_events.serve import create_app

    database: str | Path = args.database
    if "://" not in args.database:
        database = Path(args.database)
    elif not args.database.startswith(("postgresql://", "postgres://")):
        raise CommandError(f"--database: give a GeoPackage file's path or a postgresql:// URL, not {args.database}")
    gz = load_gazetteer(args.gazetteer, args.boundaries, log, args.only_gazetteer)
    try:
        app = create_app(database, gz)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    try:  # bound here, so that a port in use is one line, and --port 0 can say which port it got
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except (OSError, OverflowError) as exc:
        problem = getattr(exc, "strerror", None) or exc
        raise CommandError(f"cannot listen on {args.host}:{args.port}: {problem}") from None
    host, port = sock.getsockname()[:2]
    where = f"[{host}]" if ":" in host else host
    kept = app.state.service.store
    print(f"geo-events serve: http://{where}:{port}/ (events in {kept}); Ctrl-C stops", file=log, flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="info", access_log=True, timeout_graceful_shutdown=5))
    server.run(sockets=[sock])
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, log: TextIO | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> main(["resolve", "--json", "Telafer"], out=buf, log=io.StringIO())
    0
    >>> json.loads(buf.getvalue())["name"]
    'Tal Afar'
    """
    out = out or sys.stdout
    log = log or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(out)
        return 0
    previous = _terminate_as_interrupt()
    try:
        return args.func(args, out, log)
    except GazetteerDownloadError as exc:  # the network or the disk, not the command: as other I/O errors
        print(f"geo-events {args.command}: error: {exc}", file=log)
        return EXIT_IO
    except (GazetteerError, CommandError) as exc:
        print(f"geo-events {args.command}: error: {exc}", file=log)
        return EXIT_USAGE
    except _Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a full disk, a read-only folder, a file that vanished: say which, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"geo-events {args.command}: error: {where}{exc.strerror or exc}", file=log)
        return EXIT_IO
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C raises KeyboardInterrupt: the same clean-up, its own exit status (143)."""


def _terminate_as_interrupt() -> signal.Handlers | None:
    """Make SIGTERM end the command as Ctrl-C does, so that temporary files and folders are removed.

    Returns the handler it replaced (None where signals cannot be set: not the main thread).
    """

    def interrupt(signum: int, frame: object) -> None:
        raise _Terminated

    try:
        return signal.signal(signal.SIGTERM, interrupt)  # type: ignore[return-value]
    except ValueError:
        return None
