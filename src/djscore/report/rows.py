"""One row per essay, shared by the summary table, CSV and Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

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
    if not result.is_chinese:  # its missing criteria mean nothing: the text is not Chinese
        return "汉字很少，得分没有参考意义"
    gaps = [c.name for p in result.pillars for c in p.criteria if c.status == "missing"]
    parts = [note.rstrip("。") for note in result.notes]
    if gaps:
        parts.append(f"缺 {len(gaps)} 项标准")
    return "；".join(parts)


def display_paths(paths: Sequence[str]) -> tuple[str, list[str]]:
    """The folder all paths share ("" if none) and each path relative to it: the batch table
    shows 材料/一组/张三.txt as 一组/张三.txt under the heading 文件（材料/）."""
    split = [p.replace("\\", "/").split("/") for p in paths]
    if len(split) < 2:
        return "", list(paths)
    common = 0
    while all(len(parts) > common + 1 and parts[common] == split[0][common] for parts in split):
        common += 1
    if not common:
        return "", list(paths)
    base = "/".join(split[0][:common]) + "/"
    return base, ["/".join(parts[common:]) for parts in split]


def fit_name(name: str, width: int) -> str:
    """The name shortened in the middle to `width` cells (张三-心得…第二稿.txt), so that both its
    beginning and its extension stay readable."""
    if cell_len(name) <= width:
        return name
    keep = max(1, width - 1)
    head, tail = "", ""
    left, right = 0, len(name)
    # Alternate from both ends, the end getting a little more (it holds the extension).
    while True:
        take_tail = cell_len(tail) <= cell_len(head)
        piece = name[right - 1] if take_tail else name[left]
        if cell_len(head) + cell_len(tail) + cell_len(piece) > keep or left >= right:
            break
        if take_tail:
            tail, right = piece + tail, right - 1
        else:
            head, left = head + piece, left + 1
    return head + "…" + tail


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
