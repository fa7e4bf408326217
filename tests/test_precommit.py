"""End to end: the real pre-commit tool runs this repository's hook on a passing and a failing essay."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


def pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if found is None or not (ROOT / ".git").exists():
        pytest.skip("pre-commit or a git checkout of djscore is not available")
    return found


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_passes_a_good_essay_and_fails_a_weak_one(tmp_path):
    tool = pre_commit()
    repo = tmp_path / "essays"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(EXAMPLES / "full-four-pillars.txt", repo / "good.txt")
    shutil.copy(EXAMPLES / "offtopic-travel.txt", repo / "weak.txt")
    (repo / ".djscore.toml").write_text("fail-under = 60\n")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}

    def run(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([tool, "try-repo", str(ROOT), "djscore", "--files", name],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    good = run("good.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    weak = run("weak.txt")
    assert weak.returncode == 1, weak.stdout + weak.stderr
    assert "Failed" in weak.stdout and "weak.txt: 总分" in weak.stdout
    assert (repo / "weak.txt").read_bytes() == (EXAMPLES / "offtopic-travel.txt").read_bytes()
