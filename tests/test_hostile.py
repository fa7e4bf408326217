"""Hostile and broken input (issue 14): nothing hangs, nothing is lost or overwritten, every
problem is one line on stderr with exit code 2 and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES

FULL = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return {**os.environ, "XDG_CACHE_HOME": str(cache)}


def run(env, *args: str, cwd: Path | None = None, timeout: float = 60,
        **kwargs) -> subprocess.CompletedProcess:
    """djscore under `python -W error`; a hang fails the test through the timeout."""
    return subprocess.run([sys.executable, "-W", "error", "-m", "djscore", *args],
                          capture_output=True, env=env, cwd=cwd, timeout=timeout, **kwargs)


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("djscore: ")
    for needle in needles:
        assert needle in lines[0], err
    return lines[0]


# --- 3: only regular files are read ----------------------------------------------------------

@needs_fifo
def test_a_fifo_as_argument_in_a_folder_or_as_rubric_is_an_error_not_a_hang(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(FULL, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "rubric.yaml")
    one_line_error(run(env, "check", "d/pipe.txt", cwd=tmp_path, timeout=30), "d/pipe.txt", "FIFO")
    proc = run(env, "check", "d", "-j", "1", "--no-similarity", cwd=tmp_path, timeout=30)
    assert "a.txt" in proc.stdout.decode()
    one_line_error(proc, "pipe.txt", "FIFO")
    one_line_error(run(env, "check", "ok.txt", "--rubric", "rubric.yaml", cwd=tmp_path, timeout=30),
                   "rubric.yaml", "FIFO")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_as_rubric_is_refused(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    one_line_error(run(env, "check", "ok.txt", "--rubric", "/dev/zero", cwd=tmp_path, timeout=30),
                   "/dev/zero", "设备文件")
