"""Each evidence sentence is shown under one criterion; cue-only sentences and questions are
listed with their pillar (djscore.filing). Filing never changes a pillar's score."""

from __future__ import annotations

import json

import pytest

from djscore.cli import app
from djscore.filing import FiledHit, file_hits, introduces, is_question, strength
from djscore.pipeline import CheckOptions, analyse

from .conftest import EXAMPLES

TWO_CRITERIA = ("镇党委对村党组织的考核要改一改：台账资料的分值降下来，"
                "群众满意度测评、为民办实事的分值提上去。")
ESSAY = ("村党支部一年来的工作\n"
         + TWO_CRITERIA + "\n"
         "支部注重在调解员队伍中做好发展党员工作，确定入党积极分子1名。\n"
         "老党员还有啥难处？\n"
         "我们村的党员大多六十岁以上，种了一辈子地。\n")


def filed_under(result, sentence_start: str) -> list[str]:
    return [f"{p.name}/{c.name}" for p in result.pillars for c in p.criteria
            if any(h.sentence.startswith(sentence_start) for h in c.hits)]


def related_to(result, sentence_start: str) -> list[str]:
    return [p.name for p in result.pillars if any(h.sentence.startswith(sentence_start) for h in p.related)]


def test_a_sentence_naming_two_criteria_is_filed_under_one(rubric):
    result = analyse(ESSAY, CheckOptions(rubric))
    assert filed_under(result, "镇党委对村党组织的考核") == ["融入中心/评价标准重内容重结果"]
    # 为民办实事 still counts towards 凝聚人心; the sentence is listed there as related.
    assert related_to(result, "镇党委对村党组织的考核") == ["凝聚人心"]
    assert filed_under(result, "支部注重在调解员队伍中") == ["锤炼党性/党员队伍"]


def test_cue_only_sentences_and_questions_are_related_not_filed(rubric):
    result = analyse(ESSAY, CheckOptions(rubric))
    for sentence in ("老党员还有啥难处", "我们村的党员大多六十岁以上"):
        assert filed_under(result, sentence) == []
        assert related_to(result, sentence)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_every_sentence_that_counts_is_shown_with_its_pillar(rubric, example):
    result = analyse(example.read_text(encoding="utf-8"), CheckOptions(rubric))
    for pillar in result.pillars:
        filed = {(h.line, h.sentence) for c in pillar.criteria for h in c.hits}
        related = {(h.line, h.sentence) for h in pillar.related}
        assert not filed & related
        assert pillar.evidence.criteria == sum(c.status != "missing" for c in pillar.criteria)


def test_filing_is_by_strength_and_keeps_order():
    term = strength(cue=False, pair=False, weight=1.0, form="党内监督")
    pair = strength(cue=False, pair=True, weight=1.0, form="支部+商量")
    cue = strength(cue=True, pair=False, weight=0.5, form="党员")
    filed = [FiledHit(0, (1, 0), "a", pair), FiledHit(0, (1, 2), "b", term), FiledHit(0, (2, 1), "c", cue),
             FiledHit(1, (2, 1), "d", cue), FiledHit(2, (0, 0), "e", term), FiledHit(2, (0, 0), "f", cue)]
    by_criterion, related = file_hits(filed, introductions=set())
    assert by_criterion == {(1, 2): ["b"], (0, 0): ["e", "f"]}
    assert related == {2: ["c", "d"]}  # "a" is in a sentence filed under its own pillar
    by_criterion, related = file_hits(filed, introductions={2})
    assert by_criterion == {(1, 2): ["b"]} and related == {2: ["c", "d"], 0: ["e", "f"]}


def test_what_a_question_is():
    assert is_question("问：还有啥难处？") and is_question("为什么有的支部活动没人来?")
    assert is_question("他问：“这事谁来管？”") and is_question("问：支部是怎么做的")
    assert not is_question("支部问清了原因，当场解决。")
    assert not is_question("“问题在哪？”大家议了一晚上，终于找到了原因。")


def test_json_shows_related_sentences(tmp_path):
    from typer.testing import CliRunner

    draft = tmp_path / "draft.txt"
    draft.write_text(ESSAY, encoding="utf-8")
    doc = json.loads(CliRunner().invoke(app, ["check", str(draft), "-f", "json"]).stdout)
    assert doc["schema_version"] == 3
    pillars = {p["name"]: p for p in doc["results"][0]["pillars"]}
    assert any(h["sentence"].startswith("我们村的党员") for h in pillars["锤炼党性"]["related"])


def test_criteria_tables_show_a_related_row_where_a_pillar_has_related_sentences(rubric):
    from djscore.report.html import criteria_table as html_table
    from djscore.report.terminal import criteria_table

    from .test_report_layout import terminal

    result = analyse(ESSAY, CheckOptions(rubric))
    shown = terminal(criteria_table(result), 140)
    row = next(line for line in shown.splitlines() if "相关叙述" in line)
    assert "党员" in row and "4:2" in row  # its words, and where its first related sentence is
    assert html_table(result).count('class="related"') == sum(bool(p.related) for p in result.pillars)


@pytest.mark.parametrize("sentence", ["列席：入党积极分子2人（王一鸣、黄佳）", "主持人：支部书记 刘芳",
                                      "我是监区第三党支部的预备党员许航，于去年10月被批准为预备党员。",
                                      "”（党员快递员，41岁）", "县委巡察工作领导小组办公室：",
                                      "今天这堂党课，我不打算照着文件念，先讲一件村里的事。",
                                      "今天轮到我来讲党课，心里有点打鼓。", "我的党课就讲到这里，谢谢大家。",
                                      "最后，我对支部全体党员提几点要求。",
                                      "针对这些问题，车间党支部做了几件事。",
                                      "按照镇党委的通知要求，现将本人履行党建工作第一责任人职责情况报告如下。"])
def test_sentences_that_only_introduce(sentence):
    assert introduces(sentence)


@pytest.mark.parametrize("sentence", ["中心党支部把签约不空签作为重点工作，我是支部委员，就从自己团队先改。",
                                      "我们支部的党员每月到列席会上汇报一次思想。",
                                      "主持召开支委会12次，研究重大事项7项。",
                                      "（三）推动入驻企业党组织参与市场秩序治理",
                                      "讲到这里，老支书停了一下说，那时候谁家有难处，党员就先上。",
                                      "这堂党课之后，三名年轻党员主动报名去了最远的牧点。",
                                      "支部定了几件事：账目每月公开，党员轮流值守。",
                                      "近年来，车间党支部坚持“生产难点在哪里，党员就站在哪里”，"
                                      "车间产量创投产以来最好水平，主要做法如下。"])
def test_sentences_that_discuss_are_not_taken_for_introductions(sentence):
    assert not introduces(sentence)


def test_a_self_introduction_is_related_not_filed(rubric):
    result = analyse("我是县统计局的预备党员王思齐，去年被支部接收为预备党员。\n"
                     "入党以后，我每月参加组织生活会，对照党章查找不足。\n", CheckOptions(rubric))
    assert filed_under(result, "我是县统计局的预备党员") == []
    assert related_to(result, "我是县统计局的预备党员") == ["锤炼党性"]
    assert filed_under(result, "入党以后") == ["锤炼党性/党员队伍"]
