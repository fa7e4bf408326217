"""The versioned JSON document (schema in docs/json-schema.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..rubric import Rubric
from ..score import EssayResult

SCHEMA_VERSION = 1
INDENT_UP_TO = 20  # results; a larger batch is written compactly (the encoder is then ~5x faster)


def _fields(value: Any) -> dict[str, Any]:
    # Result dataclasses are plain frozen dataclasses: their __dict__ is their fields, in order.
    return value.__dict__


def document(results: list[EssayResult], rubric: Rubric) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "djscore", "version": __version__},
        "rubric": {"id": rubric.id, "name": rubric.name, "version": rubric.version,
                   "source": rubric.source, "sha256": rubric.sha256},
        "results": list(results),
    }


def render_json(results: list[EssayResult], rubric: Rubric) -> str:
    indent = 2 if len(results) <= INDENT_UP_TO else None
    return json.dumps(document(results, rubric), ensure_ascii=False, indent=indent, default=_fields) + "\n"
