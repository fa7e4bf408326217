"""One row per essay, shared by the summary table, CSV and Markdown."""

from __future__ import annotations

from ..gate import Gate
from ..score import EssayResult
from . import SEVERITY_LABELS, severity_counts

SORT_KEYS = {
    "found": None,
    "score": lambda r: (r.error is not None, -r.score),
    "name": lambda r: (r.path.replace("\\", "/").rsplit("/", 1)[-1], r.path),
    "path": lambda r: r.path,
}


def sort_results(results: list[EssayResult], by: str) -> list[EssayResult]:
    key = SORT_KEYS[by]
    return sorted(results, key=key) if key else list(results)  # sorted() is stable


def problems(result: EssayResult) -> str:
    if result.error:
        return result.error
    gaps = [c.name for p in result.pillars for c in p.criteria if c.status == "missing"]
    parts = list(result.notes)
    if gaps:
        parts.append(f"缺{len(gaps)}项")
    return "；".join(parts)


def headers(pillar_names: list[str]) -> list[str]:
    return ["文件", "字数", "总分", *pillar_names, "评级", *SEVERITY_LABELS.values(), "问题"]


def row(result: EssayResult, pillar_count: int) -> list[str]:
    if result.error:
        return [result.path, "", "", *([""] * pillar_count), "错误", "", "", "", problems(result)]
    counts = severity_counts(result.findings)
    return [result.path, str(result.chars), f"{result.score:.1f}",
            *(f"{p.score:.1f}" for p in result.pillars), result.verdict_label,
            *(str(counts[s]) for s in SEVERITY_LABELS), problems(result)]


def totals(results: list[EssayResult], below: set[str], standard: str = "") -> str:
    """The batch summary line: how many essays got each verdict, how many could not be read,
    and, when a standard was set (`standard`: what fails an essay), how many fall short of it."""
    scored = [r for r in results if not r.error]
    errors = len(results) - len(scored)
    mean = sum(r.score for r in scored) / len(scored) if scored else 0.0
    verdicts: dict[str, list[float]] = {}
    for result in scored:
        verdicts.setdefault(result.verdict_label, []).append(result.score)
    # Best verdict first: labels ordered by the highest score that got them.
    ordered = sorted(verdicts.items(), key=lambda item: -max(item[1]))
    counted = "、".join(f"{label} {len(scores)} 篇" for label, scores in ordered) or "无"
    failed = sum(1 for r in scored if r.path in below)
    short = f"；未达标 {failed} 篇（{standard}）" if standard else ""
    return f"共 {len(results)} 篇：{counted}；出错 {errors} 篇；平均分 {mean:.1f}{short}"


def failure_lines(result: EssayResult, gate: Gate) -> str:
    """One line per failing finding (path:line:col) and one for low scores: the hook's output."""
    lines = "".join(f"{result.path}:{f.line}:{f.column}: {SEVERITY_LABELS[f.severity]} [{f.rule}] "
                    f"{f.message}\n" for f in gate.failing_findings(result))
    reasons = gate.score_reasons(result)
    return lines + (f"{result.path}: {'；'.join(reasons)}\n" if reasons else "")
