"""Rubric terms listed without argument. The scorer caps the credit such paragraphs earn
(its limits are this rule's options); this rule tells the writer where."""

from __future__ import annotations

from collections.abc import Iterator

from ..score import Finding, StuffingLimits
from . import Essay

ID = "stuffing"
TITLE = "关键词堆砌"
SEVERITY = "warning"
OPTIONS = {
    "paragraph_share": 0.5,
    "paragraph_terms": 3,
    "essay_share": 0.3,
    "essay_terms": 10,
    "listed_credit": 1.0,
}
MUST_TRIGGER = ["党建引领、党管干部、三会一课、凝聚力工程、党内监督、主题党日。"]
MUST_NOT = ["我们坚持三会一课制度，每月开展主题党日，党员在活动中受到了教育，群众也看到了变化。"]


def limits(options: dict | None) -> StuffingLimits | None:
    """The scorer's limits from this rule's settings; None when the rule is disabled."""
    if options is not None and not options["enabled"]:
        return None
    values = {**OPTIONS, **(options or {})}
    return StuffingLimits(**{key: values[key] for key in OPTIONS})


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    for line in essay.result.stuffed_lines:
        yield Finding(ID, SEVERITY, line, 1, "本段主要是评分词条的罗列，缺少论述；这些词条只计入有限的分数",
                      "结合本单位的做法和实例展开论述")
