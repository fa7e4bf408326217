"""Benchmark the near-duplicate pass (djscore.similarity) on 500 / 1,000 / 2,000 essays.

    .venv/bin/python benchmarks/similarity_bench.py            # pairs pass + end to end at 2,000
    .venv/bin/python benchmarks/similarity_bench.py --no-cli   # the pairs pass only

Two corpora of ~2,500-character essays, each with 1% planted near-copies (a few sentences
edited, re-punctuated):
* "shuffled": random sentences of the project's examples (only ~200 sentences exist, so any
  two essays share ~20% of their shingles: the worst case for LSH, many chance candidates);
* "distinct": a character-bigram chain trained on the examples (unreadable, but with the
  shingle statistics of essays on one topic that were not copied: background similarity ~0.02).
Prints Markdown tables; timings are the median of 3 runs.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import paragraphs

from djscore.similarity import _candidates, clean, find_similar, signature


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


def pairs_pass() -> None:
    print("| corpus | essays | pairs pass (s) | signatures (s) | LSH + estimate + exact (s) | "
          "chance candidates checked exactly | pairs found |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in ("distinct", "shuffled"):
        for count in (500, 1000, 2000):
            texts = corpus(kind, count)
            total, pairs = median_time(lambda t=texts: find_similar(t))
            cleaned = [clean(t) for _, t in texts]
            sig_time, sigs = median_time(lambda c=cleaned: [signature(x) for x in c])
            exact = len(list(_candidates(sigs, None, 0.6)))  # type: ignore[arg-type]
            print(f"| {kind} | {count} | {total:.2f} | {sig_time:.2f} | {total - sig_time:.2f} | "
                  f"{exact - len(pairs)} | {len(pairs)} |")  # type: ignore[arg-type]


def end_to_end() -> None:
    from djscore.inputs import read_document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "essays"
        folder.mkdir()
        for path, text in corpus("shuffled", 2000):  # real sentences, as djscore scores them
            (folder / f"{path}.txt").write_text(text, encoding="utf-8")
        files = sorted(str(p) for p in folder.glob("*.txt"))
        read, _ = median_time(lambda: [read_document(p).text for p in files])
        print(f"\nRe-reading the 2,000 files in the parent process: {read:.2f} s\n")
        print("| `djscore check` on 2,000 essays, -j 2, -f json | wall time (s) |")
        print("|---|---:|")
        for label, extra in (("--no-similarity", ["--no-similarity"]), ("with similarity (default)", [])):
            command = [sys.executable, "-m", "djscore", "check", str(folder), "-f", "json", "-j", "2", *extra]
            seconds, proc = median_time(lambda c=command: subprocess.run(c, capture_output=True, check=False))
            if proc.returncode != 0:  # type: ignore[attr-defined]
                sys.exit(f"djscore check failed:\n{proc.stderr.decode()[-2000:]}")  # type: ignore[attr-defined]
            print(f"| {label} | {seconds:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end runs")
    args = parser.parse_args()
    pairs_pass()
    if not args.no_cli:
        end_to_end()


if __name__ == "__main__":
    main()
