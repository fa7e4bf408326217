"""The per-user cache directory, and a small pickle cache keyed by content hash."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import __version__

T = TypeVar("T")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/djscore (default ~/.cache/djscore); a private temp dir as last resort,
    never a shared world-writable path."""
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


def cached(kind: str, key: bytes, build: Callable[[], T]) -> T:
    """build(), remembered in the cache under a hash of `key` and djscore's version. A cache
    that cannot be read or written is simply rebuilt: it never makes a run fail."""
    digest = hashlib.sha256(key + __version__.encode()).hexdigest()[:32]
    path = cache_dir() / f"{kind}-{digest}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    value = build()
    try:
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass
    return value
