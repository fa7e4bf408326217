"""Text normalisation before matching, so an essay scores the same however it was saved.

Every replacement is one character for one character, except that zero-width characters
are removed and CRLF becomes LF; line numbers are therefore never changed, and columns
count the characters a reader sees.
"""

from __future__ import annotations

_TABLE: dict[int, str | None] = {}
# Full-width letters and digits (Ａ, ９) become ASCII; full-width punctuation stays, it is
# ordinary Chinese punctuation.
for _start, _end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
    for _code in range(_start, _end + 1):
        _TABLE[_code] = chr(_code - 0xFEE0)
for _code in (0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
              0x202F, 0x205F):
    _TABLE[_code] = " "
for _code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _TABLE[_code] = None
_TABLE.update({
    0x2028: "\n", 0x2029: "\n", 0x0085: "\n", 0x000B: "\n", 0x000C: "\n",
    ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’",
    ord("〝"): "“", ord("〞"): "”", ord("＂"): '"',
    0x2015: "—", 0x2500: "—", 0xFE58: "—",
    0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2212: "-", 0xFE63: "-", 0xFF0D: "-",
})


def normalize(text: str) -> str:
    """Return text with normalised widths, spaces, quotes, dashes and line breaks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_TABLE)
