"""Issue 12.10: the command line's own words are Chinese, whatever the user's locale: usage
errors (exit code 2), help headings, placeholders, and the catalogue shipped in the package."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
import zipfile

import pytest

from djscore.locale import CATALOGUE, MO_FILE, mo_bytes

from .conftest import EXAMPLES, ROOT

ENGLISH = ("Usage", "Error", "Invalid value", "No such", "Options", "Arguments", "Show this message",
           "float range", "int range", "[required]", "Try '", "Missing", "default:")


def djscore(*args: str, env: dict[str, str] | None = None, python_path: str | None = None):
    environment = {**os.environ, "COLUMNS": "80", **(env or {})}
    if python_path:
        environment["PYTHONPATH"] = python_path
    return subprocess.run([sys.executable, "-m", "djscore", *args], capture_output=True, text=True,
                          encoding="utf-8", env=environment, timeout=120)


def assert_chinese(text: str) -> None:
    for word in ENGLISH:
        assert word not in text, (word, text)


def test_a_bad_number_is_explained_in_chinese_with_exit_code_2():
    proc = djscore("check", "--fail-under", "abc", str(EXAMPLES / "full-four-pillars.txt"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "错误：--fail-under 的值无效：'abc' 不是数（应为 0 到 100 之间的数）" in proc.stderr
    assert "用法：djscore check [选项]" in proc.stderr and "用 'djscore check -h' 查看帮助。" in proc.stderr
    assert_chinese(proc.stderr)


@pytest.mark.parametrize(("args", "expected"), [
    (["check", "--fial-under", "60", "x.txt"],
     "错误：没有 --fial-under 这个选项（是不是 --fail-on、--fail-under？）"),
    (["check", "-j", "-3", "x.txt"],
     "错误：--jobs / -j 的值无效：-3 不在允许的范围内（应为不小于 0 的整数）"),
    (["check", "-f", "xml", "x.txt"], "错误：--format / -f 的值无效：'xml' 不是可选的值"),
    (["check"], "错误：缺少参数 文件或文件夹..."),
    (["check", "x.txt", "--fail-under"], "错误：选项 '--fail-under' 后面要给一个值"),
    (["nosuch"], "错误：没有 'nosuch' 这个命令。"),  # typer's own message, through the gettext catalogue
    (["rubric", "lint", "a.yaml", "b.yaml"], "错误：多余的参数：b.yaml"),
])
def test_usage_errors_are_chinese(args, expected):
    proc = djscore(*args)
    assert proc.returncode == 2, proc.stderr
    assert expected in proc.stderr
    assert_chinese(proc.stderr)


def cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_help_is_chinese_aligned_and_fits_80_columns():
    proc = djscore("check", "-h")
    assert proc.returncode == 0
    help_text = proc.stdout
    assert help_text.startswith("用法：djscore check [选项] {文件或文件夹...}")
    assert "\n参数：\n" in help_text and "\n选项：\n" in help_text
    assert "-h, --help" in help_text and "显示此帮助并退出。" in help_text
    for placeholder in ("--fail-under <数>", "-j, --jobs <整数>", "--rubric <路径>"):
        assert placeholder in help_text
    assert "[必需]" in help_text
    assert_chinese(help_text)
    lines = help_text.splitlines()
    assert all(cells(line) <= 80 for line in lines), [line for line in lines if cells(line) > 80]
    assert not [line for line in lines if line.strip() and line.strip()[0] in "，。、；：）"]
    # Every option's help starts in the same column, Chinese placeholder or not.
    starts = {cells(m.group(1)) for line in lines if (m := re.match(r"(  -.*?\S  +)\S", line))}
    assert len(starts) == 1, starts


def test_top_level_and_group_help_and_defaults():
    top = djscore("-h").stdout
    assert top.startswith("用法：djscore [选项] 命令 [参数]...") and "\n命令：\n" in top
    lint = djscore("rubric", "lint", "-h").stdout
    assert "[默认：8; x>=1]" in lint
    for text in (top, lint):
        assert_chinese(text)
    assert djscore("rubric").returncode == 2  # no subcommand: the group's help, as before


def test_chinese_whatever_the_locale():
    proc = djscore("check", "--fial-under", "1", "x.txt",
                   env={"LANGUAGE": "en_US", "LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"})
    assert proc.returncode == 2
    assert "没有 --fial-under 这个选项" in proc.stderr
    assert "没有 'nosuch' 这个命令" in djscore("nosuch", env={"LANGUAGE": "fr"}).stderr


def test_compiled_catalogue_matches_its_source():
    """Run `python -m djscore.locale` after editing CATALOGUE."""
    assert MO_FILE.read_bytes() == mo_bytes(CATALOGUE)


def test_a_plain_wheel_install_ships_the_catalogue(tmp_path):
    """A non-editable install (what pip and pre-commit do) finds the catalogue too."""
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("*.whl")
    assert "djscore/locale/zh_CN/LC_MESSAGES/djscore.mo" in zipfile.ZipFile(wheel).namelist()
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    proc = djscore("nosuch", python_path=str(target))
    assert "没有 'nosuch' 这个命令" in proc.stderr
    located = djscore_location(str(target))
    assert located.startswith(str(target)), located


def djscore_location(python_path: str) -> str:
    return subprocess.run([sys.executable, "-c", "import djscore.locale as l; print(l.MO_FILE)"],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": python_path}).stdout.strip()


SAMPLES = ("多篇时的排序：found（发现顺序，默认）、score、name、path。",
           "单个文件的大小上限（字节，默认 5000000，最大 100000000）；.docx 只解压文字部分，"
           "文件本身最大可到 100 MB。",
           "评分前去掉从范文网站带来的导航、推荐等文字（默认去掉）。")


@pytest.mark.parametrize("width", range(12, 70, 3))
def test_help_wrapping_keeps_words_whole_and_punctuation_in_place(width):
    from djscore.cli.chinese import CLOSING, OPENING, cells, wrap

    for text in SAMPLES:
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for word in re.findall(r"[A-Za-z0-9.]+", text):
            assert any(word in line for line in lines), (word, lines)
        for line in lines:
            starts_word = re.match(r"\.\w", line)  # .docx
            assert line and (line[0] not in CLOSING or starts_word) and line[-1] not in OPENING, lines
            assert cells(line) <= width or not re.search(r"\s|[\u4e00-\u9fff]", line.strip()), lines
