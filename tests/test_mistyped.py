"""The `mistyped` rule on the slips writers really make: same- and near-sound characters in
成语 and set phrases, jieba's own misspelled entries, look-alikes, and the cases it must leave
alone."""

from __future__ import annotations

import marshal

import pytest

from djscore.pipeline import CheckOptions, analyse
from djscore.rules import mistyped, sounds


def slips(rubric, text):
    return [(f.severity, f.suggestion) for f in analyse(text, CheckOptions(rubric)).findings
            if f.rule == "mistyped"]


@pytest.mark.parametrize("text, intended", [
    ("同志们要再接再励，争取更大成绩。", "再接再厉"),  # same sound
    ("大家一股作气完成了任务。", "一鼓作气"),  # same sound, 一股 an ordinary word
    ("我们要按步就班地推进。", "按部就班"),
    ("要以身作责，带头攻坚。", "以身作则"),
    ("要坚持不泄地推进。", "坚持不懈"),  # same sound (xie)
    ("他对工作总是慢不经心。", "漫不经心"),
    ("他谈笑风声，毫无惧色。", "谈笑风生"),  # in jieba's dict.txt as a misspelling
    ("这项工作迫不急待。", "迫不及待"),
    ("他的发言直接了当。", "直截了当"),
])
def test_sound_alike_slips_in_set_phrases_are_errors_with_the_intended_phrase(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


def test_an_ordinary_word_at_the_end_of_a_clause_is_a_warning_with_both_readings(rubric):
    result = analyse("各项工作要一体部属。", CheckOptions(rubric))
    found = [f for f in result.findings if f.rule == "mistyped"]
    assert [(f.severity, f.suggestion) for f in found] == [("warning", "一体部署")]
    assert "部属" in found[0].message and "一体部署" in found[0].message


@pytest.mark.parametrize("text", [
    "同志们要再接再厉，争取更大成绩。",
    "一股力量推动我们前进。",
    "那片远处不在视线之内。",
    "他为人处世很有分寸。",  # both spellings standard (data/allowed_variants.txt)
    "赓续红色根脉，勇担时代使命。",
    "他总是趁人之危。",
])
def test_right_phrases_ordinary_words_and_allowed_variants_are_left_alone(rubric, text):
    assert slips(rubric, text) == []


def test_near_sounds_fold_the_pairs_input_methods_confuse():
    assert [sounds.fold(s) for s in ("zhong", "chang", "shi", "lan", "hu", "jing", "feng")] == [
        "zong", "can", "si", "nan", "fu", "jin", "fen"]


def test_the_index_is_plain_data_that_round_trips():
    from djscore.cache import from_plain, to_plain

    index = mistyped.phrase_index((), 4)
    again = from_plain(mistyped.PhraseIndex, marshal.loads(marshal.dumps(to_plain(index))))
    assert again == index
    assert len(index.known) > 4000 and "谈笑风声" in index.misspelled
