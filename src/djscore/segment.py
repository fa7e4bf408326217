"""The one jieba wrapper: quiet start-up, rubric terms as user words, a per-user cache.

jieba is imported lazily (it costs ~0.5 s to initialise), its logger and Python warnings
are silenced, and its 9 MB prefix-dictionary cache lives in the user's cache directory
instead of a shared, world-writable /tmp/jieba.cache.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_tokenizer: Any = None
_user_words: set[str] = set()


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/djscore (default ~/.cache/djscore); a private temp dir as last resort."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "djscore"
    try:
        path.mkdir(parents=True, exist_ok=True)
        if os.access(path, os.W_OK):
            return path
    except OSError:
        pass
    fallback = Path(tempfile.gettempdir()) / f"djscore-{os.getuid() if hasattr(os, 'getuid') else 0}"
    fallback.mkdir(mode=0o700, exist_ok=True)
    return fallback


def _import_jieba() -> Any:
    # jieba imports pkg_resources (slow, and deprecation warnings on some setuptools) only to
    # open its dictionary; with the module blocked it falls back to open(). Its regexes also
    # raise SyntaxWarning on Python 3.12+ when no .pyc exists.
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    # The import sets jieba's logger to DEBUG, so this must come after it.
    jieba.setLogLevel(logging.CRITICAL)
    return jieba


def _load_dictionary(tokenizer: Any) -> None:
    """Initialise from our cache with marshal.loads (3x faster than jieba's own load)."""
    cache_file = cache_dir() / "jieba.cache"
    tokenizer.tmp_dir = str(cache_file.parent)
    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(cache_file.read_bytes())
        tokenizer.initialized = True
        return
    except (OSError, ValueError, EOFError, TypeError):
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer.initialize()  # builds the dictionary and writes cache_file


def tokenizer() -> Any:
    """The process-wide jieba tokenizer, initialised once."""
    global _tokenizer
    if _tokenizer is None:
        jieba = _import_jieba()
        _load_dictionary(jieba.dt)
        _tokenizer = jieba.dt
    return _tokenizer


def add_words(words: Iterable[str]) -> None:
    """Make rubric terms known to the tokenizer so that it does not split them."""
    tok = tokenizer()
    for word in words:
        if word not in _user_words:
            tok.add_word(word)
            _user_words.add(word)


def token_starts(text: str) -> list[int]:
    """Start offsets of the tokens of text, in order (HMM off: no invented words)."""
    starts = []
    position = 0
    for word in tokenizer().cut(text, HMM=False):
        starts.append(position)
        position += len(word)
    return starts


def words(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=False)
