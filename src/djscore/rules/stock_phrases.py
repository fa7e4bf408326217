"""Paragraphs made of stock phrases (套话): several set phrases and not one number, so no
concrete practice, result or example backs them. The phrases are data (data/stock_phrases.txt).
Rubric terms in such paragraphs earn limited credit, as terms in a pasted list do: while the
rule is enabled the pipeline finds these paragraphs before scoring (EssayResult.hollow_lines).

One or two set phrases are normal in official writing; a paragraph is reported only when it
holds `min_phrases` different ones and no figure at all (an Arabic digit, or a Chinese numeral
with a measure word: 三次, 两名, 十余项, 三个月; not 一名, 四个意识)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..matching import WordFinder
from ..score import Finding
from ..structure import cjk_count, paragraph_spans
from . import Essay, data_lines

ID = "stock-phrases"
TITLE = "套话"
SEVERITY = "info"
OPTIONS = {"min_phrases": 3}
# Not a figure: a lone 一 (一名党员, 一项工作), or 个 with anything but a unit of time (numbered
# formulas such as 四个意识, 两个维护 are slogans).
# Idioms made of numerals are not figures: 千家万户, 三番五次 …
NUMERAL_IDIOMS = re.compile("千家万户|万家灯火|百家争鸣|三番五次|千方百计|一五一十")
FIGURE = re.compile(r"\d|(?:[二三四五六七八九十百千万两几]|一[十百千万])[一二三四五六七八九十百千万]*"
                    r"[余多]?个?[名次户人年月天项条家位场元件批期篇组]")


def has_figure(text: str) -> bool:
    return FIGURE.search(NUMERAL_IDIOMS.sub("", text)) is not None
MUST_TRIGGER = [
    "作为一名党员，我要增强“四个意识”、做到“两个维护”，高度重视党建工作，认真贯彻落实各项部署，切实增强责任感和使命感。",
    "在上级党委的正确领导下，我们高度重视党建工作，认真贯彻落实各项决策部署，取得了一定成效。",
    "今后我们将进一步解放思想、真抓实干、锐意进取，不断开创工作新局面，作出新的更大贡献。",
]
MUST_NOT = [
    # set phrases, but backed by figures
    "我们高度重视党建工作，认真贯彻落实各项部署，今年开展主题党日12次，取得了一定成效。",
    # concrete, no set phrases
    "老党员腿脚不便，支部每次开会都安排年轻党员去接他，实在来不了就把会议内容带到家里念给他听。",
    # two set phrases in a paragraph are normal official writing
    "我们高度重视党建工作，认真贯彻落实各项部署，把党小组建到了作业班组。",
]


# A slogan essay: stock phrases and not one concrete detail (a figure, a time, a count) in 200
# characters and more. Measured per 100 Chinese characters on the validation corpus: slogan essays
# have at most 0.45 concrete details and at least 0.35 stock phrases; argued essays, abstract ones
# included, at least 0.8 concrete details, and those with few details (a plain story without
# numbers) at most 0.06 stock phrases. Calls (要……、坚持……) do not tell them apart: some slogan
# essays are parallel phrases (以党建为引领，以奋斗为底色) with hardly a call.
CONCRETE = re.compile(FIGURE.pattern + "|" + "|".join(
    ("[一二三四五六七八九十两几][十百千万]?[余多]?[名次户人年月天项条家位场元件批期篇组]",
     "去年", "今年", "那天", "那时", "后来", "记得", "比如", "例如", "如今", "当时")))
SLOGAN_CONCRETE = 0.5
SLOGAN_PHRASES = 0.2
SLOGAN_MIN_CHARS = 200


def slogan_essay(lines: list[str]) -> bool:
    text = "\n".join(lines)
    chars = cjk_count(text)
    return (chars >= SLOGAN_MIN_CHARS
            and len(CONCRETE.findall(NUMERAL_IDIOMS.sub("", text))) * 100 / chars < SLOGAN_CONCRETE
            and sum(1 for _ in phrases_finder().finditer(text)) * 100 / chars >= SLOGAN_PHRASES)


@cache
def phrases_finder() -> WordFinder:
    return WordFinder(data_lines("stock_phrases.txt"), leftmost_longest=True)


def hollow_paragraphs(lines: list[str], markdown: bool, min_phrases: int,
                      ) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, stock phrases) of each paragraph of set phrases with no figure."""
    finder = phrases_finder()
    everywhere = slogan_essay(lines)
    for first, last in paragraph_spans("\n".join(lines), markdown):
        text = "\n".join(lines[first - 1:last])
        if has_figure(text) and not everywhere:
            continue
        found = list(dict.fromkeys(word for _, word in finder.finditer(text)))
        if len(found) >= min_phrases or everywhere:
            yield first, last, found


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    flagged = set(essay.result.hollow_lines)  # found before scoring (djscore.pipeline)
    if not flagged:
        return
    if slogan_essay(essay.lines):
        yield Finding(ID, SEVERITY, min(flagged), 1,
                      "全文几乎都是口号和号召，没有一个数字、时间或具体事例，"
                      "其中的评分词条计分受限", "写本单位、本人的具体做法、数字或事例")
        return
    for first, _, found in hollow_paragraphs(essay.lines, essay.markdown, options["min_phrases"]):
        if first not in flagged:
            continue
        shown = "”“".join(found[:2])
        yield Finding(ID, SEVERITY, first, 1,
                      f"套话较多（“{shown}”等 {len(found)} 处），没有数字或具体事例，其中的评分词条计分受限",
                      "换成本单位的具体做法、数字或事例")
