"""CSV (UTF-8 with BOM, so Excel opens it correctly) and Markdown tables."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..score import EssayResult
from . import failure_reasons
from .rows import headers, row

if TYPE_CHECKING:
    from ..gate import Gate

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell Excel or LibreOffice would run as a formula (a file named =HYPERLINK(…).txt) is
    prefixed with ' so it shows as text, as OWASP recommends for CSV exports."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def render_csv(results: list[EssayResult], pillar_names: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*headers(pillar_names), "编码"])
    for result in results:
        cells = [*row(result, len(pillar_names)), result.encoding or ""]
        writer.writerow([spreadsheet_safe(str(cell)) for cell in cells])
    return "\ufeff" + buffer.getvalue()


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def failed_markdown(results: list[EssayResult], gate: Gate | None) -> str:
    """Above the table: the essays that fall short of the standard set, and why."""
    failing = [(r, failure_reasons(r, gate)) for r in results]
    lines = [f"- {_cell(r.path)}：{_cell('；'.join(reasons))}" for r, reasons in failing if reasons]
    if not lines or gate is None:
        return ""
    return f"**未达标 {len(lines)} 篇**（{gate.describe()}）：\n\n" + "\n".join(lines) + "\n\n"


def render_markdown(results: list[EssayResult], pillar_names: list[str], summary: str,
                    gate: Gate | None = None) -> str:
    head = headers(pillar_names)
    numeric = {"字数", "总分", "错误", "警告", "提示", *pillar_names}
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---:" if h in numeric else "---" for h in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row(r, len(pillar_names))) + " |" for r in results]
    return failed_markdown(results, gate) + "\n".join(lines) + f"\n\n{summary}\n"
