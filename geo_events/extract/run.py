"""Extraction of many articles: in turn, in worker processes or on a Dask cluster, with what was skipped reported.

``iter_events`` streams the events of articles as they are read; ``extract_events``
also merges the reports of one event (``geo_events.dedupe``). An article whose
extraction fails is reported as skipped, and the others go on.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Protocol, TypeVar

from gazetteer import Gazetteer
from geo_events.articles import Article, Skipped
from geo_events.errors import ArgumentError
from geo_events.event import Event, ExtractionResult
from geo_events.extract.pipeline import Extractor
from geo_events.extract.rules import RuleSet

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["extract_events", "iter_events", "BATCH"]


def iter_events(
    articles: Iterable[Article | Skipped],
    gazetteer: Gazetteer | None = None,
    result: ExtractionResult | None = None,
    jobs: int = 1,
    rules: RuleSet | None = None,
    client: Client | None = None,
) -> Iterator[Event]:
    """Events of each article in turn, not deduplicated (streaming).

    ``result``, if given, collects events that could not be placed, the
    number of events per document, the undated documents, and the inputs
    the readers skipped (``iter_articles`` yields them among the articles).

    With ``jobs`` > 1, articles are extracted by that many worker processes,
    a batch at a time; the events come out as from one process, in the same
    order, and only a few batches are in flight, so memory stays bounded.
    With a Dask ``client`` (``distributed.Client``), the batches are extracted
    by the workers of its cluster in the same way (``geo_events.extract.cluster``);
    a cluster that fails raises ``ClusterError``.
    ``rules`` are the extraction's tables (``RuleSet.default()`` if None).

    Examples
    --------
    >>> from datetime import date
    >>> [e.location for e in iter_events([Article("d", "", "Clashes erupted in Ramadi.", date(2015, 5, 1))])]
    ['Ramadi']
    """
    extractor = Extractor(gazetteer, rules=rules)
    result = result if result is not None else ExtractionResult()
    if jobs < 1:
        raise ArgumentError(f"jobs must be 1 or more, not {jobs}")
    if client is not None:
        if jobs > 1:
            raise ArgumentError(f"give jobs ({jobs}) or a Dask client, not both: the client's workers extract")
        from geo_events.extract import cluster  # Dask is imported only when it is used

        with cluster.DaskWorkers(client, extractor) as workers:
            yield from _in_order(articles, result, workers.submit, workers.outcome, 2 * workers.threads, cluster.BATCH)
        return
    if jobs == 1:
        for batch in _batches(articles, result, 1):
            yield from _extract_batch(batch, extractor, result)
        return
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(extractor.gazetteer, extractor.rules))

    def submit(batch: list[Article]) -> Future[Outcome]:
        return pool.submit(_worker_batch, batch)

    try:
        yield from _in_order(articles, result, submit, Future.result, 2 * jobs, BATCH)
    finally:
        pool.shutdown(cancel_futures=True)


#: Articles a worker process extracts at a time (``iter_events`` with ``jobs`` > 1).
BATCH = 32


def _batches(articles: Iterable[Article | Skipped], result: ExtractionResult, size: int) -> Iterator[list[Article]]:
    """Articles in lists of ``size``; skipped inputs go to ``result.skipped`` as they come."""
    batch: list[Article] = []
    for article in articles:
        if isinstance(article, Skipped):
            result.skipped.append(article)
            continue
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


#: What a worker sends back for a batch: its events, and what its ``ExtractionResult`` collected.
Outcome = tuple[list[Event], ExtractionResult]


class _Future(Protocol):
    def done(self) -> bool: ...


_Pending = TypeVar("_Pending", bound=_Future)


def _in_order(
    articles: Iterable[Article | Skipped],
    result: ExtractionResult,
    submit: Callable[[list[Article]], _Pending],
    outcome: Callable[[_Pending], Outcome],
    in_flight: int,
    size: int,
) -> Iterator[Event]:
    """The events of articles extracted elsewhere in batches of ``size``, in their order, their findings merged
    into ``result``.

    ``submit`` hands a batch to a worker (a process, or a Dask worker) and returns its future, which has a
    ``done()`` method; ``outcome`` waits for one. At most ``in_flight`` batches are out at a time.
    """
    pending: deque[_Pending] = deque()
    for batch in _batches(articles, result, size):
        pending.append(submit(batch))
        while len(pending) > in_flight or (pending and pending[0].done()):
            yield from _merged(outcome(pending.popleft()), result)
    while pending:
        yield from _merged(outcome(pending.popleft()), result)


def _extract_batch(batch: list[Article], extractor: Extractor, result: ExtractionResult) -> list[Event]:
    events = []
    for article in batch:
        try:
            found, doc, memory = extractor.read(article)
        except Exception as exc:  # a bug of ours must not cost the other articles: this one is reported
            reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this article as a bug"
            result.skipped.append(Skipped(article.id, 0, reason))
            continue
        if doc.anchor is None:
            result.undated_documents.append(article.id)
        result.unlocated += memory.unlocated
        result.per_document[article.id] = len(found)
        events += found
    return events


_worker_extractor: Extractor | None = None


def _start_worker(gazetteer: Gazetteer, rules: RuleSet) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(gazetteer, rules=rules)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command's handler (cli) is for the main process


def _worker_batch(batch: list[Article]) -> Outcome:
    """In a worker process: a batch's events and what its result collected."""
    assert _worker_extractor is not None, "set by _start_worker"
    return _batch_outcome(batch, _worker_extractor)


def _batch_outcome(batch: list[Article], extractor: Extractor) -> Outcome:
    """In a worker (a process, or a Dask worker): a batch's events and what its result collected."""
    part = ExtractionResult()
    return _extract_batch(batch, extractor, part), part


def _merged(done: Outcome, result: ExtractionResult) -> list[Event]:
    """A worker's events, its result's findings added to ``result``."""
    events, part = done
    result.unlocated += part.unlocated
    result.per_document.update(part.per_document)
    result.undated_documents += part.undated_documents
    result.skipped += part.skipped
    return events


def extract_events(
    articles: Iterable[Article | Skipped],
    gazetteer: Gazetteer | None = None,
    deduplicate: bool = True,
    result: ExtractionResult | None = None,
    jobs: int = 1,
    rules: RuleSet | None = None,
    client: Client | None = None,
) -> list[Event]:
    """Extract, place, date and (by default) deduplicate the events of articles.

    Parameters
    ----------
    articles : iterable of Article (or Skipped)
        Read with ``read_articles`` or ``iter_articles`` (streamed: only
        events are kept in memory; skipped inputs go to ``result.skipped``).
    gazetteer : Gazetteer, optional
        Defaults to the embedded one.
    deduplicate : bool
        Merge reports of the same event (see ``geo_events.dedupe``).
    result : ExtractionResult, optional
        Filled with events, unlocated events, per-document counts and
        undated documents.
    jobs : int
        Worker processes (see ``iter_events``); the events are the same.
    rules : RuleSet, optional
        The tables of triggers, actors and hedges (``RuleSet.default()`` if None).
    client : distributed.Client, optional
        Extract on the workers of this Dask cluster instead (see ``iter_events``); the events are the same.

    Returns
    -------
    list of Event

    Examples
    --------
    >>> from datetime import date
    >>> arts = [Article("a", "", "Militants seized Hit on Monday.", date(2014, 10, 15)),
    ...         Article("b", "", "IS fighters captured the town of Hit on Monday.", date(2014, 10, 14))]
    >>> events = extract_events(arts)
    >>> len(events), events[0].sources, events[0].control_to
    (1, ('a', 'b'), 'islamic_state')
    """
    from geo_events.dedupe import deduplicate as merge

    result = result if result is not None else ExtractionResult()
    events = list(iter_events(articles, gazetteer, result, jobs, rules, client))
    if deduplicate:
        events = merge(events)
    result.events = events
    return events
