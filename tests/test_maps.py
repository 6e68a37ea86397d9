"""Maps: self-contained HTML, escaping, empty ranges, the map command, and a real browser."""

import dataclasses
import html
import io
import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from geo_events import Article, extract_events, read_articles
from geo_events.cli import main
from geo_events.control import ControlTimeline
from geo_events.render import choropleth_map, control_map, events_map, save_map

DISPATCHES = Path(__file__).parent.parent / "geo_events" / "data" / "dispatches.jsonl"
EXTERNAL = re.compile(r"<(?:script|link|img)[^>]+(?:src|href)=[\"']?(?:https?:)?//", re.IGNORECASE)
HOSTILE = 'Clashes in Hit <script>alert("pwned")</script> <img src=x onerror=alert(1)> today.'


@pytest.fixture(scope="module")
def sample_events():
    articles, _ = read_articles(DISPATCHES)
    return extract_events(articles)


@pytest.fixture(scope="module")
def hostile_events():
    return extract_events([Article("evil", "", HOSTILE, date(2016, 4, 1))])


def html_of(m) -> str:
    return m.get_root().render()


_DATA_BLOCK = re.compile(r'<script type="application/json" id="geo-events-data-\w+">(.*?)</script>', re.DOTALL)


def page_strings(page: str) -> list[str]:
    """Every string of the data embedded in a map page, as the page's script reads it (HTML unescaped)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(html.unescape(value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for block in _DATA_BLOCK.findall(page):
        walk(json.loads(block))
    return found


@pytest.mark.parametrize("kind", ["control", "choropleth", "events"])
def test_offline_maps_load_nothing_from_the_network(kind, sample_events):
    m = {
        "control": lambda: control_map(start=date(2016, 10, 1), end=date(2017, 7, 31), offline=True),
        "choropleth": lambda: choropleth_map(sample_events, "events", offline=True),
        "events": lambda: events_map(sample_events, offline=True),
    }[kind]()
    html = html_of(m)
    assert not EXTERNAL.search(html)
    assert "cartocdn" not in html and "tile.openstreetmap" not in html
    assert "L.map(" in html or "L.map (" in html or "L\n.map" in html or "L.map" in html
    assert "geoEvents." in html
    assert '"name": "Tigris"' in html and '"pane": "rivers"' in html  # no tiles: the packaged rivers orient


def test_online_map_has_tiles_but_no_cdn_scripts(sample_events):
    html = html_of(events_map(sample_events))
    assert "tile.openstreetmap.org" in html
    assert '"name": "Tigris"' not in html  # the tiles draw the rivers
    assert not EXTERNAL.search(html)


def test_article_text_is_escaped(hostile_events):
    (event,) = hostile_events
    for m in (
        events_map(hostile_events, offline=True),
        control_map(ControlTimeline.default().update(hostile_events), offline=True),
    ):
        page = html_of(m)
        assert "<script>alert" not in page and "<img src=x" not in page
    page = html_of(events_map(hostile_events, offline=True))
    text = json.loads(_DATA_BLOCK.search(page).group(1))["text"]
    assert any("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in t for t in text)
    assert any('<script>alert("pwned")</script>' in s for s in page_strings(page))
    assert event.location == "Hit"


#: Text that a template engine would run: it makes a folder named PWNED, and has no quotes or angle brackets.
PAYLOAD = "{{ lipsum.__globals__.os.mkdir(dict(PWNED=1)|first) }}"
#: Ordinary text that looks like template syntax (a Jinja2 error, or a comment that vanished).
TEMPLATE_LIKE = ("{{7*7}}", "{{ page.title }}", "{% if x %}", "{# share #}")


def _article_inputs(folder: Path) -> list[str]:
    """Articles carrying the payload in every field a map shows: text, id, source, title, an HTML page."""
    jsonl = folder / "articles.jsonl"
    rows = [
        {"id": "{{7*7}}", "source": "S {{7*7}} {# share #}", "published": "2016-04-01",
         "text": f"Clashes erupted in Ramadi {PAYLOAD} today."},
        {"id": "t", "source": "{% if x %}", "published": "2015-06-01",
         "text": "Troops retook Hit {{ page.title }} today, officials said."},
    ]  # fmt: skip
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    page = folder / "page.html"
    page.write_text(
        f"<html><head><title>{{{{7*7}}}} report</title></head><body><p>Gunmen attacked a checkpoint in Baiji "
        f"{PAYLOAD} {{% if x %}} yesterday, killing two policemen.</p></body></html>",
        "utf-8",
    )
    return [str(jsonl), str(page)]


def _bad_boundaries(folder: Path) -> str:
    path = folder / "districts.geojson"
    square = [[[43.0, 33.0], [44.0, 33.0], [44.0, 34.0], [43.0, 34.0], [43.0, 33.0]]]
    feature = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": square},
               "properties": {"ADM2_EN": f"District {PAYLOAD} {{{{7*7}}}}", "ADM2_PCODE": "IQ9901"}}  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return str(path)


def _control_file(folder: Path) -> str:
    path = folder / "control.geojson"
    assert main(["control", "--out", str(path)], out=io.StringIO(), log=io.StringIO()) == 0
    fc = json.loads(path.read_text("utf-8"))
    first = fc["features"][0]["properties"]["place_id"]
    for f in fc["features"]:
        if f["properties"]["place_id"] == first:
            f["properties"]["name"] = f"Town {PAYLOAD} {{# share #}}"
    path.write_text(json.dumps(fc), "utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("kind", "inputs", "shown_as_written"),
    [
        ("events", "events", [PAYLOAD, *TEMPLATE_LIKE]),  # evidence sentences, ids, sources, an HTML title
        ("control", "events", ["{{ page.title }}"]),  # the sentence of a change of control
        ("choropleth", "boundaries", [PAYLOAD, "{{7*7}}"]),  # a district's name
        ("control", "control file", [PAYLOAD, "{# share #}"]),  # a place's name
    ],
)
def test_no_template_engine_sees_data(kind, inputs, shown_as_written, tmp_path, monkeypatch):
    """Article text, ids, sources, HTML titles, boundary and place names show as written; none runs."""
    monkeypatch.chdir(tmp_path)
    args = ["map", "--kind", kind, "--offline", "--out", "map.html"]
    if inputs == "events":
        assert (
            main(["extract", "--out", "events.geojson", *_article_inputs(tmp_path)], io.StringIO(), io.StringIO()) == 0
        )
        args.append("events.geojson")
    elif inputs == "boundaries":
        args += ["--boundaries", _bad_boundaries(tmp_path), "--metric", "held:islamic_state"]
    else:
        args.append(_control_file(tmp_path))
    log = io.StringIO()
    assert main(args, io.StringIO(), log) == 0, log.getvalue()
    assert not (tmp_path / "PWNED").exists()
    shown = " ".join(page_strings((tmp_path / "map.html").read_text("utf-8")))
    assert all(text in shown for text in shown_as_written)


def test_embedded_json_cannot_end_its_script():
    """'<!--<script>' in a name kept the data script from ending (a blank map); '</script>' ended it early."""
    from geo_events.render.base import embed_json

    for text in ("<!--<script>", "</script><script>alert(1)</script>", "a\u2028b\u2029c", "&amp;"):
        embedded = embed_json({"name": text})
        assert not re.search(r"[<>&\u2028\u2029]", embedded)
        assert json.loads(embedded) == {"name": text}


def test_empty_date_range_says_so(sample_events):
    html = html_of(events_map(sample_events, start=date(2013, 1, 1), end=date(2013, 2, 1), offline=True))
    assert "no events in this period" in html
    html = html_of(choropleth_map(sample_events, "events", start=date(2013, 1, 1), end=date(2013, 3, 1), offline=True))
    assert "no data in this period" in html


def test_undated_events_are_reported_not_shown():
    (undated,) = extract_events([Article("u", "", "Clashes erupted in Hit on Monday.")])
    html = html_of(events_map([undated], start=date(2016, 1, 1), end=date(2016, 12, 31), offline=True))
    assert "1 undated events not shown" in html


def test_choropleth_metrics_and_bad_metric(sample_events):
    for metric in ("events", "fatalities", "held:islamic_state"):
        assert 'geoEvents.start("choropleth"' in html_of(choropleth_map(sample_events, metric, offline=True))
    with pytest.raises(ValueError, match="unknown metric"):
        choropleth_map(sample_events, "mood")


def test_choropleth_by_district(sample_events, ocha_adm2):
    from gazetteer import AdminAreas

    html = html_of(choropleth_map(sample_events, "events", boundaries=AdminAreas.from_file(ocha_adm2), offline=True))
    assert "by area" in html and "IQG15Q" in html  # OCHA district P-codes of Ninawa


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo_events", *args], capture_output=True, timeout=300)


@pytest.mark.parametrize(
    "args",
    [
        ["--kind", "control", "--start", "2016-10-01", "--end", "2017-01-31"],
        ["--kind", "choropleth", "--metric", "held:kurdish"],
        ["--kind", "events", "--start", "2016-01-01", "--end", "2016-12-31"],
    ],
)
def test_map_command_embedded_data(tmp_path, args):
    out = tmp_path / "map.html"
    proc = run("map", *args, "--offline", "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.stat().st_size > 100_000 and not EXTERNAL.search(out.read_text("utf-8"))


def test_map_command_with_event_and_control_files(tmp_path):
    events = tmp_path / "events.geojson"
    control = tmp_path / "control.geojson"
    assert run("extract", "--out", str(events), str(DISPATCHES)).returncode == 0
    assert run("control", str(events), "--out", str(control)).returncode == 0
    for kind, inputs in (("events", [events]), ("choropleth", [events]), ("control", [control, events])):
        out = tmp_path / f"{kind}.html"
        proc = run("map", *map(str, inputs), "--kind", kind, "--offline", "--out", str(out))
        assert proc.returncode == 0, proc.stderr.decode()
        assert out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "someday"], "cannot read --start"),
        (["no/such/events.geojson", "--kind", "events"], "no such file"),
    ],
)
def test_map_command_bad_input(tmp_path, args, message):
    proc = run("map", *args, "--out", str(tmp_path / "m.html"))
    assert proc.returncode == 2
    assert message in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_control_command(tmp_path):
    out = tmp_path / "at.geojson"
    proc = run("control", "--at", "2015-06-01", "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    fc = json.loads(out.read_text())
    assert {"name", "controller", "governorate", "valid_from", "valid_to"} <= set(fc["features"][0]["properties"])
    assert run("control", "--at", "June", "--out", str(out)).returncode == 2


def test_demo_writes_maps_and_geojson(tmp_path):
    proc = run("demo", "--out", str(tmp_path / "demo"))
    assert proc.returncode == 0, proc.stderr.decode()
    names = {p.name for p in (tmp_path / "demo").iterdir()}
    assert {
        "control_map.html",
        "events_map.html",
        "choropleth_events.html",
        "events.geojson",
        "control_intervals.geojson",
    } <= names
    for p in (tmp_path / "demo").glob("*.html"):
        assert not EXTERNAL.search(p.read_text("utf-8"))


# -- static maps (PNG, SVG, PDF) ---------------------------------------------------------


def run_map(*args: str) -> tuple[int, str]:
    log = io.StringIO()
    return main(["map", *args], io.StringIO(), log), log.getvalue()


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG\r\n\x1a\n"), (".pdf", b"%PDF-"), (".svg", b"<?xml")])
def test_a_static_control_map_is_written(tmp_path, suffix, magic):
    path = tmp_path / f"control{suffix}"
    status, log = run_map(
        "--at", "2017-08-15", "--title", "Iraq <b>& control", "--credit", "A newsroom", "--out", str(path)
    )
    assert status == 0 and f"wrote {path}" in log
    assert path.read_bytes().startswith(magic) and path.stat().st_size > 20_000
    if suffix == ".svg":  # a title with markup in it stays text: the file parses, and says it
        import xml.etree.ElementTree as ET

        root = ET.parse(path).getroot()
        assert "Iraq <b>& control" in "".join(root.itertext())


def test_a_png_export_is_a_map_of_iraq_at_its_date(tmp_path):
    """The PNG is an image of the size asked, and the figure behind it puts places at (lon, lat)."""
    image = pytest.importorskip("matplotlib.image")
    from geo_events.render import control_figure, save_figure

    fig = control_figure(ControlTimeline.default(), date(2016, 10, 17), credit="Test desk")
    pixels = image.imread(save_figure(fig, tmp_path / "c.png"))
    assert pixels.shape[0] > 1000 and pixels.shape[1] > 1000
    ax = fig.axes[0]
    assert (ax.get_title(loc="right"), ax.get_xlim()[0] < 40 < ax.get_xlim()[1]) == ("17 October 2016", True)
    points = [tuple(xy) for c in ax.collections for xy in c.get_offsets()]
    mosul = (43.1189, 36.335)  # x is the longitude: a lat/lon mix-up would put Mosul at (36.3, 43.1)
    assert any(abs(x - mosul[0]) < 0.05 and abs(y - mosul[1]) < 0.05 for x, y in points)
    assert not any(abs(x - mosul[1]) < 0.05 and abs(y - mosul[0]) < 0.05 for x, y in points)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"Iraqi government", "Islamic State", "Kurdish forces", "Front line with the Islamic State"} <= set(labels)
    footer = fig._supxlabel.get_text()
    assert footer.startswith("Test desk") and "GeoNames (CC BY 4.0)" in footer and "Natural Earth" in footer


def test_a_static_event_map_and_bad_formats(tmp_path, sample_events):
    status, _ = run_map("--kind", "events", "--out", str(tmp_path / "events.png"))
    assert status == 0 and (tmp_path / "events.png").read_bytes().startswith(b"\x89PNG")
    status, log = run_map("--kind", "choropleth", "--out", str(tmp_path / "c.png"))
    assert status != 0 and "HTML only" in log and not (tmp_path / "c.png").exists()
    status, log = run_map("--out", str(tmp_path / "c.jpg"))
    assert status != 0 and "unknown map format" in log


def test_the_islamic_state_is_never_drawn_in_the_unknown_colour():
    """#16: the legend's unknown was the grey the Islamic State's faded black areas looked like."""
    from geo_events.render.palette import AREA_OPACITY, CONTROLLER_COLORS

    def seen(controller: str) -> tuple[int, ...]:  # the colour over white at the opacity its areas are drawn with
        rgb = [int(CONTROLLER_COLORS[controller][i : i + 2], 16) for i in (1, 3, 5)]
        a = AREA_OPACITY[controller]
        return tuple(round(a * c + (1 - a) * 255) for c in rgb)

    unknown = tuple(int(CONTROLLER_COLORS["unknown"][i : i + 2], 16) for i in (1, 3, 5))
    assert sum(abs(a - b) for a, b in zip(seen("islamic_state"), unknown, strict=True)) > 250
    assert len(set(CONTROLLER_COLORS.values())) == len(CONTROLLER_COLORS)


# -- in a real browser ------------------------------------------------------------------


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(f"request: {r.url}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function(
        "window.geoEvents && window.geoEvents.state && Object.keys(window.geoEvents.state).length > 0"
    )
    return page, problems


def move_slider(page, index: int) -> dict:
    page.evaluate(
        "(i) => { const r = document.querySelector('.ge-range'); r.value = i; r.dispatchEvent(new Event('input')); }",
        index,
    )
    return page.evaluate("window.geoEvents.state")


def test_control_map_in_browser(browser, tmp_path):
    tl = ControlTimeline.default()
    path = save_map(control_map(tl, start=date(2014, 6, 1), end=date(2017, 12, 31), offline=True), tmp_path / "c.html")
    page, problems = open_page(browser, path)
    for index in (0, 8, 30, 43):
        state = move_slider(page, index)
        day = date.fromisoformat(state["date"])
        expected = Counter(i.controller for i in tl.at(day))
        assert state["counts"] == dict(expected), day
        assert state["drawn"] == sum(expected.values())
    assert page.locator(".ge-legend").count() == 1 and page.locator(".ge-title").count() == 1
    assert page.locator(".ge-bigdate").inner_text() == state["date"]  # the date, large, follows the slider
    page.screenshot(path=str(tmp_path / "control.png"))
    assert not problems


def test_control_map_names_towns_credits_and_attributes_in_browser(browser, tmp_path):
    m = control_map(offline=True, title="Control <i>now</i>", credit='Desk <img src=x onerror="alert(1)">')
    page, problems = open_page(browser, save_map(m, tmp_path / "c.html"))
    assert page.locator(".ge-credit").inner_text() == 'Desk <img src=x onerror="alert(1)">'  # shown as text
    assert page.locator(".ge-title").inner_text() == "Control <i>now</i>"
    assert "GeoNames (CC BY 4.0)" in page.locator(".leaflet-control-attribution").inner_text()
    names = set(page.locator(".ge-label").all_inner_texts())
    assert {"Mosul", "Baghdad", "Basra"} <= names  # governorate seats at the first zoom
    assert not problems


def test_control_map_names_do_not_cover_each_other_in_browser(browser, tmp_path):
    """Names wait for the zoom that parts them (Mosul and New Mosul, Karbala and Hillah), as drawn by the
    browser: no two name boxes overlap at the country's zoom nor closer in."""
    page, problems = open_page(browser, save_map(control_map(offline=True), tmp_path / "c.html"))
    for zoom, centre in ((6, [33.2, 43.7]), (8, [35.6, 43.4]), (9, [33.0, 44.3])):
        _map_js(page, f"map.setView({centre}, {zoom}, {{animate: false}}); GE.update && GE.update();")
        page.wait_for_timeout(300)
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('.ge-label')].map(e => { const r = e.getBoundingClientRect(); "
            "return [e.textContent, r.left, r.top, r.right, r.bottom]; })"
        )
        assert len(boxes) >= 5, zoom
        for (na, l1, t1, r1, b1), (nb, l2, t2, r2, b2) in itertools.combinations(boxes, 2):
            overlap = max(0, min(r1, r2) - max(l1, l2)) * max(0, min(b1, b2) - max(t1, t2))
            assert overlap < 20, (zoom, na, nb)  # square pixels: touching borders at most
    assert not problems


def _map_js(page, body: str):
    """Run JavaScript with ``map``, the page's Leaflet map, and ``GE``, geoEvents."""
    return page.evaluate(
        "(body) => { const map = Object.values(window).find(v => v && v._container && v.setZoom); "
        "return new Function('map', 'GE', body)(map, window.geoEvents); }",
        body,
    )


def test_events_map_in_browser_escapes_and_clusters(browser, tmp_path, hostile_events, sample_events):
    path = save_map(events_map(hostile_events + sample_events, offline=True), tmp_path / "e.html")
    page, problems = open_page(browser, path)
    assert page.evaluate("window.geoEvents.state")["shown"] == len(hostile_events + sample_events)
    shown = _map_js(
        page,
        "const m = GE.cluster.getLayers().find(l => String(l.getPopup()._content(l)).includes('pwned')); "
        "L.popup().setLatLng(m.getLatLng()).setContent(m.getPopup()._content(m)).openOn(map); "
        "return document.querySelector('.leaflet-popup-content').innerText;",
    )
    assert '<script>alert("pwned")</script>' in shown  # shown as text, not run
    assert page.locator(".ge-pie").count() > 0  # clusters, drawn as pies of their types
    assert not problems  # no alert dialog, no error, no request


def test_events_at_one_point_spiderfy_at_the_highest_zoom(browser, tmp_path, sample_events):
    """#16: Baghdad's events at one point stayed one circle at the highest zoom, their popups out of reach."""
    baghdad = sample_events[0]
    same = [dataclasses.replace(baghdad, event_id=f"b{k}") for k in range(30)]
    page, problems = open_page(browser, save_map(events_map(same, offline=True), tmp_path / "b.html"))
    _map_js(page, f"map.setView([{baghdad.latitude}, {baghdad.longitude}], 18, {{animate: false}});")
    page.wait_for_timeout(300)
    page.locator(".ge-pie").first.click()
    page.wait_for_function("window.geoEvents.state.spiderfied === 30")
    assert not problems


def test_events_map_filters_by_date_and_type_in_browser(browser, tmp_path, sample_events):
    page, problems = open_page(browser, save_map(events_map(sample_events, offline=True), tmp_path / "f.html"))
    battles = sum(e.event_type == "Battles" for e in sample_events)
    page.locator(".ge-type[data-k='0']").uncheck()
    assert page.evaluate("window.geoEvents.state")["shown"] == len(sample_events) - battles
    page.locator(".ge-type[data-k='0']").check()
    page.locator(".ge-from").fill("2016-01-01")
    page.locator(".ge-from").dispatch_event("change")
    later = sum(e.event_date is None or e.event_date >= date(2016, 1, 1) for e in sample_events)
    assert page.evaluate("window.geoEvents.state")["shown"] == later < len(sample_events)
    assert not problems


def test_a_large_corpus_opens_on_its_density(browser, tmp_path, sample_events):
    from geo_events.render.events import DENSITY_FROM, density

    many = [dataclasses.replace(e, event_id=f"{e.event_id}-{k}") for k in range(DENSITY_FROM // len(sample_events) + 1)
            for e in sample_events]  # fmt: skip
    page, problems = open_page(browser, save_map(events_map(many, offline=True), tmp_path / "d.html"))
    assert page.evaluate("window.geoEvents.state")["cells"] == len(density(many))
    on = _map_js(page, "return [map.hasLayer(GE.groups.density), map.hasLayer(GE.groups.events)];")
    assert on == [True, False]  # the markers are one click away in the layer control
    assert not problems


def test_choropleth_in_browser(browser, tmp_path, sample_events):
    path = save_map(choropleth_map(sample_events, "held:islamic_state", offline=True), tmp_path / "ch.html")
    page, problems = open_page(browser, path)
    assert move_slider(page, 12)["areasWithData"] > 0  # June 2015
    assert move_slider(page, 42)["areasWithData"] == 0  # December 2017
    assert not problems


def test_an_offline_map_names_its_governorates():
    """#16: without tiles, the governorates' names orient the reader; with tiles, the tiles do."""
    offline, online = html_of(control_map(offline=True)), html_of(control_map(offline=False))
    assert '"governorateNames":[[' in offline and '"Ninawa"' in offline.split('"governorateNames"')[1][:4000]
    assert '"governorateNames"' not in online


def test_a_control_map_tells_its_progress():
    seen = []
    control_map(start=date(2016, 10, 1), end=date(2017, 1, 31), offline=True, progress=lambda k, n: seen.append((k, n)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_a_dollar_in_a_static_title_is_text(tmp_path):
    """matplotlib reads $...$ as mathematics: a title or credit with prices in it crashed or lost its signs."""
    status, log = run_map("--title", "bad $x^$ here", "--credit", "Cost $5 and $6", "--out", str(tmp_path / "d.png"))
    assert status == 0, log
    from geo_events.render import control_figure

    fig = control_figure(title="bad $x^$ here", credit="Cost $5 and $6")
    texts = [fig.axes[0]._left_title, fig._supxlabel]
    assert all(not t.get_parse_math() for t in texts) and "Cost $5 and $6" in fig._supxlabel.get_text()
