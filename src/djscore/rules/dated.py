"""Formulations that read as dated when presented as current (the rubric's `dated:` list)."""

from __future__ import annotations

from collections.abc import Iterator

from ..score import Finding
from . import Essay

ID = "dated"
TITLE = "过时提法"
SEVERITY = "info"
OPTIONS: dict = {}
MUST_TRIGGER = ["当前正在开展创先争优活动。"]
MUST_NOT = ["当前正在开展党纪学习教育。"]


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    for number, line in enumerate(essay.lines, start=1):
        for item in essay.rubric.dated:
            start = line.find(item.phrase)
            while start >= 0:
                yield Finding(ID, SEVERITY, number, start + 1, f"“{item.phrase}”：{item.note}")
                start = line.find(item.phrase, start + len(item.phrase))
