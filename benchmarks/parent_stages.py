"""Where the parent of `djscore check` spends memory and time: VmRSS and VmHWM (MiB), wall and
CPU seconds after each stage, printed on stderr.

    python benchmarks/parent_stages.py FOLDER -j 2 -f json > /dev/null   # any `check` arguments

Stages: imports; options (rubric, rule settings, segmenter chosen); results (every essay
checked, results held); similarity (clusters found or started); rendered (the report made, or
for JSON about to be streamed); emitted (written out). Linux only (/proc/self/status)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

START = time.perf_counter()


def stage(name: str) -> None:
    text = Path("/proc/self/status").read_text(encoding="ascii")
    status = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    rss, hwm = (int(status[key].split()[0]) // 1024 for key in ("VmRSS", "VmHWM"))
    print(f"{name:<11} rss {rss:4d} MiB  peak {hwm:4d} MiB  wall {time.perf_counter() - START:6.2f} s  "
          f"cpu {time.process_time():6.2f} s", file=sys.stderr)


def wrap(owner: object, name: str, after: str, before: str | None = None) -> None:
    original = getattr(owner, name)

    def wrapped(*args: object, **kwargs: object) -> object:
        if before:
            stage(before)
        value = original(*args, **kwargs)
        stage(after)
        return value

    setattr(owner, name, wrapped)


def main() -> None:
    import djscore.cli.check as check
    import djscore.cli.review as review
    from djscore.cli import app

    stage("imports")
    wrap(check, "check_options", "options")
    wrap(check, "_run", "results")
    wrap(review.Reviewer, "run", "similarity")
    wrap(check, "emit", "emitted", before="rendered")
    sys.argv = ["djscore", "check", *sys.argv[1:]]
    try:
        app()
    finally:
        stage("end")


if __name__ == "__main__":
    main()
