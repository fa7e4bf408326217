"""What a Chinese user reads from the command line itself: `djscore config` in words, standard
input named 标准输入 (issue 12, smaller points)."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from djscore.cli import app

from .conftest import EXAMPLES

runner = CliRunner()
ESSAY = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")


def config_rows(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) >= 4 and cells[1]:
            rows[cells[1]] = cells[2]
    return rows


def test_config_shows_defaults_in_words(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "--no-config"], env={"COLUMNS": "140"})
    assert result.exit_code == 0
    rows = config_rows(result.stdout)
    assert rows["jobs"] == "自动（每个 CPU 一个）"
    assert rows["strip-boilerplate"] == "是"
    assert rows["rules"] == "无"
    assert rows["exclude"] == "无"
    assert rows["fail-under"] == "无"
    for python_words in ("True", "False", "None", "{}", "[]"):
        assert python_words not in result.stdout


def test_config_shows_file_settings_in_words(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".djscore.toml").write_text(
        "jobs = 2\nstrip-boilerplate = false\n[rules.long-sentence]\nmax = 80\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config"], env={"COLUMNS": "140"})
    rows = config_rows(result.stdout)
    assert rows["jobs"] == "2"
    assert rows["strip-boilerplate"] == "否"
    assert rows["rules"] == "long-sentence（max = 80）"


def run_stdin(*args: str, essay: str = ESSAY) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "djscore", "check", *args, "-"], input=essay,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_standard_input_is_called_by_name_in_the_report():
    text = run_stdin()
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("标准输入 ")
    quiet = run_stdin("-q", "--fail-under", "60", essay="今天天气很好，我们去公园散步。" * 20)
    assert quiet.returncode == 1
    assert quiet.stdout.startswith("标准输入: 总分")
    # Machine-readable formats keep the command line's "-".
    assert json.loads(run_stdin("-f", "json").stdout)["results"][0]["path"] == "-"
