"""The map skeleton shared by every map: basemap, inline libraries, saving offline.

Maps are folium maps whose dynamic layers are drawn by ``static/geo_events.js``
(written for geo-events) from data embedded in the page. Leaflet itself is
inlined from the ``django-js-lib-leaflet`` package, so no map loads a script
from a CDN; ``offline=True`` also leaves out the tile layer, and the
governorate outlines become the basemap.
"""

from __future__ import annotations

import base64
import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from gazetteer import AdminAreas

__all__ = ["new_map", "add_app", "save_map", "escape", "embed_json", "governorate_outlines"]

LEAFLET = "js_lib_leaflet"
TILES = "OpenStreetMap"


def escape(value: Any) -> str:
    """HTML-escape any value for embedding (article text is untrusted).

    Examples
    --------
    >>> escape('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def embed_json(data: Any) -> str:
    """JSON safe to put inside a ``<script>`` element (no ``</script>`` breakout).

    Examples
    --------
    >>> embed_json({"a": "</script>"})
    '{"a":"<\\\\/script>"}'
    """
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


@cache
def _inline_assets() -> str:
    pkg = resources.files(LEAFLET).joinpath("static", LEAFLET)
    css = pkg.joinpath("leaflet.css").read_text("utf-8")

    def data_uri(m: re.Match) -> str:
        png = pkg.joinpath("images", m.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode()})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)
    js = pkg.joinpath("leaflet.js").read_text("utf-8")
    static = resources.files("geo_events").joinpath("render", "static")
    app_js = static.joinpath("geo_events.js").read_text("utf-8")
    app_css = static.joinpath("geo_events.css").read_text("utf-8")
    return f"<style>{css}</style>\n<style>{app_css}</style>\n<script>{js}</script>\n<script>{app_js}</script>\n"


@cache
def governorate_outlines() -> dict[str, Any]:
    """The packaged governorates as GeoJSON (the offline basemap)."""
    text = resources.files("gazetteer").joinpath("data/governorates.geojson").read_text("utf-8")
    return json.loads(text)


def new_map(offline: bool = False, boundaries: AdminAreas | None = None) -> folium.Map:
    """An empty map of Iraq: governorate outlines, optional tiles, inline Leaflet.

    Examples
    --------
    >>> m = new_map(offline=True)
    >>> "cdn" in m.get_root().render()
    False
    """
    m = folium.Map(location=[33.2, 43.7], zoom_start=6, tiles=None, control_scale=True, prefer_canvas=True)
    m.default_js = []
    m.default_css = []
    figure = m.get_root()
    assert isinstance(figure, Figure), "a map's root is its figure"
    figure.header.add_child(Element(_inline_assets()), name="geo_events_assets")
    if not offline:
        folium.TileLayer(TILES, name="Basemap (OpenStreetMap)").add_to(m)
    folium.GeoJson(
        governorate_outlines(),
        name="Governorates",
        style_function=lambda f: {
            "color": "#666",
            "weight": 1,
            "fillColor": "#fafafa",
            "fillOpacity": 0.6 if offline else 0.0,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "iso_3166_2"], aliases=["Governorate", "ISO 3166-2"]),
    ).add_to(m)
    m.fit_bounds([[29.0, 38.8], [37.4, 48.6]])
    return m


class _App(MacroElement):
    """Calls a ``geoEvents`` function with the map, its layer groups and data."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geoEvents.{{ this.function }}(Object.assign({{ this.data }}, {
            map: {{ this._parent.get_name() }},
            groups: { {% for key, group in this.groups.items() %}"{{ key }}": {{ group.get_name() }},{% endfor %} }
        }));
        {% endmacro %}
        """
    )

    def __init__(self, function: str, data: dict[str, Any], groups: dict[str, folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "GeoEventsApp"
        self.function = function
        self.data = embed_json(data)
        self.groups = groups


def add_app(
    m: folium.Map, function: str, data: dict[str, Any], layers: dict[str, str]
) -> dict[str, folium.FeatureGroup]:
    """Add empty layer groups (named for the layer control) and the script that fills them."""
    groups = {key: folium.FeatureGroup(name=label) for key, label in layers.items()}
    for group in groups.values():
        group.add_to(m)
    m.add_child(_App(function, data, groups))
    folium.LayerControl(collapsed=False).add_to(m)
    return groups


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as one HTML file and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    m.save(str(path))
    return path
