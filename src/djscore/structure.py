"""Where things are in a text: lines, sentences, paragraphs, headings. Pure functions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
MAX_SENTENCE_CHARS = 160
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN = re.compile(r"[A-Za-z]")


class Locator:
    """Line, column and sentence of an offset, by binary search over precomputed breaks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.sentence_ends = [m.start() for m in SENTENCE_END.finditer(text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def sentence_index(self, offset: int) -> int:
        return bisect_left(self.sentence_ends, offset)

    def sentence(self, start: int, end: int) -> str:
        i = bisect_left(self.sentence_ends, start)
        left = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        j = bisect_left(self.sentence_ends, end)
        right = self.sentence_ends[j] + 1 if j < len(self.sentence_ends) else len(self.text)
        sentence = self.text[left:right].strip()
        if len(sentence) > MAX_SENTENCE_CHARS:
            middle = start - left
            half = MAX_SENTENCE_CHARS // 2
            lo = max(0, middle - half)
            sentence = ("…" if lo else "") + self.text[left + lo:left + lo + MAX_SENTENCE_CHARS].strip() + "…"
        return sentence


_NUM = "一二三四五六七八九十百"
HEADING_PATTERNS = (
    (1, re.compile(rf"^(?:[{_NUM}]+[、.．]|第[{_NUM}\d]+[章节部分篇]|#{{1,2}}\s)")),
    (2, re.compile(rf"^(?:[（(][{_NUM}]+[）)]|#{{3,6}}\s)")),
    (3, re.compile(r"^(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)])")),
)
MAX_HEADING_CHARS = 40


def heading(line: str) -> tuple[int, str] | None:
    """(level, heading) for a heading line; a run-in heading ends at the first full stop."""
    stripped = line.strip(" \t\u3000")
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(stripped):
            head = stripped.lstrip("#").strip()
            first = re.split(r"[。！？!?]", head, maxsplit=1)[0].strip()
            if 1 < len(first) <= MAX_HEADING_CHARS:
                return level, first
            return None
    return None




def find_headings(text: str) -> list[tuple[int, int, int, str]]:
    """(offset, line number, level, heading) of every heading line."""
    headings = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found = heading(line)
        if found:
            headings.append((offset, number, *found))
        offset += len(line) + 1
    return headings


def paragraph_spans(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """(first line, last line) of each paragraph. In plain Chinese text every non-blank line is
    a paragraph; in Markdown a paragraph runs to the next blank line."""
    spans: list[tuple[int, int]] = []
    open_first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            open_first = 0
        elif markdown and open_first:
            spans[-1] = (open_first, number)
        else:
            spans.append((number, number))
            open_first = number
    return spans


def paragraph_index(text: str, markdown: bool = False) -> dict[int, int]:
    """Line number -> first line of the paragraph holding it (non-blank lines only)."""
    return {n: first for first, last in paragraph_spans(text, markdown) for n in range(first, last + 1)}


def count_chars(text: str) -> int:
    """字数 as writers count it: every character that is not white space."""
    return sum(map(len, text.split()))


def cjk_count(text: str) -> int:
    return len(NOT_CJK.sub("", text))  # one string built, not one per character


def cjk_share(text: str) -> float:
    """Share of Chinese characters among letters (Chinese and Latin)."""
    cjk = cjk_count(text)
    latin = len(LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 0.0


_LIST_SEPARATORS = re.compile(r"[，、；;,/|｜：:\s·]+")
_SENTENCE_MARKS = re.compile(r"[。！？!?]")
LIST_ITEM_CHARS = 6.0  # items of a pasted list are short phrases; clauses of prose are longer
LIST_MIN_ITEMS = 5
# Words that tie a clause together; a list of set phrases has almost none of them.
_FUNCTION_CHARS = re.compile(r"[的了是在把就着过被让给从对向很也都还又我他她们]")
LIST_FUNCTION_SHARE = 0.05
SLOGAN_LINE_CHARS = 30


def list_shaped(paragraph: str, short_lines: bool = False) -> bool:
    """A pasted list of phrases: several short items between commas, 、, slashes or spaces, and
    no full stop between them. With `short_lines`, also a short line with no full stop at all
    (a slogan, a byline, a salutation): only many of them together make a page of phrases."""
    stripped = paragraph.strip()
    body = stripped.rstrip("。！？!?；;")
    if not body or _SENTENCE_MARKS.search(body) or heading(paragraph):
        return False
    items = [n for n in map(cjk_count, _LIST_SEPARATORS.split(body)) if n]
    if (len(items) >= LIST_MIN_ITEMS and sum(items) / len(items) <= LIST_ITEM_CHARS
            and len(_FUNCTION_CHARS.findall(body)) <= LIST_FUNCTION_SHARE * sum(items)):
        return True
    return short_lines and sum(items) <= SLOGAN_LINE_CHARS and stripped[-1] not in "。！？!?"
