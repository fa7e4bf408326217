"""Writing checks beyond coverage. One small module per rule, yamllint-style:

    ID, TITLE, SEVERITY        the rule's name, a Chinese title, its default severity
    OPTIONS                    option -> default (the default's type is the option's type)
    MUST_TRIGGER, MUST_NOT     example texts a test runs the rule on
    check(essay, options)      yields Finding objects

Settings come from the rule's defaults, then the rubric's `rules:` section, then the config
file's `[tool.djscore.rules.ID]`: `enabled`, `severity` and the rule's own options.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

from ..errors import ProblemsError
from ..rubric import Rubric
from ..score import EssayResult, Finding
from ..structure import paragraph_spans

SEVERITIES = ("error", "warning", "info")
DIRECTIVE = re.compile(r"^\s*[\[【]\s*djscore:\s*(ignore-file|ignore)\b([^\]】]*)[\]】]\s*$")


class RuleSettingsError(ProblemsError):
    """Rule settings (in a rubric or config file) that cannot be used."""


@dataclass(frozen=True)
class Essay:
    """What a rule sees: the normalised text, split into lines, and the coverage result."""

    lines: list[str]  # after boilerplate stripping (stripped lines are blank)
    raw_lines: list[str]  # before it
    rubric: Rubric
    result: EssayResult
    markdown: bool = False
    words: Any = None  # callable: text -> list of jieba words (None in unit examples)
    stripped: frozenset[int] = field(default_factory=frozenset)


def data_text(name: str) -> str:
    """A data file of the rules (rules/data/NAME)."""
    from importlib import resources

    return (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """The entries of a data file: one a line, `#` starts a comment, blank lines skipped."""
    return [line.split("#", 1)[0].strip() for line in data_text(name).splitlines()
            if line.split("#", 1)[0].strip()]


def all_rules() -> list[ModuleType]:
    from . import (
        boilerplate,
        dated,
        formula,
        length,
        long_paragraph,
        long_sentence,
        mistyped,
        no_structure,
        repetition,
        stock_phrases,
        stuffing,
    )

    return [mistyped, formula, boilerplate, length, long_sentence, long_paragraph, no_structure, stuffing,
            repetition, stock_phrases, dated]


def resolve_settings(rubric: Rubric, config: dict[str, dict[str, Any]] | None = None,
                     ) -> dict[str, dict[str, Any]]:
    """rule id -> effective settings (enabled, severity, options); raises RuleSettingsError."""
    rules = {rule.ID: rule for rule in all_rules()}
    problems = []
    settings = {}
    layers = [(f"{rubric.source}: rules", rubric.rules), ("config: rules", config or {})]
    for where, layer in layers:
        for rule_id in layer:
            if rule_id not in rules:
                problems.append(f"{where}.{rule_id}: 未知的规则（known: {', '.join(rules)}）")
    for rule_id, rule in rules.items():
        effective = {"enabled": True, "severity": rule.SEVERITY, **rule.OPTIONS}
        for where, layer in layers:
            for key, value in (layer.get(rule_id) or {}).items():
                default = effective.get(key)
                if key not in effective:
                    problems.append(f"{where}.{rule_id}.{key}: 未知的选项（known: {', '.join(effective)}）")
                elif key == "severity" and value not in SEVERITIES:
                    problems.append(f"{where}.{rule_id}.severity: 应为 error、warning 或 info")
                elif not _same_type(default, value):
                    expected = type(default).__name__
                    problems.append(f"{where}.{rule_id}.{key}: 应为 {expected}，实际为 {_shown(value)}")
                elif not _in_range(default, value):
                    low = 1 if isinstance(default, int) and default > 0 else 0
                    problems.append(f"{where}.{rule_id}.{key}: 应在 {low}–{MAX_OPTION:g} 之间，"
                                    f"实际为 {_shown(value)}")
                else:
                    effective[key] = value
        settings[rule_id] = effective
    if problems:
        raise RuleSettingsError(problems)
    return settings


MAX_OPTION = 1e7


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _in_range(default: Any, value: Any) -> bool:
    """Numbers: finite, not negative, at most MAX_OPTION; counts and lengths that default to
    more than 0 at least 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    try:
        number = float(value)
    except OverflowError:
        return False
    low = 1 if isinstance(default, int) and not isinstance(default, bool) and default > 0 else 0
    return math.isfinite(number) and low <= number <= MAX_OPTION


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _suppressions(essay: Essay) -> tuple[set[str] | None, dict[int, set[str] | None]]:
    """Rules ignored in the whole file, and line -> rules ignored there (None: all rules)."""
    whole: set[str] | None = set()
    by_line: dict[int, set[str] | None] = {}
    # Directive lines count as blank, so the paragraph "after" one may start on the next line.
    text = "\n".join("" if DIRECTIVE.match(line) else line for line in essay.raw_lines)
    spans = paragraph_spans(text, essay.markdown)
    for number, line in enumerate(essay.raw_lines, start=1):
        match = DIRECTIVE.match(line)
        if not match:
            continue
        named = set(re.split(r"[\s,，]+", match.group(2).strip())) - {""} or None
        if match.group(1) == "ignore-file":
            whole = None if named is None or whole is None else whole | named
            continue
        target = next(((first, last) for first, last in spans if first > number), None)
        if target:
            for n in range(target[0], target[1] + 1):
                current = by_line.get(n, set())
                by_line[n] = None if named is None or current is None else current | named
    return whole, by_line


def _level(default: str, found: str, configured: str) -> str:
    """The configured severity; a finding the rule itself made softer than its default
    (a sound-alike that is also an ordinary word) stays at least that much softer."""
    if found == default:
        return configured
    return max(found, configured, key=SEVERITIES.index)


def run_rules(essay: Essay, settings: dict[str, dict[str, Any]]) -> tuple[list[Finding], int]:
    """Findings of every enabled rule, sorted by position, and the number suppressed."""
    whole, by_line = _suppressions(essay)
    findings, suppressed = [], 0
    for rule in all_rules():
        options = settings[rule.ID]
        if not options["enabled"]:
            continue
        for finding in rule.check(essay, options):
            ignored = by_line.get(finding.line, set())
            if whole is None or rule.ID in whole or ignored is None or rule.ID in ignored:
                suppressed += 1
            else:
                findings.append(replace(finding, severity=_level(rule.SEVERITY, finding.severity,
                                                                 options["severity"])))
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return findings, suppressed
