"""Business words: a Party sentence in the unit's own words is evidence of 融入中心 (djscore.business)."""

from __future__ import annotations

from djscore.api import check_text
from djscore.business import business_hits, common_words
from djscore.segment import words
from djscore.structure import Locator

from .conftest import pillar_scores

ROAD = """村党支部带着党员修通组公路

今年三月，通组公路开工，全长六公里，施工队从山脚往上推。
施工到半山腰，要占四十三户人家的地，进度一下子慢了下来。
村党支部让党员分组做工作，五户党员先让出了施工用地，施工又顺了。
七月底公路通车，比原计划提前一个多月完工，施工质量验收合格。
"""


def hits(text: str, party: set[int]) -> list[str]:
    locate = Locator(text)
    return [word for _, word in business_hits(text, words(text), locate.sentence_index, party,
                                              skip=(), context=("党", "支部"), repeats=2)]


def test_a_word_the_text_keeps_using_outside_party_sentences_is_its_business():
    locate = Locator(ROAD)
    party = {locate.sentence_index(ROAD.index("村党支部让党员"))}
    assert hits(ROAD, party) == ["施工"]


def test_everyday_words_and_words_used_once_are_not_business():
    assert "今年" in common_words() and "进度" not in common_words()
    text = "今年我们开了会。今年大家都很忙。支部今年组织学习。"
    locate = Locator(text)
    assert hits(text, {locate.sentence_index(text.index("支部"))}) == []


def test_party_work_in_the_units_own_words_touches_the_center(rubric):
    # No rubric term of 融入中心 in it, but the branch's members at work on the road.
    assert pillar_scores(check_text(ROAD, rubric=rubric))["融入中心"] >= 15


def test_a_work_report_that_names_the_party_once_gains_nothing(rubric):
    report = ROAD.replace("村党支部带着党员修通组公路", "村里修通组公路").replace(
        "村党支部让党员分组做工作，五户党员先", "村里分组做工作，五户人家先")
    report += "村党委对这项工作很重视。\n"
    assert pillar_scores(check_text(report, rubric=rubric))["融入中心"] < 15


def test_a_persons_name_is_not_a_trade():
    text = "梁建军是服务组组长。梁建军干售后十四年。支部书记说梁建军是骨干。"
    locate = Locator(text)
    assert hits(text, {locate.sentence_index(text.index("支部"))}) == []


def test_places_titles_and_peoples_are_not_trades():
    text = ("陈老师去了村里。陈老师又去村里。支部请陈老师到村里讲课。"
            "苗族群众多。苗族节日到了。支部走访苗族群众。")
    locate = Locator(text)
    party = {locate.sentence_index(i) for i in (text.index("支部请"), text.index("支部走访"))}
    assert hits(text, party) == []


def test_counts_wholes_and_negations_are_not_trades():
    text = ("全村修了水渠。全村通了水。支部带全村党员验收。"
            "人手不够用。钢筋也不够。支部说人手不够就上党员。")
    locate = Locator(text)
    party = {locate.sentence_index(i) for i in (text.index("支部带"), text.index("支部说"))}
    assert hits(text, party) == []


def test_ordinals_are_not_trades():
    text = "第三网格人多。第三网格楼老。支部在第三网格设点。"
    locate = Locator(text)
    assert hits(text, {locate.sentence_index(text.index("支部在"))}) == ["网格"]  # not 第三
