"""The language tables of ``geo_events/lang/en`` that text/ reads: every row does what it says on its example."""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo_events import Article, extract_events
from geo_events.articles import DEBRIS, Debris, Where, clean_text
from geo_events.errors import RuleError
from geo_events.extract import mentions
from geo_events.extract.casualties import PERSONS, Persons, count_casualties
from geo_events.extract.document import DIRECTION_OF
from geo_events.extract.places import is_partial
from geo_events.text import place_nouns
from geo_events.text.directions import DIRECTIONS, Direction
from geo_events.text.lexicon import lower
from geo_events.text.numbers import (
    NUMBER,
    NUMBER_WORDS,
    QUALIFIER_ROWS,
    QUALIFIERS,
    QUANTITIES,
    Count,
    NumberWord,
    Qualifier,
    Quantity,
    parse_number,
)
from geo_events.text.place_nouns import PLACE_NOUNS, NounKind, PlaceNoun
from geo_events.text.tables import example, read_table, word_list

_NUMBER = re.compile(rf"\b(?:{NUMBER})\b")
_QUALIFIED = re.compile(rf"\b(?P<q>{QUALIFIERS})\s+(?P<num>{NUMBER})\b")


@pytest.mark.parametrize("row", NUMBER_WORDS, ids=lambda r: r.word)
def test_every_number_word_is_read_in_its_example(row: NumberWord):
    assert row.word in [m.group(0) for m in _NUMBER.finditer(lower(row.example))], row.example
    assert parse_number(row.word) == Count(row.value, row.value, row.value)


@pytest.mark.parametrize("row", QUANTITIES, ids=lambda r: r.words)
def test_every_vague_quantity_is_read_in_its_example_as_its_range(row: Quantity):
    assert row.words in [m.group(0) for m in _NUMBER.finditer(lower(row.example))], row.example
    assert parse_number(row.words) == Count(row.low, row.best, row.high)


@pytest.mark.parametrize("row", QUALIFIER_ROWS, ids=lambda r: r.words)
def test_every_qualifier_makes_a_range_of_the_number_after_it_in_its_example(row: Qualifier):
    m = _QUALIFIED.search(lower(row.example))
    assert m is not None and m["q"] == row.words, row.example
    assert parse_number(m["num"], m["q"]) != parse_number(m["num"])


@pytest.mark.parametrize(
    ("words", "qualifier", "expected"),
    [
        ("50", "some", Count(50, 50, None)),  # at_least
        ("30", "over", Count(31, 31, None)),  # more_than
        ("40", "up to", Count(1, 40, 40)),  # up_to
        ("20", "almost", Count(18, 18, 20)),  # nearly
        ("70", "roughly", Count(56, 70, 84)),  # about
        ("dozens", "at least", Count(24, 24, 99)),  # a vague quantity keeps its own range
        ("70", "perhaps", Count(70, 70, 70)),  # not a qualifier of the table
    ],
)
def test_each_reading_of_a_qualifier(words, qualifier, expected):
    assert parse_number(words, qualifier) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("words\texample\nsons of iraq\t\n", "line 2, column 2 (example): every row needs an example"),
        ("words\texample\nsons  of iraq\tThe Sons of Iraq fought.\n", "column 1 (words): 'sons  of iraq' is not"),
        ("words\texample\n7th\tThe 7th Brigade fought.\n", "column 1 (words): '7th' is not lower-case words"),
        ("word\texample\nsons\tThe Sons fought.\n", "line 1: the header must be words | example"),
    ],
)
def test_a_bad_word_row_names_line_and_column(text, message):
    with pytest.raises(RuleError, match=re.escape(message)):
        read_table(lambda *cells: cells, {"words": word_list, "example": example}, text, "mine.tsv")


@pytest.mark.parametrize("row", PLACE_NOUNS, ids=lambda r: r.noun)
def test_every_place_noun_does_its_kinds_work_in_its_example(row: PlaceNoun):
    """Nouns of settlements, areas and parts make a place name expected after *of* (*the town of*); those of
    facilities and features end a name (*Mosul dam*, *Hamrin mountains*); storming a building is an attack."""
    forms = {row.noun, row.plural} - {""}
    if row.kind is NounKind.BUILDING:  # stormed into, it is attacked, not taken
        assert re.search(rf"\bstormed into (?:an? |the )?(?:[\w-]+ ){{0,2}}?(?:{'|'.join(forms)})\b", row.example)
        events = extract_events([Article("d", "", row.example, date(2016, 5, 1))])
        assert events and not [e for e in events if e.control_to], row.example
        return
    if row.kind in (NounKind.FACILITY, NounKind.FEATURE):
        ends = [
            stretch.group(0)[run[-1][0] : run[-1][1]].lower()
            for stretch in mentions._stretches(row.example)
            for run in mentions._split_stretch(stretch.group(0))
        ]
        assert forms & set(ends), (row.example, ends)
    else:
        of = re.search(rf"\b(?:{'|'.join(forms)}) of (?:the )?(?=[A-Z])", row.example)
        assert of is not None, row.example
        assert mentions._cues(row.example[: of.end()])[0], row.example


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("noun\tplural\tkind\texample\nHamlet\thamlets\tsettlement\tThe hamlet of X.\n", "column 1 (noun): 'Hamlet'"),
        (
            "noun\tplural\tkind\texample\nhamlet\thamlets\tplace\tThe hamlet of X.\n",
            "column 3 (kind): 'place' is not a",
        ),
    ],
)
def test_a_bad_place_noun_row_names_its_column(text, message):
    columns = {"noun": place_nouns._noun, "plural": place_nouns._plural, "kind": NounKind, "example": example}
    with pytest.raises(RuleError, match=re.escape(message)):
        read_table(PlaceNoun, columns, text, "mine.tsv")


@pytest.mark.parametrize("row", mentions.TITLES, ids=lambda r: r.title)
def test_every_title_makes_the_name_after_it_a_persons_in_its_example(row: mentions.Title):
    """The title comes right before a capitalised name, where the mention finder reads it; a ``near``
    title also counts written with a capital further before the name."""
    before = re.search(rf"\b(?:{row.title})\s*(?=[A-Z])", row.example, re.IGNORECASE)
    assert before is not None, row.example
    assert mentions._TITLE_RE.search(row.example[: before.end()])
    if row.reach is mentions.Reach.NEAR:
        assert mentions._TITLE_WORD_RE.search(row.example[: before.end()])


@pytest.mark.parametrize("row", DIRECTIONS, ids=lambda r: r.direction)
def test_every_direction_puts_an_event_elsewhere_and_its_adjective_in_part_of_a_place(row: Direction):
    """*north of X*: somewhere else (``DIRECTION_OF``); *northern X*: in part of X (``is_partial``)."""
    low = lower(row.example)
    of = re.search(rf"\b{row.direction} of (?:the )?", low)
    assert of is not None and DIRECTION_OF.search(low[: of.end()]), row.example
    part = re.search(rf"\b{row.adjective} (?=[A-Z])", row.example)
    assert part is not None and is_partial(low, 0, part.end()), row.example


@pytest.mark.parametrize("row", DEBRIS, ids=lambda r: r.pattern[:30])
def test_every_debris_pattern_removes_its_example(row: Debris):
    """The row's own pattern matches its example where the row says, and the reader removes the line."""
    low, rx = lower(row.example), re.compile(row.pattern)
    assert rx.match(low) if row.where is Where.START else rx.search(low), row.example
    kept, removed = clean_text(f"Troops retook Hit on Monday.\n{row.example}")
    assert (kept, removed) == ("Troops retook Hit on Monday.", [row.example])


@pytest.mark.parametrize("row", PERSONS, ids=lambda r: r.words[0])
def test_every_person_noun_row_counts_its_victim_in_its_example(row: Persons):
    killed, _ = count_casualties(row.example)
    assert killed.best is not None and killed.best >= 1, row.example


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # real reporting (#15): victims named one by one
        ("Police near Hit killed a militant commander and three of his guards.", 4),
        ("A mortar round killed a farmer and his son near Latifiya.", 2),
        ("An air strike killed the group's head of finance in Qaim.", 1),
        ("A local official was gunned down outside his house in Tikrit.", 1),
        ("The body of a kidnapped engineer was found near Baquba.", 1),
        ("A sniper shot dead a soldier and a policeman in Ramadi.", 2),
        # not one victim: plural nouns, numbers, a dozen
        ("Gunmen killed the guards of the checkpoint.", None),
        ("Militants killed a dozen soldiers near Baiji.", 12),
    ],
)
def test_victims_named_one_by_one_are_counted(text, killed):
    assert count_casualties(text)[0].best == killed


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        # real reporting (#15): "and" joins numbers only after a hundred
        ("Mortars killed eight and wounded 16 in Bab al-Toub.", 8, 16),
        ("Three hundred and twenty militants were killed.", 320, None),
    ],
)
def test_and_after_a_number_word(text, killed, wounded):
    k, w = count_casualties(text)
    assert (k.best, w.best) == (killed, wounded)


@pytest.mark.parametrize("row", mentions.EPITHETS, ids=lambda r: r.place)
def test_every_epithet_names_its_place_in_its_example(row: mentions.Epithet):
    """epithets.tsv: the example names the place by the phrase alone (*Iraq's second-largest city*: Mosul)."""
    from gazetteer import Gazetteer

    found = [m.name for m in mentions.find_mentions(row.example, Gazetteer.default())]
    assert found == [row.place], row.example
