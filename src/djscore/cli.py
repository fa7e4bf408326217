"""Typer commands. They parse options and wire the layers together; no scoring logic here."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="基层党建文章评分：检查文章对“融入中心、形成核心、锤炼党性、凝聚人心”四个方面的覆盖情况。",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_BELOW, EXIT_ERROR = 0, 1, 2


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def fail(lines: list[str]) -> typer.Exit:
    for line in lines:
        print(f"djscore: {line}", file=sys.stderr)
    return typer.Exit(EXIT_ERROR)


def _version(value: bool) -> None:
    if value:
        print(f"djscore {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本并退出。")] = False,
) -> None:
    """基层党建文章评分工具。"""


RubricOption = Annotated[Path | None, typer.Option(
    "--rubric", "-r", help="评分标准 YAML 文件（默认：内置的基层党建内涵创建标准）。")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式。")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="列出每一处证据句子。")]
FailUnderOption = Annotated[float | None, typer.Option(
    "--fail-under", help="总分低于此值时退出码为 1。")]
MinPillarOption = Annotated[float | None, typer.Option(
    "--min-pillar", help="任一方面低于此值时退出码为 1。")]
EncodingOption = Annotated[str | None, typer.Option(
    "--encoding", help="强制使用的文本编码（默认自动识别）。")]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="要检查的文件；- 表示标准输入。", show_default=False)],
    rubric: RubricOption = None,
    output_format: FormatOption = OutputFormat.text,
    verbose: VerboseOption = False,
    fail_under: FailUnderOption = None,
    min_pillar: MinPillarOption = None,
    encoding: EncodingOption = None,
) -> None:
    """给一篇或多篇文章打分，并指出覆盖了哪些标准、缺了哪些。"""
    from .pipeline import check_path, prepare
    from .rubric import RubricError, load_rubric

    try:
        loaded = load_rubric(rubric)
    except RubricError as exc:
        raise fail(exc.problems) from None
    prepare(loaded)
    results = [check_path(path, loaded, encoding) for path in paths]
    errors = [r for r in results if r.error]
    for result in errors:
        print(f"djscore: {result.path}: {result.error}", file=sys.stderr)

    if output_format is OutputFormat.json:
        from .report.jsondoc import render_json

        sys.stdout.write(render_json(results, loaded))
    else:
        from rich.console import Console

        from .report.terminal import print_report

        print_report([r for r in results if not r.error], Console(highlight=False), verbose)

    scored = [r for r in results if not r.error]
    below = [r for r in scored if (fail_under is not None and r.score < fail_under)
             or (min_pillar is not None and any(p.score < min_pillar for p in r.pillars))]
    raise typer.Exit(EXIT_ERROR if errors else EXIT_BELOW if below else EXIT_OK)


def main() -> None:
    app(prog_name="djscore")
