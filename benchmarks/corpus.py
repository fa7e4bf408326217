"""A reproducible corpus of essays of realistic size, made from the project's own examples.

Each essay is a random selection (fixed seed) of paragraphs from examples/*.txt and *.md,
so the corpus has the length, vocabulary and term density of real drafts without copying
any outside text. Used by the benchmark and by the batch tests.
"""

from __future__ import annotations

import random
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def paragraphs() -> list[str]:
    found = []
    for path in sorted(EXAMPLES.glob("*")):
        if path.suffix in (".txt", ".md") and path.name != "README.md":
            text = path.read_text(encoding="utf-8")
            found += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]
    return found


def essay(rng: random.Random, pool: list[str], target_chars: int) -> str:
    parts: list[str] = []
    while sum(len(p) for p in parts) < target_chars:
        parts.append(rng.choice(pool))
    return "\n\n".join(parts) + "\n"


def write_corpus(folder: Path, count: int, target_chars: int = 2500, seed: int = 2026) -> list[Path]:
    """Write `count` essays named essay-0001.txt … into folder; returns their paths."""
    rng = random.Random(seed)
    pool = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(1, count + 1):
        path = folder / f"essay-{index:04d}.txt"
        path.write_text(essay(rng, pool, target_chars), encoding="utf-8")
        written.append(path)
    return written
