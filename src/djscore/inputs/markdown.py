"""Markdown to scoreable text, line for line.

markdown-it-py parses the source (CommonMark, plus GFM tables and strikethrough), and every
block's source line map puts its text on the line it came from: the result has exactly as
many lines as the source, so evidence line numbers are the source file's. Front matter, code,
HTML markup, link targets and URLs become nothing; markup characters are dropped; headings,
setext ones too, are written "## 标题" for the scorer's section detection.

Promises beyond CommonMark, kept on purpose: Chinese prose indented by four spaces (首行缩进)
is prose, not code; footnote definitions keep their text; `<!-- djscore: ignore … -->`
becomes the plain-text directive the writing checks read; ordered items keep their numbers;
emphasis markers CommonMark leaves standing next to Chinese punctuation (**标题。**正文) go,
and so do task boxes, bare URLs, unresolved reference links, footnote marks, a lone table
delimiter row and the pipes of a table without one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters that normalize() would turn into line breaks: spaces in the source, and in the
# text of entities (&#10;), so that they add no lines.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_NO_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x85\u2028\u2029", " "))

_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")
_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?\|?[ \t]*$")
_TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
_REF_LINK = re.compile(r"!?\[([^\[\]]+)\]\[[^\[\]]*\]")  # left as text when never defined
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]+\]")
# No \b: Chinese characters are word characters, and 见http://… must lose its URL too.
_BARE_URL = re.compile(r"(?<![A-Za-z0-9])(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_MARKERS = re.compile(r"\*+|_+|~~")
_RAW_INLINE = re.compile(r"<(script|style)\b", re.IGNORECASE)
# What an HTML block shows nothing of: comments, raw elements, declarations, tags.
_HTML_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|pre|textarea)\b.*?(?:</\1\s*>|\Z)"
    r"|<\?.*?(?:\?>|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![A-Za-z].*?(?:>|\Z)"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",
    re.DOTALL | re.IGNORECASE)
_DIRECTIVE = re.compile(r"<!--\s*(djscore:.*?)\s*-->")

_CJK = re.compile(r"[\u3400-\u9fff]")
_CHINESE_PUNCTUATION = re.compile(r"[，。；：！？、]")
# The commonmark preset allows 20 levels. Blocks get more: past the limit markdown-it drops the
# rest of the file, and ten nested lists would reach 20. Inline markup gets fewer: brackets
# that never close cost time in proportion to the limit ("[[[[…" ~10 µs a character at 10,
# twice that at 20), and an essay nests no more than a link in bold.
_BLOCK_NESTING = 100
_INLINE_NESTING = 10


@cache
def _parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """(block parser, inline parser). Imported here: plain-text checks never pay for markdown-it."""
    from markdown_it import MarkdownIt

    blocks = MarkdownIt("commonmark", {"maxNesting": _BLOCK_NESTING})
    inline = MarkdownIt("commonmark", {"maxNesting": _INLINE_NESTING})
    # text_join stays off: escapes and entities stay text_special tokens, apart from markup.
    return blocks.enable("table").disable(["inline", "text_join"]), inline.enable("strikethrough")


def _parse(text: str) -> list[Token]:
    """Block tokens, each inline one with its children (what MarkdownIt.parse does, in two steps)."""
    blocks, inline = _parsers()
    env: dict = {}  # link reference definitions, found by the block pass
    tokens = blocks.parse(text, env)
    for token in tokens:
        if token.type == "inline":
            token.children = []
            inline.inline.parse(token.content, inline, env, token.children)
    return tokens


def markdown_to_text(source: str) -> str:
    """Scoreable text with one line for every line of the Markdown source."""
    lines = LINE_BREAK.split(_OTHER_BREAKS.sub(" ", source))
    start = _front_matter_end(lines)
    lines[:start] = [""] * start
    for i in range(start, len(lines)):
        if "[^" in lines[i]:
            lines[i] = _FOOTNOTE_DEFINITION.sub("", lines[i], count=1)
    out = [""] * len(lines)
    _write_blocks(_parse("\n".join(lines)), out)
    return "\n".join(out)


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after YAML (---) or TOML (+++) front matter, else 0."""
    marker = lines[0].rstrip() if lines else ""
    if marker not in ("---", "+++"):
        return 0
    closers = ("---", "...") if marker == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0


def _put(out: list[str], index: int, text: str) -> None:
    if text and index < len(out):
        out[index] = f"{out[index]} {text}" if out[index] else text


def _write_blocks(tokens: Sequence[Token], out: list[str]) -> None:
    items: list[Token] = []
    block = ""  # the block an inline token belongs to: paragraph, heading or table cell
    heading = ""
    for token in tokens:
        kind = token.type
        if kind == "inline" and token.map:
            _write_inline(token, block, heading, out)
        elif kind in ("paragraph_open", "th_open", "td_open"):
            block = kind
        elif kind == "heading_open":
            block = kind
            # Setext headings are marked "=" or "-"; the scorer reads the ATX form.
            heading = {"=": "#", "-": "##"}.get(token.markup, token.markup)
        elif kind == "code_block" and token.map:
            _write_indented_code(token, out)
        elif kind == "html_block" and token.map:
            for index, line in zip(range(*token.map), _html_block_lines(token.content), strict=False):
                _put(out, index, line)
        elif kind == "list_item_open" and token.map:
            items.append(token)
    for item in reversed(items):  # innermost first, so "1. 2. 项" keeps both numbers
        line = item.map[0] if item.map else 0
        if out[line]:
            out[line] = _TASK_BOX.sub("", out[line], count=1)
            if item.info:  # an ordered item's number
                out[line] = f"{item.info}{item.markup} {out[line]}"


def _write_inline(token: Token, block: str, heading: str, out: list[str]) -> None:
    first = token.map[0] if token.map else 0
    paragraph = block == "paragraph_open"
    lines = _inline_lines(token.children or [], token.content, paragraph)
    if block == "heading_open":
        content = " ".join(part for part in (line.strip() for line in lines) if part)
        _put(out, first, f"{heading} {content}" if content else "")
        return
    raw = token.content.split("\n") if paragraph and "|" in token.content else None
    for offset, line in enumerate(lines):
        if raw is None or not _TABLE_RULE.match(raw[offset]):  # a delimiter row with no table
            _put(out, first + offset, line)


def _flat(children: Sequence[Token]) -> Iterator[Token]:
    for child in children:
        if child.type == "image":
            yield from _flat(child.children or [])  # the alt text; the image's source goes
        else:
            yield child


def _inline_lines(children: Sequence[Token], raw: str, paragraph: bool) -> list[str]:
    """The text of an inline token, one string per line of its source `raw`.

    Tokens carry no positions, so each is found in `raw` after the previous one: that puts
    text after a code span or HTML tag that spans lines on its own line. Always
    line == raw.count("\n", 0, cursor)."""
    lines = [""] * (raw.count("\n") + 1)
    cursor = line = 0
    autolink = False
    hidden_until = ""  # closing tag while inside an inline <script> or <style>
    last = children[-1] if children else None
    for token in _flat(children):
        kind = token.type
        if kind in ("text", "text_special", "html_inline"):
            fragment = token.markup if kind == "text_special" else token.content  # as in the source
            found = raw.find(fragment, cursor)
            if found >= 0:
                line += raw.count("\n", cursor, found + len(fragment))
                cursor = found + len(fragment)
            if kind == "html_inline":
                if hidden_until:
                    hidden_until = "" if token.content.lower().startswith(hidden_until) else hidden_until
                elif raw_tag := _RAW_INLINE.match(token.content):
                    hidden_until = f"</{raw_tag.group(1).lower()}"
            elif autolink or hidden_until:
                continue
            elif kind == "text_special":
                lines[line] += token.content.translate(_NO_BREAKS)
            else:
                text = token.content[:-1] if token is last and token.content.endswith("\\") else token.content
                lines[line] += _clean(text, paragraph)
        elif kind in ("softbreak", "hardbreak"):
            found = raw.find("\n", cursor)
            if found >= 0:
                line += raw.count("\n", cursor, found) + 1
                cursor = found + 1
        elif kind == "code_inline":  # inline code is usually a term in an essay: kept
            start = raw.find(token.markup, cursor)
            if start < 0:
                continue
            start += len(token.markup)
            # The closing run: the content can only have lost two spaces and kept its length otherwise.
            close = raw.find(token.markup, start + len(token.content))
            if close < 0:
                close = start + len(token.content)
            line += raw.count("\n", cursor, start)
            pieces = raw[start:close].split("\n")
            for offset, piece in enumerate(pieces if len(pieces) > 1 else [token.content]):
                if not hidden_until:
                    lines[line + offset] += piece.strip() if len(pieces) > 1 else piece
            line += len(pieces) - 1
            cursor = min(close + len(token.markup), len(raw))
        elif kind == "link_open":
            autolink = token.markup == "autolink"
        elif kind == "link_close":
            autolink = False
    return lines


def _clean(text: str, paragraph: bool) -> str:
    """Plain text left by the parser, without what CommonMark keeps but a reader doesn't see."""
    if "[" in text:
        text = _FOOTNOTE_REF.sub("", _REF_LINK.sub(r"\1", text))
    if "://" in text or "www." in text:
        text = _BARE_URL.sub("", text)
    if paragraph and "|" in text:
        text = text.replace("|", " ")  # a table without its delimiter row still reads as words
    return _MARKERS.sub("", text)


def _is_prose(line: str) -> bool:
    # Chinese paragraphs are often indented by four spaces (两个汉字的首行缩进); read as an
    # indented code block they would silently drop the essay's body.
    text = line.strip()
    cjk = len(_CJK.findall(text))
    return cjk >= 4 and cjk * 2 >= len(text) and bool(_CHINESE_PUNCTUATION.search(text))


def _write_indented_code(token: Token, out: list[str]) -> None:
    first = token.map[0] if token.map else 0
    for offset, line in enumerate(token.content.split("\n")):
        if _is_prose(line):
            (inline,) = _parsers()[1].parseInline(line.strip())
            _put(out, first + offset, " ".join(_inline_lines(inline.children or [], inline.content, True)))


def _html_block_lines(content: str) -> list[str]:
    """What an HTML block shows as text, one string per line; a `<!-- djscore: … -->`
    comment alone on its line becomes the directive `[djscore: …]`."""

    def hide(match: re.Match[str]) -> str:
        start, end = match.span()
        directive = _DIRECTIVE.fullmatch(match.group())
        line_start = content.rfind("\n", 0, start) + 1
        line_end = content.find("\n", end)
        if line_end < 0:
            line_end = len(content)
        if directive and not content[line_start:start].strip() and not content[end:line_end].strip():
            return f"[{directive.group(1).strip()}]"
        return "\n" * match.group().count("\n")

    shown = _HTML_HIDDEN.sub(hide, content)
    return [_BARE_URL.sub("", html.unescape(line).translate(_NO_BREAKS)) if line.strip() else ""
            for line in shown.split("\n")]
