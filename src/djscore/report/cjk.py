"""Line breaking for Chinese text in the terminal.

rich breaks lines at spaces; Chinese has none, so a long Chinese run is folded wherever the
width ends: a line may begin with "）" or "、", and continuation lines start at column 0.
`Wrapped` breaks between any two Chinese characters, keeps runs of Latin letters and digits
(17:11, rjieba, 2026) whole, never starts a line with closing punctuation nor ends one with
opening punctuation (the usual Chinese line-breaking rule), and indents continuation lines.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# Characters that may not begin a line, and those that may not end one.
NO_LINE_START = frozenset("，。、；：？！）」』】》〉”’…—·,.;:?!)]}%‰℃～")
NO_LINE_END = frozenset("（「『【《〈“‘([{")
WORD = re.compile(r"[A-Za-z0-9_.:/\\+\-%]+")
MIN_WIDTH = 6  # the narrowest a wrapped cell is made


def _units(text: str, list_separator: str = "") -> list[tuple[int, int]]:
    """(start, end) of the pieces a line may not be broken inside: a run of Latin letters and
    digits, a space, or one other character; with `list_separator`, each item of the list
    with the separator after it."""
    units, i = [], 0
    while i < len(text):
        if list_separator:
            found = text.find(list_separator, i)
            end = len(text) if found == -1 else found + len(list_separator)
        else:
            word = WORD.match(text, i)
            end = word.end() if word else i + 1
        units.append((i, end))
        i = end
    return units


def break_offsets(text: str, width: int, indent: int = 0, list_separator: str = "") -> list[int]:
    """Where lines begin (after the first) when `text` is set `width` cells wide, continuation
    lines indented by `indent`. A unit wider than a line is cut by characters."""
    units = _units(text, list_separator)
    breaks: list[int] = []
    line_start, used, room = 0, 0, max(1, width)
    i = 0
    while i < len(units):
        start, end = units[i]
        size = cell_len(text[start:end])
        if used + size <= room or used == 0:
            if size > room:  # a word longer than a line: fold it
                cut = start
                while cut < end and cell_len(text[start:cut + 1]) <= room - used:
                    cut += 1
                cut = max(cut, start + 1)
                while cut - start > 1 and cut < end and (text[cut] in NO_LINE_START
                                                         or text[cut - 1] in NO_LINE_END):
                    cut -= 1
                if cut < end:
                    units[i] = (cut, end)
                    breaks.append(cut)
                    line_start, used, room = cut, 0, max(1, width - indent)
                    continue
            used += size
            i += 1
            continue
        # Break before unit i; move the break back while it would start the next line with a
        # closing mark or end this line with an opening one (at most a few characters).
        j = i
        while j > 0 and units[j - 1][0] > line_start and (
                text[units[j][0]] in NO_LINE_START or text[units[j - 1][1] - 1] in NO_LINE_END) \
                and i - j < 3:
            j -= 1
        if text[units[j][0]] in NO_LINE_START or text[units[j - 1][1] - 1] in NO_LINE_END:
            j = i  # no better place: let it stand
        cut = units[j][0]
        while cut < len(text) and text[cut] == " ":  # a continuation line does not begin with a space
            cut += 1
            j += 1
        breaks.append(cut)
        line_start, used, room = cut, 0, max(1, width - indent)
        i = j
    return [b for b in breaks if 0 < b < len(text)]


class Wrapped:
    """A Text set to the available width with Chinese line breaking; continuation lines are
    indented by `indent` cells."""

    def __init__(self, text: Text | str, indent: int = 0, list_separator: str = "") -> None:
        self.text = Text(text) if isinstance(text, str) else text
        self.indent = indent
        self.list_separator = list_separator  # "、": a list, broken only between its items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = self.text.split("\n", allow_blank=True)
        for line in lines:
            breaks = break_offsets(line.plain, width, self.indent, self.list_separator)
            for number, piece in enumerate(line.divide(breaks)):
                piece.rstrip()
                piece.no_wrap = True
                piece.overflow = "crop"
                yield Text(" " * self.indent) + piece if number else piece

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(widest, MIN_WIDTH), widest)
