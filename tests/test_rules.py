"""Every writing rule: its own must-trigger and must-not-trigger examples, and its settings."""

from __future__ import annotations

import pytest

from djscore.pipeline import CheckOptions, analyse
from djscore.rules import RuleSettingsError, all_rules, resolve_settings

from .conftest import EXAMPLES

RULES = {rule.ID: rule for rule in all_rules()}


def only(rubric, rule_id: str, **overrides) -> CheckOptions:
    settings = resolve_settings(rubric)
    for other in settings:
        settings[other]["enabled"] = other == rule_id
    settings[rule_id].update(overrides)
    return CheckOptions(rubric, rule_settings=settings)


def rule_ids(result) -> list[str]:
    return [f.rule for f in result.findings]


def test_every_rule_is_documented_and_has_examples():
    for rule in RULES.values():
        assert rule.TITLE and rule.SEVERITY in ("error", "warning", "info"), rule.ID
        assert rule.MUST_TRIGGER and rule.MUST_NOT, f"{rule.ID} needs examples both ways"
        assert rule.check.__doc__ is None or rule.check.__doc__  # check() exists
        assert rule.__doc__, rule.ID


@pytest.mark.parametrize("rule_id, text", [
    (rule.ID, text) for rule in all_rules() for text in rule.MUST_TRIGGER])
def test_rule_triggers_on_its_examples(rubric, rule_id, text):
    assert rule_id in rule_ids(analyse(text, only(rubric, rule_id))), text


@pytest.mark.parametrize("rule_id, text", [
    (rule.ID, text) for rule in all_rules() for text in rule.MUST_NOT])
def test_rule_stays_quiet_on_its_counter_examples(rubric, rule_id, text):
    assert rule_id not in rule_ids(analyse(text, only(rubric, rule_id))), text


@pytest.mark.parametrize("name", ["full-four-pillars.txt", "single-pillar-unite-hearts.txt",
                                  "single-pillar-form-core.txt", "partial-short.txt",
                                  "village-report.md", "offtopic-travel.txt", "offtopic-review.txt"])
def test_clean_examples_have_no_errors_and_no_false_slips(rubric, name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    result = analyse(text, CheckOptions(rubric), name, name.endswith(".md"))
    assert [f for f in result.findings if f.severity == "error"] == []
    assert not {"mistyped", "boilerplate", "repetition", "stuffing", "stock-phrases"} & set(rule_ids(result))


def test_severity_and_enabled_are_configurable(rubric):
    text = "召开领导干部廉诘从政专题民主生活会。"
    quiet = analyse(text, only(rubric, "mistyped", enabled=False))
    assert quiet.findings == ()
    softened = analyse(text, only(rubric, "mistyped", severity="warning"))
    assert [f.severity for f in softened.findings] == ["warning"]


def test_bad_rule_settings_are_reported():
    from djscore.rubric import load_rubric

    rubric = load_rubric()
    with pytest.raises(RuleSettingsError) as info:
        resolve_settings(rubric, {"no-such-rule": {}, "long-sentence": {"max_chars": "long",
                                                                       "colour": 1}})
    text = "\n".join(info.value.problems)
    assert "no-such-rule" in text and "max_chars" in text and "colour" in text


def test_suppression_for_next_paragraph_and_whole_file(rubric):
    slip = "召开领导干部廉诘从政专题民主生活会。"
    text = f"[djscore: ignore mistyped]\n{slip}\n{slip}\n"
    result = analyse(text, CheckOptions(rubric))
    assert [(f.rule, f.line) for f in result.findings if f.rule == "mistyped"] == [("mistyped", 3)]
    assert result.suppressed == 1
    whole = analyse(f"【djscore: ignore-file】\n{slip}\n{slip}\n", CheckOptions(rubric))
    assert [f for f in whole.findings if f.rule == "mistyped"] == [] and whole.suppressed >= 2
    other = analyse(f"[djscore: ignore repetition]\n{slip}\n", CheckOptions(rubric))
    assert "mistyped" in rule_ids(other)


def test_markdown_suppression_covers_the_next_block(rubric):
    slip = "召开领导干部廉诘从政专题民主生活会，"
    text = f"[djscore: ignore mistyped]\n{slip}\n{slip}\n\n{slip}\n"
    result = analyse(text, CheckOptions(rubric), "a.md", markdown=True)
    assert [f.line for f in result.findings if f.rule == "mistyped"] == [5]
    assert result.suppressed == 2


def test_every_rule_is_listed_in_the_docs():
    from .conftest import ROOT

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"`{rule.ID}`" in doc, rule.ID
        for option in rule.OPTIONS:
            assert f"`{option}`" in doc, f"{rule.ID}.{option}"


def test_markdown_html_comment_directive_suppresses(rubric, tmp_path):
    from djscore.pipeline import check_path

    slip = "召开领导干部廉诘从政专题民主生活会。"
    path = tmp_path / "a.md"
    path.write_text(f"# 标题\n\n<!-- djscore: ignore mistyped -->\n{slip}\n\n{slip}\n", encoding="utf-8")
    result = check_path(str(path), CheckOptions(rubric))
    assert [f.line for f in result.findings if f.rule == "mistyped"] == [6]
    assert result.suppressed == 1
