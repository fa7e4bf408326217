"""Fixed formulas written wrong: 四个意识 (政治意识、大局意识、核心意识、看齐意识), 四个自信, 两个维护,
不忘初心、牢记使命 … (data/formulas.yaml, with the source and year of each).

- A wrong count in the formula's name: 三个意识 for 四个意识.
- Items out of order, where the order is fixed: items of one formula that follow each other
  with only separators between them (牢记使命、不忘初心).
- Missing, wrong or extra items: in a list of like items (…意识、…意识、…) that holds at least
  three items of a formula and all but one of them, the items left out and the items that do
  not belong (服务意识 among the 四个意识).

Every finding's suggestion gives the correct formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from ..cache import cached
from ..score import Finding
from . import Essay, data_text

ID = "formula"
TITLE = "固定表述"
SEVERITY = "error"
OPTIONS: dict = {}
MUST_TRIGGER = [
    "全体党员要牢固树立“三个意识”。",
    "增强政治意识、核心意识、大局意识、看齐意识。",
    "增强政治意识、大局意识、核心意识。",
    "增强政治意识、大局意识、核心意识、服务意识。",
    "坚定道路自信、理论自信、文化自信、制度自信。",
    "我们要牢记使命、不忘初心，奋力前行。",
    "严格落实三会一课制度：支部委员会、支部党员大会、党小组会和党课。",
    "协调推进“五个全面”战略布局。",
]
MUST_NOT = [
    "全体党员要牢固树立“四个意识”。",
    "增强政治意识、大局意识、核心意识、看齐意识。",
    "增强政治意识、大局意识。",
    "牢牢掌握意识形态工作领导权，三个意识形态领域的问题要分清。",
    "坚定道路自信、理论自信、制度自信、文化自信。",
    "不忘初心、牢记使命，奋力前行。",
    "只有牢记使命，才能不忘初心。",
    "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。",
    "增强责任意识、服务意识、大局意识。",
]

NUMERALS = "一二两三四五六七八九十"
COUNT_NAME = re.compile(f"^([{NUMERALS}])个(.+)$")
SENTENCE = re.compile(r"[^。！？!?；;\n]+")
SEPARATORS = re.compile(r"以及|、|，|,|和|与|及")
GAP = re.compile(r"^(?:[、，,；;\s“”‘’\"']|和|与|及|以及|并|坚决)*$")


@dataclass(frozen=True)
class Formula:
    name: str
    items: tuple[tuple[str, ...], ...]  # each item with its accepted spellings, the usual first
    ordered: bool
    shape: re.Pattern | None
    closed: bool
    source: str
    year: int

    @property
    def whole(self) -> str:
        separator = "，" if any("、" in item[0] for item in self.items) else "、"
        return separator.join(item[0] for item in self.items)

    def which(self, text: str) -> int | None:
        """The item that `text` (a list segment) names, or None."""
        return next((i for i, item in enumerate(self.items) if any(form in text for form in item)), None)


@dataclass(frozen=True)
class _Entry:
    """One formula as data/formulas.yaml gives it (kept in the cache: reading the YAML takes
    longer than the rest of a short check's writing rules)."""

    name: str
    items: tuple[str, ...]
    ordered: bool
    shape: str | None
    closed: bool
    source: str
    year: int


def _read_formulas() -> tuple[_Entry, ...]:
    import yaml

    return tuple(_Entry(entry["name"], tuple(entry["items"]), bool(entry.get("ordered", True)),
                        entry.get("shape") or None, bool(entry.get("closed", True)), str(entry["source"]),
                        int(entry["year"]))
                 for entry in yaml.safe_load(data_text("formulas.yaml")))


@cache
def formulas() -> tuple[Formula, ...]:
    entries = cached("formulas", data_text("formulas.yaml").encode(), _read_formulas, tuple[_Entry, ...])
    return tuple(Formula(e.name, tuple(tuple(item.split("|")) for item in e.items), e.ordered,
                         re.compile(e.shape) if e.shape else None, e.closed, e.source, e.year)
                 for e in entries)


@cache
def _count_pattern() -> tuple[re.Pattern, dict[str, tuple[Formula, str]]]:
    """One pattern for every "N个…" name, and tail -> (formula, its numeral)."""
    tails = {}
    for formula in formulas():
        match = COUNT_NAME.match(formula.name)
        if match:
            tails[match.group(2)] = (formula, match.group(1).replace("二", "两"))
    alternatives = "|".join(re.escape(tail) for tail in sorted(tails, key=len, reverse=True))
    return re.compile(f"(?<![第{NUMERALS}])([{NUMERALS}])个({alternatives})"), tails


@cache
def _item_pattern() -> re.Pattern:
    """Any spelling of any item: a line without one needs no further look."""
    forms = {form for f in formulas() for item in f.items for form in item}
    return re.compile("|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))


def _ends_word(line: str, start: int, end: int, words: Callable[[str], list[str]] | None) -> bool:
    """True when `end` is a word boundary (三个意识 but not 三个意识形态)."""
    if words is None:
        return True
    offset = start
    for token in words(line[start:end + 4]):
        offset += len(token)
        if offset >= end:
            return offset == end
    return True


def _count_slips(line: str, words: Callable[[str], list[str]] | None) -> Iterator[tuple[int, str, str]]:
    pattern, tails = _count_pattern()
    for match in pattern.finditer(line):
        formula, number = tails[match.group(2)]
        wrong = match.group(1).replace("二", "两") != number
        if wrong and _ends_word(line, match.start(), match.end(), words):
            yield match.start(), f"“{match.group()}”应为“{formula.name}”（{formula.whole}）", formula.name


def _order_slips(sentence: str, formula: Formula) -> Iterator[tuple[int, str]]:
    """Items of the formula that follow each other with only separators between them, in the
    wrong order."""
    found = []
    for index, item in enumerate(formula.items):
        for form in item:
            at = sentence.find(form)
            while at >= 0:
                found.append((at, at + len(form), index))
                at = sentence.find(form, at + 1)
    found.sort()
    chain = found[:1]
    for current in found[1:]:
        if GAP.match(sentence[chain[-1][1]:current[0]]) and current[0] >= chain[-1][1]:
            chain.append(current)
            continue
        yield from _chain_order(chain, formula)
        chain = [current]
    yield from _chain_order(chain, formula)


def _chain_order(chain: list[tuple[int, int, int]], formula: Formula) -> Iterator[tuple[int, str]]:
    indexes = [index for _, _, index in chain]
    if len(set(indexes)) >= 2 and indexes != sorted(indexes):
        yield chain[0][0], f"“{formula.name}”的顺序应为：{formula.whole}"


def _list_slips(sentence: str, formula: Formula) -> Iterator[tuple[int, str]]:
    """Missing and wrong items in a list of like items that is mostly this formula."""
    assert formula.shape is not None
    segments = [(m.start(), m.group()) for m in re.finditer(f"(?:(?!{SEPARATORS.pattern}).)+", sentence)]
    run: list[tuple[int, str]] = []
    end = 0
    for segment in [*segments, (len(sentence), "")]:
        core = segment[1].strip(" “”‘’\"'")
        before, end = sentence[end:segment[0]], segment[0] + len(segment[1])
        if core and formula.shape.search(core):
            # After a comma, an item with words of its own before it opens another clause, not
            # the next item of the list (推进伟大工程，要结合伟大斗争、伟大事业).
            if run and ("，" in before or "," in before) and _leading(core, formula):
                yield from _judge_run(run, formula, sentence)
                run = []
            run.append((segment[0], core))
            continue
        # The last item may run on into the words that follow the list (生态文明建设总体布局).
        if run and any(core.startswith(form) for item in formula.items for form in item):
            run.append((segment[0], core))
        yield from _judge_run(run, formula, sentence)
        run = []


def _leading(core: str, formula: Formula) -> bool:
    """Whether words come before the formula's item in a list segment (推进伟大事业)."""
    index = formula.which(core)
    return index is not None and min(core.find(f) for f in formula.items[index] if f in core) > 0


def _judge_run(run: list[tuple[int, str]], formula: Formula, sentence: str) -> Iterator[tuple[int, str]]:
    named = [formula.which(text) for _, text in run]
    present = {index for index in named if index is not None}
    if len(present) < max(3, len(formula.items) - 1):
        return
    # Each item with a verb of its own (进行伟大斗争、推进伟大事业、实现伟大梦想, 党的十九大报告)
    # is a series of actions that may name some of the items, not the formula listed short.
    series = all(_leading(text, formula) for _, text in run)
    # An item named elsewhere in the sentence is not missing (推进伟大工程，要结合伟大斗争、…).
    missing = [item[0] for i, item in enumerate(formula.items)
               if i not in present and not any(form in sentence for form in item)]
    wrong = [text for (_, text), index in zip(run, named, strict=True) if index is None]
    problems = []
    if missing and not series:
        problems.append(f"缺少“{'、'.join(missing)}”")
    if wrong and formula.closed:
        problems.append(f"“{'、'.join(wrong)}”不属于其中")
    if problems:
        yield run[0][0], f"“{formula.name}”{'，'.join(problems)}：应为{formula.whole}"
    elif formula.ordered and [i for i in named if i is not None] != sorted(present):
        yield run[0][0], f"“{formula.name}”的顺序应为：{formula.whole}"


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    all_formulas = formulas()
    for number, line in enumerate(essay.lines, start=1):
        spots: dict[int, tuple[str, str]] = {}
        for at, message, suggestion in _count_slips(line, essay.words):
            spots.setdefault(at, (message, suggestion))
        if not _item_pattern().search(line):
            yield from _findings(number, spots)
            continue
        for match in SENTENCE.finditer(line):
            sentence = match.group()
            for formula in all_formulas:
                if sum(1 for item in formula.items if any(form in sentence for form in item)) < 2:
                    continue
                listed = list(_list_slips(sentence, formula)) if formula.shape else []
                for at, message in listed or list(_order_slips(sentence, formula)):
                    spots.setdefault(match.start() + at, (message, formula.whole))
        yield from _findings(number, spots)


def _findings(number: int, spots: dict[int, tuple[str, str]]) -> Iterator[Finding]:
    for at in sorted(spots):
        message, suggestion = spots[at]
        yield Finding(ID, SEVERITY, number, at + 1, message, suggestion)
