"""The documented library interface (docs/api.md): score texts and files from Python.

Everything here wires the same pieces the command line uses, so a result from check_text is
the result `djscore check` gives for the same text, rubric and segmenter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .inputs import DEFAULT_MAX_BYTES
from .pipeline import CheckOptions, analyse, check_all, prepare
from .rubric import Rubric, load_rubric
from .score import EssayResult


def _options(rubric: Rubric | str | Path | None, segmenter: str, **settings) -> CheckOptions:
    loaded = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    prepare(loaded, segmenter)
    return CheckOptions(loaded, segmenter=segmenter, **settings)


def _without_findings(result: EssayResult) -> EssayResult:
    return replace(result, findings=(), suppressed=0)


def check_text(text: str, *, rubric: Rubric | str | Path | None = None, markdown: bool = False,
               rules: bool = True, segmenter: str = "auto", path: str = "-") -> EssayResult:
    """Score one text. `rubric`: a loaded Rubric, a path to a YAML rubric, or None for the
    packaged one. `rules=False` leaves out the writing checks' findings (scores are the same)."""
    result = analyse(text, _options(rubric, segmenter), path, markdown)
    return result if rules else _without_findings(result)


def check_file(path: str | Path, *, rubric: Rubric | str | Path | None = None, rules: bool = True,
               segmenter: str = "auto", encoding: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> EssayResult:
    """Read and score one file (.txt, .md, .docx; encodings detected as on the command line).
    A file that cannot be read gives a result whose `error` says why; it does not raise."""
    (result,) = check_files([path], rubric=rubric, rules=rules, segmenter=segmenter, encoding=encoding,
                            max_bytes=max_bytes, jobs=1)
    return result


def check_files(paths: Iterable[str | Path], *, jobs: int = 0, rubric: Rubric | str | Path | None = None,
                rules: bool = True, segmenter: str = "auto", encoding: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> list[EssayResult]:
    """Score many files with the batch engine (one process per CPU when jobs is 0), results in
    the order of `paths`. Folders are not expanded: pass the files."""
    from .inputs.files import Candidate

    options = _options(rubric, segmenter, encoding=encoding, max_bytes=max_bytes)
    results = list(check_all([Candidate(str(p)) for p in paths], options, jobs=jobs))
    return results if rules else [_without_findings(r) for r in results]
