"""Reviewer views: near-duplicate pairs (疑似雷同) and draft comparison (稿件比较), for the
terminal (rich) and Markdown. Objects in, renderables or text out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..diff import SEVERITIES, CriterionDelta, Diff
from ..similarity import SimilarPair
from . import SEVERITY_LABELS, STATUS_LABELS, display_term


def pair_dict(pair: SimilarPair) -> dict[str, Any]:
    return {"a": pair.path_a, "b": pair.path_b, "similarity": pair.similarity,
            "shared_passage": pair.shared_passage}


# --- 疑似雷同 ----------------------------------------------------------------------------

def similar_title(pairs: Sequence[SimilarPair], threshold: float) -> str:
    if not pairs:
        return f"疑似雷同：无（相似度 ≥ {threshold:g}）"
    return f"疑似雷同（{len(pairs)} 对，相似度 ≥ {threshold:g}）"


def similar_table(pairs: Sequence[SimilarPair], threshold: float) -> Table | Text:
    if not pairs:
        return Text(similar_title(pairs, threshold), style="dim")
    table = Table(show_header=True, header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD,
                  title=similar_title(pairs, threshold), title_justify="left")
    for title in ("文件 A", "文件 B", "相似度", "最长相同段落"):
        table.add_column(title, overflow="fold", justify="right" if title == "相似度" else "left",
                         no_wrap=title == "相似度", min_width={"文件 A": 10, "文件 B": 10}.get(title))
    for pair in pairs:
        style = "bold red" if pair.similarity >= 0.8 else "yellow"
        table.add_row(pair.path_a, pair.path_b, Text(f"{pair.similarity:.3f}", style=style),
                      Text(pair.shared_passage, style="dim"))
    return table


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def similar_markdown(pairs: Sequence[SimilarPair], threshold: float) -> str:
    if not pairs:
        return f"\n{similar_title(pairs, threshold)}\n"
    lines = [f"\n### {similar_title(pairs, threshold)}\n", "| 文件 A | 文件 B | 相似度 | 最长相同段落 |",
             "|---|---|---:|---|"]
    lines += [f"| {_cell(p.path_a)} | {_cell(p.path_b)} | {p.similarity:.3f} | {_cell(p.shared_passage)} |"
              for p in pairs]
    return "\n".join(lines) + "\n"


# --- 稿件比较 ----------------------------------------------------------------------------

def signed(delta: float, digits: int = 1) -> str:
    """+16.5, −3.0 (a real minus sign), ±0."""
    if not round(delta, digits):
        return "±0"
    return f"{delta:+.{digits}f}".replace("-", "−")


def _delta_style(delta: float) -> str:
    return "green" if delta > 0 else "red" if delta < 0 else "dim"


def _terms(criterion: CriterionDelta) -> Text:
    text = Text()
    if criterion.terms_gained:
        text.append("\n      新增词条：", style="dim")
        text.append("、".join(map(display_term, criterion.terms_gained)), style="green")
    if criterion.terms_lost:
        text.append("\n      减少词条：", style="dim")
        text.append("、".join(map(display_term, criterion.terms_lost)), style="red")
    return text


def _saved(path: str | None) -> Text:
    return Text(f"（保存的结果 {path}）", style="dim") if path else Text()


CHANGE_TITLES = {"covered": "新覆盖的标准", "lost": "不再覆盖的标准", "status": "状态变化的标准",
                 "terms": "词条变化的标准"}


def diff_report(diff: Diff, title: str = "稿件比较") -> Group:
    old, new = diff.old, diff.new
    parts: list = [
        Text.assemble((f"{title}：", "bold"), "旧 ", (old.path, "bold"), _saved(old.saved_in),
                      " → 新 ", (new.path, "bold"), _saved(new.saved_in)),
        Text.assemble("  总分 ", f"{old.score:.1f} → ", (f"{new.score:.1f}", "bold"), "（",
                      (signed(diff.score_delta), _delta_style(diff.score_delta)), "）",
                      f"    评级 {old.verdict_label} → {new.verdict_label}"),
    ]
    for note in diff.notes:
        parts.append(Text(f"注意：{note}", style="yellow"))
    table = Table(show_header=True, header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD)
    for column in ("方面", "旧", "新", "变化"):
        table.add_column(column, justify="left" if column == "方面" else "right")
    for pillar in diff.pillars:
        table.add_row(pillar.name, f"{pillar.old:.1f}", f"{pillar.new:.1f}",
                      Text(signed(pillar.delta), style=_delta_style(pillar.delta)))
    parts.append(table)

    for change, heading in CHANGE_TITLES.items():
        group = diff.by_change(change)
        if not group:
            continue
        parts.append(Text(f"{heading}（{len(group)} 项）：", style="bold"))
        for c in group:
            before, after = (STATUS_LABELS.get(s, s) for s in (c.old_status, c.new_status))
            status = "" if change == "terms" else f"（{before} → {after}）"
            style = {"covered": "green", "lost": "red"}.get(change, "yellow")
            parts.append(Text.assemble(("  · ", "dim"), (f"{c.pillar_name} / {c.name}", style), status,
                                       _terms(c)))
    if not diff.criteria:
        parts.append(Text("各项标准的覆盖情况和命中词条没有变化。", style="dim"))

    findings = []
    for severity, before, after in zip(SEVERITIES, old.findings, new.findings, strict=True):
        change = after - before
        findings.append(Text.assemble(f"{SEVERITY_LABELS[severity]} {before} → {after}",
                                      ("" if not change else f"（{signed(change, 0)}）",
                                       _delta_style(-change))))
    parts.append(Text.assemble(("写作问题：", "bold"), *Text("，").join(findings)))
    return Group(*parts)
