"""Load and validate a YAML rubric into frozen dataclasses.

This is the only module that knows the rubric schema (documented in docs/rubric.md).
Every problem found is collected, so a rubric author sees all of them in one run.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ProblemsError
from ..printable import printable
from .yamlload import LineDict, YamlError, parse_yaml

DEFAULT_RUBRIC = "dangjian-neihan"
SCHEMA_VERSION = 1
MAX_RUBRIC_BYTES = 1_000_000
MAX_NUMBER = 1e6  # weights, min_hits, verdict thresholds
TERM_PATTERN = re.compile(r"^[\w·\-]+$")
# "党建+业务": every part within one sentence, in any order (see docs/rubric.md).
PART_SEPARATOR = "+"
MAX_PARTS = 3
MAX_TERM_CHARS = 40  # the longest packaged term has 13 characters
# A term needs a letter or a Han character: "-", "---", "·" or "_" alone would match any dash.
HAS_LETTER = re.compile(r"[^\W\d_]")


class RubricError(ProblemsError):
    """A rubric that cannot be used."""


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    weight: float
    cue: bool = False  # from `cues`: counts only in a sentence about Party work (Scoring.context)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    description: str
    weight: float
    min_hits: float
    terms: tuple[Term, ...]
    # (setting, practice): one concrete practice per kind of workplace (村, 企业, 医院 …), for advice
    examples: tuple[tuple[str, str], ...] = ()
    business_words: bool = False  # Party sentences in the text's own business words count here


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    description: str
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    min: float


@dataclass(frozen=True)
class LengthRange:
    min: int
    max: int


@dataclass(frozen=True)
class DatedPhrase:
    phrase: str
    note: str


@dataclass(frozen=True)
class Scoring:
    """How a pillar's evidence becomes its score (docs/rubric.md, 方面得分). Evidence counts only
    where the text is about Party work: a term that holds a `context` word itself, or one in a
    paragraph that holds one (a word of `not_context`, such as 团支部, does not count), or
    anywhere in a text that is about Party work as a whole: its title holds a context word, or
    at least `party_text_share` of its paragraphs do."""

    window: int = 600  # characters: the stretch of text where the pillar is argued most densely
    sentence_points: float = 0.5  # per evidence sentence in that stretch beyond the first
    sentence_cap: float = 1.0  # at most this much term weight per sentence of the stretch
    sentence_ceiling: float = 0.9  # at most this many points per sentence speaking to the pillar
    outside_points: float = 0.25  # per unit of term weight found only outside it (at most 1)
    outside_cap: float = 2.0  # term weight outside the stretch counted at most
    cue_weight: float = 0.5  # weight of each word of a criterion's `cues`
    cue_cap: float = 2.0  # at most this much weight from cues in a pillar (or in its stretch)
    listed_points: float = 0.3  # at most this from terms in pasted lists and titles
    hollow_points: float = 0.43  # at most this from terms in stock phrases: a slogan is a passing mention
    criterion_points: float = 0.5  # per criterion reached beyond the first
    offset: float = 0.1  # points that earn nothing: one weak word alone is not yet a mention
    scale: float = 2.0  # points beyond the offset at which a pillar has 63 (100 × (1 − 1/e))
    context_reach: int = 1  # a cue counts up to this many sentences after a context word
    party_text_share: float = 0.3  # paragraphs holding a context word that make a Party text
    business_repeats: int = 2  # sentences outside Party ones that make a word the unit's business
    context: tuple[str, ...] = ("党", "支部", "支书", "书记")
    not_context: tuple[str, ...] = ("团支部", "团支书", "团委书记")


@dataclass(frozen=True)
class Rubric:
    id: str
    name: str
    version: str
    description: str
    verdicts: tuple[Verdict, ...]
    pillars: tuple[Pillar, ...]
    source: str
    sha256: str
    length: LengthRange | None = None
    dated: tuple[DatedPhrase, ...] = ()
    scoring: Scoring = Scoring()
    # rule id -> that rule's settings; the rules package validates what is inside
    rules: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)

    def verdict_for(self, score: float) -> Verdict:
        for verdict in self.verdicts:
            if score >= verdict.min:
                return verdict
        return self.verdicts[-1]

    def business_criterion(self) -> tuple[int, int] | None:
        """(pillar, criterion) index of the criterion marked `business_words`, if any."""
        return next(((p, c) for p, pillar in enumerate(self.pillars)
                     for c, criterion in enumerate(pillar.criteria) if criterion.business_words), None)

    def all_words(self) -> list[str]:
        """Every word the rubric looks for: plain forms, cues and the parts of "a+b" forms."""
        return [part for p in self.pillars for c in p.criteria for t in c.terms
                for form in t.forms for part in form.split(PART_SEPARATOR)]


# --- schema validation ------------------------------------------------------------------

class _Checker:
    """Reads values out of the parsed YAML, recording a problem instead of raising."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def problem(self, path: str, node: Any, message: str) -> None:
        """Record a problem at the line of the key the path ends with, else of the node."""
        key = path.rsplit(".", 1)[-1]
        line = getattr(node, "key_lines", {}).get(key) or getattr(node, "line", 0)
        where = f"{self.source}:{line}" if line else self.source
        self.problems.append(f"{where}: {path}: {message}")

    def mapping(self, node: Any, path: str) -> dict:
        if not isinstance(node, dict):
            self.problem(path, node, "应为映射（expected a mapping）")
            return LineDict()
        return node

    def text(self, node: dict, key: str, path: str, required: bool = True) -> str:
        value = node.get(key)
        if value is None and not required:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool) and key == "version":
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{path}.{key}", node, "应为非空字符串（expected a non-empty string）")
            return ""
        return value.strip()

    def number(self, node: dict, key: str, path: str, default: float | None) -> float:
        value = node.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{path}.{key}", node, "应为数字（expected a number）")
            return 1.0
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            number = math.inf
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            self.problem(f"{path}.{key}", node, f"应为不超过 {MAX_NUMBER:g} 的有限数"
                         f"（expected a finite number up to {MAX_NUMBER:g}）")
            return 1.0
        if number <= 0 and key != "min":
            self.problem(f"{path}.{key}", node, f"应为正数，实际为 {value}（expected a positive number）")
        return number

    def items(self, node: dict, key: str, path: str) -> list:
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.problem(f"{path}.{key}", node, "应为非空列表（expected a non-empty list）")
            return []
        return value

    def unknown_keys(self, node: dict, allowed: set[str], path: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(f"{path}.{printable(str(key))}", node,
                             f"未知的键（unknown key; expected one of: {', '.join(sorted(allowed))}）")


def _term(check: _Checker, node: Any, path: str, parent: Any) -> Term | None:
    if isinstance(node, str):
        node = LineDict(term=node)
        node.line = getattr(parent, "line", 0)
    if not isinstance(node, dict):
        check.problem(path, parent,
                      "应为字符串或含 term 的映射（expected a string or a mapping with 'term'）")
        return None
    check.unknown_keys(node, {"term", "aliases", "weight"}, path)
    term = check.text(node, "term", path)
    aliases = node.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        check.problem(f"{path}.aliases", node, "应为字符串列表（expected a list of strings）")
        aliases = []
    forms = [term, *(a.strip() for a in aliases)] if term else []
    for form in forms:
        parts = form.split(PART_SEPARATOR)
        if not form or not all(TERM_PATTERN.match(part) for part in parts):
            check.problem(path, node, f"词条 {form!r} 为空或含标点、空格（terms are words: no "
                          "punctuation or spaces; 'a+b' joins words that must share a sentence）")
        elif not all(HAS_LETTER.search(part) for part in parts):
            check.problem(path, node, f"词条 {form!r} 须含汉字或字母（a term needs a letter or "
                          "Han character, not only punctuation or digits）")
        elif len(form) > MAX_TERM_CHARS:
            check.problem(path, node, f"词条 {form[:12]!r}… 过长（{len(form)} 字，上限 {MAX_TERM_CHARS}；"
                          f"terms have at most {MAX_TERM_CHARS} characters）")
        elif len(parts) > MAX_PARTS or (len(parts) > 1 and min(map(len, parts)) < 2):
            check.problem(path, node, f"组合词条 {form!r} 应由 2–{MAX_PARTS} 个至少两字的词组成"
                          f"（'a+b' takes 2-{MAX_PARTS} words of 2+ characters）")
    weight = check.number(node, "weight", path, 1)
    if not term:
        return None
    return Term(term=term, aliases=tuple(a.strip() for a in aliases), weight=weight)


def _cues(check: _Checker, node: dict, path: str, weight: float) -> list[Term]:
    raw = node.get("cues", [])
    if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
        check.problem(f"{path}.cues", node, "应为字符串列表（expected a list of strings）")
        return []
    cues = []
    for cue in (c.strip() for c in raw):
        if (len(cue) < 2 or len(cue) > MAX_TERM_CHARS or not TERM_PATTERN.match(cue)
                or not HAS_LETTER.search(cue) or PART_SEPARATOR in cue):
            check.problem(f"{path}.cues", node, f"线索词 {cue!r} 应为至少两个字、不含标点的词"
                          "（cues are words of 2+ characters, no punctuation）")
        else:
            cues.append(Term(term=cue, aliases=(), weight=weight, cue=True))
    return cues


def _criterion(check: _Checker, node: Any, path: str, cue_weight: float) -> Criterion:
    node = check.mapping(node, path)
    check.unknown_keys(node, {"id", "name", "description", "weight", "min_hits", "terms", "cues", "examples",
                              "business_words"}, path)
    business_words = node.get("business_words", False)
    if not isinstance(business_words, bool):
        check.problem(f"{path}.business_words", node, "应为 true 或 false（expected true or false）")
        business_words = False
    raw_terms = node.get("terms")
    terms: list[Term] = []
    if not isinstance(raw_terms, list) or not raw_terms:
        check.problem(f"{path}.terms", node, "应为字符串列表（expected a list of strings）")
    else:
        for i, raw in enumerate(raw_terms):
            term = _term(check, raw, f"{path}.terms[{i}]", raw_terms)
            if term:
                terms.append(term)
    terms += _cues(check, node, path, cue_weight)
    return Criterion(
        id=check.text(node, "id", path),
        name=check.text(node, "name", path),
        description=check.text(node, "description", path, required=False),
        weight=check.number(node, "weight", path, 1),
        min_hits=check.number(node, "min_hits", path, 3),
        terms=tuple(terms),
        examples=_examples(check, node, path),
        business_words=business_words,
    )


def _examples(check: _Checker, node: dict, path: str) -> tuple[tuple[str, str], ...]:
    raw = node.get("examples", {})
    if not isinstance(raw, dict) or not all(isinstance(k, str) and k.strip() and isinstance(v, str)
                                            and v.strip() for k, v in raw.items()):
        check.problem(f"{path}.examples", node, "应为“单位类型: 做法举例”的映射，如 {村: …, 企业: …}"
                      "（expected a mapping of setting to a non-empty example）")
        return ()
    return tuple((k.strip(), v.strip()) for k, v in raw.items())


def _pillar(check: _Checker, node: Any, path: str, cue_weight: float) -> Pillar:
    node = check.mapping(node, path)
    check.unknown_keys(node, {"id", "name", "description", "weight", "criteria"}, path)
    criteria = [
        _criterion(check, raw, f"{path}.criteria[{i}]", cue_weight)
        for i, raw in enumerate(check.items(node, "criteria", path))
    ]
    return Pillar(
        id=check.text(node, "id", path),
        name=check.text(node, "name", path),
        description=check.text(node, "description", path, required=False),
        weight=check.number(node, "weight", path, 1),
        criteria=tuple(criteria),
    )


def _verdicts(check: _Checker, root: dict) -> tuple[Verdict, ...]:
    raw = root.get("verdicts")
    if raw is None:
        return (Verdict("excellent", "优秀", 80), Verdict("good", "良好", 65),
                Verdict("pass", "合格", 45), Verdict("weak", "需加强", 0))
    verdicts = []
    for i, node in enumerate(check.items(root, "verdicts", "")):
        path = f"verdicts[{i}]"
        node = check.mapping(node, path)
        check.unknown_keys(node, {"id", "label", "min"}, path)
        verdicts.append(Verdict(check.text(node, "id", path), check.text(node, "label", path),
                                check.number(node, "min", path, None)))
    return tuple(sorted(verdicts, key=lambda v: -v.min))


def _length(check: _Checker, root: dict) -> LengthRange | None:
    node = root.get("length")
    if node is None:
        return None
    node = check.mapping(node, "length")
    check.unknown_keys(node, {"min", "max"}, "length")
    low, high = node.get("min", 0), node.get("max", 10**9)
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (low, high)) or low > high:
        check.problem("length", node, "应为 {min, max} 两个非负整数且 min <= max（expected whole numbers）")
        return None
    return LengthRange(low, high)


def _dated(check: _Checker, root: dict) -> tuple[DatedPhrase, ...]:
    found: list[DatedPhrase] = []
    raw = root.get("dated") or []
    if not isinstance(raw, list):
        check.problem("dated", root, "应为列表，每项含 phrase 和 note（expected a list of {phrase, note}）")
        return tuple(found)
    for i, node in enumerate(raw):
        path = f"dated[{i}]"
        node = check.mapping(node, path)
        check.unknown_keys(node, {"phrase", "note"}, path)
        found.append(DatedPhrase(check.text(node, "phrase", path), check.text(node, "note", path)))
    return tuple(found)


def _scoring(check: _Checker, root: dict) -> Scoring:
    node = root.get("scoring")
    if node is None:
        return Scoring()
    node = check.mapping(node, "scoring")
    defaults = Scoring()
    numbers = {"window": (100, 20000), "sentence_points": (0, 10), "outside_points": (0, 1),
               "cue_weight": (0, 10), "cue_cap": (0, 100), "sentence_cap": (0.1, 100),
               "listed_points": (0, 10), "hollow_points": (0, 10), "outside_cap": (0, 100),
               "criterion_points": (0, 10), "offset": (0, 10), "scale": (0.1, 100),
               "context_reach": (0, 20), "sentence_ceiling": (0.1, 100), "party_text_share": (0, 1),
               "business_repeats": (1, 100)}
    check.unknown_keys(node, {*numbers, "context", "not_context"}, "scoring")
    values: dict[str, Any] = {}
    for key, (low, high) in numbers.items():
        value = node.get(key, getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            check.problem(f"scoring.{key}", node, f"应为 {low}–{high} 之间的数（expected a number "
                          f"from {low} to {high}）")
            continue
        values[key] = int(value) if key in ("window", "context_reach", "business_repeats") else float(value)
    for key in ("context", "not_context"):
        words = node.get(key, list(getattr(defaults, key)))
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            check.problem(f"scoring.{key}", node, "应为字符串列表（expected a list of strings）")
            continue
        values[key] = tuple(w.strip() for w in words)
    return Scoring(**values)


def _rules(check: _Checker, root: dict) -> dict[str, dict[str, Any]]:
    node = root.get("rules") or {}
    if not isinstance(node, dict) or not all(isinstance(v, dict) for v in node.values()):
        check.problem("rules", root, "应为“规则名: 设置”的映射（expected a mapping of rule id to settings）")
        return {}
    return {str(k): dict(v) for k, v in node.items()}


def _form_lines(raw: Any) -> dict[str, list[int]]:
    """Lines of each term, alias and cue written in a raw criterion, in order."""
    lines: dict[str, list[int]] = {}
    if not isinstance(raw, LineDict):
        return lines

    def add(items: Any, key_line: int = 0) -> None:
        if isinstance(items, list):
            for i, item in enumerate(items):
                line = items.item_lines[i] if i < len(getattr(items, "item_lines", [])) else key_line
                if isinstance(item, str):
                    lines.setdefault(item.strip(), []).append(line)
                elif isinstance(item, LineDict):
                    term_line = item.key_lines.get("term", line)
                    lines.setdefault(str(item.get("term", "")).strip(), []).append(term_line)
                    add(item.get("aliases"), item.key_lines.get("aliases", line))

    add(raw.get("terms"), raw.key_lines.get("terms", raw.line))
    add(raw.get("cues"), raw.key_lines.get("cues", raw.line))
    return lines


def _check_unique(check: _Checker, pillars: list[Pillar], raw_pillars: list) -> None:
    """Ids and terms used twice, each reported at its second line with the first one's."""
    seen: dict[tuple[str, str], tuple[str, int]] = {}

    def claim(kind: str, key: str, where: str, line: int) -> None:
        if key and (kind, key) in seen:
            first, first_line = seen[(kind, key)]
            at = f"{check.source}:{line}" if line else check.source
            earlier = f"第 {first_line} 行已有" if first_line else f"{first} 已有"
            check.problems.append(f"{at}: {where}: 重复的{kind} {key!r}，{earlier}（duplicate {kind}; "
                                  f"first at {first}）")
        elif key:
            seen[(kind, key)] = (where, line)

    def raw_at(items: Any, index: int) -> Any:
        return items[index] if isinstance(items, list) and index < len(items) else None

    def id_line(raw: Any) -> int:
        return raw.key_lines.get("id", raw.line) if isinstance(raw, LineDict) else 0

    marked = [f"pillars[{p}].criteria[{c}]" for p, pillar in enumerate(pillars)
              for c, criterion in enumerate(pillar.criteria) if criterion.business_words]
    if len(marked) > 1:
        check.problems.append(f"{check.source}: {marked[1]}: business_words 只能标在一项标准上"
                              f"（only one criterion may take business words; first at {marked[0]}）")
    for p_index, pillar in enumerate(pillars):
        raw_pillar = raw_at(raw_pillars, p_index)
        claim("id", pillar.id, f"pillars[{p_index}]", id_line(raw_pillar))
        raw_criteria = raw_pillar.get("criteria") if isinstance(raw_pillar, LineDict) else None
        for c_index, criterion in enumerate(pillar.criteria):
            raw_criterion = raw_at(raw_criteria, c_index)
            where = f"pillars[{p_index}].criteria[{c_index}]"
            claim("id", criterion.id, where, id_line(raw_criterion))
            form_lines = _form_lines(raw_criterion)
            for t_index, term in enumerate(criterion.terms):
                for form in term.forms:
                    written = form_lines.get(form) or [0]
                    line = written.pop(0) if len(written) > 1 else written[0]  # the next one written
                    claim("term", form, f"{where}.terms[{t_index}]", line)


def parse_rubric(text: str, source: str) -> Rubric:
    """Parse rubric YAML text; raise RubricError listing every problem found."""
    if len(text.encode("utf-8")) > MAX_RUBRIC_BYTES:
        raise RubricError([f"{source}: 评分标准文件过大（超过 {MAX_RUBRIC_BYTES // 1000} KB）"])
    try:
        data = parse_yaml(text, source)
    except YamlError as exc:
        raise RubricError([str(exc)]) from None
    check = _Checker(source)
    root = check.mapping(data, "(top level)")
    check.unknown_keys(root, {"schema_version", "id", "name", "version", "description",
                              "verdicts", "pillars", "length", "dated", "rules", "scoring"}, "")
    version = root.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        check.problem("schema_version", root, f"不支持的版本 {version!r}（expected {SCHEMA_VERSION}）")
    scoring = _scoring(check, root)
    raw_pillars = check.items(root, "pillars", "") if root else []
    pillars = [_pillar(check, raw, f"pillars[{i}]", scoring.cue_weight) for i, raw in enumerate(raw_pillars)]
    _check_unique(check, pillars, raw_pillars)
    rubric = Rubric(
        id=check.text(root, "id", ""),
        name=check.text(root, "name", ""),
        version=check.text(root, "version", "", required=False) or "0",
        description=check.text(root, "description", "", required=False),
        verdicts=_verdicts(check, root),
        pillars=tuple(pillars),
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        length=_length(check, root),
        dated=_dated(check, root),
        scoring=scoring,
        rules=_rules(check, root),
    )
    if check.problems:
        # Paths were written with a leading dot for top-level keys; drop it for readability.
        raise RubricError([p.replace(": .", ": ", 1) for p in check.problems])
    return rubric


def packaged_rubric_path(name: str = DEFAULT_RUBRIC) -> Path:
    """Where the named packaged rubric lives: inside the wheel, or in a source checkout."""
    packaged = resources.files("djscore") / "rubrics" / f"{name}.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rubrics" / f"{name}.yaml"


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load a rubric file (the packaged default when path is None)."""
    target = Path(path) if path is not None else packaged_rubric_path()
    source = str(path) if path is not None else target.name
    from ..inputs import InputError
    from ..inputs.decode import read_regular

    try:
        if target.stat().st_size > MAX_RUBRIC_BYTES:
            raise RubricError([f"{source}: 评分标准文件过大（超过 {MAX_RUBRIC_BYTES // 1000} KB）"])
        raw = read_regular(str(target), MAX_RUBRIC_BYTES + 1)  # a FIFO or /dev/zero: refused
        if len(raw) > MAX_RUBRIC_BYTES:
            raise RubricError([f"{source}: 评分标准文件过大（超过 {MAX_RUBRIC_BYTES // 1000} KB）"])
    except InputError as exc:
        raise RubricError([f"{source}: {exc}"]) from None
    except FileNotFoundError:
        raise RubricError([f"{source}: 找不到评分标准文件"]) from None
    except IsADirectoryError:
        raise RubricError([f"{source}: 这是一个文件夹，不是评分标准文件"]) from None
    except OSError as exc:
        raise RubricError([f"{source}: 无法读取评分标准文件（{exc.strerror}）"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RubricError([f"{source}: 评分标准须为 UTF-8 编码（第 {exc.start} 字节无法解码）"]) from None
    # Parsing and validating the YAML costs ~0.1 s; a rubric already seen (same content and
    # path) is taken from the cache, as a problem-free rubric is all that is ever cached.
    from ..cache import cached

    shape = ",".join(f.name for kind in (Rubric, Pillar, Criterion, Term, Verdict, LengthRange, DatedPhrase,
                                                        Scoring)
                     for f in fields(kind))  # a changed dataclass must not meet old cached data
    # The scoring defaults too: a rubric without a `scoring:` section takes them from the code.
    key = b"\0".join((raw, source.encode(), shape.encode(), repr(Scoring()).encode()))
    return cached("rubric", key, lambda: parse_rubric(text, source), Rubric)
