"""`djscore check`: score essays, run the writing checks, report and set the exit code."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from . import EXIT_BELOW, EXIT_ERROR, EXIT_OK, app, fail
from .chinese import ChineseCommand
from .options import (
    AgainstOption,
    BaselineOption,
    ConfigOption,
    DetailsOption,
    EncodingOption,
    ExcludeOption,
    FailOnOption,
    FailUnderOption,
    FormatOption,
    IncludeOption,
    JobsOption,
    MaxSizeOption,
    MinPillarOption,
    NoConfigOption,
    OutputOption,
    QuietOption,
    RubricOption,
    SegmenterOption,
    SimilarityOption,
    SortOption,
    StripOption,
    ThresholdOption,
    VerboseOption,
)

PROGRESS_MIN_FILES = 20


def effective_settings(cli: dict[str, Any], config_file: Path | None, no_config: bool) -> dict[str, Any]:
    """The command line's options over the config file's; a bad config ends the command (exit 2)."""
    from ..config import ConfigError, resolve

    refuse_special_file(config_file)
    try:
        settings, path = resolve(cli, config_file, use_config=not no_config)
    except ConfigError as exc:
        raise fail(exc.problems) from None
    return {key: setting.value for key, setting in settings.items()} | {"config-file": path}


def check_options(opts: dict[str, Any]) -> Any:
    """The CheckOptions for effective settings: rubric, rule settings and segmenter loaded;
    any problem with them ends the command (exit 2)."""
    from .. import segment
    from ..errors import ProblemsError
    from ..pipeline import CheckOptions
    from ..rubric import load_rubric
    from ..rules import resolve_settings

    try:
        loaded = load_rubric(opts["rubric"])
        settings = resolve_settings(loaded, opts["rules"])
        segment.use_engine(opts["segmenter"])
    except ProblemsError as exc:
        raise fail(exc.problems) from None
    return CheckOptions(loaded, encoding=opts["encoding"], max_bytes=opts["max-size"],
                        strip_boilerplate=opts["strip-boilerplate"], segmenter=opts["segmenter"],
                        rule_settings=settings)


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write a report, given whole or in pieces, to standard output, or to `output` (replaced
    whole, never half-written)."""
    chunks = (text,) if isinstance(text, str) else text
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    try:
        write_replacing(output, (chunk.encode("utf-8") for chunk in chunks))
    except OSError as exc:
        raise fail([f"{output}: 无法写入（{exc.strerror or exc}）"]) from None


def write_replacing(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Write a report: to a temporary file beside the target, then renamed over it, so that a
    full disk or an interruption leaves any earlier report whole. The new file gets the old
    one's permissions (or the usual ones). Something that is not a regular file (/dev/stdout,
    a FIFO) is written to directly. `data` may come in pieces."""
    import stat
    import tempfile

    chunks = (data,) if isinstance(data, bytes) else data
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(target, "wb") as handle:
            handle.writelines(chunks)
        return
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with open(fd, "wb") as handle:
            handle.writelines(chunks)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def refuse_special_file(path: str | Path | None) -> None:
    """End the command (exit 2) if path exists but is not a regular file (a FIFO would hang
    the read, a device never end)."""
    import stat

    if path is None or str(path) == "-":
        return
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # a missing file is reported where it is read
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise fail([f"{path}: 不是普通文件（命名管道、设备等），不读取"])


def refuse_output_over_read(output: Path | None, read: list[tuple[str, str]]) -> None:
    """End the command (exit 2) if -o names a file this run reads: (path, what it is) pairs
    for the inputs, the rubric, the config file, the baseline, the --against texts."""
    if output is None or not os.path.exists(output):
        return  # a file that does not exist yet is not read by anyone
    for path, what in read:
        try:
            same = path != "-" and os.path.samefile(path, output)
        except (OSError, ValueError):
            continue
        if same:
            raise fail([f"{output}: --output 不能是本次读取的文件（{what} {path}；"
                        "djscore 从不改写它读取的文件）"])


def _read_by_check(opts: dict[str, Any], candidates: list, baseline: Path | None,
                   output: Path) -> list[tuple[str, str]]:
    from ..inputs.files import find_inputs
    from ..rubric import packaged_rubric_path

    read = [(c.path, "被检查的文件") for c in candidates]
    read.append((opts["rubric"] or str(packaged_rubric_path()), "评分标准"))
    if opts.get("config-file"):
        read.append((str(opts["config-file"]), "配置文件"))
    if baseline is not None:
        read.append((str(baseline), "--baseline"))
    against = [str(p) for p in opts["against"] if os.path.exists(p)]
    if against:  # only walked when the output file exists and could be one of them
        read += [(c.path, "--against") for c in find_inputs(against) if not c.error]
    return read


@app.command(cls=ChineseCommand)
def check(
    paths: Annotated[list[str], typer.Argument(
        help="要检查的文件或文件夹（文件夹会递归查找）；- 表示标准输入。", metavar="文件或文件夹...",
        show_default=False)],
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
    segmenter: SegmenterOption = None,
    quiet: QuietOption = False,
    similarity: SimilarityOption = None,
    similarity_threshold: ThresholdOption = None,
    against: AgainstOption = None,
    baseline: BaselineOption = None,
) -> None:
    """给一篇或多篇文章打分，并指出覆盖了哪些标准、缺了哪些，以及错别字、网页残留等写作问题。"""
    from ..gate import Gate
    from ..inputs.files import find_inputs
    from ..report.rows import sort_results

    opts = effective_settings({
        "rubric": str(rubric) if rubric else None, "format": output_format, "sort": sort,
        "fail-under": fail_under, "min-pillar": min_pillar, "encoding": encoding,
        "include": include, "exclude": exclude, "jobs": jobs, "max-size": max_size,
        "fail-on": fail_on, "strip-boilerplate": strip_boilerplate, "segmenter": segmenter,
        "similarity": similarity, "similarity-threshold": similarity_threshold,
        "against": [str(p) for p in against] if against else None,
    }, config, no_config)
    options = check_options(opts)
    loaded = options.rubric
    candidates = find_inputs(paths, tuple(opts["include"]), tuple(opts["exclude"]))
    if output is not None and os.path.exists(output):
        refuse_output_over_read(output, _read_by_check(opts, candidates, baseline, output))
    reviewer = None
    if not quiet:  # a bad --baseline or --against exits 2 before scoring; --quiet shows neither
        from .review import Reviewer

        refuse_special_file(baseline)
        try:
            reviewer = Reviewer.prepare(opts, baseline, options)
        except RecursionError:  # json.loads on a document nested thousands deep
            raise fail([f"{baseline}: 不是有效的 JSON（嵌套过深）"]) from None
        options = replace(options, fingerprints=reviewer.wants_similarity(len(candidates), opts["format"]))
    results = _run(candidates, options, opts["jobs"], show_progress=not quiet)

    for result in results:
        if result.error:
            print(f"djscore: {_label(result.path)}: {result.error}", file=sys.stderr)
    gate = Gate(opts["fail-under"], opts["min-pillar"], opts["fail-on"])
    below = {r.path for r in results if gate.fails(r)}
    ordered = sort_results(results, opts["sort"])
    if quiet:
        from ..report.rows import failure_lines

        emit("".join(failure_lines(_labelled(r), gate) for r in ordered if r.path in below), output)
    elif reviewer is not None:
        reviewer.run(results, options, opts["format"])  # near-copies, baseline: never the exit code
        if opts["format"] == "json":
            from ..report.jsondoc import json_chunks

            emit(reviewer.json(results, ordered, loaded, gate) if reviewer.active
                 else json_chunks(ordered, loaded, gate=gate), output)
        else:
            shown = reviewer.clusters if opts["format"] == "html" else None  # others: after the table
            emit(_render(ordered, loaded, opts["format"], below, verbose, details, output,
                         shown or (), gate.describe(), gate)
                 + reviewer.after(results, opts["format"], output), output)
    raise typer.Exit(EXIT_ERROR if any(r.error for r in results) else EXIT_BELOW if below else EXIT_OK)


STDIN_LABEL = "标准输入"


def _label(path: str) -> str:
    """Standard input is "-" on the command line and in JSON and CSV; a reader sees 标准输入."""
    return STDIN_LABEL if path == "-" else path


def _labelled(result: Any) -> Any:
    return replace(result, path=STDIN_LABEL) if result.path == "-" else result


def _run(candidates: list, options: Any, jobs: int, show_progress: bool) -> list:
    from ..pipeline import check_all

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
            details: bool, output: Path | None, similar_clusters: Sequence = (),
            standard: str = "", gate: Any = None) -> str:
    pillar_names = [p.name for p in rubric.pillars]
    if output_format == "json":
        from ..report.jsondoc import render_json

        return render_json(results, rubric, gate=gate)
    from ..report.rows import totals

    if output_format == "csv":
        from ..report.tabular import render_csv

        return render_csv(results, pillar_names)
    results = [_labelled(r) for r in results]
    below = {_label(path) for path in below}
    if output_format == "markdown":
        from ..report.tabular import render_markdown

        return render_markdown(results, pillar_names, totals(results, below, standard), gate)
    if output_format == "html":
        from ..report.html import render_html

        return render_html(results, rubric, similar_clusters, below=below, standard=standard, gate=gate)
    from rich.console import Console

    from ..report.terminal import essay_report, failed_view, summary_table

    # A report written to a file or a pipe gets no colour codes and a fixed width.
    to_terminal = output is None and sys.stdout.isatty()
    console = Console(highlight=False, **({} if to_terminal else {"color_system": None, "width": 120}))
    with console.capture() as capture:
        scored = [r for r in results if not r.error]
        if len(results) == 1 or details:
            for index, result in enumerate(scored):
                if index:
                    console.print()
                console.print(essay_report(result, verbose, gate, rubric))
        if len(results) > 1:
            if details:
                console.print()
            for line in failed_view(results, gate):
                console.print(line)
            console.print(summary_table(results, pillar_names, below, console.width))
            console.print(totals(results, below, standard))
    return capture.get()


