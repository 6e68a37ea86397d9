"""Shared fixtures: the ../shared folder, when it is there."""

from pathlib import Path

import pytest

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
