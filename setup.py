"""Build geo-events: pure Python by default, or with its extraction compiled by mypyc.

``GEO_EVENTS_COMPILE=1 pip install .`` compiles the modules that extraction
spends its time in to C extensions with mypyc (from the same, type-checked
sources; 15 to 30% faster, see README). Without it, or for an editable
install, the package is pure Python. Everything else is configured in
``pyproject.toml``.
"""

import os

from setuptools import setup

#: The modules compiled with ``GEO_EVENTS_COMPILE=1``: the hot path of ``geo-events extract``.
#: Their classes become native: a frozen record pickles through ``__reduce__`` (see ``Mention``).
COMPILED = [
    "geo_events/patterns.py",
    "geo_events/sentences.py",
    "geo_events/mentions.py",
    "geo_events/actors.py",
    "geo_events/casualties.py",
    "geo_events/dates.py",
    "geo_events/extract.py",
]


def ext_modules() -> list:
    if os.environ.get("GEO_EVENTS_MYPYC") != "1":  # set by the build backend for the wheel of GEO_EVENTS_COMPILE=1
        return []
    from mypyc.build import mypycify  # the backend (_build/backend.py) put mypy in the build environment

    return mypycify(COMPILED, opt_level="3", group_name="geo_events")


setup(ext_modules=ext_modules())
