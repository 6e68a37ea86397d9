"""Maps: interactive ones (folium, single HTML files) of control over time, choropleths and events; static
ones (matplotlib: PNG, SVG, PDF) for print."""

from geo_events.render.base import ATTRIBUTION, save_map
from geo_events.render.choropleth import METRICS, choropleth_map
from geo_events.render.control import control_map
from geo_events.render.events import events_map
from geo_events.render.figure import FIGURE_FORMATS, control_figure, events_figure, save_figure

__all__ = [
    "control_map",
    "choropleth_map",
    "events_map",
    "save_map",
    "METRICS",
    "ATTRIBUTION",
    "FIGURE_FORMATS",
    "control_figure",
    "events_figure",
    "save_figure",
]
