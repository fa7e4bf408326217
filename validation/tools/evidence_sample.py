"""Draw evidence sentences for a reader to judge, and report the share judged right.

    python validation/tools/evidence_sample.py draw      # writes evidence/sample.tsv (100 sentences)
    python validation/tools/evidence_sample.py report    # precision from evidence/judgments.tsv

The sample is drawn at random (fixed seed) from every evidence sentence djscore files under a
criterion across the whole corpus, one sentence per (text, criterion, sentence). The reader
sees the sentence, the criterion's name and description and the pillar, not the matched words,
and says whether the sentence really speaks to that criterion (judgments.tsv: id, verdict
yes/no, reason).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from djscore.pipeline import CheckOptions, analyse, prepare  # noqa: E402
from djscore.rubric import load_rubric  # noqa: E402
from evaluate import load_corpus  # noqa: E402

SAMPLE = 100
SEED = 20261202
FOLDER = HERE / "evidence"


def draw() -> None:
    rubric = load_rubric()
    prepare(rubric)
    options = CheckOptions(rubric)
    pool = []
    for entry in load_corpus("all"):
        result = analyse(entry["text"], options, entry["id"])
        for pillar in result.pillars:
            for criterion in pillar.criteria:
                seen = set()
                for hit in criterion.hits:
                    if (hit.line, hit.sentence) in seen or hit.stuffed or hit.hollow:
                        continue
                    seen.add((hit.line, hit.sentence))
                    pool.append((entry["id"], hit.line, pillar.name, criterion.name, criterion.description,
                                 hit.sentence, hit.form))
    random.Random(SEED).shuffle(pool)
    FOLDER.mkdir(exist_ok=True)
    with (FOLDER / "sample.tsv").open("w", encoding="utf-8", newline="") as file:
        out = csv.writer(file, delimiter="\t", lineterminator="\n")
        out.writerow(["n", "text", "line", "pillar", "criterion", "description", "sentence"])
        for n, row in enumerate(pool[:SAMPLE], start=1):
            out.writerow([n, *row[:6]])
    with (FOLDER / "sample-forms.tsv").open("w", encoding="utf-8", newline="") as file:
        out = csv.writer(file, delimiter="\t", lineterminator="\n")
        out.writerow(["n", "form"])
        for n, row in enumerate(pool[:SAMPLE], start=1):
            out.writerow([n, row[6]])
    print(f"{len(pool)} evidence sentences in the corpus; {min(SAMPLE, len(pool))} drawn")


def report() -> None:
    with (FOLDER / "judgments.tsv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    with (FOLDER / "sample-forms.tsv").open(encoding="utf-8") as file:
        forms = {row["n"]: row["form"] for row in csv.DictReader(file, delimiter="\t")}
    right = [r for r in rows if r["verdict"].strip() == "yes"]
    print(f"{len(right)}/{len(rows)} evidence sentences speak to their criterion "
          f"({len(right) / len(rows):.0%})")
    combos = [r for r in rows if "+" in forms.get(r["n"], "")]
    if combos:
        ok = sum(r["verdict"].strip() == "yes" for r in combos)
        print(f"  of them found by an a+b form: {ok}/{len(combos)}")
    for r in rows:
        if r["verdict"].strip() != "yes":
            print(f"  no: #{r['n']} ({forms.get(r['n'])}): {r['reason']}")


if __name__ == "__main__":
    {"draw": draw, "report": report}[sys.argv[1] if len(sys.argv) > 1 else "report"]()
