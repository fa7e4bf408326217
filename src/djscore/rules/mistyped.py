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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..rubric import PART_SEPARATOR
from ..score import Finding
from . import Essay

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
    "召开领导干部廉洁从政专题民主生活会。",
    "共产党员的先进性无处不在。",
    "组建党员先锋队冲在抗洪一线。",
    "此处不在讨论之列。",
]


FUNCTION_CHARS = frozenset("的地得了着过之和与及或在是为把被将对从于以而并且也都就还又")


@dataclass(frozen=True)
class PhraseIndex:
    known: frozenset[str]
    curated: frozenset[str]  # from data/phrases.txt (the rubric's terms are not set phrases)
    by_head: dict[str, list[str]]  # first two characters -> phrases
    by_tail: dict[str, list[str]]  # last two characters -> phrases
    middle_swaps: dict[str, str]  # 4-character phrases with characters 2 and 3 swapped
    confusable: dict[str, frozenset[str]]


def _data_lines(name: str) -> list[str]:
    text = (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines()
            if line.split("#", 1)[0].strip()]


@cache
def phrase_index(extra: tuple[str, ...], min_length: int) -> PhraseIndex:
    curated = {p for p in _data_lines("phrases.txt") if len(p) >= min_length and CJK_ONLY.fullmatch(p)}
    phrases = curated | {p for p in extra if len(p) >= min_length and CJK_ONLY.fullmatch(p)}
    by_head: dict[str, list[str]] = {}
    by_tail: dict[str, list[str]] = {}
    middle_swaps = {}
    for phrase in sorted(phrases):
        by_head.setdefault(phrase[:2], []).append(phrase)
        by_tail.setdefault(phrase[-2:], []).append(phrase)
        if len(phrase) == 4:
            middle_swaps[phrase[0] + phrase[2] + phrase[1] + phrase[3]] = phrase
    confusable: dict[str, set[str]] = {}
    for group in _data_lines("confusables.txt"):
        for char in group:
            confusable.setdefault(char, set()).update(set(group) - {char})
    return PhraseIndex(frozenset(phrases), frozenset(curated), by_head, by_tail, middle_swaps,
                       {k: frozenset(v) for k, v in confusable.items()})


def _near_miss(window: str, phrase: str) -> tuple[str, int] | None:
    diffs = [i for i, (a, b) in enumerate(zip(window, phrase, strict=True)) if a != b]
    if len(diffs) == 1:
        return "substitution", diffs[0]
    if (len(diffs) == 2 and diffs[1] == diffs[0] + 1
            and window[diffs[0]] == phrase[diffs[1]] and window[diffs[1]] == phrase[diffs[0]]):
        return "swap", diffs[0]
    return None


def _breaks_words(window: str, position: int, words: Callable[[str], list[str]] | None) -> bool:
    """True when the character at `position` stands alone and the window falls apart into
    single characters (基/党/层/组织, 廉/诘/从政) rather than other words (此处/不在)."""
    if words is None:
        return False
    tokens = words(window)
    offset, alone = 0, False
    for token in tokens:
        if offset <= position < offset + len(token):
            alone = len(token) == 1
            break
        offset += len(token)
    return alone and sum(1 for t in tokens if len(t) == 1) >= 2


def _candidates(line: str, i: int, index: PhraseIndex) -> Iterator[tuple[int, str]]:
    for phrase in index.by_head.get(line[i:i + 2], ()):
        yield i, phrase
    for phrase in index.by_tail.get(line[i:i + 2], ()):
        if i + 2 - len(phrase) >= 0:
            yield i + 2 - len(phrase), phrase
    phrase = index.middle_swaps.get(line[i:i + 4])
    if phrase:
        yield i, phrase


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    terms = tuple(form for p in essay.rubric.pillars for c in p.criteria for t in c.terms
                  for form in t.forms if PART_SEPARATOR not in form)
    index = phrase_index(terms, options["min_length"])
    for number, line in enumerate(essay.lines, start=1):
        reported: set[int] = set()
        for i in range(len(line) - 1):
            for start, phrase in _candidates(line, i, index):
                window = line[start:start + len(phrase)]
                if (start in reported or len(window) != len(phrase) or window in index.known
                        or not CJK_ONLY.fullmatch(window)):
                    continue
                miss = _near_miss(window, phrase)
                if miss is None or (essay.words and essay.words(window) == [window]):
                    continue
                kind, at = miss
                if kind == "substitution":
                    # Any other character only in a long set phrase, and never a particle:
                    # 党的先进性 is not a slip for 党员先进性.
                    plausible = phrase[at] in index.confusable.get(window[at], ()) or (
                        phrase in index.curated and len(phrase) >= 5
                        and window[at] not in FUNCTION_CHARS and _breaks_words(window, at, essay.words))
                else:
                    plausible = _breaks_words(window, at, essay.words) or _breaks_words(
                        window, at + 1, essay.words)
                if plausible:
                    reported.add(start)
                    yield Finding(ID, SEVERITY, number, start + 1,
                                  f"“{window}”疑为“{phrase}”之误", phrase)
