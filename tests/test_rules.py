"""The rule tables (geo_events/lang/en): every shipped row fires on its example, and a user's folder of
tables adds rows, or is refused with the file, line and column of a bad one."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo_events import Article, extract_events
from geo_events.extract import Extractor, RuleError, RuleSet
from geo_events.extract.actors import find_actors
from geo_events.extract.mentions import find_mentions
from geo_events.extract.rules import ActorRule, HedgeRule, NeverPlaceRule, TriggerRule
from geo_events.text.lexicon import lower, words

RULES = RuleSet.default()
PUB = date(2016, 5, 1)


@pytest.mark.parametrize("row", RULES.trigger_rows, ids=lambda r: f"{r.kind}:{r.pattern[:40]}")
def test_every_trigger_row_fires_on_its_example(row: TriggerRule):
    assert words(row.pattern).search(lower(row.example)), row.example


@pytest.mark.parametrize("row", RULES.hedge_rows, ids=lambda r: f"{r.kind}:{r.pattern[:40]}")
def test_every_hedge_row_fires_on_its_example(row: HedgeRule):
    assert words(row.pattern).search(lower(row.example)), row.example


@pytest.mark.parametrize("row", RULES.actor_rows, ids=lambda r: f"{r.side}:{r.pattern[:40]}")
def test_every_actor_row_names_its_side_in_its_example(row: ActorRule):
    """Not only does the pattern match: the actor finder, with every row competing, gives the row's side."""
    found = [a for a in find_actors(row.example) if words(row.pattern).match(lower(row.example), a.start)]
    assert any(a.side == row.side for a in found), (row.example, found)


@pytest.mark.parametrize("row", RULES.never_place_rows, ids=lambda r: r.words[0])
def test_every_never_place_row_keeps_its_words_in_its_example_from_being_places(row: NeverPlaceRule):
    """The example has one of the row's words capitalised, where a name could begin, and no place is found in it."""
    capitalised = [w for w in re.findall(r"\b[A-Z][\w'’.-]*", row.example) if w.lower().rstrip(".") in row.words]
    capitalised += [w for w in re.findall(r"\b[A-Z][\w'’.-]*\.", row.example) if w.lower() in row.words]
    assert capitalised, row.example
    named = " ".join(m.text for m in find_mentions(row.example, Gazetteer.default()))
    assert not [w for w in capitalised if re.search(rf"\b{re.escape(w.rstrip('.'))}\b", named)], (row.example, named)


def test_rows_by_priority_keep_the_order_of_the_shipped_lexicon():
    """Kinds are tried by priority: a territory verb before a clash (*stormed and retook*), a suicide bomb
    before an IED (*a suicide car bomb*)."""
    kinds = list(dict.fromkeys(row.kind for row in RULES.trigger_rows))
    assert kinds[:3] == ["transfer", "regain", "seize"]
    assert kinds.index("Suicide bomb") < kinds.index("Remote explosive/landmine/IED") < kinds.index("Armed clash")


def _folder(tmp_path: Path, **tables: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    for name, text in tables.items():
        (tmp_path / f"{name}.tsv").write_text(text, "utf-8")
    return tmp_path


ACTORS_HEADER = "priority\tside\tconfidence\trole\tpattern\texample\n"
TRIGGERS_HEADER = "priority\tkind\tobject\tpattern\texample\n"
HEDGES_HEADER = "kind\tpattern\texample\n"


def test_a_users_militia_is_a_government_actor(tmp_path):
    """An analyst adds a local tribal force the tables do not know; the shipped rows stay."""
    text = "The Hamza Brigade retook Rawa on Tuesday."  # a made-up force, in a sentence of the usual kind
    before = extract_events([Article("d", "", text, PUB)])
    assert before and before[0].side1 is None and before[0].sub_event_type == "Government regains territory"
    folder = _folder(
        tmp_path,
        actors=ACTORS_HEADER + "5\tgovernment\t0.9\tactor\thamza brigade\tThe Hamza Brigade held the bridge.\n",
    )
    rules = RuleSet.default().extended(folder)
    after = extract_events([Article("d", "", text, PUB)], rules=rules)
    assert (after[0].actor1, after[0].side1) == ("Hamza Brigade", "government")
    assert len(rules.actor_rows) == len(RULES.actor_rows) + 1


def test_a_users_phrasing_of_a_territory_change(tmp_path):
    """Iraqi official statements say forces *purged* a town of militants; the shipped triggers do not."""
    text = "Security forces purged the town of Rutba of militants on Friday."
    assert not [e for e in extract_events([Article("d", "", text, PUB)]) if e.control_to]
    folder = _folder(
        tmp_path, triggers=TRIGGERS_HEADER + "20\tregain\trequired\tpurged\tTroops purged Hit of militants.\n"
    )
    events = extract_events([Article("d", "", text, PUB)], rules=RuleSet.default().extended(folder))
    assert [(e.location, e.control_to) for e in events] == [("Rutbah", "government")]


def test_a_users_hedge(tmp_path):
    """An analyst who codes no alleged attack adds *allegedly* as a hedge."""
    text = "Militants allegedly attacked a checkpoint in Baiji on Monday."
    folder = _folder(tmp_path, hedges=HEDGES_HEADER + "modal\tallegedly\tMilitants allegedly shelled the town.\n")
    assert extract_events([Article("d", "", text, PUB)])
    assert not extract_events([Article("d", "", text, PUB)], rules=RuleSet.default().extended(folder))


def test_a_users_word_that_is_never_a_place(tmp_path):
    """A photographer named Dana is no town in Syria: an analyst adds the name to never_places.tsv.
    Where a place name is expected (*in Dana*) it is still looked up."""
    text = "Dana reported from the front line. Troops retook Hit."
    assert [m.text for m in find_mentions(text, Gazetteer.default())] == ["Dana", "Hit"]
    folder = _folder(tmp_path, never_places="words\texample\ndana\tDana took the photographs.\n")
    rules = RuleSet.default().extended(folder)
    assert [m.text for m in find_mentions(text, Gazetteer.default(), never_places=rules.never_places)] == ["Hit"]
    assert [m.text for m in find_mentions("Fighting in Dana.", Gazetteer.default(), never_places=rules.never_places)]
    assert [m.text for m in Extractor(rules=rules).read(Article("d", "", text, PUB))[1].mentions] == ["Hit"]


@pytest.mark.parametrize(
    ("table", "text", "message"),
    [
        (
            "actors",
            ACTORS_HEADER + "5\tgovernment\t0.9\tactor\thamza brigade\t\n",
            "line 2, column 6 (example): every row needs an example",
        ),
        (
            "actors",
            ACTORS_HEADER + "5\tmilitia\t0.9\tactor\thamza brigade\tThe Hamza Brigade fought.\n",
            "line 2, column 2 (side): 'militia' is not one of",
        ),
        (
            "actors",
            ACTORS_HEADER + "5\tgovernment\t1.5\tactor\thamza brigade\tThe Hamza Brigade fought.\n",
            "line 2, column 3 (confidence): 1.5 is not between 0.0 and 1.0",
        ),
        (
            "actors",
            ACTORS_HEADER + "# a comment\n\nfive\tgovernment\t0.9\tactor\tx\tX fought.\n",
            "line 4, column 1 (priority): invalid literal",
        ),
        (
            "actors",
            ACTORS_HEADER + "5\tgovernment\t0.9\tleader\tx\tX fought.\n",
            "line 2, column 4 (role): 'leader' is not a valid ActorRole",
        ),
        (
            "actors",
            ACTORS_HEADER + "5\tgovernment\t0.9\tactor\tHamza\tHamza fought.\n",
            "column 5 (pattern): not a usable pattern: pattern has upper-case letters",
        ),
        (
            "triggers",
            TRIGGERS_HEADER + "20\tregain\trequired\tpurg(ed\tTroops purged Hit.\n",
            "line 2, column 4 (pattern): not a usable pattern: missing ), unterminated subpattern",
        ),
        (
            "triggers",
            TRIGGERS_HEADER + "20\tpurge\trequired\tpurged\tTroops purged Hit.\n",
            "line 2, column 2 (kind): 'purge' is not one of",
        ),
        (
            "triggers",
            TRIGGERS_HEADER + "20\tregain\tpurged\tTroops purged Hit.\n",
            "line 2: 4 tab-separated columns, not 5",
        ),
        (
            "triggers",
            "priority\tkind\tpattern\texample\n20\tregain\tpurged\tTroops purged Hit.\n",
            "line 1: the header must be priority | kind | object | pattern | example",
        ),
        (
            "never_places",
            "words\texample\nDana\tDana took the photographs.\n",
            "line 2, column 1 (words): 'Dana' is not lower-case words separated by single spaces",
        ),
        (
            "hedges",
            HEDGES_HEADER + "rumour\tallegedly\tThey allegedly fled.\n",
            "line 2, column 1 (kind): 'rumour' is not one of doubt, earlier, modal",
        ),
    ],
)
def test_a_bad_row_names_file_line_and_column(tmp_path, table, text, message):
    folder = _folder(tmp_path, **{table: text})
    with pytest.raises(RuleError) as caught:
        RuleSet.default().extended(folder)
    assert str(caught.value).startswith(str(folder / f"{table}.tsv")), caught.value
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_folder_without_tables_is_refused(tmp_path):
    with pytest.raises(RuleError, match=r"none of triggers\.tsv, actors\.tsv, hedges\.tsv, never_places\.tsv is there"):
        RuleSet.default().extended(tmp_path)
    with pytest.raises(RuleError, match="no such folder"):
        RuleSet.default().extended(tmp_path / "missing")


def test_a_table_that_is_not_text_is_refused(tmp_path):
    (tmp_path / "actors.tsv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RuleError, match="cannot be read"):
        RuleSet.default().extended(tmp_path)


def test_rules_reach_worker_processes(tmp_path):
    """``jobs=2``: the rules travel to the workers (they pickle as their rows) and give the same events."""
    folder = _folder(
        tmp_path,
        actors=ACTORS_HEADER + "5\tgovernment\t0.9\tactor\thamza brigade\tThe Hamza Brigade held the bridge.\n",
    )
    rules = RuleSet.default().extended(folder)
    arts = [Article(f"d{i}", "", "The Hamza Brigade retook Rawa on Tuesday.", PUB) for i in range(3)]
    one = extract_events(arts, rules=rules, deduplicate=False)
    two = extract_events(arts, rules=rules, deduplicate=False, jobs=2)
    assert one == two and {e.side1 for e in two} == {"government"}


def test_extract_command_takes_a_users_rules(tmp_path):
    """``geo-events extract --rules DIR``: the user's rows apply; a bad row is a usage error naming file,
    line and column, and nothing is written."""
    import io
    import json

    from geo_events.cli import main

    articles = tmp_path / "a.jsonl"
    articles.write_text(
        json.dumps({"id": "d", "text": "The Hamza Brigade retook Rawa on Tuesday.", "published": "2016-05-01"}) + "\n"
    )
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "actors.tsv").write_text(
        ACTORS_HEADER + "5\tgovernment\t0.9\tactor\thamza brigade\tThe Hamza Brigade held the bridge.\n"
    )
    out = tmp_path / "events.geojson"
    assert (
        main(["extract", "--rules", str(rules), "--out", str(out), str(articles)], out=io.StringIO(), log=io.StringIO())
        == 0
    )
    (feature,) = json.loads(out.read_text())["features"]
    assert feature["properties"]["side1"] == "government"

    (rules / "actors.tsv").write_text(
        ACTORS_HEADER + "5\tgovernment\tsure\tactor\thamza brigade\tThe Hamza Brigade fought.\n"
    )
    bad, log = tmp_path / "bad.geojson", io.StringIO()
    assert main(["extract", "--rules", str(rules), "--out", str(bad), str(articles)], out=io.StringIO(), log=log) == 2
    assert f"error: --rules: {rules / 'actors.tsv'}, line 2, column 3 (confidence)" in log.getvalue()
    assert not bad.exists()


def test_mentions_command_takes_a_users_words_that_are_never_places(tmp_path):
    """``geo-events mentions --rules DIR``: a name the user lists is no place; a bad row is a usage error."""
    import io

    from geo_events.cli import main

    articles = tmp_path / "a.txt"
    articles.write_text("Front line\n\nDana reported from the front line. Troops retook Hit.\n")
    rules = _folder(tmp_path / "rules", never_places="words\texample\ndana\tDana took the photographs.\n")

    def places(*options: str) -> tuple[int, list[str], str]:
        out, log = io.StringIO(), io.StringIO()
        status = main(["mentions", *options, str(articles)], out=out, log=log)
        return status, [line.split("\t")[2] for line in out.getvalue().splitlines()], log.getvalue()

    assert places()[:2] == (0, ["Dana", "Hit"])
    assert places("--rules", str(rules))[:2] == (0, ["Hit"])
    (rules / "never_places.tsv").write_text("words\texample\nDana\tDana took the photographs.\n")
    status, found, log = places("--rules", str(rules))
    assert status == 2 and not found
    assert f"error: --rules: {rules / 'never_places.tsv'}, line 2, column 1 (words)" in log


def test_the_aliases_of_moved_modules_warn_and_are_not_collected():
    """Each old module path re-exports its new home's names with a DeprecationWarning, and pytest does not
    collect it (pyproject's addopts), which would import it from the checkout."""
    import importlib
    import sys

    from geo_events._moved import MOVED

    addopts = (Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8")
    for old, new in MOVED.items():
        assert f"--ignore={old.replace('.', '/')}.py" in addopts, old
        sys.modules.pop(old, None)
        with pytest.warns(DeprecationWarning, match=f"{old} moved to"):
            module = importlib.import_module(old)
        home = importlib.import_module(new[0])
        assert all(getattr(module, name) is getattr(home, name) for name in home.__all__)
