from __future__ import annotations

from pathlib import Path

import pytest

from djscore.pipeline import check_path, prepare
from djscore.rubric import Rubric, load_rubric
from djscore.score import EssayResult

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
SEED_DIR = ROOT.parent / "shared" / "seed"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    loaded = load_rubric()
    prepare(loaded)
    return loaded


@pytest.fixture(scope="session")
def mini_rubric() -> Rubric:
    loaded = load_rubric(DATA / "mini-rubric.yaml")
    prepare(loaded)
    return loaded


@pytest.fixture(scope="session")
def seed_essay() -> Path:
    essays = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not essays:
        pytest.skip("reference essay (../shared/seed/) not present")
    return essays[0]


def score_file(path: Path, rubric: Rubric) -> EssayResult:
    result = check_path(str(path), rubric)
    assert result.error is None, result.error
    return result


def pillar_scores(result: EssayResult) -> dict[str, float]:
    return {p.name: p.score for p in result.pillars}
