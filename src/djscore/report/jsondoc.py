"""The versioned JSON document (schema in docs/json-schema.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..rubric import Rubric
from ..score import EssayResult

SCHEMA_VERSION = 2  # 2: pillar scores on the readers' scale with `evidence`; similar_clusters
INDENT_UP_TO = 20  # results; a larger batch is written compactly (the encoder is then ~5x faster)


INTERNAL = frozenset({"fingerprint"})


def _fields(value: Any) -> dict[str, Any]:
    # Result dataclasses are plain frozen dataclasses: their __dict__ is their fields, in order.
    fields = value.__dict__
    return {k: v for k, v in fields.items() if k not in INTERNAL} if "fingerprint" in fields else fields


def document(results: list[EssayResult], rubric: Rubric) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "djscore", "version": __version__},
        "rubric": {"id": rubric.id, "name": rubric.name, "version": rubric.version,
                   "source": rubric.source, "sha256": rubric.sha256},
        "results": list(results),
    }


def render_json(results: list[EssayResult], rubric: Rubric, extra: dict[str, Any] | None = None) -> str:
    """`extra`: more top-level keys (similar_clusters); a result may also be given as a dict of
    its fields plus more keys (baseline)."""
    indent = 2 if len(results) <= INDENT_UP_TO else None
    doc = {**document(results, rubric), **(extra or {})}
    return json.dumps(doc, ensure_ascii=False, indent=indent, default=_fields) + "\n"
