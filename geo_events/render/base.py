"""The map skeleton shared by every map: basemap, inline libraries, saving offline.

Maps are folium maps whose dynamic layers are drawn by ``static/geo_events.js``
(written for geo-events) from data embedded in the page. Leaflet itself is
inlined from the ``django-js-lib-leaflet`` package and Leaflet.markercluster
from ``XStatic-Leaflet-MarkerCluster``, so no map loads a script from a CDN;
``offline=True`` also leaves out the tile layer, and the governorate outlines
become the basemap.

Article text is untrusted, and branca compiles what a macro renders as a Jinja2
template once more: data put in a macro would be evaluated (``{{ ... }}`` in a
report ran code). So no template ever sees data: a map's data goes into the page
as a ``<script type="application/json">`` block added as raw text (``_Raw``),
and the script the template renders only names that block's id.
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

from gazetteer import AdminAreas, Gazetteer, UnknownPlaceError
from geo_events.io import replacing

__all__ = [
    "new_map",
    "add_app",
    "save_map",
    "escape",
    "embed_json",
    "governorate_outlines",
    "map_label",
    "ATTRIBUTION",
    "LABEL_POPULATION",
]

LEAFLET = "js_lib_leaflet"
#: Leaflet.markercluster, from the ``XStatic-Leaflet-MarkerCluster`` package.
MARKERCLUSTER = "xstatic.pkg.leaflet_markercluster"
TILES = "OpenStreetMap"
#: Where the data of every map comes from (shown on it; the licences ask for it).
ATTRIBUTION = (
    "Places: GeoNames (CC BY 4.0), Wikipedia conflict map (CC BY-SA); borders and rivers: Natural Earth; "
    "control: geo-events"
)


def escape(value: Any) -> str:
    """HTML-escape any value for embedding (article text is untrusted).

    Examples
    --------
    >>> escape('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


#: Characters that could end or change a ``<script>`` element, or a line of JavaScript, as JSON escapes.
_SCRIPT_UNSAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})


def embed_json(data: Any) -> str:
    """JSON safe inside any ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\u`` escapes.

    No ``</script>`` or ``<!--`` can then end the element early or keep it
    from ending, and the JSON parses to the same data.

    Examples
    --------
    >>> embed_json({"a": "</script><!--"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    >>> json.loads(embed_json({"a": "</script><!--"}))
    {'a': '</script><!--'}
    """
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).translate(_SCRIPT_UNSAFE)


class _Raw(Element):
    """Text put into the page as it is: never compiled as a template (``Element(text)`` would be)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


@cache
def _inline_assets() -> str:
    pkg = resources.files(LEAFLET).joinpath("static", LEAFLET)
    css = pkg.joinpath("leaflet.css").read_text("utf-8")

    def data_uri(m: re.Match) -> str:
        png = pkg.joinpath("images", m.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode()})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)
    js = pkg.joinpath("leaflet.js").read_text("utf-8")
    cluster = resources.files(MARKERCLUSTER).joinpath("data")
    cluster_css = cluster.joinpath("MarkerCluster.css").read_text("utf-8")
    cluster_js = cluster.joinpath("leaflet.markercluster.js").read_text("utf-8")
    static = resources.files("geo_events").joinpath("render", "static")
    app_js = static.joinpath("geo_events.js").read_text("utf-8")
    app_css = static.joinpath("geo_events.css").read_text("utf-8")
    styles = "".join(f"<style>{c}</style>\n" for c in (css, cluster_css, app_css))
    return styles + "".join(f"<script>{j}</script>\n" for j in (js, cluster_js, app_js))


#: Rivers on offline and static maps.
RIVER_COLOR = "#3a7bbf"
#: Cities of this many people or more are named on maps (governorate seats always are).
LABEL_POPULATION = 100_000


def map_label(place_id: str) -> tuple[int, int] | None:
    """How maps name a place of the embedded gazetteer: ``(0, population)`` for a governorate seat,
    ``(1, population)`` for a city of ``LABEL_POPULATION`` people or more, None for a place they do not name
    (or one the gazetteer does not have). Sorted, the names to print first come first.

    Examples
    --------
    >>> map_label("geonames:99072")[0], map_label("curated:no-such-place")  # Mosul, a governorate seat
    (0, None)
    """
    try:
        place = Gazetteer.default().get(place_id)
    except UnknownPlaceError:
        return None
    if place.kind == "capital":
        return (0, place.population)
    return (1, place.population) if place.kind == "city" and place.population >= LABEL_POPULATION else None


@cache
def governorate_names() -> list[list[Any]]:
    """Each governorate's name (escaped) and a point inside it, for the offline basemap's labels.

    Examples
    --------
    >>> next(n for n in governorate_names() if n[0] == "Ninawa")[1] > 35
    True
    """
    from shapely.geometry import shape

    out = []
    for feature in governorate_outlines()["features"]:
        point = shape(feature["geometry"]).representative_point()
        out.append([escape(feature["properties"]["name"]), round(point.y, 4), round(point.x, 4)])
    return out


@cache
def governorate_outlines() -> dict[str, Any]:
    """The packaged governorates as GeoJSON (the offline basemap)."""
    text = resources.files("gazetteer").joinpath("data/governorates.geojson").read_text("utf-8")
    return json.loads(text)


@cache
def river_lines() -> dict[str, Any]:
    """The packaged rivers (``gazetteer.rivers``) as GeoJSON, drawn on offline maps.

    Examples
    --------
    >>> sorted(f["properties"]["name"] for f in river_lines()["features"])[-1]
    'Tigris'
    """
    text = resources.files("gazetteer").joinpath("data/rivers.geojson").read_text("utf-8")
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
    figure.header.add_child(_Raw(_inline_assets()), name="geo_events_assets")
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
    if offline:  # the tiles draw rivers; without them, the packaged ones orient the reader, above the areas
        pane = folium.map.CustomPane("rivers", z_index=450, pointer_events=False)
        m.add_child(pane)
        folium.GeoJson(
            river_lines(),
            name="Rivers",
            style_function=lambda f: {"color": RIVER_COLOR, "weight": 2, "opacity": 0.9},
            control=False,
            pane="rivers",
        ).add_to(m)
    m.fit_bounds([[29.0, 38.8], [37.4, 48.6]])
    return m


class _App(MacroElement):
    """Calls a ``geoEvents`` function with the map, its layer groups and the data in a JSON block, or with the
    data the block says to fetch (``fetching``: a page served with its data behind an API).

    The template renders names chosen here (function, element ids), never data.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geoEvents.start("{{ this.function }}", JSON.parse(document.getElementById("{{ this.data_id }}").textContent),
            {{ this._parent.get_name() }},
            { {% for key, group in this.groups.items() %}"{{ key }}": {{ group.get_name() }},{% endfor %} });
        {% endmacro %}
        """
    )

    def __init__(self, function: str, data: dict[str, Any], groups: dict[str, folium.FeatureGroup]) -> None:
        super().__init__()
        self._name = "GeoEventsApp"
        self.function = function
        self.data_id = f"geo-events-data-{self._id}"
        self.groups = groups
        self.payload = data
        self.data = _Raw(self._block(data))

    def _block(self, data: dict[str, Any]) -> str:
        return f'<script type="application/json" id="{self.data_id}">{embed_json(data)}</script>'


def _app(m: folium.Map) -> _App:
    return next(child for child in m._children.values() if isinstance(child, _App))


def map_data(m: folium.Map) -> dict[str, Any]:
    """The data a map's script draws (what ``fetching`` makes the page fetch), JSON-ready and escaped.

    Examples
    --------
    >>> from geo_events.render import events_map
    >>> sorted(map_data(events_map([], offline=True)))[:3]
    ['attribution', 'classes', 'cluster']
    """
    return _app(m).payload


def fetching(m: folium.Map, url: str) -> folium.Map:
    """Make the map's page fetch its data from ``url`` (which serves ``map_data``) instead of carrying it.

    Examples
    --------
    >>> from geo_events.render import events_map
    >>> m = fetching(events_map([], offline=True), "/api/maps/events")
    >>> '{"fetch":"/api/maps/events"}' in m.get_root().render()
    True
    """
    app = _app(m)
    app.data.text = app._block({"fetch": url})
    return m


def add_app(
    m: folium.Map,
    function: str,
    data: dict[str, Any],
    layers: dict[str, str],
    credit: str = "",
    offline: bool = False,
) -> dict[str, folium.FeatureGroup]:
    """Add empty layer groups (named for the layer control) and the script that fills them; the data's
    attribution (``ATTRIBUTION``), a user's ``credit`` line and, on an offline map, the governorates' names
    (to orient the reader without tiles) go into the page with the data (escaped)."""
    data = {**data, "attribution": escape(ATTRIBUTION), "credit": escape(credit)}
    if offline:
        data["governorateNames"] = governorate_names()
    groups = {key: folium.FeatureGroup(name=label) for key, label in layers.items()}
    for group in groups.values():
        group.add_to(m)
    app = _App(function, data, groups)
    m.add_child(app)
    figure = m.get_root()
    assert isinstance(figure, Figure), "a map's root is its figure"
    figure.html.add_child(app.data, name=app.data_id)  # in the body, before the scripts that read it
    folium.LayerControl(collapsed=False).add_to(m)
    return groups


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as one HTML file, atomically, and return its path."""
    path = Path(path)
    with replacing(path) as tmp:  # a map is written whole, or the old one stays
        m.save(str(tmp))
    return path
