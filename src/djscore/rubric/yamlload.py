"""YAML loading with line numbers, duplicate-key detection and an alias limit.

Knows nothing of the rubric schema: it returns dicts and lists that remember their line.
"""

from __future__ import annotations

import re
from typing import Any

MAX_YAML_ALIASES = 20  # rubrics rarely need YAML aliases; many of them nest into a bomb
MAX_YAML_DEPTH = 40  # a rubric nests 6 levels; hundreds would exhaust Python's recursion


class YamlError(Exception):
    """A YAML text that cannot be parsed; the message starts with file:line:col."""


class LineDict(dict):
    line = 0
    key_lines: dict = {}  # noqa: RUF012 - replaced per instance by the loader


class LineList(list):
    line = 0
    item_lines: list = []  # noqa: RUF012 - the line of each item; replaced per instance by the loader


def _make_loader(text: str):
    import yaml

    class LineLoader(yaml.SafeLoader):
        aliases_seen = 0
        depth = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            self.depth += 1
            try:
                if self.depth > MAX_YAML_DEPTH:
                    mark = self.peek_event().start_mark
                    raise yaml.YAMLError(f"{mark.line + 1}:{mark.column + 1}: 嵌套过深（超过 "
                                         f"{MAX_YAML_DEPTH} 层），拒绝加载")
                return self._compose(parent, index)
            finally:
                self.depth -= 1

        def _compose(self, parent, index):  # type: ignore[no-untyped-def]
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
        for key, (key_node, _) in zip(keys, node.value, strict=True):
            try:
                hash(key)
            except TypeError:  # `? [a]`: a list or mapping as a key
                raise yaml.constructor.ConstructorError(
                    None, None, "键应为字符串或数字，不能是列表或映射", key_node.start_mark
                ) from None
        seen = set()
        for key, (key_node, _) in zip(keys, node.value, strict=True):
            if key in seen:  # reported at the second one, where the author added it
                raise yaml.constructor.ConstructorError(
                    None, None, f"重复的键 {key!r}（同一层上面已经有了）", key_node.start_mark
                )
            seen.add(key)
        mapping = LineDict(loader.construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {k: key.start_mark.line + 1 for k, (key, _) in zip(keys, node.value, strict=True)}
        return mapping

    def construct_sequence(loader, node):  # type: ignore[no-untyped-def]
        sequence = LineList(loader.construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", construct_sequence)
    return LineLoader(text)


def parse_yaml(text: str, source: str) -> Any:
    import yaml

    loader = None
    try:
        loader = _make_loader(text)
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:  # a control character: the text cannot be YAML
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(f"{source}:{line}: YAML 中不能有控制字符（U+{exc.character:04X}）") from None
    except yaml.MarkedYAMLError as exc:
        raise YamlError(syntax_error(text, source, exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"{source}:{' '.join(str(exc).split())}") from None
    except RecursionError:
        raise YamlError(f"{source}: YAML 嵌套过深，拒绝加载") from None
    finally:
        if loader is not None:
            loader.dispose()




# PyYAML's problems (the start of exc.problem) in words a rubric author reads.
_PROBLEMS = (
    ("expected <block end>, but found '?'", "“?” 在 YAML 里有特殊含义：问号开头的值请加引号"),
    ("expected <block end>", "这一行的缩进和上文对不齐（或者上一行没有写完）"),
    ("did not find expected key", "缩进不对：这里应是“键: 值”"),
    ("did not find expected '-' indicator", "缩进不对：这里应是列表项“- …”"),
    ("mapping values are not allowed here", "这里不能有“: ”：值里有冒号时给整个值加引号，或检查缩进"),
    ("could not find expected ':'", "缺少“: ”（键和值之间要有冒号和空格）"),
    ("found character '\\t' that cannot start any token", "不能用 Tab 缩进，请改用空格"),
    ("found character", "值不能以这个符号开头：请给整个值加引号"),
    ("expected ',' or ']'", "方括号列表 [ … ] 没有写完：缺少逗号或“]”"),
    ("expected ',' or '}'", "花括号 { … } 没有写完：缺少逗号或“}”"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("found unknown escape character", "双引号里的“\\”后面是无效的转义；要写反斜杠请改用单引号"),
    ("found undefined alias", "用了没有定义的别名（*名称）"),
    ("expected <document start>", "这一行不属于任何键（缩进或多余的内容）"),
    ("expected alphabetic or numeric character", "别名或锚点（*、&）后面缺少名称"),
)


def syntax_error(text: str, source: str, exc: Any) -> str:
    """One line: file:line:col, a Chinese sentence and the line that is wrong. A quote left
    open is reported where it opens, not where PyYAML finally notices (often the end)."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    problem = exc.problem or ""
    if mark is None:
        return f"{source}: YAML 格式错误：{problem or exc}"
    opened = unclosed_quote(lines, mark.line)
    if opened is not None:
        row, column = opened
        later = f"（到第 {mark.line + 1} 行才发现）" if mark.line != row else ""
        return (f"{source}:{row + 1}:{column + 1}: YAML 格式错误：引号没有闭合{later}。"
                f"这一行是：{_shown(lines[row])}")
    if problem.startswith(("expected ',' or ']'", "expected ',' or '}'")) and exc.context_mark:
        mark = exc.context_mark  # where the [ or { opened: the line to fix
    sentence = next((chinese for start, chinese in _PROBLEMS if problem.startswith(start)), None)
    if sentence is None:  # already Chinese (ours) or not yet translated: keep PyYAML's words
        sentence = problem if re.search(r"[\u4e00-\u9fff]", problem) else f"YAML 无法解析（{problem}）"
    shown = mark.line < len(lines) and lines[mark.line].strip()
    line = f"。这一行是：{_shown(lines[mark.line])}" if shown else ""
    return f"{source}:{mark.line + 1}:{mark.column + 1}: YAML 格式错误：{sentence}{line}"


def _shown(line: str, limit: int = 60) -> str:
    line = line.strip()
    return f"“{line if len(line) <= limit else line[:limit - 1] + '…'}”"


# A quote opens a scalar only where a value can start: line start, after "- ", ": ", "[", "{", ",".
_VALUE_START = re.compile(r"(?:^|[\[{,]|-\s|:\s)\s*$")


def unclosed_quote(lines: list[str], before: int) -> tuple[int, int] | None:
    """(line, column) of the first quote that opens a value and is not closed on its line, on a
    line up to `before`; None if there is none. Quoted values spanning lines are rare in a
    rubric, and when the text does not parse such a quote is the likeliest cause."""
    for row, line in enumerate(lines[:before + 1]):
        column, quote = 0, ""
        opened_at = 0
        while column < len(line):
            char = line[column]
            if quote == '"':
                if char == "\\":
                    column += 1
                elif char == '"':
                    quote = ""
            elif quote == "'":
                if char == "'" and line[column + 1:column + 2] == "'":
                    column += 1
                elif char == "'":
                    quote = ""
            elif char == "#" and (column == 0 or line[column - 1].isspace()):
                break
            elif char in "\"'" and _VALUE_START.search(line[:column]):
                quote, opened_at = char, column
            column += 1
        if quote:
            return row, opened_at
    return None
