"""`djscore config`: the effective settings and where each came from."""

from __future__ import annotations

import os
from typing import Any

from . import app, fail
from .chinese import ChineseCommand
from .options import ConfigOption, NoConfigOption

# What "not set" means for each key whose default is None, in words a user reads right.
UNSET_MEANS = {
    "rubric": "内置标准",
    "encoding": "自动识别",
    "similarity": "自动（检查多于一篇时开启）",
}


def shown_value(key: str, value: Any) -> str:
    """A setting's value as `djscore config` shows it: 是/否, 无, 自动… instead of Python's
    True, None, [] and {}."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return UNSET_MEANS.get(key, "无")
    if key == "jobs" and value == 0:
        return "自动（每个 CPU 一个）"
    if isinstance(value, dict):  # rules: {rule: {option: value}}
        return "；".join(f"{name}（{_options(options)}）" for name, options in value.items()) or "无"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "无"
    return str(value)


def _options(options: Any) -> str:
    if not isinstance(options, dict):
        return shown_value("", options)
    return "，".join(f"{key} = {shown_value(key, value)}" for key, value in options.items()) or "默认"


@app.command("config", cls=ChineseCommand)
def show_config(
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """显示生效的设置及其来源（命令行、配置文件或默认值）。"""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..config import ConfigError, resolve

    try:
        settings, path = resolve({}, config, use_config=not no_config)
    except ConfigError as exc:
        raise fail(exc.problems) from None
    console = Console(highlight=False)
    console.print(f"配置文件：{path if path else '未找到（使用默认值）'}")
    table = Table("设置", "值", "来源", pad_edge=False)
    for key, setting in settings.items():
        shown = shown_value(key, setting.value)
        source = os.path.relpath(setting.source) if path and setting.source == str(path) else setting.source
        table.add_row(key, Text(shown, overflow="fold"), Text(source, overflow="fold"))
    console.print(table)


