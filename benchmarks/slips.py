"""Benchmark of the slip checks (`mistyped`, `formula`) on attested slips and on clean texts.

    .venv/bin/python benchmarks/slips.py          # recall, false alarms, rule time
    .venv/bin/python benchmarks/slips.py -v       # also every miss and every false alarm
    .venv/bin/python benchmarks/slips.py --extra DIR_OR_FILE ...   # more clean text, kept outside

Slips: benchmarks/slips/pairs.tsv (attested pairs from published lists, each in a sentence of
ours; sources in benchmarks/slips/README.md) and benchmarks/slips/formulas.tsv (formula slips
we wrote). A slip is found when a finding of either rule overlaps it and suggests the right
form. Kinds: same-sound / near-sound / look-alike (no shared or folded reading) are told
apart by the readings of the two differing characters (pypinyin, every reading).
Clean texts: validation/texts/*.txt (every round: the slip checks do not touch the scores), examples/ and the
reference essay in /work/shared/seed/ when present — every finding there is a false alarm.
Time: the two rules' check() (segmentation they ask for included) on 2,500-character
stretches of the clean texts, median of several rounds, after one warm-up.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from djscore.normalize import normalize
from djscore.pipeline import CheckOptions, analyse, prepare
from djscore.rubric import load_rubric
from djscore.rules import Essay, formula, mistyped, resolve_settings, sounds
from djscore.segment import words

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "slips"
RULES = ("mistyped", "formula")


def rows(name: str) -> list[list[str]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def kind_of(wrong: str, right: str) -> str:
    from pypinyin import Style, pinyin

    if len(wrong) != len(right):
        return "other"
    diffs = [(a, b) for a, b in zip(wrong, right, strict=True) if a != b]
    if len(diffs) != 1:
        return "other"
    a, b = diffs[0]
    ra, rb = ({p for options in pinyin(c, style=Style.NORMAL, heteronym=True) for p in options}
              for c in (a, b))
    if ra & rb:
        return "same-sound"
    if {sounds.fold(p) for p in ra} & {sounds.fold(p) for p in rb}:
        return "near-sound"
    return "look-alike"


def half_of(wrong: str, right: str) -> str:
    """"dev" or "held-out", by a hash of the pair: the data and the rule are tuned only while
    looking at the dev half's misses; the held-out half shows whether a gain is general."""
    return "dev" if hashlib.sha256(f"{wrong}\t{right}".encode()).digest()[0] % 2 == 0 else "held-out"


def found(options: CheckOptions, sentence: str, wrong: str, right: str) -> str | None:
    """The severity of the finding that catches the slip, or None."""
    start = sentence.find(wrong)
    for f in analyse(sentence, options).findings:
        if f.rule in RULES and f.column - 1 < start + len(wrong) and start < f.column + 40 and f.suggestion \
                and (right in f.suggestion or f.suggestion in right):
            return f.severity
    return None


SEED = ROOT.parent / "shared" / "seed"  # the reference essay (real published text), when present
# The reference essay's own three slips (issue 15: "finds the reference essay's three slips"):
# real slips, counted apart, not as false alarms.
SEED_SLIPS = ("基党层组织", "廉诘从政", "远处不在")


def clean_texts(skip: tuple[str, ...] = ()) -> list[Path]:
    texts = sorted(p for p in (ROOT / "validation" / "texts").glob("*.txt")
                   if not p.name.startswith(skip))
    seed = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    return texts + sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".md")) + seed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--extra", nargs="*", default=[], type=Path,
                        help="more clean real text (files or folders of .txt), never committed")
    parser.add_argument("--skip", nargs="*", default=[],
                        help="prefixes of validation texts left out (a check set not to be looked at)")
    args = parser.parse_args()
    verbose = args.verbose
    skip = tuple(args.skip)
    rubric = load_rubric()
    prepare(rubric)
    options = CheckOptions(rubric)

    tally: dict[str, Counter] = {}
    halves: dict[str, Counter] = {}
    misses = []
    cases = [(w, r, kind_of(w, r), s) for w, r, _, s in rows("pairs.tsv")]
    cases += [(w, r, "formula", s) for w, r, _, s in rows("formulas.tsv")]
    for wrong, right, kind, sentence in cases:
        severity = found(options, sentence, wrong, right)
        half = half_of(wrong, right)
        for count in (tally.setdefault(kind, Counter()), halves.setdefault(half, Counter())):
            count["slips"] += 1
            count["found"] += severity is not None
            count["as error"] += severity == "error"
        if severity is None and half == "dev":  # held-out misses are never printed
            misses.append(f"{kind}: {wrong} → {right}")
    total = sum(tally.values(), Counter())
    print(f"Attested slips: {total['slips'] - tally['formula']['slips']}, formula slips: "
          f"{tally['formula']['slips']}")
    print(f"{'kind':<12}{'slips':>7}{'found':>7}{'recall':>8}{'as error':>10}")
    for kind, count in [*sorted(tally.items()), *sorted(halves.items()), ("all", total)]:
        print(f"{kind:<12}{count['slips']:>7}{count['found']:>7}{count['found'] / count['slips']:>8.2f}"
              f"{count['as error']:>10}")

    chars, alarms, seed_found = 0, [], []
    for path in clean_texts(skip):
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        result = analyse(text, options, str(path), path.suffix == ".md")
        lines = text.split("\n")
        for f in result.findings:
            if (path.parent == SEED and f.rule in RULES
                    and any(f"“{slip}”" in f.message for slip in SEED_SLIPS)):
                seed_found.append(f.message)
            elif f.rule in RULES:
                context = lines[f.line - 1][max(0, f.column - 10):f.column + 16]
                name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                alarms.append((f.severity, f"{name}:{f.line}: {f.message} | {context}"))
    errors = [a for s, a in alarms if s == "error"]
    print(f"\nClean texts: {len(clean_texts(skip))} files, {chars:,} characters")
    extra = [q for p in args.extra for q in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    print(f"error-level false alarms: {len(errors)} ({len(errors) / chars * 100_000:.2f} per 100,000 "
          f"characters); warnings: {len(alarms) - len(errors)}")
    for severity, alarm in alarms:
        print(f"  {severity}: {alarm}")
    if seed_found:
        print(f"the reference essay's own slips found: {len(seed_found)} of {len(SEED_SLIPS)}")
    if extra:
        extra_chars, extra_alarms = 0, []
        for path in extra:
            # In essay-sized pieces of whole lines, as a writer would check them.
            piece: list[str] = []
            lines = path.read_text(encoding="utf-8").split("\n")
            for at, line in enumerate(lines):
                piece.append(line)
                if sum(map(len, piece)) > 2500 or at == len(lines) - 1:
                    text = "\n".join(piece)
                    extra_chars += len(text)
                    for f in analyse(text, options).findings:
                        if f.rule in RULES:
                            context = piece[f.line - 1][max(0, f.column - 10):f.column + 16]
                            extra_alarms.append((f.severity, f"{path.name}: {f.message} | {context}"))
                    piece = []
        extra_errors = sum(s == "error" for s, _ in extra_alarms)
        print(f"\nExtra clean texts: {len(extra)} files, {extra_chars:,} characters; findings (each to be "
              f"judged: real text holds real slips): {extra_errors} errors, "
              f"{len(extra_alarms) - extra_errors} warnings")
        for severity, alarm in extra_alarms:
            print(f"  {severity}: {alarm}")

    settings = resolve_settings(rubric)
    text = normalize("\n".join(p.read_text(encoding="utf-8") for p in clean_texts(skip)))
    stretches = [text[i:i + 2500] for i in range(0, len(text) - 2500, 2500)][:60]
    essays = []
    for stretch in stretches:
        lines = stretch.split("\n")
        essays.append(Essay(lines, lines, rubric, analyse(stretch, options), False, words))
    for essay in essays:  # warm-up: index and segmenter caches
        list(mistyped.check(essay, settings["mistyped"]))
        list(formula.check(essay, settings["formula"]))
    rounds = []
    for _ in range(5):
        began = time.perf_counter()
        for essay in essays:
            list(mistyped.check(essay, settings["mistyped"]))
            list(formula.check(essay, settings["formula"]))
        rounds.append((time.perf_counter() - began) / len(essays))
    print(f"\nRule time (mistyped + formula) per 2,500-character essay: "
          f"{statistics.median(rounds) * 1000:.2f} ms (median of 5 rounds over {len(essays)} essays)")
    index = mistyped._rubric_index(rubric, settings["mistyped"]["min_length"])
    print(f"Data: {len(index.known):,} protected phrases, {len(index.misspelled)} misspelled jieba entries, "
          f"{len(index.class_of):,} characters with readings, {len(index.shape_groups):,} characters in "
          f"look-alike groups, {len(formula.formulas())} formulas")
    if verbose:
        print("\nMisses (dev half only):")
        for miss in misses:
            print(f"  {miss}")
    sys.exit(0)


if __name__ == "__main__":
    main()
