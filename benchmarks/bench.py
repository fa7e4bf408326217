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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus
from similarity_bench import section_of

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
PEAK = ("import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(command: list[str], repeat: int) -> float:
    """Median wall time of `repeat` runs, after one warm-up run."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_interleaved(commands: list[list[str]], repeat: int) -> list[float]:
    """Median wall time of each command over `repeat` rounds that run every command in turn
    (after one warm-up round), so that a slow minute of the machine hits them all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for round_ in range(repeat + 1):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if round_:
                times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def djscore(*args: str) -> list[str]:
    return [sys.executable, "-m", "djscore", "check", *args, "-f", "json", "--fail-on", "never"]


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

        folder = root / "batch"
        folder.mkdir()
        for path in sorted(corpus.glob("*.txt"))[:batch]:
            os.link(path, folder / path.name)
        megabytes = folder_size(folder) / 1e6
        batch_repeat = 3 if not quick else 2
        # Coverage scoring alone: the writing checks (every rule disabled in a config file) and
        # the near-duplicate pass off.
        coverage_only = root / "coverage-only.toml"
        coverage_only.write_text("".join(f"[rules.{rule.ID}]\nenabled = false\n" for rule in all_rules()),
                                 encoding="utf-8")
        commands = [
            ("bare `jieba.lcut` loop, one process", [sys.executable, "-c", BARE_LOOP, str(folder)]),
            ("`djscore check` `--jobs 1`", djscore(str(folder), "-j", "1")),
            ("`djscore check` `--jobs 2`", djscore(str(folder), "-j", "2")),
            ("`djscore check` `--jobs 2 --no-similarity`",
             djscore(str(folder), "-j", "2", "--no-similarity")),
            ("`djscore check` `--jobs 2`, coverage only (writing checks and near-duplicates off)",
             djscore(str(folder), "-j", "2", "--no-similarity", "--config", str(coverage_only))),
            ("`djscore check` `--jobs 2 --segmenter jieba`",
             djscore(str(folder), "-j", "2", "--segmenter", "jieba")),
        ]
        medians = run_interleaved([command for _, command in commands], batch_repeat)
        rows = [(name, seconds) for (name, _), seconds in zip(commands, medians, strict=True)]
        bare_loop = rows[0][1]
        worst = run(djscore(str(copies), "-j", "2"), batch_repeat)
        bare_copies = run([sys.executable, "-c", BARE_LOOP, str(copies)], batch_repeat)
        lines += [
            f"## Batch of {batch} essays ({megabytes:.1f} MB, median of {batch_repeat} interleaved rounds)",
            "",
            "Essays written independently (see benchmarks/corpus.py); the near-duplicate pass is on",
            "by default for batches and included.",
            "",
            "| command | wall time | essays/s | MB/s | ratio to bare loop |",
            "|---|---:|---:|---:|---:|",
            *(f"| {name} | {seconds:.2f} s | {batch / seconds:.0f} | {megabytes / seconds:.2f} | "
              f"{seconds / bare_loop:.2f} |" for name, seconds in rows),
            "",
            f"Worst case for the near-duplicate pass: {batch} essays recombined from the same pool of",
            f"paragraphs (every pair shares paragraphs): `--jobs 2` {worst:.2f} s, "
            f"{worst / bare_copies:.2f} x the bare loop on the same files ({bare_copies:.2f} s).",
            "",
        ]

        peaks = []
        for jobs in ("1", "2"):
            out = subprocess.run([sys.executable, "-c", PEAK, *djscore(str(folder), "-j", jobs)],
                                 capture_output=True, text=True, check=True).stdout
            peaks.append((jobs, int(out) / 1024))
        lines += [
            "## Peak memory",
            "",
            "Largest resident set among the djscore process and its workers (ru_maxrss).",
            "",
            "| run | peak RSS |",
            "|---|---:|",
            *(f"| `--jobs {jobs}` on the batch | {mib:.0f} MiB |" for jobs, mib in peaks),
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
    kept = section_of(args.out.read_text(encoding="utf-8")) if args.out.exists() else ""
    text = "\n".join(header + lines) + ("\n" + kept if kept else "")  # similarity_bench.py's tables
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
