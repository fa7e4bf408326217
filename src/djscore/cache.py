"""The per-user cache directory, and a small cache of plain data keyed by content hash.

Nothing in a cache can run code: values are stored with `marshal` as plain containers (dicts,
tuples, lists, frozensets of str/int/float/bool/None), checked against the type hints of the
frozen dataclasses they came from and rebuilt into them (`to_plain` / `from_plain`); never
pickled (a pickle runs whatever code its author chose).

A cache folder is used only if it is a real directory (not a symlink) owned by the current
user and writable by nobody else; a cache file is read only if it is a regular file owned by
the user, not too large, and whose checksum matches. Anything else, and any file that does
not decode into the expected shape, is ignored and rebuilt: a cache never makes a run fail,
and never prints anything.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
import os
import stat
import tempfile
import types
import typing
from collections.abc import Callable
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from . import __version__

T = TypeVar("T")

MAX_CACHE_BYTES = 64 * 1024 * 1024  # the largest cache file read (jieba's is ~9 MB)
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_BINARY", 0))


def _uid() -> int | None:
    """The current user's id; None where there is none (Windows)."""
    return os.getuid() if hasattr(os, "getuid") else None


def _private(path: Path) -> bool:
    """A real directory (not a symlink), owned by this user, not writable by group or others."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    uid = _uid()
    if uid is None:
        return True  # no owner or mode bits to check
    return info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable(path: Path, parents: bool) -> Path | None:
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return path if _private(path) and os.access(path, os.W_OK | os.X_OK) else None


def cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/djscore (default ~/.cache/djscore), else <tempdir>/djscore-<uid>; None
    (run without a cache) when neither is a private directory of this user. The temp-dir
    fallback can be made by anyone first, hence the checks."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    found = _usable(Path(base) / "djscore", parents=True)
    uid = _uid()
    if found is None and uid is not None:  # without user ids a temp folder cannot be private
        found = _usable(Path(tempfile.gettempdir()) / f"djscore-{uid}", parents=False)
    return found


# --- reading and writing cache files ------------------------------------------------------

def read_private(path: Path, limit: int = MAX_CACHE_BYTES) -> bytes | None:
    """The bytes of a regular file owned by this user and at most `limit` bytes long, else
    None. A symlink, FIFO or device in its place is not opened or not read (no hang)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        uid = _uid()
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit or (uid is not None and info.st_uid != uid):
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` atomically with `data` (a new 0600 file); failures are ignored."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


_MAGIC = b"djscore-cache-1\n"
_DIGEST = 32


def read_sealed(path: Path, limit: int = MAX_CACHE_BYTES) -> bytes | None:
    """The data that write_sealed stored, or None if the file is missing, unsafe, too large,
    truncated, corrupted or not written by djscore. The SHA-256 of the data is checked before
    anything decodes it: marshal never runs code, but a damaged length field can make it
    allocate gigabytes and grind for minutes."""
    content = read_private(path, limit)
    if content is None or not content.startswith(_MAGIC):
        return None
    digest, data = content[len(_MAGIC):len(_MAGIC) + _DIGEST], content[len(_MAGIC) + _DIGEST:]
    return data if hashlib.sha256(data).digest() == digest else None


def write_sealed(path: Path, data: bytes) -> None:
    write_private(path, _MAGIC + hashlib.sha256(data).digest() + data)


# --- plain data <-> frozen dataclasses ------------------------------------------------------

def to_plain(value: Any) -> Any:
    """Dataclasses as dicts of their fields, recursively; tuples, lists, frozensets and
    str-keyed dicts of str/int/float/bool/None kept as they are (marshal stores exactly these).
    Raises TypeError for anything else."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list | frozenset):
        return type(value)(to_plain(item) for item in value) if type(value) in _CONTAINERS else \
            _not_plain(value)
    if isinstance(value, dict):
        if not all(type(key) is str for key in value):
            raise TypeError("dict keys must be strings")
        return {key: to_plain(item) for key, item in value.items()}
    if type(value) in _SCALARS:
        return value
    return _not_plain(value)


def _not_plain(value: Any) -> Any:
    raise TypeError(f"not plain data: {type(value).__name__}")


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_CONTAINERS = frozenset({tuple, list, frozenset})


def _check_plain(data: Any) -> Any:
    """`data` itself, if it is plain (the value of an `Any` field, e.g. a rule setting)."""
    if type(data) in _CONTAINERS:
        for item in data:
            _check_plain(item)
    elif type(data) is dict:
        for key, item in data.items():
            if type(key) is not str:
                raise TypeError("dict keys must be strings")
            _check_plain(item)
    elif type(data) not in _SCALARS:
        raise TypeError(f"not plain data: {type(data).__name__}")
    return data


def from_plain(kind: Any, data: Any) -> Any:
    """The value of type `kind` that to_plain turned into `data`; raises TypeError or
    ValueError when `data` does not have that shape."""
    return _converter(kind)(data)


_NONE = type(None)
_ALLOWED = {str: {str}, bool: {bool}, int: {int}, float: {int, float}, _NONE: {_NONE}}  # exact types


def _homogeneous(args: tuple[Any, ...]) -> bool:
    return len(args) == 2 and args[1] is Ellipsis


@cache
def _all_of(kind: Any) -> Callable[[list[Any]], bool] | None:
    """A check that every value in a list is of type `kind`, looping in C rather than Python
    (the slip index has ~40,000 values): for scalars, fixed tuples of scalars, and homogeneous
    tuples, lists, frozensets and str-keyed dicts of these. None for other types."""
    kind = _NONE if kind is None else kind
    if kind in _ALLOWED:
        allowed = _ALLOWED[kind]
        return lambda values: set(map(type, values)) <= allowed
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and args and not _homogeneous(args):
        parts = [_all_of(a) for a in args]
        if None in parts:
            return None
        return lambda values: (set(map(type, values)) <= {tuple} and set(map(len, values)) <= {len(parts)}
                               and all(check(list(map(itemgetter(i), values)))  # type: ignore[misc]
                                       for i, check in enumerate(parts)))
    if origin in (tuple, list, frozenset) and args:
        inner = _all_of(args[0])
        if inner is None:
            return None
        return lambda values: set(map(type, values)) <= {origin} and inner(list(chain.from_iterable(values)))
    if origin is dict and args and args[0] is str:
        inner = _all_of(args[1])
        if inner is None:
            return None
        return lambda values: (set(map(type, values)) <= {dict}
                               and set(map(type, chain.from_iterable(values))) <= {str}
                               and inner([item for value in values for item in value.values()]))
    return None


@cache
def _converter(kind: Any) -> Callable[[Any], Any]:
    """A function from plain data to a value of type `kind`, made once per type."""
    check = _all_of(kind)
    if check is not None:  # plain data already: checked, kept as it is
        def checked(data: Any) -> Any:
            if not check([data]):
                raise TypeError(f"expected {kind}")
            return data
        return checked
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        parts = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(kind) if f.init]
        names = sorted(name for name, _ in parts)

        def build(data: Any) -> Any:
            if type(data) is not dict or sorted(data) != names:
                raise TypeError(f"not a {kind.__name__}")
            return kind(**{name: convert(data[name]) for name, convert in parts})
        return build
    if kind is Any:
        return _check_plain
    if origin in (typing.Union, types.UnionType):
        options = [_converter(a) for a in sorted(args, key=lambda a: a is not _NONE)]  # None first

        def either(data: Any) -> Any:
            for option in options:
                try:
                    return option(data)
                except (TypeError, ValueError):
                    continue
            raise TypeError(f"matches none of {kind}")
        return either
    if origin is tuple and args and not _homogeneous(args):
        items = [_converter(a) for a in args]

        def fixed(data: Any) -> Any:
            if type(data) is not tuple or len(data) != len(items):
                raise TypeError(f"expected {kind}")
            return tuple(convert(item) for convert, item in zip(items, data, strict=True))
        return fixed
    if origin in (tuple, list, frozenset):
        item = _converter(args[0] if args else Any)

        def sequence(data: Any) -> Any:
            if type(data) is not origin:
                raise TypeError(f"expected {kind}")
            return origin(map(item, data))
        return sequence
    if origin is dict and (not args or args[0] is str):
        value = _converter(args[1] if args else Any)

        def mapping(data: Any) -> Any:
            if type(data) is not dict or not set(map(type, data)) <= {str}:
                raise TypeError(f"expected {kind}")
            return {key: value(item) for key, item in data.items()}
        return mapping
    raise TypeError(f"unsupported type {kind!r}")


@cache
def shape(kind: Any) -> str:
    """The field names and types of a dataclass, recursively: part of every cache key, so a
    changed dataclass never meets data written for the old one."""
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        inner = ",".join(f"{f.name}:{shape(hints[f.name])}" for f in dataclasses.fields(kind))
        return f"{kind.__qualname__}({inner})"
    args = typing.get_args(kind)
    if args:
        return f"{typing.get_origin(kind)}[{','.join(shape(a) for a in args)}]"
    return getattr(kind, "__qualname__", repr(kind))


# --- the cache ----------------------------------------------------------------------------------

def entry_path(folder: Path, kind: str, key: bytes, value_type: type) -> Path:
    digest = hashlib.sha256(b"\0".join((key, __version__.encode(), shape(value_type).encode())))
    return folder / f"{kind}-{digest.hexdigest()[:32]}.marshal"


def cached(kind: str, key: bytes, build: Callable[[], T], value_type: type[T]) -> T:
    """build() (a value_type), remembered in the cache under a hash of `key`, djscore's version
    and value_type's shape. A cache that is missing, unsafe, unreadable, corrupted or foreign
    is simply rebuilt: it never makes a run fail."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = entry_path(folder, kind, key, value_type)
    data = read_sealed(path, MAX_CACHE_BYTES)
    if data is not None:
        try:
            return from_plain(value_type, marshal.loads(data))
        except (ValueError, EOFError, TypeError, RecursionError, MemoryError):
            pass  # intact but of another shape: rebuilt and overwritten below
    value = build()
    try:
        encoded = marshal.dumps(to_plain(value))
    except (TypeError, ValueError, RecursionError):
        return value  # not plain data (e.g. a YAML date in a rule setting): not cached
    write_sealed(path, encoded)
    return value
