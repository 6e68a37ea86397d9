"""Scoring against a coder's gold records (geo_events.extract.evaluate.score_news, read_gold).

The articles here are short sentences written for these tests; the dev-set test reads
../shared/news/dev when it is there.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from gazetteer import Gazetteer
from geo_events import Article
from geo_events.articles import read_articles
from geo_events.extract.evaluate import Score, read_gold, score_news

PUBLISHED = date(2015, 3, 11)  # a Wednesday: "on Monday" is March 9
MONDAY = date(2015, 3, 9)
EXPLOSIONS, BATTLES = "Explosions/Remote violence", "Battles"
VAC, STRATEGIC = "Violence against civilians", "Strategic developments"


def _point(name: str) -> tuple[float, float]:
    match = Gazetteer.default().resolve(name)
    assert match is not None
    return match.place.lat, match.place.lon


def _event(place: str, event_type: str, *, dlat: float = 0.0, days: int = 0, **fields) -> dict:
    """A coded event at a place (moved ``dlat`` degrees north), ``days`` after Monday."""
    lat, lon = _point(place)
    return {
        "place_as_written": place,
        "lat": lat + dlat,
        "lon": lon,
        "governorate": "IQ-AN",
        "date": (MONDAY + timedelta(days=days)).isoformat(),
        "event_type": event_type,
        "killed": None,
        "control_to": None,
        "evidence": "(coded)",
        **fields,
    }


def _place(written: str, kind: str = "city", *, at: str | None = None, dlat: float = 0.0, **fields) -> dict:
    lat, lon = _point(at or written) if "lat" not in fields else (0.0, 0.0)
    return {
        "as_written": written,
        "kind": kind,
        "in_iraq": True,
        "governorate": "IQ-AN",
        "lat": lat + dlat,
        "lon": lon,
        **fields,
    }


def _score(text: str, events=(), places=()):
    article = Article("d1", "", text, PUBLISHED)
    return score_news([article], [{"id": "d1", "places": list(places), "events": list(events)}])


CAR_BOMB = "A car bomb killed 10 people in Ramadi on Monday."  # IED, Ramadi, March 9, 10 killed


# 0.1 degree of latitude is 11.1 km.
@pytest.mark.parametrize(
    "dlat, matches",
    [
        (0.0, True),
        (0.12, True),  # 13.3 km
        (-0.13, True),  # 14.5 km
        (0.14, False),  # 15.6 km
        (-0.3, False),  # 33 km
    ],
)
def test_event_within_15_km(dlat, matches):
    s = _score(CAR_BOMB, events=[_event("Ramadi", EXPLOSIONS, dlat=dlat)])
    assert s.events == (Score(1, 0, 0) if matches else Score(0, 1, 1))


@pytest.mark.parametrize(
    "days, precision, matches",
    [
        (0, None, True),
        (3, None, True),
        (-3, None, True),
        (4, None, False),
        (-5, None, False),
        (4, "week", True),
        (-10, "month", True),
        (10, "approximate", True),
        (11, "approximate", False),
        (-12, "week", False),
    ],
)
def test_date_windows(days, precision, matches):
    s = _score(CAR_BOMB, events=[_event("Ramadi", EXPLOSIONS, days=days, date_precision=precision)])
    assert s.events.tp == int(matches)
    assert len(s.articles[0].missed) == len(s.articles[0].false_hits) == int(not matches)


def test_a_coded_event_without_a_date_sets_no_date_condition():
    assert _score(CAR_BOMB, events=[_event("Ramadi", EXPLOSIONS, date=None)]).events == Score(1, 0, 0)


@pytest.mark.parametrize(
    "event_type, matches", [(EXPLOSIONS, True), (BATTLES, False), (VAC, False), (STRATEGIC, False)]
)
def test_event_type_must_agree(event_type, matches):
    s = _score(CAR_BOMB, events=[_event("Ramadi", event_type)])
    assert s.events == (Score(1, 0, 0) if matches else Score(0, 1, 1))


TWO_IN_HIT = "A roadside bomb exploded in Hit on Monday. Mortar shells struck Hit on Monday."


@pytest.mark.parametrize(
    "coded, expected",
    [
        (1, Score(tp=1, fp=1, fn=0)),  # two predictions for one coded event: one hit, one false hit
        (2, Score(tp=2, fp=0, fn=0)),
        (3, Score(tp=2, fp=0, fn=1)),
    ],
)
def test_matching_is_one_to_one(coded, expected):
    s = _score(TWO_IN_HIT, events=[_event("Hit", EXPLOSIONS)] * coded)
    assert s.events == expected
    article = s.articles[0]
    assert len(article.matched) == expected.tp
    assert len(article.false_hits) == expected.fp and len(article.missed) == expected.fn


def test_one_to_one_keeps_the_most_pairs():
    """The nearer coded event could take either prediction; the farther one only the one in Hit."""
    text = "A roadside bomb exploded in Hit on Monday. Mortar shells hit Ramadi on Monday."
    hit, ramadi = _point("Hit"), _point("Ramadi")
    between = {"lat": (hit[0] + ramadi[0]) / 2, "lon": (hit[1] + ramadi[1]) / 2}
    assert _score(text, events=[_event("Hit", EXPLOSIONS) | between]).events.tp == 0  # 26 km from each
    s = _score(text, events=[_event("Hit", EXPLOSIONS, dlat=0.1), _event("Ramadi", EXPLOSIONS)])
    assert s.events == Score(2, 0, 0)


@pytest.mark.parametrize(
    "governorate, matches",
    [
        ("IQ-AN", True),  # Ramadi is in Anbar
        ("IQ-NI", False),
        (None, False),  # neither point nor governorate: no prediction can match
    ],
)
def test_governorate_fallback_without_a_point(governorate, matches):
    s = _score(CAR_BOMB, events=[_event("Ramadi", EXPLOSIONS, lat=None, lon=None, governorate=governorate)])
    assert s.events == (Score(1, 0, 0) if matches else Score(0, 1, 1))
    assert s.unplaceable == int(governorate is None)


RETOOK_HIT = "Troops retook Hit on Monday."


@pytest.mark.parametrize(
    "control_to, dlat, days, territory, events",
    [
        ("government", 0.0, 0, Score(1, 0, 0), Score(1, 0, 0)),
        ("kurdish", 0.0, 0, Score(0, 1, 1), Score(1, 0, 0)),  # the event matches, the new controller does not
        (None, 0.0, 0, Score(0, 1, 0), Score(1, 0, 0)),  # the coder saw no change of hands
        ("government", 0.2, 0, Score(0, 1, 1), Score(0, 1, 1)),  # 22 km
        ("government", 0.0, 5, Score(0, 1, 1), Score(0, 1, 1)),
    ],
)
def test_territory(control_to, dlat, days, territory, events):
    s = _score(RETOOK_HIT, events=[_event("Hit", BATTLES, dlat=dlat, days=days, control_to=control_to)])
    assert s.territory == territory
    assert s.events == events


def test_territory_without_any_change_of_hands():
    s = _score(CAR_BOMB, events=[_event("Ramadi", EXPLOSIONS)])
    assert s.territory == Score(0, 0, 0)
    assert (s.territory.precision, s.territory.recall) == (1.0, 1.0)


@pytest.mark.parametrize(
    "killed, pairs, exact, within",
    [
        (10, 1, 1, 1),
        (11, 1, 0, 1),  # 10 is within 1.1 of 11
        (9, 1, 0, 0),  # 10 is not within 0.9 of 9
        (12, 1, 0, 0),
        (None, 0, 0, 0),  # the text gives no number: not counted
    ],
)
def test_killed(killed, pairs, exact, within):
    s = _score(CAR_BOMB, events=[_event("Ramadi", EXPLOSIONS, killed=killed)])
    assert (s.killed.pairs, s.killed.exact, s.killed.within_10pct) == (pairs, exact, within)
    if pairs:
        assert (s.killed.exact_share, s.killed.within_10pct_share) == (exact, within)


def test_killed_counts_only_matched_events():
    s = _score(CAR_BOMB, events=[_event("Ramadi", BATTLES, killed=10)])
    assert s.killed.pairs == 0


ANBAR = "Fighting raged in Anbar province and in Ramadi, Iraq."


@pytest.mark.parametrize(
    "places, expected",
    [
        ([_place("Ramadi")], Score(1, 1, 0)),  # "Anbar province" matches nothing coded
        ([_place("Ramadi"), _place("Anbar", "governorate", lat=None, lon=None)], Score(2, 0, 0)),  # holds "Anbar"
        # a coded governorate matches a resolution anywhere in it
        ([_place("Ramadi"), _place("Anbar", "governorate", at="Fallujah")], Score(2, 0, 0)),
        ([_place("Ramadi"), _place("Anbar", "governorate", at="Mosul", governorate="IQ-NI")], Score(1, 1, 1)),
        ([_place("Ramadi", dlat=0.13), _place("Anbar province", "governorate")], Score(2, 0, 0)),  # 14.5 km
        ([_place("Ramadi", dlat=0.2), _place("Anbar province", "governorate")], Score(1, 1, 1)),  # 22 km
        ([_place("Ramadi", "neighbourhood", dlat=0.2), _place("Anbar province", "governorate")], Score(2, 0, 0)),
        ([_place("Ramadi", "neighbourhood", dlat=0.3), _place("Anbar province", "governorate")], Score(1, 1, 1)),
        ([_place("Rama", at="Ramadi"), _place("Anbar province", "governorate")], Score(1, 1, 1)),  # not a whole word
        # Iraq itself and places without point or governorate are left out, and so are the forms that name them
        ([_place("Ramadi"), _place("Iraq", "country", lat=None, lon=None, governorate=None)], Score(1, 1, 0)),
        ([_place("Ramadi"), _place("Anbar", "region", lat=None, lon=None, governorate=None)], Score(1, 0, 0)),
        # foreign places do not count; an Iraqi resolution of their name would be a false hit
        ([_place("Ramadi"), _place("Anbar province", "governorate", in_iraq=False)], Score(1, 1, 0)),
    ],
)
def test_places(places, expected):
    assert _score(ANBAR, places=places).places == expected


def test_places_count_distinct_surface_forms():
    text = "Clashes in Ramadi. Shelling in Ramadi. A bomb in Ramadi."
    assert _score(text, places=[_place("Ramadi")]).places == Score(1, 0, 0)


def test_a_second_form_of_a_found_place_is_no_false_hit():
    text = "Fighting raged in Anbar province and elsewhere in Anbar."
    assert _score(text, places=[_place("Anbar", "governorate")]).places == Score(1, 0, 0)


def test_misses_and_false_hits_carry_their_sentences():
    evidence = "A bomb went off in Hit."
    s = _score(CAR_BOMB, events=[_event("Hit", EXPLOSIONS, evidence=evidence)])
    (article,) = s.articles
    assert [g.evidence for g in article.missed] == [evidence]
    assert [e.sentence for e in article.false_hits] == [CAR_BOMB]


def test_gold_for_a_missing_article_is_an_error():
    with pytest.raises(ValueError, match="d2"):
        score_news([Article("d1", "", CAR_BOMB, PUBLISHED)], [{"id": "d2", "places": [], "events": []}])


GOOD = json.dumps({"id": "d1", "places": [], "events": [_event("Ramadi", EXPLOSIONS)]})


@pytest.mark.parametrize(
    "broken, message",
    [
        ('{"id": "d2", "places": [', "not valid JSON"),
        ('["d2"]', "JSON object"),
        ('{"places": [], "events": []}', "'id'"),
        ('{"id": "d2", "events": {}}', "must be lists"),
        ('{"id": "d2", "events": [{"date": "2015-03-09"}]}', "d2: event 1: no 'event_type'"),
        ('{"id": "d2", "events": [{"event_type": "Battles", "date": "March 9"}]}', "d2: event 1"),
        ('{"id": "d2", "events": [{"event_type": "Battles", "lat": "north"}]}', "lat is 'north'"),
        ('{"id": "d2", "places": [{"kind": "town"}]}', "d2: place 1: no 'as_written'"),
    ],
)
def test_a_broken_gold_line_is_named(tmp_path, broken, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{GOOD}\n\n{broken}\n{GOOD}\n", "utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl, line 3: ") as info:
        read_gold(path)
    assert message in str(info.value)


def test_read_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{GOOD}\n\n", "utf-8")
    (record,) = read_gold(path)
    assert _score(CAR_BOMB, events=record["events"]).events == Score(1, 0, 0)


def test_dev_set(shared):
    dev = shared / "news" / "dev"
    if not (dev / "gold.jsonl").is_file():
        pytest.skip(f"{dev} is not present")
    gold = read_gold(dev / "gold.jsonl")
    articles, skipped = read_articles(dev / "articles.jsonl")
    assert not skipped
    s = score_news(articles, gold)
    assert len(s.articles) == len(gold)
    figures = [s.killed.exact_share, s.killed.within_10pct_share]
    for score in (s.places, s.events, s.territory):
        figures += [score.precision, score.recall, score.f1]
    assert all(0.0 <= f <= 1.0 for f in figures)
    coded = [e for r in gold for e in r["events"]]
    assert s.events.tp + s.events.fn == len(coded)
    assert s.territory.tp + s.territory.fn == sum(1 for e in coded if e["control_to"])
    iraqi = [p for r in gold for p in r["places"] if p["in_iraq"] and p["canonical"] != "Iraq"]
    scored = [p for p in iraqi if p["lat"] is not None or p["governorate"] is not None]
    assert s.places.tp + s.places.fn == len(scored)
    assert s.killed.exact <= s.killed.within_10pct <= s.killed.pairs <= s.events.tp
    assert s.killed.pairs == sum(1 for a in s.articles for g, _ in a.matched if g.killed is not None)
    for a in s.articles:
        assert a.events == Score(len(a.matched), len(a.false_hits), len(a.missed))
    assert s.events == Score(*(sum(getattr(a.events, k) for a in s.articles) for k in ("tp", "fp", "fn")))
    assert s.events.tp > 0 and s.places.tp > 0


# --- geo-events evaluate ------------------------------------------------------------------------

CLI_ARTICLES = [
    {"id": "a1", "published": "2015-03-11", "text": "A car bomb killed 10 people in Ramadi on Monday."},
    {"id": "a2", "published": "2015-03-11", "text": "Troops retook Hit on Monday after heavy clashes."},
]


def _cli(*argv: str) -> tuple[int, str, str]:
    import io

    from geo_events.cli import main

    out, log = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, log=log), out.getvalue(), log.getvalue()


@pytest.fixture
def coded(tmp_path):
    """Two articles and their coding: the bombing right, the recapture of Hit coded one day off, plus a
    coded clash in Haditha that nothing reports."""
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in CLI_ARTICLES), "utf-8")
    ramadi = {**_event("Ramadi", EXPLOSIONS), "killed": 10}
    hit = {**_event("Hit", BATTLES, days=1), "control_to": "government"}
    records = [
        {"id": "a1", "places": [_place("Ramadi")], "events": [ramadi]},
        {"id": "a2", "places": [_place("Hit")], "events": [hit, _event("Haditha", BATTLES)]},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return articles, gold


def test_evaluate_command_scores_articles(coded):
    articles, gold = coded
    status, out, _ = _cli("evaluate", "--gold", str(gold), "--articles", str(articles))
    assert status == 0
    assert "missed  Battles" in out and "at Haditha, 2015-03-09" in out  # the miss, with its sentence
    assert "events     precision 1.00, recall 0.67, F1 0.80 (tp 2, fp 0, fn 1)" in out
    assert "places     precision 1.00, recall 1.00" in out and "territory  precision 1.00, recall 1.00" in out

    status, out, _ = _cli("evaluate", "--json", "--gold", str(gold), "--articles", str(articles))
    scores = json.loads(out)
    assert {"places", "events", "territory", "killed"} <= set(scores)
    assert scores["events"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    assert scores["killed"]["exact"] == 1.0 and scores["killed"]["tp"] == 1
    assert [a["id"] for a in scores["articles"]] == ["a1", "a2"]
    assert scores["articles"][1]["missed_events"][0]["place"] == "Haditha"


def test_evaluate_command_scores_an_events_file_and_an_acled_csv(coded, tmp_path):
    articles, gold = coded
    events = tmp_path / "events.geojson"
    assert _cli("extract", "--out", str(events), str(articles))[0] == 0
    status, out, _ = _cli("evaluate", "--json", "--gold", str(gold), str(events))
    scores = json.loads(out)
    assert status == 0 and scores["places"] is None and scores["events"]["tp"] == 2  # no text: no places

    acled = tmp_path / "acled.csv"
    acled.write_text(
        "doc_id,event_date,event_type,sub_event_type,admin1,location,latitude,longitude,fatalities,time_precision,notes\n"
        f"a1,9 March 2015,{EXPLOSIONS},Remote explosive/landmine/IED,Al Anbar,Ramadi,{_point('Ramadi')[0]},"
        f"{_point('Ramadi')[1]},10,1,A car bomb in Ramadi.\n"
        "a2,2015-03-09,Battles,Armed clash,Al Anbar,Haditha,,,0,2,Clashes somewhere in Anbar that week.\n",
        "utf-8",
    )
    status, out, _ = _cli("evaluate", "--json", "--gold", str(acled), "--articles", str(articles))
    scores = json.loads(out)
    # a1's bomb matches by its point; a2's battle, coded with the governorate only and a week's precision,
    # matches the recapture of Hit (a battle in Anbar two days off); no places are coded
    assert status == 0 and scores["places"] is None
    assert (scores["events"]["tp"], scores["events"]["fn"], scores["killed"]["exact"]) == (2, 0, 1.0)


def test_evaluate_command_needs_articles_or_events(coded):
    articles, gold = coded
    message = "give the articles (--articles INPUT...) or events files (EVENTS...), not both"
    for argv in ([str(articles), "--articles", str(articles)], []):
        status, _, log = _cli("evaluate", "--gold", str(gold), *argv)
        assert status == 2 and message in log


def test_evaluate_command_names_a_bad_gold_line(coded, tmp_path):
    articles, _ = coded
    gold = tmp_path / "bad.jsonl"
    gold.write_text('{"id": "a1", "events": [{"date": "2015-03-09"}]}\n', "utf-8")
    status, _, log = _cli("evaluate", "--gold", str(gold), "--articles", str(articles))
    assert status == 2 and f"{gold}, line 1: a1: event 1: no 'event_type'" in log and "Traceback" not in log
    acled = tmp_path / "bad.csv"
    acled.write_text("event_date,event_type\n2015-03-09,Battles\n", "utf-8")
    status, _, log = _cli("evaluate", "--gold", str(acled), "--articles", str(articles))
    assert status == 2 and "not a gold CSV: no column doc_id (or article_id)" in log


def test_evaluate_command_says_which_articles_have_no_coding(coded, tmp_path):
    articles, gold = coded
    more = tmp_path / "more.jsonl"
    more.write_text(articles.read_text("utf-8") + json.dumps({"id": "a3", "text": "Clashes in Hit."}) + "\n", "utf-8")
    status, out, log = _cli("evaluate", "--gold", str(gold), "--articles", str(more))
    assert status == 0 and "note: 1 articles have no coding" in log and log.rstrip().endswith("not scored: a3")
    assert "events     precision 1.00, recall 0.67" in out  # the same scores as without it
