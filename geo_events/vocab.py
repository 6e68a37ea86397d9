"""The project's vocabulary, defined once: sides, controllers, precisions and ACLED's event types.

Sides are who acts in an event (``Event.side1``/``side2``); controllers are
who holds a place (``Event.control_to``, ``ControlTimeline``). Precisions
follow ACLED's codes: ``geo_precision`` 1 the place itself, 2 near it (or a
place told before), 3 a larger area; ``time_precision`` 1 the day, 2 the week,
3 the month.

Examples
--------
>>> GeoPrecision.NEAR == 2, TimePrecision.MONTH == 3
(True, True)
>>> EVENT_TYPES["Suicide bomb"]
'Explosions/Remote violence'
"""

from __future__ import annotations

from enum import IntEnum

__all__ = [
    "SIDES",
    "VICTIM_SIDES",
    "CONTROLLERS",
    "GeoPrecision",
    "TimePrecision",
    "EVENT_TYPES",
    "TERRITORY",
    "TERRITORY_KINDS",
]

#: The sides of the 2014-2017 war that actors are normalised to (``geo_events.lang`` tables: actors.tsv).
SIDES = ("government", "kurdish", "islamic_state", "coalition", "civilians", "other")
#: Sides that are only ever the target of violence.
VICTIM_SIDES = frozenset({"civilians"})
#: Who controls a place: a side that holds territory, ``contested`` or ``unknown``.
CONTROLLERS = ("government", "kurdish", "islamic_state", "contested", "unknown")
#: How much of its place a territory event is about (``Event.extent``): all of it, or a ``part`` (*parts of
#: Hit*, *eastern Mosul*, *the airport of Tal Afar*), which its taker holds while the place is contested.
EXTENTS = ("whole", "part")


class GeoPrecision(IntEnum):
    """How exactly an event is placed (ACLED's ``geo_precision``)."""

    EXACT = 1  #: at the place named
    NEAR = 2  #: near it, at a place told before in another paragraph, or north of it
    AREA = 3  #: somewhere in a district or governorate


class TimePrecision(IntEnum):
    """How exactly an event is dated (ACLED's ``time_precision``)."""

    DAY = 1
    WEEK = 2  #: within the week before the date given
    MONTH = 3


BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
STRATEGIC = "Strategic developments"
#: ACLED event type of each sub-event type produced here.
EVENT_TYPES = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Air/drone strike": EXPLOSIONS,
    "Shelling/artillery/missile attack": EXPLOSIONS,
    "Remote explosive/landmine/IED": EXPLOSIONS,
    "Suicide bomb": EXPLOSIONS,
    "Attack": VAC,
    "Abduction/forced disappearance": VAC,
    "Non-violent transfer of territory": STRATEGIC,
    "Headquarters or base established": STRATEGIC,
    "Arrests": STRATEGIC,
    "Agreement": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Other": STRATEGIC,  # a mass grave found: its dead were killed before, on no day the report gives
}
#: Sub-event types that change who controls a place.
TERRITORY = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)
#: Trigger kinds of territory changes (triggers.tsv), classified into a ``TERRITORY`` type by who acts.
TERRITORY_KINDS = ("transfer", "regain", "seize")
