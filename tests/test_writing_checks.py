"""Issue-level outcomes of the writing checks: the reference essay's slips and site chrome,
the word-list essay, and how findings reach exit codes and exports."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from djscore.cli import app
from djscore.pipeline import CheckOptions, analyse

from .conftest import EXAMPLES

runner = CliRunner()


def test_reference_essay_slips_are_found_with_position_and_suggestion(rubric, seed_essay):
    text = seed_essay.read_text(encoding="utf-8")
    result = analyse(text, CheckOptions(rubric), str(seed_essay))
    slips = [(f.line, f.column, f.suggestion) for f in result.findings if f.rule == "mistyped"]
    lines = text.split("\n")
    for wrong, right in (("基党层组织", "基层党组织"), ("廉诘从政", "廉洁从政"), ("远处不在", "无处不在")):
        line = next(n for n, content in enumerate(lines, start=1) if wrong in content)
        assert (line, lines[line - 1].index(wrong) + 1, right) in slips
    assert len(slips) == 3


def test_reference_essay_site_chrome_is_flagged_and_stripping_keeps_coverage(rubric, seed_essay):
    text = seed_essay.read_text(encoding="utf-8")
    stripped = analyse(text, CheckOptions(rubric))
    kept = analyse(text, CheckOptions(rubric, strip_boilerplate=False))
    chrome = [f.line for f in stripped.findings if f.rule == "boilerplate"]
    lines = text.split("\n")
    for marker in ("当前位置", "浏览量", "推荐访问", "猜你喜欢"):
        assert any(marker in lines[n - 1] for n in chrome), marker
    assert stripped.boilerplate_stripped and set(stripped.stripped_lines) == set(chrome)
    assert not kept.boilerplate_stripped
    assert stripped.score >= kept.score
    for before, after in zip(kept.pillars, stripped.pillars, strict=True):
        assert after.score >= before.score


def test_word_list_essay_scores_below_50(rubric):
    terms = [t.term for p in rubric.pillars for c in p.criteria for t in c.terms if "+" not in t.term]
    for text in ("、".join(terms), "\n".join(terms), "\n\n".join(f"我们要{t}。" for t in terms)):
        result = analyse(text, CheckOptions(rubric))
        assert result.score < 50, result.score
        assert "stuffing" in {f.rule for f in result.findings}


def test_argued_essay_is_not_capped(rubric):
    text = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
    assert analyse(text, CheckOptions(rubric)).stuffed_lines == ()


def test_fail_on_decides_exit_code_in_every_format(seed_essay):
    path = str(seed_essay)
    for fmt in ("text", "json", "csv"):
        assert runner.invoke(app, ["check", path, "-f", fmt]).exit_code == 1
        assert runner.invoke(app, ["check", path, "-f", fmt, "--fail-on", "never"]).exit_code == 0
    full = str(EXAMPLES / "full-four-pillars.txt")
    assert runner.invoke(app, ["check", full, "--fail-on", "warning"]).exit_code == 0
    short = str(EXAMPLES / "partial-short.txt")  # too short: a warning, not an error
    assert runner.invoke(app, ["check", short]).exit_code == 0
    assert runner.invoke(app, ["check", short, "--fail-on", "warning"]).exit_code == 1


def test_findings_in_json_csv_and_quiet_output(seed_essay):
    doc = json.loads(runner.invoke(app, ["check", str(seed_essay), "-f", "json"]).stdout)
    (result,) = doc["results"]
    finding = next(f for f in result["findings"] if f["rule"] == "mistyped")
    assert set(finding) == {"rule", "severity", "line", "column", "message", "suggestion"}
    assert result["suppressed"] == 0 and result["boilerplate_stripped"] is True
    csv_text = runner.invoke(app, ["check", str(seed_essay), "-f", "csv"]).stdout
    header, row = csv_text.lstrip("\ufeff").splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=False))
    assert columns["错误"] == "3"
    quiet = runner.invoke(app, ["check", str(seed_essay), "-q"]).stdout.splitlines()
    assert len(quiet) == 3 and all("[mistyped]" in line for line in quiet)


def test_rule_settings_from_config_file(tmp_path, monkeypatch, seed_essay):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.djscore.rules.mistyped]\nseverity = "warning"\n')
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["check", str(seed_essay)]).exit_code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.djscore.rules.mistyped]\nseverity = "fatal"\n')
    result = runner.invoke(app, ["check", str(seed_essay)])
    assert result.exit_code == 2 and "severity" in result.stderr


SLOGANS = ("在上级党委的正确领导下，我们高度重视党建工作，认真贯彻落实各项决策部署，坚持抓党建促发展，"
           "推动党建与业务深度融合，破解两张皮，真正融入中心，取得了一定成效。\n")


def _guiding_idea(result):
    return next(c for p in result.pillars for c in p.criteria if c.id == "guiding-idea")


def test_terms_wrapped_in_stock_phrases_earn_limited_credit(rubric):
    hollow = analyse(SLOGANS, CheckOptions(rubric))
    with_figures = SLOGANS.replace("取得了一定成效", "今年支部认领的12个业务难题解决了9个")
    backed = analyse(with_figures, CheckOptions(rubric))
    assert "stock-phrases" in {f.rule for f in hollow.findings}
    assert all(hit.hollow for hit in _guiding_idea(hollow).hits)
    assert _guiding_idea(hollow).score < 50 <= _guiding_idea(backed).score == 100


def test_disabling_stock_phrases_lifts_the_limit(rubric):
    from djscore.rules import resolve_settings

    settings = resolve_settings(rubric, {"stock-phrases": {"enabled": False}})
    result = analyse(SLOGANS, CheckOptions(rubric, rule_settings=settings))
    assert _guiding_idea(result).score == 100
    assert not any(hit.hollow for hit in _guiding_idea(result).hits)
