"""`djscore rubric suggest`: distinctive words of exemplar essays that the rubric lacks, each
placed under the pillar whose terms it shares sentences with most. Pure functions: the
segmenter's keyword extraction, token splitter and background frequencies are passed in.

Distinctive means much more frequent in the exemplars than in general Chinese: the background
is the word frequencies of jieba's own dictionary (60 million words of general text). A word is
scored by count × ln(exemplar rate / background rate), the log-likelihood form that favours
words both frequent here and rare elsewhere, scaled by the share of exemplars that use it."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..matching import find_hits, matcher_for, within_words
from ..rubric import Rubric
from ..structure import Locator

Keywords = Callable[[str], list[tuple[str, float]]]  # text -> (word, weight), best first
TokenStarts = Callable[[str], list[int]]
# word -> its share of general Chinese text; None for a word the background does not know,
# 0 for a piece the background knows only as the start of longer words (认不 of 认不出).
Background = Callable[[str], float | None]
DEFAULT_TOP = 30
CANDIDATES_PER_SUGGESTION = 20
# A word must be at least this many times more frequent in the exemplars than in general text:
# below it are everyday words (资金 ~15x, 医院 ~11x, 遇到 ~4x in a set of village essays).
MIN_LIFT = 30.0
# Everyday words, whatever the essays: more common in general text than this (1,200 in jieba's
# 60 million: 医院, 遇到, 资金, 协调, 农村).
COMMON_RATE = 2e-5
MIN_COUNT = 2  # a word the exemplars use once says little about the genre
UNKNOWN_RATE = 1e-7  # background rate of a word the dictionary lacks (jieba's rarest: ~5e-8)
# An unknown word whose occurrences nearly all have the same character beside them is a piece
# of a longer word the segmenter split (村通 of 村村通, 认不 of 认不出).
FRAGMENT_SHARE = 0.75
UNGROUPED = "未归类"
CJK = re.compile(r"[\u3400-\u9fff]")
# Numbers, and numerals with a counter: 2024, 一次, 五趟, 六十七岁.
NUMBER = re.compile(r"[\d.%零〇一二两三四五六七八九十百千万亿第几多半每好"
                    r"个次年月日天周岁位名人项条支件份批场期届户家种张碗趟遍回]+")
# The count or scope of something: 个村, 全镇, 各村, 本村, 我院, 每斤, 每季度.
QUANTIFIED = re.compile(r"每.+|[个全各本该此这那几某整我][\u3400-\u9fff]")
# A verb with a potential complement: 认不出, 算不了, 做不到, 离不开 (两不愁 is kept).
POTENTIAL = re.compile(r".+不[了出到起住下开动见完懂清上来去过][来去]?")
# Words too general to be worth a rubric term, whatever the essay.
_GENERIC = """
我们 他们 你们 咱们 自己 大家 一个 一些 这个 那个 这些 那些 这样 那样 这里 那里 其他 其中 有些 所有
任何 各种 没有 不是 而是 就是 还是 只是 也是 都是 可以 需要 应该 必须 能够 不能 不会 一定 已经 正在
还要 进行 开展 加强 推进 落实 坚持 提高 提升 做好 抓好 实现 形成 发挥 注重 围绕 结合 通过 作为 以及
还有 比如 例如 觉得 认为 感到 起来 下来 出来 问题 工作 方面 情况 同志 时间 时候 今年 去年 明年 全年
当时 之后 以后 以来 以前 目前 现在 过去 今后 怎样 怎么 什么 如何 为什么 因为 所以 但是 如果 虽然 然后
同时 一直 总是 特别 非常 真正 重要 更加 切实 着力 认真 积极 主要 有关 相关 一起 进一步 不断 全面 深入
有效 实际 具体 基本 充分 努力 继续 自觉 始终 坚决 严格 广大 各级 有的 很多 许多 一样 一边 一方面
另一方面 首先 其次 最后 总之 因此 于是 不仅 而且 并且 或者 对于 关于 按照 根据 为了 由于 经过 发现
知道 看到 听到 说明 表示 指出 提出 要求 方式 方法 内容 过程 结果 水平 能力 作用 有人 是否 哪些 参加
明确 重点 调整 人员 严格执行 实实在在 完成 年度 体会 报告 全体 统一 不少 有位
不到 不够 有点 事情 地方 东西 时间 办法 感觉 成为 变成 带来 得到 出现 发生 希望 打算
"""
STOPWORDS = frozenset(_GENERIC.split())


@dataclass(frozen=True)
class Suggestion:
    word: str
    weight: float  # distinctiveness against general Chinese (see distinctiveness), by exemplar share
    count: int  # occurrences on word boundaries
    essays: int  # exemplars it occurs in
    pillar: int | None  # index into rubric.pillars; None: shares no sentence with a term
    cooccurrences: int  # sentences shared with that pillar's terms
    example: str  # a sentence with the word (one shared with the pillar if there is one)


def is_generic(word: str) -> bool:
    return (len(word) < 2 or not CJK.search(word) or bool(NUMBER.fullmatch(word))
            or bool(QUANTIFIED.fullmatch(word)) or bool(POTENTIAL.fullmatch(word)) or word in STOPWORDS)


def _covered(rubric: Rubric) -> Callable[[str], bool]:
    """Whether a word is already a rubric form or part, inside one, or contains a plain form
    (which the matcher then finds inside it)."""
    joined = "\n".join(rubric.all_words())
    pattern = matcher_for(rubric).pattern
    return lambda word: word in joined or bool(pattern and pattern.search(word))


def is_fragment(word: str, texts: list[str]) -> bool:
    """Whether nearly every occurrence of word has the same Han character on one side."""
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    total = 0
    for text in texts:
        at = text.find(word)
        while at != -1:
            total += 1
            left[text[at - 1] if at else ""] += 1
            end = at + len(word)
            right[text[end] if end < len(text) else ""] += 1
            at = text.find(word, at + 1)
    if total == 0:
        return False
    return any(char and CJK.match(char) and n >= FRAGMENT_SHARE * total
               for side in (left, right) for char, n in side.most_common(1))


def _worth_counting(word: str, rate: float | None, texts: list[str]) -> bool:
    if rate is None:
        return not is_fragment(word, texts)
    return 0 < rate <= COMMON_RATE


def distinctiveness(count: int, tokens: int, background_rate: float | None) -> tuple[float, float]:
    """(score, lift): lift is how many times more frequent the word is in the exemplars than in
    general text; score = count × ln(lift), 0 when the word is not more frequent at all."""
    rate = count / max(tokens, 1)
    lift = rate / (background_rate or UNKNOWN_RATE)
    return (count * math.log(lift) if lift > 1 else 0.0), lift


def suggest(rubric: Rubric, exemplars: list[tuple[str, str]], keywords: Keywords,
            token_starts: TokenStarts, background: Background, top: int = DEFAULT_TOP) -> list[Suggestion]:
    """Up to `top` suggestions, most distinctive first. Exemplars are (name, normalised text);
    the segmenter must already know the rubric's words. Keyword extraction proposes the
    candidates (nouns, verbs, set phrases); the background decides their order."""
    covered = _covered(rubric)
    weights: Counter[str] = Counter()
    for _, text in exemplars:
        for word, weight in keywords(text):
            if not is_generic(word) and not covered(word):
                weights[word] += weight
    candidates = [w for w, _ in weights.most_common(max(top * CANDIDATES_PER_SUGGESTION, 400))]
    texts = [text for _, text in exemplars]
    candidates = [w for w in candidates if _worth_counting(w, background(w), texts)]
    matcher = matcher_for(rubric)
    counts: Counter[str] = Counter()
    essays: Counter[str] = Counter()
    together: dict[str, Counter[int]] = {word: Counter() for word in candidates}
    examples: dict[tuple[str, int | None], str] = {}
    tokens = 0
    for text in texts:
        starts = token_starts(text)
        tokens += sum(1 for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if text[a:b].strip())
        locate = Locator(text)
        pillars_in: dict[int, set[int]] = {}  # sentence -> pillars whose terms it contains
        for start, form in find_hits(text, matcher, starts, locate.sentence_index):
            pillars_in.setdefault(locate.sentence_index(start), set()).add(matcher.terms[form].pillar)
        for word in candidates:
            at, seen = text.find(word), False
            while at != -1:
                end = at + len(word)
                if within_words(at, end, starts, len(text)):
                    seen = True
                    counts[word] += 1
                    sentence = locate.sentence(at, end)
                    examples.setdefault((word, None), sentence)
                    for pillar in sorted(pillars_in.get(locate.sentence_index(at), ())):
                        together[word][pillar] += 1
                        examples.setdefault((word, pillar), sentence)
                at = text.find(word, at + 1)
            essays[word] += seen
    scores = {}
    for word in candidates:
        score, lift = distinctiveness(counts[word], tokens, background(word))
        if counts[word] >= MIN_COUNT and lift >= MIN_LIFT:
            scores[word] = score * essays[word] / len(texts)  # words several exemplars use come first
    ranked = sorted(scores, key=lambda w: (-scores[w], w))[:top]
    result = []
    for word in ranked:
        best = min(together[word].items(), key=lambda item: (-item[1], item[0]), default=None)
        pillar = best[0] if best else None
        result.append(Suggestion(word, round(scores[word], 4), counts[word], essays[word], pillar,
                                 best[1] if best else 0, examples[(word, pillar)]))
    return result


def as_json(rubric: Rubric, suggestions: list[Suggestion], method: str, exemplars: list[str]) -> dict:
    groups = []
    for index in [*range(len(rubric.pillars)), None]:
        words = [s for s in suggestions if s.pillar == index]
        if words:
            pillar = rubric.pillars[index] if index is not None else None
            groups.append({
                "pillar": pillar.id if pillar else None, "name": pillar.name if pillar else UNGROUPED,
                "words": [{"word": s.word, "weight": s.weight, "count": s.count, "essays": s.essays,
                           "cooccurrences": s.cooccurrences, "example": s.example} for s in words],
            })
    return {"rubric": rubric.id, "method": method, "exemplars": exemplars, "groups": groups}

