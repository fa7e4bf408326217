"""The rich terminal report, labels in Chinese."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..score import CriterionResult, EssayResult
from . import (
    RELATED_LABEL,
    RELATED_NOTE,
    SEVERITY_LABELS,
    STATUS_LABELS,
    band_label,
    display_term,
    evidence_summary,
    failure_reasons,
    first_related,
    hits_by_sentence,
    plain_sentence,
    related_forms,
)
from .cjk import Wrapped
from .rows import display_paths, fit_name, headers, row

if TYPE_CHECKING:
    from ..gate import Gate
    from ..rubric import Rubric

BAR_CELLS = 20
PROBLEMS_MIN_WIDTH = 12
FILE_MIN_WIDTH = 10
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
    first = "首次出现\n（段:字）" if result.line_unit == "paragraph" else "首次出现\n（行:列）"
    for title in ("方面", "标准", "状态", "得分", "命中词", first):
        table.add_column(title, no_wrap=title in ("方面", "状态", "得分", first), overflow="fold")
    for pillar in result.pillars:
        for i, criterion in enumerate(pillar.criteria):
            table.add_row(
                pillar.name if i == 0 else "",
                Wrapped(criterion.name),
                Text(STATUS_LABELS[criterion.status], style=STATUS_STYLES[criterion.status]),
                f"{criterion.score:.0f}",
                Wrapped("、".join(map(display_term, criterion.terms_found)) or "—", list_separator="、"),
                _first_hit(criterion),
            )
        if pillar.related:
            table.add_row("", Text(RELATED_LABEL, style="dim"), Text("计分", style="dim"), "—",
                          Wrapped(related_forms(pillar), list_separator="、"), first_related(pillar))
        table.add_section()
    return table


class Evidence:
    """One evidence sentence: its position and criterion, then the sentence with the matched
    words highlighted (in 【】 when the output has no colour: a file or a pipe), continuation
    lines indented under the sentence."""

    def __init__(self, position: str, criterion: str, sentence: str, forms: Sequence[str]) -> None:
        self.position, self.criterion, self.sentence = position, criterion, sentence
        self.words = sorted({w for form in forms for w in form.split("+") if w}, key=len, reverse=True)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marks = console.color_system is None
        text = Text.assemble(("  " + self.position + " ", "cyan"), (f"[{self.criterion}] ", "dim"))
        i = start = 0
        sentence = self.sentence
        while i < len(sentence):
            word = next((w for w in self.words if sentence.startswith(w, i)), None)
            if word is None:
                i += 1
                continue
            text.append(sentence[start:i])
            text.append(f"【{word}】" if marks else word, style="bold reverse")
            i = start = i + len(word)
        text.append(sentence[start:])
        yield Wrapped(text, indent=6)


def _failed(reasons: list[str]) -> Wrapped:
    return Wrapped(Text.assemble(("未达标：", "bold red"), ("；".join(reasons), "red")), indent=4)


def gaps_view(result: EssayResult, rubric: Rubric | None, verbose: bool) -> list:
    """可补充的内容: the most valuable gaps, grouped by pillar, each with what to discuss and one
    practice for the essay's setting; with -v every gap and the rubric's terms for it."""
    from ..advice import GAPS_SHOWN, grouped, rank_gaps

    gaps = [c for p in result.pillars for c in p.criteria if c.status != "covered"]
    if not gaps:
        return []
    if rubric is None or verbose:
        parts: list = [Text("可补充的内容（全部）：" if verbose else "可补充的内容：", style="bold")]
        for criterion in gaps:
            terms = "、".join(map(display_term, criterion.missing_terms[:MISSING_TERMS_SHOWN]))
            parts.append(Wrapped(Text.assemble(
                ("  · ", "dim"), (criterion.name, STATUS_STYLES[criterion.status]),
                f"（{criterion.description}）" if criterion.description else ""), indent=4))
            if terms:
                parts.append(Wrapped(Text("    可用表述：" + terms, style="dim"), indent=14,
                                     list_separator="、"))
        return parts
    chosen = rank_gaps(result, rubric, result.setting, GAPS_SHOWN)
    setting = chosen[0].example_setting if chosen else None
    assumed = (f"按文中所写的“{setting}”举例" if result.setting and setting == result.setting
               else f"文中看不出单位类型，按“{setting}”举例" if setting else "")
    title = "可补充的内容（最能提高总分的几项" + (f"；{assumed}" if assumed else "") + "）："
    parts = [Wrapped(Text(title, style="bold"), indent=2)]
    for pillar_name, group in grouped(chosen):
        parts.append(Text(f"  {pillar_name}", style="bold"))
        for gap in group:
            c = gap.criterion
            parts.append(Wrapped(Text.assemble(("    · ", "dim"), (c.name, STATUS_STYLES[c.status]),
                                               (f"  约 +{gap.gain:.0f} 分", "dim") if gap.gain >= 1 else ""),
                                 indent=6))
            if c.description:
                parts.append(Wrapped("      可以谈：" + c.description.removeprefix("论述"), indent=12))
            if gap.example:
                parts.append(Wrapped("      例如：" + gap.example + "。", indent=12))
    if len(gaps) > len(chosen):
        parts.append(Text(f"  另有 {len(gaps) - len(chosen)} 项未列出；-v 显示全部和可用的表述", style="dim"))
    return parts


def essay_report(result: EssayResult, verbose: bool = False, gate: Gate | None = None,
                 rubric: Rubric | None = None) -> Group:
    if result.error:
        return Group(Text.assemble(("✗ ", "bold red"), (result.path, "bold"), f"：{result.error}"))
    parts: list = [
        Wrapped(Text.assemble(
            (result.path, "bold"), f"    字数 {result.chars:,}    总分 ",
            (f"{result.score:.1f}", f"bold {score_style(result.score)}"),
            f"    评级 {result.verdict_label}",
        ), indent=4),
    ]
    reasons = failure_reasons(result, gate)
    if reasons:
        parts.append(_failed(reasons))
    for note in result.notes:
        parts.append(Wrapped(Text(f"注意：{note}", style="yellow"), indent=4))
    unit = "段" if result.line_unit == "paragraph" else "行"
    for pillar in result.pillars:
        parts.append(Text.assemble(f"  {pillar.name}  ", bar(pillar.score), f" {pillar.score:5.1f} ",
                                   (band_label(pillar.score), score_style(pillar.score))))
        if verbose:
            parts.append(Padding(Wrapped(Text(evidence_summary(pillar, unit), style="dim")), (0, 0, 0, 6)))
    parts.append(criteria_table(result))
    parts += findings_report(result)
    parts += gaps_view(result, rubric, verbose)
    if result.sections:
        names = {p.id: p.name for p in result.pillars}
        parts.append(Text("结构：", style="bold"))
        for section in result.sections:
            serves = names.get(section.pillar or "", "未对应任何方面")
            indent = 2 * section.level
            parts.append(Wrapped(f"{' ' * indent}第 {section.line} {unit} "
                                 f"{plain_sentence(section.heading)} → {serves}", indent=indent + 4))
    else:
        parts.append(Text("结构：未识别到小标题（如“一、”“（一）”“1.”）", style="dim"))

    if verbose:
        parts.append(Text("证据：", style="bold"))
        for pillar in result.pillars:
            groups = [(c.name, c.hits) for c in pillar.criteria] + [
                (f"{pillar.name}·{RELATED_LABEL}", pillar.related)]
            for label, group in groups:
                for (line, sentence), hits in hits_by_sentence(group).items():
                    parts.append(Evidence(f"{line}:{hits[0].column}", label,
                                          plain_sentence(sentence), [hit.form for hit in hits]))
        if any(p.related for p in result.pillars):
            parts.append(Wrapped(Text(f"  {RELATED_LABEL}：{RELATED_NOTE}。", style="dim"), indent=4))
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
        table.add_column(title, overflow="fold", no_wrap=title in ("级别", "规则", f"{unit}:列"))
    for finding in result.findings:
        table.add_row(f"{finding.line}:{finding.column}",
                      Text(SEVERITY_LABELS[finding.severity], style=SEVERITY_STYLES[finding.severity]),
                      finding.rule, Wrapped(finding.message), Wrapped(finding.suggestion or ""))
    parts.append(table)
    if result.suppressed:
        parts.append(Text(f"另有 {result.suppressed} 条已按注释忽略", style="dim"))
    return parts


def summary_table(results: list[EssayResult], pillar_names: list[str], below: set[str],
                  width: int = 120) -> SummaryTable:
    return SummaryTable(results, pillar_names, below)


class SummaryTable:
    """One row per essay: the batch view, laid out for the width it is printed at. Files are
    shown relative to the folder they share (named in the heading) and never wrapped. When
    the table does not fit, pillar headers are first shortened to their last two characters
    (中心、核心、党性、人心), then the longest names are shortened in the middle."""

    def __init__(self, results: list[EssayResult], pillar_names: list[str], below: set[str]) -> None:
        self.results, self.pillar_names, self.below = results, pillar_names, below
        self.base, self.names = display_paths([r.path for r in results])

    def cells(self, result: EssayResult, compact: bool) -> list[str]:
        """The row's cells; compact (a narrow terminal): no 字数, the counts of writing problems
        moved into the problems cell."""
        cells = row(result, len(self.pillar_names))
        if not compact:
            return cells
        n = len(self.pillar_names)
        levels = zip(SEVERITY_LABELS.values(), cells[4 + n:7 + n], strict=True)
        counts = "、".join(f"{label[0]} {count}" for label, count in levels if count not in ("", "0"))
        return [cells[0], *cells[2:4 + n], "；".join(filter(None, (counts, cells[-1])))]

    def titles(self, pillar_names: list[str], compact: bool) -> list[str]:
        titles = headers(pillar_names)
        return [titles[0], *titles[2:4 + len(pillar_names)], titles[-1]] if compact else titles

    def table(self, pillar_names: list[str], file_width: int, compact: bool) -> Table:
        numeric = {"字数", "总分", *pillar_names}
        table = Table(show_header=True, header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD,
                      title=f"文件位于 {self.base}" if self.base else None, title_justify="left",
                      title_style="dim")
        titles = self.titles(pillar_names, compact)
        for title in titles:
            if title == "文件":
                table.add_column(title, no_wrap=True, min_width=file_width)
            elif title == "问题":
                table.add_column(title, min_width=PROBLEMS_MIN_WIDTH)
            else:
                table.add_column(title, justify="right" if title in numeric else "left", no_wrap=True)
        score = titles.index("总分")
        for result, name in zip(self.results, self.names, strict=True):
            cells: list = self.cells(result, compact)
            cells[0] = fit_name(name, file_width)
            cells[-1] = Wrapped(cells[-1], list_separator="；")  # 警 2；缺 9 项标准: break between the parts
            if result.error:
                cells[-1].text.stylize("red")
                verdict = titles.index("评级")
                cells[verdict] = Text(cells[verdict], style="bold red")
            else:
                style = "red" if result.path in self.below else score_style(result.score)
                cells[score] = Text(cells[score], style=f"bold {style}")
            table.add_row(*cells)
        return table

    def needed(self, pillar_names: list[str], file_width: int, compact: bool) -> int:
        """Cells the table takes with the problems column at its narrowest."""
        titles = self.titles(pillar_names, compact)
        cells = [self.cells(r, compact) for r in self.results]
        fixed = sum(max(cell_len(title), *(cell_len(c[i]) for c in cells))
                    for i, title in enumerate(titles) if 0 < i < len(titles) - 1)
        # Between two columns: padding, the (blank) rule, padding; a blank edge on either side.
        return file_width + fixed + PROBLEMS_MIN_WIDTH + 3 * (len(titles) - 1) + 2

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        longest = max(map(cell_len, self.names), default=4)
        short = [name[-2:] for name in self.pillar_names]
        for names, compact in ((self.pillar_names, False), (short, False), (short, True)):
            if self.needed(names, longest, compact) <= width:
                yield self.table(names, longest, compact)
                return
        # Too narrow even so: shorten the file names in the middle, in the most compact layout
        # unless the full one fits with names no shorter than FILE_MIN_WIDTH.
        compact = self.needed(short, FILE_MIN_WIDTH, False) > width
        excess = self.needed(short, longest, compact) - width
        yield self.table(short, max(FILE_MIN_WIDTH, longest - excess), compact)


def failed_view(results: list[EssayResult], gate: Gate | None, shown: int = 10) -> list:
    """Before the batch table: the essays that fall short of the standard set, and why."""
    failing = [(r, failure_reasons(r, gate)) for r in results]
    failing = [(r, reasons) for r, reasons in failing if reasons]
    if not failing or gate is None:
        return []
    parts: list = [Text(f"未达标 {len(failing)} 篇（{gate.describe()}）：", style="bold red")]
    for result, reasons in failing[:shown]:
        parts.append(Wrapped(Text.assemble("  ", (result.path, "bold"), "：", "；".join(reasons)), indent=4))
    if len(failing) > shown:
        parts.append(Text(f"  另有 {len(failing) - shown} 篇未列出（-q 逐篇列出原因）", style="dim"))
    return parts
