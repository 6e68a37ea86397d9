"""Events from articles: step 4 of the pipeline (see README, "Architecture").

An article becomes a ``Document`` (``document``), its place and actor mentions
found once (``mentions``, ``actors``); each clause with a trigger of the rules
(``rules``, read from the tables of ``geo_events/lang/en``) told as fact
(``triggers``) then passes through the stages, one module each (``places``,
``roles``, ``classify``, ``casualties``, ``timing``), run by
``pipeline.Extractor``; ``run`` extracts many articles, in worker processes if
asked; ``evaluate`` scores events against a coder's.

>>> from datetime import date
>>> from geo_events.articles import Article
>>> [e.location for e in extract_events([Article("d", "", "Clashes erupted in Ramadi.", date(2015, 5, 1))])]
['Ramadi']
"""

from typing import Any

from geo_events.extract.pipeline import STAGES, Extractor
from geo_events.extract.rules import RuleError, RuleSet
from geo_events.extract.run import extract_events, iter_events

__all__ = ["extract_events", "iter_events", "Extractor", "STAGES", "RuleSet", "RuleError", "TRIGGERS"]


def __getattr__(name: str) -> Any:
    if name == "TRIGGERS":  # the shipped triggers, by priority (as before the rules were tables)
        return RuleSet.default().triggers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
