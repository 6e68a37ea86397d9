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
    "geo_events/text/lexicon.py",
    "geo_events/text/sentences.py",
    "geo_events/text/numbers.py",
    "geo_events/text/dates.py",
    "geo_events/extract/mentions.py",
    "geo_events/extract/actors.py",
    "geo_events/extract/document.py",
    "geo_events/extract/triggers.py",
    "geo_events/extract/places.py",
    "geo_events/extract/roles.py",
    "geo_events/extract/classify.py",
    "geo_events/extract/casualties.py",
    "geo_events/extract/timing.py",
    "geo_events/extract/pipeline.py",
]


def ext_modules() -> list:
    if os.environ.get("GEO_EVENTS_MYPYC") != "1":  # set by the build backend for the wheel of GEO_EVENTS_COMPILE=1
        return []
    from mypyc.build import mypycify  # the backend (_build/backend.py) put mypy in the build environment

    return mypycify(COMPILED, opt_level="3", group_name="geo_events")


setup(ext_modules=ext_modules())
