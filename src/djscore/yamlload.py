"""YAML loading with line numbers, duplicate-key detection and an alias limit.

Knows nothing of the rubric schema: it returns dicts and lists that remember their line.
"""

from __future__ import annotations

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
        for key in {k for k in keys if keys.count(k) > 1}:
            raise yaml.constructor.ConstructorError(
                None, None, f"重复的键 {key!r}", node.start_mark
            )
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
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlError(f"{where}: YAML 语法错误：{what}") from None
    except yaml.YAMLError as exc:
        raise YamlError(f"{source}:{' '.join(str(exc).split())}") from None
    except RecursionError:
        raise YamlError(f"{source}: YAML 嵌套过深，拒绝加载") from None
    finally:
        if loader is not None:
            loader.dispose()


