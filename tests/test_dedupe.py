"""Merging reports of one event: groups that cannot chain, in time that grows with the reports."""

import dataclasses
from datetime import date, timedelta

import pytest

from geo_events import Article, extract_events
from geo_events.dedupe import MAX_DAYS, deduplicate, iter_deduplicated


@pytest.fixture(scope="module")
def clash():
    """A clash in Ramadi, reported once."""
    (event,) = extract_events([Article("a", "", "Clashes in Ramadi killed two soldiers today.", date(2016, 1, 1))])
    return event


def reports(clash, days, place=None, killed=None):
    """The clash reported by a different wire on each of ``days`` (offsets from 1 January 2016)."""
    place = place or {}
    return [
        dataclasses.replace(
            clash,
            event_id=f"r{n}",
            doc_id=f"wire{n}",
            sources=(f"wire{n}",),
            event_date=date(2016, 1, 1) + timedelta(days=d),
            fatalities=killed[n] if killed else clash.fatalities,
            **place,
        )
        for n, d in enumerate(days)
    ]


def test_recurring_events_at_one_place_do_not_chain(clash):
    """Ten clashes in one town, every other day for 19 days (1 to 10 killed): before, one event dated the 1st with
    1 killed; now no group spans more than MAX_DAYS from its first report."""
    ten = reports(clash, range(0, 20, 2), killed=list(range(1, 11)))
    merged = deduplicate(ten)
    assert len(merged) == 5
    assert [(e.event_date.day, e.date_from.day, e.date_to.day, e.fatalities) for e in merged] == [
        (1, 1, 3, 1),
        (5, 5, 7, 3),
        (9, 9, 11, 5),
        (13, 13, 15, 7),
        (17, 17, 19, 9),
    ]


@pytest.mark.parametrize("stream", [False, True])
def test_daily_reports_for_months_make_one_event_per_window(clash, stream):
    """A clash reported every day for 300 days (3,253 such reports once became one event)."""
    daily = reports(clash, range(300))
    merged = list(iter_deduplicated(iter(daily), chunk=50)) if stream else deduplicate(daily)
    assert len(merged) == 100
    assert all((e.date_to - e.date_from).days == MAX_DAYS for e in merged)
    assert sorted(s for e in merged for s in e.sources) == sorted(s for e in daily for s in e.sources)


def test_a_group_is_as_its_first_report_tells_it(clash):
    """Each report is compared with the group's first: 8 km steps along a road do not chain across 40 km."""
    steps = [
        dataclasses.replace(r, place_id=f"p{n}", latitude=33.42 + 0.072 * n, geo_precision=1)
        for n, r in enumerate(reports(clash, [0] * 6))
    ]
    merged = deduplicate(steps)
    assert len(merged) == 3  # the first with the second, the third with the fourth, ...
    assert all(e.date_from is None for e in merged)  # reports of one date: no range


def test_undated_reports_stay_apart_in_linear_time(clash, deadline):
    """Undated reports merge within one document only; each stayed open to the end, compared with every other:
    12,000 undated reports at one place from 12,000 documents took over 10 s (8,000: 8.6 s)."""
    undated = [dataclasses.replace(r, event_date=None) for r in reports(clash, [0] * 12_000)]
    with deadline(10):
        merged = deduplicate([*undated, dataclasses.replace(undated[0], event_id="again")])
    assert len(merged) == 12_000 and merged[0].sources == ("wire0",) and merged[0].doc_id == "wire0"


def test_merged_events_keep_the_range_of_their_dates(clash):
    merged = deduplicate(reports(clash, [0, 1, 2]))
    assert len(merged) == 1
    e = merged[0]
    assert (e.event_date, e.date_from, e.date_to) == (date(2016, 1, 1), date(2016, 1, 1), date(2016, 1, 3))
    assert e.sources == ("wire0", "wire1", "wire2")


def test_the_range_goes_to_files_and_back(clash, tmp_path):
    from geo_events.io import read_events, write_events

    merged = deduplicate(reports(clash, [0, 2]))
    for suffix in (".geojson", ".csv", ".gpkg", ".parquet"):
        back, skipped = read_events(write_events(merged, tmp_path / f"e{suffix}"))
        assert not skipped and (back[0].date_from, back[0].date_to) == (date(2016, 1, 1), date(2016, 1, 3)), suffix
