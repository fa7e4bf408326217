"""Rubric loading: the packaged rubric is sound; bad rubrics get precise one-line errors."""

from __future__ import annotations

import pytest

from djscore.rubric import RubricError, load_rubric, parse_rubric

VALID = """\
schema_version: 1
id: t
name: 测试
pillars:
  - id: p1
    name: 方面一
    criteria:
      - id: c1
        name: 标准一
        terms: [党建引领, 三会一课]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(RubricError) as info:
        parse_rubric(text, "r.yaml")
    return info.value.problems


def test_packaged_rubric_has_four_pillars_with_enough_terms(rubric):
    assert [p.name for p in rubric.pillars] == ["融入中心", "形成核心", "锤炼党性", "凝聚人心"]
    for pillar in rubric.pillars:
        for criterion in pillar.criteria:
            assert len(criterion.terms) >= 8, criterion.id
            assert criterion.description


def test_minimal_rubric_gets_defaults():
    rubric = parse_rubric(VALID, "r.yaml")
    criterion = rubric.pillars[0].criteria[0]
    assert criterion.weight == 1 and criterion.min_hits == 3
    assert [t.term for t in criterion.terms] == ["党建引领", "三会一课"]
    assert rubric.verdict_for(90).label == "优秀"
    assert rubric.verdict_for(10).label == "需加强"


def test_yaml_syntax_error_names_file_line_and_column():
    (problem,) = problems_of(VALID.replace("name: 标准一", "name: [标准一"))
    assert problem.startswith("r.yaml:9:15:")  # where the [ opens, not the next line
    assert "YAML" in problem


def test_schema_error_names_the_path_and_expectation():
    (problem,) = problems_of(VALID.replace("terms: [党建引领, 三会一课]", "terms: 党建引领"))
    assert "pillars[0].criteria[0].terms: " in problem
    assert "expected a list of strings" in problem
    assert problem.startswith("r.yaml:10:")


def test_every_problem_is_reported_once_per_line():
    text = VALID.replace("id: c1", "id: p1").replace("criteria:", "weight: -1\n    criteria:")
    found = problems_of(text)
    assert any("duplicate id" in p and "'p1'" in p for p in found)
    assert any("pillars[0].weight" in p and "positive" in p for p in found)
    assert all("\n" not in p for p in found)


@pytest.mark.parametrize("terms, expected", [
    ("[党建引领, '']", "non-empty"),
    ("[党建引领, 党建引领]", "duplicate term"),
    ("['党建、引领']", "no punctuation"),
    ("[]", "expected a list of strings"),
    ("[{term: 党建, weight: 0}]", "positive"),
    ("[{term: 党建, aliases: 党的建设}]", "expected a list of strings"),
])
def test_bad_terms_are_rejected(terms, expected):
    found = problems_of(VALID.replace("[党建引领, 三会一课]", terms))
    assert any(expected in p for p in found), found


def test_unknown_key_and_duplicate_key_are_rejected():
    assert any("unknown key" in p for p in problems_of(VALID + "colour: red\n"))
    assert any("重复的键" in p for p in problems_of(VALID + "id: again\n"))


def test_alias_bomb_is_refused_before_expanding():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        lines.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    (problem,) = problems_of("\n".join(lines) + "\n")
    assert "别名" in problem


def test_missing_and_oversized_rubric_files(tmp_path):
    with pytest.raises(RubricError, match="找不到"):
        load_rubric(tmp_path / "none.yaml")
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 1_100_000)
    with pytest.raises(RubricError, match="过大"):
        load_rubric(big)
