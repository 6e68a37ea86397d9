"""The error tree, the one Skipped record and the versions (issue 13): what callers catch and read."""

import importlib
import json
import warnings
from datetime import date
from importlib.metadata import version

import pytest

import gazetteer
import geo_events
from geo_events import errors
from geo_events.articles import Skipped as ArticlesSkipped
from geo_events.control import ControlTimeline
from geo_events.extract.evaluate import read_gold, score_news
from geo_events.io import read_control, read_events, write_control, write_events
from geo_events.render import choropleth_map
from geo_events.text.lexicon import compile_lower


@pytest.mark.parametrize(
    ("call", "error", "builtin"),
    [
        (lambda tmp: read_events(tmp / "none.geojson"), errors.MissingFileError, FileNotFoundError),
        (lambda tmp: read_events(tmp / "none.geojson"), errors.MissingFileError, ValueError),
        (lambda tmp: read_control(tmp / "none.csv"), errors.MissingFileError, ValueError),
        (lambda tmp: read_control(_text(tmp / "x.geojson", "{")), errors.UnreadableFileError, ValueError),
        (lambda tmp: read_events(_text(tmp / "x.geojson", "[]")), errors.UnreadableFileError, ValueError),
        (lambda tmp: read_events(_text(tmp / "x.xlsx", "")), errors.UnknownFormatError, ValueError),
        (lambda tmp: write_events([], tmp / "x.xlsx"), errors.UnknownFormatError, ValueError),
        (
            lambda tmp: write_control(ControlTimeline.default(), tmp / "x.geojson", layer="roads"),
            errors.ArgumentError,
            ValueError,
        ),
        (lambda tmp: choropleth_map([], "rainfall"), errors.ArgumentError, ValueError),
        (lambda tmp: compile_lower(r"\bIS\b"), errors.ArgumentError, ValueError),
        (lambda tmp: read_gold(_text(tmp / "gold.jsonl", '{"id": "d1", ')), errors.UnreadableFileError, ValueError),
        (lambda tmp: read_gold(_text(tmp / "gold.jsonl", '{"places": []}')), errors.UnreadableFileError, ValueError),
        (lambda tmp: score_news([], [{"id": "d1", "places": [], "events": []}]), errors.ArgumentError, ValueError),
        (lambda tmp: score_news([], [{"id": "d1", "events": [{}]}]), errors.ArgumentError, ValueError),
    ],
)
def test_each_error_is_ours_and_the_builtin_it_always_was(call, error, builtin, tmp_path):
    with pytest.raises(error) as caught:
        call(tmp_path)
    assert isinstance(caught.value, errors.GeoEventsError) and isinstance(caught.value, builtin)


def test_the_tree_is_exported():
    for name in errors.__all__:
        assert name in geo_events.__all__ and getattr(geo_events, name) is getattr(errors, name)
        assert issubclass(getattr(errors, name), errors.GeoEventsError)


def _text(path, text):
    path.write_text(text, "utf-8")
    return path


def test_one_skipped_record_for_both_packages():
    assert geo_events.Skipped is ArticlesSkipped is gazetteer.Skipped is gazetteer.SkippedRow
    skipped = gazetteer.Skipped("a.csv", 3, "no name")
    assert skipped.path == skipped.source == "a.csv"


def test_skipped_events_print_as_they_did(tmp_path):
    """``geo-events control`` prints each one: the same words as when they were strings."""
    path = _text(tmp_path / "e.csv", "event_id,latitude,longitude\na,0,0\n")
    (row,) = read_events(path)[1]
    assert str(row) == f"{path}:2: no usable coordinates (0.0, 0.0); events are never placed at 0,0"
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None, "properties": {}}]}
    path = _text(tmp_path / "e.geojson", json.dumps(fc))
    (feature,) = read_events(path)[1]
    assert str(feature) == f"{path}: feature 1: no usable coordinates (None, None); events are never placed at 0,0"
    assert (feature.source, feature.line) == (str(path), 0)


def test_control_skips_events_with_the_record():
    (event,) = geo_events.extract_events(
        [geo_events.Article("d", "", "Troops recaptured villages near Hit.", date(2016, 3, 1))]
    )
    (skipped,) = ControlTimeline.default().update([event]).skipped
    assert isinstance(skipped, gazetteer.Skipped) and skipped.source == event.event_id and not skipped.line


def test_versions_come_from_the_distribution():
    assert gazetteer.__version__ == geo_events.__version__ == version("geo-events")


def test_the_old_frontlines_module_warns_and_gives_the_same_names():
    import geo_events.control.frontlines as new

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = importlib.reload(importlib.import_module("geo_events.frontlines"))
    assert any(w.category is DeprecationWarning for w in caught)
    assert old.areas_of_control is new.areas_of_control and old.SIDES == new.AREA_CONTROLLERS
