"""What to add to an essay: the gaps that would raise its score most, each with one concrete
practice for the kind of workplace the essay is about. Pure functions, no I/O.

A gap's value is computed with the scoring model itself (depth.curve on the pillar's
evidence): the pillar's points if the essay argued the criterion in two more sentences with
two of its terms, in the stretch where the pillar is already argued (or in a new paragraph),
as a score for the pillar and then for the essay. Gaps are chosen one at a time, each
assuming the ones before it were written, so two gaps of one pillar are not both counted as
if the other were not there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .depth import PillarEvidence, curve
from .rubric import Criterion, Rubric, Scoring
from .score import CriterionResult, EssayResult

ADDED_SENTENCES = 2  # a short passage: two sentences that argue the criterion …
ADDED_TERMS = 2  # … with two of its terms
GAPS_SHOWN = 3
DEFAULT_SETTING = "机关"  # for a text that names no kind of workplace: the most general one

# Words that say what kind of workplace an essay is about; the setting named most often wins.
SETTING_WORDS: dict[str, tuple[str, ...]] = {
    "村": ("村民", "村委", "村党", "村支", "村里", "乡村", "农户", "农村", "合作社", "集体经济", "驻村"),
    "企业": ("企业", "公司", "车间", "班组", "生产线", "厂", "职工", "项目部", "国企"),
    "机关": ("机关", "处室", "局机关", "党组", "公务员", "政务", "审批", "窗口单位"),
    "学校": ("学校", "学院", "高校", "教师", "学生", "课堂", "教研", "班主任", "中学", "小学", "大学"),
    "医院": ("医院", "科室", "患者", "病人", "医护", "医务", "护士", "门诊", "病房", "诊疗"),
    "社区": ("社区", "居民", "网格", "小区", "楼栋", "物业", "街道"),
}


@dataclass(frozen=True)
class Setting:
    name: str | None  # None: the text names no kind of workplace
    mentions: int
    words: tuple[str, ...]  # the setting's words found, most frequent first


def detect_setting(text: str) -> Setting:
    """The kind of workplace the text talks about most: 村, 企业, 机关, 学校, 医院 or 社区."""
    best = Setting(None, 0, ())
    for name, words in SETTING_WORDS.items():
        counts = {word: text.count(word) for word in words}
        total = sum(counts.values())
        if total > best.mentions:
            found = tuple(w for w, n in sorted(counts.items(), key=lambda item: -item[1]) if n)
            best = Setting(name, total, found)
    return best


@dataclass(frozen=True)
class Gap:
    pillar_id: str
    pillar_name: str
    criterion: CriterionResult
    gain: float  # points of the overall score the essay would gain
    example: str | None  # a concrete practice for the essay's setting
    example_setting: str | None  # the setting the example is for


def _with_criterion(evidence: PillarEvidence, criterion: Criterion, reached: bool,
                    scoring: Scoring) -> PillarEvidence:
    """The pillar's evidence once the criterion is argued in ADDED_SENTENCES more sentences."""
    terms = sorted((t.weight for t in criterion.terms if not t.cue), reverse=True)[:ADDED_TERMS]
    weight = min(sum(terms), scoring.sentence_cap * ADDED_SENTENCES)
    if evidence.window_lines is None:  # nothing argued yet: the new passage is the stretch
        sentences = ADDED_SENTENCES - 1
        points = evidence.listed_weight + weight + scoring.sentence_points * sentences
        return replace(evidence, points=points, breadth=1.0, window_lines=(0, 0))
    points = (evidence.points + weight + scoring.sentence_points * ADDED_SENTENCES
              + (0.0 if reached else scoring.criterion_points))
    return replace(evidence, points=points, breadth=evidence.breadth + (0.0 if reached else 1.0))


def _example(criterion: Criterion, setting: str | None) -> tuple[str | None, str | None]:
    examples = dict(criterion.examples)
    setting = setting or DEFAULT_SETTING
    if setting in examples:
        return examples[setting], setting
    if criterion.examples:
        return criterion.examples[0][1], criterion.examples[0][0]
    return None, None


def rank_gaps(result: EssayResult, rubric: Rubric, setting: str | None = None,
              limit: int | None = None) -> list[Gap]:
    """The criteria not yet covered, the most valuable first (see the module docstring).
    `limit`: how many to choose; None for all of them."""
    scoring = rubric.scoring
    total_weight = sum(p.weight for p in result.pillars) or 1.0
    definitions = {(p.id, c.id): c for p in rubric.pillars for c in p.criteria}
    evidence = {p.id: p.evidence for p in result.pillars}
    open_gaps = [(p, c) for p in result.pillars for c in p.criteria
                 if c.status != "covered" and (p.id, c.id) in definitions]
    chosen: list[Gap] = []
    while open_gaps and (limit is None or len(chosen) < limit):
        def value(gap: tuple) -> tuple[float, float]:
            pillar, criterion = gap
            before = evidence[pillar.id]
            after = _with_criterion(before, definitions[(pillar.id, criterion.id)],
                                    criterion.status != "missing", scoring)
            gain = (curve(after, scoring) - curve(before, scoring)) * pillar.weight / total_weight
            return round(gain, 1), criterion.weight

        best = max(open_gaps, key=value)  # the first in rubric order among equals
        pillar, criterion = best
        definition = definitions[(pillar.id, criterion.id)]
        example, example_setting = _example(definition, setting)
        chosen.append(Gap(pillar.id, pillar.name, criterion, value(best)[0], example, example_setting))
        evidence[pillar.id] = _with_criterion(evidence[pillar.id], definition,
                                              criterion.status != "missing", scoring)
        open_gaps.remove(best)
    return chosen


def grouped(gaps: list[Gap]) -> list[tuple[str, list[Gap]]]:
    """Gaps grouped by pillar, the groups in the order of their most valuable gap."""
    groups: dict[str, list[Gap]] = {}
    for gap in gaps:
        groups.setdefault(gap.pillar_name, []).append(gap)
    return list(groups.items())
