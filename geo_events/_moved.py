"""The modules that moved when extraction became a pipeline (issue 13), and their aliases.

An old path (``geo_events.patterns``) stays importable for one release: the
module there re-exports the new one's names and warns that it moved.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

#: Old module -> the modules its public names now live in.
MOVED: dict[str, tuple[str, ...]] = {
    "geo_events.patterns": ("geo_events.text.lexicon",),
    "geo_events.sentences": ("geo_events.text.sentences",),
    "geo_events.dates": ("geo_events.text.dates",),
    "geo_events.casualties": ("geo_events.text.numbers", "geo_events.extract.casualties"),
    "geo_events.mentions": ("geo_events.extract.mentions",),
    "geo_events.actors": ("geo_events.extract.actors",),
    "geo_events.evaluate": ("geo_events.extract.evaluate",),
    "geo_events.frontlines": ("geo_events.control.frontlines",),
}


def alias(old: str) -> dict[str, Any]:
    """The public names of the modules ``old`` moved to, with a ``DeprecationWarning`` for its importer.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     names = alias("geo_events.sentences")
    >>> "split_sentences" in names, caught[0].category.__name__
    (True, 'DeprecationWarning')
    """
    names: dict[str, Any] = {}
    for new in MOVED[old]:
        module = importlib.import_module(new)
        names.update({name: getattr(module, name) for name in module.__all__})
    names["__all__"] = sorted(n for n in names if n != "__all__")
    warnings.warn(f"{old} moved to {' and '.join(MOVED[old])}", DeprecationWarning, stacklevel=3)
    return names
