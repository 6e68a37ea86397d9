"""Shared fixtures: the ../shared folder, when it is there; a deadline; headless Chromium; Hypothesis's settings."""

import os
import shutil
import tempfile
from pathlib import Path

# Hypothesis keeps its caches in ./.hypothesis unless told otherwise: not in the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "geo-events-hypothesis"))

import pytest
from hypothesis import HealthCheck, settings

# The fuzzing suites run in CI with a bounded number of examples, the same ones every run (a test
# run is reproducible), and write nothing into the checkout (no example database);
# GEO_EVENTS_FUZZ_EXAMPLES=2000 digs deeper by hand, with new random examples each time.
_DEEPER = os.environ.get("GEO_EVENTS_FUZZ_EXAMPLES")
settings.register_profile(
    "geo-events",
    database=None,
    deadline=None,
    derandomize=_DEEPER is None,
    max_examples=int(_DEEPER or 100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("geo-events")

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the project; tests that use it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def _boundaries(shared: Path, level: int) -> Path:
    path = shared / "boundaries" / f"irq_admbnda_adm{level}_cso_20190603.geojson"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def ocha_adm1(shared) -> Path:
    """OCHA COD-AB governorates (18), from ../shared."""
    return _boundaries(shared, 1)


@pytest.fixture(scope="session")
def ocha_adm2(shared) -> Path:
    """OCHA COD-AB districts (101), from ../shared."""
    return _boundaries(shared, 2)


class DeadlineExceeded(BaseException):
    """Not an Exception: code that reports and goes on after an Exception must not swallow it."""


@pytest.fixture
def deadline():
    """``with deadline(seconds):`` fails the test when the block runs longer (Unix; elsewhere no limit).

    For inputs on which a quadratic step took minutes and linear code takes a fraction of a second:
    the bound is a wide margin, not a measure of speed (``benchmarks/bench_hostile.py`` measures).
    """
    import contextlib
    import signal

    @contextlib.contextmanager
    def within(seconds: float):
        if not hasattr(signal, "setitimer"):
            yield
            return

        def expire(signum, frame):
            raise DeadlineExceeded(f"took more than {seconds} s: does this step still grow faster than its input?")

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return within


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium through Playwright (skips when either is missing)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield b
        b.close()


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL server with PostGIS on 127.0.0.1 for the session (skips when either is missing);
    yields a function that creates an empty database and returns its URL."""
    import glob
    import itertools
    import socket
    import subprocess

    psycopg = pytest.importorskip("psycopg")
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries or not glob.glob("/usr/share/postgresql/*/extension/postgis.control"):
        pytest.skip("PostgreSQL or PostGIS is not installed (apt-get install postgresql-15-postgis-3)")
    bin_dir = Path(binaries[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="geo-events-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: as its own user
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    try:
        run(str(bin_dir / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "geo")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(
            str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"), "-w", "start"
        )
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"cannot start PostgreSQL: {exc}")
    numbers = itertools.count()

    def new_database() -> str:
        name = f"events_{next(numbers)}"
        with psycopg.connect(f"postgresql://geo@127.0.0.1:{port}/postgres", autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return f"postgresql://geo@127.0.0.1:{port}/{name}"

    yield new_database
    subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"],
                   capture_output=True, timeout=60)  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
