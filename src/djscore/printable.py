"""Text that is safe to print: file names and messages never act on the terminal.

A file name may hold a newline, an escape sequence or bytes that are not UTF-8 (kept by Python
as lone surrogates); printed raw they split a one-line error, move the cursor or make the
write fail. Here each such character is shown as an escape instead: newline as \\n, ESC as
\\x1b, an undecodable byte as \\xff, a bidirectional override as \\u202e.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """text with control characters, line separators, bidi overrides and lone surrogates
    escaped; ordinary text (Chinese, spaces, punctuation) is unchanged."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
