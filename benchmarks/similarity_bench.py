"""Benchmark the near-duplicate pass (djscore.review.similarity) on batches of up to 2,000 essays.

    .venv/bin/python benchmarks/similarity_bench.py            # clustering + end to end at 2,000
    .venv/bin/python benchmarks/similarity_bench.py --no-cli   # the clustering only
    .venv/bin/python benchmarks/similarity_bench.py --write    # also update benchmarks/RESULTS.md

Corpora of ~2,500-character essays, generated here (nothing is committed):
* "distinct": a character-bigram chain trained on the examples (unreadable, but with the
  shingle statistics of essays on one topic that were not copied: background similarity ~0.02),
  with 1% planted near-copies (a few sentences edited, re-punctuated);
* "shuffled": random sentences of the project's examples (only ~200 sentences exist, so any
  two essays share ~20% of their shingles: many chance candidates for LSH), 1% near-copies;
* "identical": one essay handed in 2,000 times (a class copying one model essay);
* "templated": 5 model essays, each essay one of them with 1-3 paragraphs of its writer's own
  (benchmarks/corpus.py, copied_texts): 5 clusters of 400, similarities 0.5-0.85 inside.
Prints Markdown tables; timings are the median of 3 runs.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import copied_texts, paragraphs

from djscore.review.similarity import find_clusters

HERE = Path(__file__).resolve().parent
START, END = "<!-- similarity_bench.py -->", "<!-- /similarity_bench.py -->"
# Measured once, by hand, when the pairs pass was replaced by clusters (not re-run by this script).
HISTORY = [
    "Before clusters (commit 6307fe0: every candidate pair compared exactly, each pair's passage",
    "computed from the files read again), against the clusters, same machine, `-j 2`, wall time,",
    "median of 3 interleaved rounds (the machine was shared, hence slow; compare the ratios):",
    "",
    "| input | pairs (before) | clusters (after) |",
    "|---|---:|---:|",
    "| 100 identical essays, `-f json` | 33.20 s | 2.36 s |",
    "| 200 identical essays, `-f json` | 128.52 s | 3.78 s |",
    "| 2,000 identical essays, `-f json` | killed after 600 s (one run) | see the table above |",
    "| 250 templated essays, text report | 48.87 s | 5.91 s |",
    "| 250 templated essays, `--no-similarity` | 3.58 s | 3.48 s |",
    "| 250 templated essays, `-f csv` | 41.25 s | 2.38 s (no similarity computed) |",
    "",
]


def sentence_pool() -> list[str]:
    return [s for p in paragraphs() for s in re.split(r"(?<=[。！？；])", p) if len(s) >= 8]


def shuffled(rng: random.Random, pool: list[str], chars: int) -> str:
    out: list[str] = []
    while sum(map(len, out)) < chars:
        out.append(rng.choice(pool))
    return "".join(out)


def bigram_chain(text: str):
    following: dict[str, list[str]] = {}
    for a, b in itertools.pairwise(text):
        following.setdefault(a, []).append(b)

    def make(rng: random.Random, _pool: list[str], chars: int) -> str:
        c = rng.choice(text)
        out = [c]
        for _ in range(chars):
            c = rng.choice(following.get(c) or text)
            out.append(c)
        return "".join(out)
    return make


def near_copy(rng: random.Random, text: str) -> str:
    parts = [s for s in re.split(r"(?<=[。！？；])", text) if s]
    for i in rng.sample(range(len(parts)), min(3, len(parts))):
        middle = len(parts[i]) // 2
        parts[i] = parts[i][:middle] + "切实加以改进" + parts[i][middle + 3:]
    return "".join(parts).replace("，", "、").replace("。", "！")


def corpus(kind: str, count: int, seed: int = 2026) -> list[tuple[str, str]]:
    if kind in ("identical", "templated"):
        return [(f"e{i:04d}", text) for i, text in enumerate(copied_texts(count, kind, seed=seed))]
    rng = random.Random(seed)
    pool = sentence_pool()
    make = shuffled if kind == "shuffled" else bigram_chain("".join(paragraphs()))
    texts = [(f"e{i:04d}", make(rng, pool, 2500)) for i in range(count)]
    for i in range(0, count, 100):  # 1% planted copies
        texts[i + 50] = (texts[i + 50][0], near_copy(rng, texts[i][1]))
    return texts


def median_time(fn, runs: int = 3) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def clusters_pass() -> list[str]:
    """find_clusters in-process: fingerprints, clustering, each cluster's similarities and passage."""
    lines = ["| corpus | essays | clustering (s) | exact comparisons | clusters | essays in clusters |",
             "|---|---:|---:|---:|---:|---:|"]
    runs = [(kind, count) for kind in ("distinct", "shuffled") for count in (500, 1000, 2000)]
    for kind, count in [*runs, ("identical", 2000), ("templated", 2000)]:
        texts = corpus(kind, count)
        stats: dict[str, int] = {}
        seconds, clusters = median_time(lambda t=texts, s=stats: (s.clear(), find_clusters(t, stats=s))[1])
        members = sum(len(c.members) for c in clusters)  # type: ignore[attr-defined]
        lines.append(f"| {kind} | {count} | {seconds:.2f} | {stats['exact']} | "
                     f"{len(clusters)} | {members} |")  # type: ignore[arg-type]
    return lines


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU is user + system time of the process and its workers,
    less disturbed than wall time when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"djscore check failed:\n{proc.stderr.decode()[-2000:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def end_to_end(rounds: int = 3) -> list[str]:
    variants = (["-f", "json", "--no-similarity"], ["-f", "json"], ["-f", "csv"])
    kinds = ("shuffled", "identical", "templated")
    times: dict[tuple[str, int], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            (Path(tmp) / kind).mkdir()
            for path, text in corpus(kind, 2000):
                (Path(tmp) / kind / f"{path}.txt").write_text(text, encoding="utf-8")
        for _ in range(rounds):  # interleaved: a busy spell slows every variant alike
            for kind in kinds:
                for index, extra in enumerate(variants):
                    folder = str(Path(tmp) / kind)
                    command = [sys.executable, "-m", "djscore", "check", folder, "-j", "2", *extra]
                    times.setdefault((kind, index), []).append(timed(command))
    lines = [f"| 2,000 essays, `-j 2`: wall (CPU) s, median of {rounds} interleaved rounds | "
             "`-f json --no-similarity` | `-f json` (clusters) | `-f csv` (no similarity) |",
             "|---|---:|---:|---:|"]
    for kind in kinds:
        cells = []
        for index in range(len(variants)):
            runs = times[(kind, index)]
            wall, cpu = (statistics.median(r[i] for r in runs) for i in (0, 1))
            cells.append(f"{wall:.2f} ({cpu:.2f})")
        lines.append(f"| {kind} | {' | '.join(cells)} |")
    return lines


def section(lines: list[str]) -> str:
    return "\n".join([START, *lines, END]) + "\n"


def section_of(text: str) -> str:
    """The similarity section of a RESULTS.md text (kept when bench.py rewrites the file)."""
    if START not in text or END not in text:
        return ""
    return text[text.index(START):text.index(END) + len(END)] + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end runs")
    parser.add_argument("--write", action="store_true", help="put the tables into benchmarks/RESULTS.md")
    args = parser.parse_args()
    lines = ["## Near-duplicate pass (`benchmarks/similarity_bench.py`)", "",
             "Clustering in-process (`find_clusters`: fingerprints, clusters, similarities to each centre,",
             "one shared passage per cluster; median of 3):", "", *clusters_pass(), ""]
    print("\n".join(lines))
    if not args.no_cli:
        cli = [f"Whole command, 2,000 files ({datetime.date.today()}, {os.cpu_count()} CPUs; when other work "
               "shares the machine, compare the columns of a row, and CPU time more than wall time):", "",
               *end_to_end(), ""]
        print("\n".join(cli))
        lines += cli
    lines += HISTORY
    if args.write:
        results = HERE / "RESULTS.md"
        text = results.read_text(encoding="utf-8")
        old = section_of(text)
        text = text.replace(old, section(lines)) if old else text.rstrip("\n") + "\n\n" + section(lines)
        results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
