"""The one jieba wrapper: quiet start-up, rubric terms as user words, a per-user cache.

jieba is imported lazily (it costs ~0.5 s to initialise), its logger and Python warnings
are silenced, and its 9 MB prefix-dictionary cache lives in the user's cache directory
instead of a shared, world-writable /tmp/jieba.cache.
"""

from __future__ import annotations

import logging
import marshal
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from .cache import cache_dir, read_sealed, write_sealed
from .errors import ProblemsError

ENGINES = ("auto", "jieba", "rjieba")
_tokenizer: Any = None
_chosen: str | None = None  # the engine chosen, made at its first use
_engine: Engine | None = None
_user_words: dict[str, None] = {}  # in the order added (a word's frequency depends on the earlier ones)


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
    """Initialise from our cache with marshal.loads (3x faster than jieba's own load). The
    prefix dictionary is built and cached here, not by jieba.initialize(), so that jieba never
    reads or writes a cache file of its own; without a private cache folder nothing is cached."""
    folder = cache_dir()
    cache_file = folder / "jieba.cache" if folder is not None else None
    tokenizer.tmp_dir = str(folder) if folder is not None else None
    data = read_sealed(cache_file) if cache_file is not None else None
    if data is not None:
        try:
            freq, total = marshal.loads(data)  # marshal builds plain data and never runs code
            if isinstance(freq, dict) and isinstance(total, int) and freq:
                tokenizer.FREQ, tokenizer.total = freq, total
                tokenizer.initialized = True
                return
        except (ValueError, EOFError, TypeError):
            pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    if cache_file is not None:
        write_sealed(cache_file, marshal.dumps((tokenizer.FREQ, tokenizer.total)))


def tokenizer() -> Any:
    """The process-wide jieba tokenizer, initialised once (also used for jieba.analyse)."""
    global _tokenizer
    if _tokenizer is None:
        jieba = _import_jieba()
        _load_dictionary(jieba.dt)
        _tokenizer = jieba.dt
    return _tokenizer


@dataclass(frozen=True)
class Engine:
    """A segmenter: both engines give the same tokens for the same dictionary and user words."""

    name: str
    cut: Callable[[str], list[str]]
    add_word: Callable[[str], object]


def _jieba_engine() -> Engine:
    tok = tokenizer()
    return Engine("jieba", lambda text: tok.lcut(text, HMM=False), tok.add_word)


def _rjieba_engine() -> Engine | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import rjieba  # the module builds its default dictionary on import (~0.1 s, ~35 MB)
    except ImportError:
        return None
    return Engine("rjieba", lambda text: rjieba.cut(text, hmm=False),
                  lambda word: rjieba.add_word(word, None, None))


def _rjieba_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("rjieba") is not None


def use_engine(name: str = "auto") -> str:
    """Choose the segmenter: "rjieba" (fast, where its wheel exists), "jieba", or "auto"
    (rjieba when installed). Returns the name of the engine in use. The engine's dictionary is
    loaded at its first use, not here: a batch's parent process, which only collects the
    workers' results, never loads it."""
    global _chosen, _engine
    if name not in ENGINES:
        raise ValueError(f"unknown segmenter {name!r}")
    if _chosen is None or (name != "auto" and _chosen != name):
        rjieba = name in ("auto", "rjieba") and _rjieba_installed()
        if not rjieba and name == "rjieba":
            raise ProblemsError(["rjieba 未安装（pip install rjieba），或用 --segmenter jieba"])
        _chosen, _engine = ("rjieba" if rjieba else "jieba"), None
        _user_words.clear()
    return _chosen


def _current() -> Engine:
    global _chosen, _engine
    if _engine is None:
        if _chosen is None:
            use_engine()
        _engine = (_rjieba_engine() if _chosen == "rjieba" else None) or _jieba_engine()
        _chosen = _engine.name
        for word in _user_words:
            _engine.add_word(word)
    return _engine


def add_words(words: Iterable[str]) -> None:
    """Make rubric terms known to the segmenter so that it does not split them (when it is
    first used, if it is not loaded yet)."""
    engine = _engine
    for word in words:
        if word not in _user_words:
            if engine is not None:
                engine.add_word(word)
            _user_words[word] = None


def token_starts(text: str) -> list[int]:
    """Start offsets of the tokens of text, in order (HMM off: no invented words)."""
    return list(accumulate(map(len, _current().cut(text)), initial=0))[:-1]


def words(text: str) -> list[str]:
    return _current().cut(text)


_keyword_words: set[str] = set()
# jieba part-of-speech tags of the words worth suggesting as terms: nouns, verbs, idioms,
# abbreviations; not numerals, pronouns, adverbs, function words, names of people or places.
KEYWORD_POS = ("n", "nz", "nt", "nl", "vn", "v", "l", "i", "j", "an")


def keywords(text: str, top: int | None = None, method: str = "tfidf",
             user_words: Iterable[str] = ()) -> list[tuple[str, float]]:
    """(word, weight) of the most distinctive nouns, verbs and set phrases of text, best first:
    jieba.analyse's TF-IDF (against jieba's own IDF table) or TextRank. `user_words` stay whole.
    Always runs on jieba (rjieba has no keyword extraction); the first call loads ~10 MB."""
    tok = tokenizer()
    for word in user_words:
        if word not in _keyword_words:
            tok.add_word(word)
            _keyword_words.add(word)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba.analyse reads its IDF file without closing it
        import jieba.analyse

        extract = jieba.analyse.textrank if method == "textrank" else jieba.analyse.extract_tags
        return extract(text, topK=top, withWeight=True, allowPOS=KEYWORD_POS)
