"""Batch runs of two djscore installs side by side: wall time, CPU time and peak memory.

    python benchmarks/before_after.py --before /path/to/old/.venv/bin/python [--rounds 3] [--write]
    python benchmarks/before_after.py --before … --cold [--rounds 9] [--write]   # single checks

"Before" is any other environment with djscore installed (e.g. a git worktree of an earlier
commit with its own venv); "after" is the Python running this script. Each round runs every
command with both installs in turn (and the bare jieba loop), so a busy minute of a shared
machine hits both alike; the table gives medians. CPU time (user + system of the command and
its workers) and the parent's peak resident set (VmHWM) vary much less than wall time when
other work shares the machine. With --write the table replaces this script's section of
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import BARE_LOOP, BARE_ONE, COLD_PARTS, compile_djscore
from corpus import copied_texts, write_corpus
from peak_rss import _children, _hwm_mib

HERE = Path(__file__).resolve().parent
MARK = "<!-- before_after.py -->"
END = "<!-- /before_after.py -->"
COLD_MARK = "<!-- before_after.py cold -->"
COLD_END = "<!-- /before_after.py cold -->"


def measure(command: list[str]) -> tuple[float, float, float, float]:
    """(wall s, CPU s, parent peak MiB, largest worker peak MiB) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent, worker = 0.0, 0.0
    while process.poll() is None:
        parent = max(parent, _hwm_mib(process.pid) or 0.0)
        for child in _children(process.pid):
            worker = max(worker, _hwm_mib(child) or 0.0)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, parent, worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", required=True, help="the Python of the environment to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=2000, help="essays per batch (default 2000)")
    parser.add_argument("--write", action="store_true", help="put the table into benchmarks/RESULTS.md")
    parser.add_argument("--cold", action="store_true", help="cold single checks of one essay instead")
    args = parser.parse_args()
    compile_djscore()
    subprocess.run([args.before, "-c", "import compileall, djscore, pathlib; compileall.compile_dir("
                    "str(pathlib.Path(djscore.__file__).parent), quiet=1)"], check=True)
    installs = {"before": args.before, "after": sys.executable}
    if args.cold:
        write_section(cold_table(installs, args.rounds), COLD_MARK, COLD_END, args.write)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root / "independent", args.count, style="independent")
        templated = root / "templated"
        templated.mkdir()
        for index, text in enumerate(copied_texts(args.count, "templated"), start=1):
            (templated / f"essay-{index:04d}.txt").write_text(text, encoding="utf-8")
        cases = [
            ("independent", "`-j 2` (JSON)", ["-f", "json"]),
            ("independent", "`-j 2 -f csv`", ["-f", "csv"]),
            ("independent", "`-j 2 -f text`", ["-f", "text"]),
            ("independent", "`-j 2 --no-similarity`", ["-f", "json", "--no-similarity"]),
            ("templated", "`-j 2` (JSON)", ["-f", "json"]),
            ("templated", "`-j 2 --no-similarity`", ["-f", "json", "--no-similarity"]),
        ]
        runs: dict[tuple[str, ...], list[tuple[float, float, float, float]]] = {}
        load = []
        for _ in range(args.rounds):
            load.append(os.getloadavg()[0])
            for corpus in ("independent", "templated"):
                folder = str(root / corpus)
                runs.setdefault(("bare", corpus), []).append(
                    measure([sys.executable, "-c", BARE_LOOP, folder]))
            for corpus, _, options in cases:
                for name, python in installs.items():
                    command = [python, "-m", "djscore", "check", str(root / corpus), "-j", "2",
                               "--fail-on", "never", *options]
                    runs.setdefault((name, corpus, *options), []).append(measure(command))

    def median(key: tuple[str, ...], field: int) -> float:
        return statistics.median(run[field] for run in runs[key])

    lines = [
        MARK,
        f"## Before and after (`benchmarks/before_after.py`, {datetime.date.today()})",
        "",
        f"{args.count} essays per batch, `--jobs 2`, {os.cpu_count()} CPUs; median of {args.rounds} "
        f"interleaved rounds; load average (1 min) at the start of each round: "
        f"{', '.join(f'{x:.1f}' for x in load)}. Ratios are to the bare jieba loop of the same round's "
        "medians (wall to wall, CPU to CPU).",
        "",
        "| batch | command | wall before → after | ratio | CPU before → after | CPU ratio "
        "| parent peak before → after | worker peak before → after |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for corpus, label, options in cases:
        bare_wall, bare_cpu = median(("bare", corpus), 0), median(("bare", corpus), 1)
        b, a = ("before", corpus, *options), ("after", corpus, *options)
        lines.append(
            f"| {corpus} | {label} | {median(b, 0):.2f} → {median(a, 0):.2f} s "
            f"| {median(b, 0) / bare_wall:.2f} → {median(a, 0) / bare_wall:.2f} "
            f"| {median(b, 1):.2f} → {median(a, 1):.2f} s "
            f"| {median(b, 1) / bare_cpu:.2f} → {median(a, 1) / bare_cpu:.2f} "
            f"| {median(b, 2):.0f} → {median(a, 2):.0f} MiB | {median(b, 3):.0f} → {median(a, 3):.0f} MiB |")
    for corpus in ("independent", "templated"):
        lines.append(f"| {corpus} | bare `jieba.lcut` loop | {median(('bare', corpus), 0):.2f} s | 1.00 "
                     f"| {median(('bare', corpus), 1):.2f} s | 1.00 | | |")
    lines += ["", END]
    write_section("\n".join(lines), MARK, END, args.write)


def write_section(text: str, mark: str, end: str, write: bool) -> None:
    print(text)
    if write:
        results = HERE / "RESULTS.md"
        old = results.read_text(encoding="utf-8")
        if mark in old:
            old = old[:old.index(mark)] + old[old.index(end) + len(end) + 1:]
        results.write_text(old.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def cold_table(installs: dict[str, str], rounds: int) -> str:
    """`djscore check essay.txt` of both installs and the bare jieba script, in turn, `rounds`
    times (after one warm-up round); and the parts of each install's cold check."""
    with tempfile.TemporaryDirectory() as tmp:
        (essay,) = write_corpus(Path(tmp), 1, style="independent")
        commands = {"bare": [sys.executable, "-c", BARE_ONE, str(essay)],
                    **{name: [python, "-m", "djscore", "check", str(essay)]
                       for name, python in installs.items()}}
        walls: dict[str, list[float]] = {name: [] for name in commands}
        parts: dict[str, list[list[float]]] = {name: [] for name in installs}
        load = []
        for round_ in range(rounds + 1):
            load.append(os.getloadavg()[0])
            for name, command in commands.items():
                start = time.perf_counter()  # not measure(): its polling would add up to 50 ms
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                if round_:
                    walls[name].append(time.perf_counter() - start)
            for name, python in installs.items():
                out = subprocess.run([python, "-c", COLD_PARTS, str(essay)], capture_output=True, text=True,
                                     check=True).stdout
                if round_:
                    parts[name].append([float(x) for x in out.split()])
        size = essay.stat().st_size
    bare = statistics.median(walls["bare"])
    lines = [
        COLD_MARK,
        f"## Cold single check, before and after (`benchmarks/before_after.py --cold`, "
        f"{datetime.date.today()})",
        "",
        f"One essay of {size / 1000:.1f} KB; median of {rounds} interleaved rounds (after a warm-up round); "
        f"load average (1 min) at the start of each round: {', '.join(f'{x:.1f}' for x in load[1:])}.",
        "",
        "| command | before | after | ratio to bare jieba, before → after |",
        "|---|---:|---:|---:|",
        f"| `python -c \"import jieba; jieba.lcut(text)\"` | {bare:.3f} s | | 1.00 |",
        f"| `djscore check essay.txt` | {statistics.median(walls['before']):.3f} s "
        f"| {statistics.median(walls['after']):.3f} s | {statistics.median(walls['before']) / bare:.2f} → "
        f"{statistics.median(walls['after']) / bare:.2f} |",
    ]
    names = ("imports (djscore, its CLI, the segmenter's module)", "rubric (from the cache)",
             "segmenter dictionary load and the rubric's words",
             "analysis (first essay: term automata, slip index from the cache, scoring, writing checks)")
    for i, name in enumerate(names):
        before, after = (statistics.median(p[i] for p in parts[n]) for n in ("before", "after"))
        lines.append(f"| {name} | {before:.3f} s | {after:.3f} s "
                     f"| {before / bare:.2f} → {after / bare:.2f} |")
    return "\n".join([*lines, "", COLD_END])


if __name__ == "__main__":
    main()
