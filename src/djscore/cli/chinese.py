"""Command classes that speak Chinese where the framework's words are not looked up through
gettext: the usage line, the help option, parameter placeholders and usage errors.

typer 0.26 and later vendor Click with its messages written in as English f-strings (only
typer's own headings go through gettext: see djscore.locale). What remains is done here through
Click's documented extension points (Command subclasses with their own Context and
HelpFormatter classes, overriding `get_help_option` and `main`), so the vendored code itself
is untouched. Usage errors are rebuilt in Chinese from the exception's class and fields; a
message this module does not know keeps Click's English after a Chinese label.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

import typer
from typer import Abort
from typer.core import TyperCommand, TyperGroup

try:  # typer >= 0.26 vendors Click
    from typer._click import exceptions as click_errors
    from typer._click import types as click_types
except ImportError:  # pragma: no cover - older typer uses the click package
    from click import exceptions as click_errors  # type: ignore[no-redef]
    from click import types as click_types  # type: ignore[no-redef]

USAGE = "用法："
OPTIONS_METAVAR = "[选项]"
HELP_TEXT = "显示此帮助并退出。"
ERROR = "错误："

# Placeholders for a parameter's value in help and usage lines, by Click type name.
METAVARS = {
    "float": "<数>", "float range": "<数>", "int": "<整数>", "int range": "<整数>",
    "integer": "<整数>", "integer range": "<整数>", "str": "<文字>", "text": "<文字>",
    "path": "<路径>", "filename": "<文件>", "boolean": "<是/否>",
}
# A line of help may not begin with closing punctuation nor end with opening punctuation.
CLOSING = set("，。、；：？！）》」』】”’,.;:?!)")
OPENING = set("（《「『【“‘(")
WORD = re.compile(r"[A-Za-z0-9_./<>=\-\[\]*'\"|]+$")  # a run that is never broken

# Click's messages about a bad value (types.py), English -> Chinese.
_VALUE_MESSAGES = (
    (re.compile(r"(?P<value>.+) is not a valid (float range|float)\.", re.S), "{value} 不是数"),
    (re.compile(r"(?P<value>.+) is not a valid (integer range|integer)\.", re.S), "{value} 不是整数"),
    (re.compile(r"(?P<value>.+) is not in the range (?P<range>.+)\.", re.S), "{value} 不在允许的范围内"),
    (re.compile(r"(?P<value>.+) is not one of (?P<choices>.+)\.", re.S), "{value} 不是可选的值（{choices}）"),
    (re.compile(r"(?P<value>.+) is not a valid boolean\..*", re.S), "{value} 不是 true 或 false"),
)
_OPTION_MESSAGES = (
    (re.compile(r"Option (?P<option>'.+') requires an argument\."), "选项 {option} 后面要给一个值"),
    (re.compile(r"Option (?P<option>'.+') requires (?P<n>\d+) arguments\."),
     "选项 {option} 后面要给 {n} 个值"),
    (re.compile(r"Option (?P<option>'.+') does not take a value\."), "选项 {option} 不接受值"),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<extra>.*)\)", re.S), "多余的参数：{extra}"),
)


def _translated(message: str, patterns: Sequence[tuple[re.Pattern[str], str]]) -> str | None:
    for pattern, chinese in patterns:
        found = pattern.fullmatch(message)
        if found:
            return chinese.format(**found.groupdict())
    return None


def _param_name(param: Any) -> str:
    opts = getattr(param, "opts", None)
    if getattr(param, "param_type_name", "") == "option" and opts:
        return " / ".join(opts)
    return str(getattr(param, "human_readable_name", None) or getattr(param, "name", "") or "")


def _range(param_type: Any) -> str:
    """'（应为 0 到 100 之间的数）' for a range type; '' otherwise."""
    low, high = getattr(param_type, "min", None), getattr(param_type, "max", None)
    if low is None and high is None:
        return ""
    kind = "整数" if isinstance(param_type, click_types.IntRange) else "数"

    def shown(number: float) -> str:
        return str(int(number)) if float(number).is_integer() else str(number)

    if low is not None and high is not None:
        return f"（应为 {shown(low)} 到 {shown(high)} 之间的{kind}）"
    if low is not None:
        return f"（应为不小于 {shown(low)} 的{kind}）"
    return f"（应为不大于 {shown(high)} 的{kind}）"


def error_message(exc: Any) -> str:
    """The Chinese sentence for a Click usage error."""
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"没有 {exc.option_name} 这个选项"
        if exc.possibilities:
            text += f"（是不是 {'、'.join(sorted(exc.possibilities))}？）"
        return text
    if isinstance(exc, click_errors.MissingParameter):
        kind = {"argument": "参数", "option": "选项"}.get(getattr(exc.param, "param_type_name", ""), "参数")
        return f"缺少{kind} {_param_name(exc.param)}" if exc.param else "缺少参数"
    if isinstance(exc, click_errors.BadParameter):
        value = _translated(exc.message, _VALUE_MESSAGES) or exc.message
        if exc.param is None:
            return f"取值无效：{value}"
        return f"{_param_name(exc.param)} 的值无效：{value}{_range(exc.param.type)}"
    return _translated(exc.message, _OPTION_MESSAGES) or exc.format_message()


def show_error(exc: Any) -> None:
    """Usage line, where to find help, and the error: Click's layout in Chinese."""
    ctx = exc.ctx if isinstance(exc, click_errors.UsageError) else None
    if ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            print(f"用 '{ctx.command_path} {ctx.help_option_names[0]}' 查看帮助。", file=sys.stderr)
        print(file=sys.stderr)
    message = error_message(exc) if isinstance(exc, click_errors.UsageError) else exc.format_message()
    print(f"{ERROR}{message}", file=sys.stderr)


def cells(text: str) -> int:
    """Terminal columns of text: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns: Chinese breaks between any two characters, other
    words at spaces; no line begins with closing or ends with opening punctuation."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in re.findall(rf"{WORD.pattern[:-1]}|\s+|.", paragraph):
            if line and cells(line + piece.rstrip()) > width:
                carried = ""
                if piece in CLOSING and not line[-1].isspace():  # "，" but not ".docx"
                    cut = _break_before(line)  # the word before goes down with the punctuation
                    if cut <= 0:  # nothing to take down: the line runs one mark over
                        line += piece
                        continue
                    line, carried = line[:cut], line[cut:]
                while len(line) > 1 and line[-1] in OPENING:
                    line, carried = line[:-1], line[-1] + carried
                lines.append(line.rstrip())
                line = carried + ("" if piece.isspace() else piece)
            else:
                line += piece
        lines.append(line.rstrip())
    return lines


def _break_before(line: str) -> int:
    """Where to cut line so that its last word (and the closing punctuation after it) can
    start the next line."""
    cut = len(line)
    while cut > 0 and line[cut - 1] in CLOSING:
        cut -= 1
    word = WORD.search(line[:cut])
    return word.start() if word else cut - 1


def unwrap(paragraph: str) -> str:
    """One line from a docstring paragraph: Chinese lines join without a space."""
    joined = ""
    for line in (part.strip() for part in paragraph.splitlines()):
        if joined and line and not (cells(joined[-1]) == 2 and cells(line[0]) == 2):
            joined += " "
        joined += line
    return joined


class ChineseHelpFormatter(typer.Context.formatter_class):  # type: ignore[misc,name-defined]
    """Click's help layout measured in terminal columns, so that Chinese placeholders keep the
    option column aligned and Chinese help wraps at the terminal's width."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for paragraph in text.split("\n\n"):
            for line in wrap(unwrap(paragraph), max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")
            self.write("\n")
        self.buffer[-1] = self.buffer[-1][:-1]  # no blank line after the last paragraph

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class ChineseContext(typer.Context):
    formatter_class = ChineseHelpFormatter


class _Chinese:
    """What TyperCommand and TyperGroup both get."""

    context_class = ChineseContext

    def _chinese_params(self) -> None:
        for param in self.params:  # type: ignore[attr-defined]
            if param.metavar is None and getattr(param, "param_type_name", "") == "option":
                metavar = METAVARS.get(param.type.name)
                if metavar and param.type.get_metavar(param=param, ctx=None) is None:
                    param.metavar = metavar

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Click's standalone handling, with the errors shown in Chinese."""
        from .. import locale

        locale.install()  # before any help or error is formatted
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)  # type: ignore[misc]
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)  # type: ignore[misc]
        except click_errors.ClickException as exc:
            if isinstance(exc, click_errors.NoArgsIsHelpError):
                print(exc.format_message(), file=sys.stderr)  # the help, asked for by giving nothing
            else:
                show_error(exc)
            sys.exit(exc.exit_code)
        except Abort:
            print("已中止。", file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


class ChineseCommand(_Chinese, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)
        self._chinese_params()


class ChineseGroup(_Chinese, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = "命令 [参数]..."
        super().__init__(*args, **kwargs)
        self._chinese_params()
