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


@pytest.mark.parametrize("text, written, intended", [
    ("各项工作要一体部属。", "部属", "一体部署"),  # an ordinary word at the end of a clause
    ("院子里的拉圾要及时清运。", "拉圾", "垃圾"),  # a listed short slip that only sounds like its word
])
def test_a_slip_that_may_be_meant_is_a_warning_with_both_readings(rubric, text, written, intended):
    result = analyse(text, CheckOptions(rubric))
    found = [f for f in result.findings if f.rule == "mistyped"]
    assert [(f.severity, f.suggestion) for f in found] == [("warning", intended)]
    assert written in found[0].message and intended in found[0].message


@pytest.mark.parametrize("text", [
    "同志们要再接再厉，争取更大成绩。",
    "一股力量推动我们前进。",
    "那片远处不在视线之内。",
    "他为人处世很有分寸。",  # both spellings standard (data/allowed_variants.txt)
    "赓续红色根脉，勇担时代使命。",
    "他总是趁人之危。",
    "师傅说，以后这样的活还得你先上。",  # 活 a word of its own beside 这样的话
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


# The sentences below are ours, and none of their slips is in benchmarks/slips/pairs.tsv.

@pytest.mark.parametrize("text, intended", [
    ("这里有不少名胜古绩。", "名胜古迹"),  # jieba tags 名胜古迹 n: protected as a listed idiom
    ("他们新婚燕耳，感情很好。", "新婚燕尔"),
    ("桌上摆满了山珍海未。", "山珍海味"),
])
def test_idioms_of_the_idiom_list_are_protected_whatever_jieba_tags_them(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


@pytest.mark.parametrize("text, intended", [
    ("全体队员严陈以待。", "严阵以待"),  # jieba holds 严陈以待; the idiom list holds 严阵以待 only
    ("两国之间不共载天。", "不共戴天"),
])
def test_an_entry_one_sound_from_a_listed_idiom_is_a_misspelling(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


@pytest.mark.parametrize("text, intended", [
    ("这种做法无异于病入膏盲。", "病入膏肓"),  # 盲 / 肓: same phonetic component, other sounds
    ("他这个人刚腹自用，听不进意见。", "刚愎自用"),
    ("他对这项工作乐此不彼。", "乐此不疲"),
])
def test_look_alike_characters_sharing_a_phonetic_component_are_slips(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


@pytest.mark.parametrize("text, intended", [
    ("这件事不可能一蹙而就。", "一蹴而就"),  # 蹙: outside the 3,500 common characters
    ("他坐在那里如坐针旃。", "如坐针毡"),
])
def test_rare_written_characters_have_sounds_too(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


def test_a_doubled_character_written_wrong_twice_is_one_slip(rubric):
    assert slips(rubric, "他忧心冲冲地望着窗外。") == [("error", "忧心忡忡")]


@pytest.mark.parametrize("text", [
    "他忧心忡忡地望着窗外。",
    "这种做法无异于病入膏肓。",
    "这件事不可能一蹴而就。",
    "这里有不少名胜古迹。",
    "这样做毫无意义。",  # two frequent words, not a slip for 毫无疑义
    "我们要激流勇进。",  # data/allowed_variants.txt
    "这一幕令人心碎。",  # 心碎 is an ordinary word: not a slip for 令人心醉
    "这孩子天赋异禀。",  # jieba's rarest idiom 天赋异柄 is not protected
    "如今复出，风光不再。",
    "他的文章一字千金。",  # 字 / 掷 only a near sound: no misspelling of 一掷千金
    "扭转乾坤的关键在于人。",  # the text is normalised (乾 -> 干), the phrases with it
])
def test_right_idioms_and_ordinary_phrases_near_listed_idioms_are_left_alone(rubric, text):
    assert slips(rubric, text) == []


def test_the_look_alike_and_idiom_data_are_well_formed():
    from djscore.rules import data_lines

    groups = data_lines("lookalike.txt")
    assert len(groups) > 1000
    assert all(len(set(group)) == len(group) >= 2 for group in groups)
    idioms = data_lines("idioms.txt")
    assert len(idioms) > 29000 and all(len(idiom) == 4 for idiom in idioms)
    assert "实事求是" in idioms


def test_a_misspelling_jieba_holds_is_never_the_suggestion(rubric):
    # 联成一片 is one of jieba's misspelled entries (of 连成一片): a window near it is not near a phrase.
    index = mistyped._rubric_index(rubric, 4)
    assert "联成一片" in index.misspelled
    for text in ("夜里灯火亮成一片。", "两个村的田块联成一片。"):
        assert all(suggestion not in index.misspelled for _, suggestion in slips(rubric, text))


@pytest.mark.parametrize("text, intended", [
    ("这个人鬼计多端，要提防。", "诡计多端"),  # both forms in the idiom list; today's usage has one
    ("问题要一刀两段地解决。", "一刀两断"),
    ("他察颜观色，见机行事。", "察言观色"),
])
def test_a_listed_form_that_usage_all_but_lacks_is_a_slip_of_the_usual_one(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


@pytest.mark.parametrize("text", [
    "这个人诡计多端，要提防。",
    "他察言观色，见机行事。",
    "两国人民结下了深情厚意。",  # rare, but an ordinary phrase (data/allowed_variants.txt)
    "他对上级惟命是从。",  # 惟 = 唯 (allowed_variants.txt)
])
def test_usual_forms_and_allowed_rare_variants_are_left_alone(rubric, text):
    assert slips(rubric, text) == []


def test_the_rare_variants_are_one_character_from_their_usual_form():
    from djscore.rules import data_lines

    pairs = [line.split() for line in data_lines("rare_variants.txt")]
    assert len(pairs) > 20
    for low, high in pairs:
        assert len(low) == len(high) >= 4 and sum(a != b for a, b in zip(low, high, strict=True)) == 1
    assert not {low for low, _ in pairs} & set(data_lines("allowed_variants.txt"))


@pytest.mark.parametrize("text, intended", [
    ("当前形势依然严竣，不能松懈。", "严峻"),  # data/short_slips.txt: 严竣 1.47 / 严峻 4.18
    ("这次培训复盖全体党员。", "覆盖"),
    ("抓住关健环节，推动工作落实。", "关键"),
])
def test_a_listed_short_slip_is_found_in_a_sentence(rubric, text, intended):
    assert slips(rubric, text) == [("error", intended)]


@pytest.mark.parametrize("text", [
    "村里建立了民生台账，逐户登记。",  # 台账 and 民宿 are low in jieba's count, common in today's
    "发展民宿和光伏产业，带动群众增收。",
    "形势依然严峻，这次培训覆盖全体党员。",
    "委托代理人马建义到庭参加诉讼。",  # a given name after a surname, not 建议
    "以防碍事，先把车挪开。",  # 防碍 is not a word here (以防 / 碍事)
    "他尽显老态，走路也慢了。",  # a word of its own (data/allowed_variants.txt)
])
def test_modern_words_names_and_allowed_short_words_are_left_alone(rubric, text):
    assert slips(rubric, text) == []


def test_the_short_slips_are_one_character_from_a_word_and_not_allowed():
    from djscore.rules import data_lines

    pairs = [line.split()[:2] for line in data_lines("short_slips.txt")]
    assert len(pairs) > 100
    for low, high in pairs:
        assert len(low) == len(high) in (2, 3) and sum(a != b for a, b in zip(low, high, strict=True)) == 1
    assert not {low for low, _ in pairs} & set(data_lines("allowed_variants.txt"))
    assert not {"台账", "民宿", "光伏", "客服"} & {low for low, _ in pairs}
