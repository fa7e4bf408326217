"""The native multi-pattern search (Aho-Corasick) finds what the regex alternation did: the
same words at the same places, and the same slips whether a text is checked alone (key by key)
or in a batch (with the automata)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from djscore.matching import WordFinder, trie_pattern
from djscore.pipeline import CheckOptions, analyse
from djscore.rules import mistyped

ROOT = Path(__file__).resolve().parents[1]
ALPHABET = "党支部团员组织"
words_strategy = st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(words_strategy, st.text(ALPHABET + "，", max_size=60))
def test_finditer_is_the_regex_alternations_finditer(words, text):
    regex = re.compile(trie_pattern(set(words)))
    assert list(WordFinder(words, leftmost_longest=True).finditer(text)) == [
        (m.start(), m.group()) for m in regex.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(words_strategy, st.text(ALPHABET + "，", max_size=60))
def test_the_longest_word_at_each_place_is_the_regexs_match_there(words, text):
    regex = re.compile(trie_pattern(set(words)))
    expected = {}
    for start in range(len(text)):
        match = regex.match(text, start)
        if match:
            expected[start] = match.group()
    assert WordFinder(words).longest_at(text) == expected


def _texts() -> list[str]:
    paths = [p for p in (ROOT / "examples").glob("*")
             if p.suffix in (".txt", ".md") and p.name != "README.md"]
    paths += sorted((ROOT / "validation" / "texts").glob("v[a-h]-*.txt"))[:50]
    return [p.read_text(encoding="utf-8") for p in paths] + mistyped.MUST_TRIGGER + [
        "同志们要再接再励，争取更大成绩。各项工作要一体部属。他谈笑风声，基党层组织要加强。",
        "这种做法无异于病入膏盲。他忧心冲冲，这件事不可能一蹙而就。",  # look-alike, doubled, rare
        "这次培训复盖全体党员。院子里的拉圾要清运，形势依然严竣。"]  # short slips


def test_slips_are_the_same_with_the_automata_and_without(rubric, monkeypatch):
    """A text checked alone searches the slip index key by key; in a batch, through automata."""
    options = CheckOptions(rubric)
    finders = mistyped._Finders(mistyped._rubric_index(rubric, mistyped.OPTIONS["min_length"]))
    texts = _texts()

    def slips() -> list[list[tuple[int, int, str, str]]]:
        return [[(f.line, f.column, f.message, f.severity) for f in analyse(text, options).findings
                 if f.rule == mistyped.ID] for text in texts]

    monkeypatch.setattr(mistyped, "_finders_for", lambda index: None)
    alone = slips()
    monkeypatch.setattr(mistyped, "_finders_for", lambda index: finders)
    assert slips() == alone
    assert sum(map(len, alone)) >= len(mistyped.MUST_TRIGGER)
