"""`djscore rubric show|lint|init|suggest`: what a rubric author sees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from djscore.cli import app
from djscore.rubric import load_rubric, packaged_rubric_path

from .conftest import EXAMPLES

runner = CliRunner()
PILLARS = ("融入中心", "形成核心", "锤炼党性", "凝聚人心")


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line containing needle."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


# --- show ---------------------------------------------------------------------------------

def test_show_draws_the_packaged_rubric_as_a_tree():
    result = run("rubric", "show")
    assert result.exit_code == 0, result.output
    for name in PILLARS:
        assert name in result.stdout
    assert "三会一课 ×1.5" in result.stdout  # a term with its weight
    assert "党建…业务…融合" in result.stdout  # an "a+b" alias shown as a…b
    assert "guiding-idea" in result.stdout and "min_hits" in result.stdout


def test_show_accepts_a_name_or_a_path_and_gives_json():
    by_name = run("rubric", "show", "dangjian-neihan", "--format", "json")
    by_path = run("rubric", "show", str(packaged_rubric_path()), "--format", "json")
    assert by_name.exit_code == by_path.exit_code == 0
    doc = json.loads(by_name.stdout)
    assert doc == json.loads(by_path.stdout)
    assert [p["name"] for p in doc["pillars"]] == list(PILLARS)
    terms = [t for p in doc["pillars"] for c in p["criteria"] for t in c["terms"]]
    assert {"term": "三会一课", "aliases": [], "weight": 1.5} in terms
    assert all({"id", "name", "weight", "min_hits", "terms"} <= set(c) for p in doc["pillars"]
               for c in p["criteria"])


def test_show_unknown_name_is_a_usage_error():
    result = run("rubric", "show", "no-such-rubric")
    assert result.exit_code == 2
    assert "dangjian-neihan" in result.stderr  # lists the packaged names


# --- lint ---------------------------------------------------------------------------------

def test_lint_of_the_packaged_rubric_is_clean():
    """Issue 12.11: no warning at all by default, even with --strict (cues are general words by
    design, so a longer term containing one is no shadowing)."""
    result = run("rubric", "lint", "dangjian-neihan", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [f"{packaged_rubric_path()}: 没有发现问题（未对照文章检查；"
                                          "--corpus 文件夹 可检查从未命中的词条）"]


def test_lint_checks_hits_only_against_a_corpus_the_user_names():
    result = run("rubric", "lint", str(packaged_rubric_path()), "--corpus", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert all(": 警告: " in line for line in lines[:-1])
    assert any("篇对照文章中一次也没有命中" in line for line in lines)
    assert "共" in lines[-1] and "7 篇" in lines[-1]  # the examples' README is not an essay
    # Run from a folder that has examples/: nothing is picked up unasked.
    here = run("rubric", "lint", str(packaged_rubric_path()))
    assert "没有命中" not in here.stdout


def test_lint_corpus_must_hold_essays(tmp_path):
    result = run("rubric", "lint", "dangjian-neihan", "--corpus", str(tmp_path))
    assert result.exit_code == 2
    assert "--corpus" in result.stderr


CUE_INSIDE_TERM = """schema_version: 1
id: cues
name: 线索词
pillars:
  - id: p1
    name: 方面一
    criteria:
      - id: c1
        name: 标准一
        min_hits: 1
        cues: [带头, 学习]
        terms: [党员带头, 三会一课, 主题党日, 组织生活会, 民主评议, 谈心谈话, 发展党员, 党员教育]
  - id: p2
    name: 方面二
    criteria:
      - id: c2
        name: 标准二
        min_hits: 1
        terms: [带头人, 中心组学习, 书记抓党建, 头雁, 党建第一责任人, 书记述职, 书记培训, 选优配强]
"""


def test_a_cue_inside_a_longer_term_is_no_shadowing_but_a_term_is(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text(CUE_INSIDE_TERM, encoding="utf-8")
    result = run("rubric", "lint", str(path), "--min-terms", "1")
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.stdout, result.stdout
    shadowed = CUE_INSIDE_TERM.replace("cues: [带头, 学习]", "cues: [学习]").replace("[党员带头,", "[带头,")
    path.write_text(shadowed, encoding="utf-8")
    lines = run("rubric", "lint", str(path), "--min-terms", "1").stdout.splitlines()
    assert any(line.startswith(f"{path}:{line_of(shadowed, '带头人')}: 警告: ") and "包含" in line
               and "（第 12 行）" in line for line in lines), lines


BAD = """\
schema_version: 1
id: bad
name: 有问题的标准
pillars:
  - id: p1
    name: 方面一
    criteria:
      - id: c1
        name: 标准一
        min_hits: 20
        terms:
          - 党建
          - 黨員之家
          - 党性修养
          - 党心
          - 党建·业务
  - id: p2
    name: 方面二
    criteria:
      - id: c2
        name: 标准二
        min_hits: 1
        terms:
          - 党性
          - 党员之家
          - term: 三会一课
            aliases: [主题党日, ＡＢ党课]
          - 组织生活会
          - 民主评议
          - 谈心谈话
          - 发展党员
          - 党员教育
          - 先锋模范
"""


@pytest.fixture()
def bad_rubric(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    examples = tmp_path / "examples"
    examples.mkdir()
    essay = "我写入党心得体会。党建工作要抓实。支部落实三会一课。\n"
    (examples / "a.txt").write_text(essay, encoding="utf-8")
    return path, examples


def lint_lines(path: Path, examples: Path) -> list[str]:
    result = run("rubric", "lint", str(path), "--corpus", str(examples))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout.splitlines()


def warned(lines: list[str], path: Path, needle: str, fragment: str) -> bool:
    prefix = f"{path}:{line_of(BAD, needle)}: 警告: "
    return any(line.startswith(prefix) and fragment in line for line in lines)


def test_lint_reports_each_check_at_its_line(bad_rubric):
    path, examples = bad_rubric
    lines = lint_lines(path, examples)
    assert warned(lines, path, "黨員之家", "繁体字或全角字符")  # never matches normalised text
    assert warned(lines, path, "ＡＢ党课", "请改为“AB党课”")
    assert warned(lines, path, "- 党员之家", "只有繁简或全半角之别")  # duplicate after normalising
    assert warned(lines, path, "党性修养", "包含标准「标准二」的“党性”")  # shadowing
    assert warned(lines, path, "党建·业务", "仍切成“党建 / · / 业务”")  # split by the segmenter
    assert warned(lines, path, "- 党心", "跨越了词语边界")  # 入党/心得 in the example
    assert warned(lines, path, "发展党员", "一次也没有命中")
    assert warned(lines, path, "min_hits: 20", "永远得不到满分")
    first_terms_key = BAD.splitlines().index("        terms:") + 1
    assert any(line.startswith(f"{path}:{first_terms_key}: 警告: ") and "只有 5 个词条" in line
               for line in lines)
    assert not any("三会一课”" in line and "没有命中" in line for line in lines)  # it is in the example
    assert "共" in lines[-1] and "1 篇" in lines[-1]


def test_lint_strict_and_min_terms(bad_rubric):
    path, examples = bad_rubric
    assert run("rubric", "lint", str(path), "--corpus", str(examples), "--strict").exit_code == 1
    result = run("rubric", "lint", str(path), "--min-terms", "3")
    assert "词条过少" not in result.stdout and "没有命中" not in result.stdout


def test_lint_schema_errors_exit_2_one_line_each(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BAD.replace("min_hits: 20", "min_hitz: 20").replace("- 党心", "- 党 心"),
                    encoding="utf-8")
    result = run("rubric", "lint", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"djscore: {path}:{line_of(BAD, 'min_hits: 20')}: ")
    assert "党 心" in result.stderr


# --- init ---------------------------------------------------------------------------------

def test_init_writes_a_commented_rubric_that_loads(tmp_path):
    path = tmp_path / "我的标准.yaml"
    result = run("rubric", "init", str(path))
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.count("#") > 20 and "min_hits" in text and "aliases" in text
    loaded = load_rubric(path)
    assert len(loaded.pillars) == 2 and all(p.criteria for p in loaded.pillars)
    assert loaded.verdicts and loaded.length and loaded.dated and loaded.rules
    assert any("+" in form for p in loaded.pillars for c in p.criteria for t in c.terms for form in t.forms)
    assert run("rubric", "lint", str(path), "--no-examples").exit_code == 0
    assert run("check", str(EXAMPLES / "full-four-pillars.txt"), "--rubric", str(path)).exit_code == 0


def test_init_refuses_to_overwrite_unless_forced(tmp_path):
    path = tmp_path / "rubric.yaml"
    path.write_text("# 我写了很久的标准\n", encoding="utf-8")
    result = run("rubric", "init", str(path))
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "# 我写了很久的标准\n"
    assert run("rubric", "init", str(path), "--force").exit_code == 0
    load_rubric(path)


# --- suggest ------------------------------------------------------------------------------

EXEMPLAR_A = """\
我们社区推行“红色管家”制度，红色管家带头落实三会一课，每月组织党员过主题党日。
楼栋长和红色管家一起走访独居老人，帮他们解决急难愁盼的问题。
"""
EXEMPLAR_B = """\
街道把红色管家纳入党员队伍建设，红色管家参加三会一课，定期开展民主评议党员。
物业矛盾由红色管家上门调处，群众满意度明显提高。
"""


def test_suggest_finds_words_the_rubric_lacks_grouped_by_pillar(tmp_path, rubric):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EXEMPLAR_A, encoding="utf-8")
    b.write_text(EXEMPLAR_B, encoding="utf-8")
    result = run("rubric", "suggest", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    words = {w["word"]: (g["name"], w) for g in doc["groups"] for w in g["words"]}
    assert words, doc
    forms = "\n".join(rubric.all_words())
    assert not [w for w in words if w in forms]  # nothing the rubric already has
    assert not [w for w in words if len(w) < 2]
    grouped = [w for w, (name, _) in words.items() if name in PILLARS]
    assert grouped
    manager = next(w for w in words if "管家" in w)
    name, entry = words[manager]
    assert name == "锤炼党性"  # shares sentences with 三会一课, 主题党日, 民主评议党员
    assert entry["count"] >= 4 and entry["essays"] == 2 and manager in entry["example"]


EVERYDAY_A = """\
我们村党支部推行“红色管家”制度，红色管家带头落实三会一课。去年冬天我在医院陪护母亲，遇到一位老党员，他说很多人都认不出来了。
红色管家每周走访独居老人，把医院的体检服务请进社区。遇到困难，红色管家第一个站出来。
我差点认不出这位老支书，他在医院工作了三十年，遇到群众有难处就帮。全镇的红色管家和网格员一起巡查。
"""
EVERYDAY_B = """\
街道把红色管家纳入党员队伍建设，红色管家参加三会一课。医院的党员医生遇到急难险重任务冲在前。
网格员和红色管家上门调处物业矛盾，群众认不认可，要看实效。遇到问题不推诿，医院和全镇一起想办法。
"""


def test_suggest_ranks_against_general_chinese_and_drops_fragments(tmp_path):
    """Issue 12.11: 医院 and 遇到 are everyday words (frequent in jieba's general dictionary), 认不
    and 认不出 are pieces of 认不出来, 全镇 a scope; 管家 is what these exemplars share."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EVERYDAY_A, encoding="utf-8")
    b.write_text(EVERYDAY_B, encoding="utf-8")
    result = run("rubric", "suggest", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.output
    entries = sorted((w for g in json.loads(result.stdout)["groups"] for w in g["words"]),
                     key=lambda w: -w["weight"])
    words = [w["word"] for w in entries]
    assert words and "管家" in words[0]
    for unwanted in ("医院", "遇到", "认不", "认不出", "认不出来", "全镇", "差点"):
        assert unwanted not in words, (unwanted, words)


def test_suggest_on_an_example_essay_prints_a_table():
    result = run("rubric", "suggest", str(EXAMPLES / "full-four-pillars.txt"), "--top", "12")
    assert result.exit_code == 0, result.output
    assert "建议词" in result.stdout and "例句" in result.stdout
    assert any(name in result.stdout for name in PILLARS)
    textrank = run("rubric", "suggest", str(EXAMPLES / "full-four-pillars.txt"), "--method", "textrank",
                   "-f", "json")
    assert textrank.exit_code == 0 and json.loads(textrank.stdout)["groups"]


def test_suggest_missing_exemplar_is_an_input_error(tmp_path):
    result = run("rubric", "suggest", str(tmp_path / "none.txt"))
    assert result.exit_code == 2
    assert "none.txt" in result.stderr


def test_author_tools_are_quiet_on_stderr_even_with_warnings_as_errors(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for args in (["rubric", "suggest", str(EXAMPLES / "full-four-pillars.txt"), "--top", "5"],
                 ["rubric", "suggest", str(EXAMPLES / "village-report.md"), "--method", "textrank"],
                 ["rubric", "lint", str(packaged_rubric_path())],
                 ["segment", str(EXAMPLES / "full-four-pillars.txt")]):
        out = subprocess.run([sys.executable, "-W", "error", "-m", "djscore", *args], env=env,
                             capture_output=True, text=True, timeout=180)
        assert out.returncode == 0, out.stderr
        assert out.stderr == ""
        assert out.stdout
