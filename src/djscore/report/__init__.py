"""Renderers: result objects in, text out. Nothing here scores or reads inputs."""

from __future__ import annotations

from collections.abc import Iterable

from ..score import CriterionResult, Finding, Hit

STATUS_LABELS = {"covered": "已覆盖", "partial": "部分", "missing": "缺失"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITY_LABELS, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def display_term(term: str) -> str:
    """"党建+业务" (both words in one sentence) is shown as 党建…业务."""
    return term.replace("+", "…")


def hits_by_sentence(criterion: CriterionResult) -> dict[tuple[int, str], list[Hit]]:
    """(line, sentence) -> the criterion's hits in it, in order: evidence is shown per sentence."""
    sentences: dict[tuple[int, str], list[Hit]] = {}
    for hit in criterion.hits:
        sentences.setdefault((hit.line, hit.sentence), []).append(hit)
    return sentences
