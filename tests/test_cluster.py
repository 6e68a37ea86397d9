"""Extraction on a Dask cluster (issue 17): the same files and events as one process, or a one-line error.

A real scheduler and two workers run as processes on loopback for the module; ``--dask local``
starts its own cluster.
"""

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="Dask's distributed is not installed")

import geo_events  # noqa: E402
from geo_events import ArgumentError, ClusterError, ExtractionResult, extract_events, iter_articles, iter_events  # noqa: E402
from geo_events.cli import main  # noqa: E402
from geo_events.extract import cluster  # noqa: E402

DATA = Path(__file__).parent / "data"
DISPATCHES = Path(__file__).parent.parent / "geo_events" / "data" / "dispatches.jsonl"
INPUTS = [str(DISPATCHES), str(DATA / "articles")]


def _started(argv: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", *argv], stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True
    )


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def _cluster(tmp: Path, workers: int) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """A Dask scheduler and workers of one thread each, processes on 127.0.0.1: its address and the processes."""
    file = tmp / "scheduler.json"
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    scheduler = [
        "distributed.cli.dask_scheduler",
        "--port",
        "0",
        "--scheduler-file",
        str(file),
        "--idle-timeout",
        "600s",
    ]
    procs = [_started(scheduler + common, tmp / "scheduler.log")]
    try:
        deadline = time.monotonic() + 60
        while not file.exists() or not file.read_text():
            if procs[0].poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the scheduler did not start: {(tmp / 'scheduler.log').read_text()}")
            time.sleep(0.1)
        address = json.loads(file.read_text())["address"]
        for i in range(workers):
            worker = ["distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny", "--death-timeout", "60"]
            procs.append(_started(worker + common, tmp / f"worker{i}.log"))
        with distributed.Client(address, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, procs
    finally:
        _stop(procs[1:])
        _stop(procs[:1])


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a Dask scheduler with two workers."""
    with _cluster(tmp_path_factory.mktemp("dask"), 2) as (address, _):
        yield address


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> tuple[bytes, bytes]:
    """The events file and the report that ``extract`` writes in one process."""
    out = tmp_path_factory.mktemp("serial") / "events.geojson"
    assert main(["extract", "--out", str(out), *INPUTS], out=io.StringIO(), log=io.StringIO()) == 0
    return out.read_bytes(), out.with_name("events.geojson.report.json").read_bytes()


def _written(out: Path) -> tuple[bytes, bytes]:
    return out.read_bytes(), out.with_name(out.name + ".report.json").read_bytes()


def test_cli_dask_local_writes_the_serial_files(serial, tmp_path):
    """``--dask local``, as a user runs it: a cluster of two worker processes, the same bytes, a quiet log."""
    out = tmp_path / "events.geojson"
    argv = [sys.executable, "-m", "geo_events", "extract", "--dask", "local", "--jobs", "2", "--out", str(out)]
    proc = subprocess.run([*argv, *INPUTS], capture_output=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert _written(out) == serial
    assert "Traceback" not in proc.stderr.decode() and "distributed" not in proc.stderr.decode()


def test_cli_dask_scheduler_writes_the_serial_files(serial, scheduler, tmp_path):
    out = tmp_path / "events.geojson"
    log = io.StringIO()
    assert main(["extract", "--dask", scheduler, "--out", str(out), *INPUTS], out=io.StringIO(), log=log) == 0, (
        log.getvalue()
    )
    assert _written(out) == serial


@pytest.mark.parametrize("batch", [1, 5, cluster.BATCH])
def test_iter_events_with_a_client_gives_the_serial_events_and_findings(scheduler, monkeypatch, batch):
    """Many batches in flight, finishing in any order: the same events in the same order, and the same
    per-document counts, unplaced events, undated documents and skipped inputs."""
    undated = geo_events.Article("undated", "", "Clashes erupted in Ramadi. Clashes erupted somewhere.", None)
    one = ExtractionResult()
    expected = list(iter_events([*iter_articles(INPUTS), undated], result=one))
    monkeypatch.setattr(cluster, "BATCH", batch)
    with distributed.Client(scheduler, set_as_default=False) as client:
        got = ExtractionResult()
        assert list(iter_events([*iter_articles(INPUTS), undated], result=got, client=client)) == expected
    assert list(got.per_document.items()) == list(one.per_document.items())
    assert got.unlocated == one.unlocated and got.unlocated
    assert got.undated_documents == one.undated_documents and got.undated_documents[-1] == "undated"
    assert [str(s) for s in got.skipped] == [str(s) for s in one.skipped] and len(got.skipped) == 3


def test_extract_events_with_a_client(scheduler):
    """The Python API: ``extract_events(articles, client=Client(...))``, deduplicated, with the user's rules;
    an article whose extraction fails is reported as skipped, as in one process."""
    articles = list(iter_articles([DISPATCHES]))
    articles.append(geo_events.Article("broken", "", 12345, None))  # type: ignore[arg-type]  # not text: it fails
    serial_result, dask_result = ExtractionResult(), ExtractionResult()
    expected = extract_events(articles, result=serial_result)
    with distributed.Client(scheduler, set_as_default=False) as client:
        assert extract_events(articles, client=client, result=dask_result) == expected
        with pytest.raises(ArgumentError, match="not both"):
            extract_events(articles, client=client, jobs=2)
    assert [s.reason for s in dask_result.skipped] == [s.reason for s in serial_result.skipped]
    assert dask_result.skipped[-1].reason.startswith("extraction failed")


def test_a_worker_with_another_version_is_refused(scheduler, monkeypatch):
    monkeypatch.setattr(geo_events, "__version__", "0.0.1", raising=False)
    with (
        distributed.Client(scheduler, set_as_default=False) as client,
        pytest.raises(ClusterError, match=r"runs geo-events \S+, this is 0.0.1: install the same version"),
    ):
        extract_events(iter_articles([DISPATCHES]), client=client)


def test_a_cluster_without_workers_is_an_error(monkeypatch):
    monkeypatch.setattr(cluster, "WAIT_FOR_WORKERS", 0.2)
    with (
        distributed.LocalCluster(n_workers=0, processes=False, scheduler_kwargs={"dashboard_address": ":0"}) as empty,
        distributed.Client(empty, set_as_default=False) as client,
        pytest.raises(ClusterError, match=r"no Dask worker joined the scheduler at .* in 0.2 seconds"),
    ):
        extract_events(iter_articles([DISPATCHES]), client=client)


def test_a_worker_that_dies_is_replaced(serial, scheduler, tmp_path, monkeypatch):
    """A third worker killed mid-run: Dask runs its batches on the two others, and the files are the same."""
    monkeypatch.setattr(cluster, "BATCH", 2)
    extra = _started(
        ["distributed.cli.dask_worker", scheduler, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1"],
        tmp_path / "worker.log",
    )
    try:
        with distributed.Client(scheduler, set_as_default=False) as client:
            client.wait_for_workers(3, timeout=60)
            events = iter_events(iter_articles(INPUTS), client=client)
            first = next(events)
            os.kill(extra.pid, signal.SIGKILL)
            rest = list(events)
    finally:
        _stop([extra])
    assert [first, *rest] == list(iter_events(iter_articles(INPUTS)))


def test_a_scheduler_lost_mid_run_is_an_error_in_a_line(tmp_path, capfd, monkeypatch):
    monkeypatch.setattr(cluster, "BATCH", 2)  # batches left to gather when it is gone
    with (
        _cluster(tmp_path, 1) as (address, procs),
        pytest.raises(ClusterError, match=f"^the Dask cluster at {address} failed: [^\n]+$"),
        cluster.connect(address) as client,
    ):
        events = iter_events(iter_articles(INPUTS), client=client)
        next(events)
        procs[0].kill()
        list(events)
    assert "Traceback" not in capfd.readouterr().err


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("dask", "message"),
    [
        ("tcp://127.0.0.1:{port}", "cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: OSError: Timed out"),
        ("nowhere", "cannot reach the Dask scheduler at nowhere: ValueError: missing port"),
    ],
)
def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path, dask, message):
    port = _closed_port()
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    out = tmp_path / "events.geojson"
    argv = ["-m", "geo_events", "extract", "--dask", dask.format(port=port), "--out", str(out), *INPUTS]
    proc = subprocess.run([sys.executable, *argv], capture_output=True, timeout=120, env=env)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.startswith(f"geo-events extract: error: {message.format(port=port)}") and err.count("\n") == 1, err
    assert not out.exists()


def test_jobs_with_a_remote_scheduler_is_refused(tmp_path):
    log = io.StringIO()
    argv = ["extract", "--dask", "tcp://127.0.0.1:1", "--jobs", "2", "--out", str(tmp_path / "e.geojson"), *INPUTS]
    assert main(argv, out=io.StringIO(), log=log) == 2
    assert log.getvalue() == (
        "geo-events extract: error: --jobs 2 with --dask tcp://127.0.0.1:1: the cluster's workers extract; drop --jobs\n"
    )


def test_other_commands_do_not_import_dask():
    code = "import sys; from geo_events.cli import main; main(['resolve', 'Hit']); print('distributed' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, text=True)
    assert proc.stdout.splitlines()[-1] == "False", proc.stderr
