"""Option types shared by the commands (kept together so help texts stay consistent)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class SortOrder(StrEnum):
    found = "found"
    score = "score"
    name = "name"
    path = "path"


class Segmenter(StrEnum):
    auto = "auto"
    jieba = "jieba"
    rjieba = "rjieba"


SegmenterOption = Annotated[Segmenter | None, typer.Option(
    "--segmenter", help="分词引擎：auto（默认，有 rjieba 时用它）、jieba 或 rjieba；两者分词结果相同。")]


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


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
    "--max-size", min=1, max=100_000_000,
    help="单个文件的大小上限（字节，默认 5000000，最大 100000000）；"
    ".docx 只解压文字部分，文件本身最大可到 100 MB。")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="使用此配置文件，而不是自动查找 .djscore.toml / pyproject.toml。")]
NoConfigOption = Annotated[bool, typer.Option("--no-config", help="不读取任何配置文件。")]
FailOnOption = Annotated[FailOn | None, typer.Option(
    "--fail-on", help="哪一级写作问题使退出码为 1：error（默认）、warning 或 never。")]
StripOption = Annotated[bool | None, typer.Option(
    "--strip-boilerplate/--no-strip-boilerplate",
    help="评分前去掉从范文网站带来的导航、推荐等文字（默认去掉）。", show_default=False)]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", help="只为未达标或出错的文件各输出一行（适合 pre-commit）。")]
SimilarityOption = Annotated[bool | None, typer.Option(
    "--similarity/--no-similarity",
    help="找出内容雷同的文章对（默认：检查多于一篇时开启）。", show_default=False)]
ThresholdOption = Annotated[float | None, typer.Option(
    "--similarity-threshold", min=0.1, max=1.0,
    help="相似度（5 字片段的 Jaccard 系数）达到此值即列为疑似雷同（默认 0.6）。")]
AgainstOption = Annotated[list[Path] | None, typer.Option(
    "--against", help="与此文件夹中的已知文本（往年文章、下载的范文）比较，可多次给出。")]
BaselineOption = Annotated[Path | None, typer.Option(
    "--baseline", help="与保存的结果（--format json 的输出）或旧稿比较，显示分数和覆盖情况的变化。")]


