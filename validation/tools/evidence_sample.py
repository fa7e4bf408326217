"""Draw evidence sentences for a reader to judge, and report the share judged right.

    python validation/tools/evidence_sample.py draw round2     # writes evidence/round2/sample.tsv
    python validation/tools/evidence_sample.py report round2   # precision from its judgments.tsv

Each round is a fresh sample (its own seed) judged by a reader who has not seen earlier rounds:
round1 judged the scorer before its cues were pruned, round2 after. From round5 the reader also
says whether the sentence speaks to the criterion's pillar at all (pillar_verdict).

The sample is drawn at random (fixed seed) from every evidence sentence djscore files under a
criterion across the whole corpus, one sentence per (text, criterion, sentence). The reader
sees the sentence, the criterion's name and description and the pillar, not the matched words,
and says whether the sentence really speaks to that criterion (judgments.tsv: id, verdict
yes/no, reason).

From round9 (djscore files each sentence under one criterion; djscore.filing) the sample is
drawn from the fit part only (the check part stays unseen), and a second sample of RELATED
sentences (counted towards a pillar, filed under none of its criteria) is drawn into
related.tsv; its reader says only whether the sentence speaks to the pillar
(related-judgments.tsv: n, pillar_verdict, reason).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from evaluate import load_corpus  # noqa: E402

from djscore.pipeline import CheckOptions, analyse, prepare  # noqa: E402
from djscore.rubric import load_rubric  # noqa: E402

SAMPLE = 100
RELATED_SAMPLE = 50
SEEDS = {"round1": 20261202, "round2": 20261203, "round3": 20261204, "round4": 20261205,
         "round5": 20261206, "round6": 20261207, "round7": 20261208, "round8": 20261209,
         "round9": 20261210, "round10": 20261211, "round11": 20261212}
FIT_ONLY_FROM = "round9"  # earlier rounds drew across the whole corpus


def _number(round_name: str) -> int:
    return int(round_name.removeprefix("round"))


def draw(round_name: str) -> None:
    folder = HERE / "evidence" / round_name
    rubric = load_rubric()
    prepare(rubric)
    options = CheckOptions(rubric)
    pool = []
    related = []
    filed_once = _number(round_name) >= _number(FIT_ONLY_FROM)
    for entry in load_corpus("fit" if filed_once else "all"):
        result = analyse(entry["text"], options, entry["id"])
        for pillar in result.pillars:
            for hit in _once(pillar.related):
                related.append((entry["id"], hit.line, pillar.name, hit.sentence, hit.form))
            for criterion in pillar.criteria:
                for hit in _once(criterion.hits):
                    pool.append((entry["id"], hit.line, pillar.name, criterion.name, criterion.description,
                                 hit.sentence, hit.form))
    folder.mkdir(parents=True, exist_ok=True)
    random.Random(SEEDS[round_name]).shuffle(pool)
    _write(folder, "sample", ["n", "text", "line", "pillar", "criterion", "description", "sentence"],
           pool[:SAMPLE])
    print(f"{len(pool)} evidence sentences in the corpus; {min(SAMPLE, len(pool))} drawn")
    if filed_once:
        random.Random(SEEDS[round_name] + 1).shuffle(related)
        _write(folder, "related", ["n", "text", "line", "pillar", "sentence"], related[:RELATED_SAMPLE])
        print(f"{len(related)} related sentences; {min(RELATED_SAMPLE, len(related))} drawn")


def _once(hits):
    """Each sentence once, skipping titles, pasted lists and stock phrases."""
    seen = set()
    for hit in hits:
        if (hit.line, hit.sentence) not in seen and not (hit.stuffed or hit.hollow or hit.title):
            seen.add((hit.line, hit.sentence))
            yield hit


def _write(folder: Path, name: str, header: list[str], rows: list[tuple]) -> None:
    """<name>.tsv for the reader (every column but the matched form, which comes last) and
    <name>-forms.tsv with the forms, for the report."""
    for suffix, columns, cells in (("", header, lambda row: row[:-1]), ("-forms", ["n", "form"],
                                                                        lambda row: row[-1:])):
        with (folder / f"{name}{suffix}.tsv").open("w", encoding="utf-8", newline="") as file:
            out = csv.writer(file, delimiter="\t", lineterminator="\n")
            out.writerow(columns)
            for n, row in enumerate(rows, start=1):
                out.writerow([n, *cells(row)])


def report(round_name: str) -> None:
    folder = HERE / "evidence" / round_name
    with (folder / "judgments.tsv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    with (folder / "sample-forms.tsv").open(encoding="utf-8") as file:
        forms = {row["n"]: row["form"] for row in csv.DictReader(file, delimiter="\t")}
    right = [r for r in rows if r["verdict"].strip() == "yes"]
    print(f"{len(right)}/{len(rows)} evidence sentences speak to their criterion "
          f"({len(right) / len(rows):.0%})")
    if rows and "pillar_verdict" in rows[0]:  # from round 5: does it speak to the pillar at all?
        on_pillar = sum(r["pillar_verdict"].strip() == "yes" for r in rows)
        print(f"{on_pillar}/{len(rows)} speak to their pillar ({on_pillar / len(rows):.0%})")
    combos = [r for r in rows if "+" in forms.get(r["n"], "")]
    if combos:
        ok = sum(r["verdict"].strip() == "yes" for r in combos)
        print(f"  of them found by an a+b form: {ok}/{len(combos)}")
    for r in rows:
        if r["verdict"].strip() != "yes":
            print(f"  no: #{r['n']} ({forms.get(r['n'])}): {r['reason']}")
    related = folder / "related-judgments.tsv"
    if related.exists():
        with related.open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file, delimiter="\t"))
        on_pillar = sum(r["pillar_verdict"].strip() == "yes" for r in rows)
        print(f"related sentences: {on_pillar}/{len(rows)} speak to their pillar "
              f"({on_pillar / len(rows):.0%})")


if __name__ == "__main__":
    {"draw": draw, "report": report}[sys.argv[1]](sys.argv[2])
