"""Reviewer additions to `djscore check`: clusters of near-duplicates (--similarity, --against)
and the comparison with a baseline (--baseline); also how `djscore diff` reads its two inputs.

The batch workers fingerprint each text where they read it (CheckOptions.fingerprints); here
only the clustering runs, and a file is read again only for the passage of a cluster's centre.
Similarity is computed only for the formats that show it (not CSV). Standard input is not
compared."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ..background import in_background
from ..printable import printable
from . import fail

SHOWS_SIMILARITY = frozenset({"text", "json", "html", "markdown"})  # not csv
FILED_ONCE_SCHEMA = 3  # from this JSON schema each evidence sentence is filed under one criterion


def rubric_label(rubric: Any) -> str | None:
    from ..review.diff import rubric_label as label

    return label({"id": rubric.id, "version": rubric.version, "sha256": rubric.sha256})


def load_results(path: str, options: Any) -> tuple[list[Mapping[str, Any]], str | None]:
    """The results in a saved JSON document (a .json path), or the result of scoring the
    essay at `path` with `options`; with the label of the rubric used. Raises DiffInputError."""
    from ..review.diff import DiffInputError, results_from_document
    from ..review.diff import rubric_label as label

    if path.lower().endswith(".json"):
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except OSError as exc:
            raise DiffInputError(f"无法读取（{exc.strerror or exc}）") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise DiffInputError(f"不是有效的 JSON（{exc}）") from None
        results = results_from_document(document)
        rubric = document.get("rubric")
        used = label(rubric) if isinstance(rubric, dict) else None
        if used and document["schema_version"] < FILED_ONCE_SCHEMA:
            used += f"，格式 {document['schema_version']}：证据句按旧法归入标准"
        return results, used
    from ..inputs.files import Candidate
    from ..pipeline import check_all

    (result,) = check_all([Candidate(path)], options, jobs=1)  # prepares the segmenter too
    if result.error:
        raise DiffInputError(result.error)
    return [asdict(replace(result, fingerprint=None))], rubric_label(options.rubric)


BACKGROUND_MIN = 100  # texts: below this the similarity check is quick enough to wait for


@dataclass
class Reviewer:
    """What `check` adds after scoring; prepared (and validated) before scoring."""

    similarity: bool | None
    threshold: float
    against: list[str]
    baseline: Path | None = None
    baseline_results: list[Mapping[str, Any]] = field(default_factory=list)
    baseline_rubric: str | None = None
    found: list | None = None  # the clusters, once known (see `clusters`)
    pending: Callable[[], list] | None = field(default=None, repr=False)  # waits for them
    diffs: dict[int, Any] = field(default_factory=dict)  # index in the results -> Diff

    @classmethod
    def prepare(cls, opts: dict[str, Any], baseline: Path | None, options: Any) -> Reviewer:
        against = [str(p) for p in opts["against"]]
        missing = [p for p in against if not os.path.exists(p)]
        if missing:
            raise fail([f"{p}: --against 的文件夹不存在" for p in missing])
        reviewer = cls(opts["similarity"], float(opts["similarity-threshold"]), against, baseline)
        if baseline is not None:
            from ..review.diff import DiffInputError

            try:
                reviewer.baseline_results, reviewer.baseline_rubric = load_results(str(baseline), options)
            except DiffInputError as exc:
                raise fail([f"{baseline}: {exc}"]) from None
        return reviewer

    @property
    def clusters(self) -> list | None:
        """The clusters of near-copies; None if the similarity check did not run. Waits for
        them if they are being found in the background (`run`)."""
        if self.pending is not None:
            self.found, self.pending = self.pending(), None
        return self.found

    @property
    def active(self) -> bool:
        return self.found is not None or self.pending is not None or bool(self.diffs)

    def run(self, results: list, options: Any, output_format: str) -> None:
        """Find the clusters of near-duplicates (if the format shows them) and compare with the
        baseline."""
        scored = [r for r in results if not r.error and r.path != "-"]
        batch = self.similarity if self.similarity is not None else len(results) > 1
        if self.wants_similarity(len(results), output_format):
            # A large batch's clusters are found in a forked process while this one writes the
            # report's results (JSON, the text and Markdown tables), which come first.
            if len(scored) >= BACKGROUND_MIN and not self.against:
                self.pending = in_background(lambda: self._clusters(scored, options, batch))
            else:
                self.found = self._clusters(scored, options, batch)
        if self.baseline is not None:
            self._compare(results, options)

    def wants_similarity(self, files: int, output_format: str) -> bool:
        """Whether the similarity check runs: asked for or a batch (or --against), and a format
        that shows it. The batch workers fingerprint the texts for it only then."""
        return (self.similarity is not False and output_format in SHOWS_SIMILARITY
                and (self.similarity is True or files > 1 or bool(self.against)))

    def _clusters(self, scored: list, options: Any, batch: bool) -> list:
        from ..inputs import InputError, read_document
        from ..inputs.files import find_inputs
        from ..review.similarity import find_clusters_prints, fingerprint

        def text_of(path: str) -> str:
            try:
                return read_document(path, options.encoding, options.max_bytes).text
            except InputError:  # changed since it was scored: no passage to show
                return ""

        items, seen = [], set()
        for result in scored:
            if os.path.realpath(result.path) in seen:  # the same file given twice is no copy
                continue
            seen.add(os.path.realpath(result.path))
            print_ = result.fingerprint or fingerprint(text_of(result.path))
            items.append((result.path, print_))
        known_texts: list[str] = []
        if self.against:
            for candidate in find_inputs(self.against):
                if candidate.error:
                    print(printable(f"djscore: 警告：{candidate.path}: {candidate.error}（--against）"),
                          file=sys.stderr)
                    continue
                if os.path.realpath(candidate.path) in seen:
                    continue
                try:
                    text = read_document(candidate.path, options.encoding, options.max_bytes).text
                except InputError as exc:
                    print(printable(f"djscore: 警告：{candidate.path}: {exc}（--against，已跳过）"),
                          file=sys.stderr)
                    continue
                known_texts.append(text)
                items.append((candidate.path, fingerprint(text)))
        submitted = len(items) - len(known_texts)
        known = [False] * submitted + [True] * len(known_texts)

        def text_at(index: int) -> str:
            return text_of(items[index][0]) if index < submitted else known_texts[index - submitted]

        return find_clusters_prints(items, text_at, self.threshold, known=known, within=batch)

    def _compare(self, results: list, options: Any) -> None:
        from ..review.diff import DiffInputError, check_result, compare

        by_path = {r.get("path"): r for r in self.baseline_results}
        scored = [(i, r) for i, r in enumerate(results) if not r.error]
        for index, result in scored:
            old = by_path.get(result.path)
            if old is None and len(scored) == 1 and len(self.baseline_results) == 1:
                old = self.baseline_results[0]
            if old is None:
                continue
            try:
                check_result(old)
            except DiffInputError as exc:
                print(printable(f"djscore: 警告：{self.baseline}: {result.path}: {exc}"), file=sys.stderr)
                continue
            new = asdict(replace(result, fingerprint=None))
            diff = compare(old, new, self.baseline_rubric, rubric_label(options.rubric))
            if str(self.baseline).lower().endswith(".json"):
                diff = replace(diff, old=replace(diff.old, saved_in=str(self.baseline)))
            self.diffs[index] = diff
        if not self.diffs:
            print(f"djscore: 警告：{self.baseline}: 没有与之对应的输入（按路径匹配），未作比较",
                  file=sys.stderr)

    # --- output ------------------------------------------------------------------------

    def json(self, results: list, ordered: list, rubric: Any, gate: Any = None) -> Iterator[str]:
        """The JSON document, in pieces (report.jsondoc.json_chunks)."""
        from ..report.jsondoc import json_chunks
        from ..report.review import cluster_dict
        from ..review.diff import to_dict

        diffs = {id(results[i]): diff for i, diff in self.diffs.items()}
        shown = [{**{k: v for k, v in vars(r).items() if k != "fingerprint"},
                  "baseline": to_dict(diffs[id(r)])} if id(r) in diffs else r for r in ordered]
        extra = {"similar_clusters": lambda: [cluster_dict(c) for c in self.clusters or ()]} \
            if self.found is not None or self.pending is not None else None
        return json_chunks(shown, rubric, extra, gate)

    def after(self, results: list, output_format: str, output: Path | None) -> str:
        """Text appended to the report: terminal and Markdown only."""
        if output_format == "markdown" and self.clusters is not None:
            from ..report.review import similar_markdown

            return similar_markdown(self.clusters, self.threshold)
        if output_format != "text" or not self.active:
            return ""
        from rich.console import Console

        from ..report.review import diff_report, similar_view

        to_terminal = output is None and sys.stdout.isatty()
        console = Console(highlight=False, **({} if to_terminal else {"color_system": None, "width": 120}))
        with console.capture() as capture:
            for index in sorted(self.diffs):
                console.print()
                console.print(diff_report(self.diffs[index], f"与基线比较（{results[index].path}）"))
            if self.clusters is not None:
                console.print()
                console.print(similar_view(self.clusters, self.threshold))
        return capture.get()
