"""The depth model: a pillar's score from how its evidence is spread (djscore.depth)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from djscore.depth import Evidence, curve, pillar_evidence
from djscore.rubric import Scoring

SCORING = Scoring()


def item(offset: int, term: str, *, criterion: int = 0, weight: float = 1.0, listed: bool = False,
         in_context: bool = True) -> Evidence:
    return Evidence(offset=offset, line=offset // 100 + 1, sentence=offset // 40,
                    paragraph=offset // 100 + 1, criterion=criterion, term=term, weight=weight,
                    listed=listed, in_context=in_context)


def cue(offset: int, term: str) -> Evidence:
    return replace(item(offset, term, weight=SCORING.cue_weight), cue=True)


def score(items: list[Evidence]) -> float:
    return curve(pillar_evidence(items, SCORING), SCORING)


def test_no_evidence_scores_zero():
    assert score([]) == 0
    assert pillar_evidence([], SCORING).window_lines is None


def test_one_mention_is_touched_on_and_an_argued_paragraph_is_substantive():
    assert 15 <= score([item(0, "a")]) < 60
    argued = [item(40 * i, t) for i, t in enumerate("abcd")]  # four sentences, one paragraph
    assert score(argued) >= 60


def test_scattered_mentions_in_a_long_essay_score_below_the_same_words_argued_together():
    terms = "abcdef"
    together = [item(40 * i, t) for i, t in enumerate(terms)]
    scattered = [item(1400 * i, t) for i, t in enumerate(terms)]  # one per 1,400 characters
    assert score(scattered) < score(together)
    assert pillar_evidence(scattered, SCORING).window_sentences == 1


def test_text_not_about_party_work_earns_nothing():
    evidence = pillar_evidence([item(0, "a", in_context=False), item(40, "b", in_context=False)],
                               SCORING)
    assert evidence.points == 0 and evidence.out_of_context == 2


def test_listed_terms_earn_at_most_the_listed_points():
    listed = [item(10 * i, t, listed=True) for i, t in enumerate("abcdefgh")]
    evidence = pillar_evidence(listed, SCORING)
    assert evidence.listed_weight == SCORING.listed_points
    assert score(listed) < 60


def test_a_slogan_names_the_pillar_in_passing_a_list_does_not():
    listed = [item(10 * i, t, listed=True) for i, t in enumerate("abc")]
    slogans = [replace(e, hollow=True) for e in listed]
    assert score(listed) < 15 <= score(slogans) < 20


def test_criteria_reached_add_points():
    one = [item(40 * i, t, weight=0.5) for i, t in enumerate("aabb")]
    two = one[:2] + [item(40 * i, "b", weight=0.5, criterion=1) for i in (2, 3)]
    assert score(two) > score(one)


def test_a_sentence_or_two_stay_a_passing_mention_however_dense():
    # Five terms of three criteria packed into two sentences: named, not argued.
    dense = [item(0, t, criterion=i % 3) for i, t in enumerate("abc")] + [item(40, "d"), item(41, "e")]
    assert score(dense) < 60
    argued = [*dense, item(80, "f"), item(120, "g")]
    assert score(argued) >= 60


def test_cue_sentences_count_half():
    terms_only = [item(0, "a", weight=0.5), item(40, "b", weight=0.5)]
    with_cues = [*terms_only, cue(80, "x"), cue(120, "y")]
    with_terms = [*terms_only, item(80, "c", weight=0.5), item(120, "d", weight=0.5)]
    assert score(terms_only) < score(with_cues) < score(with_terms)


items_strategy = st.lists(
    st.builds(item, st.integers(0, 9000), st.sampled_from("abcdefghij"),
              criterion=st.integers(0, 2), weight=st.sampled_from([0.5, 1.0, 1.5]),
              listed=st.booleans(), in_context=st.booleans()),
    max_size=25)


@given(items_strategy, items_strategy)
def test_more_evidence_never_lowers_a_pillar(base, more):
    # A term has one weight in a rubric: every item of a term takes the first one's weight.
    weights: dict[str, float] = {}
    for e in base + more:
        weights.setdefault(e.term, e.weight)
    base, more = ([Evidence(**{**e.__dict__, "weight": weights[e.term]}) for e in items]
                  for items in (base, more))
    before = pillar_evidence(base, SCORING).points
    after = pillar_evidence(base + more, SCORING).points
    assert after >= before - 1e-9


def test_one_criterion_argued_at_length_is_substantive_not_thorough():
    one_criterion = [item(40 * i, t) for i, t in enumerate("abcdefgh")]
    assert 60 <= score(one_criterion) < 85
    two_criteria = [item(40 * i, t, criterion=i % 2) for i, t in enumerate("abcdefgh")]
    assert score(two_criteria) >= 85
