"""The command line: a Typer app whose commands live one group per module in this package.
Commands parse options and wire the layers together; no scoring logic here."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .. import __version__

app = typer.Typer(
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
        print(f"djscore {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本并退出。")] = False,
) -> None:
    """基层党建文章评分工具。"""


def main() -> None:
    app(prog_name="djscore")


# Registering the commands; imported last because they use `app`.
from . import check, config_cmd, diff_cmd, rubric_cmd, segment_cmd  # noqa: E402, F401
