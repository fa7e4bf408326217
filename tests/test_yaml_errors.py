"""Issue 12.10: a rubric that is not valid YAML gets a Chinese sentence naming the line that is
wrong (and quoting it); an unclosed quote is reported where it opens; a duplicate names both
lines."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from djscore.cli import app
from djscore.rubric import RubricError, parse_rubric

from .conftest import DATA

MINI = (DATA / "mini-rubric.yaml").read_text(encoding="utf-8")
# A longer rubric: the mini one and 40 more criteria, so that the end of the file is far away.
LONG = MINI + "".join(f"      - id: extra-{i}\n        name: 补充{i}\n"
                      f"        terms: [补充词{i}甲, 补充词{i}乙]\n" for i in range(40))


def problem_of(text: str) -> str:
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "r.yaml")
    (problem,) = caught.value.problems
    assert "\n" not in problem
    return problem


def line_no(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def assert_no_pyyaml_english(problem: str) -> None:
    for english in ("while parsing", "while scanning", "expected", "found", "but got"):
        assert english not in problem, problem


@pytest.mark.parametrize("broken", ['        name: "党内民主\n', "        name: '党内民主\n",
                                    '        terms: ["民主, 党性, 党建]\n'])
def test_an_unclosed_quote_is_reported_where_it_opens(broken):
    old = broken.replace('"', "").replace("'", "").replace("[", "[").rstrip("\n")
    original = next(line for line in LONG.splitlines() if line.replace("'", "") == old or line == old)
    text = LONG.replace(original + "\n", broken, 1)
    at = line_no(text, broken.strip())
    assert at == 25 or at == 27
    problem = problem_of(text)
    assert problem.startswith(f"r.yaml:{at}:"), problem
    assert "引号没有闭合" in problem and broken.strip() in problem
    assert_no_pyyaml_english(problem)


@pytest.mark.parametrize(("old", "new", "sentence"), [
    ("          - 党心\n", "          - 党心\n          ? 为什么\n", "问号开头的值请加引号"),
    ("        name: 党内民主\n", "        name: 党内民主: 团结\n", "值里有冒号时给整个值加引号"),
    ("          - 党心\n", "\t  - 党心\n", "不能用 Tab 缩进"),
    ("        terms: [民主, 党性, 党建]\n", "        terms: [民主, 党性, 党建\n", "方括号列表"),
    ("        name: 党内民主\n", "       name: 党内民主\n", "缩进"),
])
def test_syntax_errors_are_a_chinese_sentence_and_the_wrong_line(old, new, sentence):
    assert old in MINI
    text = MINI.replace(old, new, 1)
    problem = problem_of(text)
    assert sentence in problem, problem
    assert_no_pyyaml_english(problem)
    assert "这一行是：“" in problem
    row = int(problem.split(":")[1])
    wrong = text.splitlines()[row - 1].strip()
    assert f"“{wrong}”" in problem and wrong in new


def test_a_duplicate_id_names_its_line_and_the_first_one():
    text = MINI.replace("      - id: cadres\n", "      - id: democracy\n")
    first, second = line_no(text, "- id: democracy"), line_no(text, "name: 党管干部") - 1
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "r.yaml")
    (problem,) = [p for p in caught.value.problems if "重复的id" in p]
    assert problem.startswith(f"r.yaml:{second}: ")
    assert f"第 {first} 行已有" in problem


def test_a_duplicate_term_names_the_second_line():
    text = MINI.replace("          - 党员+上门\n", "          - 党心\n")
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "r.yaml")
    (problem,) = [p for p in caught.value.problems if "重复的term" in p]
    assert problem.startswith(f"r.yaml:{line_no(text, '- 党心') + 5}: ")
    assert f"第 {line_no(text, '- 党心')} 行已有" in problem


def test_a_duplicate_key_is_reported_at_the_second_key():
    text = MINI.replace("        min_hits: 2\n        terms: [民主",
                        "        min_hits: 2\n        name: 又一个\n        terms: [民主", 1)
    problem = problem_of(text)
    assert problem.startswith(f"r.yaml:{line_no(text, 'name: 又一个')}:")
    assert "重复的键 'name'" in problem


def test_the_command_line_shows_the_same_one_line_error(tmp_path):
    path = tmp_path / "标准.yaml"
    path.write_text(LONG.replace("        name: 党内民主\n", '        name: "党内民主\n'), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--rubric", str(path), str(DATA / "mini-rubric.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"djscore: {path}:25:")
    assert "引号没有闭合" in result.stderr and len(result.stderr.splitlines()) == 1
