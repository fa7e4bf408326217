"""Paragraphs so long that the argument is hard to follow."""

from __future__ import annotations

from collections.abc import Iterator

from ..score import Finding
from ..structure import count_chars, paragraph_spans
from . import Essay

ID = "long-paragraph"
TITLE = "长段落"
SEVERITY = "info"
OPTIONS = {"max_chars": 1000}
MUST_TRIGGER = ["坚持党建引领。" * 150]
MUST_NOT = ["坚持党建引领。\n" * 150]


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    for first, last in paragraph_spans("\n".join(essay.lines), essay.markdown):
        length = sum(count_chars(essay.lines[n - 1]) for n in range(first, last + 1))
        if length > options["max_chars"]:
            yield Finding(ID, SEVERITY, first, 1,
                          f"段落过长（{length} 字，超过 {options['max_chars']} 字）", "按层次分段")
