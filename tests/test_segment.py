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


def _engines_or_skip():
    from djscore.segment import _rjieba_engine

    if _rjieba_engine() is None:
        import pytest

        pytest.skip("rjieba is not installed on this platform")


TOKENS_SCRIPT = """
import json, sys
from djscore import segment
from djscore.pipeline import prepare
from djscore.rubric import load_rubric
prepare(load_rubric(), sys.argv[1])
print(json.dumps([segment.token_starts(open(p, encoding="utf-8").read()) for p in sys.argv[2:]]))
"""


def test_engines_cut_identically_and_score_identically():
    # Each engine in a fresh process, so that both know exactly the rubric's words.
    import json

    from .conftest import EXAMPLES, SEED_DIR

    _engines_or_skip()
    paths = [str(p) for p in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.md"))
             + sorted(SEED_DIR.glob("*.txt"))]
    tokens, scores = {}, {}
    for engine in ("jieba", "rjieba"):
        tokens[engine] = subprocess.run([sys.executable, "-c", TOKENS_SCRIPT, engine, *paths],
                                        capture_output=True, text=True, check=True, timeout=120).stdout
        out = subprocess.run([sys.executable, "-m", "djscore", "check", *paths, "-f", "json",
                              "--segmenter", engine, "--fail-on", "never", "-j", "1"],
                             capture_output=True, text=True, timeout=120).stdout
        scores[engine] = json.loads(out)["results"]
    assert json.loads(tokens["jieba"]) == json.loads(tokens["rjieba"])
    assert scores["jieba"] == scores["rjieba"]


def test_auto_prefers_rjieba_and_jieba_can_be_forced(rubric):
    _engines_or_skip()
    assert segment.use_engine("auto") == "rjieba"
    assert segment.use_engine("jieba") == "jieba"
    assert segment.use_engine("auto") == "jieba"  # auto keeps whatever engine is already chosen
    segment.use_engine("rjieba")
