"""The command line: a Typer app whose commands live one group per module in this package.
Commands parse options and wire the layers together; no scoring logic here."""

from __future__ import annotations

import contextlib
import sys
from typing import Annotated

import typer

from .. import __version__
from .chinese import ChineseGroup

app = typer.Typer(
    cls=ChineseGroup,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="基层党建文章评分：检查文章对“融入中心、形成核心、锤炼党性、凝聚人心”四个方面的覆盖情况。",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_BELOW, EXIT_ERROR = 0, 1, 2



def fail(lines: list[str]) -> typer.Exit:
    """Print each problem as one line (control characters in it escaped); exit code 2."""
    from ..printable import printable

    for line in lines:
        print(f"djscore: {printable(line)}", file=sys.stderr)
    return typer.Exit(EXIT_ERROR)


def _version(value: bool) -> None:
    if value:
        from importlib.util import find_spec

        from ..rubric import RubricError, load_rubric

        print(f"djscore {__version__}")
        try:
            rubric = load_rubric()
            print(f"内置评分标准：{rubric.name}（{rubric.id} {rubric.version}）")
        except RubricError as exc:
            print(f"内置评分标准：无法读取（{exc.problems[0]}）")
        engine = "rjieba" if find_spec("rjieba") else "jieba"
        print(f"分词器：{engine}（自动选择；--segmenter jieba|rjieba 可指定）")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本并退出。")] = False,
) -> None:
    """基层党建文章评分工具。"""


def main() -> None:
    try:
        app(prog_name="djscore")
    except OSError as exc:
        if not _output_failed(exc):
            raise


def _output_failed(exc: OSError) -> bool:
    """Standard output that cannot be written (a full disk, a closed pipe): one line on stderr
    and exit code 2; a reader that stopped early (broken pipe) stays silent. Output still
    buffered goes to the null device, so the interpreter's last flush finds nothing to fail."""
    import errno
    import os

    if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EFBIG,
                         getattr(errno, "EDQUOT", errno.ENOSPC)):
        return False
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if exc.errno == errno.EPIPE:
        raise SystemExit(EXIT_ERROR - 1) from None
    print(f"djscore: 标准输出: 无法写入（{exc.strerror or exc}）", file=sys.stderr)
    raise SystemExit(EXIT_ERROR) from None


# Registering the commands; imported last because they use `app`.
from . import check, config_cmd, diff_cmd, rubric_cmd, segment_cmd  # noqa: E402, F401
