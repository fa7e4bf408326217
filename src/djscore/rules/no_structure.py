"""A long essay with no section headings (一、（一）1. or Markdown #)."""

from __future__ import annotations

from collections.abc import Iterator

from ..score import Finding
from . import Essay

ID = "no-structure"
TITLE = "缺少小标题"
SEVERITY = "info"
OPTIONS = {"min_chars": 1500}
MUST_TRIGGER = ["我们坚持党建引领，推动各项工作落实。" * 100]
MUST_NOT = ["一、坚持党建引领\n" + "我们坚持党建引领，推动各项工作落实。" * 100, "短文一篇。"]


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    if not essay.result.sections and essay.result.chars >= options["min_chars"]:
        yield Finding(ID, SEVERITY, 1, 1,
                      f"全文 {essay.result.chars} 字却没有小标题，层次不易看清",
                      "用“一、”“（一）”等小标题分出层次")
