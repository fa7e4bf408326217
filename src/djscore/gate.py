"""Whether a scored essay passes: score thresholds and the severity of its findings.
Decides exit code 1 and what the pre-commit hook prints."""

from __future__ import annotations

from dataclasses import dataclass

from .score import EssayResult, Finding

FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


@dataclass(frozen=True)
class Gate:
    fail_under: float | None = None
    min_pillar: float | None = None
    fail_on: str = "error"

    def failing_findings(self, result: EssayResult) -> list[Finding]:
        return [f for f in result.findings if f.severity in FAIL_LEVELS[self.fail_on]]

    def score_reasons(self, result: EssayResult) -> list[str]:
        """Why the scores fall short, in Chinese; empty when they pass."""
        reasons = []
        if self.fail_under is not None and result.score < self.fail_under:
            reasons.append(f"总分 {result.score:.1f} 低于 {self.fail_under:g}")
        if self.min_pillar is not None:
            reasons += [f"{p.name} {p.score:.1f} 低于 {self.min_pillar:g}"
                        for p in result.pillars if p.score < self.min_pillar]
        return reasons

    def describe(self) -> str:
        """What fails an essay, in Chinese, for the batch summary; empty when nothing does."""
        parts = []
        if self.fail_under is not None:
            parts.append(f"总分低于 {self.fail_under:g}")
        if self.min_pillar is not None:
            parts.append(f"任一方面低于 {self.min_pillar:g}")
        if self.fail_on != "never":
            parts.append("有错误级写作问题" if self.fail_on == "error" else "有警告或错误级写作问题")
        return "、".join(parts)

    def fails(self, result: EssayResult) -> bool:
        return not result.error and bool(self.score_reasons(result) or self.failing_findings(result))
