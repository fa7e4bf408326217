"""Write validation/texts/<id>.yaml from the writers' and readers' raw files.

    python validation/tools/assemble.py

Writers' index: _writers/<prefix>.tsv (id, kind, genre, setting, voice, chars, the writer's
intended levels, summary). Readers' judgments: _readers/<reader>.tsv (id, four levels, four
one-line reasons), in the order they were read. The part (fit or check) is fixed by a hash of
the id within each kind, before any text is scored, so that it never depends on a result.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parents[1]
PILLARS = ("integrate-center", "form-core", "temper-party-spirit", "unite-hearts")
CHECK_EVERY = 3  # one text in three, per kind, goes to the check part
PRIMARY_READERS = ("reader-a", "reader-b")  # first readers; reader-c is the second reader


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
    by_kind: dict[str, list[str]] = {}
    for text_id, row in writers.items():
        by_kind.setdefault(row["kind"], []).append(text_id)
    part = {}
    for ids in by_kind.values():
        for i, text_id in enumerate(sorted(ids, key=lambda t: hashlib.sha1(t.encode()).hexdigest())):
            part[text_id] = "check" if i % CHECK_EVERY == 0 else "fit"
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
