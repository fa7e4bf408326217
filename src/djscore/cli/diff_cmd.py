"""`djscore diff OLD NEW`: compare two drafts (or saved JSON results)."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import EXIT_OK, app, fail
from .chinese import ChineseCommand
from .options import (
    ConfigOption,
    EncodingOption,
    MaxSizeOption,
    NoConfigOption,
    OutputOption,
    RubricOption,
    SegmenterOption,
    StripOption,
)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("diff", cls=ChineseCommand)
def diff(
    old: Annotated[str, typer.Argument(
        help="旧稿：文章文件，或保存的 JSON 结果（--format json 的输出，取其中第一篇）。",
        show_default=False)],
    new: Annotated[str, typer.Argument(help="新稿：文章文件或保存的 JSON 结果。", show_default=False)],
    rubric: RubricOption = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="输出格式。")] = DiffFormat.text,
    output: OutputOption = None,
    encoding: EncodingOption = None,
    max_size: MaxSizeOption = None,
    strip_boilerplate: StripOption = None,
    segmenter: SegmenterOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """比较两稿：总分和各方面的变化、新覆盖或不再覆盖的标准、增减的词条、写作问题数量的变化。

    文章按与 check 相同的评分标准和设置评分；.json 文件按保存的结果比较。"""
    from ..review.diff import DiffInputError, check_result, compare
    from .check import check_options, effective_settings, emit, refuse_output_over_read, refuse_special_file
    from .review import load_results

    opts = effective_settings({"rubric": str(rubric) if rubric else None, "encoding": encoding,
                      "max-size": max_size, "strip-boilerplate": strip_boilerplate,
                      "segmenter": segmenter}, config, no_config)
    options = check_options(opts)
    loaded = options.rubric
    if output is not None:
        from ..rubric import packaged_rubric_path

        read = [(old, "旧稿"), (new, "新稿"), (opts["rubric"] or str(packaged_rubric_path()), "评分标准")]
        if opts.get("config-file"):
            read.append((str(opts["config-file"]), "配置文件"))
        refuse_output_over_read(output, read)
    sides = []
    for path in (old, new):
        refuse_special_file(path)
        try:
            results, used = load_results(path, options)
            sides.append((check_result(results[0]), used))
        except DiffInputError as exc:
            raise fail([f"{path}: {exc}"]) from None
        except RecursionError:  # json.loads on a document nested thousands deep
            raise fail([f"{path}: 不是有效的 JSON（嵌套过深）"]) from None
    (old_result, old_rubric), (new_result, new_rubric) = sides
    result = compare(old_result, new_result, old_rubric, new_rubric)
    result = replace(result, old=replace(result.old, saved_in=old if _saved(old) else None),
                     new=replace(result.new, saved_in=new if _saved(new) else None))
    emit(_render(result, loaded, output_format, output), output)
    raise typer.Exit(EXIT_OK)


def _saved(path: str) -> bool:
    return path.lower().endswith(".json")


def _render(result: Any, rubric: Any, output_format: str, output: Path | None) -> str:
    if output_format == "json":
        import json

        from ..report.jsondoc import document
        from ..review.diff import to_dict

        doc = {key: value for key, value in document([], rubric).items() if key != "results"}
        return json.dumps({**doc, "diff": to_dict(result)}, ensure_ascii=False, indent=2) + "\n"
    import sys

    from rich.console import Console

    from ..report.review import diff_report

    to_terminal = output is None and sys.stdout.isatty()
    console = Console(highlight=False, **({} if to_terminal else {"color_system": None, "width": 120}))
    with console.capture() as capture:
        console.print(diff_report(result))
    return capture.get()
