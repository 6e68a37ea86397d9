"""The three seed articles of ../shared/seeds against the hand coding in tests/data/seed_gold.json."""

import dataclasses
import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo_events import extract_events, find_mentions, read_articles
from geo_events.extract.evaluate import evaluate
from geo_events.text.dates import parse_date

GOLD = json.loads((Path(__file__).parent / "data" / "seed_gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def seeds(shared):
    articles, skipped = read_articles(shared / "seeds")
    assert not skipped
    return {
        a.id: dataclasses.replace(a, published=a.published or parse_date(GOLD["published"].get(a.id, "")))
        for a in articles
    }


# Every spelling of a place the seeds use resolves with the embedded gazetteer.
SEED_SPELLINGS = [
    "Baghdad", "Ishaqi", "Samarra", "Duluiya", "Jalawla", "Saidiya", "Baiji", "Tikrit", "Falluja", "Saqlawiya",
    "Mosul", "Adhaim", "Mutassim", "Uwynat", "Muqdadiya", "Ramadi", "Qara Tapa", "Hamrim Mountains", "Dujail",
    "Tal Afar", "Kirkuk", "Bashiqa", "Qaraqosh",
]  # fmt: skip


@pytest.mark.parametrize("spelling", SEED_SPELLINGS)
def test_seed_spellings_occur_and_resolve(seeds, spelling):
    """Each resolves to one place, where the seed names it (with its other places as context: Saidiya and
    Uwynat are also the names of other places)."""
    (article,) = [a for a in seeds.values() if spelling in a.full_text][:1]
    found = [m for m in find_mentions(article.full_text, Gazetteer.default()) if spelling in m.text]
    assert found and all(m.status == "resolved" for m in found), found


def test_debris_removed(seeds):
    text = " ".join(a.text for a in seeds.values())
    for debris in ("Leave a Reply", "commenting using", "bloggers like this", "Reuters/A. Rasheed", "Watch video"):
        assert debris not in text
    assert "Kirkuk was attacked by IS militants on Friday" not in text  # a photo caption


def test_quality(seeds):
    scores = evaluate(seeds.values(), GOLD)
    assert scores["places"].precision >= 0.95 and scores["places"].recall >= 0.95
    assert scores["foreign"].recall >= 0.9
    assert scores["events"].precision >= 0.8 and scores["events"].recall >= 0.85
    assert scores["controllers"].recall >= 0.85


def test_foreign_places_never_inside_iraq(seeds):
    gz = Gazetteer.default()
    for article in seeds.values():
        for m in find_mentions(article.full_text, gz, article.id):
            if m.text in ("Washington", "Tehran", "Vienna", "Ankara", "Turkey", "Iran"):
                assert m.place is None and m.in_iraq is False


def test_seed_events_details(seeds):
    events = {(e.doc_id[:3], e.sub_event_type, e.location): e for e in extract_events(seeds.values())}
    fallujah = events[("000", "Air/drone strike", "Fallujah")]
    assert (fallujah.fatalities, fallujah.wounded) == (5, 14)
    assert events[("000", "Non-violent transfer of territory", "Qara Tapa")].control_to == "kurdish"
    tal_afar = events[("001", "Non-state actor overtakes territory", "Tal Afar")]
    assert tal_afar.event_date.isoformat() == "2014-06-16" and tal_afar.side1 == "islamic_state"
    kirkuk = events[("004", "Armed clash", "Kirkuk")]
    assert kirkuk.fatalities == 48 and kirkuk.event_date.isoformat() == "2016-10-22"  # from "DW | 22.10.2016"
    qaraqosh = events[("004", "Government regains territory", "Qaraqosh")]
    assert qaraqosh.control_to == "government"
