"""djscore: score Chinese essays on grassroots Party building against a YAML rubric.

The library interface is documented in docs/api.md; everything not listed in __all__ is
private and may change between releases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CriterionResult",
    "EssayResult",
    "Finding",
    "Hit",
    "PillarEvidence",
    "PillarResult",
    "Rubric",
    "RubricError",
    "Section",
    "__version__",
    "check_file",
    "check_files",
    "check_text",
    "load_rubric",
]

# Names resolve on first use, so that `import djscore` (and the command line, which imports
# this package first) does not pay for the scorer's imports until it needs them.
_WHERE = {
    "check_text": "api", "check_file": "api", "check_files": "api",
    "load_rubric": "rubric", "Rubric": "rubric", "RubricError": "rubric",
    "EssayResult": "score", "PillarResult": "score", "CriterionResult": "score", "Hit": "score",
    "Finding": "score", "Section": "score", "PillarEvidence": "depth",
}

if TYPE_CHECKING:
    from .api import check_file, check_files, check_text
    from .depth import PillarEvidence
    from .rubric import Rubric, RubricError, load_rubric
    from .score import CriterionResult, EssayResult, Finding, Hit, PillarResult, Section


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'djscore' has no attribute {name!r}")
