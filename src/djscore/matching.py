"""Finding rubric terms in text: one native multi-pattern pass (Aho-Corasick, ahocorasick-rs)
per set of words, with a word-boundary check against the segmentation. Pure functions, no I/O.

At each place the longest word starting there is taken, as a regex alternation of the words,
longest first, would (`trie_pattern` builds that regex, for callers that want one)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

import ahocorasick_rs

from .rubric import PART_SEPARATOR, Rubric, Term


@dataclass(frozen=True)
class TermRef:
    pillar: int
    criterion: int
    term: Term


class WordFinder:
    """Every place where one of `words` occurs, found in one pass over the text."""

    def __init__(self, words: Iterable[str], leftmost_longest: bool = False) -> None:
        self.words = sorted(set(words))
        # Standard matching reports every occurrence (overlapping ones too); leftmost-longest
        # reports what `re.finditer` over a longest-first alternation would.
        kinds = ahocorasick_rs.MatchKind
        kind = kinds.LeftmostLongest if leftmost_longest else kinds.Standard
        self.automaton = ahocorasick_rs.AhoCorasick(self.words, matchkind=kind)
        self.leftmost_longest = leftmost_longest

    def longest_at(self, text: str) -> dict[int, str]:
        """start -> the longest word that starts there, for every start where one does."""
        words, found = self.words, {}
        for index, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True):
            if end - start > len(found.get(start, "")):
                found[start] = words[index]
        return found

    def every(self, text: str) -> list[tuple[int, str]]:
        """(start, word) of every occurrence, overlapping ones included, by end position."""
        words = self.words
        return [(start, words[index])
                for index, start, _ in self.automaton.find_matches_as_indexes(text, overlapping=True)]

    def finditer(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, word) as `re.finditer` over a longest-first alternation: leftmost, longest,
        not overlapping. Only for a finder made with `leftmost_longest`."""
        words = self.words
        for index, start, _ in self.automaton.find_matches_as_indexes(text):
            yield start, words[index]

    def __reduce__(self) -> tuple:  # the automaton cannot be pickled: build it again
        return type(self), (self.words, self.leftmost_longest)


def _finder(words: Iterable[str], leftmost_longest: bool = False) -> WordFinder | None:
    words = set(words)
    return WordFinder(words, leftmost_longest) if words else None


@dataclass(frozen=True)
class Matcher:
    finder: WordFinder | None  # plain forms
    terms: dict[str, TermRef]
    part_finder: WordFinder | None  # the words of "a+b" forms
    # (longest part, next longest part) -> (all parts, form) of the "a+b" forms
    anchored: dict[tuple[str, str], list[tuple[frozenset[str], str]]]
    inside_plain: dict[str, list[tuple[int, str]]]  # form -> (offset, shorter plain form in it)
    inside_parts: dict[str, list[tuple[int, str]]]  # word -> (offset, shorter "a+b" word in it)
    cue_finder: WordFinder | None  # criteria's cues: words that count in a Party sentence
    inside_cues: dict[str, list[tuple[int, str]]]
    context_finder: WordFinder | None  # context and not_context words, the longest winning
    not_context: frozenset[str]
    context_reach: int  # sentences after one with a context word that are about Party work too
    plain: frozenset[str] = field(default=frozenset())

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """The plain forms as one regex (longest first), for callers that search short words."""
        return _alternation(self.plain)


_matchers: dict[str, Matcher] = {}


BUCKET_CHARS = 32  # first characters per group at the top of a large trie


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

    firsts = sorted(char for char in trie if char)
    if "" in trie or len(firsts) <= BUCKET_CHARS:
        return build(trie)
    # The engine tries the branches of an alternation one after another. With hundreds of
    # first characters, a character-class test per group of 32 (and one for all of them)
    # skips most branches: about twice as fast on essays.
    groups = []
    for i in range(0, len(firsts), BUCKET_CHARS):
        chars = firsts[i:i + BUCKET_CHARS]
        groups.append(_char_class(chars) + build({char: trie[char] for char in chars}))
    return _char_class(firsts) + "(?:" + "|".join(groups) + ")"


def _char_class(chars: list[str]) -> str:
    return "(?=[" + "".join(re.escape(char) for char in chars) + "])"


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    words = set(words)
    return re.compile(trie_pattern(words)) if words else None


def _inside(words: set[str]) -> dict[str, list[tuple[int, str]]]:
    """word -> the other words found inside it, longest first, with their offsets."""
    inside: dict[str, list[tuple[int, str]]] = {}
    for word in words:
        pieces = {word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)}
        found = [(word.find(other), other) for other in pieces & words if other != word]
        if found:
            inside[word] = sorted(found, key=lambda pair: (-len(pair[1]), pair[0]))
    return inside


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
        cues = {f for f, ref in refs.items() if ref.term.cue}
        plain = {f for f in refs if PART_SEPARATOR not in f} - cues
        parts = {part for f in refs if PART_SEPARATOR in f for part in f.split(PART_SEPARATOR)}
        # Each "a+b" form is checked once per sentence, when its two longest words are there.
        anchored: dict[tuple[str, str], list[tuple[frozenset[str], str]]] = {}
        for form in refs:
            if PART_SEPARATOR in form:
                words = frozenset(form.split(PART_SEPARATOR))
                first, *rest = sorted(words, key=lambda word: (-len(word), word))
                anchored.setdefault((first, rest[0] if rest else first), []).append((words, form))
        scoring = rubric.scoring
        cached = Matcher(_finder(plain), refs, _finder(parts), anchored,
                         _inside(plain), _inside(parts), _finder(cues), _inside(cues),
                         _finder([*scoring.context, *scoring.not_context], leftmost_longest=True),
                         frozenset(scoring.not_context), scoring.context_reach, frozenset(plain))
        _matchers[rubric.sha256] = cached
    return cached


def within_words(start: int, end: int, token_starts: list[int], length: int) -> bool:
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


def _accepted(finder: WordFinder | None, text: str, token_starts: list[int],
              inside: dict[str, list[tuple[int, str]]], keep_inside: bool) -> Iterator[tuple[int, str]]:
    """(offset, word) of the words found, leftmost-longest, that pass the boundary check.
    When the longest word at a place straddles a boundary, a shorter one starting there may
    still count. Words inside an accepted one are dropped (党内民主 is one hit, not also
    民主), except for the words of "a+b" forms (`keep_inside`: 支部 inside 党支部 counts)."""
    if finder is None:
        return
    longest = finder.longest_at(text)
    starts = sorted(longest)
    length, position, next_start = len(text), 0, 0
    while True:  # the leftmost word at or after `position`, the longest there
        next_start = bisect_left(starts, position, next_start)
        if next_start == len(starts):
            return
        start = starts[next_start]
        word = longest[start]
        if not within_words(start, start + len(word), token_starts, length):
            word = next((w for offset, w in inside.get(word, ()) if offset == 0
                         and within_words(start, start + len(w), token_starts, length)), "")
            if not word:
                position = start + 1
                continue
        yield start, word
        if keep_inside:
            for offset, shorter in inside.get(word, ()):
                if within_words(start + offset, start + offset + len(shorter), token_starts, length):
                    yield start + offset, shorter
        position = start + len(word)


def find_hits(text: str, matcher: Matcher, token_starts: list[int],
              sentence_of: Callable[[int], int], party_text: bool = False) -> list[tuple[int, str]]:
    """(offset, form) of every accepted hit: plain forms, "a+b" forms once per sentence, and
    cues in sentences about Party work (in every sentence when `party_text`: the whole text is)."""
    hits = list(_accepted(matcher.finder, text, token_starts, matcher.inside_plain, keep_inside=False))
    seen_in_sentence: dict[int, dict[str, int]] = {}
    for start, part in _accepted(matcher.part_finder, text, token_starts, matcher.inside_parts,
                                 keep_inside=True):
        seen_in_sentence.setdefault(sentence_of(start), {}).setdefault(part, start)
    anchored = matcher.anchored
    for seen in seen_in_sentence.values():
        for first in seen:
            for second in seen:
                for words, form in anchored.get((first, second), ()):
                    if len(words) <= 2 or words.issubset(seen):
                        hits.append((min(seen[w] for w in words), form))
    if matcher.cue_finder is not None:
        hits += _cue_hits(text, matcher, token_starts, sentence_of, hits, party_text)
    hits.sort()
    return hits


def about_party(text: str, matcher: Matcher) -> bool:
    """True if the text holds a context word (党, 支部 …) outside the words that are not one
    (团支部 …)."""
    return matcher.context_finder is not None and any(
        word not in matcher.not_context for _, word in matcher.context_finder.finditer(text))


def party_sentences(text: str, matcher: Matcher, sentence_of: Callable[[int], int],
                    reach: int | None = None) -> set[int]:
    """Indexes of the sentences about Party work: those that hold a context word (党, 支部 …,
    but not 团支部), and the `context_reach` sentences after each, as plain writing names the
    branch once and then tells what it did."""
    if matcher.context_finder is None:
        return set()
    holding = {sentence_of(start) for start, word in matcher.context_finder.finditer(text)
               if word not in matcher.not_context}
    reach = matcher.context_reach if reach is None else reach
    return {index + step for index in holding for step in range(reach + 1)}


def named_pillars(hits: list[tuple[int, str]], matcher: Matcher,
                  sentence_of: Callable[[int], int]) -> dict[int, set[int]]:
    """Sentence index -> the pillars whose terms it names outright (a plain form, not an "a+b"
    form nor a cue): such a sentence is about those pillars."""
    named: dict[int, set[int]] = {}
    for start, form in hits:
        if PART_SEPARATOR not in form and not matcher.terms[form].term.cue:
            named.setdefault(sentence_of(start), set()).add(matcher.terms[form].pillar)
    return named


def _cue_hits(text: str, matcher: Matcher, token_starts: list[int], sentence_of: Callable[[int], int],
              hits: list[tuple[int, str]], party_text: bool) -> list[tuple[int, str]]:
    """Cues in sentences about Party work, where no other hit already covers the place."""
    party = party_sentences(text, matcher, sentence_of)
    if not party:
        return []
    covered = [(start, start + len(form)) for start, form in hits if PART_SEPARATOR not in form]
    # A cue adds nothing to a sentence where its criterion already has a term, nor to one that
    # names a term of another pillar outright: that sentence is about the other pillar.
    claimed = {(sentence_of(start), matcher.terms[form].pillar, matcher.terms[form].criterion)
               for start, form in hits}
    named = named_pillars(hits, matcher, sentence_of)
    found = []
    for start, cue in _accepted(matcher.cue_finder, text, token_starts, matcher.inside_cues,
                                keep_inside=False):
        sentence, ref = sentence_of(start), matcher.terms[cue]
        if ((party_text or sentence in party) and (sentence, ref.pillar, ref.criterion) not in claimed
                and not named.get(sentence, set()) - {ref.pillar}
                and not any(a <= start < b for a, b in covered)):
            claimed.add((sentence, ref.pillar, ref.criterion))  # one cue per sentence and criterion
            found.append((start, cue))
    return found
