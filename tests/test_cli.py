"""The command line: exit codes, JSON document, quiet stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from djscore.cli import app

from .conftest import DATA, EXAMPLES

runner = CliRunner()
FULL = str(EXAMPLES / "full-four-pillars.txt")
TRAVEL = str(EXAMPLES / "offtopic-travel.txt")


def run(*args: str):
    return runner.invoke(app, list(args))


def test_check_prints_a_report_in_chinese_and_exits_0():
    result = run("check", FULL)
    assert result.exit_code == 0, result.output
    for label in ("总分", "融入中心", "形成核心", "锤炼党性", "凝聚人心", "已覆盖"):
        assert label in result.stdout


def test_verbose_lists_evidence_sentences():
    result = run("check", "-v", FULL)
    assert "证据" in result.stdout


def test_verbose_shows_a_sentence_once_per_criterion(tmp_path):
    sentence = "关键时刻党员带头冲在前面，充分发挥先锋模范作用。"  # two 党员队伍 terms
    essay = tmp_path / "e.txt"
    essay.write_text(sentence + "\n", encoding="utf-8")
    result = run("check", "-v", str(essay))
    unmarked = result.stdout.replace("【", "").replace("】", "")  # piped: matched words in 【】
    assert unmarked.count(sentence) == 1, result.stdout


def test_fail_under_sets_exit_code_1_in_every_format():
    assert run("check", TRAVEL, "--fail-under", "60").exit_code == 1
    assert run("check", TRAVEL, "--fail-under", "60", "--format", "json").exit_code == 1
    assert run("check", FULL, "--fail-under", "60").exit_code == 0


def test_min_pillar_sets_exit_code_1():
    single = str(EXAMPLES / "single-pillar-unite-hearts.txt")
    assert run("check", single, "--min-pillar", "50").exit_code == 1
    assert run("check", single, "--min-pillar", "0").exit_code == 0


def test_json_document_shape():
    result = run("check", FULL, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 3
    assert doc["tool"]["name"] == "djscore"
    assert doc["rubric"]["id"] == "dangjian-neihan"
    (essay,) = doc["results"]
    assert essay["path"] == FULL and essay["error"] is None
    assert 0 <= essay["score"] <= 100 and essay["chars"] > 1000
    assert [p["name"] for p in essay["pillars"]] == ["融入中心", "形成核心", "锤炼党性", "凝聚人心"]
    criterion = essay["pillars"][0]["criteria"][0]
    assert {"id", "name", "score", "status", "hits", "missing_terms"} <= criterion.keys()
    hit = next(c["hits"][0] for p in essay["pillars"] for c in p["criteria"] if c["hits"])
    assert {"term", "line", "column", "sentence"} <= hit.keys()
    assert essay["sections"]


def test_missing_file_is_one_line_error_naming_it_exit_2(tmp_path):
    missing = str(tmp_path / "草稿 一.txt")
    result = run("check", missing)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert missing in line and "不存在" in line


def test_bad_file_does_not_stop_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    result = run("check", str(empty), FULL, "--format", "json")
    assert result.exit_code == 2
    results = json.loads(result.stdout)["results"]
    assert results[0]["error"] and results[1]["score"] > 0


def test_broken_rubric_exits_2_and_names_the_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\npillars: [\n  - a\n", encoding="utf-8")
    result = run("check", FULL, "--rubric", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr and "YAML" in result.stderr
    assert "Traceback" not in result.output


def test_custom_rubric_is_used():
    result = run("check", FULL, "--rubric", str(DATA / "mini-rubric.yaml"), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["rubric"]["id"] == "mini"


def test_usage_error_exits_2():
    assert run("check").exit_code == 2
    assert run("check", FULL, "--format", "pdf").exit_code == 2


@pytest.mark.parametrize("segmenter", ["jieba", "auto"])
@pytest.mark.parametrize("env_extra", [{}, {"PYTHONWARNINGS": "error"}])
def test_real_run_is_silent_on_stderr(tmp_path, env_extra, segmenter):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), **env_extra}
    for _ in range(2):  # the first run builds the caches, the second reads them
        proc = subprocess.run(
            [sys.executable, "-W", "error", "-m", "djscore", "check", FULL, "--format", "json",
             "--segmenter", segmenter],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert proc.returncode == 0
        assert proc.stderr == ""
        assert json.loads(proc.stdout)["results"][0]["score"] > 0
    cache = tmp_path / "cache" / "djscore"
    assert list(cache.glob("rubric-*.marshal"))
    assert (cache / "jieba.cache").is_file() == (segmenter == "jieba")


def test_stdin_is_read_with_dash():
    text = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", "-", "--format", "json"], input=text)
    assert json.loads(result.stdout)["results"][0]["score"] > 50


def test_every_json_key_is_documented():
    from .conftest import ROOT

    doc = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")
    (essay,) = json.loads(run("check", FULL, "--format", "json").stdout)["results"]
    keys = set(essay)
    keys |= set(essay["pillars"][0]) | set(essay["pillars"][0]["criteria"][0])
    keys |= {k for p in essay["pillars"] for c in p["criteria"] for h in c["hits"] for k in h}
    keys |= {k for f in essay["findings"] for k in f}
    for key in sorted(keys):
        assert f"`{key}`" in doc, key
