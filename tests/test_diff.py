"""Draft comparison: `djscore diff OLD NEW`, `check --baseline`, and the pure comparison."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from djscore.cli import app
from djscore.review.diff import compare, to_dict

runner = CliRunner()

DRAFT = """凝聚人心，从一件件小事做起

去年以来，我们支部把凝聚人心作为党建工作的落脚点。支部书记每月和党员开展谈心谈话，了解大家工作和生活中的难处，\
对困难党员逐一走访慰问。我们在社区建起党员之家，每周开放两个晚上，党员和群众都可以来坐坐、聊聊。

我们还实施了凝聚力工程，组织党员志愿服务队，为孤寡老人买菜、修水管，开展结对帮扶。一年下来，群众说支部的门好进了、\
事好办了，党群连心的氛围越来越浓。
"""

# The same draft plus a paragraph on another pillar (形成核心): deciding and choosing cadres.
ADDED = """
形成核心，关键是让支部真正说了算、管得住。过去村里修路、建厂这样的大事，往往是几个村干部碰个头就定了，群众有意见，\
党员也觉得自己插不上话。这两年我们把规矩立了起来：凡是三重一大事项，先由支部委员会前置研究讨论，拿出意见后再提交\
村民代表会议表决，支部参与决策的过程全程留痕、向群众公开。今年村里引进一家蔬菜加工企业，支部先后开了三次会，\
把土地流转价格、用工优先本村村民这些关键问题一一讨论清楚，大家心里都有了底。

在用人上，我们坚持党管干部。村组干部换届时，支部严把选人用人关，不看谁的关系硬、嗓门大，而是看谁愿意为群众办事、\
办得成事。去年推荐的两位年轻组长，一位带头搞起了大棚种植，一位把组里的矛盾纠纷调解得妥妥当当，群众都说选对了人。
"""

NEWLY_COVERED = {"decision-making", "cadre-management"}


def drafts(tmp_path):
    old, new = tmp_path / "初稿.txt", tmp_path / "修改稿.txt"
    old.write_text(DRAFT, encoding="utf-8")
    new.write_text(DRAFT + ADDED, encoding="utf-8")
    return str(old), str(new)


def test_diff_of_two_drafts_shows_the_newly_covered_criteria(tmp_path):
    old, new = drafts(tmp_path)
    result = runner.invoke(app, ["diff", old, new])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "稿件比较" in out and "总分" in out
    covered = out.split("新覆盖的标准（2 项）")[1]
    assert "形成核心 / 参与决策（缺失 → 已覆盖）" in covered
    assert "形成核心 / 党管干部（缺失 → 已覆盖）" in covered
    assert "三重一大" in covered and "党管干部" in covered
    assert "不再覆盖" not in out

    data = json.loads(runner.invoke(app, ["diff", old, new, "--format", "json"]).stdout)
    assert data["schema_version"] == 3 and data["rubric"]["id"] == "dangjian-neihan"
    diff = data["diff"]
    assert set(diff["newly_covered"]) == NEWLY_COVERED and diff["lost"] == []
    assert diff["score_delta"] > 0 and diff["old"]["path"] == old
    pillars = {p["id"]: p for p in diff["pillars"]}
    assert pillars["form-core"]["old"] == 0 and pillars["form-core"]["delta"] > 30
    # The new paragraph is about decisions (its chosen cadres "serve the people" only in passing).
    assert abs(pillars["unite-hearts"]["delta"]) < 10
    decision = next(c for c in diff["criteria"] if c["id"] == "decision-making")
    assert decision["change"] == "covered" and "三重一大" in decision["terms_gained"]
    assert set(diff["findings"]) == {"old", "new", "delta"}


def test_diff_with_saved_json_results(tmp_path):
    old, new = drafts(tmp_path)
    saved_old, saved_new = tmp_path / "old.json", tmp_path / "new.json"
    assert runner.invoke(app, ["check", old, "-f", "json", "-o", str(saved_old)]).exit_code == 0
    assert runner.invoke(app, ["check", new, "-f", "json", "-o", str(saved_new)]).exit_code == 0
    from_files = json.loads(runner.invoke(app, ["diff", old, new, "-f", "json"]).stdout)["diff"]
    for pair in ([str(saved_old), new], [str(saved_old), str(saved_new)]):
        result = runner.invoke(app, ["diff", *pair, "-f", "json"])
        assert result.exit_code == 0, result.output
        diff = json.loads(result.stdout)["diff"]
        assert set(diff["newly_covered"]) == NEWLY_COVERED
        assert diff["criteria"] == from_files["criteria"] and diff["pillars"] == from_files["pillars"]
        assert diff["old"]["saved_in"] == str(saved_old)
    text = runner.invoke(app, ["diff", str(saved_old), new]).stdout
    assert "新覆盖的标准（2 项）" in text and "保存的结果" in text
    version_1 = tmp_path / "v1.json"  # a version-1 document: results are alike
    version_1.write_text(saved_old.read_text(encoding="utf-8").replace('"schema_version": 3',
                                                                     '"schema_version": 1'), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(version_1), new, "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["diff"]["criteria"] == from_files["criteria"]
    # Before schema 3 a sentence could be filed under several criteria: the comparison says so.
    assert "证据句按旧法归入标准" in runner.invoke(app, ["diff", str(version_1), new]).stdout
    assert "计分方法不同" not in runner.invoke(app, ["diff", str(saved_old), new]).stdout


def test_check_with_baseline(tmp_path):
    old, new = drafts(tmp_path)
    saved = tmp_path / "old.json"
    runner.invoke(app, ["check", old, "-f", "json", "-o", str(saved)])
    result = runner.invoke(app, ["check", new, "--baseline", str(saved)])
    assert result.exit_code == 0, result.output
    report, comparison = result.stdout.split("与基线比较")
    assert "总分" in report and "新覆盖的标准（2 项）" in comparison

    data = json.loads(runner.invoke(app, ["check", new, "--baseline", str(saved), "-f", "json"]).stdout)
    (essay,) = data["results"]
    assert set(essay["baseline"]["newly_covered"]) == NEWLY_COVERED
    assert essay["baseline"]["new"]["path"] == new and essay["score"] == essay["baseline"]["new"]["score"]
    # an essay file works as a baseline too
    plain = json.loads(runner.invoke(app, ["check", new, "--baseline", old, "-f", "json"]).stdout)
    assert plain["results"][0]["baseline"]["newly_covered"] == essay["baseline"]["newly_covered"]


def test_bad_inputs_exit_2(tmp_path):
    _, new = drafts(tmp_path)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    future = tmp_path / "future.json"
    future.write_text('{"schema_version": 4, "results": []}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for bad in (str(tmp_path / "missing.txt"), str(other), str(future), str(broken), str(empty)):
        result = runner.invoke(app, ["diff", bad, new])
        assert result.exit_code == 2, bad
        assert result.stderr.startswith(f"djscore: {bad}: ")
    assert runner.invoke(app, ["check", new, "--baseline", str(other)]).exit_code == 2


def _result(path: str, statuses: dict[str, tuple[str, list[str]]], score: float) -> dict:
    return {"path": path, "score": score, "verdict": "pass", "verdict_label": "合格",
            "findings": [{"severity": "warning"}],
            "pillars": [{"id": "p", "name": "方面", "score": score, "criteria": [
                {"id": cid, "name": cid.upper(), "status": status, "score": 0.0, "terms_found": terms}
                for cid, (status, terms) in statuses.items()]}]}


def test_compare_classifies_changes():
    old = _result("a", {"x": ("covered", ["甲", "乙"]), "y": ("missing", []), "z": ("partial", ["丙"]),
                        "w": ("partial", ["丁"])}, 50.0)
    new = _result("b", {"x": ("partial", ["甲"]), "y": ("partial", ["戊"]), "z": ("partial", ["丙"]),
                        "w": ("partial", ["己"])}, 45.0)
    diff = compare(old, new)
    assert {c.id: c.change for c in diff.criteria} == {"x": "lost", "y": "status", "w": "terms"}
    x = diff.by_change("lost")[0]
    assert x.terms_lost == ("乙",) and x.terms_gained == ()
    data = to_dict(diff)
    assert data["score_delta"] == -5.0 and data["lost"] == ["x"] and data["newly_covered"] == []
    assert data["findings"]["delta"] == {"error": 0, "warning": 0, "info": 0}
    assert compare(old, old).unchanged
    assert compare(old, new, "r 1 aaa", "r 2 bbb").notes  # different rubrics are pointed out
