"""Near-duplicate essays: shingles, MinHash + LSH candidates, exact similarity, CLI wiring."""

from __future__ import annotations

import difflib
import itertools
import json
import random
import re
import sys

from typer.testing import CliRunner

from djscore.cli import app
from djscore.similarity import (
    DEFAULT_THRESHOLD,
    clean,
    find_against,
    find_similar,
    found_probability,
    jaccard,
    longest_common,
    lsh_plan,
    shingles,
    signature,
)

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import paragraphs

runner = CliRunner()


# --- a corpus of mostly distinct essays ---------------------------------------------------

def sentences() -> list[str]:
    """The sentences of the project's example essays (about 200)."""
    return [s for p in paragraphs() for s in re.split(r"(?<=[。！？；])", p) if len(s) >= 8]


def distinct_essays(count: int, seed: int, per_paragraph: int = 5, paras: int = 5) -> list[str]:
    """Essays of random sentences: two share a few sentences at most, unlike corpus.write_corpus,
    whose essays share whole paragraphs."""
    rng = random.Random(seed)
    pool = sentences()
    return ["\n\n".join("".join(rng.sample(pool, per_paragraph)) for _ in range(paras)) + "\n"
            for _ in range(count)]


def near_copy(text: str) -> str:
    """A copy with three sentences edited, one dropped, one added, re-punctuated and re-wrapped."""
    parts = [s for s in re.split(r"(?<=[。！？；])", text.replace("\n", "")) if s]
    for i in (2, 9, 16):
        middle = len(parts[i]) // 2
        parts[i] = parts[i][:middle] + "切实加以改进" + parts[i][middle + 3:]
    del parts[20]
    parts.append("今后我们将继续努力，把这项工作做得更实更好。")
    lines = ["\u3000\u3000" + "".join(parts[i:i + 4]) for i in range(0, len(parts), 4)]
    return "\n".join(lines).replace("，", "、").replace("。", "！") + "\n"


def write_batch(folder, texts: list[str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(texts, start=1):
        path = folder / f"essay-{index:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


# --- the pure functions ----------------------------------------------------------------

def test_cleaning_ignores_punctuation_spaces_width_and_case():
    assert clean("党建，工作　Ａ1\n  （试点）ab") == clean("党建工作a1试点AB") == "党建工作a1试点ab"
    assert shingles("党建工作好", 5) == {"党建工作好"}
    assert shingles("一二三四五六", 5) == {"一二三四五", "二三四五六"}


def test_lsh_parameters_find_a_pair_at_the_threshold_almost_surely():
    assert lsh_plan(0.6) == (42, 3)
    assert found_probability(0.6, 42, 3) > 0.999
    for threshold in (0.3, 0.5, 0.7, 0.8, 0.9):
        assert found_probability(threshold, *lsh_plan(threshold)) > 0.999


def test_signature_is_deterministic_and_estimates_jaccard():
    (a,) = distinct_essays(1, seed=1)
    copy = near_copy(a)
    sig_a, sig_copy = signature(clean(a)), signature(clean(copy))
    assert sig_a == signature(clean(a)) and len(sig_a) == 128
    exact = jaccard(shingles(clean(a)), shingles(clean(copy)))
    estimate = sum(x == y for x, y in zip(sig_a, sig_copy, strict=True)) / 128
    assert abs(estimate - exact) < 0.2
    assert signature(clean("")) is None
    assert signature(clean("很短的文字")) == signature(clean("很短的文字。"))  # densified, no empty bin


def test_pairs_are_exactly_the_brute_force_pairs_at_every_threshold():
    rng = random.Random(7)
    pool = sentences()
    texts: list[tuple[str, str]] = []
    for index in range(90):  # graded overlaps: each text reuses a share of an earlier one
        if index % 3 == 0:
            text = "".join(rng.sample(pool, 30))
        else:
            keep = rng.random()
            base = re.split(r"(?<=[。！？；])", rng.choice(texts)[1])
            text = "".join(s if rng.random() < keep else rng.choice(pool) for s in base)
        texts.append((f"t{index}", text))
    sets = [shingles(clean(text)) for _, text in texts]
    for threshold in (0.3, 0.5, 0.6, 0.8):
        truth = {(texts[i][0], texts[j][0]): jaccard(sets[i], sets[j])
                 for i, j in itertools.combinations(range(len(texts)), 2)
                 if jaccard(sets[i], sets[j]) >= threshold}
        found = find_similar(texts, threshold)
        assert {(p.path_a, p.path_b): p.similarity for p in found} == \
            {pair: round(value, 3) for pair, value in truth.items()}
        assert [p.similarity for p in found] == sorted((p.similarity for p in found), reverse=True)


def test_longest_common_is_the_longest_common_substring():
    rng = random.Random(3)
    pool = sentences()
    for _ in range(5):
        shared = "".join(rng.sample(pool, 3))
        a = clean("".join(rng.sample(pool, 6)) + shared + "".join(rng.sample(pool, 4)))
        b = clean("".join(rng.sample(pool, 5)) + shared + "".join(rng.sample(pool, 6)))
        start_a, start_b, length = longest_common(a, b)
        match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        assert length == match.size
        assert a[start_a:start_a + length] == b[start_b:start_b + length]
    assert longest_common("一二三四五六", "七八九十甲乙") == (0, 0, 0)


def test_against_compares_only_submissions_with_known_texts():
    a, b, c = distinct_essays(3, seed=5)
    assert find_against([("s1", a), ("s2", a)], [("k1", b)]) == []
    (pair,) = find_against([("s1", a), ("s2", c)], [("k1", b), ("k2", near_copy(c))])
    assert (pair.path_a, pair.path_b) == ("s2", "k2") and pair.similarity >= 0.8


# --- the command line ----------------------------------------------------------------------

def test_batch_of_50_reports_only_the_near_copy(tmp_path):
    texts = distinct_essays(49, seed=2026)
    texts.append(near_copy(texts[16]))  # essay-50 copies essay-17
    sets = [shingles(clean(t)) for t in texts]
    others = max(jaccard(sets[i], sets[j]) for i, j in itertools.combinations(range(50), 2)
                 if (i, j) != (16, 49))
    assert others < DEFAULT_THRESHOLD  # the corpus is mostly distinct: only the copy stands out
    paths = write_batch(tmp_path / "batch", texts)

    result = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "json", "-j", "1"])
    assert result.exit_code == 0, result.output  # pairs never change the exit code
    (pair,) = json.loads(result.stdout)["similar_pairs"]
    assert (pair["a"], pair["b"]) == (paths[16], paths[49])
    assert pair["similarity"] >= 0.8
    passage = pair["shared_passage"].removesuffix("…")
    assert len(clean(passage)) >= 20
    assert clean(passage) in clean(texts[16]) and clean(passage) in clean(texts[49])

    text = runner.invoke(app, ["check", str(tmp_path / "batch"), "-j", "1"]).stdout
    assert "疑似雷同（1 对" in text and text.index("共 50 篇") < text.index("疑似雷同")
    assert f"{pair['similarity']:.3f}" in text.split("疑似雷同")[1]

    markdown = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "markdown", "-j", "1"]).stdout
    assert "### 疑似雷同（1 对，相似度 ≥ 0.6）" in markdown and "| 文件 A | 文件 B | 相似度 |" in markdown
    csv = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "csv", "-j", "1"]).stdout
    assert len(csv.splitlines()) == 51 and "雷同" not in csv

    off = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "json", "-j", "1", "--no-similarity"])
    assert "similar_pairs" not in json.loads(off.stdout)
    off_text = runner.invoke(app, ["check", str(tmp_path / "batch"), "-j", "1", "--no-similarity"]).stdout
    assert "疑似雷同" not in off_text


def test_threshold_option_and_single_file(tmp_path):
    texts = distinct_essays(3, seed=11)
    paths = write_batch(tmp_path, [texts[0], near_copy(texts[0]), texts[1]])
    loose = runner.invoke(app, ["check", *paths, "-f", "json", "--similarity-threshold", "0.95"])
    assert json.loads(loose.stdout)["similar_pairs"] == []
    single = runner.invoke(app, ["check", paths[0], "-f", "json"])
    assert "similar_pairs" not in json.loads(single.stdout)


def test_against_finds_a_submission_copied_from_a_known_text(tmp_path):
    known_texts = distinct_essays(5, seed=99)
    known = tmp_path / "known"
    write_batch(known, known_texts)
    (known / "zz-empty.txt").write_text("", encoding="utf-8")
    submitted = tmp_path / "submitted"
    subs = write_batch(submitted, [*distinct_essays(2, seed=100), near_copy(known_texts[2])])

    result = runner.invoke(app, ["check", *subs, "--against", str(known), "-f", "json"])
    assert result.exit_code == 0
    (pair,) = json.loads(result.stdout)["similar_pairs"]
    assert pair["a"] == subs[2] and pair["b"] == str(known / "essay-03.txt")
    assert pair["similarity"] >= 0.8
    (warning,) = result.stderr.strip().splitlines()  # the unreadable known text is skipped
    assert "zz-empty.txt" in warning

    alone = runner.invoke(app, ["check", subs[2], "--against", str(known)])
    assert "疑似雷同（1 对" in alone.stdout and "essay-03.txt" in alone.stdout
    missing = runner.invoke(app, ["check", subs[2], "--against", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_config_keys(tmp_path, monkeypatch):
    texts = distinct_essays(2, seed=12)
    (tmp_path / ".git").mkdir()
    write_batch(tmp_path / "known", [texts[0]])
    write_batch(tmp_path / "work", [near_copy(texts[0]), texts[1]])
    (tmp_path / ".djscore.toml").write_text("similarity = false\nagainst = ['known']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    assert "similar_pairs" not in json.loads(runner.invoke(app, ["check", ".", "-f", "json"]).stdout)
    (tmp_path / ".djscore.toml").write_text("similarity-threshold = 0.7\nagainst = ['known']\n",
                                            encoding="utf-8")
    (pair,) = json.loads(runner.invoke(app, ["check", ".", "-f", "json"]).stdout)["similar_pairs"]
    assert pair["b"].endswith("essay-01.txt") and "known" in pair["b"]
