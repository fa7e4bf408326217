"""Config discovery: `.djscore.toml` or `[tool.djscore]` in pyproject.toml, found by walking up
from the current folder to the repository root or the home folder; files of other users are
ignored. Keys mirror the long options; the command line wins over the file, the file over the
defaults."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ProblemsError
from .inputs.decode import MAX_SIZE_CEILING
from .inputs.files import DEFAULT_INCLUDE

FORMATS = ("text", "json", "csv", "markdown", "html")
SORTS = ("found", "score", "name", "path")
FAIL_ON = ("error", "warning", "never")
SEGMENTERS = ("auto", "jieba", "rjieba")


class ConfigError(ProblemsError):
    """A config file that cannot be used."""


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


@dataclass(frozen=True)
class Key:
    default: Any
    valid: Callable[[Any], bool]
    expected: str


KEYS: dict[str, Key] = {
    "rubric": Key(None, lambda v: isinstance(v, str), "a path (string)"),
    "fail-under": Key(None, lambda v: _number(v) and 0 <= v <= 100, "a number 0-100"),
    "min-pillar": Key(None, lambda v: _number(v) and 0 <= v <= 100, "a number 0-100"),
    "include": Key(list(DEFAULT_INCLUDE), _strings, "a list of glob strings"),
    "exclude": Key([], _strings, "a list of glob strings"),
    "jobs": Key(0, lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
                "a whole number >= 0 (0: one per CPU)"),
    "format": Key("text", lambda v: v in FORMATS, f"one of {', '.join(FORMATS)}"),
    "sort": Key("found", lambda v: v in SORTS, f"one of {', '.join(SORTS)}"),
    "encoding": Key(None, lambda v: isinstance(v, str), "an encoding name"),
    "max-size": Key(5_000_000, lambda v: isinstance(v, int) and not isinstance(v, bool)
                    and 0 < v <= MAX_SIZE_CEILING, f"a size in bytes, 1-{MAX_SIZE_CEILING}"),
    "segmenter": Key("auto", lambda v: v in SEGMENTERS, f"one of {', '.join(SEGMENTERS)}"),
    "fail-on": Key("error", lambda v: v in FAIL_ON, f"one of {', '.join(FAIL_ON)}"),
    "strip-boilerplate": Key(True, lambda v: isinstance(v, bool), "true or false"),
    "similarity": Key(None, lambda v: isinstance(v, bool), "true or false (default: on for batches)"),
    "similarity-threshold": Key(0.6, lambda v: _number(v) and 0.1 <= v <= 1, "a number 0.1-1"),
    "against": Key([], _strings, "a list of folders"),
    "rules": Key({}, lambda v: isinstance(v, dict) and all(isinstance(x, dict) for x in v.values()),
                 "a table of rule tables, e.g. [tool.djscore.rules.long-sentence]"),
}


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # "默认", "命令行" or the config file's path


def _repo_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def line_of(path: Path, key: str) -> int | None:
    """The line where `key = …` (or a [table] ending in key) is written, for error messages:
    the TOML parser keeps no positions. None when it cannot be found."""
    name = re.escape(key.rsplit(".", 1)[-1])
    pattern = re.compile(rf"^\s*(\[\s*)?([\w.\"'-]*\.)?[\"']?{name}[\"']?\s*(=|\])")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), None)


def _where(path: Path, key: str) -> str:
    line = line_of(path, key)
    return f"{path}:{line}" if line else str(path)


def _table(path: Path) -> dict[str, Any] | None:
    """The djscore settings in a config file, or None if the file has no djscore section."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: 无法读取配置文件（{exc}）"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: TOML 语法错误：{exc}"]) from None
    except RecursionError:
        raise ConfigError([f"{path}: TOML 嵌套过深，无法读取"]) from None
    tool = data.get("tool")
    if tool is not None and not isinstance(tool, dict):
        if path.name == "pyproject.toml":
            return None  # not ours to judge
        raise ConfigError([f"{_where(path, 'tool')}: tool: 应为表（expected a table: [tool.djscore]）"])
    section = (tool or {}).get("djscore")
    if section is not None and not isinstance(section, dict):
        raise ConfigError([f"{_where(path, 'djscore')}: tool.djscore: 应为表"
                           "（expected a table: [tool.djscore]）"])
    if path.name == "pyproject.toml":
        return section
    return data if section is None else section


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):
        return None


def _owned_by_another_user(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return False
    try:
        return path.stat().st_uid != os.getuid()
    except OSError:
        return False


def discover(start: Path) -> Path | None:
    """The nearest .djscore.toml or pyproject.toml with [tool.djscore], up to the repository
    root or the user's home folder, whichever comes first. A config file that belongs to
    another user (someone's /tmp/.djscore.toml) is ignored, with a note on stderr."""
    start = start.resolve()
    stops = {folder for folder in (_repo_root(start), _home()) if folder is not None}
    for folder in (start, *start.parents):
        for name in (".djscore.toml", "pyproject.toml"):
            candidate = folder / name
            if not candidate.is_file():
                continue
            if _owned_by_another_user(candidate):
                from .printable import printable

                print(f"djscore: 注意：忽略 {printable(str(candidate))}（属于其他用户）", file=sys.stderr)
                continue
            if _table(candidate) is not None:
                return candidate
        if folder in stops:
            break
    return None


def load(path: Path) -> dict[str, Any]:
    """Validated settings from one config file; a rubric path is made relative to the file."""
    table = _table(path) or {}
    problems = []
    for key, value in table.items():
        spec = KEYS.get(key.replace("_", "-"))
        if spec is None:
            problems.append(f"{_where(path, key)}: 未知的配置项 {key!r}（known: {', '.join(KEYS)}）")
        elif not spec.valid(value):
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            problems.append(f"{_where(path, key)}: {key}: 取值无效 {shown}（expected {spec.expected}）")
    if problems:
        raise ConfigError(problems)
    settings = {key.replace("_", "-"): value for key, value in table.items()}
    if settings.get("rubric"):
        settings["rubric"] = str((path.parent / settings["rubric"]).resolve())
    if settings.get("against"):
        settings["against"] = [str((path.parent / folder).resolve()) for folder in settings["against"]]
    return settings


def resolve(cli: dict[str, Any], config_file: Path | None, use_config: bool = True,
            start: Path | None = None) -> tuple[dict[str, Setting], Path | None]:
    """Effective settings: command line, then config file, then defaults."""
    path = config_file if config_file else discover(start or Path.cwd()) if use_config else None
    if config_file and not config_file.is_file():
        raise ConfigError([f"{config_file}: 找不到配置文件"])
    from_file = load(path) if path else {}
    settings = {}
    for key, spec in KEYS.items():
        if cli.get(key) not in (None, [], ()):
            settings[key] = Setting(cli[key], "命令行")
        elif key in from_file:
            settings[key] = Setting(from_file[key], str(path))
        else:
            settings[key] = Setting(spec.default, "默认")
    return settings, path
