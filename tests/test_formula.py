"""The `formula` rule: every fixed formula in its data is caught when written in the wrong
order, with an item missing or with a wrong count, and the suggestion gives it whole."""

from __future__ import annotations

import pytest

from djscore.pipeline import CheckOptions, analyse
from djscore.rules.formula import COUNT_NAME, formulas

FORMULAS = {f.name: f for f in formulas()}


def formula_findings(rubric, text):
    return [f for f in analyse(text, CheckOptions(rubric)).findings if f.rule == "formula"]


def listed(items) -> str:
    return "、".join(items)


@pytest.mark.parametrize("name", FORMULAS)
def test_the_formula_written_right_passes(rubric, name):
    formula = FORMULAS[name]
    assert formula_findings(rubric, f"我们要{listed(i[0] for i in formula.items)}。") == []


@pytest.mark.parametrize("name", [n for n, f in FORMULAS.items() if f.ordered])
def test_wrong_order_is_caught_with_the_whole_formula(rubric, name):
    items = [i[0] for i in FORMULAS[name].items]
    items[0], items[1] = items[1], items[0]
    found = formula_findings(rubric, f"我们要{listed(items)}。")
    assert [f.suggestion for f in found] == [FORMULAS[name].whole]
    assert "顺序" in found[0].message and found[0].severity == "error"


@pytest.mark.parametrize("name", [n for n, f in FORMULAS.items() if f.shape and len(f.items) >= 4])
def test_a_missing_item_is_named(rubric, name):
    items = [i[0] for i in FORMULAS[name].items]
    found = formula_findings(rubric, f"我们要{listed(items[:-1])}。")
    assert len(found) == 1 and items[-1] in found[0].message
    assert found[0].suggestion == FORMULAS[name].whole


@pytest.mark.parametrize("name", [n for n in FORMULAS if COUNT_NAME.match(n)])
def test_a_wrong_count_is_caught(rubric, name):
    wrong = ("五" if name[0] != "五" else "三") + name[1:]
    found = formula_findings(rubric, f"全体党员要牢固树立“{wrong}”。")
    assert [(f.column, f.suggestion) for f in found] == [(11, name)]
    assert FORMULAS[name].whole in found[0].message


def test_a_wrong_item_among_the_right_ones_is_named(rubric):
    found = formula_findings(rubric, "坚定道路自信、理论自信、制度自信、历史自信。")
    assert len(found) == 1 and "历史自信" in found[0].message and "文化自信" in found[0].message


def test_other_lists_and_loose_mentions_are_left_alone(rubric):
    text = ("增强责任意识、服务意识、大局意识。只有牢记使命，才能不忘初心。"
            "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。"
            "三个意识形态领域的问题要分清。克服形式主义、官僚主义。")
    assert formula_findings(rubric, text) == []


def test_every_formula_names_its_source_and_year():
    for formula in FORMULAS.values():
        assert formula.source and 1921 <= formula.year <= 2026, formula.name
        assert len({form for item in formula.items for form in item}) == sum(len(i) for i in formula.items)


def test_a_last_item_running_on_into_the_next_words_still_counts(rubric):
    found = formula_findings(rubric, "我们要坚定道路自信、理论自信、文化自信的决心。")
    assert any("缺少“制度自信”" in f.message for f in found)
    assert formula_findings(rubric, "我们要坚定道路自信、理论自信、制度自信、文化自信的决心。") == []


def test_a_series_of_actions_naming_some_items_is_not_the_formula_listed_short(rubric):
    # Each item has its own verb: a series of actions, not 四个伟大 with one left out.
    assert formula_findings(rubric, "我们要敢于进行伟大斗争、接续推进伟大事业、努力实现伟大梦想。") == []
    # The item left out of the list is named earlier in the sentence, before a comma.
    assert formula_findings(rubric, "抓好伟大工程，就要结合伟大斗争、伟大事业、伟大梦想来谋划。") == []
    # The bare list still is.
    found = formula_findings(rubric, "我们要推进伟大斗争、伟大事业、伟大梦想。")
    assert len(found) == 1 and "伟大工程" in found[0].message
