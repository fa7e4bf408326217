"""Multi-pattern search on djscore's own patterns: the regex alternation it used, pyahocorasick
(C) and ahocorasick-rs (Rust): build time, scan time per essay, memory of the built automaton.

    .venv/bin/pip install pyahocorasick     # only for this comparison; not a dependency
    .venv/bin/python benchmarks/multipattern.py

Each library is measured in a fresh process (memory is the growth of the resident set while
building). The sound keys are searched in the text as its sound classes (rules/mistyped.py).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE = r'''
import gc, json, re, sys, time
sys.path.insert(0, sys.argv[3])
from corpus import write_corpus
from djscore.matching import matcher_for, trie_pattern
from djscore.rubric import load_rubric
from djscore.rules import data_lines
from djscore.rules.mistyped import _rubric_index
import tempfile, pathlib
lib, name = sys.argv[1], sys.argv[2]
rubric = load_rubric()
index = _rubric_index(rubric, 4)
words = {
    "rubric terms": list(matcher_for(rubric).terms),
    "slip typos": sorted({t for found in index.typos_by_bigram.values() for _, t in found}),
    "slip anchors": list(index.anchors),
    "sound keys": list(index.by_sound),
    "stock phrases": data_lines("stock_phrases.txt"),
}[name]
with tempfile.TemporaryDirectory() as tmp:
    texts = [p.read_text(encoding="utf-8") for p in write_corpus(pathlib.Path(tmp), 300, style="independent")]
if name == "sound keys":
    texts = ["".join(map(index.class_of.get, t, t)) for t in texts]
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1024 / 1024
gc.collect()
before, start = rss(), time.perf_counter()
if lib == "regex":
    pattern = re.compile(trie_pattern(words))
    scan = pattern.findall
elif lib == "pyahocorasick":
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for n, word in enumerate(words):
        automaton.add_word(word, n)
    automaton.make_automaton()
    scan = lambda text: list(automaton.iter(text))
else:
    import ahocorasick_rs
    automaton = ahocorasick_rs.AhoCorasick(words)
    scan = lambda text: automaton.find_matches_as_indexes(text, overlapping=True)
build, memory = time.perf_counter() - start, rss() - before
start = time.perf_counter()
for text in texts:
    scan(text)
print(json.dumps([len(words), build, (time.perf_counter() - start) / len(texts), memory]))
'''
SETS = ("rubric terms", "slip typos", "slip anchors", "sound keys", "stock phrases")
LIBRARIES = ("regex", "pyahocorasick", "ahocorasick-rs")


def measure(lib: str, name: str, runs: int = 3) -> tuple[int, float, float, float]:
    command = [sys.executable, "-c", ONE, lib, name, str(HERE)]
    results = [json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
               for _ in range(runs)]
    return results[0][0], *(statistics.median(r[i] for r in results) for i in (1, 2, 3))  # type: ignore[return-value]


def main() -> None:
    lines = ["| patterns | count | search | build | scan per essay | memory |",
             "|---|---:|---|---:|---:|---:|"]
    for name in SETS:
        for lib in LIBRARIES:
            count, build, scan, memory = measure(lib, name)
            lines.append(f"| {name} | {count} | {lib} | {build * 1000:.1f} ms | {scan * 1000:.3f} ms | "
                         f"{memory:.1f} MiB |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
