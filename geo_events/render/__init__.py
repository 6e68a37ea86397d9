"""Maps (folium, single HTML files): control over time, choropleths, events."""

from geo_events.render.base import save_map
from geo_events.render.choropleth import METRICS, choropleth_map
from geo_events.render.control import control_map
from geo_events.render.events import events_map

__all__ = ["control_map", "choropleth_map", "events_map", "save_map", "METRICS"]
