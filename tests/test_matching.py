"""The matcher finds terms on raw text but never across a word boundary."""

from __future__ import annotations

import pytest

from djscore import segment
from djscore.normalize import normalize
from djscore.score import score_text


def found_terms(text, rubric):
    result = score_text(normalize(text), rubric, segment.words)
    return {hit.term for p in result.pillars for c in p.criteria for hit in c.hits}


@pytest.mark.parametrize("text, term", [
    ("这是我的入党心得体会。", "党心"),
    ("坚持人民主体地位。", "民主"),
    ("马克思主义政党建设的规律。", "党建"),
    ("人民主人翁意识。", "民主"),
])
def test_term_straddling_a_word_boundary_is_rejected(mini_rubric, text, term):
    assert term not in found_terms(text, mini_rubric)


@pytest.mark.parametrize("text, term", [
    ("要凝聚党心民心。", "党心"),
    ("发扬党内民主，坚持民主集中制。", "民主"),
    ("不断加强党性修养。", "党性"),
    ("抓好基层党建工作。", "党建"),
    ("坚持党管干部原则。", "党管干部"),
    ("严格落实三会一课制度。", "三会一课"),
])
def test_term_as_a_word_or_inside_a_same_meaning_compound_counts(mini_rubric, text, term):
    assert term in found_terms(text, mini_rubric)


def test_alias_counts_for_its_term_once(mini_rubric):
    result = score_text("建好党员之家，用好党员活动室。", mini_rubric, segment.words)
    criterion = result.pillars[0].criteria[0]
    assert criterion.terms_found == ("党员之家",)
    assert [h.form for h in criterion.hits] == ["党员之家", "党员活动室"]
    # one distinct term of weight 1 against min_hits 2
    assert criterion.score == 50.0
    assert criterion.status == "partial"


def test_term_weights_and_min_hits_give_partial_credit(mini_rubric):
    result = score_text("支部经常开展谈心谈话。", mini_rubric, segment.words)
    heart = result.pillars[0]
    assert heart.criteria[0].score == 100.0  # weight 2 reaches min_hits 2
    assert heart.criteria[0].status == "covered"
    assert 15 <= heart.score < 60  # the pillar itself is only touched on: one sentence
    core = result.pillars[1]
    assert core.score == 0.0
    assert result.score == round((heart.score + core.score) / 2, 1)


def test_terms_count_for_a_pillar_only_in_text_about_party_work(mini_rubric):
    result = score_text("工会经常开展谈心谈话。", mini_rubric, segment.words)
    heart = result.pillars[0]
    assert heart.criteria[0].status == "covered"  # the checklist still shows the words
    assert heart.score == 0.0 and heart.evidence.out_of_context == 1


def test_evidence_has_line_column_and_sentence(mini_rubric):
    text = "第一行没有。\n第二行：我们坚持党管干部。然后别的话。"
    result = score_text(text, mini_rubric, segment.words)
    hit = result.pillars[1].criteria[1].hits[0]
    assert (hit.line, hit.column) == (2, 9)
    assert hit.sentence == "第二行：我们坚持党管干部。"


def test_full_width_and_zero_width_forms_match_like_plain_text(mini_rubric):
    assert "党管干部" in found_terms("坚持党\u200b管干部。", mini_rubric)
    assert "三会一课" in found_terms("落实「三会一课」制度。", mini_rubric)


def test_longer_term_wins_over_a_term_inside_it(rubric):
    result = score_text("推进党建与业务深度融合。", rubric, segment.words)
    forms = [h.form for p in result.pillars for c in p.criteria for h in c.hits]
    assert forms and all(len(f) > 2 for f in forms), forms


def test_combined_term_needs_all_words_in_one_sentence(mini_rubric):
    assert "党员+上门" in found_terms("逢年过节，联系户的党员都要上门看一看。", mini_rubric)
    assert "党员+上门" in found_terms("上门看望的都是老党员。", mini_rubric)
    assert "党员+上门" not in found_terms("村里党员不多。快递可以上门。", mini_rubric)
    assert "党员+上门" not in found_terms("党员们上门槛外站着。", mini_rubric)


def test_combined_term_counts_once_per_sentence(mini_rubric):
    result = score_text("党员上门，党员又上门。党员再上门。", mini_rubric, segment.words)
    hits = [h for h in result.pillars[0].criteria[0].hits if h.term == "党员+上门"]
    assert [(h.line, h.column) for h in hits] == [(1, 1), (1, 12)]


def test_combined_word_inside_a_longer_combined_word_still_counts(mini_rubric):
    assert "党员+上门" in found_terms("老党员经常上门。", mini_rubric)
    # 党员之家 is a word of another combination; its prefix 党员 must still count
    assert "党员+上门" in found_terms("党员之家的人上门了。", mini_rubric)


def test_words_glued_together_never_break_the_matcher(rubric):
    # Regression: a straddling form fell back to a word of an "a+b" form (组织 in 组织生活动室).
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = sorted(set(rubric.all_words()))
    fragments = st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w[:-1], w[1:], w + "室", "入" + w]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(fragments, min_size=1, max_size=8))
    def check(parts):
        result = score_text("".join(parts), rubric, segment.words)
        assert 0 <= result.score <= 100

    check()
    score_text("组织生活动室", rubric, segment.words)
