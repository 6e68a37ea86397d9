"""The build backend: setuptools, plus mypyc when ``GEO_EVENTS_COMPILE=1`` asks for the compiled build.

Wraps ``setuptools.build_meta`` (``pyproject.toml`` names this module as the
backend). A build with ``GEO_EVENTS_COMPILE=1`` needs mypy (which brings mypyc)
and a C compiler; the build environment gets mypy from here, so that a plain
``pip install .`` does not download it. Only the wheel is compiled: ``build_wheel``
tells ``setup.py`` to, through ``GEO_EVENTS_MYPYC``. Requirements, metadata and
the sdist are the same either way, and an editable install stays pure Python:
extension modules beside the sources would hide every edit made to them.
"""

import os
import sys

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the other hooks, unchanged)

#: mypyc comes with mypy; the version the sources are type-checked with (pyproject's test extra).
MYPY = "mypy~=2.4.1"


def _asked() -> bool:
    return os.environ.get("GEO_EVENTS_COMPILE") == "1"


def get_requires_for_build_wheel(config_settings=None):
    return [*_setuptools.get_requires_for_build_wheel(config_settings), *([MYPY] if _asked() else [])]


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    if not _asked():
        return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)
    os.environ["GEO_EVENTS_MYPYC"] = "1"  # read by setup.py
    try:
        return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)
    finally:
        del os.environ["GEO_EVENTS_MYPYC"]


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    if _asked():
        print("geo-events: an editable install is pure Python; GEO_EVENTS_COMPILE=1 is ignored", file=sys.stderr)
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
