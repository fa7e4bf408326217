"""The jieba wrapper: rubric terms stay whole, and the cache is per user."""

from __future__ import annotations

import os
import subprocess
import sys

from djscore import segment


def test_rubric_terms_are_not_split(rubric):
    assert "三会一课" in segment.words("我们严格落实三会一课制度")


def test_cache_dir_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert segment.cache_dir() == tmp_path / "djscore"


def test_jieba_never_uses_the_shared_tmp_cache(tmp_path):
    code = ("import jieba, djscore.segment as s; s.tokenizer(); "
            "print(jieba.dt.tmp_dir)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-W", "error", "-c", code], env=env,
                         capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == str(tmp_path / "djscore")
    assert out.stderr == ""
