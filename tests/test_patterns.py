"""The word-gated patterns: lower-casing keeps offsets, and a Lexicon never drops a match."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from geo_events.extract import RuleSet, casualties
from geo_events.text import dates
from geo_events.text.lexicon import Lexicon, compile_lower, lower, tokens, words

DATA = Path(__file__).parent / "data"
LEXICONS = {
    "triggers": RuleSet.default().triggers,
    "actors": RuleSet.default().actors,
    "casualties": casualties._ALL,
    "dates": dates._EXPRESSIONS,
    "hedges": RuleSet.default().hedges,
}


def _texts() -> list[str]:
    """Our own dispatches, test sentences, and shuffled words of them (odd neighbours)."""
    texts = [json.loads(line)["text"] for line in (DATA.parent.parent / "geo_events/data/dispatches.jsonl").open()]
    rng = random.Random(7)
    for text in list(texts):
        parts = re.split(r"(\s+)", text)
        rng.shuffle(parts)
        texts.append("".join(parts))
    texts += [
        "U.S.-led coalition jets struck Da'esh positions; 1,700 were killed, 25 wounded on 22.10.2016.",
        "Shi'ite militiamen and the PMF re-took al-Qaim on Monday, June 9, killing at least 50 IS militants.",
        "Air strikes, airstrikes and air raids: self-detonating inghimasis executed 12 men.",
        "İskenderun — “Mosul” … (Reuters) Troops retook Hit at 10:30 yesterday.",
    ]
    return texts


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_lexicon_never_drops_a_match(name):
    """Every match a plain search finds is among the patterns the lexicon offers."""
    lexicon = LEXICONS[name]
    for text in _texts():
        for sentence in re.split(r"(?<=[.;!?])\s+", text):
            low = lower(sentence)
            offered = {id(rx) for _, rx in lexicon.candidates(low)}
            for key, rx in lexicon.patterns:
                if rx.search(low):
                    assert id(rx) in offered, (name, key, rx.pattern[:60], sentence)


def test_lexicon_offers_nothing_for_unrelated_text():
    assert not RuleSet.default().triggers.candidates(lower("The minister met aid groups in the capital."))
    assert not RuleSet.default().actors.candidates(
        lower("Aid groups met officials.")
    )  # "the" would offer "(the )?islamic state"


@pytest.mark.parametrize("name", ["actors", "triggers", "hedges"])
def test_lexicon_finditer_is_the_alternation_searched_at_every_character(name):
    """Patterns tried only where their first words begin find what ``finditer`` finds."""
    lexicon = LEXICONS[name]
    for text in _texts():
        for sentence in re.split(r"(?<=[.;!?])\s+", text):
            low = lower(sentence)
            orders = lexicon._candidates(low)[0]
            everywhere = [m.span() for m in lexicon._alternation(orders).finditer(low)] if orders else []
            assert [m.span() for _, m in lexicon.finditer(low)] == everywhere, sentence


def test_lexicon_finditer_prefers_the_first_pattern_and_does_not_overlap():
    lex = Lexicon([("long", words("islamic state")), ("short", words("islamic")), ("air", words("air ?strikes?"))])
    found = [(key, m.span()) for key, m in lex.finditer(lower("Air strikes on Islamic State and Islamic groups"))]
    assert found == [("air", (0, 11)), ("long", (15, 28)), ("short", (33, 40))]
    assert lex._anchored == {0, 1, 2}


@pytest.mark.parametrize(
    "pattern, first_words",
    [
        (r"\bair ?strikes?\b", {"air", "airstrike", "airstrikes"}),
        (r"\b(?:the )?islamic state\b", {"the", "islamic"}),
        (r"\bu\.s\. forces\b", {"u"}),
        (r"\bretake[ns]?\b", {"retake", "retaken", "retakes"}),
    ],
)
def test_first_words_are_read_off_the_pattern(pattern, first_words):
    lex = Lexicon([("p", compile_lower(pattern))])
    assert set(lex._words) == first_words
    assert not lex._prefixes and not lex._always


def test_unspellable_beginnings_become_prefixes():
    lex = Lexicon([("p", compile_lower(r"\bexecut\w+")), ("n", compile_lower(r"\b\d+ killed"))])
    assert set(lex._prefixes) == {"execut", *"0123456789"}
    assert [k for k, _ in lex.candidates("they executed 12")] == ["p", "n"]


@pytest.mark.parametrize("text", ["Troops RETOOK Hit", "İstanbul and Mosul", "ẞtraße", "Dağ"])
def test_lower_keeps_offsets(text):
    assert len(lower(text)) == len(text)
    assert lower(text).islower() or not any(c.isalpha() for c in lower(text))


def test_compile_lower_refuses_upper_case_patterns():
    with pytest.raises(ValueError, match="upper-case"):
        compile_lower(r"\bIS\b")
    assert compile_lower(r"(?P<Num>\d+)\s\w").search("12 x")


def test_tokens_are_the_words():
    assert tokens("al-qaim, u.s.") == frozenset({"al", "qaim", "u", "s"})
