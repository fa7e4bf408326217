"""Reviewer views: clusters of near-duplicates (疑似雷同) and draft comparison (稿件比较), for the
terminal (rich) and Markdown. Objects in, renderables or text out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..review.diff import SEVERITIES, CriterionDelta, Diff
from ..review.similarity import ClusterMember, SimilarCluster
from . import SEVERITY_LABELS, STATUS_LABELS, display_term, plain_sentence
from .cjk import Wrapped


def cluster_dict(cluster: SimilarCluster) -> dict[str, Any]:
    return {"size": len(cluster.members), "centre": cluster.centre.path,
            "members": [{"path": m.path, "similarity": m.similarity, "known": m.known}
                        for m in cluster.members],
            "shared_passage": cluster.shared_passage}


# --- 疑似雷同 ----------------------------------------------------------------------------

CLUSTERS_SHOWN = 5  # in the terminal; JSON, HTML and Markdown list them all
MEMBERS_SHOWN = 8


def similar_title(clusters: Sequence[SimilarCluster], threshold: float) -> str:
    if not clusters:
        return f"疑似雷同：无（相似度 ≥ {threshold:g}）"
    essays = sum(len(c.members) for c in clusters)
    return f"疑似雷同（{len(clusters)} 组，共 {essays} 篇，相似度 ≥ {threshold:g}）"


def headline(cluster: SimilarCluster) -> str:
    """这 6 篇文章大部分文字相同; 这 2 篇文章与已知文本 范文.txt 大部分文字相同."""
    others = [m.similarity for m in cluster.members[1:]]
    how = ("文字几乎完全相同" if min(others) >= 0.95 else "大部分文字相同" if min(others) >= 0.6
           else "有大段文字相同")
    submitted = [m for m in cluster.members if not m.known]
    if cluster.centre.known:
        return f"这 {len(submitted)} 篇文章与已知文本 {cluster.centre.path} {how}"
    return f"这 {len(submitted)} 篇文章{how}"


def member_label(cluster: SimilarCluster, member: ClusterMember) -> str:
    if member is cluster.centre:
        return "中心"
    return f"{member.similarity:.3f}"


def _known(member: ClusterMember) -> str:
    return "（已知文本）" if member.known else ""


def similar_view(clusters: Sequence[SimilarCluster], threshold: float,
                 shown: int = CLUSTERS_SHOWN, members_shown: int = MEMBERS_SHOWN) -> Group | Text:
    """The largest clusters, each with its members' similarity to its centre (the first
    members_shown of them) and the longest shared passage; a line for the clusters left out."""
    if not clusters:
        return Text(similar_title(clusters, threshold), style="dim")
    parts: list[Any] = [Text(similar_title(clusters, threshold), style="bold")]
    for number, cluster in enumerate(clusters[:shown], start=1):
        style = "bold red" if cluster.members[1].similarity >= 0.8 else "yellow"
        parts.append(Text.assemble(f"{number:>2}. ", (headline(cluster), style)))
        for member in cluster.members[:members_shown]:
            label = ("中心 ", "dim") if member is cluster.centre else (f"{member.similarity:.3f}", "")
            parts.append(Text.assemble("    ", label, "  ", member.path + _known(member)))
        rest = cluster.members[members_shown:]
        if rest:
            parts.append(Text(f"    …… 另有 {len(rest)} 篇（与中心的相似度 {rest[-1].similarity:.3f}–"
                              f"{rest[0].similarity:.3f}）", style="dim"))
        if cluster.shared_passage:
            passage = f"“{plain_sentence(cluster.shared_passage)}”"
            parts.append(Wrapped(Text.assemble("    最长相同段落：", (passage, "dim")), indent=6))
    if len(clusters) > shown:
        parts.append(Text(f"另有 {len(clusters) - shown} 组未列出；完整列表见 -f json、-f html 或 "
                          "-f markdown", style="dim"))
    return Group(*parts)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def similar_markdown(clusters: Sequence[SimilarCluster], threshold: float) -> str:
    if not clusters:
        return f"\n{similar_title(clusters, threshold)}\n"
    lines = [f"\n### {similar_title(clusters, threshold)}"]
    for number, cluster in enumerate(clusters, start=1):
        lines += ["", f"**第 {number} 组：{_cell(headline(cluster))}**", "",
                  "| 文件 | 与中心的相似度 |", "|---|---:|"]
        lines += [f"| {_cell(m.path + _known(m))} | {member_label(cluster, m)} |" for m in cluster.members]
        if cluster.shared_passage:
            lines += ["", f"> 最长相同段落：{_cell(plain_sentence(cluster.shared_passage))}"]
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
