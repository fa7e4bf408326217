"""Scoring as pure functions: normalised text + rubric -> frozen result dataclasses.

Terms are found on the raw text (so a term the segmenter would split still counts); a hit
that straddles a word boundary of the segmentation (党心 across 入党|心得) is rejected, while
a hit inside one word (党性 in 党性修养) counts. No I/O and no printing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from itertools import accumulate
from typing import Any

from .asides import speaker_tag_sentences
from .business import business_hits
from .depth import Evidence, PillarEvidence, curve, pillar_evidence
from .filing import FiledHit, file_hits, introduces, is_question, strength
from .matching import Matcher, about_party, find_hits, matcher_for, named_pillars, party_sentences
from .pickling import fast_pickling
from .rubric import PART_SEPARATOR, Criterion, Rubric
from .structure import (
    Locator,
    cjk_count,
    cjk_share,
    count_chars,
    find_headings,
    list_shaped,
    paragraph_index,
)

WordSplitter = Callable[[str], list[str]]  # text -> its tokens, in order
BUSINESS_TERM = "本文业务词"  # the term a business word is filed under (djscore.business)

MIN_CJK_SHARE = 0.3
HEADING_WEIGHT = 5  # a term in a heading counts this many times towards the section's pillar
MIN_LIST_CHARS = 20
LIST_ESSAY_SHARE = 0.4  # share of Chinese characters in list-shaped lines that makes a text a list


@fast_pickling
@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    form: str
    line: int
    column: int
    sentence: str
    stuffed: bool = False  # inside a paragraph that lists terms without argument
    hollow: bool = False  # inside a paragraph of stock phrases with no figure or example
    title: bool = False  # in the title or a heading line: it names the topic, it does not discuss it


@fast_pickling
@dataclass(frozen=True, slots=True)
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


@fast_pickling
@dataclass(frozen=True, slots=True)
class PillarResult:
    id: str
    name: str
    weight: float
    score: float
    criteria: tuple[CriterionResult, ...]
    evidence: PillarEvidence
    # Hits that count towards the pillar in sentences filed under none of its criteria: cues
    # and business words alone, sentences that only introduce (questions …), terms outweighed
    # by another pillar's (djscore.filing)
    related: tuple[Hit, ...] = ()


@fast_pickling
@dataclass(frozen=True, slots=True)
class Section:
    line: int
    level: int
    heading: str
    pillar: str | None


@fast_pickling
@dataclass(frozen=True, slots=True)
class Finding:
    """A writing problem found by a rule (see djscore.rules)."""

    rule: str
    severity: str  # error | warning | info
    line: int
    column: int
    message: str
    suggestion: str | None = None


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
    stuffed_lines: tuple[int, ...] = ()
    hollow_lines: tuple[int, ...] = ()  # first lines of the paragraphs of stock phrases
    findings: tuple[Finding, ...] = ()
    suppressed: int = 0  # findings silenced by `djscore: ignore` comments
    boilerplate_stripped: bool = False
    stripped_lines: tuple[int, ...] = ()
    setting: str | None = None  # the kind of workplace the essay is about (advice.detect_setting)
    # similarity.Fingerprint, made by the batch workers for the near-duplicate pass; not output
    fingerprint: object | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """This result as plain data: exactly one result of the JSON document
        (docs/json-schema.md)."""
        return _plain(self)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.name != "fingerprint"}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class StuffingLimits:
    """When a paragraph (or the whole essay) counts as a pasted word list."""

    paragraph_share: float = 0.5  # term characters / Chinese characters in the paragraph
    paragraph_terms: int = 3  # distinct terms needed before a paragraph can count as stuffed
    essay_share: float = 0.3  # the same share over the whole essay …
    essay_terms: int = 10  # … with at least this many distinct terms
    listed_credit: float = 1.0  # term weight a criterion may take from stuffed text


def error_result(path: str, message: str) -> EssayResult:
    return EssayResult(path=path, error=message)


# --- structure --------------------------------------------------------------------------

def find_sections(text: str, rubric: Rubric,
                  hit_pillars: list[tuple[int, int, float]]) -> tuple[Section, ...]:
    """Headings, each with the pillar its section serves (most weighted hits, name in heading)."""
    headings = find_headings(text)
    sections = []
    for i, (start, number, level, heading) in enumerate(headings):
        end = next((h[0] for h in headings[i + 1:] if h[2] <= level), len(text))
        weight = [0.0] * len(rubric.pillars)
        heading_end = start + len(text[start:].split("\n", 1)[0])
        for position, pillar, term_weight in hit_pillars:
            if start <= position < end:
                # What a heading says outweighs the words its section happens to use.
                weight[pillar] += term_weight * (HEADING_WEIGHT if position < heading_end else 1)
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


def _criterion_result(criterion: Criterion, hits: list[Hit], limits: StuffingLimits,
                      business_weight: float = 0.0) -> CriterionResult:
    argued = {hit.term for hit in hits if not (hit.stuffed or hit.hollow or hit.title)}
    listed = {hit.term for hit in hits if hit.stuffed or hit.hollow or hit.title} - argued
    # A pasted list of terms, or terms wrapped in stock phrases, shows that the writer knows
    # the words, not that the essay discusses them: such terms earn at most `listed_credit`.
    credit = (sum(t.weight for t in criterion.terms if t.term in argued)
              + min(limits.listed_credit, sum(t.weight for t in criterion.terms if t.term in listed))
              + (business_weight if BUSINESS_TERM in argued else 0.0))  # like one cue
    found = argued | listed
    score = round(min(1.0, credit / criterion.min_hits) * 100, 1)
    status = "covered" if score >= 100 else "partial" if score > 0 else "missing"
    return CriterionResult(
        id=criterion.id, name=criterion.name, description=criterion.description,
        weight=criterion.weight, score=score, status=status,
        terms_found=(*(t.term for t in criterion.terms if t.term in found),
                     *((BUSINESS_TERM,) if BUSINESS_TERM in found else ())),
        hits=tuple(hits),
        missing_terms=tuple(t.term for t in criterion.terms if t.term not in found and not t.cue),
    )


def stuffed_paragraphs(lines: list[str], found: list[tuple[int, str]], paragraph_of: dict[int, int],
                       limits: StuffingLimits) -> set[int]:
    """First lines of the paragraphs that are mostly rubric terms; `found` is (line, form) of
    the hits. All paragraphs when the whole essay is that dense."""
    cjk: dict[int, int] = {}
    for number, first in paragraph_of.items():
        cjk[first] = cjk.get(first, 0) + cjk_count(lines[number - 1])
    term_chars: dict[int, int] = {}
    terms: dict[int, set[str]] = {}
    for line, form in found:
        if PART_SEPARATOR not in form:
            paragraph = paragraph_of[line]
            term_chars[paragraph] = term_chars.get(paragraph, 0) + len(form)
            terms.setdefault(paragraph, set()).add(form)
    distinct = set().union(*terms.values()) if terms else set()
    if (len(distinct) >= limits.essay_terms
            and sum(term_chars.values()) >= limits.essay_share * max(1, sum(cjk.values()))):
        return set(cjk)
    listed = {first for first in cjk if list_shaped(lines[first - 1])}
    phrases = sum(cjk[first] for first in cjk if list_shaped(lines[first - 1], short_lines=True))
    if phrases >= LIST_ESSAY_SHARE * max(1, sum(cjk.values())):
        return set(cjk)  # a page of phrases: even its few sentences are not an argument
    # A short line (a title or heading) is naturally dense with terms; it alone is no list.
    return listed & set(terms) | {first for first in terms if len(terms[first]) >= limits.paragraph_terms
                                  and cjk[first] >= MIN_LIST_CHARS
                                  and term_chars[first] >= limits.paragraph_share * cjk[first]}


TITLE_CHARS = 40


def title_lines(lines: list[str]) -> set[int]:
    """The title at the top of an essay, and a subtitle under it (——…): the first lines, short
    and without a full stop, before the text begins."""
    found: set[int] = set()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip().lstrip("#").strip()
        if not stripped:
            continue
        is_title = len(stripped) <= TITLE_CHARS and not re.search(r"[。！？；;!?]", stripped)
        if not is_title or len(found) == 2 or (found and not stripped.startswith(("——", "—", "--"))):
            break
        found.add(number)
    return found


def holding_paragraphs(lines: list[str], paragraph_of: dict[int, int], matcher: Matcher) -> set[int]:
    """First lines of the paragraphs that hold a context word (党, 支部 …)."""
    return {first for number, first in paragraph_of.items() if about_party(lines[number - 1], matcher)}


def context_paragraphs(holding: set[int], paragraph_of: dict[int, int]) -> set[int]:
    """First lines of the paragraphs that are about Party work: the paragraph, or the one just
    before or after it, is one of `holding`."""
    firsts = sorted(set(paragraph_of.values()))
    return {first for i, first in enumerate(firsts)
            if holding.intersection(firsts[max(0, i - 1):i + 2])}


POINT_OPENER = re.compile(r"[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]")
POINT_CHARS = 20


def heading_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) offsets of what announces a topic rather than discusses it: a heading line,
    the heading of a run-in heading (（五）对周边茶农的带动有限。3个村……), and a short sentence
    that opens a point (四是支部书记队伍建设。)."""
    spans = []
    for offset, number, _, _ in find_headings(text):
        first = re.split(r"[。！？!?]", lines[number - 1], maxsplit=1)[0]
        spans.append((offset, offset + len(first)))
    offset = 0
    for line in lines:
        stripped = line.lstrip(" \t\u3000")
        if POINT_OPENER.match(stripped):
            first = re.split(r"[。！？!?；;]", stripped, maxsplit=1)[0]
            if cjk_count(first) <= POINT_CHARS:
                start = offset + len(line) - len(stripped)
                spans.append((start, start + len(first)))
        offset += len(line) + 1
    return spans


def party_text(lines: list[str], titles: set[int], holding: set[int], paragraph_of: dict[int, int],
               matcher: Matcher, share: float) -> bool:
    """True if the whole text is about Party work: its title holds a context word, or `share` of
    its paragraphs do (`holding`). Such a text tells of a Party member's or a branch's work
    throughout, also in the paragraphs that do not name the Party again."""
    if any(about_party(lines[number - 1], matcher) for number in titles):
        return True
    firsts = set(paragraph_of.values())
    return bool(firsts) and len(holding) >= share * len(firsts)


def score_text(text: str, rubric: Rubric, split_words: WordSplitter, path: str = "-",
               markdown: bool = False, limits: StuffingLimits = StuffingLimits(),
               hollow: tuple[tuple[int, int], ...] = ()) -> EssayResult:
    """Score normalised text against the rubric; split_words gives its tokens.
    Terms in the `hollow` paragraphs ((first, last) lines: stock phrases, no figure) earn
    limited credit, as listed ones do."""
    matcher = matcher_for(rubric)
    locate = Locator(text)
    lines = text.split("\n")
    titles = title_lines(lines)
    paragraph_of = paragraph_index(text, markdown)
    holding = holding_paragraphs(lines, paragraph_of, matcher)
    whole = party_text(lines, titles, holding, paragraph_of, matcher, rubric.scoring.party_text_share)
    headings = heading_spans(text, lines)
    words = split_words(text)
    tokens = list(accumulate(map(len, words), initial=0))[:-1]
    tags = speaker_tag_sentences(text, locate)
    located = [(start, form, *locate.line_column(start))
               for start, form in find_hits(text, matcher, tokens, locate.sentence_index, whole)
               if locate.sentence_index(start) not in tags]
    found = [(line, form) for _, form, line, _ in located]
    stuffed = stuffed_paragraphs(lines, found, paragraph_of, limits)
    hollow_lines = {n for first, last in hollow for n in range(first, last + 1)}
    scoring = rubric.scoring
    party_paragraphs = set(paragraph_of.values()) if whole else context_paragraphs(holding, paragraph_of)
    filed: list[FiledHit[Hit]] = []
    per_pillar: dict[int, list[Evidence]] = {}
    hit_pillars: list[tuple[int, int, float]] = []
    sentences: dict[str, str] = {}  # one string per sentence, however many hits it holds

    def add(start: int, end: int, line: int, column: int, form: str, term: str, place: tuple[int, int],
            weight: float, cue: bool, key: str) -> None:
        sentence = locate.sentence(start, end)
        hit = Hit(term, form, line, column, sentences.setdefault(sentence, sentence),
                  stuffed=paragraph_of.get(line) in stuffed, hollow=line in hollow_lines,
                  title=line in titles or any(a <= start < b for a, b in headings))
        filed.append(FiledHit(locate.sentence_index(start), place, hit,
                               strength(cue, PART_SEPARATOR in form, weight, form)))
        hit_pillars.append((start, place[0], weight))
        paragraph = paragraph_of.get(line, line)
        per_pillar.setdefault(place[0], []).append(Evidence(
            offset=start, line=line, sentence=locate.sentence_index(start), paragraph=paragraph,
            criterion=place[1], term=key, weight=weight, listed=hit.stuffed or hit.hollow or hit.title,
            cue=cue, hollow=hit.hollow and not hit.stuffed,
            in_context=paragraph in party_paragraphs or about_party(form, matcher)))

    for start, form, line, column in located:
        ref = matcher.terms[form]
        add(start, start + len(form.split(PART_SEPARATOR)[0]), line, column, form, ref.term.term,
            (ref.pillar, ref.criterion), ref.term.weight, ref.term.cue, ref.term.term)
    business = rubric.business_criterion()
    if whole and business is not None:
        # A sentence that names another pillar's term outright is about that pillar (as for cues).
        named = named_pillars([(start, form) for start, form, *_ in located], matcher,
                              locate.sentence_index)
        party = {sentence for sentence in party_sentences(text, matcher, locate.sentence_index, reach=0)
                 if not named.get(sentence, set()) - {business[0]}}
        for start, word in business_hits(text, words, locate.sentence_index, party,
                                         matcher.terms, scoring.context, scoring.business_repeats):
            if locate.sentence_index(start) in tags:
                continue
            add(start, start + len(word), *locate.line_column(start), word, BUSINESS_TERM, business,
                scoring.cue_weight, True, f"{BUSINESS_TERM}:{word}")

    introductions = {item.sentence for item in filed
                     if is_question(item.hit.sentence) or introduces(item.hit.sentence)}
    per_criterion, related = file_hits(filed, introductions)
    pillars = []
    for p, pillar in enumerate(rubric.pillars):
        criteria = tuple(_criterion_result(c, per_criterion.get((p, i), []), limits, scoring.cue_weight)
                         for i, c in enumerate(pillar.criteria))
        evidence = pillar_evidence(per_pillar.get(p, []), scoring)
        # The checklist's count: criteria with a sentence filed under them.
        evidence = replace(evidence, criteria=sum(c.status != "missing" for c in criteria))
        pillars.append(PillarResult(pillar.id, pillar.name, pillar.weight, curve(evidence, scoring),
                                    criteria, evidence, tuple(related.get(p, ()))))
    overall = round(_weighted_mean([(p.score, p.weight) for p in pillars]), 1)

    share = cjk_share(text)
    is_chinese = share >= MIN_CJK_SHARE
    verdict = rubric.verdict_for(overall)
    verdict_id, verdict_label = (verdict.id, verdict.label) if is_chinese else ("not-chinese", "非中文文本")
    notes = () if is_chinese else ("文本中汉字很少，看起来不是中文文章，得分没有参考意义。",)
    return EssayResult(
        path=path, chars=count_chars(text), score=overall,
        verdict=verdict_id, verdict_label=verdict_label,
        is_chinese=is_chinese, cjk_share=round(share, 3),
        pillars=tuple(pillars), sections=find_sections(text, rubric, hit_pillars), notes=notes,
        stuffed_lines=tuple(sorted(stuffed)), hollow_lines=tuple(first for first, _ in hollow),
    )
