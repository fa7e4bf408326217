"""`djscore segment FILE`: the segmentation with rubric terms highlighted, for rubric authors."""

from __future__ import annotations

import json
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import app
from .chinese import ChineseCommand
from .options import EncodingOption, RubricOption, SegmenterOption
from .rubric_cmd import ViewFormat, ViewFormatOption, console, load, use_segmenter

if TYPE_CHECKING:
    from ..matching import Matcher

TERM_STYLE = "bold reverse"  # a term, or a word of an "a+b" term whose other words are in the sentence
PART_STYLE = "bold underline"  # a word of an "a+b" term alone in its sentence


def line_view(line: str, matcher: Matcher, tokens: list[str]) -> dict[str, Any]:
    """Tokens of one line, the rubric forms found in it (as the scorer finds them), the words
    of "a+b" forms, and the styled character ranges: [(start, end, style)]."""
    from ..matching import find_hits, within_words
    from ..rubric import PART_SEPARATOR
    from ..structure import Locator

    starts = list(accumulate(map(len, tokens), initial=0))[:-1]
    hits = find_hits(line, matcher, starts, Locator(line).sentence_index)
    spans = [(start, start + len(form), TERM_STYLE) for start, form in hits if PART_SEPARATOR not in form]
    complete = {part for _, form in hits if PART_SEPARATOR in form for part in form.split(PART_SEPARATOR)}
    parts: dict[int, str] = {}  # start -> the longest part word there
    for form in matcher.terms:
        for word in form.split(PART_SEPARATOR) if PART_SEPARATOR in form else ():
            at = line.find(word)
            while at != -1:
                longest = len(word) > len(parts.get(at, ""))
                if longest and within_words(at, at + len(word), starts, len(line)):
                    parts[at] = word
                at = line.find(word, at + 1)
    for start, word in sorted(parts.items()):
        end = start + len(word)
        if not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, TERM_STYLE if word in complete else PART_STYLE))
    return {
        "tokens": tokens, "starts": starts, "spans": sorted(spans),
        "terms": list(dict.fromkeys(form for _, form in hits)),
        "parts": list(dict.fromkeys(word for _, word in sorted(parts.items()))),
    }


def _pieces(token: str, offset: int, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The token cut at span edges: (text, style or None)."""
    cuts = sorted({0, len(token), *(min(max(edge - offset, 0), len(token))
                                    for s, e, _ in spans for edge in (s, e))})
    pieces = []
    for a, b in pairwise(cuts):
        if a < b:
            style = next((st for s, e, st in spans if s <= offset + a and offset + b <= e), None)
            pieces.append((token[a:b], style))
    return pieces


@app.command("segment", cls=ChineseCommand)
def segment_file(
    path: Annotated[str, typer.Argument(help="要分词的文件（.txt、.md、.docx；- 表示标准输入）。",
                                        metavar="文件", show_default=False)],
    rubric: RubricOption = None,
    output_format: ViewFormatOption = ViewFormat.text,
    separator: Annotated[str, typer.Option("--sep", help="词之间的分隔符。")] = " / ",
    encoding: EncodingOption = None,
    segmenter: SegmenterOption = None,
) -> None:
    """逐行显示分词结果，评分标准中的词条高亮，用来查看词条为什么算或不算命中。

    词条反白显示；组合词条 a+b 的词在同一句中凑齐时也反白，否则加下划线。输出到文件或管道时，
    词条用【】标出。跨越词语边界的词不算命中（如“入党心得”里的“党心”）。"""
    from rich.text import Text

    from .. import segment
    from ..inputs import InputError, read_document
    from ..matching import matcher_for
    from ..normalize import normalize
    from ..pipeline import prepare
    from ..report.cjk import Wrapped
    from . import fail

    loaded = load(rubric)
    try:
        text = normalize(read_document(path, encoding).text)
    except InputError as exc:
        raise fail([f"{path}: {exc}"]) from None
    use_segmenter(segmenter)
    prepare(loaded)
    matcher = matcher_for(loaded)
    views = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            views.append((number, line_view(line, matcher, segment.words(line))))
    if output_format == ViewFormat.json:
        print(json.dumps([{"line": n, "tokens": [t for t in v["tokens"] if t.strip()],
                           "terms": v["terms"], "parts": v["parts"]} for n, v in views],
                         ensure_ascii=False, indent=2))
        return
    out = console()
    plain = out.color_system is None
    width = len(str(views[-1][0])) if views else 1
    for number, view in views:
        row = Text()
        row.append(f"{number:>{width}} │ ", style="dim")
        shown = [(t, s) for t, s in zip(view["tokens"], view["starts"], strict=True) if t.strip()]
        for i, (token, start) in enumerate(shown):
            if i:
                row.append(separator, style="dim")
            for piece, style in _pieces(token, start, view["spans"]):
                row.append(f"【{piece}】" if plain and style else piece, style=style)
        # Continuation lines indented under the text, broken between tokens.
        out.print(Wrapped(row, indent=width + 3, list_separator=separator))
