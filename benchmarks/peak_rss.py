"""Peak resident memory of a command and of each of its child processes (Linux: /proc).

    python benchmarks/peak_rss.py COMMAND...   # prints JSON: {"parent": MiB, "workers": [MiB, ...]}

The kernel keeps each process's high-water mark (VmHWM); this polls it every 20 ms until the
process ends, so a worker's last reading is taken just before it exits.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def _hwm_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def peak_rss(command: list[str]) -> dict[str, object]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = 0.0
    workers: dict[int, float] = {}
    while process.poll() is None:
        parent = max(parent, _hwm_mib(process.pid) or 0.0)
        for child in _children(process.pid):
            workers[child] = max(workers.get(child, 0.0), _hwm_mib(child) or 0.0)
        time.sleep(0.02)
    peaks = sorted((round(v, 1) for v in workers.values()), reverse=True)
    return {"parent": round(parent, 1), "workers": peaks}


if __name__ == "__main__":
    print(json.dumps(peak_rss(sys.argv[1:])))
