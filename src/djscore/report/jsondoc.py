"""The versioned JSON document (schema in docs/json-schema.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .. import __version__
from ..rubric import Rubric
from ..score import EssayResult

SCHEMA_VERSION = 1


def result_dict(result: EssayResult) -> dict[str, Any]:
    data = asdict(result)
    data["notes"] = list(result.notes)
    return data


def document(results: list[EssayResult], rubric: Rubric) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "djscore", "version": __version__},
        "rubric": {"id": rubric.id, "name": rubric.name, "version": rubric.version,
                   "source": rubric.source, "sha256": rubric.sha256},
        "results": [result_dict(r) for r in results],
    }


def render_json(results: list[EssayResult], rubric: Rubric) -> str:
    return json.dumps(document(results, rubric), ensure_ascii=False, indent=2) + "\n"
