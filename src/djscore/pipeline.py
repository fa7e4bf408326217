"""Wiring for one input: read, normalise, segment, score. Shared by the CLI and its workers."""

from __future__ import annotations

from dataclasses import replace

from . import segment
from .inputs import InputError, read_document
from .normalize import normalize
from .rubric import Rubric
from .score import EssayResult, error_result, score_text


def prepare(rubric: Rubric) -> None:
    """Initialise the segmenter with the rubric's terms (once per process)."""
    segment.add_words(rubric.all_words())


def check_path(path: str, rubric: Rubric, encoding: str | None = None) -> EssayResult:
    try:
        document = read_document(path, encoding)
    except InputError as exc:
        return error_result(path, str(exc))
    result = score_text(normalize(document.text), rubric, segment.token_starts, path)
    return replace(result, encoding=document.encoding, line_unit=document.line_unit)
