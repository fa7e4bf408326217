"""Compare djscore's pillar scores with readers' judgments on the validation corpus.

    python validation/evaluate.py                 # the check part (never looked at while tuning)
    python validation/evaluate.py --part fit      # the part the scoring model was tuned on
    python validation/evaluate.py --json          # the check part's figures as one JSON object
    python validation/evaluate.py --rubric my.yaml --svg plot.svg

Each text validation/texts/<id>.txt has a <id>.yaml beside it: kind, genre, setting, the part
it belongs to and one or two readers' levels per pillar (0 not addressed, 1 touched on,
2 substantively discussed; see GUIDE.md). The first reader's levels are the labels; the second
reader's are used for the agreement figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from djscore.pipeline import CheckOptions, analyse, prepare  # noqa: E402
from djscore.rubric import load_rubric  # noqa: E402

BANDS = {0: (0.0, 15.0), 1: (15.0, 60.0), 2: (60.0, 100.01)}
LEVEL_NAMES = {0: "未论及", 1: "提及", 2: "实质论述"}
FULL_MIN_CHARS = 1500
TARGETS = {"auc_addressed": 0.92, "auc_substantive": 0.95, "band_accuracy": 0.85}


@dataclass
class Scored:
    id: str
    kind: str
    part: str
    chars: int
    overall: float
    scores: dict[str, float]  # pillar id -> score
    levels: dict[str, int]  # first reader
    second: dict[str, int] | None


def load_corpus(part: str) -> list[dict]:
    entries = []
    for meta_path in sorted((HERE / "texts").glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if part != "all" and meta["part"] != part:
            continue
        if not meta.get("readers"):
            continue
        meta["text"] = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        entries.append(meta)
    return entries


def score_corpus(entries: list[dict], rubric_path: str | None) -> list[Scored]:
    rubric = load_rubric(rubric_path)
    prepare(rubric)
    options = CheckOptions(rubric)
    scored = []
    for entry in entries:
        result = analyse(entry["text"], options, entry["id"])
        readers = entry["readers"]
        scored.append(Scored(
            id=entry["id"], kind=entry["kind"], part=entry["part"], chars=result.chars,
            overall=result.score, scores={p.id: p.score for p in result.pillars},
            levels=dict(readers[0]["levels"]),
            second=dict(readers[1]["levels"]) if len(readers) > 1 else None))
    return scored


def auc(positive: list[float], negative: list[float]) -> float | None:
    """Probability that a positive outranks a negative (ties count half)."""
    if not positive or not negative:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def in_band(score: float, level: int) -> bool:
    low, high = BANDS[level]
    return low <= score < high


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        v = values[0] if values else float("nan")
        return v, v, v
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def figures(scored: list[Scored], pillar_ids: list[str]) -> dict:
    pairs = [(s.scores[p], s.levels[p], p) for s in scored for p in pillar_ids]
    per_pillar = {}
    for p in pillar_ids:
        mine = [(score, level) for score, level, q in pairs if q == p]
        per_pillar[p] = {
            "auc_addressed": auc([s for s, lv in mine if lv >= 1], [s for s, lv in mine if lv == 0]),
            "auc_substantive": auc([s for s, lv in mine if lv == 2], [s for s, lv in mine if lv < 2]),
            "band_accuracy": sum(in_band(s, lv) for s, lv in mine) / len(mine) if mine else None,
        }
    bands = {}
    for level in (0, 1, 2):
        values = sorted(s for s, lv, _ in pairs if lv == level)
        low, median, high = quartiles(values)
        bands[LEVEL_NAMES[level]] = {
            "n": len(values), "q1": round(low, 1), "median": round(median, 1), "q3": round(high, 1),
            "in_band": round(sum(in_band(v, level) for v in values) / len(values), 3) if values else None}
    full = [s for s in scored if s.kind == "party" and s.chars >= FULL_MIN_CHARS
            and all(s.levels[p] >= 1 for p in pillar_ids) and sum(s.levels[p] == 2 for p in pillar_ids) >= 2]
    lists = [s for s in scored if s.kind in ("wordlist", "slogan")]
    offtopic = [s for s in scored if s.kind == "offtopic"]
    nonparty = [s for s in scored if s.kind == "nonparty"]
    agreement = [(s.levels[p], s.second[p]) for s in scored if s.second for p in pillar_ids]

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    return {
        "texts": len(scored),
        "pillar_judgments": len(pairs),
        "auc_addressed": rounded(auc([s for s, lv, _ in pairs if lv >= 1],
                                     [s for s, lv, _ in pairs if lv == 0])),
        "auc_substantive": rounded(auc([s for s, lv, _ in pairs if lv == 2],
                                       [s for s, lv, _ in pairs if lv < 2])),
        "band_accuracy": rounded(sum(in_band(s, lv) for s, lv, _ in pairs) / len(pairs)) if pairs else None,
        "pillars": {p: {k: rounded(v) for k, v in f.items()} for p, f in per_pillar.items()},
        "bands": bands,
        "full_essays": {"n": len(full), "min_overall": min((s.overall for s in full), default=None),
                        "at_least_50": sum(s.overall >= 50 for s in full)},
        "lists_and_slogans": {"n": len(lists), "max_overall": max((s.overall for s in lists), default=None)},
        "offtopic": {"n": len(offtopic), "max_overall": max((s.overall for s in offtopic), default=None)},
        "nonparty": {"n": len(nonparty),
                     "max_pillar": max((max(s.scores.values()) for s in nonparty), default=None),
                     # where the reader saw no Party content at all (a line naming the Party
                     # committee can be a passing mention to a reader, too)
                     "max_pillar_judged_0": max((s.scores[p] for s in nonparty for p in pillar_ids
                                                 if s.levels[p] == 0), default=None)},
        "reader_agreement": {
            "pillar_judgments": len(agreement),
            "exact": rounded(sum(a == b for a, b in agreement) / len(agreement)) if agreement else None,
            "within_one": (rounded(sum(abs(a - b) <= 1 for a, b in agreement) / len(agreement))
                           if agreement else None),
        },
    }


def calibration_svg(scored: list[Scored], pillar_ids: list[str], names: dict[str, str]) -> str:
    """Scores against the reader's level, one panel per pillar, bands shaded."""
    width, panel, height, top = 880, 210, 336, 56
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="Noto Sans CJK SC, sans-serif" font-size="12">',
             f'<text x="10" y="20" font-size="14">djscore 方面得分与阅读者判断（{len(scored)} 篇）</text>']
    y_of = lambda score: top + (100 - score) / 100 * 240  # noqa: E731
    for i, p in enumerate(pillar_ids):
        x0 = 50 + i * panel
        for level, (low, high) in BANDS.items():
            x = x0 + 10 + level * 60
            parts.append(f'<rect x="{x - 20}" y="{y_of(min(high, 100)):.1f}" width="40" '
                         f'height="{y_of(low) - y_of(min(high, 100)):.1f}" fill="#e3efe3"/>')
            parts.append(f'<text x="{x}" y="{top + 258}" text-anchor="middle">{LEVEL_NAMES[level]}</text>')
        for k, s in enumerate(scored):
            level = s.levels[p]
            jitter = ((k * 7919) % 23 - 11) * 1.2
            colour = "#2a7" if in_band(s.scores[p], level) else "#c33"
            parts.append(f'<circle cx="{x0 + 10 + level * 60 + jitter:.1f}" cy="{y_of(s.scores[p]):.1f}" '
                         f'r="2.5" fill="{colour}" fill-opacity="0.7"/>')
        parts.append(f'<text x="{x0 + 70}" y="{top - 8}" text-anchor="middle">{names[p]}</text>')
    for score in (0, 15, 60, 85, 100):
        parts.append(f'<text x="40" y="{y_of(score) + 4:.1f}" text-anchor="end">{score}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def print_report(result: dict, part: str, names: dict[str, str], scored: list[Scored]) -> None:
    print(f"validation part: {part}; {result['texts']} texts, {result['pillar_judgments']} pillar judgments")
    print(f"{'pillar':<22}{'AUC addressed':>15}{'AUC substantive':>17}{'in band':>10}")
    for p, f in result["pillars"].items():
        cells = [f"{v:.3f}" if v is not None else "—" for v in f.values()]
        print(f"{names[p]:<20}{cells[0]:>15}{cells[1]:>17}{cells[2]:>10}")
    print(f"{'all pillars':<22}{result['auc_addressed'] or 0:>15.3f}{result['auc_substantive'] or 0:>17.3f}"
          f"{result['band_accuracy'] or 0:>10.3f}")
    print("reader level        n     q1  median     q3  in band")
    for name, b in result["bands"].items():
        print(f"{name:<14}{b['n']:>7}{b['q1']:>7}{b['median']:>8}{b['q3']:>7}{b['in_band'] or 0:>9.3f}")
    full, lists = result["full_essays"], result["lists_and_slogans"]
    offtopic, nonparty = result["offtopic"], result["nonparty"]
    print(f"full essays covering the pillars: {full['at_least_50']}/{full['n']} at >= 50 "
          f"(lowest {full['min_overall']})")
    print(f"word lists and slogan essays: {lists['n']}, highest overall {lists['max_overall']} "
          "(target <= 20)")
    print(f"off-topic: {offtopic['n']}, highest overall {offtopic['max_overall']} (target <= 5)")
    print(f"non-Party work writing: {nonparty['n']}, highest pillar {nonparty['max_pillar']} (target <= 15); "
          f"on pillars the reader judged not addressed {nonparty['max_pillar_judged_0']}")
    agree = result["reader_agreement"]
    print(f"two readers: {agree['pillar_judgments']} pillar judgments, exact agreement {agree['exact']}, "
          f"within one level {agree['within_one']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["fit", "check", "all"], default="check")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--rubric", help="rubric file (default: the packaged one)")
    parser.add_argument("--svg", default=str(HERE / "calibration.svg"), help="where to write the plot")
    parser.add_argument("--misses", action="store_true", help="list pillars scored outside their band")
    parser.add_argument("--only", metavar="PREFIXES", help="only texts whose id starts with one of these "
                        "comma-separated prefixes (one round: --only wm,wn,wo)")
    args = parser.parse_args()
    rubric = load_rubric(args.rubric)
    pillar_ids = [p.id for p in rubric.pillars]
    names = {p.id: p.name for p in rubric.pillars}
    entries = load_corpus(args.part)
    if args.only:
        entries = [e for e in entries if e["id"].startswith(tuple(args.only.split(",")))]
    scored = score_corpus(entries, args.rubric)
    if not scored:
        sys.exit(f"no judged texts in part {args.part!r}")
    result = {"part": args.part, **figures(scored, pillar_ids)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    Path(args.svg).write_text(calibration_svg(scored, pillar_ids, names), encoding="utf-8")
    print_report(result, args.part, names, scored)
    if args.misses:
        for s in scored:
            for p in pillar_ids:
                if not in_band(s.scores[p], s.levels[p]):
                    print(f"  {s.id:<8} {names[p]}: reader {s.levels[p]}, score {s.scores[p]}")


if __name__ == "__main__":
    main()
