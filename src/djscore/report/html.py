"""The HTML report: one self-contained page (inline CSS and SVG, a small inline sorter, no
network) that opens offline in any browser. Every piece of text from an essay or a file name
goes through `escape`; the page shell, stylesheet and sorter live in html_assets/."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from html import escape
from importlib import resources
from string import Template
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..rubric import PART_SEPARATOR, Rubric
from ..score import EssayResult, Hit
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
from .rows import display_paths, headers, row, totals

if TYPE_CHECKING:
    from ..gate import Gate

MISSING_TERMS_SHOWN = 6
PASSAGE_CHARS = 300
BINS = 10
COUNT_CSS = {"error": "lo", "warning": "mid", "info": "sev-info"}  # matrix: findings of each level


def _asset(name: str) -> str:
    return (resources.files(__package__) / "html_assets" / name).read_text(encoding="utf-8")


def band(score: float) -> str:
    """Colour band (CSS class), the thresholds of the terminal report's score_style."""
    return "hi" if score >= 60 else "mid" if score >= 15 else "lo"


def highlight(sentence: str, forms: Iterable[str]) -> str:
    """The escaped sentence with every part of the matched forms ("a+b": a and b) in <mark>."""
    words = sorted({p for form in forms for p in form.split(PART_SEPARATOR) if p}, key=len, reverse=True)
    out, start, i = [], 0, 0
    while i < len(sentence):
        word = next((w for w in words if sentence.startswith(w, i)), None)
        if word is None:
            i += 1
            continue
        out.append(f"{escape(sentence[start:i])}<mark>{escape(word)}</mark>")
        i = start = i + len(word)
    return "".join(out) + escape(sentence[start:])


def _unit(result: EssayResult) -> str:
    return "段" if result.line_unit == "paragraph" else "行"


def _position(result: EssayResult) -> str:
    return "段:字" if result.line_unit == "paragraph" else "行:列"


def _badge(text: str, css: str) -> str:
    return f'<span class="badge {css}">{escape(text)}</span>'


def _svg(css: str, label: str, width: float, height: float) -> str:
    return (f'<svg class="chart {css}" role="img" aria-label="{label}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{label}</title>')


# --- charts -----------------------------------------------------------------------------

def pillar_chart(result: EssayResult) -> str:
    """Horizontal bars, one <rect class="bar"> per pillar, the score written beside it."""
    left, span, step = 84, 400, 34
    height = step * len(result.pillars) + 24
    parts = [_svg("pillars", "四个方面得分", left + span + 56, height)]
    parts += [f'<rect class="track" x="{left}" y="{i * step + 6}" width="{span}" height="20" rx="3"/>'
              for i in range(len(result.pillars))]
    for tick in range(0, 101, 20):
        x = left + span * tick // 100
        parts.append(f'<line class="grid" x1="{x}" y1="2" x2="{x}" y2="{height - 20}"/>'
                     f'<text class="tick" x="{x}" y="{height - 6}" text-anchor="middle">{tick}</text>')
    for i, pillar in enumerate(result.pillars):
        y, name, score = i * step + 6, escape(pillar.name), f"{pillar.score:.1f}"
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{name}</text>'
            f'<rect class="bar {band(pillar.score)}" data-pillar="{escape(pillar.id)}" x="{left}" y="{y}" '
            f'width="{span * pillar.score / 100:.1f}" height="20" rx="3"><title>{name} {score}</title></rect>'
            f'<text class="value" x="{left + span + 8}" y="{y + 15}">{score}</text>')
    return "".join(parts) + "</svg>"


def _pillar_evidence(result: EssayResult) -> str:
    """Per pillar, its band on the readers' scale and what earned its points."""
    unit = "段" if result.line_unit == "paragraph" else "行"
    items = "".join(f'<li><b>{escape(p.name)}</b> {_badge(band_label(p.score), band(p.score))} '
                    f'<span class="muted">{escape(evidence_summary(p, unit))}</span></li>'
                    for p in result.pillars)
    return f'<ul class="pillar-evidence">{items}</ul>'


def histogram(scores: list[float]) -> str:
    """Overall scores in bins of 10 (100 goes in the last); one <rect class="hbar"> per bin."""
    counts = [0] * BINS
    for score in scores:
        counts[min(int(score // 10), BINS - 1)] += 1
    left, bar, gap, top, plot = 34, 44, 8, 20, 160
    width, base, most = left + BINS * (bar + gap) + 8, top + plot, max(counts) or 1
    parts = [_svg("histogram", "总分分布（每 10 分一组）", width, base + 40),
             f'<line class="base" x1="{left}" y1="{base}" x2="{width - 4}" y2="{base}"/>'
             f'<text class="axis" x="4" y="{top - 6}">篇数</text>']
    for i, count in enumerate(counts):
        x, h, label = left + i * (bar + gap) + gap // 2, plot * count / most, f"{i * 10}–{i * 10 + 10}"
        middle = f'x="{x + bar // 2}" text-anchor="middle"'
        parts.append(
            f'<rect class="hbar {band(i * 10)}" data-count="{count}" x="{x}" y="{base - h:.1f}" '
            f'width="{bar}" height="{h:.1f}"><title>{label} 分：{count} 篇</title></rect>'
            f'<text class="tick" {middle} y="{base + 16}">{label}</text>'
            + (f'<text {middle} y="{base - h - 5:.1f}">{count}</text>' if count else ""))
    parts.append(f'<text class="axis" x="{width // 2}" y="{base + 36}" text-anchor="middle">总分</text>')
    return "".join(parts) + "</svg>"


# --- one essay --------------------------------------------------------------------------

def criteria_table(result: EssayResult) -> str:
    titles = ("方面", "标准", "状态", "得分", "命中词", f"首次出现（{_position(result)}）")
    parts = ['<table class="criteria"><thead><tr>', *(f"<th>{t}</th>" for t in titles), "</tr></thead>"]
    for pillar in result.pillars:
        parts.append("<tbody>")
        for i, c in enumerate(pillar.criteria):
            rows = len(pillar.criteria) + bool(pillar.related)
            first = (f'<th rowspan="{rows}" scope="rowgroup">{escape(pillar.name)}</th>'
                     if i == 0 else "")
            hit = f"{c.hits[0].line}:{c.hits[0].column}" if c.hits else "—"
            terms = escape("、".join(map(display_term, c.terms_found))) or "—"
            parts.append(f'<tr>{first}<td data-label="标准" title="{escape(c.description)}">'
                         f"{escape(c.name)}</td>"
                         f'<td data-label="状态">{_badge(STATUS_LABELS[c.status], c.status)}</td>'
                         f'<td class="num" data-label="得分">{c.score:.0f}</td>'
                         f'<td data-label="命中词">{terms}</td>'
                         f'<td class="num" data-label="首次出现">{hit}</td></tr>')
        if pillar.related:
            parts.append(f'<tr class="related"><td data-label="标准" title="{escape(RELATED_NOTE)}">'
                         f"{RELATED_LABEL}</td>"
                         f'<td data-label="状态"><span class="muted">计分</span></td>'
                         f'<td class="num" data-label="得分">—</td>'
                         f'<td data-label="命中词">{escape(related_forms(pillar))}</td>'
                         f'<td class="num" data-label="首次出现">{first_related(pillar)}</td></tr>')
        parts.append("</tbody>")
    return "".join(parts) + "</table>"


def _gaps(result: EssayResult, rubric: Rubric) -> str:
    """可补充的内容: the most valuable gaps grouped by pillar, each with what to discuss and one
    practice for the essay's setting; every gap with its terms in a <details> below."""
    from ..advice import GAPS_SHOWN, grouped, rank_gaps

    gaps = [c for p in result.pillars for c in p.criteria if c.status != "covered"]
    if not gaps:
        return ""
    chosen = rank_gaps(result, rubric, result.setting, GAPS_SHOWN)
    setting = chosen[0].example_setting if chosen else None
    assumed = (f"按文中所写的“{setting}”举例" if result.setting and setting == result.setting
               else f"文中看不出单位类型，按“{setting}”举例" if setting else "")
    groups = []
    for pillar_name, group in grouped(chosen):
        items = "".join(
            f"<li>{_badge(g.criterion.name, g.criterion.status)}"
            + (f' <span class="muted">约 +{g.gain:.0f} 分</span>' if g.gain >= 1 else "")
            + (f"<br>可以谈：{escape(g.criterion.description.removeprefix('论述'))}"
               if g.criterion.description else "")
            + (f'<br><span class="example">例如：{escape(g.example)}。</span>' if g.example else "")
            + "</li>" for g in group)
        groups.append(f"<li><b>{escape(pillar_name)}</b><ul>{items}</ul></li>")
    every = []
    for c in gaps:
        terms = escape("、".join(map(display_term, c.missing_terms[:MISSING_TERMS_SHOWN])))
        more = f'<br><span class="terms">可用表述：{terms}</span>' if terms else ""
        every.append(f"<li>{_badge(c.name, c.status)} {escape(c.description)}{more}</li>")
    note = f'<p class="muted">最能提高总分的几项；{escape(assumed)}。</p>' if assumed else ""
    return (f'<h3>可补充的内容</h3>{note}<ul class="gaps advice">{"".join(groups)}</ul>'
            f'<details class="all-gaps"><summary>全部 {len(gaps)} 项未覆盖的标准和可用表述</summary>'
            f'<ul class="gaps">{"".join(every)}</ul></details>')


def _structure(result: EssayResult) -> str:
    if not result.sections:
        return '<div><h3>文章结构</h3><p class="muted">未识别到小标题（如“一、”“（一）”“1.”）</p></div>'
    names = {p.id: p.name for p in result.pillars}
    items = "".join(f'<li style="margin-left:{(s.level - 1) * 16}px">第 {s.line} {_unit(result)} '
                    f'{escape(s.heading)} → {escape(names.get(s.pillar or "", "未对应任何方面"))}</li>'
                    for s in result.sections)
    return f"<div><h3>文章结构</h3><ul>{items}</ul></div>"


def _evidence(result: EssayResult, title: str, group: Sequence[Hit], is_open: bool, note: str = "") -> str:
    """The sentences of one criterion (or a pillar's related sentences), each once, with every
    form found in it highlighted."""
    items = []
    for (line, sentence), hits in hits_by_sentence(group).items():
        terms = escape("、".join(dict.fromkeys(display_term(h.term) for h in hits)))
        listed = (' <span class="badge partial" title="所在段落主要是罗列词语，计分受限">罗列</span>'
                  if any(h.stuffed for h in hits) else
                  ' <span class="badge partial" title="所在段落多为套话、没有数字或事例，计分受限">'
                  '套话</span>'
                  if any(h.hollow for h in hits) else "")
        items.append(f'<li><span class="pos">第 {line} {_unit(result)}</span>'
                     f'{highlight(plain_sentence(sentence), (h.form for h in hits))}'
                     f'<span class="term">→ {terms}</span>'
                     f"{listed}</li>")
    note = f'<p class="muted">{escape(note)}</p>' if note else ""
    return (f"<details{' open' if is_open else ''}><summary>{escape(title)}"
            f'（{len(items)} 句）</summary>{note}<ol class="evidence">{"".join(items)}</ol></details>')


def findings_table(result: EssayResult) -> str:
    notes = ([f"已去掉 {len(result.stripped_lines)} {_unit(result)}网页残留文字后评分"]
             if result.boilerplate_stripped else [])
    notes += [f"另有 {result.suppressed} 条已按注释忽略"] if result.suppressed else []
    extra = "".join(f'<p class="muted">{n}</p>' for n in notes)
    if not result.findings:
        return f'<p class="muted">无</p>{extra}'
    head = "".join(f"<th>{h}</th>" for h in (_position(result), "级别", "规则", "说明", "建议"))
    body = "".join(f'<tr><td class="num">{f.line}:{f.column}</td>'
                   f"<td>{_badge(SEVERITY_LABELS[f.severity], 'sev-' + f.severity)}</td>"
                   f"<td>{escape(f.rule)}</td><td>{escape(f.message)}</td>"
                   f"<td>{escape(f.suggestion or '')}</td></tr>" for f in result.findings)
    return f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{extra}'


def essay_section(result: EssayResult, number: int, batch: bool, failed: bool = False,
                  rubric: Rubric | None = None, reasons: Sequence[str] = ()) -> str:
    """The single-essay view: the whole page, or section #essay-N of a batch page. `reasons`:
    why it falls short of the standard set (shown at the top); writing problems, the cheapest
    fixes, come before the evidence."""
    parts = [f'<section class="essay" id="essay-{number}"><h2>{escape(result.path)}</h2>']
    if result.error:
        return parts[0] + f'<p class="error">无法评分：{escape(result.error)}</p></section>'
    encoding = f"<div><dt>编码</dt><dd>{escape(result.encoding)}</dd></div>" if result.encoding else ""
    parts.append(f'<div class="headline"><div class="big {band(result.score)}">{result.score:.1f}'
                 f"<small>总分</small></div><dl><div><dt>字数</dt><dd>{result.chars:,}</dd></div>"
                 f"<div><dt>评级</dt><dd>{escape(result.verdict_label)}"
                 f"{' ' + _badge('未达标', 'fail') if failed else ''}</dd></div>{encoding}</dl></div>")
    if reasons:
        items = "".join(f"<li>{escape(reason)}</li>" for reason in reasons)
        parts.append(f'<div class="failed"><b>未达标：</b><ul>{items}</ul></div>')
    if result.notes:
        parts.append('<div class="notes">' + "".join(f"<p>注意：{escape(n)}</p>" for n in result.notes)
                     + "</div>")
    parts.append(f'<div class="overview"><div><h3>四个方面</h3>{pillar_chart(result)}'
                 f"{_pillar_evidence(result)}</div>{_structure(result)}</div>")
    parts.append(f"<h3>写作问题（{len(result.findings)} 条）</h3>{findings_table(result)}")
    gaps = _gaps(result, rubric) if rubric is not None else ""
    parts.append(f'<h3>各项标准</h3><div class="scroll">{criteria_table(result)}</div>{gaps}')
    blocks = [_evidence(result, f"{p.name} · {c.name}", c.hits, not batch)
              for p in result.pillars for c in p.criteria if c.hits]
    # Related sentences stay closed: they back the score, they are not the checklist.
    blocks += [_evidence(result, f"{p.name} · {RELATED_LABEL}", p.related, False, RELATED_NOTE)
               for p in result.pillars if p.related]
    parts.append("<h3>证据</h3>" + ("".join(blocks) or '<p class="muted">未找到任何词条</p>'))
    if batch:
        parts.append('<p class="back"><a href="#summary">↑ 返回汇总</a></p>')
    return "".join(parts) + "</section>"


# --- batch ------------------------------------------------------------------------------

def _kinds(pillar_count: int) -> list[str]:
    """What each column of rows.headers / rows.row holds."""
    return ["file", "num", "score", *["score"] * pillar_count, "verdict", *COUNT_CSS, "text"]


def _matrix_cell(kind: str, value: str, result: EssayResult, number: int, failed: bool) -> str:
    if kind == "file":
        # Pieces ending in / - _: a narrow screen may wrap a long name between them, never inside.
        shown = "".join(f"<span>{escape(piece)}</span>" for piece in re.findall(r"[^/_\-]*[/_\-]?", value)
                        if piece)
        link = shown if result.error else f'<a href="#essay-{number}">{shown}</a>'
        return f'<th scope="row" title="{escape(result.path)}">{link}</th>'
    if kind == "text":
        return f'<td class="{"error" if result.error else ""}">{escape(value)}</td>'
    if kind == "verdict":  # sorts by the overall score
        score = "" if result.error else f"{result.score:.1f}"
        shown = escape(value) + (" " + _badge("未达标", "fail") if failed else "")
        return f'<td class="{"error" if result.error else ""}" data-v="{score}">{shown}</td>'
    css = (band(float(value)) if kind == "score" and value
           else COUNT_CSS.get(kind, "") if value not in ("", "0") else "")
    return f'<td class="num {css}" data-v="{escape(value)}">{escape(value)}</td>'


def matrix(results: list[EssayResult], rubric: Rubric, below: Collection[str]) -> str:
    """Essays x the columns of rows.headers/rows.row, colour-coded, numbers in data-v for sorting."""
    kinds = _kinds(len(rubric.pillars))
    titles = headers([p.name for p in rubric.pillars])
    attrs = {"file": "", "text": "", "verdict": " data-type=num"}
    head = "".join(f'<th scope="col"{attrs.get(k, " data-type=num class=num")}>'
                   f'<button type="button">{escape(t)}</button></th>'
                   for t, k in zip(titles, kinds, strict=True))
    base, names = display_paths([r.path for r in results])
    body = "".join("<tr>" + "".join(_matrix_cell(kind, value, r, n, r.path in below)
                                    for kind, value in zip(kinds, [name, *row(r, len(rubric.pillars))[1:]],
                                                           strict=True))
                   + "</tr>" for n, (r, name) in enumerate(zip(results, names, strict=True), start=1))
    where = f'<p class="muted">文件位于 {escape(base)}</p>' if base else ""
    return (f'{where}<div class="scroll"><table class="sortable matrix"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _clusters(clusters: Sequence[Any], anchors: dict[str, int]) -> str:
    """Clusters of near-duplicates (similarity.SimilarCluster): each member with its similarity
    to the centre, and the longest shared passage."""
    from .review import headline  # (imports rich: only for a batch page that has clusters)

    def name(path: str) -> str:
        return f'<a href="#essay-{anchors[path]}">{escape(path)}</a>' if path in anchors else escape(path)

    items = []
    for number, cluster in enumerate(clusters, start=1):
        rows = "".join(f"<tr><td>{name(m.path)}{'（已知文本）' if m.known else ''}</td><td class=\"num\">"
                       f"{'中心' if m is cluster.centre else f'{m.similarity:.3f}'}</td></tr>"
                       for m in cluster.members)
        text = cluster.shared_passage
        text = plain_sentence(text)
        passage = escape(text[:PASSAGE_CHARS] + ("…" if len(text) > PASSAGE_CHARS else ""))
        items.append(f"<h3>第 {number} 组：{escape(headline(cluster))}</h3><table><thead><tr><th>文章</th>"
                     f"<th>与中心的相似度</th></tr></thead><tbody>{rows}</tbody></table>"
                     + (f"<p>最长相同段落：</p><blockquote>{passage}</blockquote>" if text else ""))
    essays = sum(len(c.members) for c in clusters)
    return (f'<section id="similar"><h2>疑似雷同（{len(clusters)} 组，共 {essays} 篇）</h2>'
            f'{"".join(items)}</section>')


def _failed_list(results: list[EssayResult], gate: Gate | None) -> str:
    failing = [(n, r, failure_reasons(r, gate)) for n, r in enumerate(results, start=1)]
    items = "".join(f'<li><a href="#essay-{n}">{escape(r.path)}</a>：{escape("；".join(reasons))}</li>'
                    for n, r, reasons in failing if reasons)
    if not items or gate is None:
        return ""
    return f'<div class="failed"><b>未达标（{escape(gate.describe())}）：</b><ul>{items}</ul></div>'


def render_html(results: list[EssayResult], rubric: Rubric, similar_clusters: Sequence[Any] = (),
                below: Collection[str] = frozenset(), standard: str = "", gate: Gate | None = None) -> str:
    """The whole page; `below` holds the paths that failed --fail-under/--min-pillar/--fail-on,
    `gate` the standard itself (for the reasons)."""
    parts = [f'<header><h1>djscore 评分报告</h1><p class="sub">评分标准：{escape(rubric.name)}'
             f"（{escape(rubric.version)}）· 共 {len(results)} 篇</p></header>"]
    if len(results) == 1:
        parts.append(essay_section(results[0], 1, batch=False, failed=results[0].path in below,
                                   rubric=rubric, reasons=failure_reasons(results[0], gate)))
    else:
        summary = escape(totals(results, set(below), standard))
        parts.append(f'<section id="summary"><h2>汇总</h2><p class="totals">{summary}</p>'
                     f"{_failed_list(results, gate)}"
                     f'{_asset("legend.html")}{matrix(results, rubric, below)}<h3>总分分布</h3>'
                     f"{histogram([r.score for r in results if not r.error])}</section>")
        if similar_clusters:
            parts.append(_clusters(similar_clusters, {r.path: n for n, r in enumerate(results, start=1)
                                                      if not r.error}))
        parts.append("<h2>逐篇详情</h2>")
        parts += [essay_section(r, n, batch=True, failed=r.path in below, rubric=rubric,
                                reasons=failure_reasons(r, gate))
                  for n, r in enumerate(results, start=1) if not r.error]
    return Template(_asset("page.html")).substitute(
        title=escape(results[0].path) if len(results) == 1 else f"{len(results)} 篇文章",
        style=_asset("report.css"), body="\n".join(parts), version=__version__,
        rubric=f"{escape(rubric.id)} {escape(rubric.version)}",
        script=f"<script>\n{_asset('sort.js')}</script>" if len(results) > 1 else "")
