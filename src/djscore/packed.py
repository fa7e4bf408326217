"""A dataclass of large string collections as a few long strings: faster to cache and load.

The cache (djscore.cache) stores plain data with `marshal`, which decodes every string of a
collection one by one; the slip index holds ~250,000 of them (~60 ms to load, ~20 ms more to
check their types). Joined into one string per column they load as a few long strings, cut
apart by `str.split` and paired by `zip` (C loops), and their types need no checking.
Only the field types below are packed; `pack` gives None for anything it cannot give back
exactly (a separator inside the data, an empty list), and the caller keeps the plain form.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

LAYOUT = 1  # part of a cache key: raised whenever the way a type is packed changes
ITEM, PART = "\x1f", "\x1e"  # separators: between entries, between the items of a list


@dataclass(frozen=True)
class Packed:
    columns: tuple[tuple[str, ...], ...]  # one tuple of strings per field, in field order


def _split(text: str, separator: str = ITEM) -> list[str]:
    return text.split(separator) if text else []


_CODECS: dict[str, tuple[Callable[[Any], tuple[str, ...]], Callable[..., Any]]] = {
    "frozenset[str]": (lambda v: (ITEM.join(sorted(v)),), lambda c: frozenset(_split(c))),
    "dict[str, str]": (lambda v: (ITEM.join(v), ITEM.join(v.values())),
                       lambda keys, values: dict(zip(_split(keys), _split(values), strict=True))),
    "dict[str, list[str]]": (lambda v: (ITEM.join(v), ITEM.join(PART.join(items) for items in v.values())),
                             lambda keys, values: dict(zip(_split(keys), [item.split(PART) for item in
                                                                         _split(values)], strict=True))),
    "dict[str, list[tuple[int, str]]]": (
        lambda v: (ITEM.join(v), ITEM.join(PART.join(str(n) for n, _ in items) for items in v.values()),
                   ITEM.join(PART.join(s for _, s in items) for items in v.values())),
        lambda keys, numbers, texts: dict(zip(_split(keys), [
            list(zip(map(int, n.split(PART)), s.split(PART), strict=True))
            for n, s in zip(_split(numbers), _split(texts), strict=True)], strict=True))),
    "dict[str, tuple[str, str, int]]": (
        lambda v: (ITEM.join(v), *(ITEM.join(str(t[i]) for t in v.values()) for i in range(3))),
        lambda keys, a, b, n: dict(zip(_split(keys), zip(_split(a), _split(b), map(int, _split(n)),
                                                         strict=True), strict=True))),
}


def pack(value: Any) -> Packed | None:
    """`value` (a dataclass whose fields have the types above) as columns of strings; None if
    they would not give it back exactly."""
    columns = []
    for field in dataclasses.fields(value):
        codec = _CODECS.get(str(field.type))
        if codec is None:
            return None
        columns.append(codec[0](getattr(value, field.name)))
    packed = Packed(tuple(columns))
    try:
        return packed if unpack(type(value), packed) == value else None
    except (ValueError, TypeError):  # a separator inside the data shifted the columns
        return None


def unpack(kind: type[T], packed: Packed) -> T:
    """The dataclass `kind` from its columns; ValueError or TypeError if they do not fit it."""
    fields = dataclasses.fields(kind)  # type: ignore[arg-type]
    if len(fields) != len(packed.columns):
        raise ValueError(f"not a {kind.__name__}")
    # Hundreds of thousands of new objects, none in a cycle: the collector would only walk them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return kind(**{field.name: _CODECS[str(field.type)][1](*column)
                       for field, column in zip(fields, packed.columns, strict=True)})
    finally:
        if enabled:
            gc.enable()
