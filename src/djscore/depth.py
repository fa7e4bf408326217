"""A pillar's score from the depth of its evidence. Pure functions, no I/O.

Readers call a pillar substantively discussed when the essay argues it somewhere: several
sentences close together, with some of its terms; they do not need every criterion. So the
score looks for the stretch of `window` characters where the pillar is argued most densely:

    points = term weight in the stretch (each term once)
           + sentence_points × (evidence sentences in the stretch − 1; two at most per word)
           + outside_points × term weight found only outside the stretch (at most outside_cap)
           + criterion_points × (criteria reached in the stretch − 1)
    points ≤ sentence_ceiling × sentences that speak to the pillar (plus the listed credit)
    score  = 100 × (1 − e^(−(points − offset) / scale)), 0 below the offset, and below 85
             (the band "thoroughly") unless at least two criteria are reached

A single mention earns a little, a paragraph that argues the pillar reaches the substantive
band, scattered single mentions across a long essay stay low (each is alone in its stretch),
and more evidence never lowers a score. Terms in pasted lists or stock phrases earn at most
`listed_credit` in all, and only text about Party work counts (see rubric.Scoring).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass

from .pickling import fast_pickling
from .rubric import Scoring


@dataclass(frozen=True)
class Evidence:
    """One hit as the depth model sees it."""

    offset: int
    line: int
    sentence: int  # index of its sentence in the text
    paragraph: int  # first line of its paragraph
    criterion: int
    term: str
    weight: float
    listed: bool  # in a pasted list or a paragraph of stock phrases
    in_context: bool  # the term or its paragraph is about Party work
    cue: bool = False  # a cue word, not a term: its weight is capped with the other cues
    hollow: bool = False  # in a paragraph of stock phrases: the pillar is named, if emptily


@fast_pickling
@dataclass(frozen=True, slots=True)
class PillarEvidence:
    """What earned a pillar its points; shown by -v, JSON and HTML."""

    points: float
    terms: int  # distinct terms that count
    sentences: int  # distinct sentences holding them
    paragraphs: int
    criteria: int  # criteria reached; score_text sets the checklist's count (djscore.filing)
    window_lines: tuple[int, int] | None  # first and last line of the densest stretch
    window_sentences: int  # sentences with evidence in that stretch
    window_weight: float
    outside_weight: float
    listed_weight: float  # credit taken from pasted lists and stock phrases
    out_of_context: int  # hits not counted: not in text about Party work
    breadth: float = 0.0  # criteria reached by argued terms, plus half of those by cues alone


NO_EVIDENCE = PillarEvidence(0.0, 0, 0, 0, 0, None, 0, 0.0, 0.0, 0.0, 0)


THOROUGH = 85.0  # the readers' band "thoroughly": several criteria, not one argued at length
THOROUGH_BREADTH = 2.0


def curve(evidence: PillarEvidence, scoring: Scoring) -> float:
    score = 100 * (1 - math.exp(-max(0.0, evidence.points - scoring.offset) / scoring.scale))
    if evidence.breadth < THOROUGH_BREADTH:
        score = min(score, THOROUGH - 0.1)
    return round(score, 1)


def pillar_evidence(items: list[Evidence], scoring: Scoring) -> PillarEvidence:
    """The evidence summary and points of one pillar from its hits."""
    counted = [e for e in items if e.in_context]
    argued = sorted((e for e in counted if not e.listed), key=lambda e: e.offset)
    weight_of: dict[str, float] = {}
    for e in counted:
        weight_of[e.term] = e.weight
    argued_terms = {e.term for e in argued}
    # Every listed term counts here, argued elsewhere or not: evidence never lowers a score.
    listed_terms = {e.term for e in counted if e.listed}
    # A slogan names the pillar, emptily: readers call that a passing mention. A pasted list or
    # a title only names the words.
    listed_cap = max(scoring.listed_points, scoring.hollow_points) if any(
        e.hollow for e in counted if e.listed) else scoring.listed_points
    listed_weight = min(listed_cap, sum(weight_of[t] for t in listed_terms))
    if not argued and not listed_weight:
        return PillarEvidence(0.0, 0, 0, 0, 0, None, 0, 0.0, 0.0, 0.0, len(items))

    cues = {e.term for e in argued if e.cue}

    def weight(terms: set[str]) -> float:
        # Cues are everyday words: many of them together still make only `cue_cap` of weight.
        return (sum(weight_of[t] for t in terms - cues)
                + min(scoring.cue_cap, sum(weight_of[t] for t in terms & cues)))

    def breadth(evidence: list[Evidence]) -> float:
        # Criteria reached by argued terms, and (half as much) by cues alone; a list reaches none.
        by_terms = {e.criterion for e in evidence if not e.cue}
        return len(by_terms) + len({e.criterion for e in evidence} - by_terms) / 2

    total_weight = weight(argued_terms)
    best = (0.0, 0, 0.0, None)  # (stretch points, sentences, weight, (first, last) line)
    offsets = [e.offset for e in argued]
    for i, first in enumerate(argued):
        inside = argued[i:bisect_left(offsets, first.offset + scoring.window, i)]
        terms = {e.term for e in inside}
        # One sentence that names four things is still one sentence: weight needs sentences.
        stretch_weight = min(weight(terms), scoring.sentence_cap * len({e.sentence for e in inside}))
        # A sentence counts when it holds a term, half when it holds only cues (as a cue's weight
        # is half); one word repeated sentence after sentence is one point made again, so at
        # most two sentences per word.
        term_sentences = {e.sentence for e in inside if not e.cue}
        cue_sentences = {e.sentence for e in inside if e.cue} - term_sentences
        sentences = (min(len(term_sentences), 2 * len(terms - cues))
                     + scoring.cue_weight * min(len(cue_sentences), 2 * len(terms & cues)))
        # Mentions elsewhere add a little, never a second argument's worth.
        outside = min(scoring.outside_cap, total_weight - stretch_weight)
        # Breadth counts where the pillar is argued: scattered mentions of several criteria
        # are not an argument that spans them.
        points = (stretch_weight + scoring.sentence_points * max(0, sentences - 1)
                  + scoring.outside_points * outside
                  + scoring.criterion_points * max(0.0, breadth(inside) - 1))
        if points > best[0]:
            best = (points, len({e.sentence for e in inside}), stretch_weight, (first.line, inside[-1].line))
    _, window_sentences, window_weight, window_lines = best
    # However dense, a sentence or two is a passing mention, not an argument.
    points = min(best[0], scoring.sentence_ceiling * len({e.sentence for e in argued})) + listed_weight
    return PillarEvidence(
        points=round(points, 2),
        terms=len(weight_of),
        sentences=len({e.sentence for e in counted}),
        paragraphs=len({e.paragraph for e in counted}),
        criteria=len({e.criterion for e in counted}),
        window_lines=window_lines,
        window_sentences=window_sentences,
        window_weight=round(window_weight, 2),
        outside_weight=round(total_weight - window_weight, 2),
        listed_weight=round(listed_weight, 2),
        out_of_context=len(items) - len(counted),
        breadth=breadth(argued),
    )
