"""Finding rubric terms in text: one compiled alternation per rubric, with a word-boundary
check against the segmentation. Pure functions, no I/O."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .rubric import PART_SEPARATOR, Rubric, Term


@dataclass(frozen=True)
class TermRef:
    pillar: int
    criterion: int
    term: Term


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str] | None  # plain forms
    terms: dict[str, TermRef]
    part_pattern: re.Pattern[str] | None  # the words of "a+b" forms
    combined: dict[str, list[tuple[frozenset[str], str]]]  # part -> (all parts, form)
    shorter_parts: dict[str, list[str]]  # part -> the other parts it starts with


_matchers: dict[str, Matcher] = {}


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words`, longest first, built as a trie: at each character only
    one branch can continue, so the engine does not try every word at every position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # greedy optional: the longer word first, this one if that fails
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
        return body

    return build(trie)


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    # A lookahead finds the longest word at every position, overlaps included, so a rejected
    # straddling hit cannot hide a valid one that starts a character later.
    words = set(words)
    if not words:
        return None
    return re.compile(f"(?=({trie_pattern(words)}))")


def matcher_for(rubric: Rubric) -> Matcher:
    """Compiled alternations over every term form, longest first; built once per rubric."""
    cached = _matchers.get(rubric.sha256)
    if cached is None:
        refs = {
            form: TermRef(p, c, term)
            for p, pillar in enumerate(rubric.pillars)
            for c, criterion in enumerate(pillar.criteria)
            for term in criterion.terms
            for form in term.forms
        }
        plain = [f for f in refs if PART_SEPARATOR not in f]
        combined: dict[str, list[tuple[frozenset[str], str]]] = {}
        for form in refs:
            if PART_SEPARATOR in form:
                parts = frozenset(form.split(PART_SEPARATOR))
                for part in parts:
                    combined.setdefault(part, []).append((parts, form))
        # The alternation reports the longest word at a position; 支部 must still count where
        # 支部书记 was found.
        shorter = {part: [p for p in combined if p != part and part.startswith(p)] for part in combined}
        cached = Matcher(_alternation(plain), refs, _alternation(set(combined)), combined, shorter)
        _matchers[rubric.sha256] = cached
    return cached


def _within_words(start: int, end: int, token_starts: list[int], length: int) -> bool:
    """True if [start, end) is inside one token or begins and ends on token boundaries."""
    index = bisect_right(token_starts, start) - 1
    token_end = token_starts[index + 1] if index + 1 < len(token_starts) else length
    if end <= token_end:
        return True
    if token_starts[index] != start:
        return False
    if end == length:
        return True
    j = bisect_left(token_starts, end)
    return j < len(token_starts) and token_starts[j] == end


def _accepted(pattern: re.Pattern[str] | None, text: str, token_starts: list[int],
              drop_contained: bool = True) -> Iterator[tuple[int, str]]:
    """(offset, word) of accepted occurrences; a term inside a longer accepted term is dropped
    (党内民主 is one hit, not also 民主), but the words of "a+b" forms are all kept."""
    if pattern is None:
        return
    furthest_end = -1
    for match in pattern.finditer(text):
        start, word = match.start(), match.group(1)
        end = start + len(word)
        if (drop_contained and end <= furthest_end) or not _within_words(start, end, token_starts, len(text)):
            continue
        furthest_end = end
        yield start, word


def find_hits(text: str, matcher: Matcher, token_starts: list[int],
              sentence_of: Callable[[int], int]) -> list[tuple[int, str]]:
    """(offset, form) of every accepted hit: plain forms, and "a+b" forms once per sentence."""
    hits = list(_accepted(matcher.pattern, text, token_starts))
    seen_in_sentence: dict[int, dict[str, int]] = {}
    for start, part in _accepted(matcher.part_pattern, text, token_starts, drop_contained=False):
        seen = seen_in_sentence.setdefault(sentence_of(start), {})
        seen.setdefault(part, start)
        for prefix in matcher.shorter_parts[part]:
            if _within_words(start, start + len(prefix), token_starts, len(text)):
                seen.setdefault(prefix, start)
    for seen in seen_in_sentence.values():
        done = set()
        for part in seen:
            for parts, form in matcher.combined[part]:
                if form not in done and parts.issubset(seen):
                    done.add(form)
                    hits.append((min(seen[p] for p in parts), form))
    hits.sort()
    return hits
