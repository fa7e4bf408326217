"""A reproducible corpus of essays of realistic size, made from the project's own examples.

Two styles, both seeded:
* "paragraphs": each essay is a random selection of whole paragraphs of examples/*.txt and
  *.md. Length, vocabulary and term density are those of real drafts, but any two essays
  share whole paragraphs: a batch of partial copies, the worst case for the near-duplicate pass.
* "independent": each sentence keeps the first 50-80% of an example sentence and is completed
  by a character-bigram chain trained on the examples. Terms and phrasing stay realistic,
  while two essays share few 5-character shingles (as essays by different writers on one
  topic do), so the near-duplicate pass sees a realistic batch.
No outside text is used. Used by the benchmark and by the batch tests.

Two more, for the near-duplicate pass (`copied_texts`): a whole class handing in one model
essay ("identical"), and essays written on a few model essays, each with the writer's own
paragraphs ("templated").
"""

from __future__ import annotations

import itertools
import random
import re
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


def independent_essay(rng: random.Random, sentences: list[str], chain: dict[str, list[str]],
                      target_chars: int) -> str:
    paragraphs_out, current, total = [], [], 0
    while total < target_chars:
        sentence = rng.choice(sentences)
        body, end = sentence[:-1], sentence[-1]
        keep = max(2, int(len(body) * rng.uniform(0.5, 0.8)))
        chars = list(body[:keep])
        while len(chars) < len(body):
            chars.append(rng.choice(chain.get(chars[-1]) or body))
        current.append("".join(chars) + end)
        total += len(sentence)
        if len(current) >= rng.randint(3, 6):
            paragraphs_out.append("".join(current))
            current = []
    return "\n\n".join([*paragraphs_out, "".join(current)]).strip() + "\n"


def _sentences_and_chain(pool: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    sentences = [s for p in pool for s in re.findall(r"[^。！？]+[。！？]", p) if len(s) >= 8]
    chain: dict[str, list[str]] = {}
    for a, b in itertools.pairwise("".join(pool)):
        if b not in "。！？\n":
            chain.setdefault(a, []).append(b)
    return sentences, chain


def copied_texts(count: int, style: str, templates: int = 5, seed: int = 2026,
                 target_chars: int = 2500) -> list[str]:
    """`count` essay texts. "identical": one essay, `count` times. "templated": `templates`
    model essays; each text is one of them (in turn) with 1-3 paragraphs of its writer's own
    (about 10-35% of the text) put in at random places and one model paragraph left out."""
    rng = random.Random(seed)
    pool = paragraphs()
    sentences, chain = _sentences_and_chain(pool)
    if style == "identical":
        return [independent_essay(rng, sentences, chain, target_chars)] * count
    models = [independent_essay(rng, sentences, chain, target_chars).strip().split("\n\n")
              for _ in range(templates)]
    texts = []
    for index in range(count):
        parts = list(models[index % templates])
        del parts[rng.randrange(len(parts))]
        for _ in range(rng.randint(1, 3)):
            own = independent_essay(rng, sentences, chain, rng.randint(150, 350)).strip().replace("\n\n", "")
            parts.insert(rng.randint(0, len(parts)), own)
        texts.append("\n\n".join(parts) + "\n")
    return texts


def write_corpus(folder: Path, count: int, target_chars: int = 2500, seed: int = 2026,
                 style: str = "paragraphs") -> list[Path]:
    """Write `count` essays named essay-0001.txt … into folder; returns their paths."""
    rng = random.Random(seed)
    pool = paragraphs()
    sentences, chain = _sentences_and_chain(pool)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(1, count + 1):
        path = folder / f"essay-{index:04d}.txt"
        text = (essay(rng, pool, target_chars) if style == "paragraphs"
                else independent_essay(rng, sentences, chain, target_chars))
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
