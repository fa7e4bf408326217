"""字数 outside the range the rubric asks for (`length: {min, max}`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..score import Finding
from . import Essay

ID = "length"
TITLE = "篇幅"
SEVERITY = "warning"
OPTIONS = {"min": 0, "max": 0}  # 0: use the rubric's `length`
MUST_TRIGGER = ["太短的文章。"]
MUST_NOT = ["党" * 900 + "。"]


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    limits = essay.rubric.length
    low = options["min"] or (limits.min if limits else 0)
    high = options["max"] or (limits.max if limits else 0)
    chars = essay.result.chars
    if low and chars < low:
        yield Finding(ID, SEVERITY, 1, 1, f"全文 {chars} 字，少于要求的 {low} 字", "补充论述和实例")
    elif high and chars > high:
        yield Finding(ID, SEVERITY, 1, 1, f"全文 {chars} 字，超过要求的 {high} 字", "精简内容")
