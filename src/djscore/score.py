"""Scoring as pure functions: normalised text + rubric -> frozen result dataclasses.

Terms are found on the raw text (so a term the segmenter would split still counts); a hit
that straddles a word boundary of the segmentation (党心 across 入党|心得) is rejected, while
a hit inside one word (党性 in 党性修养) counts. No I/O and no printing here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .rubric import PART_SEPARATOR, Criterion, Rubric, Term

TokenSplitter = Callable[[str], list[int]]

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
MAX_SENTENCE_CHARS = 160
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
MIN_CJK_SHARE = 0.3


@dataclass(frozen=True)
class Hit:
    term: str
    form: str
    line: int
    column: int
    sentence: str


@dataclass(frozen=True)
class CriterionResult:
    id: str
    name: str
    description: str
    weight: float
    score: float
    status: str  # covered | partial | missing
    terms_found: tuple[str, ...]
    hits: tuple[Hit, ...]
    missing_terms: tuple[str, ...]


@dataclass(frozen=True)
class PillarResult:
    id: str
    name: str
    weight: float
    score: float
    criteria: tuple[CriterionResult, ...]


@dataclass(frozen=True)
class Section:
    line: int
    level: int
    heading: str
    pillar: str | None


@dataclass(frozen=True)
class EssayResult:
    path: str
    chars: int = 0
    score: float = 0.0
    verdict: str = "error"
    verdict_label: str = "错误"
    is_chinese: bool = True
    cjk_share: float = 0.0
    pillars: tuple[PillarResult, ...] = ()
    sections: tuple[Section, ...] = ()
    encoding: str | None = None
    line_unit: str = "line"
    error: str | None = None
    notes: tuple[str, ...] = field(default=())


def error_result(path: str, message: str) -> EssayResult:
    return EssayResult(path=path, error=message)


# --- matching ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _TermRef:
    pillar: int
    criterion: int
    term: Term


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str] | None  # plain forms
    terms: dict[str, _TermRef]
    part_pattern: re.Pattern[str] | None  # the words of "a+b" forms
    combined: dict[str, list[tuple[frozenset[str], str]]]  # part -> (all parts, form)
    shorter_parts: dict[str, list[str]]  # part -> the other parts it starts with


_matchers: dict[str, Matcher] = {}


def _alternation(words: list[str] | set[str]) -> re.Pattern[str] | None:
    # A lookahead finds the longest word at every position, overlaps included, so a rejected
    # straddling hit cannot hide a valid one that starts a character later.
    if not words:
        return None
    return re.compile("(?=(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + "))")


def matcher_for(rubric: Rubric) -> Matcher:
    """Compiled alternations over every term form, longest first; built once per rubric."""
    cached = _matchers.get(rubric.sha256)
    if cached is None:
        refs = {
            form: _TermRef(p, c, term)
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


# --- locating ---------------------------------------------------------------------------

class _Locator:
    """Line, column and sentence of an offset, by binary search over precomputed breaks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.sentence_ends = [m.start() for m in SENTENCE_END.finditer(text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def sentence_index(self, offset: int) -> int:
        return bisect_left(self.sentence_ends, offset)

    def sentence(self, start: int, end: int) -> str:
        i = bisect_left(self.sentence_ends, start)
        left = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        j = bisect_left(self.sentence_ends, end)
        right = self.sentence_ends[j] + 1 if j < len(self.sentence_ends) else len(self.text)
        sentence = self.text[left:right].strip()
        if len(sentence) > MAX_SENTENCE_CHARS:
            middle = start - left
            half = MAX_SENTENCE_CHARS // 2
            lo = max(0, middle - half)
            sentence = ("…" if lo else "") + self.text[left + lo:left + lo + MAX_SENTENCE_CHARS].strip() + "…"
        return sentence


# --- structure --------------------------------------------------------------------------

_NUM = "一二三四五六七八九十百"
HEADING_PATTERNS = (
    (1, re.compile(rf"^(?:[{_NUM}]+[、.．]|第[{_NUM}\d]+[章节部分篇]|#{{1,2}}\s)")),
    (2, re.compile(rf"^(?:[（(][{_NUM}]+[）)]|#{{3,6}}\s)")),
    (3, re.compile(r"^(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)])")),
)
MAX_HEADING_CHARS = 40


def _heading(line: str) -> tuple[int, str] | None:
    """(level, heading) for a heading line; a run-in heading ends at the first full stop."""
    stripped = line.strip(" \t\u3000")
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(stripped):
            head = stripped.lstrip("#").strip()
            first = re.split(r"[。！？!?]", head, maxsplit=1)[0].strip()
            if 1 < len(first) <= MAX_HEADING_CHARS:
                return level, first
            return None
    return None


def find_sections(text: str, rubric: Rubric,
                  hit_pillars: list[tuple[int, int, float]]) -> tuple[Section, ...]:
    """Headings, each with the pillar its section serves (most weighted hits, name in heading)."""
    headings = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found = _heading(line)
        if found:
            headings.append((offset, number, *found))
        offset += len(line) + 1
    sections = []
    for i, (start, number, level, heading) in enumerate(headings):
        end = next((h[0] for h in headings[i + 1:] if h[2] <= level), len(text))
        weight = [0.0] * len(rubric.pillars)
        for position, pillar, term_weight in hit_pillars:
            if start <= position < end:
                weight[pillar] += term_weight
        for p, pillar in enumerate(rubric.pillars):
            if pillar.name in heading:
                weight[p] += 100
        best = max(range(len(weight)), key=weight.__getitem__, default=None)
        pillar_id = rubric.pillars[best].id if best is not None and weight[best] > 0 else None
        sections.append(Section(line=number, level=level, heading=heading, pillar=pillar_id))
    return tuple(sections)


# --- scoring ----------------------------------------------------------------------------

def _weighted_mean(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total else 0.0


def _criterion_result(criterion: Criterion, hits: list[Hit]) -> CriterionResult:
    found = {hit.term for hit in hits}
    credit = sum(t.weight for t in criterion.terms if t.term in found)
    score = round(min(1.0, credit / criterion.min_hits) * 100, 1)
    status = "covered" if score >= 100 else "partial" if score > 0 else "missing"
    return CriterionResult(
        id=criterion.id, name=criterion.name, description=criterion.description,
        weight=criterion.weight, score=score, status=status,
        terms_found=tuple(t.term for t in criterion.terms if t.term in found),
        hits=tuple(hits),
        missing_terms=tuple(t.term for t in criterion.terms if t.term not in found),
    )


def count_chars(text: str) -> int:
    """字数 as writers count it: every character that is not white space."""
    return sum(1 for ch in text if not ch.isspace())


def score_text(text: str, rubric: Rubric, split_tokens: TokenSplitter, path: str = "-") -> EssayResult:
    """Score normalised text against the rubric; split_tokens gives token start offsets."""
    matcher = matcher_for(rubric)
    locate = _Locator(text)
    per_criterion: dict[tuple[int, int], list[Hit]] = {}
    hit_pillars: list[tuple[int, int, float]] = []
    for start, form in find_hits(text, matcher, split_tokens(text), locate.sentence_index):
        ref = matcher.terms[form]
        line, column = locate.line_column(start)
        end = start + len(form.split(PART_SEPARATOR)[0])
        hit = Hit(ref.term.term, form, line, column, locate.sentence(start, end))
        per_criterion.setdefault((ref.pillar, ref.criterion), []).append(hit)
        hit_pillars.append((start, ref.pillar, ref.term.weight))

    pillars = []
    for p, pillar in enumerate(rubric.pillars):
        criteria = tuple(_criterion_result(c, per_criterion.get((p, i), []))
                         for i, c in enumerate(pillar.criteria))
        score = _weighted_mean([(c.score, c.weight) for c in criteria])
        pillars.append(PillarResult(pillar.id, pillar.name, pillar.weight, round(score, 1), criteria))
    overall = round(_weighted_mean([(p.score, p.weight) for p in pillars]), 1)

    cjk = len(CJK.findall(text))
    latin = len(LATIN.findall(text))
    share = cjk / (cjk + latin) if cjk + latin else 0.0
    is_chinese = share >= MIN_CJK_SHARE
    verdict = rubric.verdict_for(overall)
    verdict_id, verdict_label = (verdict.id, verdict.label) if is_chinese else ("not-chinese", "非中文文本")
    notes = () if is_chinese else ("文本中汉字很少，看起来不是中文文章，得分没有参考意义。",)
    return EssayResult(
        path=path, chars=count_chars(text), score=overall,
        verdict=verdict_id, verdict_label=verdict_label,
        is_chinese=is_chinese, cjk_share=round(share, 3),
        pillars=tuple(pillars), sections=find_sections(text, rubric, hit_pillars), notes=notes,
    )
