"""Frozen, slotted result dataclasses that pickle as fast as plain ones.

The batch workers send every result to the parent pickled (~100 objects each). For a frozen
dataclass with __slots__, dataclasses' own __getstate__/__setstate__ look up the fields on
every object, which made pickling a result about 1.7x slower than with plain instances."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def fast_pickling(cls: T) -> T:
    """Give a frozen dataclass with __slots__ a __getstate__ and __setstate__ that know its
    fields: the state is the tuple of their values."""
    names = tuple(f.name for f in fields(cls))
    get = attrgetter(*names)
    if len(names) == 1:
        def __getstate__(self: Any) -> tuple[Any, ...]:
            return (get(self),)
    else:
        def __getstate__(self: Any) -> tuple[Any, ...]:
            return get(self)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)  # frozen: the usual setattr refuses

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
