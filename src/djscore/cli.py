"""Typer commands. They parse options and wire the layers together; no scoring logic here."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

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
PROGRESS_MIN_FILES = 20


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class SortOrder(StrEnum):
    found = "found"
    score = "score"
    name = "name"
    path = "path"


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
FormatOption = Annotated[OutputFormat | None, typer.Option(
    "--format", "-f", help="输出格式（默认 text）。")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="把结果写入此文件，而不是标准输出。")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="列出每一处证据句子。")]
DetailsOption = Annotated[bool, typer.Option("--details", help="检查多篇时也逐篇显示详细报告。")]
SortOption = Annotated[SortOrder | None, typer.Option(
    "--sort", help="多篇时的排序：found（发现顺序，默认）、score、name、path。")]
FailUnderOption = Annotated[float | None, typer.Option(
    "--fail-under", min=0, max=100, help="总分低于此值时退出码为 1。")]
MinPillarOption = Annotated[float | None, typer.Option(
    "--min-pillar", min=0, max=100, help="任一方面低于此值时退出码为 1。")]
EncodingOption = Annotated[str | None, typer.Option(
    "--encoding", help="强制使用的文本编码（默认自动识别）。")]
IncludeOption = Annotated[list[str] | None, typer.Option(
    "--include", help="文件夹中要检查的文件（glob，可多次给出；默认 *.txt *.md *.markdown *.docx）。")]
ExcludeOption = Annotated[list[str] | None, typer.Option(
    "--exclude", help="要跳过的文件或文件夹（glob，可多次给出）。")]
JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=0, help="并行进程数（默认每个 CPU 一个；1 表示不并行）。")]
MaxSizeOption = Annotated[int | None, typer.Option(
    "--max-size", min=1,
    help="单个文件的大小上限（字节，默认 5000000）；.docx 只解压文字部分，文件本身最大可到 100 MB。")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="使用此配置文件，而不是自动查找 .djscore.toml / pyproject.toml。")]
NoConfigOption = Annotated[bool, typer.Option("--no-config", help="不读取任何配置文件。")]
class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


FailOnOption = Annotated[FailOn | None, typer.Option(
    "--fail-on", help="哪一级写作问题使退出码为 1：error（默认）、warning 或 never。")]
StripOption = Annotated[bool | None, typer.Option(
    "--strip-boilerplate/--no-strip-boilerplate",
    help="评分前去掉从范文网站带来的导航、推荐等文字（默认去掉）。", show_default=False)]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", help="只为未达标或出错的文件各输出一行（适合 pre-commit）。")]


def _settings(cli: dict[str, Any], config_file: Path | None, no_config: bool) -> dict[str, Any]:
    from .config import ConfigError, resolve

    try:
        settings, _ = resolve(cli, config_file, use_config=not no_config)
    except ConfigError as exc:
        raise fail(exc.problems) from None
    return {key: setting.value for key, setting in settings.items()}


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise fail([f"{output}: 无法写入（{exc.strerror or exc}）"]) from None


def _is_input(output: Path | None, paths: list[str]) -> bool:
    if output is None or not output.exists():
        return False
    return any(p != "-" and os.path.exists(p) and os.path.samefile(p, output) for p in paths)


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(
        help="要检查的文件或文件夹（文件夹会递归查找）；- 表示标准输入。", show_default=False)],
    rubric: RubricOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    verbose: VerboseOption = False,
    details: DetailsOption = False,
    sort: SortOption = None,
    fail_under: FailUnderOption = None,
    min_pillar: MinPillarOption = None,
    encoding: EncodingOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    jobs: JobsOption = None,
    max_size: MaxSizeOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    fail_on: FailOnOption = None,
    strip_boilerplate: StripOption = None,
    quiet: QuietOption = False,
) -> None:
    """给一篇或多篇文章打分，并指出覆盖了哪些标准、缺了哪些，以及错别字、网页残留等写作问题。"""
    from .gate import Gate
    from .inputs.files import find_inputs
    from .pipeline import CheckOptions
    from .report.rows import sort_results
    from .rubric import RubricError, load_rubric
    from .rules import RuleSettingsError, resolve_settings

    opts = _settings({
        "rubric": str(rubric) if rubric else None, "format": output_format, "sort": sort,
        "fail-under": fail_under, "min-pillar": min_pillar, "encoding": encoding,
        "include": include, "exclude": exclude, "jobs": jobs, "max-size": max_size,
        "fail-on": fail_on, "strip-boilerplate": strip_boilerplate,
    }, config, no_config)
    try:
        loaded = load_rubric(opts["rubric"])
    except RubricError as exc:
        raise fail(exc.problems) from None

    candidates = find_inputs(paths, tuple(opts["include"]), tuple(opts["exclude"]))
    if _is_input(output, [c.path for c in candidates]):
        raise fail([f"{output}: --output 不能是被检查的文件（djscore 从不改写输入）"])
    try:
        settings = resolve_settings(loaded, opts["rules"])
    except RuleSettingsError as exc:
        raise fail(exc.problems) from None
    options = CheckOptions(loaded, opts["encoding"], opts["max-size"], opts["strip-boilerplate"], settings)
    results = _run(candidates, options, opts["jobs"], show_progress=not quiet)

    for result in results:
        if result.error:
            print(f"djscore: {result.path}: {result.error}", file=sys.stderr)
    gate = Gate(opts["fail-under"], opts["min-pillar"], opts["fail-on"])
    below = {r.path for r in results if gate.fails(r)}
    ordered = sort_results(results, opts["sort"])
    if quiet:
        from .report.rows import failure_lines

        _emit("".join(failure_lines(r, gate) for r in ordered if r.path in below), output)
    else:
        _emit(_render(ordered, loaded, opts["format"], below, verbose, details, output), output)
    raise typer.Exit(EXIT_ERROR if any(r.error for r in results) else EXIT_BELOW if below else EXIT_OK)


def _run(candidates: list, options: Any, jobs: int, show_progress: bool) -> list:
    from .pipeline import check_all

    if not (show_progress and len(candidates) >= PROGRESS_MIN_FILES and sys.stderr.isatty()):
        return list(check_all(candidates, options, jobs))
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    task = progress.add_task("检查中", total=len(candidates))
    results = []
    try:
        for result in check_all(candidates, options, jobs, started=progress.start):
            results.append(result)
            progress.advance(task)
    finally:
        progress.stop()
    return results


def _render(results: list, rubric: Any, output_format: str, below: set[str], verbose: bool,
            details: bool, output: Path | None) -> str:
    pillar_names = [p.name for p in rubric.pillars]
    if output_format == "json":
        from .report.jsondoc import render_json

        return render_json(results, rubric)
    from .report.rows import totals

    if output_format == "csv":
        from .report.tabular import render_csv

        return render_csv(results, pillar_names)
    if output_format == "markdown":
        from .report.tabular import render_markdown

        return render_markdown(results, pillar_names, totals(results, below))
    from rich.console import Console

    from .report.terminal import essay_report, summary_table

    # A report written to a file or a pipe gets no colour codes and a fixed width.
    to_terminal = output is None and sys.stdout.isatty()
    console = Console(highlight=False, **({} if to_terminal else {"color_system": None, "width": 120}))
    with console.capture() as capture:
        scored = [r for r in results if not r.error]
        if len(results) == 1 or details:
            for index, result in enumerate(scored):
                if index:
                    console.print()
                console.print(essay_report(result, verbose))
        if len(results) > 1:
            if details:
                console.print()
            console.print(summary_table(results, pillar_names, below, console.width))
            console.print(totals(results, below))
    return capture.get()


@app.command("config")
def show_config(
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """显示生效的设置及其来源（命令行、配置文件或默认值）。"""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .config import ConfigError, resolve

    try:
        settings, path = resolve({}, config, use_config=not no_config)
    except ConfigError as exc:
        raise fail(exc.problems) from None
    console = Console(highlight=False)
    console.print(f"配置文件：{path if path else '未找到（使用默认值）'}")
    table = Table("设置", "值", "来源", pad_edge=False)
    for key, setting in settings.items():
        value = setting.value
        shown = "、".join(value) if isinstance(value, list) else "—" if value is None else str(value)
        source = os.path.relpath(setting.source) if path and setting.source == str(path) else setting.source
        table.add_row(key, Text(shown, overflow="fold"), Text(source, overflow="fold"))
    console.print(table)


def main() -> None:
    app(prog_name="djscore")
