"""Reading articles: formats, web-page debris, encodings, bad input."""

import json
from datetime import date
from pathlib import Path

import pytest

from geo_events.articles import Article, Skipped, clean_text, html_to_text, iter_articles, read_articles

ARTICLES = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def batch():
    articles, skipped = read_articles(ARTICLES)
    return {a.id: a for a in articles}, skipped


def test_every_input_is_an_article_or_a_reported_skip(batch):
    articles, skipped = batch
    assert set(articles) == {"c1", "c2", "j1", "j2", "j3", "page", "report", "wire_hit"}
    reasons = {(Path(s.path).name, s.line): s.reason for s in skipped}
    assert "not valid JSON" in reasons[("batch.jsonl", 3)]
    assert reasons[("batch.jsonl", 5)] == "no text"
    assert reasons[("empty.txt", 0)] == "empty file"
    assert len(skipped) == 3
    # a date that does not parse is reported, and the record is still read, without it
    (note,) = articles["j3"].notes
    assert note.endswith(
        "batch.jsonl:4: published date 'sometime in spring' ignored: it does not parse (use YYYY-MM-DD)"
    )
    assert articles["j3"].published is None and articles["j3"].text == "Clashes in Mosul."


def test_outputs_and_gis_files_in_a_folder_are_not_articles(tmp_path):
    (tmp_path / "a.txt").write_text("Report\n\nTroops retook Hit on Monday.", "utf-8")
    for name in ["events.geojson", "events.geojson.report.json", "layer.gpkg"]:
        (tmp_path / name).write_text('{"type": "FeatureCollection", "features": []}', "utf-8")
    (tmp_path / ".events.geojson.x1.tmp").write_text("partial output", "utf-8")  # hidden: not listed at all
    articles, skipped = read_articles(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert sorted(Path(s.path).name for s in skipped) == ["events.geojson", "events.geojson.report.json", "layer.gpkg"]
    assert {s.reason for s in skipped} == {"a GIS file or an extraction report, not an article"}


def test_text_file_title_and_debris(batch):
    a = batch[0]["wire_hit"]
    assert a.title == "Iraqi troops retake Euphrates town of Hit"
    assert "retook Hit" in a.text and "roadside bomb" in a.text
    for debris in ("Share this", "Leave a Reply", "commenting", "Twitter", "AFP/Staff"):
        assert debris not in a.text
    assert "Families waiting at a checkpoint" not in a.text  # the photo caption after the credit
    assert any("AFP/Staff" in r for r in a.removed)


def test_markdown_heading_is_the_title(batch):
    assert batch[0]["report"].title == "Clashes near Baiji"


def test_html_is_reduced_to_text(batch):
    a = batch[0]["page"]
    assert a.title == "Shelling reported in Ramadi"
    assert "<p>" not in a.text and "document.write" not in a.text
    assert "& no casualties" in a.text  # entities decoded: escaping is the renderer's job


def test_jsonl_and_csv_metadata(batch):
    j1 = batch[0]["j1"]
    assert (j1.published, j1.url, j1.source) == (date(2016, 11, 7), "https://example.org/j1", "Example Wire")
    assert batch[0]["c1"].published == date(2016, 7, 2)
    assert batch[0]["c1"].title == "Car bomb in Baghdad"


def test_published_option_fills_only_missing_dates():
    articles, _ = read_articles(ARTICLES, published=date(2016, 4, 14))
    by_id = {a.id: a for a in articles}
    assert by_id["report"].published == date(2016, 4, 14)  # no date anywhere: the option's
    assert by_id["wire_hit"].published is None  # its dateline, April 14, 2016, is used instead
    assert by_id["j1"].published == date(2016, 11, 7)  # metadata wins


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("blob.txt", b"\x00\x01\x02\x03binary\x00data", "binary"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj", "binary"),
        ("report.docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "binary"),
        ("blank.md", b"   \n\n\t\n", "empty file"),
        ("menu.txt", b"Home\nNews\nShare this:\nLeave a Reply\n", "no article text left"),
        ("nocol.csv", b"a,b\n1,2\n", "no text column"),
        ("list.json", b"[1, 2]", "not a JSON object"),
        ("bad.json", b"[{", "not valid JSON"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    items = list(iter_articles([path]))
    assert items and all(isinstance(i, Skipped) for i in items)
    assert reason in items[0].reason
    assert str(path) in str(items[0])


def test_huge_file_is_skipped(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Title\n\n" + "Clashes in Hit. " * 200)
    items = list(iter_articles([path], max_bytes=1000))
    assert isinstance(items[0], Skipped) and "too large" in items[0].reason


def test_json_lines_stream_whatever_their_size(tmp_path):
    """Record files are read line by line: only a line over the limit is skipped, with its number."""
    path = tmp_path / "corpus.jsonl"
    line = json.dumps({"id": "a", "text": "Clashes erupted in Hit on Monday.", "published": "2016-04-14"})
    path.write_text("\n".join([line] * 30 + [json.dumps({"id": "big", "text": "x " * 2000})]), "utf-8")
    items = list(iter_articles([path], max_bytes=1000))  # the file is larger than that, its records are not
    assert sum(isinstance(i, Article) for i in items) == 30
    (big,) = [i for i in items if isinstance(i, Skipped)]
    assert big.line == 31 and "line too large" in big.reason


def test_csv_streams_with_a_legacy_encoding(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_bytes('id,title,text\n1,Ramadi,"Clashes in الرمادي, police said."\n'.encode("cp1256"))
    (article,) = iter_articles([path])
    assert "الرمادي" in article.text and "cp1256" in article.notes[0]


@pytest.mark.parametrize("encoding", ["cp1256", "latin-1"])
def test_legacy_encodings(tmp_path, encoding):
    text = "Fighting in Ramadi\n\nClashes erupted in Ramadi on Monday, police said." + (
        " Residents of الرمادي fled." if encoding == "cp1256" else " Café owners fled."
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = list(iter_articles([path]))
    assert isinstance(article, Article)
    assert "Ramadi" in article.text
    assert any("not UTF-8" in n for n in article.notes)
    if encoding == "cp1256":
        assert "الرمادي" in article.text


def test_missing_input_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(iter_articles([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert [i.reason for i in items] == ["no such file or folder", "empty folder"]


def test_clean_text_keeps_short_sentences():
    kept, removed = clean_text("Fighting was reported in Dujail.\nNavigation\n, , , ,\n1. Inhalt")
    assert kept == "Fighting was reported in Dujail."
    assert removed == ["Navigation", ", , , ,", "1. Inhalt"]


@pytest.mark.parametrize(
    ("caption", "removed"),
    [
        # real reporting: a photo caption that ends with its credit in square brackets, as some sites print them
        ("Army units took back most of Baiji in the spring, but the militants later struck back [AFP]", True),
        ("Smoke rises over the old city of Mosul as counter-terrorism troops push towards the river [Reuters]", True),
        ("Residents flee Ramadi on foot [Getty Images]", True),
        # prose that ends with brackets is kept, as is a report with its agency after the full stop (review)
        ("Troops retook the town of Hit on Thursday, a spokesman said [in a statement].", False),
        (
            "Islamic State fighters killed 12 civilians in Hit on Sunday, residents said, adding that the attack came at "
            "dawn. [AP]",
            False,
        ),
    ],
)
def test_a_caption_ending_with_a_credit_in_square_brackets_is_removed(caption, removed):
    kept, dropped = clean_text(f"Troops retook Hit on Thursday.\n{caption}\nFighting went on in Ramadi.")
    assert (caption in dropped) is removed and (caption in kept) is not removed


def test_html_to_text_drops_scripts():
    assert html_to_text("<div>A<script>evil()</script></div><p>B &lt;b&gt;</p>") == "A\nB <b>"


def test_dateline_wins_over_the_published_option(tmp_path):
    path = tmp_path / "dw.txt"
    path.write_text("Kirkuk attack | DW | 22.10.2016\n\nSecurity forces repelled an attack in Kirkuk on Friday.\n")
    (article,) = list(iter_articles([path], published=date(2014, 6, 17)))
    assert article.published is None  # the extractor takes 22.10.2016 from the header
    from geo_events import extract_events

    (event,) = extract_events([article])
    assert event.event_date == date(2016, 10, 21)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-11-10", date(2016, 11, 10)),
        ("22/10/2016", date(2016, 10, 22)),  # only one way round
        ("05.05.2016", date(2016, 5, 5)),  # the same either way
        ("10/11/2016", None),  # 10 November or 11 October: refused, never guessed
    ],
)
def test_a_numeric_date_that_could_be_either_way_round_is_refused(tmp_path, published, expected):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "Clashes in Mosul.", "published": published}) + "\n", "utf-8")
    (article,), _ = read_articles(path)
    assert article.published == expected
    assert bool(article.notes) == (expected is None)
    if expected is None:
        assert article.notes[0].endswith("the day and the month could be either way round (use YYYY-MM-DD)")


def test_published_option_refuses_a_date_either_way_round(tmp_path):
    import io

    from geo_events.cli import main

    log = io.StringIO()
    status = main(["extract", "--published", "10/11/2016", "--out", str(tmp_path / "e.geojson"), str(ARTICLES)],
                  out=io.StringIO(), log=log)  # fmt: skip
    assert status == 2 and "either way round (use YYYY-MM-DD)" in log.getvalue()
    assert not (tmp_path / "e.geojson").exists()


def test_a_date_below_the_first_line_never_beats_the_published_option(tmp_path):
    """Real reporting: a November report whose photo caption, a few lines down, is dated in July (#15)."""
    path = tmp_path / "report.txt"
    path.write_text(
        "Offensive in Mosul\n\nIraqi troops advanced into eastern Mosul on Monday.\n"
        "Families fleeing the city reach a camp near Khazir, July 12, 2016.\n",
        "utf-8",
    )
    (article,) = list(iter_articles([path], published=date(2016, 11, 20)))
    assert article.published == date(2016, 11, 20)
    from geo_events import extract_events

    assert [e.event_date for e in extract_events([article])] == [date(2016, 11, 14)]


def test_a_dateline_the_page_broke_after_its_comma_is_joined_to_its_sentence():
    """Real reporting (#14): *ERBIL,* on a line of its own, then *Kurdistan Region - Hostages were paraded ...*."""
    kept, removed = clean_text(
        "Hostages paraded in Hawija\nERBIL,\nKurdistan Region - Hostages were paraded in Hawija."
    )
    assert kept == "ERBIL, Kurdistan Region - Hostages were paraded in Hawija."
    assert removed == ["Hostages paraded in Hawija"]
