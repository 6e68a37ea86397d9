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


@pytest.fixture(scope="session")
def ocha_adm2(shared) -> Path:
    path = shared / "boundaries" / "irq_admbnda_adm2_cso_20190603.geojson"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def ocha_adm1(shared) -> Path:
    path = shared / "boundaries" / "irq_admbnda_adm1_cso_20190603.geojson"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path
