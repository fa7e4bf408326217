"""Draft comparison as pure functions: two results (in the JSON result shape of
docs/json-schema.md, as `dataclasses.asdict(EssayResult)` makes them or as read back from a saved
`--format json` document) in, a frozen Diff out. No I/O and no printing here."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")
# How a criterion changed, in the order the report lists them.
CHANGES = ("covered", "lost", "status", "terms")


class DiffInputError(Exception):
    """A saved document that is not a usable djscore result; the message is one line."""


@dataclass(frozen=True)
class Side:
    path: str
    score: float
    verdict: str
    verdict_label: str
    findings: tuple[int, int, int]  # error, warning, info
    rubric: str | None = None  # "id version sha256", when known
    saved_in: str | None = None  # the JSON document the result was read from


@dataclass(frozen=True)
class PillarDelta:
    id: str
    name: str
    old: float
    new: float

    @property
    def delta(self) -> float:
        return round(self.new - self.old, 1)


@dataclass(frozen=True)
class CriterionDelta:
    pillar_id: str
    pillar_name: str
    id: str
    name: str
    old_status: str
    new_status: str
    old_score: float
    new_score: float
    terms_gained: tuple[str, ...]
    terms_lost: tuple[str, ...]

    @property
    def change(self) -> str:
        """covered (newly covered), lost (no longer covered), status (missing <-> partial)
        or terms (same status, other terms)."""
        if self.new_status == "covered" and self.old_status != "covered":
            return "covered"
        if self.old_status == "covered" and self.new_status != "covered":
            return "lost"
        return "status" if self.old_status != self.new_status else "terms"


@dataclass(frozen=True)
class Diff:
    old: Side
    new: Side
    pillars: tuple[PillarDelta, ...]
    criteria: tuple[CriterionDelta, ...]  # only criteria whose status or terms changed
    notes: tuple[str, ...] = ()

    @property
    def score_delta(self) -> float:
        return round(self.new.score - self.old.score, 1)

    def by_change(self, change: str) -> tuple[CriterionDelta, ...]:
        return tuple(c for c in self.criteria if c.change == change)

    @property
    def unchanged(self) -> bool:
        return (not self.criteria and not self.score_delta and self.old.findings == self.new.findings
                and all(not p.delta for p in self.pillars))


# --- reading results --------------------------------------------------------------------

READABLE_SCHEMAS = (1, 2, 3)


def results_from_document(document: Any) -> list[Mapping[str, Any]]:
    """The results of a saved `--format json` document (schema_version 1, 2 or 3: their results
    are the same), in order. Raises DiffInputError for anything else."""
    if not isinstance(document, dict) or "schema_version" not in document:
        raise DiffInputError("不是 djscore 的 JSON 结果（缺少 schema_version）")
    if document["schema_version"] not in READABLE_SCHEMAS:
        raise DiffInputError(f"不支持的 schema_version {document['schema_version']!r}（应为 1、2 或 3）")
    results = document.get("results")
    if not isinstance(results, list) or not results or not all(isinstance(r, dict) for r in results):
        raise DiffInputError("JSON 结果中没有 results")
    rubric = document.get("rubric")
    if rubric is not None:
        _expect(rubric, dict, "rubric")
        for key in ("id", "version", "sha256"):
            _expect(rubric.get(key), str | None, f"rubric.{key}")
    for index, result in enumerate(results):
        _validate_result(result, f"results[{index}]")
    return results


_TYPE_NAMES = {str: "字符串", dict: "对象", list: "数组", float: "数", bool: "true 或 false"}


def _expect_named(item: Any, at: str, default_score: float | None = None) -> None:
    """A pillar or criterion: a mapping with string id and name and a numeric score."""
    _expect(item, dict, at)
    for key in ("id", "name"):
        _expect(item.get(key), str, f"{at}.{key}")
    _expect(item.get("score", default_score), float, f"{at}.score")


def _expect(value: Any, kind: Any, where: str) -> None:
    """DiffInputError unless value has the documented type (docs/json-schema.md); a number
    must be finite."""
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    else:
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
    if not ok:
        names = [_TYPE_NAMES.get(k, "null") for k in getattr(kind, "__args__", (kind,))]
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise DiffInputError(f"不是有效的 djscore 结果：{where} 应为{'或'.join(names)}，实际为 {shown}"
                             "（格式见 docs/json-schema.md）")


def _validate_result(result: Mapping[str, Any], where: str) -> None:
    """The fields `diff` and `--baseline` use, checked against docs/json-schema.md; iterative,
    so a deeply nested document cannot exhaust the stack."""
    _expect(result.get("path"), str, f"{where}.path")
    _expect(result.get("error"), str | None, f"{where}.error")
    if result.get("error"):
        return
    _expect(result.get("score"), float, f"{where}.score")
    for key in ("verdict", "verdict_label"):
        _expect(result.get(key, ""), str, f"{where}.{key}")
    findings = result.get("findings") or []
    _expect(findings, list, f"{where}.findings")
    for i, finding in enumerate(findings):
        _expect(finding, dict, f"{where}.findings[{i}]")
    pillars = result.get("pillars")
    _expect(pillars, list, f"{where}.pillars")
    for i, pillar in enumerate(pillars):
        at = f"{where}.pillars[{i}]"
        _expect_named(pillar, at)
        criteria = pillar.get("criteria") or []
        _expect(criteria, list, f"{at}.criteria")
        for j, criterion in enumerate(criteria):
            c_at = f"{at}.criteria[{j}]"
            _expect_named(criterion, c_at, default_score=0.0)
            if criterion.get("status", "missing") not in ("covered", "partial", "missing"):
                raise DiffInputError(f"不是有效的 djscore 结果：{c_at}.status 应为 covered、partial 或 "
                                     "missing（格式见 docs/json-schema.md）")
            terms = criterion.get("terms_found") or []
            _expect(terms, list, f"{c_at}.terms_found")
            for k, term in enumerate(terms):
                _expect(term, str, f"{c_at}.terms_found[{k}]")


def check_result(result: Mapping[str, Any]) -> Mapping[str, Any]:
    """The result itself if it can be compared; DiffInputError if it is an error or incomplete."""
    if result.get("error"):
        raise DiffInputError(f"保存的结果是一个错误：{result['error']}")
    if not isinstance(result.get("pillars"), list | tuple) \
            or not isinstance(result.get("score"), int | float):
        raise DiffInputError("JSON 结果缺少 score 或 pillars")
    return result


def rubric_label(rubric: Mapping[str, Any] | None) -> str | None:
    if not rubric:
        return None
    return " ".join(str(rubric.get(key) or "") for key in ("id", "version", "sha256")).strip() or None


def _side(result: Mapping[str, Any], rubric: str | None) -> Side:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in result.get("findings") or ():
        if finding.get("severity") in counts:
            counts[finding["severity"]] += 1
    return Side(str(result.get("path", "")), float(result.get("score", 0.0)),
                str(result.get("verdict", "")), str(result.get("verdict_label", "")),
                (counts["error"], counts["warning"], counts["info"]), rubric)


Node = Mapping[str, Any]


def _criteria(result: Node) -> dict[tuple[str, str], tuple[Node, Node]]:
    return {(p["id"], c["id"]): (p, c) for p in result.get("pillars") or () for c in p.get("criteria") or ()}


# --- comparing --------------------------------------------------------------------------

def compare(old: Mapping[str, Any], new: Mapping[str, Any], old_rubric: str | None = None,
            new_rubric: str | None = None) -> Diff:
    """What changed from the old result to the new one. Pillars and criteria are matched by
    id and listed in the new result's order; one present on one side only counts as missing
    (score 0) on the other."""
    old_pillars = {p["id"]: p for p in old.get("pillars") or ()}
    new_pillars = {p["id"]: p for p in new.get("pillars") or ()}
    pillar_ids = [*new_pillars, *(i for i in old_pillars if i not in new_pillars)]
    pillars = tuple(PillarDelta(
        i, (new_pillars.get(i) or old_pillars[i])["name"],
        float(old_pillars.get(i, {}).get("score", 0.0)), float(new_pillars.get(i, {}).get("score", 0.0)))
        for i in pillar_ids)

    old_criteria, new_criteria = _criteria(old), _criteria(new)
    criteria = []
    for key in [*new_criteria, *(k for k in old_criteria if k not in new_criteria)]:
        pillar, criterion = new_criteria.get(key) or old_criteria[key]
        before = old_criteria.get(key, (None, {}))[1]
        after = new_criteria.get(key, (None, {}))[1]
        old_terms, new_terms = list(before.get("terms_found") or ()), list(after.get("terms_found") or ())
        delta = CriterionDelta(
            pillar["id"], pillar["name"], criterion["id"], criterion["name"],
            before.get("status", "missing"), after.get("status", "missing"),
            float(before.get("score", 0.0)), float(after.get("score", 0.0)),
            tuple(t for t in new_terms if t not in old_terms),
            tuple(t for t in old_terms if t not in new_terms))
        if delta.old_status != delta.new_status or delta.terms_gained or delta.terms_lost:
            criteria.append(delta)

    notes = []
    if old_rubric and new_rubric and old_rubric != new_rubric:
        notes.append(f"两份结果使用的评分标准或计分方法不同（旧：{old_rubric}；新：{new_rubric}），比较仅供参考。")
    return Diff(_side(old, old_rubric), _side(new, new_rubric), pillars, tuple(criteria), tuple(notes))


def to_dict(diff: Diff) -> dict[str, Any]:
    """The "diff" object of the JSON document (docs/json-schema.md)."""
    def side(s: Side) -> dict[str, Any]:
        return {"path": s.path, "saved_in": s.saved_in, "score": s.score, "verdict": s.verdict,
                "verdict_label": s.verdict_label}

    old_findings = dict(zip(SEVERITIES, diff.old.findings, strict=True))
    new_findings = dict(zip(SEVERITIES, diff.new.findings, strict=True))
    return {
        "old": side(diff.old),
        "new": side(diff.new),
        "score_delta": diff.score_delta,
        "pillars": [{"id": p.id, "name": p.name, "old": p.old, "new": p.new, "delta": p.delta}
                    for p in diff.pillars],
        "criteria": [{"pillar": c.pillar_id, "pillar_name": c.pillar_name, "id": c.id, "name": c.name,
                      "change": c.change, "old_status": c.old_status, "new_status": c.new_status,
                      "old_score": c.old_score, "new_score": c.new_score,
                      "terms_gained": list(c.terms_gained), "terms_lost": list(c.terms_lost)}
                     for c in diff.criteria],
        "newly_covered": [c.id for c in diff.by_change("covered")],
        "lost": [c.id for c in diff.by_change("lost")],
        "findings": {"old": old_findings, "new": new_findings,
                     "delta": {s: new_findings[s] - old_findings[s] for s in SEVERITIES}},
        "notes": list(diff.notes),
    }
