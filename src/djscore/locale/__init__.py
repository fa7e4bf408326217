"""Chinese for the command-line framework's own words, through gettext.

Typer (and the Click it vendors) look their help headings and some messages up with
`gettext.gettext`, i.e. in the current text domain for the languages named by $LANGUAGE,
$LC_ALL, $LC_MESSAGES or $LANG. `install()` points that lookup at the catalogue shipped in this
package and asks for Chinese, whatever the user's locale: djscore's own text is Chinese
everywhere, and its framework's words must not be English beside it.

The catalogue's source is CATALOGUE below; the compiled file is
zh_CN/LC_MESSAGES/djscore.mo, committed so that a plain `pip install .` and an editable
install both ship it (tests check that it matches). After editing CATALOGUE run
`python -m djscore.locale` to rewrite it.
"""

from __future__ import annotations

import gettext
import os
import struct
from pathlib import Path

DOMAIN = "djscore"
LANGUAGE = "zh_CN"
LOCALE_DIR = Path(__file__).resolve().parent
MO_FILE = LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo"

# msgid (exactly as typer/Click write it) -> Chinese. Placeholders stay as they are.
CATALOGUE: dict[str, str] = {
    # typer.core: help headings and the notes after an option's help
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "required": "必需",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    # typer.core: errors and interruptions
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有 {name!r} 这个命令。",
    "Aborted!": "已中止。",
    # typer.rich_utils (help drawn with rich)
    "(deprecated) ": "（已弃用）",
    "[default: {}]": "[默认：{}]",
    "[env var: {}]": "[环境变量：{}]",
    "[required]": "[必需]",
    "Error": "错误",
    "Aborted.": "已中止。",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}


def install() -> None:
    """Route gettext lookups (typer's and Click's) to the Chinese catalogue."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    # $LANGUAGE is read only for message catalogues (not for number or date formats) and comes
    # first in gettext's search; djscore's own messages are Chinese in every locale.
    os.environ["LANGUAGE"] = LANGUAGE


def mo_bytes(catalogue: dict[str, str]) -> bytes:
    """A GNU .mo file for the catalogue (UTF-8, no hash table), as msgfmt would write it."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **catalogue}
    ids = sorted(entries)
    originals = [i.encode("utf-8") for i in ids]
    translations = [entries[i].encode("utf-8") for i in ids]
    count = len(ids)
    header_size = 7 * 4
    tables_size = 2 * count * 8
    offset = header_size + tables_size
    original_table, translation_table, data = [], [], b""
    for strings, table in ((originals, original_table), (translations, translation_table)):
        for text in strings:
            table.append((len(text), offset + len(data)))
            data += text + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, header_size, header_size + count * 8, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in original_table + translation_table)
    return header + tables + data

