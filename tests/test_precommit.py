"""End to end: the real pre-commit tool runs this repository's hook on a passing and a failing essay."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from djscore.inputs.decode import DOCX_SUFFIXES, MARKDOWN_SUFFIXES

from .conftest import EXAMPLES, ROOT
from .docx_builder import docx_from_text


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


def hook_files_pattern() -> re.Pattern[str]:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "types_or" not in hook, "identify's types know .docx only as binary"
    return re.compile(hook["files"])


def test_hook_selects_every_format_djscore_reads():
    pattern = hook_files_pattern()
    for suffix in {".txt", *MARKDOWN_SUFFIXES, *DOCX_SUFFIXES}:
        assert pattern.search(f"文章/草稿{suffix}"), suffix
        assert pattern.search(f"文章/草稿{suffix.upper()}"), suffix.upper()
    for other in ("图片.png", "材料.pdf", "脚本.py", "docx.txt.bak"):
        assert not pattern.search(other), other


def test_hook_checks_word_and_markdown_files_as_well_as_text(tmp_path):
    """--all-files lets pre-commit choose the files by the hook's own filter: a weak .docx
    and a weak .md fail the commit with one line each, a good .txt passes, a PDF is left alone."""
    tool = pre_commit()
    repo = tmp_path / "essays"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(EXAMPLES / "full-four-pillars.txt", repo / "good.txt")
    weak = (EXAMPLES / "offtopic-travel.txt").read_text(encoding="utf-8")
    (repo / "weak.md").write_text(f"# 游记\n\n{weak}", encoding="utf-8")
    (repo / "weak.docx").write_bytes(docx_from_text(weak))
    (repo / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (repo / ".djscore.toml").write_text("fail-under = 60\n")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    proc = subprocess.run([tool, "try-repo", str(ROOT), "djscore", "--all-files"],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "weak.docx: 总分" in out and "weak.md: 总分" in out
    assert "good.txt" not in out and "notes.pdf" not in out
    assert "no files to check" not in out


def test_readme_pins_the_hook_to_a_revision_that_exists():
    """The README's `rev:` must be a commit SHA (an example one) or a tag this repository has."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (rev,) = re.findall(r"^\s+rev:\s*(\S+)", readme, flags=re.MULTILINE)
    if re.fullmatch(r"[0-9a-f]{40}", rev):
        return
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tags cannot be listed")
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.split()
    assert rev in tags, f"README names rev {rev}, but the tags are {tags}"
