"""Property tests for the settings loaders (issue 14.10): any YAML rubric or TOML config, however
odd its structure, loads or gives one-line problems naming the file; never a traceback."""

from __future__ import annotations

import json
import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djscore.config import ConfigError
from djscore.config import load as load_config
from djscore.errors import ProblemsError
from djscore.rubric import RubricError, parse_rubric
from djscore.rules import resolve_settings

RUBRIC_KEYS = ["schema_version", "id", "name", "version", "description", "verdicts", "pillars",
               "length", "dated", "rules", "scoring", "criteria", "terms", "term", "aliases",
               "weight", "min_hits", "cues", "min", "max", "label", "phrase", "note", "window",
               "long-sentence", "max_chars", "enabled", "severity"]
CONFIG_KEYS = ["rubric", "fail-under", "min-pillar", "include", "exclude", "jobs", "format",
               "sort", "encoding", "max-size", "segmenter", "fail-on", "strip-boilerplate",
               "similarity", "similarity-threshold", "against", "rules", "tool", "djscore",
               "long-sentence", "max_chars", "enabled", "severity", "stuffing"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
    st.sampled_from(["党建", "融入中心", "---", "·", "_", "error", "党" * 60, "a+b", "党建+业务"]),
)


def nested(keys: list[str]):
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                st.dictionaries(st.sampled_from(keys) | st.text(max_size=4), inner,
                                                max_size=4)),
        max_leaves=20,
    )


def one_line_problems(exc: ProblemsError, source: str) -> None:
    assert exc.problems
    for problem in exc.problems:
        assert "\n" not in problem and problem.startswith(source), problem


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(RUBRIC_KEYS), nested(RUBRIC_KEYS), max_size=8))
def test_random_rubric_structures_load_or_give_one_line_problems(data):
    base = {"schema_version": 1, "id": "x", "name": "测试",
            "pillars": [{"id": "p", "name": "方面", "criteria": [
                {"id": "c", "name": "标准", "terms": ["党建"]}]}]}
    text = yaml.safe_dump({**base, **data}, allow_unicode=True)
    try:
        rubric = parse_rubric(text, "r.yaml")
        resolve_settings(rubric)
    except ProblemsError as exc:
        one_line_problems(exc, "r.yaml")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_rubric_text_loads_or_gives_one_line_problems(text):
    try:
        parse_rubric(text, "r.yaml")
    except RubricError as exc:
        one_line_problems(exc, "r.yaml")


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if -(2**63) <= value < 2**63 else json.dumps(str(value))
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) \
            else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}"
                               for k, v in value.items() if v is not None) + "}"
    return '""'


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(CONFIG_KEYS) | st.text(max_size=4), nested(CONFIG_KEYS),
                       max_size=6),
       st.sampled_from([".djscore.toml", "pyproject.toml"]), st.booleans())
def test_random_config_structures_load_or_give_one_line_problems(tmp_path, data, name, in_tool):
    body = "\n".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}"
                     for k, v in data.items() if v is not None)
    path = tmp_path / name
    path.write_text(("[tool.djscore]\n" if in_tool else "") + body + "\n", encoding="utf-8")
    try:
        loaded = load_config(path)
        rules = loaded.get("rules")
        if rules:
            from djscore.rubric import load_rubric

            resolve_settings(load_rubric(), rules)
    except ConfigError as exc:
        one_line_problems(exc, str(path))
    except ProblemsError as exc:  # rule settings name "config: rules…"
        for problem in exc.problems:
            assert "\n" not in problem
