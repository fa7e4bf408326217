"""The unit's own business in its Party sentences. Pure functions, no I/O but one packaged list.

A branch or a member at work on the unit's central task is told in that task's own words:
修路提前一个多月完工, 把教改列为重点, 汛期水上采样. No rubric can list every trade's words, but
a text shows its own: the words it uses again and again in the sentences that are not about
Party work (施工, 教改, 采样 …), leaving out everyday words. A sentence about Party work that
uses one of them puts Party work into the business: evidence of 融入中心, counted like a cue.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container, Iterable
from functools import cache

# The commonest Chinese surnames: a single-character token of these before a word makes it a name.
SURNAMES = frozenset("王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
                     "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶"
                     "黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
# Places (村里, 船上), people by title (陈老师, 王师傅), peoples (苗族), counts, ordinals and wholes
# (两名, 一半, 第三, 全村, 每户) and negations (不够) are not trades.
NOT_A_TRADE = re.compile(r"^.[里上中下内外]$|(?:老师|师傅|同志|大姐|大爷|大妈|阿姨|主任|经理|族)$"
                         r"|^[一二三四五六七八九十两几百千万半全每各不]|^第")
CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


@cache
def common_words() -> frozenset[str]:
    """Everyday words (data/common_words.txt): never taken as a unit's business words."""
    from importlib import resources

    text = (resources.files(__package__) / "data" / "common_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_verdicts: dict[tuple[int, tuple[str, ...]], tuple[Container[str], dict[str, bool]]] = {}
MAX_VERDICTS = 200_000  # words remembered per rubric, across the essays of a batch


def _may_be_business(skip: Container[str], context: tuple[str, ...]) -> dict[str, bool]:
    """word -> may be a business word, decided once per word and rubric (essays of a batch
    share most of their words). The entry holds `skip` so that its id is not reused."""
    entry = _verdicts.get((id(skip), context))
    if entry is None or entry[0] is not skip or len(entry[1]) > MAX_VERDICTS:
        entry = _verdicts[(id(skip), context)] = (skip, {})
    return entry[1]


def business_hits(text: str, words: list[str], sentence_of: Callable[[int], int],
                  party: set[int], skip: Container[str], context: Iterable[str],
                  repeats: int) -> list[tuple[int, str]]:
    """(offset, word) of the first business word in each sentence of `party` (indexes of the
    sentences about Party work). A business word: two or more Chinese characters, not an
    everyday word, not in `skip` (the rubric's words), holding no `context` word (党, 支部 …),
    used in at least `repeats` sentences outside `party`. `words`: the text's tokens, in order."""
    everyday = common_words()
    context = tuple(context)
    bounds = list(itertools.accumulate(map(len, words), initial=0))
    verdict = _may_be_business(skip, context)
    for word in set(words).difference(verdict):
        verdict[word] = not (len(word) < 2 or word in everyday or word in skip or not CJK_WORD.fullmatch(word)
                             or NOT_A_TRADE.search(word) or any(c in word for c in context))
    found: dict[int, list[tuple[int, str]]] = {}
    for i in itertools.compress(range(len(words)), map(verdict.__getitem__, words)):
        if i and words[i - 1] in SURNAMES:  # 梁 + 建军: a name, not a trade
            continue
        found.setdefault(sentence_of(bounds[i]), []).append((bounds[i], words[i]))
    uses: dict[str, int] = {}
    for sentence, words in found.items():
        if sentence not in party:
            for word in {w for _, w in words}:
                uses[word] = uses.get(word, 0) + 1
    business = {word for word, count in uses.items() if count >= repeats}
    hits = []
    for sentence in sorted(party):
        first = next(((start, w) for start, w in found.get(sentence, ()) if w in business), None)
        if first:
            hits.append(first)
    return hits
