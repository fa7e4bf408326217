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


def totals(results: list[EssayResult], below: set[str]) -> str:
    scored = [r for r in results if not r.error]
    errors = len(results) - len(scored)
    mean = sum(r.score for r in scored) / len(scored) if scored else 0.0
    failed = sum(1 for r in scored if r.path in below)
    return (f"共 {len(results)} 篇：达标 {len(scored) - failed} 篇，未达标 {failed} 篇，"
            f"错误 {errors} 篇，平均分 {mean:.1f}")


def failure_lines(result: EssayResult, gate: Gate) -> str:
    """One line per failing finding (path:line:col) and one for low scores: the hook's output."""
    lines = "".join(f"{result.path}:{f.line}:{f.column}: {SEVERITY_LABELS[f.severity]} [{f.rule}] "
                    f"{f.message}\n" for f in gate.failing_findings(result))
    reasons = gate.score_reasons(result)
    return lines + (f"{result.path}: {'；'.join(reasons)}\n" if reasons else "")
