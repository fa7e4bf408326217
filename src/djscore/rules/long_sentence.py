"""Sentences so long that readers lose the thread."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..score import Finding
from ..structure import count_chars
from . import Essay

ID = "long-sentence"
TITLE = "长句"
SEVERITY = "info"
OPTIONS = {"max_chars": 150}
SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
MUST_TRIGGER = ["我们" + "坚持把党的建设同业务工作紧密结合起来" * 10 + "。"]
MUST_NOT = ["我们坚持把党的建设同业务工作紧密结合起来。这是一句短话。"]


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    for number, line in enumerate(essay.lines, start=1):
        for match in SENTENCE.finditer(line):
            length = count_chars(match.group())
            if length > options["max_chars"]:
                column = match.start() + len(match.group()) - len(match.group().lstrip()) + 1
                yield Finding(ID, SEVERITY, number, column,
                              f"句子过长（{length} 字，超过 {options['max_chars']} 字）", "拆成几个短句")
