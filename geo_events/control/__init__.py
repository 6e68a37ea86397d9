"""Who controls which place over time (``timeline``), and the areas and front lines that follow (``frontlines``).

>>> from datetime import date
>>> from geo_events.control import ControlTimeline, areas_of_control
>>> timeline = ControlTimeline.default()
>>> timeline.controller_of("geonames:99072", date(2015, 1, 1))  # Mosul
'islamic_state'
>>> sorted(a.controller for a in areas_of_control(timeline.at(date(2015, 1, 1))))
['contested', 'government', 'islamic_state', 'kurdish']
"""

from geo_events.control.frontlines import (
    AREA_CONTROLLERS,
    RADIUS_DEG,
    Area,
    FrontLine,
    areas_of_control,
    control_layers,
    front_lines,
)
from geo_events.control.timeline import (
    BASELINE_SOURCE,
    CONTROLLERS,
    END,
    PERIOD,
    START,
    UNCONFIRMED_DAYS,
    UPDATE_ACTIONS,
    ControlChange,
    ControlInterval,
    ControlTimeline,
    ControlUpdate,
)

__all__ = [
    "CONTROLLERS",
    "ControlInterval",
    "ControlChange",
    "ControlTimeline",
    "START",
    "END",
    "PERIOD",
    "UNCONFIRMED_DAYS",
    "UPDATE_ACTIONS",
    "ControlUpdate",
    "BASELINE_SOURCE",
    "Area",
    "FrontLine",
    "areas_of_control",
    "front_lines",
    "control_layers",
    "RADIUS_DEG",
    "AREA_CONTROLLERS",
]
