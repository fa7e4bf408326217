"""Benchmark djscore against raw jieba on the same input, side by side in one run.

    python benchmarks/bench.py            # full run (a few minutes), writes benchmarks/RESULTS.md
    python benchmarks/bench.py --quick    # a short run, same tables with smaller sizes

Run it with the Python of the environment djscore is installed in (e.g. .venv/bin/python).
It uses only the standard library and the project. Every timing is the median of several
runs of a fresh process, after one warm-up run that builds the caches; the baseline is what a
user would otherwise run: a bare `python -c "import jieba; jieba.lcut(text)"`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import copied_texts, write_corpus
from peak_rss import peak_rss

from djscore.rules import all_rules

HERE = Path(__file__).resolve().parent
BARE_ONE = "import jieba, sys; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"
BARE_LOOP = ("import glob, jieba, sys\n"
             "for path in sorted(glob.glob(sys.argv[1] + '/*.txt')):\n"
             "    jieba.lcut(open(path, encoding='utf-8').read())")
IN_PROCESS = ("import sys, time\n"
              "from djscore.pipeline import CheckOptions, analyse, prepare\n"
              "from djscore.rubric import load_rubric\n"
              "rubric = load_rubric(); prepare(rubric); options = CheckOptions(rubric)\n"
              "text = open(sys.argv[1], encoding='utf-8').read()\n"
              "analyse('预热：第一次调用编译正则、建索引。', options)\n"
              "start = time.perf_counter(); analyse(text, options)\n"
              "print(time.perf_counter() - start)")
# The parts of a cold `djscore check essay.txt`, timed inside one fresh process.
COLD_PARTS = ("import time; start = time.perf_counter()\n"
              "import sys\n"
              "import djscore.cli, djscore.cli.check\n"
              "from djscore.pipeline import CheckOptions, analyse, prepare\n"
              "from djscore.rubric import load_rubric\n"
              "imported = time.perf_counter()\n"
              "rubric = load_rubric(); loaded = time.perf_counter()\n"
              "prepare(rubric)\n"
              "from djscore import segment; segment.words('党建')  # the dictionary loads at first use\n"
              "segmenter = time.perf_counter()\n"
              "analyse(open(sys.argv[1], encoding='utf-8').read(), CheckOptions(rubric))\n"
              "done = time.perf_counter()\n"
              "print(imported - start, loaded - imported, segmenter - loaded, done - segmenter)")
EXACT_CLUSTERS = ("import sys\n"
                  "sys.path.insert(0, sys.argv[1])\n"
                  "from corpus import copied_texts\n"
                  "from djscore.review.similarity import DEFAULT_THRESHOLD, clean, find_clusters, jaccard\n"
                  "from djscore.review.similarity import shingles\n"
                  "texts = copied_texts(int(sys.argv[2]), 'templated')\n"
                  "sets = [shingles(clean(t)) for t in texts]\n"
                  "parent = list(range(len(texts)))\n"
                  "def find(i):\n"
                  "    while parent[i] != i: i = parent[i]\n"
                  "    return i\n"
                  "for i in range(len(texts)):\n"
                  "    for j in range(i + 1, len(texts)):\n"
                  "        if find(i) != find(j) and jaccard(sets[i], sets[j]) >= DEFAULT_THRESHOLD:\n"
                  "            parent[find(j)] = find(i)\n"
                  "groups = {}\n"
                  "for i in range(len(texts)): groups.setdefault(find(i), []).append(f'e{i}')\n"
                  "exact = sorted(sorted(g) for g in groups.values() if len(g) > 1)\n"
                  "lsh = sorted(sorted(m.path for m in c.members) for c in\n"
                  "             find_clusters([(f'e{i}', t) for i, t in enumerate(texts)]))\n"
                  "print(len(exact), exact == sorted(sorted(g) for g in lsh))")


def run(command: list[str], repeat: int) -> float:
    """Median wall time of `repeat` runs, after one warm-up run."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_interleaved(commands: list[list[str]], repeat: int) -> list[tuple[float, float]]:
    """Median (wall, CPU) seconds of each command over `repeat` rounds that run every command
    in turn (after one warm-up round), so that a slow minute of the machine hits them all
    alike. CPU is user + system time of the command and its workers: when other work shares
    the machine, wall time of a parallel run suffers and CPU time much less."""
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for round_ in range(repeat + 1):
        for index, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if round_:
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                times[index].append((wall, cpu))
    return [(statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in times]


def djscore(*args: str, fmt: str = "json") -> list[str]:
    return [sys.executable, "-m", "djscore", "check", *args, "-f", fmt, "--fail-on", "never"]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


def one_essay(folder: Path, size: int) -> Path:
    """A single essay of about `size` bytes, made by joining corpus essays."""
    parts, total = [], 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        total += len(text.encode())
        if total >= size:
            break
    data = "".join(parts).encode()[:size].decode("utf-8", "ignore")
    target = folder.parent / f"one-{size // 1000}k.txt"
    target.write_text(data, encoding="utf-8")
    return target


def compile_djscore() -> None:
    """Byte-compile djscore as `pip install` does for a regular install (an editable install
    under PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run; jieba's
    bytecode was written when it was installed)."""
    import compileall

    import djscore

    compileall.compile_dir(str(Path(djscore.__file__).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of the batch runs (default 3)")
    args = parser.parse_args()
    quick = args.quick
    compile_djscore()
    repeat = 3 if quick else 5
    batch = 300 if quick else 2000
    scaling = (100, 200, 400) if quick else (500, 1000, 2000, 4000)
    sizes = (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000)
    lines = []

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        write_corpus(corpus, max(batch, *scaling), style="independent")
        copies = root / "copies"  # whole paragraphs shared between essays: the similarity worst case
        write_corpus(copies, batch, style="paragraphs")
        essay = sorted(corpus.glob("*.txt"))[0]

        bare_one = run([sys.executable, "-c", BARE_ONE, str(essay)], repeat)
        auto_one = run(djscore(str(essay)), repeat)
        jieba_one = run(djscore(str(essay), "--segmenter", "jieba"), repeat)
        lines += [
            f"## Cold single-file check ({essay.stat().st_size / 1000:.1f} KB essay, median of {repeat})",
            "",
            "| command | wall time | ratio to bare jieba |",
            "|---|---:|---:|",
            f"| `python -c \"import jieba; jieba.lcut(text)\"` | {bare_one:.3f} s | 1.00 |",
            f"| `djscore check essay.txt` (auto: rjieba) | {auto_one:.3f} s | {auto_one / bare_one:.2f} |",
            f"| `djscore check essay.txt --segmenter jieba` | {jieba_one:.3f} s "
            f"| {jieba_one / bare_one:.2f} |",
            "",
        ]
        interpreter = run([sys.executable, "-c", "pass"], repeat)
        parts = [[float(x) for x in subprocess.run([sys.executable, "-c", COLD_PARTS, str(essay)],
                                                   capture_output=True, text=True, check=True).stdout.split()]
                 for _ in range(repeat)]
        names = ("imports (djscore, its CLI, the segmenter's module)", "rubric (from the cache)",
                 "segmenter dictionary load and the rubric's words", "analysis (first essay: term automata, "
                 "slip index from the cache, scoring, writing checks)")
        lines += [
            f"Its parts (median of {repeat} fresh processes; the rest of the wall time is the CLI's own",
            "work: options, config lookup, reading the file, the report):",
            "",
            "| part | time | share of bare jieba |",
            "|---|---:|---:|",
            f"| interpreter start (`python -c pass`) | {interpreter:.3f} s | {interpreter / bare_one:.2f} |",
            *(f"| {name} | {statistics.median(p[i] for p in parts):.3f} s | "
              f"{statistics.median(p[i] for p in parts) / bare_one:.2f} |" for i, name in enumerate(names)),
            "",
        ]

        folder = root / "batch"
        folder.mkdir()
        for path in sorted(corpus.glob("*.txt"))[:batch]:
            os.link(path, folder / path.name)
        megabytes = folder_size(folder) / 1e6
        batch_repeat = args.rounds if not quick else 2
        # Coverage scoring alone: the writing checks (every rule disabled in a config file) and
        # the near-duplicate pass off.
        coverage_only = root / "coverage-only.toml"
        coverage_only.write_text("".join(f"[rules.{rule.ID}]\nenabled = false\n" for rule in all_rules()),
                                 encoding="utf-8")
        commands = [
            ("bare `jieba.lcut` loop, one process", [sys.executable, "-c", BARE_LOOP, str(folder)]),
            ("`djscore check` `--jobs 1`", djscore(str(folder), "-j", "1")),
            ("`djscore check` `--jobs 2`", djscore(str(folder), "-j", "2")),
            ("`djscore check` `--jobs 2 -f csv` (no near-duplicate pass)",
             djscore(str(folder), "-j", "2", fmt="csv")),
            ("`djscore check` `--jobs 2 -f text` (the summary table)",
             djscore(str(folder), "-j", "2", fmt="text")),
            ("`djscore check` `--jobs 2 --no-similarity`",
             djscore(str(folder), "-j", "2", "--no-similarity")),
            ("`djscore check` `--jobs 2`, coverage only (writing checks and near-duplicates off)",
             djscore(str(folder), "-j", "2", "--no-similarity", "--config", str(coverage_only))),
        ]
        medians = run_interleaved([command for _, command in commands], batch_repeat)
        rows = [(name, wall, cpu) for (name, _), (wall, cpu) in zip(commands, medians, strict=True)]
        bare_loop, bare_cpu = rows[0][1], rows[0][2]
        worst = run(djscore(str(copies), "-j", "2"), batch_repeat)
        bare_copies = run([sys.executable, "-c", BARE_LOOP, str(copies)], batch_repeat)
        templated = root / "templated"  # 5 model essays, each text with 1-3 paragraphs of its own
        templated.mkdir()
        for index, text in enumerate(copied_texts(batch, "templated"), start=1):
            (templated / f"essay-{index:04d}.txt").write_text(text, encoding="utf-8")
        templated_commands = [
            ("bare `jieba.lcut` loop, one process", [sys.executable, "-c", BARE_LOOP, str(templated)]),
            ("`djscore check` `--jobs 2` (JSON, clusters)", djscore(str(templated), "-j", "2")),
            ("`djscore check` `--jobs 2 -f text` (clusters)",
             djscore(str(templated), "-j", "2", fmt="text")),
            ("`djscore check` `--jobs 2 -f csv` (no near-duplicate pass)",
             djscore(str(templated), "-j", "2", fmt="csv")),
            ("`djscore check` `--jobs 2 --no-similarity`",
             djscore(str(templated), "-j", "2", "--no-similarity")),
        ]
        templated_times = run_interleaved([command for _, command in templated_commands], batch_repeat)
        exact_count = 200 if quick else 400
        exact_groups, same = subprocess.run(
            [sys.executable, "-c", EXACT_CLUSTERS, str(HERE), str(exact_count)],
            capture_output=True, text=True, check=True).stdout.split()
        lines += [
            f"## Batch of {batch} essays ({megabytes:.1f} MB, median of {batch_repeat} interleaved rounds)",
            "",
            "Essays written independently (see benchmarks/corpus.py); the near-duplicate pass is on",
            "by default for batches and included.",
            "",
            "| command | wall time | essays/s | MB/s | ratio to bare loop | CPU time | CPU ratio |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *(f"| {name} | {seconds:.2f} s | {batch / seconds:.0f} | {megabytes / seconds:.2f} | "
              f"{seconds / bare_loop:.2f} | {cpu:.2f} s | {cpu / bare_cpu:.2f} |"
              for name, seconds, cpu in rows),
            "",
            f"Worst case for the near-duplicate pass: {batch} essays recombined from the same pool of",
            f"paragraphs (every pair shares paragraphs): `--jobs 2` {worst:.2f} s, "
            f"{worst / bare_copies:.2f} x the bare loop on the same files ({bare_copies:.2f} s).",
            "",
            f"### Templated worst case: {batch} essays from 5 model essays",
            "",
            "Each essay is one of 5 model essays with one paragraph left out and 1-3 paragraphs of the",
            "writer's own (benchmarks/corpus.py `copied_texts`): 5 clusters of near-copies, every essay in",
            f"one. Median of {batch_repeat} interleaved rounds.",
            "",
            "| command | wall time | ratio to bare loop | CPU time | CPU ratio |",
            "|---|---:|---:|---:|---:|",
            *(f"| {name} | {wall:.2f} s | {wall / templated_times[0][0]:.2f} | {cpu:.2f} s | "
              f"{cpu / templated_times[0][1]:.2f} |"
              for (name, _), (wall, cpu) in zip(templated_commands, templated_times, strict=True)),
            "",
            f"Same clusters as the exact method (every pair of {exact_count} templated essays compared "
            f"exactly, {exact_groups} clusters): {'yes' if same == 'True' else 'NO'}.",
            "",
        ]

        peaks = [
            (f"{batch} essays, `--jobs 1`", peak_rss(djscore(str(folder), "-j", "1"))),
            (f"{batch} essays, `--jobs 2` (JSON)", peak_rss(djscore(str(folder), "-j", "2"))),
            (f"{batch} essays, `--jobs 2 -f csv`", peak_rss(djscore(str(folder), "-j", "2", fmt="csv"))),
            (f"{batch} essays, `--jobs 2 -f text`", peak_rss(djscore(str(folder), "-j", "2", fmt="text"))),
            (f"{batch} templated essays, `--jobs 2` (JSON)", peak_rss(djscore(str(templated), "-j", "2"))),
            ("one essay, `djscore check essay.txt`", peak_rss(djscore(str(essay)))),
        ]
        lines += [
            "## Peak memory",
            "",
            "Peak resident set (VmHWM) of the djscore process and of each worker (benchmarks/peak_rss.py).",
            "",
            "| run | parent | each worker |",
            "|---|---:|---:|",
            *(f"| {name} | {peak['parent']:.0f} MiB | "
              f"{' / '.join(f'{w:.0f}' for w in peak['workers'] if w > 20) or '—'} MiB |"
              for name, peak in peaks),
            "",
        ]

        lines += ["## Scaling with the number of essays (`--jobs 2`)", "",
                  "| essays | wall time | ms per essay |", "|---:|---:|---:|"]
        for count in scaling:
            part = root / f"n{count}"
            part.mkdir()
            for path in sorted(corpus.glob("*.txt"))[:count]:
                os.link(path, part / path.name)
            seconds = run(djscore(str(part), "-j", "2"), 1)
            lines.append(f"| {count} | {seconds:.2f} s | {seconds / count * 1000:.2f} |")
        lines.append("")

        lines += ["## Scaling with essay length (one essay; analysis time in-process, and the whole command)",
                  "", "| essay | analysis | per KB | whole `djscore check` |", "|---:|---:|---:|---:|"]
        for size in sizes:
            path = one_essay(corpus, size)
            inner = statistics.median(
                float(subprocess.run([sys.executable, "-c", IN_PROCESS, str(path)], capture_output=True,
                                     text=True, check=True).stdout) for _ in range(repeat))
            whole = run(djscore(str(path)), repeat)
            lines.append(f"| {size // 1000} KB | {inner:.3f} s | {inner / (size / 1000) * 1000:.2f} ms "
                         f"| {whole:.3f} s |")
        lines.append("")

    header = [
        "# Benchmark results",
        "",
        f"Made by `benchmarks/bench.py{' --quick' if quick else ''}` on {datetime.date.today()}: "
        f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()}. Ratios matter more than absolute times.",
        "",
    ]
    # Sections other scripts wrote (similarity_bench.py, multipattern.py, the targets)
    # start at the first "<!-- " line and are kept.
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    kept = old[old.index("\n<!-- ") + 1:] if "\n<!-- " in old else ""
    text = "\n".join(header + lines) + ("\n" + kept if kept else "")
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
