"""Lines copied from an essay website along with the essay: banners, breadcrumbs, view counts,
"recommended" lists. Patterns are data (data/boilerplate.txt); the pipeline strips these
lines before scoring unless --no-strip-boilerplate is given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..score import Finding
from . import Essay, data_text

ID = "boilerplate"
TITLE = "网页残留文字"
SEVERITY = "warning"
OPTIONS = {"max_line_chars": 120}
MUST_TRIGGER = [
    "当前位置:首页 > 党建材料 > 正文\n\n加强党的建设。",
    "时间:2022-04-08 15:20:37 浏览量:\n\n加强党的建设。",
    "推荐访问:党建 基层 内涵\n\n猜你喜欢",
    "本文来源：某某范文网，转载请注明出处。",
]
MUST_NOT = [
    "我们坚持把学习成果转化为推动发展的动力。",
    "这些经验的来源，是基层党员群众的创造。",
    "时间紧、任务重，支部书记带头加班。",
]


@cache
def patterns() -> re.Pattern[str]:
    # Not data_lines: a pattern may contain "#".
    lines = [line.strip() for line in data_text("boilerplate.txt").splitlines()
             if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{line})" for line in lines))


def boilerplate_lines(lines: list[str], max_line_chars: int = OPTIONS["max_line_chars"]) -> set[int]:
    """Line numbers (1-based) of lines that look like website chrome."""
    pattern = patterns()
    return {number for number, line in enumerate(lines, start=1)
            if line.strip() and len(line.strip()) <= max_line_chars and pattern.search(line)}


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    for number in sorted(boilerplate_lines(essay.raw_lines, options["max_line_chars"])):
        yield Finding(ID, SEVERITY, number, 1, "疑似从范文网站复制的页面文字（导航、推荐、浏览量等）",
                      "删除此行")
