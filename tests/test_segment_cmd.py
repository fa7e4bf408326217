"""`djscore segment FILE`: the segmentation a rubric author needs to see."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from djscore.cli import app

from .conftest import DATA, EXAMPLES

runner = CliRunner()
ESSAY = "我们严格落实三会一课制度。\n\n写好入党心得，党建与业务要融合。\n"


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def write(tmp_path, text: str = ESSAY):
    path = tmp_path / "essay.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_gives_tokens_and_terms_per_line(tmp_path):
    result = run("segment", write(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    lines = json.loads(result.stdout)
    assert [entry["line"] for entry in lines] == [1, 3]  # blank lines are skipped, numbers kept
    first, third = lines
    assert "三会一课" in first["tokens"]  # one token, not 三会 / 一课
    assert first["terms"] == ["三会一课"]
    assert "党心" not in third["terms"]  # 入党/心得: straddles a word boundary
    assert "党建+业务" in third["terms"] and {"党建", "业务", "融合"} <= set(third["parts"])


def test_text_marks_terms_when_not_on_a_terminal(tmp_path):
    result = run("segment", write(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    first, third = result.stdout.splitlines()
    assert first.startswith("1 │ 我们 / 严格 / 落实 / 【三会一课】 / 制度")
    assert third.startswith("3 │ ") and "【党心】" not in third and "【党建】" in third


def test_text_highlights_terms_on_a_terminal(tmp_path):
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None}
    result = run("segment", write(tmp_path), env=env)
    assert result.exit_code == 0, result.output
    assert "\x1b[1;7m三会一课\x1b[0m" in result.stdout  # bold reverse
    assert "【" not in result.stdout


def test_separator_and_own_rubric(tmp_path):
    result = run("segment", write(tmp_path), "--sep", " ", "--rubric", str(DATA / "mini-rubric.yaml"))
    assert result.exit_code == 0, result.output
    assert "落实 【三会一课】 制度" in result.stdout  # a term of the mini rubric too


def test_reads_markdown_and_reports_bad_input(tmp_path):
    result = run("segment", str(EXAMPLES / "village-report.md"), "-f", "json")
    assert result.exit_code == 0, result.output
    assert any("三会一课" in entry["terms"] for entry in json.loads(result.stdout))
    missing = run("segment", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "none.txt" in missing.stderr
