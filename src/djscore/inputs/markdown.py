"""Markdown to scoreable text, line for line.

The result has exactly as many lines as the source, so evidence line numbers are the
source file's. Front matter, code, HTML comments and tags, link targets and URLs become
nothing; markup characters are dropped; ATX headings stay "## 标题" for the scorer's
section detection, and setext headings are turned into that form.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_ORDERED = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+.*$")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")
_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?\|?[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")  # table cell separators
_RAW_BLOCK = re.compile(r"<(script|style)\b", re.IGNORECASE)

_DEST = r"(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?"""
_LINK = re.compile(rf"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*{_DEST}{_TITLE}\s*\)")
_REF_LINK = re.compile(r"!?\[([^\[\]]+)\]\[[^\[\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]+\]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
# No \b: Chinese characters are word characters, and 见http://… must lose its URL too.
_BARE_URL = re.compile(r"(?<![A-Za-z0-9])(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# An escaped character is kept as itself; otherwise emphasis, code and strike markers go.
_MARKERS = re.compile(r"\\([!-/:-@\[-`{-~])|\*+|_+|`+|~~")

# Characters that normalize() would turn into line breaks; entities like &#10; too.
_NO_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x85\u2028\u2029", " "))
_CJK = re.compile(r"[\u3400-\u9fff]")
_CHINESE_PUNCTUATION = re.compile(r"[，。；：！？、]")


@dataclass
class _State:
    fence: str = ""  # the opening fence while inside a fenced code block
    raw_end: str = ""  # closing tag while inside <script> or <style>
    comment: bool = False  # inside an HTML comment
    in_list: bool = False
    previous: str = "blank"  # kind of the previous line: blank, code, text, other


def markdown_to_text(source: str) -> str:
    """Scoreable text with one line for every line of the Markdown source."""
    lines = [line.translate(_NO_BREAKS) for line in LINE_BREAK.split(source)]
    out = [""] * len(lines)
    start = _front_matter_end(lines)
    state = _State()
    for i in range(start, len(lines)):
        out[i] = _line(lines[i], state, out, i)
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


def _closes_fence(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


_DIRECTIVE = re.compile(r"^\s*<!--\s*(djscore:.*?)\s*-->\s*$")


def _is_prose(line: str) -> bool:
    # Chinese paragraphs are often indented by four spaces (两个汉字的首行缩进); read as an
    # indented code block they would silently drop the essay's body.
    text = line.strip()
    cjk = len(_CJK.findall(text))
    return cjk >= 4 and cjk * 2 >= len(text) and bool(_CHINESE_PUNCTUATION.search(text))


def _line(line: str, state: _State, out: list[str], index: int) -> str:
    if state.fence:
        if _closes_fence(line, state.fence):
            state.fence, state.previous = "", "code"
        return ""
    directive = _DIRECTIVE.match(line)
    if directive and not state.comment:
        # `<!-- djscore: ignore RULE -->` becomes the plain-text form the rules understand.
        state.previous = "blank"
        return f"[{directive.group(1).strip()}]"
    line = _drop_raw(_drop_comments(line, state), state)
    fence = _FENCE.match(line)
    if fence:
        state.fence = fence.group(1)
        state.previous = "other"
        return ""
    if not line.strip():
        state.previous = "blank"
        return ""
    if _INDENTED.match(line) and state.previous in ("blank", "code") and not state.in_list:
        state.previous = "code"
        return _inline(line.strip()) if _is_prose(line) else ""
    return _block(line, state, out, index)


def _drop_comments(line: str, state: _State) -> str:
    """The line without HTML comments, which may span lines."""
    kept = []
    while line:
        if state.comment:
            end = line.find("-->")
            if end < 0:
                break
            state.comment = False
            line = line[end + 3:]
        start = line.find("<!--")
        if start < 0:
            kept.append(line)
            break
        kept.append(line[:start])
        state.comment = True
        line = line[start + 4:]
    return "".join(kept)


def _drop_raw(line: str, state: _State) -> str:
    """The line without <script> and <style> elements, which may span lines."""
    kept = []
    while line:
        if state.raw_end:
            end = line.lower().find(state.raw_end)
            if end < 0:
                break
            line = line[end + len(state.raw_end):]
            state.raw_end = ""
        raw = _RAW_BLOCK.search(line)
        if not raw:
            kept.append(line)
            break
        kept.append(line[:raw.start()])
        state.raw_end = f"</{raw.group(1).lower()}>"
        line = line[raw.end():]
    return "".join(kept)


def _block(line: str, state: _State, out: list[str], index: int) -> str:
    previous, state.previous = state.previous, "other"
    underline = _SETEXT.match(line)
    if underline and previous == "text" and out[index - 1].strip():
        level = "#" if underline.group(1)[0] == "=" else "##"
        out[index - 1] = f"{level} {out[index - 1].strip()}"
        return ""
    if (underline and underline.group(1)[0] == "=") or _THEMATIC.match(line) \
            or _TABLE_RULE.match(line) or _REFERENCE.match(line):
        return ""
    heading = _ATX.match(line)
    if heading:
        content = _inline(heading.group(2) or "").strip()
        return f"{heading.group(1)} {content}" if content else ""
    quoted = _QUOTE.match(line)
    line = _QUOTE.sub("", line, count=1)
    line = _FOOTNOTE.sub("", line, count=1)
    bullet = _BULLET.match(line)
    if bullet or _ORDERED.match(line):
        state.in_list = True
        line = line[bullet.end():] if bullet else line.lstrip()
    else:
        if previous == "blank" and not line[:1].isspace():
            state.in_list = False
        state.previous = "other" if quoted else "text"
    return _inline(_PIPE.sub(" ", line))


def _inline(text: str) -> str:
    for _ in range(3):  # links may nest: [![图](a.png)](b.html)
        replaced = _LINK.sub(r"\1", text)
        if replaced == text:
            break
        text = replaced
    text = _REF_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub("", text)
    text = _BARE_URL.sub("", text)
    text = _TAG.sub("", text)
    text = _MARKERS.sub(lambda m: m.group(1) or "", text)
    if text.endswith("\\"):
        text = text[:-1]  # a hard line break
    return html.unescape(text).translate(_NO_BREAKS)
