"""Load and validate a YAML rubric into frozen dataclasses.

This is the only module that knows the rubric schema (documented in docs/rubric.md).
Every problem found is collected, so a rubric author sees all of them in one run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_RUBRIC = "dangjian-neihan"
SCHEMA_VERSION = 1
MAX_RUBRIC_BYTES = 1_000_000
MAX_YAML_ALIASES = 20  # rubrics rarely need YAML aliases; many of them nest into a bomb
TERM_PATTERN = re.compile(r"^[\w·\-]+$")
# "党建+业务": every part within one sentence, in any order (see docs/rubric.md).
PART_SEPARATOR = "+"
MAX_PARTS = 3


class RubricError(Exception):
    """A rubric that cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    weight: float

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
class Rubric:
    id: str
    name: str
    version: str
    description: str
    verdicts: tuple[Verdict, ...]
    pillars: tuple[Pillar, ...]
    source: str
    sha256: str

    def verdict_for(self, score: float) -> Verdict:
        for verdict in self.verdicts:
            if score >= verdict.min:
                return verdict
        return self.verdicts[-1]

    def all_words(self) -> list[str]:
        """Every word the rubric looks for: plain forms and the parts of "a+b" forms."""
        return [part for p in self.pillars for c in p.criteria for t in c.terms
                for form in t.forms for part in form.split(PART_SEPARATOR)]


# --- YAML with line numbers -------------------------------------------------------------

class _LineDict(dict):
    line = 0
    key_lines: dict = {}  # noqa: RUF012 - replaced per instance by the loader


class _LineList(list):
    line = 0


def _make_loader(text: str):
    import yaml

    class LineLoader(yaml.SafeLoader):
        aliases_seen = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.AliasEvent):
                LineLoader.aliases_seen += 1
                if LineLoader.aliases_seen > MAX_YAML_ALIASES:
                    mark = self.peek_event().start_mark
                    raise yaml.YAMLError(
                        f"{mark.line + 1}:{mark.column + 1}: YAML 别名过多（超过 {MAX_YAML_ALIASES} 个），"
                        "拒绝加载以防内存耗尽"
                    )
            return super().compose_node(parent, index)

    def construct_mapping(loader, node):  # type: ignore[no-untyped-def]
        keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
        for key in {k for k in keys if keys.count(k) > 1}:
            raise yaml.constructor.ConstructorError(
                None, None, f"重复的键 {key!r}", node.start_mark
            )
        mapping = _LineDict(loader.construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {k: key.start_mark.line + 1 for k, (key, _) in zip(keys, node.value, strict=True)}
        return mapping

    def construct_sequence(loader, node):  # type: ignore[no-untyped-def]
        sequence = _LineList(loader.construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", construct_sequence)
    return LineLoader(text)


def _parse_yaml(text: str, source: str) -> Any:
    import yaml

    loader = _make_loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise RubricError([f"{where}: YAML 语法错误：{what}"]) from None
    except yaml.YAMLError as exc:
        raise RubricError([f"{source}:{exc}"]) from None
    finally:
        loader.dispose()


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
            return _LineDict()
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
        if value <= 0 and key != "min":
            self.problem(f"{path}.{key}", node, f"应为正数，实际为 {value}（expected a positive number）")
        return float(value)

    def items(self, node: dict, key: str, path: str) -> list:
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.problem(f"{path}.{key}", node, "应为非空列表（expected a non-empty list）")
            return []
        return value

    def unknown_keys(self, node: dict, allowed: set[str], path: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(f"{path}.{key}", node, f"未知的键（unknown key; expected one of: "
                             f"{', '.join(sorted(allowed))}）")


def _term(check: _Checker, node: Any, path: str, parent: Any) -> Term | None:
    if isinstance(node, str):
        node = _LineDict(term=node)
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
        elif len(parts) > MAX_PARTS or (len(parts) > 1 and min(map(len, parts)) < 2):
            check.problem(path, node, f"组合词条 {form!r} 应由 2–{MAX_PARTS} 个至少两字的词组成"
                          f"（'a+b' takes 2-{MAX_PARTS} words of 2+ characters）")
    weight = check.number(node, "weight", path, 1)
    if not term:
        return None
    return Term(term=term, aliases=tuple(a.strip() for a in aliases), weight=weight)


def _criterion(check: _Checker, node: Any, path: str) -> Criterion:
    node = check.mapping(node, path)
    check.unknown_keys(node, {"id", "name", "description", "weight", "min_hits", "terms"}, path)
    raw_terms = node.get("terms")
    terms: list[Term] = []
    if not isinstance(raw_terms, list) or not raw_terms:
        check.problem(f"{path}.terms", node, "应为字符串列表（expected a list of strings）")
    else:
        for i, raw in enumerate(raw_terms):
            term = _term(check, raw, f"{path}.terms[{i}]", raw_terms)
            if term:
                terms.append(term)
    return Criterion(
        id=check.text(node, "id", path),
        name=check.text(node, "name", path),
        description=check.text(node, "description", path, required=False),
        weight=check.number(node, "weight", path, 1),
        min_hits=check.number(node, "min_hits", path, 3),
        terms=tuple(terms),
    )


def _pillar(check: _Checker, node: Any, path: str) -> Pillar:
    node = check.mapping(node, path)
    check.unknown_keys(node, {"id", "name", "description", "weight", "criteria"}, path)
    criteria = [
        _criterion(check, raw, f"{path}.criteria[{i}]")
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
        return (Verdict("excellent", "优秀", 85), Verdict("good", "良好", 70),
                Verdict("pass", "合格", 60), Verdict("weak", "需加强", 0))
    verdicts = []
    for i, node in enumerate(check.items(root, "verdicts", "")):
        path = f"verdicts[{i}]"
        node = check.mapping(node, path)
        check.unknown_keys(node, {"id", "label", "min"}, path)
        verdicts.append(Verdict(check.text(node, "id", path), check.text(node, "label", path),
                                check.number(node, "min", path, None)))
    return tuple(sorted(verdicts, key=lambda v: -v.min))


def _check_unique(check: _Checker, pillars: list[Pillar]) -> None:
    seen: dict[str, str] = {}

    def claim(kind: str, key: str, where: str) -> None:
        if key and (kind, key) in seen:
            check.problems.append(f"{check.source}: {where}: 重复的{kind} {key!r}（duplicate {kind}; "
                                  f"first at {seen[(kind, key)]}）")
        elif key:
            seen[(kind, key)] = where  # type: ignore[index]

    for p_index, pillar in enumerate(pillars):
        claim("id", pillar.id, f"pillars[{p_index}]")
        for c_index, criterion in enumerate(pillar.criteria):
            where = f"pillars[{p_index}].criteria[{c_index}]"
            claim("id", criterion.id, where)
            for t_index, term in enumerate(criterion.terms):
                for form in term.forms:
                    claim("term", form, f"{where}.terms[{t_index}]")


def parse_rubric(text: str, source: str) -> Rubric:
    """Parse rubric YAML text; raise RubricError listing every problem found."""
    if len(text.encode("utf-8")) > MAX_RUBRIC_BYTES:
        raise RubricError([f"{source}: 评分标准文件过大（超过 {MAX_RUBRIC_BYTES // 1000} KB）"])
    data = _parse_yaml(text, source)
    check = _Checker(source)
    root = check.mapping(data, "(top level)")
    check.unknown_keys(root, {"schema_version", "id", "name", "version", "description",
                              "verdicts", "pillars"}, "")
    version = root.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        check.problem("schema_version", root, f"不支持的版本 {version!r}（expected {SCHEMA_VERSION}）")
    pillars = [_pillar(check, raw, f"pillars[{i}]")
               for i, raw in enumerate(check.items(root, "pillars", ""))] if root else []
    _check_unique(check, pillars)
    rubric = Rubric(
        id=check.text(root, "id", ""),
        name=check.text(root, "name", ""),
        version=check.text(root, "version", "", required=False) or "0",
        description=check.text(root, "description", "", required=False),
        verdicts=_verdicts(check, root),
        pillars=tuple(pillars),
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
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
    return Path(__file__).resolve().parents[2] / "rubrics" / f"{name}.yaml"


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load a rubric file (the packaged default when path is None)."""
    target = Path(path) if path is not None else packaged_rubric_path()
    source = str(path) if path is not None else target.name
    try:
        if target.stat().st_size > MAX_RUBRIC_BYTES:
            raise RubricError([f"{source}: 评分标准文件过大（超过 {MAX_RUBRIC_BYTES // 1000} KB）"])
        raw = target.read_bytes()
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
    return parse_rubric(text, source)
