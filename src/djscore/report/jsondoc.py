"""The versioned JSON document (schema in docs/json-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..rubric import Rubric
from ..score import EssayResult
from . import failure_reasons

if TYPE_CHECKING:
    from ..gate import Gate

SCHEMA_VERSION = 3  # 2: pillar scores on the readers' scale with `evidence`; similar_clusters
# 3: each evidence sentence filed under one criterion, the pillar's `related` hits
INDENT_UP_TO = 20  # results; a larger batch is written compactly (the encoder is then ~5x faster)


INTERNAL = frozenset({"fingerprint"})
RESULT_FIELDS = frozenset(f.name for f in fields(EssayResult))


def _fields(value: Any) -> dict[str, Any]:
    # The fields of a result dataclass, in order (most of them have __slots__, no __dict__).
    names, get = _getters.get(type(value)) or _getter(type(value))
    return dict(zip(names, get(value), strict=True))


_getters: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def _getter(kind: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    names = tuple(f.name for f in fields(kind) if f.name not in INTERNAL)
    get = attrgetter(*names)
    _getters[kind] = names, (get if len(names) > 1 else lambda value: (get(value),))
    return _getters[kind]


def document(results: list[EssayResult], rubric: Rubric) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "djscore", "version": __version__},
        "rubric": {"id": rubric.id, "name": rubric.name, "version": rubric.version,
                   "source": rubric.source, "sha256": rubric.sha256},
        "results": list(results),
    }


def gate_dict(results: list[Any], gate: Gate) -> dict[str, Any]:
    """The standard the results were judged by, and which fall short of it and why."""
    failed = []
    for result in results:
        essay = (EssayResult(**{k: v for k, v in result.items() if k in RESULT_FIELDS})
                 if isinstance(result, dict) else result)
        reasons = failure_reasons(essay, gate)
        if reasons:
            failed.append({"path": essay.path, "reasons": reasons})
    return {"fail_under": gate.fail_under, "min_pillar": gate.min_pillar, "fail_on": gate.fail_on,
            "standard": gate.describe(), "passed": not failed, "failed": failed}


def render_json(results: list[EssayResult], rubric: Rubric, extra: dict[str, Any] | None = None,
                gate: Gate | None = None) -> str:
    """`extra`: more top-level keys (similar_clusters); a result may also be given as a dict of
    its fields plus more keys (baseline). `gate`: the standard that was set, listed with the
    results that fail it (and why) before the results."""
    return "".join(json_chunks(results, rubric, extra, gate))


def json_chunks(results: list[EssayResult], rubric: Rubric, extra: dict[str, Any] | None = None,
                gate: Gate | None = None) -> Iterator[str]:
    """The document of render_json in pieces, one result at a time, so that a large batch is
    written out without ever being one string (2,000 results: ~100 MB). A value of `extra`
    may be a function: it is called when its turn comes, after the results are written."""
    indent = 2 if len(results) <= INDENT_UP_TO else None
    doc = document(results, rubric)
    if gate is not None:
        doc = {**{k: v for k, v in doc.items() if k != "results"}, "gate": gate_dict(results, gate),
               "results": doc["results"]}
    doc = {**doc, **(extra or {})}
    if indent is not None:
        doc = {key: value() if callable(value) else value for key, value in doc.items()}
        yield json.dumps(doc, ensure_ascii=False, indent=indent, default=_fields) + "\n"
        return
    # What json.dumps(doc) writes without indent: ", " between items, ": " after keys.
    encode = json.JSONEncoder(ensure_ascii=False, default=_fields).encode
    for number, (key, value) in enumerate(doc.items()):
        yield ("{" if number == 0 else ", ") + encode(key) + ": "
        if key != "results":
            yield encode(value() if callable(value) else value)
            continue
        yield "["
        for index, result in enumerate(value):
            yield (", " if index else "") + encode(result)
        yield "]"
    yield "}\n"
