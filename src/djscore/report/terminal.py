"""The rich terminal report, labels in Chinese."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..score import CriterionResult, EssayResult
from . import SEVERITY_LABELS, STATUS_LABELS, band_label, display_term, evidence_summary, hits_by_sentence
from .rows import headers, row

BAR_CELLS = 20
MISSING_TERMS_SHOWN = 6
STATUS_STYLES = {"covered": "green", "partial": "yellow", "missing": "red"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def score_style(score: float) -> str:
    return "green" if score >= 60 else "yellow" if score >= 15 else "red"


def bar(score: float) -> Text:
    filled = round(score / 100 * BAR_CELLS)
    return Text("█" * filled, style=score_style(score)) + Text("░" * (BAR_CELLS - filled), style="dim")


def _first_hit(criterion: CriterionResult) -> str:
    if not criterion.hits:
        return "—"
    hit = criterion.hits[0]
    return f"{hit.line}:{hit.column}"


def criteria_table(result: EssayResult) -> Table:
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    first = "首次出现（段:字）" if result.line_unit == "paragraph" else "首次出现（行:列）"
    for title in ("方面", "标准", "状态", "得分", "命中词", first):
        table.add_column(title, no_wrap=title in ("状态", "得分", first), overflow="fold")
    for pillar in result.pillars:
        for i, criterion in enumerate(pillar.criteria):
            table.add_row(
                pillar.name if i == 0 else "",
                criterion.name,
                Text(STATUS_LABELS[criterion.status], style=STATUS_STYLES[criterion.status]),
                f"{criterion.score:.0f}",
                "、".join(map(display_term, criterion.terms_found)) or "—",
                _first_hit(criterion),
            )
        table.add_section()
    return table


def _highlight(sentence: str, forms: list[str]) -> Text:
    text = Text(sentence)
    text.highlight_words([word for form in forms for word in form.split("+")], style="bold reverse")
    return text


def essay_report(result: EssayResult, verbose: bool = False) -> Group:
    if result.error:
        return Group(Text.assemble(("✗ ", "bold red"), (result.path, "bold"), f"：{result.error}"))
    parts: list = [
        Text.assemble(
            (result.path, "bold"), f"    字数 {result.chars:,}    总分 ",
            (f"{result.score:.1f}", f"bold {score_style(result.score)}"),
            f"    评级 {result.verdict_label}",
        ),
    ]
    for note in result.notes:
        parts.append(Text(f"注意：{note}", style="yellow"))
    unit = "段" if result.line_unit == "paragraph" else "行"
    for pillar in result.pillars:
        parts.append(Text.assemble(f"  {pillar.name}  ", bar(pillar.score), f" {pillar.score:5.1f} ",
                                   (band_label(pillar.score), score_style(pillar.score))))
        if verbose:
            parts.append(Padding(Text(evidence_summary(pillar, unit), style="dim"), (0, 0, 0, 6)))
    parts.append(criteria_table(result))
    parts += findings_report(result)

    gaps = [c for p in result.pillars for c in p.criteria if c.status != "covered"]
    if gaps:
        parts.append(Text("可补充的内容：", style="bold"))
        for criterion in gaps:
            terms = "、".join(map(display_term, criterion.missing_terms[:MISSING_TERMS_SHOWN]))
            parts.append(Text.assemble(
                ("  · ", "dim"), (criterion.name, STATUS_STYLES[criterion.status]),
                f"（{criterion.description}）" if criterion.description else "",
                ("\n      可用表述：" + terms, "dim") if terms else "",
            ))
    if result.sections:
        names = {p.id: p.name for p in result.pillars}
        parts.append(Text("结构：", style="bold"))
        for section in result.sections:
            serves = names.get(section.pillar or "", "未对应任何方面")
            parts.append(Text(f"  {'  ' * (section.level - 1)}第 {section.line} {unit} "
                              f"{section.heading} → {serves}"))
    else:
        parts.append(Text("结构：未识别到小标题（如“一、”“（一）”“1.”）", style="dim"))

    if verbose:
        parts.append(Text("证据：", style="bold"))
        for pillar in result.pillars:
            for criterion in pillar.criteria:
                for (line, sentence), hits in hits_by_sentence(criterion).items():
                    parts.append(Text.assemble(
                        (f"  {line}:{hits[0].column} ", "cyan"), (f"[{criterion.name}] ", "dim"),
                        _highlight(sentence, [hit.form for hit in hits]),
                    ))
    return Group(*parts)


def findings_report(result: EssayResult) -> list:
    parts: list = []
    if result.boilerplate_stripped:
        parts.append(Text(f"已去掉 {len(result.stripped_lines)} 行网页残留文字后评分"
                          "（--no-strip-boilerplate 可保留）", style="dim"))
    if not result.findings:
        if result.suppressed:
            parts.append(Text(f"写作问题：无（另有 {result.suppressed} 条已按注释忽略）", style="dim"))
        return parts
    unit = "段" if result.line_unit == "paragraph" else "行"
    table = Table(show_header=True, header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD,
                  title=f"写作问题（{len(result.findings)} 条）", title_justify="left")
    for title in (f"{unit}:列", "级别", "规则", "说明", "建议"):
        table.add_column(title, overflow="fold", no_wrap=title in ("级别",))
    for finding in result.findings:
        table.add_row(f"{finding.line}:{finding.column}",
                      Text(SEVERITY_LABELS[finding.severity], style=SEVERITY_STYLES[finding.severity]),
                      finding.rule, finding.message, finding.suggestion or "")
    parts.append(table)
    if result.suppressed:
        parts.append(Text(f"另有 {result.suppressed} 条已按注释忽略", style="dim"))
    return parts


def summary_table(results: list[EssayResult], pillar_names: list[str], below: set[str],
                  width: int = 120) -> Table:
    """One row per essay: the batch view. On a narrow terminal pillar headers are shortened
    to their last two characters (中心、核心、党性、人心) so that no column is dropped."""
    table = Table(show_header=True, header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD)
    shown_names = [name[-2:] for name in pillar_names] if width < 110 else pillar_names
    numeric = {"字数", "总分", *shown_names}
    for title in headers(shown_names):
        table.add_column(title, justify="right" if title in numeric else "left", overflow="fold",
                         no_wrap=title in numeric, min_width={"文件": 10, "评级": 6, "问题": 6}.get(title))
    for result in results:
        cells = row(result, len(pillar_names))
        if result.error:
            table.add_row(*cells[:-2], Text(cells[-2], style="bold red"), Text(cells[-1], style="red"))
            continue
        style = "red" if result.path in below else score_style(result.score)
        table.add_row(*cells[:2], Text(cells[2], style=f"bold {style}"), *cells[3:])
    return table
