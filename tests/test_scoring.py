"""Scores on whole essays agree with what a careful reader would say about them."""

from __future__ import annotations

import pytest

from djscore import segment
from djscore.score import score_text

from .conftest import EXAMPLES, pillar_scores, score_file


def test_reference_essay_covers_all_four_pillars(rubric, seed_essay):
    result = score_file(seed_essay, rubric)
    assert result.score >= 85
    assert min(pillar_scores(result).values()) >= 70, pillar_scores(result)


def test_reference_essay_sections_follow_its_four_parts(rubric, seed_essay):
    result = score_file(seed_essay, rubric)
    top = [s for s in result.sections if s.level == 1]
    names = {p.id: p.name for p in result.pillars}
    assert [names[s.pillar] for s in top] == ["融入中心", "形成核心", "锤炼党性", "凝聚人心"]


def test_full_example_covers_every_pillar(rubric):
    result = score_file(EXAMPLES / "full-four-pillars.txt", rubric)
    assert result.score >= 70
    assert min(pillar_scores(result).values()) >= 50, pillar_scores(result)


@pytest.mark.parametrize("name, pillar", [
    ("single-pillar-unite-hearts.txt", "凝聚人心"),
    ("single-pillar-form-core.txt", "形成核心"),
])
def test_single_pillar_essay_stands_out_on_its_pillar(rubric, name, pillar):
    scores = pillar_scores(score_file(EXAMPLES / name, rubric))
    assert scores[pillar] >= 85, scores  # argued through several of its criteria
    others = {k: v for k, v in scores.items() if k != pillar}
    assert max(others.values()) < 85, scores  # none of the others thoroughly
    assert scores[pillar] >= max(others.values()) + 30, scores


@pytest.mark.parametrize("name", ["offtopic-travel.txt", "offtopic-review.txt"])
def test_off_topic_chinese_text_scores_low(rubric, name):
    result = score_file(EXAMPLES / name, rubric)
    assert result.is_chinese
    assert result.score < 15


def test_discussed_pillar_scores_clearly_above_unmentioned_one(rubric):
    scores = pillar_scores(score_file(EXAMPLES / "village-report.md", rubric))
    assert scores["融入中心"] >= scores["形成核心"] + 30, scores
    assert scores["凝聚人心"] >= scores["形成核心"] + 30, scores


def test_weak_short_essay_ranks_below_full_essay(rubric):
    weak = score_file(EXAMPLES / "partial-short.txt", rubric)
    full = score_file(EXAMPLES / "full-four-pillars.txt", rubric)
    assert weak.score < 60 <= full.score


def test_english_text_is_reported_as_not_chinese(rubric):
    text = "Party building at the grassroots level is important. " * 20
    result = score_text(text, rubric, segment.words)
    assert not result.is_chinese
    assert result.verdict == "not-chinese"
    assert result.notes


def test_headings_are_detected_with_levels(mini_rubric):
    text = ("一、凝聚人心的做法\n要开展谈心谈话。\n（一）党员之家\n建好党员之家。\n"
            "1. 坚持党管干部。这是原则。\n二、其他\n天气很好。\n")
    result = score_text(text, mini_rubric, segment.words)
    found = [(s.line, s.level, s.heading, s.pillar) for s in result.sections]
    assert found == [
        (1, 1, "一、凝聚人心的做法", "heart"),
        (3, 2, "（一）党员之家", "heart"),
        (5, 3, "1. 坚持党管干部", "core"),
        (6, 1, "二、其他", None),
    ]


def test_scores_stay_within_0_and_100(rubric):
    text = "党管干部、三会一课、凝聚力工程、" * 200
    result = score_text(text, rubric, segment.words)
    assert 0 <= result.score <= 100
    assert all(0 <= c.score <= 100 for p in result.pillars for c in p.criteria)


def test_a_heading_says_which_pillar_its_section_serves(rubric):
    result = score_file(EXAMPLES / "village-report.md", rubric)
    names = {p.id: p.name for p in result.pillars}
    served = {s.heading: names.get(s.pillar or "") for s in result.sections}
    # The section tells of members' doings that also help villagers; its heading is about the members.
    assert served["三、带好党员队伍，先把自己做好"] == "锤炼党性"
    assert served["二、办好群众身边事，村民心往一处想"] == "凝聚人心"
