"""Renderers: result objects in, text out. Nothing here scores or reads inputs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..score import EssayResult, Finding, Hit, PillarResult

if TYPE_CHECKING:
    from ..gate import Gate

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


RELATED_LABEL = "相关叙述"  # sentences that count towards a pillar, filed under none of its criteria
RELATED_NOTE = ("计入本方面得分，但未归入具体标准：只有日常用语或本单位业务词、只起交代作用（如提问），"
                "或主要在谈别的方面")
RELATED_FORMS_SHOWN = 8


def related_forms(pillar: PillarResult) -> str:
    """The words of a pillar's related sentences, each once, for its row in a criteria table."""
    forms = list(dict.fromkeys(display_term(hit.form) for hit in pillar.related))
    more = f" 等 {len(forms)} 个" if len(forms) > RELATED_FORMS_SHOWN else ""
    return "、".join(forms[:RELATED_FORMS_SHOWN]) + more


def first_related(pillar: PillarResult) -> str:
    """Where the pillar's first related sentence is, as line:column."""
    hit = min(pillar.related, key=lambda h: (h.line, h.column))
    return f"{hit.line}:{hit.column}"


def hits_by_sentence(hits: Iterable[Hit]) -> dict[tuple[int, str], list[Hit]]:
    """(line, sentence) -> the hits in it, in order: evidence is shown per sentence."""
    sentences: dict[tuple[int, str], list[Hit]] = {}
    for hit in hits:
        sentences.setdefault((hit.line, hit.sentence), []).append(hit)
    return sentences


BAND_LABELS = ((85, "论述充分"), (60, "实质论述"), (15, "有所提及"), (0, "未论及"))


def band_label(score: float) -> str:
    """The reader's scale (docs/rubric.md): what a pillar score means."""
    return next(label for low, label in BAND_LABELS if score >= low)


def evidence_summary(pillar: PillarResult, unit: str = "行") -> str:
    """What earned a pillar its points, in one Chinese line."""
    e = pillar.evidence
    parts = []
    if e.window_lines:
        first, last = e.window_lines
        where = f"第 {first} {unit}" if first == last else f"第 {first}–{last} {unit}"
        parts.append(f"{where}论述最集中（{e.window_sentences} 句）")
    if e.terms:
        parts.append(f"共 {e.sentences} 句、{e.terms} 个词条、{e.criteria} 项标准")
    if e.listed_weight:
        parts.append("部分词条在罗列或套话段落中，计分受限")
    if e.out_of_context:
        parts.append(f"{e.out_of_context} 处不在谈党建工作的段落中，未计分")
    return "；".join(parts) or "未找到论述"


FINDINGS_NAMED = 3  # failing writing problems named one by one; the rest are counted


def failure_reasons(result: EssayResult, gate: Gate | None) -> list[str]:
    """Why an essay falls short of the standard that was set, in Chinese: the scores below
    their thresholds, then the writing problems at a failing level. Empty when it passes."""
    if gate is None or result.error:
        return []
    reasons = gate.score_reasons(result)
    findings = gate.failing_findings(result)
    unit = "段" if result.line_unit == "paragraph" else "行"
    reasons += [f"第 {f.line} {unit}{SEVERITY_LABELS[f.severity]}：{f.message.rstrip('。')}"
                for f in findings[:FINDINGS_NAMED]]
    if len(findings) > FINDINGS_NAMED:
        reasons.append(f"另有 {len(findings) - FINDINGS_NAMED} 条写作问题")
    return reasons


def failure_line(reasons: list[str]) -> str:
    """未达标：总分 41.4 低于 60；融入中心 0.0 低于 40."""
    return "未达标：" + "；".join(reasons)


MARKDOWN_MARKUP = re.compile(r"(?:(?<=\s)|^)#{1,6}\s+|\*\*|__")


def plain_sentence(text: str) -> str:
    """A sentence or passage taken from a Markdown file, without its heading marks (## ) and
    bold marks: what a reader of the rendered document sees."""
    return MARKDOWN_MARKUP.sub("", text)
