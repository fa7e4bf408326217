"""Write validation/texts/<id>.yaml from the writers' and readers' raw files.

    python validation/tools/assemble.py

Writers' index: _writers/<prefix>.tsv (id, kind, genre, setting, voice, chars, the writer's
intended levels, summary). Readers' judgments: _readers/<reader>.tsv (id, four levels, four
one-line reasons), in the order they were read.

The part is fixed before any text of it is scored. Round 1 (va-ve) was split one in three per
kind by a hash of the id; that check part was looked at once, after the first model was frozen
(validation/README.md), and then joined the fit part. Round 2 (vf-vh), written afterwards by new
writers and judged by new readers, was the next check part; looked at three times, it joined the
fit part too. Round 3 (vi-vk), written and judged before the model tuned on rounds 1-2 was frozen,
was the next check part; looked at three times, it joined the fit part as well. Round 4 (vl-vn),
written and judged before model 4 was frozen, was the next check part; looked at twice, it joined the
fit part too. Round 5 (vo-vq), written and judged while model 5 was tuned, was its check part;
looked at twice, it joined the fit part. Round 6 (vr-vt), written and judged after model 5 was
frozen, was its second check part; looked at three times, it joined the fit part. Round 7
(vw-vy), written and judged while model 6 was tuned, was its check part; looked at three times, it
joined the fit part. Round 8 (wa-wc), written and judged after model 6 was frozen, was its second
check part; looked at once, it joined the fit part. Round 9 (wd-wf), written and judged after model 6
was frozen, was looked at once and joined the fit part. Rounds 10-11 (wg-wl), written and judged after
model 6 was frozen, and round 12 (wm-wo), written and judged on 2026-12-02 with model 6 unchanged, are
the check part now.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parents[1]
PILLARS = ("integrate-center", "form-core", "temper-party-spirit", "unite-hearts")
CHECK_PREFIXES = ("wg", "wh", "wi", "wj", "wk", "wl", "wm", "wn", "wo")  # rounds 10 to 12
# first readers; the others second
PRIMARY_READERS = ("reader-a", "reader-b", "reader-d", "reader-e", "reader-g", "reader-h", "reader-i",
                   "reader-k", "reader-l", "reader-m", "reader-o", "reader-p", "reader-q",
                   "reader-s", "reader-t", "reader-u",
                   "reader-w", "reader-x", "reader-y",
                   "reader-aa", "reader-ab", "reader-ac",
                   "reader-ae", "reader-af", "reader-ag",
                   "reader-ai", "reader-aj", "reader-ak",
                   "reader-am", "reader-an", "reader-ao",
                   "reader-aq", "reader-ar", "reader-as")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as file:
        return [{k.strip(): (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(file, delimiter="\t")]


def main() -> None:
    writers = {row["id"]: {**row, "writer": path.stem}
               for path in sorted((HERE / "_writers").glob("*.tsv")) for row in rows(path)}
    judgments: dict[str, list[dict]] = {}
    reader_files = sorted((HERE / "_readers").glob("*.tsv"),
                          key=lambda p: (p.stem not in PRIMARY_READERS, p.stem))
    for path in reader_files:
        for row in rows(path):
            judgments.setdefault(row["id"], []).append({
                "reader": path.stem,
                "levels": {p: int(row[k]) for p, k in zip(PILLARS, ("ic", "fc", "tp", "uh"), strict=True)},
                "reasons": {p: row[f"reason_{k}"]
                            for p, k in zip(PILLARS, ("ic", "fc", "tp", "uh"), strict=True)},
            })
    part = {text_id: "check" if text_id.startswith(CHECK_PREFIXES) else "fit" for text_id in writers}
    for text_id, row in sorted(writers.items()):
        if not (HERE / "texts" / f"{text_id}.txt").exists():
            continue
        meta = {
            "id": text_id, "kind": row["kind"], "genre": row["genre"], "setting": row["setting"],
            "voice": row["voice"], "writer": row["writer"], "part": part[text_id],
            "writer_intent": {p: int(row[f"intent_{k}"] or 0)
                              for p, k in zip(PILLARS, ("ic", "fc", "tp", "uh"), strict=True)},
            "readers": judgments.get(text_id, []),
        }
        (HERE / "texts" / f"{text_id}.yaml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


if __name__ == "__main__":
    main()
