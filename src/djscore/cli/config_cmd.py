"""`djscore config`: the effective settings and where each came from."""

from __future__ import annotations

import os

from . import app, fail
from .options import ConfigOption, NoConfigOption


@app.command("config")
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
        value = setting.value
        shown = "、".join(value) if isinstance(value, list) else "—" if value is None else str(value)
        source = os.path.relpath(setting.source) if path and setting.source == str(path) else setting.source
        table.add_row(key, Text(shown, overflow="fold"), Text(source, overflow="fold"))
    console.print(table)


