"""Near-duplicate essays: shingles, MinHash + LSH candidates, exact similarity, clusters, CLI wiring."""

from __future__ import annotations

import difflib
import itertools
import json
import random
import re
import sys

from typer.testing import CliRunner

from djscore.cli import app
from djscore.review import similarity
from djscore.review.similarity import (
    DEFAULT_THRESHOLD,
    clean,
    components,
    find_clusters,
    fingerprint,
    found_probability,
    jaccard,
    longest_common,
    lsh_plan,
    shingles,
    signature,
)

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import copied_texts, paragraphs

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


def brute_force(texts: list[str], threshold: float, known: list[bool] | None = None,
                within: bool = True) -> list[list[int]]:
    """Connected components of the exact graph, every pair compared."""
    sets = [shingles(clean(text)) for text in texts]
    side = known or [False] * len(texts)
    root = list(range(len(texts)))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for i, j in itertools.combinations(range(len(texts)), 2):
        if (side[i] and side[j]) or (not side[i] and not side[j] and not within):
            continue
        if jaccard(sets[i], sets[j]) >= threshold:
            root[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(g for g in groups.values() if len(g) > 1 and not all(side[i] for i in g))


def graded_texts(count: int, seed: int) -> list[str]:
    """Graded overlaps: each text reuses a random share of an earlier one."""
    rng = random.Random(seed)
    pool = sentences()
    texts: list[str] = []
    for index in range(count):
        if index % 3 == 0:
            text = "".join(rng.sample(pool, 30))
        else:
            keep = rng.random()
            base = re.split(r"(?<=[。！？；])", rng.choice(texts))
            text = "".join(s if rng.random() < keep else rng.choice(pool) for s in base)
        texts.append(text)
    return texts


def test_clusters_are_the_brute_force_components_on_random_and_templated_input():
    graded = graded_texts(90, seed=7)
    templated = copied_texts(60, "templated", templates=4, seed=3)  # links of 0.5-0.85 within a model
    for texts in (graded, templated):
        prints = [fingerprint(t) for t in texts]
        for threshold in (0.3, 0.5, 0.6, 0.7, 0.8):
            assert components(prints, threshold)[0] == brute_force(texts, threshold), threshold
    # chains: some members are linked only through others
    sets = [shingles(clean(t)) for t in templated]
    assert any(jaccard(sets[i], sets[j]) < 0.6 for i, j in itertools.combinations(range(0, 60, 4), 2))
    assert [len(c) for c in components([fingerprint(t) for t in templated], 0.6)[0]] == [15] * 4


def test_a_templated_class_costs_about_one_comparison_per_essay_and_shows_a_typical_centre():
    texts = copied_texts(200, "templated", templates=4, seed=5)
    stats: dict[str, int] = {}
    clusters = find_clusters([(f"e{i:03d}", t) for i, t in enumerate(texts)], stats=stats)
    assert sorted(sorted(int(m.path[1:]) for m in c.members) for c in clusters) == brute_force(texts, 0.6)
    assert stats["exact"] <= 1.3 * len(texts)  # each essay joins its cluster through the centre
    sets = [shingles(clean(t)) for t in texts]
    for cluster in clusters:
        members = [int(m.path[1:]) for m in cluster.members]
        shown = sum(m.similarity for m in cluster.members[1:]) / (len(members) - 1)
        # the centre is as close to its cluster as the average member is, or closer
        mean = sum(jaccard(sets[i], sets[j]) for i in members for j in members if i != j) \
            / (len(members) * (len(members) - 1))
        assert shown >= mean - 0.005


def test_known_texts_link_only_to_submissions():
    texts = graded_texts(45, seed=8)
    prints = [fingerprint(t) for t in texts]
    known = [i % 4 == 0 for i in range(45)]
    for within in (True, False):
        assert components(prints, 0.5, known=known, within=within)[0] == \
            brute_force(texts, 0.5, known, within)


def test_identical_essays_make_one_cluster_without_comparing_pairs():
    (text,) = copied_texts(1, "identical")
    texts = [(f"e{i:03d}", text) for i in range(300)]
    stats: dict[str, int] = {}
    prints = [fingerprint(t) for _, t in texts]
    groups, links = components(prints, stats=stats)
    assert groups == [list(range(300))] and stats["exact"] == 0  # one group: nothing to compare
    assert links == [299] * 300
    (cluster,) = find_clusters(texts)
    assert [m.path for m in cluster.members] == [p for p, _ in texts]  # the centre is the first
    assert {m.similarity for m in cluster.members} == {1.0}
    assert len(cluster.shared_passage) == similarity.PASSAGE_CHARS
    assert clean(cluster.shared_passage.removesuffix("…")) in clean(text)


def test_clusters_name_a_centre_and_each_members_similarity_to_it():
    a, b, c = distinct_essays(3, seed=21)
    texts = [("a", a), ("b", b), ("a2", near_copy(a)), ("a3", a), ("c", c), ("b2", near_copy(b))]
    first, second = find_clusters(texts)
    assert [m.path for m in first.members] == ["a", "a3", "a2"]  # largest first; a3 = a exactly
    assert [m.similarity for m in first.members][:2] == [1.0, 1.0]
    exact = jaccard(shingles(clean(a)), shingles(clean(near_copy(a))))
    assert first.members[2].similarity == round(exact, 3)
    assert [m.path for m in second.members] == ["b", "b2"]  # a pair is a cluster of two
    assert clean(second.shared_passage.removesuffix("…")) in clean(b)


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
    assert find_clusters([("s1", a), ("s2", a)], known=[("k1", b)], within=False) == []
    (cluster,) = find_clusters([("s1", a), ("s2", c)], known=[("k1", b), ("k2", near_copy(c))], within=False)
    assert [(m.path, m.known) for m in cluster.members] == [("k2", True), ("s2", False)]  # known: centre
    assert cluster.members[1].similarity >= 0.8
    (cluster,) = find_clusters([("s1", a), ("s2", a)], known=[("k1", near_copy(a))], within=False)
    assert [m.path for m in cluster.members] == ["k1", "s1", "s2"]  # both copied the known text


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
    assert result.exit_code == 0, result.output  # near-copies never change the exit code
    document = json.loads(result.stdout)
    assert document["schema_version"] == 3 and "similar_pairs" not in document
    (cluster,) = document["similar_clusters"]
    assert cluster["size"] == 2 and cluster["centre"] == paths[16]
    centre, copy = cluster["members"]
    assert (centre["path"], centre["similarity"], copy["path"]) == (paths[16], 1.0, paths[49])
    assert copy["similarity"] >= 0.8 and not copy["known"]
    passage = cluster["shared_passage"].removesuffix("…")
    assert len(clean(passage)) >= 20
    assert clean(passage) in clean(texts[16]) and clean(passage) in clean(texts[49])

    text = runner.invoke(app, ["check", str(tmp_path / "batch"), "-j", "1"]).stdout
    assert "疑似雷同（1 组，共 2 篇" in text and text.index("共 50 篇") < text.index("疑似雷同")
    assert "这 2 篇文章" in text and f"{copy['similarity']:.3f}" in text.split("疑似雷同")[1]

    markdown = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "markdown", "-j", "1"]).stdout
    assert "### 疑似雷同（1 组，共 2 篇，相似度 ≥ 0.6）" in markdown
    assert "| 文件 | 与中心的相似度 |" in markdown
    csv = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "csv", "-j", "1"]).stdout
    assert len(csv.splitlines()) == 51 and "雷同" not in csv

    off = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "json", "-j", "1", "--no-similarity"])
    assert "similar_clusters" not in json.loads(off.stdout)
    off_text = runner.invoke(app, ["check", str(tmp_path / "batch"), "-j", "1", "--no-similarity"]).stdout
    assert "疑似雷同" not in off_text


def test_csv_computes_no_similarity(tmp_path, monkeypatch):
    (text,) = distinct_essays(1, seed=31)
    folder = tmp_path / "batch"
    write_batch(folder, [text, text, near_copy(text)])
    calls = {"fingerprints": 0, "clusters": 0}

    def counted(name: str, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(similarity, "fingerprint_normal",
                        counted("fingerprints", similarity.fingerprint_normal))
    monkeypatch.setattr(similarity, "find_clusters_prints",
                        counted("clusters", similarity.find_clusters_prints))
    csv = runner.invoke(app, ["check", str(folder), "-f", "csv", "-j", "1"])
    assert csv.exit_code == 0 and calls == {"fingerprints": 0, "clusters": 0}
    shown = runner.invoke(app, ["check", str(folder), "-f", "json", "-j", "1"])
    assert calls == {"fingerprints": 3, "clusters": 1}
    assert json.loads(shown.stdout)["similar_clusters"][0]["size"] == 3


def test_terminal_shows_the_largest_clusters_and_counts_the_rest(tmp_path):
    essays = distinct_essays(8, seed=41)
    texts = [essays[0]] * 12 + [t for e in essays[1:] for t in (e, near_copy(e))]  # 1 of 12, 7 pairs
    write_batch(tmp_path / "batch", texts)
    text = runner.invoke(app, ["check", str(tmp_path / "batch"), "-j", "1"]).stdout
    similar = text.split("疑似雷同")[1]
    assert "（8 组，共 26 篇" in similar and "这 12 篇文章文字几乎完全相同" in similar
    assert similar.count("这 2 篇文章") == 4 and "另有 3 组未列出" in similar
    assert "另有 4 篇" in similar  # 8 members of the 12 shown
    as_json = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "json", "-j", "1"]).stdout
    document = json.loads(as_json)
    assert [c["size"] for c in document["similar_clusters"]] == [12] + [2] * 7
    markdown = runner.invoke(app, ["check", str(tmp_path / "batch"), "-f", "markdown", "-j", "1"]).stdout
    assert markdown.count("**第 ") == 8


def test_threshold_option_and_single_file(tmp_path):
    texts = distinct_essays(3, seed=11)
    paths = write_batch(tmp_path, [texts[0], near_copy(texts[0]), texts[1]])
    loose = runner.invoke(app, ["check", *paths, "-f", "json", "--similarity-threshold", "0.95"])
    assert json.loads(loose.stdout)["similar_clusters"] == []
    single = runner.invoke(app, ["check", paths[0], "-f", "json"])
    assert "similar_clusters" not in json.loads(single.stdout)


def test_against_finds_a_submission_copied_from_a_known_text(tmp_path):
    known_texts = distinct_essays(5, seed=99)
    known = tmp_path / "known"
    write_batch(known, known_texts)
    (known / "zz-empty.txt").write_text("", encoding="utf-8")
    submitted = tmp_path / "submitted"
    subs = write_batch(submitted, [*distinct_essays(2, seed=100), near_copy(known_texts[2])])

    result = runner.invoke(app, ["check", *subs, "--against", str(known), "-f", "json"])
    assert result.exit_code == 0
    (cluster,) = json.loads(result.stdout)["similar_clusters"]
    assert cluster["centre"] == str(known / "essay-03.txt")
    centre, copy = cluster["members"]
    assert centre["known"] and not copy["known"] and copy["path"] == subs[2]
    assert copy["similarity"] >= 0.8
    (warning,) = result.stderr.strip().splitlines()  # the unreadable known text is skipped
    assert "zz-empty.txt" in warning

    alone = runner.invoke(app, ["check", subs[2], "--against", str(known)])
    assert "疑似雷同（1 组" in alone.stdout and "这 1 篇文章与已知文本" in alone.stdout
    assert "essay-03.txt" in alone.stdout
    missing = runner.invoke(app, ["check", subs[2], "--against", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_config_keys(tmp_path, monkeypatch):
    texts = distinct_essays(2, seed=12)
    (tmp_path / ".git").mkdir()
    write_batch(tmp_path / "known", [texts[0]])
    write_batch(tmp_path / "work", [near_copy(texts[0]), texts[1]])
    (tmp_path / ".djscore.toml").write_text("similarity = false\nagainst = ['known']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    assert "similar_clusters" not in json.loads(runner.invoke(app, ["check", ".", "-f", "json"]).stdout)
    (tmp_path / ".djscore.toml").write_text("similarity-threshold = 0.7\nagainst = ['known']\n",
                                            encoding="utf-8")
    (cluster,) = json.loads(runner.invoke(app, ["check", ".", "-f", "json"]).stdout)["similar_clusters"]
    assert cluster["centre"].endswith("essay-01.txt") and "known" in cluster["centre"]


def test_against_warnings_escape_control_characters_in_file_names(tmp_path):
    from typer.testing import CliRunner

    from djscore.cli import app

    known = tmp_path / "known"
    known.mkdir()
    (known / "坏\x1b[31m名.txt").write_bytes(b"")  # empty: a warning naming the file
    essay = tmp_path / "essay.txt"
    essay.write_text("支部开展谈心谈话，党员之家重新布置。", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(essay), "--against", str(known)])
    assert "\x1b" not in result.stderr
    assert "\\x1b[31m" in result.stderr


def test_clusters_found_in_the_background_make_the_same_reports(tmp_path, monkeypatch):
    # A large batch's clusters are found in a forked process while the report's results are
    # written (djscore.background.in_background): every format must read as when found in-process.
    from djscore.cli import review

    essays = distinct_essays(4, seed=43)
    write_batch(tmp_path / "batch", [essays[0]] * 3 + [t for e in essays[1:] for t in (e, near_copy(e))])
    reports = {}
    for least in (10**9, 2):  # in-process, then in the background
        monkeypatch.setattr(review, "BACKGROUND_MIN", least)
        reports[least] = [runner.invoke(app, ["check", str(tmp_path / "batch"), "-j", "1", *fmt]).stdout
                          for fmt in (["-f", "json"], [], ["-f", "markdown"], ["-f", "html"])]
    assert reports[2] == reports[10**9]
    assert [c["size"] for c in json.loads(reports[2][0])["similar_clusters"]] == [3, 2, 2, 2]
