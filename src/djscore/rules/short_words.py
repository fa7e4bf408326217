"""Slips in two- and three-character words (按装 for 安装, 痉孪 for 痉挛), for `mistyped`.

A word of jieba's dictionary at least SHORT_MIN_FREQ frequent is spelled out as keys: the word
with one character replaced by its sound class or by one of its look-alike classes (the same
private-use characters as the phrase search). The text is segmented; a stretch of two or three
characters that jieba splits into single characters and that is no dictionary word is looked
up with each of its characters replaced in the same way. A hit is a slip when the written and
the intended character have the same toneless reading or share a phonetic component
(data/lookalike.txt) — near sounds are left out, too many short words are a near sound apart —
and when the intended word is far likelier than the characters standing alone: with jieba's
frequencies, log f(word) + (n - 1) log(total) - sum of log f(character) >= MIN_SCORE. Most
pairs of single characters in correct text (翻/一 of 翻一翻, 里/开 of 群里开会) score far
lower, because single characters are frequent. MIN_SCORE was chosen on the clean texts of
benchmarks/slips.py (the highest score of a correct pair there was 12.0: 单粒 for 单位).

Left out on purpose: jieba's low-frequency two-character entries one sound away from a frequent
word (震憾 3 beside 震撼) are not taken for misspellings, as its four-character ones are: most
such entries are right and new (台账, 民宿, 客服, 光伏 all sit at frequency 3-30).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator

CJK = re.compile(r"[\u4e00-\u9fff]+")
SHORT_MIN_FREQ = 20  # dictionary frequency of an intended word
MIN_SCORE = 12.5
FUNCTION_CHARS = frozenset("的地得了着过之和与及或在是为把被将对从于以而并且也都就还又")


def alike(readings: dict[str, list[str]], lookalike: dict[str, list[str]], a: str, b: str) -> bool:
    """Same toneless reading, or a shared phonetic component."""
    ra, rb = readings.get(a), readings.get(b)
    same = bool(ra and rb and {r for r in ra if r[0] not in "~#"} & {r for r in rb if r[0] not in "~#"})
    return a != b and (same or b in lookalike.get(a, ()))


def build(entries: dict[str, int], sound_keys: Callable[[str], list[str]],
          shape_keys: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """key -> intended words, for the words of 2-3 characters of `entries` (jieba word ->
    frequency); sound_keys / shape_keys: a character's classes."""
    keys: dict[str, list[str]] = {}
    for word, freq in sorted(entries.items()):
        if freq < SHORT_MIN_FREQ:
            continue
        for at, char in enumerate(word):
            for cls in {*sound_keys(char), *shape_keys(char)}:
                keys.setdefault(word[:at] + cls + word[at + 1:], []).append(word)
    return keys


def score(window: str, word: str, frequency: dict[str, int], total: int) -> float:
    """How much likelier the word is than the window's characters standing alone."""
    return (math.log(frequency.get(word, 1)) + (len(window) - 1) * math.log(total)
            - sum(math.log(frequency.get(char, 1)) for char in window))


def find(line: str, tokens: list[str], class_of: dict[str, str], shapes_of: dict[str, str],
         keys: dict[str, list[str]], frequency: dict[str, int], total: int,
         is_entry: Callable[[str], bool], readings: dict[str, list[str]], lookalike: dict[str, list[str]],
         ) -> Iterator[tuple[int, str, str]]:
    """(start in line, as written, intended) of the short-word slips of one line."""
    # Single-character tokens that may be part of a slip, by their place in the line.
    singles = []
    offset = 0
    for token in tokens:
        if len(token) == 1 and token in class_of and token not in FUNCTION_CHARS:
            singles.append(offset)
        offset += 1 if len(token) == 1 else len(token)
    alone = set(singles)
    for start in singles:
        for length in (2, 3):
            if start + length - 1 not in alone:
                break
            window = line[start:start + length]
            best = None
            for at, char in enumerate(window):
                for cls in (class_of[char], shapes_of.get(char)):
                    for word in keys.get(window[:at] + cls + window[at + 1:], ()) if cls else ():
                        if alike(readings, lookalike, char, word[at]):
                            found = score(window, word, frequency, total)
                            if found >= MIN_SCORE and (best is None or found > best[0]):
                                best = (found, word)
            if best is not None and not is_entry(window):
                yield start, window, best[1]
