"""Checks for rubric authors beyond the loader's schema validation (`djscore rubric lint`).

Pure functions: a loaded rubric, its YAML text, example essays (read and normalised) and the
segmenter's functions in, warnings with line numbers out. The schema stays in rubric.py;
lines come from re-parsing the text with yamlload.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..matching import find_hits, matcher_for, within_words
from ..normalize import normalize
from ..rubric import PART_SEPARATOR, Rubric, Term
from ..rubric.yamlload import parse_yaml
from ..structure import Locator

TokenStarts = Callable[[str], list[int]]
Words = Callable[[str], list[str]]
DEFAULT_MIN_TERMS = 8
CHECKS = {  # check id -> label for the summary, in report order
    "normalize": "繁简或全角写法", "duplicate": "规范化后重复", "shadow": "被更长的词条遮蔽",
    "split": "被分词切开", "straddle": "在对照文章中跨越词语边界", "unseen": "对照文章中从未命中",
    "few-terms": "词条过少", "unreachable": "永远达不到满分",
}


@dataclass(frozen=True)
class LintWarning:
    line: int  # 0 when unknown
    check: str  # a key of CHECKS
    message: str


@dataclass(frozen=True)
class _Form:
    text: str
    pillar: int
    criterion: int
    term: Term
    criterion_name: str


def _forms(rubric: Rubric) -> list[_Form]:
    return [_Form(form, p, c, term, criterion.name)
            for p, pillar in enumerate(rubric.pillars)
            for c, criterion in enumerate(pillar.criteria)
            for term in criterion.terms for form in term.forms]


def yaml_lines(text: str, source: str) -> tuple[dict[str, int], dict[tuple[int, int], dict[str, int]]]:
    """Line of every term form, and of every criterion's keys ("" is the criterion itself).
    Only for a text that loads as a rubric (forms are unique there)."""
    root = parse_yaml(text, source)
    forms: dict[str, int] = {}
    criteria: dict[tuple[int, int], dict[str, int]] = {}
    for p, pillar in enumerate(root.get("pillars") or []):
        for c, node in enumerate(pillar.get("criteria") or []):
            criteria[(p, c)] = {"": node.line, **node.key_lines}
            terms = node.get("terms") or []
            for t, item in enumerate(terms):
                if isinstance(item, str):
                    forms.setdefault(item.strip(), terms.item_lines[t])
                    continue
                forms.setdefault(str(item.get("term", "")).strip(), item.key_lines.get("term", item.line))
                aliases = item.get("aliases") or []
                for a, alias in enumerate(aliases):
                    forms.setdefault(str(alias).strip(), aliases.item_lines[a])
            cues = node.get("cues") or []
            for i, cue in enumerate(cues if isinstance(cues, list) else []):
                forms.setdefault(str(cue).strip(), cues.item_lines[i])
    return forms, criteria


def _plain(forms: Iterable[_Form]) -> list[_Form]:
    return [f for f in forms if PART_SEPARATOR not in f.text]


def _shown(form: str) -> str:
    return form.replace(PART_SEPARATOR, "…")


def _check_normalized(forms: list[_Form], line: dict[str, int]) -> list[LintWarning]:
    found = []
    first: dict[str, _Form] = {}
    for form in forms:
        folded = normalize(form.text)
        if folded != form.text:
            found.append(LintWarning(line.get(form.text, 0), "normalize",
                                     f"“{_shown(form.text)}”含繁体字或全角字符；文章在匹配前会转成"
                                     f"“{_shown(folded)}”，这样写永远不会命中，请改为“{_shown(folded)}”"))
        other = first.setdefault(folded, form)
        if other is not form and other.term is not form.term:
            where = "同一标准" if (other.pillar, other.criterion) == (form.pillar, form.criterion) \
                else f"标准「{other.criterion_name}」"
            found.append(LintWarning(line.get(form.text, 0), "duplicate",
                                     f"“{_shown(form.text)}”（标准「{form.criterion_name}」）与{where}中第 "
                                     f"{line.get(other.text, 0)} 行的“{_shown(other.text)}”只有繁简或全半角"
                                     "之别，是同一个词"))
    return found


def _check_shadowing(forms: list[_Form], line: dict[str, int]) -> list[LintWarning]:
    found = []
    plain = sorted(_plain(forms), key=lambda f: len(f.text))
    for i, short in enumerate(plain):
        for long in plain[i + 1:]:
            # A cue is a general word by design ("带头", "学习"): a longer term that contains one
            # is meant to win, so only terms can be shadowed.
            if (not short.term.cue and short.text in long.text and len(long.text) > len(short.text)
                    and (short.pillar, short.criterion) != (long.pillar, long.criterion)):
                found.append(LintWarning(
                    line.get(long.text, 0), "shadow",
                    f"“{long.text}”（标准「{long.criterion_name}」）包含标准「{short.criterion_name}」的"
                    f"“{short.text}”（第 {line.get(short.text, 0)} 行）：文中写“{long.text}”时只算前者，"
                    "匹配优先取最长的词"))
    return found


def _word_lines(forms: list[_Form], line: dict[str, int]) -> dict[str, int]:
    """Every word the matcher looks for (plain forms and the parts of "a+b") -> a line."""
    lines: dict[str, int] = {}
    for form in forms:
        for part in form.text.split(PART_SEPARATOR):
            lines.setdefault(part, line.get(form.text, 0))
    return lines


def _check_split(words: dict[str, int], cut: Words) -> list[LintWarning]:
    found = []
    for word, at in words.items():
        if normalize(word) != word:
            continue  # reported as such; the essay never contains this spelling
        tokens = [t for t in cut(word) if t.strip()]
        if len(tokens) > 1:
            shown = " / ".join(tokens)
            found.append(LintWarning(at, "split", f"分词器即使把“{word}”加入词典，仍切成“{shown}”："
                                                  "只有前后恰好是词语边界时才会命中"))
    return found


def _check_examples(rubric: Rubric, forms: list[_Form], line: dict[str, int],
                    examples: list[tuple[str, str]], token_starts: TokenStarts) -> list[LintWarning]:
    """Terms no essay of the corpus scores, and words that occur there but always straddle tokens."""
    matcher = matcher_for(rubric)
    words = _word_lines(forms, line)
    hit_terms: set[Term] = set()
    seen: dict[str, int] = {}  # word -> occurrences
    counted: dict[str, int] = {}  # word -> occurrences on word boundaries
    first_seen: dict[str, str] = {}
    for name, text in examples:
        starts = token_starts(text)
        hits = find_hits(text, matcher, starts, Locator(text).sentence_index)
        hit_terms.update(matcher.terms[form].term for _, form in hits)
        spans = [(start, start + len(form), matcher.terms[form].term) for start, form in hits
                 if PART_SEPARATOR not in form]
        for word in words:
            at = text.find(word)
            while at != -1:
                end = at + len(word)
                seen[word] = seen.get(word, 0) + 1
                owner = matcher.terms[word].term if word in matcher.terms else None
                if within_words(at, end, starts, len(text)) or any(
                        s < end and at < e and t == owner for s, e, t in spans):
                    counted[word] = counted.get(word, 0) + 1
                elif word not in first_seen:
                    first_seen[word] = _context(name, text, at, end, starts)
                at = text.find(word, at + 1)
    found = [LintWarning(words[w], "straddle", f"“{w}”在对照文章中出现 {n} 次，但都跨越了词语边界，没有计分"
                                               f"（如 {first_seen[w]}）；若不是误配，请换一种写法")
             for w, n in seen.items() if not counted.get(w)]
    reported: set[Term] = set()
    for form in forms:
        term = form.term
        if term not in hit_terms and term not in reported:
            reported.add(term)
            more = f"及其 {len(term.aliases)} 个别名" if term.aliases else ""
            found.append(LintWarning(line.get(term.term, 0), "unseen",
                                     f"“{_shown(term.term)}”{more}（标准「{form.criterion_name}」）在 "
                                     f"{len(examples)} 篇对照文章中一次也没有命中"))
    return found


def _context(name: str, text: str, start: int, end: int, starts: list[int]) -> str:
    """'file 第 N 行：a / b / c', the tokens around an occurrence."""
    row = text.count("\n", 0, start) + 1
    bounds = [*starts, len(text)]
    tokens = [text[a:b] for a, b in pairwise(bounds)
              if b > start - 3 and a < end + 3 and text[a:b].strip()]
    return f"{name} 第 {row} 行：{' / '.join(tokens)}"


def _check_criteria(rubric: Rubric, criteria_lines: dict[tuple[int, int], dict[str, int]],
                    min_terms: int) -> list[LintWarning]:
    found = []
    for p, pillar in enumerate(rubric.pillars):
        for c, criterion in enumerate(pillar.criteria):
            at = criteria_lines.get((p, c), {})
            distinct = len({normalize(t.term) for t in criterion.terms})
            if distinct < min_terms:
                found.append(LintWarning(at.get("terms", at.get("", 0)), "few-terms",
                                         f"标准「{criterion.name}」只有 {distinct} 个词条（建议至少 "
                                         f"{min_terms} 个），换一种说法写的文章就得不到分"))
            total = sum(t.weight for t in criterion.terms)
            if total < criterion.min_hits:
                found.append(LintWarning(at.get("min_hits", at.get("", 0)), "unreachable",
                                         f"标准「{criterion.name}」的 min_hits 为 {criterion.min_hits:g}，"
                                         f"但全部词条的权重之和只有 {total:g}，永远得不到满分"))
    return found


def lint(rubric: Rubric, text: str, cut: Words, token_starts: TokenStarts,
         examples: list[tuple[str, str]] | None = None,
         min_terms: int = DEFAULT_MIN_TERMS) -> list[LintWarning]:
    """Warnings about a rubric that loads: sorted by line. The segmenter must already know the
    rubric's words (pipeline.prepare); examples are (name, normalised text), None to skip."""
    form_line, criteria_lines = yaml_lines(text, rubric.source)
    forms = _forms(rubric)
    found = [*_check_normalized(forms, form_line), *_check_shadowing(forms, form_line),
             *_check_split(_word_lines(forms, form_line), cut),
             *_check_criteria(rubric, criteria_lines, min_terms)]
    if examples:
        found += _check_examples(rubric, forms, form_line, examples, token_starts)
    order = list(CHECKS)
    return sorted(found, key=lambda w: (w.line, order.index(w.check)))
