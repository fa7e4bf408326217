"""The same sentence, or a long run of the same words, written twice (a copy-paste slip)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..score import Finding
from ..structure import cjk_count
from . import Essay

ID = "repetition"
TITLE = "重复"
SEVERITY = "warning"
OPTIONS = {"min_sentence_chars": 15, "min_phrase_chars": 24}
SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
NOT_TEXT = re.compile(r"[\s\W_]+")
PHRASE_STRIDE = 4  # index every 4th window of the earlier text; look up every window later
MUST_TRIGGER = [
    "我们要坚持把党的政治建设摆在首位，不断提高政治判断力。\n其他内容。\n"
    "我们要坚持把党的政治建设摆在首位，不断提高政治判断力。",
    "支部坚持每月开展主题党日活动并邀请群众代表参加评议活动。\n"
    "去年以来，支部坚持每月开展主题党日活动并邀请群众代表参加评议活动，效果很好。",
]
MUST_NOT = ["我们要坚持把党的政治建设摆在首位。\n我们要坚持把党的思想建设摆在重要位置。"]


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    sentences: dict[str, int] = {}
    reported_lines: set[tuple[int, int]] = set()
    for number, line in enumerate(essay.lines, start=1):
        for match in SENTENCE.finditer(line):
            key = NOT_TEXT.sub("", match.group())
            if len(key) < options["min_sentence_chars"]:
                continue
            if key in sentences:
                reported_lines.add((sentences[key], number))
                yield Finding(ID, SEVERITY, number, match.start() + 1,
                              f"这句话与第 {sentences[key]} 行的句子重复", "删去重复的句子")
            else:
                sentences[key] = number
    yield from _phrases(essay.lines, options["min_phrase_chars"], reported_lines)


def _phrases(lines: list[str], size: int, reported: set[tuple[int, int]]) -> Iterator[Finding]:
    """Runs of `size` characters seen earlier; one finding per pair of lines."""
    seen: dict[str, int] = {}
    window = size - PHRASE_STRIDE + 1  # every run of `size` holds an indexed window this long
    for number, line in enumerate(lines, start=1):
        if len(line) < size:
            continue
        present = {line[i:i + window] for i in range(len(line) - window + 1)}
        repeated = present & seen.keys()
        if repeated:
            hits = sorted((line.find(text), seen[text]) for text in repeated
                          if seen[text] != number and cjk_count(text) * 2 >= window)
            hit = next(((start, earlier) for start, earlier in hits
                        if (earlier, number) not in reported), None)
            if hit:
                reported.add((hit[1], number))
                yield Finding(ID, SEVERITY, number, hit[0] + 1,
                              f"有一段长文字与第 {hit[1]} 行相同", "检查是否重复粘贴")
        for start in range(0, len(line) - window + 1, PHRASE_STRIDE):
            seen.setdefault(line[start:start + window], number)
