"""Near-misses of known phrases: one character substituted, or two adjacent characters
swapped (基党层组织 for 基层党组织). Known phrases are data/phrases.txt plus the rubric's
terms of four or more characters.

To keep precision high a substitution is reported only when the two characters are in a
confusion group (data/confusables.txt: sound-, shape- and input-method-alike characters) or,
in a set phrase of five or more characters, when the changed character (not a particle) no
longer forms a word with its neighbours; a swap only when it breaks the words. A window that
is itself a dictionary word or a known phrase is never reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ..cache import cached
from ..rubric import PART_SEPARATOR, Rubric
from ..score import Finding
from . import Essay, data_lines, data_text

ID = "mistyped"
TITLE = "关键提法错别字"
SEVERITY = "error"
OPTIONS = {"min_length": 4}
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
MUST_TRIGGER = [
    "努力使基党层组织成为团结带领群众的坚强集体。",
    "召开领导干部廉诘从政专题民主生活会。",
    "让共产党员的先进性远处不在。",
    "始终坚持民主集中治原则。",
]
MUST_NOT = [
    "努力使基层党组织成为团结带领群众的坚强集体。",
    "那片远处不在视线之内。",
    "加强课堂内监督。",
    "召开领导干部廉洁从政专题民主生活会。",
    "共产党员的先进性无处不在。",
    "组建党员先锋队冲在抗洪一线。",
    "此处不在讨论之列。",
]


CONTEXT = 2  # characters of context on each side when segmenting a suspect window
LONG_PHRASE = 5  # any-character substitutions are checked in set phrases this long
FUNCTION_CHARS = frozenset("的地得了着过之和与及或在是为把被将对从于以而并且也都就还又")


@dataclass(frozen=True)
class PhraseIndex:
    known: frozenset[str]
    # Every swap and every confusable substitution of a known phrase, spelled out:
    # typo -> (phrase, "swap" | "substitution", position), found through the bigram that
    # holds the changed character (rare in correct text, so few places to look at).
    typos: dict[str, tuple[str, str, int]]
    typos_by_bigram: dict[str, list[tuple[int, str]]]
    # Any-character substitutions in long set phrases: the phrase's first or last three
    # characters are still intact. trigram -> (offset in phrase, phrase).
    anchors: dict[str, list[tuple[int, str]]]


@cache
def phrase_index(extra: tuple[str, ...], min_length: int) -> PhraseIndex:
    curated = {p for p in data_lines("phrases.txt") if len(p) >= min_length and CJK_ONLY.fullmatch(p)}
    phrases = curated | {p for p in extra if len(p) >= min_length and CJK_ONLY.fullmatch(p)}
    confusable: dict[str, set[str]] = {}
    for group in data_lines("confusables.txt"):
        for char in group:
            confusable.setdefault(char, set()).update(set(group) - {char})
    typos: dict[str, tuple[str, str, int]] = {}
    for phrase in sorted(phrases):
        for at in range(len(phrase) - 1):
            if phrase[at] != phrase[at + 1]:
                typos.setdefault(phrase[:at] + phrase[at + 1] + phrase[at] + phrase[at + 2:],
                                 (phrase, "swap", at))
        for at, char in enumerate(phrase):
            for other in sorted(confusable.get(char, ())):
                typos.setdefault(phrase[:at] + other + phrase[at + 1:], (phrase, "substitution", at))
    by_bigram: dict[str, list[tuple[int, str]]] = {}
    for typo, (_, _, at) in typos.items():
        if typo not in phrases:
            offset = min(at, len(typo) - 2)
            by_bigram.setdefault(typo[offset:offset + 2], []).append((offset, typo))
    anchors: dict[str, list[tuple[int, str]]] = {}
    for phrase in sorted(p for p in curated if len(p) >= LONG_PHRASE):
        for offset in (0, len(phrase) - 3):
            anchors.setdefault(phrase[offset:offset + 3], []).append((offset, phrase))
    return PhraseIndex(frozenset(phrases), typos, by_bigram, anchors)


def _places(text: str, keys: Iterable[str], index: dict[str, list[tuple[int, str]]],
            ) -> Iterator[tuple[int, str]]:
    """(start, word) for each word of the index whose key (one of `keys`) occurs in text."""
    for key in keys:
        at = text.find(key)
        while at >= 0:
            for offset, word in index[key]:
                if at - offset >= 0:
                    yield at - offset, word
            at = text.find(key, at + 1)


def _near_miss(window: str, phrase: str) -> tuple[str, int] | None:
    diffs = [i for i, (a, b) in enumerate(zip(window, phrase, strict=True)) if a != b]
    if len(diffs) == 1:
        return "substitution", diffs[0]
    if (len(diffs) == 2 and diffs[1] == diffs[0] + 1
            and window[diffs[0]] == phrase[diffs[1]] and window[diffs[1]] == phrase[diffs[0]]):
        return "swap", diffs[0]
    return None


_indexes: dict[tuple[str, int], PhraseIndex] = {}


def _rubric_index(rubric: Rubric, min_length: int) -> PhraseIndex:
    key = (rubric.sha256, min_length)
    if key not in _indexes:
        terms = tuple(form for p in rubric.pillars for c in p.criteria for t in c.terms
                      for form in t.forms if PART_SEPARATOR not in form)
        # Building the index (~12,000 spelled-out slips) costs more than reading it back.
        data = "\n".join((data_text("phrases.txt"), data_text("confusables.txt"), *terms))
        _indexes[key] = cached("slips", f"{min_length}\n{data}".encode(),
                               lambda: phrase_index(terms, min_length), PhraseIndex)
    return _indexes[key]


def _context_tokens(line: str, start: int, length: int,
                    words: Callable[[str], list[str]]) -> list[tuple[int, str]]:
    """(offset in line, token) of the tokens that overlap the window, segmented with
    CONTEXT characters on each side."""
    left = max(0, start - CONTEXT)
    tokens, offset = [], left
    for token in words(line[left:start + length + CONTEXT]):
        if offset < start + length and offset + len(token) > start:
            tokens.append((offset, token))
        offset += len(token)
    return tokens


def _fits_words(line: str, start: int, length: int, position: int,
                words: Callable[[str], list[str]] | None) -> bool:
    """False when the window cuts through a word of its context (堂内监督 in 课堂内监督), or
    when the changed character makes an ordinary word with a neighbour inside a running
    clause (远处 in 远处不在视线之内): only a window that ends its clause (先进性远处不在。)
    is then taken for a slip."""
    if words is None:
        return True
    tokens = _context_tokens(line, start, length, words)
    first, last = tokens[0], tokens[-1]
    if first[0] != start or last[0] + len(last[1]) != start + length:
        return False
    changed = next(token for offset, token in tokens if offset <= start + position < offset + len(token))
    if len(changed) > 1:
        following = line[start + length:start + length + 1]
        return not following or not CJK_ONLY.match(following)
    return True


def _breaks_words(line: str, start: int, length: int, position: int,
                  words: Callable[[str], list[str]] | None, min_singles: int = 2) -> bool:
    """True when the character at `position` of the window stands alone and the window falls
    apart into single characters (基/党/层/组织, 廉/诘/从政) rather than other words."""
    if words is None:
        return False
    tokens = _context_tokens(line, start, length, words)
    alone = any(len(token) == 1 and offset == start + position for offset, token in tokens)
    return alone and sum(1 for _, token in tokens if len(token) == 1) >= min_singles


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    index = _rubric_index(essay.rubric, options["min_length"])
    text = "\n".join(essay.lines)  # one pass over the whole text; windows never span lines

    def is_word(window: str) -> bool:
        return window in index.known or bool(essay.words and essay.words(window) == [window])

    bigrams = {text[i:i + 2] for i in range(len(text) - 1)}
    slips: dict[int, tuple[str, str]] = {}  # start -> (as written, intended)
    for start, typo in _places(text, sorted(bigrams & index.typos_by_bigram.keys()), index.typos_by_bigram):
        if not text.startswith(typo, start) or is_word(typo):
            continue
        phrase, kind, at = index.typos[typo]
        if not _fits_words(text, start, len(typo), at, essay.words):
            continue
        # A confusable substitution is a slip as it stands; a swap only if it breaks words.
        if kind == "substitution" or any(
                _breaks_words(text, start, len(typo), p, essay.words) for p in (at, at + 1)):
            slips.setdefault(start, (typo, phrase))
    anchors = [key for key in index.anchors if key[:2] in bigrams]  # a few hundred keys
    for start, phrase in _places(text, anchors, index.anchors):
        window = text[start:start + len(phrase)]
        miss = _near_miss(window, phrase) if len(window) == len(phrase) else None
        if miss is None or miss[0] != "substitution":
            continue
        at = miss[1]
        # Any other character only when it is not a particle and the phrase falls apart
        # into three or more single characters: 党的先进性 is not a slip for 党员先进性,
        # nor 村看集体经济 for 村级集体经济.
        if (start not in slips and CJK_ONLY.fullmatch(window) and window[at] not in FUNCTION_CHARS
                and not is_word(window)
                and _breaks_words(text, start, len(window), at, essay.words, min_singles=3)):
            slips[start] = (window, phrase)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for start in sorted(slips):
        window, phrase = slips[start]
        line = bisect_right(line_starts, start)
        yield Finding(ID, SEVERITY, line, start - line_starts[line - 1] + 1,
                      f"“{window}”疑为“{phrase}”之误", phrase)
