"""The build backend: setuptools, plus mypy when ``GEO_EVENTS_COMPILE=1`` asks for the compiled build.

Wraps ``setuptools.build_meta`` (``pyproject.toml`` names this module as the
backend). A build with ``GEO_EVENTS_COMPILE=1`` needs mypy (for mypyc) and a C
compiler; the build environment gets mypy from here, so that a plain
``pip install .`` does not download it. ``setup.py`` compiles only when the
wheel itself is built: not while pip asks for requirements or metadata, and
never for an editable install, where extension modules beside the sources would
hide every edit made to them.
"""

import contextlib
import os
import sys

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the other hooks, unchanged)

#: mypyc comes with mypy; the version the sources are type-checked with (pyproject's test extra).
MYPY = "mypy~=2.4.1"


def _compiling() -> bool:
    return os.environ.get("GEO_EVENTS_COMPILE") == "1"  # as setup.py reads it


@contextlib.contextmanager
def _pure():
    """Run setup.py without compiling, whatever GEO_EVENTS_COMPILE says."""
    asked = os.environ.get("GEO_EVENTS_COMPILE")
    os.environ["GEO_EVENTS_COMPILE"] = "0"
    try:
        yield
    finally:
        if asked is None:
            del os.environ["GEO_EVENTS_COMPILE"]
        else:
            os.environ["GEO_EVENTS_COMPILE"] = asked


def get_requires_for_build_wheel(config_settings=None):
    compiling = _compiling()
    with _pure():  # mypy is not installed yet
        requires = _setuptools.get_requires_for_build_wheel(config_settings)
    return [*requires, MYPY] if compiling else requires


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    with _pure():  # the same metadata either way; compiling here would only double the build time
        return _setuptools.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    if _compiling():
        print("geo-events: an editable install is pure Python; GEO_EVENTS_COMPILE=1 is ignored", file=sys.stderr)
    with _pure():
        return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
