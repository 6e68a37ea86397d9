"""Extraction on a Dask cluster: ``iter_events(..., client=...)`` and ``geo-events extract --dask``.

The workers of a ``distributed.Client`` extract batches of articles as worker processes
do (``run._in_order``: a few batches in flight, their events merged in article order),
in larger batches. The extractor, its gazetteer and rules, is sent from the client to every
worker once, so a worker needs geo-events installed, at the same version, but none of its
data. Dask's protocol unpickles what it receives, which runs code: a scheduler must be
reachable only from trusted machines.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, Future, LocalCluster

from gazetteer import Gazetteer
from geo_events.articles import Article
from geo_events.errors import ClusterError
from geo_events.extract.pipeline import Extractor
from geo_events.extract.rules import RuleSet
from geo_events.extract.run import Outcome, _batch_outcome

__all__ = ["DaskWorkers", "connect", "BATCH", "WAIT_FOR_WORKERS"]

#: Articles a Dask worker extracts at a time: more than a worker process (``run.BATCH``), as a task's
#: round trip through the scheduler costs milliseconds (``benchmarks/bench_dask.py``).
BATCH = 128

#: Seconds to wait for a first worker to join the scheduler before giving up.
WAIT_FOR_WORKERS = 60.0


class DaskWorkers:
    """The workers of a Dask cluster extracting batches of articles, each with the same ``Extractor``.

    Parameters
    ----------
    client : distributed.Client
        A client of the cluster; it stays open (its owner closes it).
    extractor : Extractor
        Its gazetteer and rules are sent to every worker once (scattered with ``broadcast=True``);
        released by ``close``.

    Raises
    ------
    ClusterError
        If no worker joins within ``WAIT_FOR_WORKERS`` seconds, a worker runs another version
        of geo-events (or none), or the cluster fails (then from ``outcome`` too).

    Examples
    --------
    >>> from datetime import date
    >>> with connect("local", workers=1) as client, DaskWorkers(client, Extractor()) as workers:
    ...     batch = [Article("d", "", "Clashes erupted in Ramadi.", date(2015, 5, 1))]
    ...     events, part = workers.outcome(workers.submit(batch))
    >>> [e.location for e in events], part.per_document
    (['Ramadi'], {'d': 1})
    """

    def __init__(self, client: Client, extractor: Extractor) -> None:
        from geo_events import __version__

        self.client = client
        self.address: str = client.scheduler.address if client.scheduler else "?"
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            raise ClusterError(
                f"no Dask worker joined the scheduler at {self.address} in {WAIT_FOR_WORKERS:g} seconds"
            ) from None
        try:
            versions = client.run(_version)
        except Exception as exc:
            raise ClusterError(
                f"a Dask worker of {self.address} cannot run geo-events ({_said(exc)}): "
                f"install geo-events {__version__} on every worker"
            ) from exc
        for worker, version in versions.items():
            if version != __version__:
                raise ClusterError(
                    f"the Dask worker {worker} runs geo-events {version}, this is {__version__}: "
                    "install the same version on every worker (the events would differ)"
                )
        try:
            # its gazetteer and rules, as worker processes get them (the compiled Extractor need not pickle)
            self._tools = client.scatter([extractor.gazetteer, extractor.rules], broadcast=True, hash=False)
            #: Worker threads as the run starts: two batches each are in flight (workers that join later get some).
            self.threads = max(1, sum(client.nthreads().values()))
        except Exception as exc:
            raise self._failed(exc) from exc

    def submit(self, batch: list[Article]) -> Future:
        """Extract a batch on a worker; its future."""
        return self.client.submit(_extract, batch, *self._tools, pure=False)

    def outcome(self, future: Future) -> Outcome:
        """A batch's events and findings, when its worker is done (a worker that dies: Dask runs it on another)."""
        try:
            return future.result()
        except Exception as exc:  # _batch_outcome reports an article that fails: this is the cluster's
            raise self._failed(exc) from exc

    def close(self) -> None:
        """Release the gazetteer and rules on the workers."""
        for future in self._tools:
            future.release()

    def __enter__(self) -> DaskWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _failed(self, exc: Exception) -> ClusterError:
        return ClusterError(f"the Dask cluster at {self.address} failed: {_said(exc)}")


@contextmanager
def connect(scheduler: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the Dask scheduler at an address, or of a cluster started on this machine for the while.

    Parameters
    ----------
    scheduler : str
        The scheduler's address (``tcp://10.0.0.5:8786``), or ``local``: a cluster of
        ``workers`` processes (default: one per CPU core) of one thread each, on 127.0.0.1,
        closed on exit.
    workers : int, optional
        The number of worker processes of a ``local`` cluster.

    Raises
    ------
    ClusterError
        If the scheduler cannot be reached (within Dask's connect timeout,
        ``distributed.comm.timeouts.connect``) or the local cluster cannot start.

    Examples
    --------
    >>> with connect("local", workers=2) as client:
    ...     sorted(client.nthreads().values())
    [1, 1]
    >>> with connect("scheduler.example.org") as client:
    ...     pass
    Traceback (most recent call last):
    ...
    geo_events.errors.ClusterError: cannot reach the Dask scheduler at scheduler.example.org: ValueError: missing port ...
    """
    cluster, failure = None, ""
    try:
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its web server (health): any free port
                # a worker still sending its heartbeat as the cluster closes logs a traceback; failures of the work
                # itself reach the client as errors (ClusterError), so the cluster's own logs stay quiet
                silence_logs=logging.CRITICAL,
            )
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(scheduler, set_as_default=False)
    except Exception as exc:
        failure = f"cannot reach the Dask scheduler at {scheduler}: {_said(exc)}"
        if scheduler == "local":
            failure = f"cannot start a local Dask cluster: {_said(exc)}"
    if failure:
        if cluster is not None:
            cluster.close()
        # the client that could not connect closes when collected: now, while its event loop runs (at exit,
        # it would wait for its timeout and print a traceback)
        gc.collect()
        raise ClusterError(failure)
    failed = True
    try:
        yield client
        failed = False
    finally:
        if failed:  # a scheduler lost: Dask would log it again, with a traceback, as the client closes
            logging.disable(logging.CRITICAL)
        try:
            client.close()
            if cluster is not None:
                cluster.close()
        finally:
            if failed:
                logging.disable(logging.NOTSET)


def _extract(batch: list[Article], gazetteer: Gazetteer, rules: RuleSet) -> Outcome:
    """On a worker: a batch's events and findings, with the client's gazetteer and rules."""
    return _batch_outcome(batch, Extractor(gazetteer, rules=rules))


def _version() -> str:
    """On a worker: the version of geo-events it runs."""
    from geo_events import __version__

    return __version__


def _said(exc: BaseException) -> str:
    """An exception in a line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
