"""Config discovery: pyproject.toml / .djscore.toml walked up to the repo root; CLI wins."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from djscore.cli import app

from .conftest import DATA, EXAMPLES

runner = CliRunner()
TRAVEL = str(EXAMPLES / "offtopic-travel.txt")


def make_project(tmp_path, table: str, name: str = "pyproject.toml"):
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(table, encoding="utf-8")
    sub = tmp_path / "drafts" / "2026"
    sub.mkdir(parents=True)
    return sub


def test_pyproject_config_is_found_from_a_subfolder_and_cli_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(make_project(tmp_path, "[tool.djscore]\nfail-under = 60\nformat = 'json'\n"))
    result = runner.invoke(app, ["check", TRAVEL])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"][0]["path"] == TRAVEL
    overridden = runner.invoke(app, ["check", TRAVEL, "--fail-under", "0", "-f", "text"])
    assert overridden.exit_code == 0
    assert "总分" in overridden.stdout


def test_dot_djscore_toml_and_rubric_relative_to_it(tmp_path, monkeypatch):
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "mine.yaml").write_text((DATA / "mini-rubric.yaml").read_text("utf-8"), "utf-8")
    monkeypatch.chdir(make_project(tmp_path, "rubric = 'rubrics/mine.yaml'\n", ".djscore.toml"))
    result = runner.invoke(app, ["check", TRAVEL, "-f", "json"])
    assert json.loads(result.stdout)["rubric"]["id"] == "mini"


def test_no_config_and_explicit_config(tmp_path, monkeypatch):
    monkeypatch.chdir(make_project(tmp_path, "[tool.djscore]\nfail-under = 60\n"))
    assert runner.invoke(app, ["check", TRAVEL, "--no-config"]).exit_code == 0
    other = tmp_path / "other.toml"
    other.write_text("fail-under = 0\n")
    assert runner.invoke(app, ["check", TRAVEL, "--config", str(other)]).exit_code == 0


def test_discovery_stops_at_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.djscore]\nfail-under = 60\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["check", TRAVEL]).exit_code == 0


def test_bad_config_is_a_one_line_error_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(make_project(tmp_path, "[tool.djscore]\nfail-undr = 60\njobs = 'many'\n"))
    result = runner.invoke(app, ["check", TRAVEL])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all("pyproject.toml" in line for line in lines)


def test_config_command_shows_values_and_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(make_project(tmp_path, "[tool.djscore]\nfail-under = 60\n"))
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if "fail-under" in line)
    assert "60" in line and "pyproject.toml" in line
    assert "默认" in result.stdout
