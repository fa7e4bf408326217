"""Build src/djscore/rules/data/lookalike.txt: look-alike (形近) characters that share a phonetic
component, from the Unihan database's kPhonetic field.

    apt-get install unicode-data      # Debian: Unihan_*.txt.bz2 under /usr/share/unicode
    .venv/bin/python tools/build_lookalike.py [UNIHAN_DIR]

kPhonetic (Casey's phonetic classes) puts characters written with the same phonetic component in
one numbered class (概 慨 溉 in 599B; 拙 绌 茁 in 334). It is given mostly for traditional forms,
so a simplified character also takes the classes of its kTraditionalVariant(s) (赅 from 賅).
Only characters that occur in jieba's dictionary are kept, and a class with more than MAX_GROUP
familiar ones (summed word frequency >= MIN_FREQUENCY) is dropped: a big phonetic series (青: 请清
情晴睛精静 …) is written in too many familiar words for its members to be taken for slips. Rare
members stay (菅 beside 管, 官): the intended character of a slip may be rare.
"""

from __future__ import annotations

import bz2
import re
import sys
from collections import defaultdict
from pathlib import Path

from djscore.rules import sounds

OUT = Path(__file__).resolve().parents[1] / "src" / "djscore" / "rules" / "data" / "lookalike.txt"
MIN_FREQUENCY = 50
MAX_GROUP = 24
CJK = re.compile(r"[\u4e00-\u9fff]")


def fields(folder: Path, name: str, field: str) -> dict[str, list[str]]:
    found = {}
    with bz2.open(folder / name, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == field:
                found[chr(int(parts[0][2:], 16))] = parts[2].split()
    return found


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/unicode")
    phonetic = fields(folder, "Unihan_DictionaryLikeData.txt.bz2", "kPhonetic")
    traditional = fields(folder, "Unihan_Variants.txt.bz2", "kTraditionalVariant")
    frequency: dict[str, int] = defaultdict(int)
    for word, freq, _ in sounds.jieba_entries():
        for char in set(word):
            if CJK.match(char):
                frequency[char] += freq
    classes: dict[str, set[str]] = defaultdict(set)
    for char in frequency:
        sources = [char, *(chr(int(code[2:], 16)) for code in traditional.get(char, []))]
        for source in sources:
            for number in phonetic.get(source, []):
                classes[number.rstrip("*")].add(char)  # "*": not in Casey's printed edition
    groups = sorted(("".join(sorted(chars)), number) for number, chars in classes.items()
                    if len(chars) >= 2 and sum(frequency[c] >= MIN_FREQUENCY for c in chars) <= MAX_GROUP)
    header = [
        "# 形近字组（同一声旁）：由 tools/build_lookalike.py 从 Unicode Unihan 数据库的 kPhonetic 字段生成，",
        "# 请勿手改。来源：Unicode 15.0 Unihan（Debian 软件包 unicode-data），Unicode License。",
        f"# 只收 jieba 词典中出现的字；常用字（字频和 >= {MIN_FREQUENCY}）超过 {MAX_GROUP} 个的",
        "# 大声旁组不收。",
        "# 一行一组：组内各字连写，两个空格后 # 注明 kPhonetic 类号。",
    ]
    OUT.write_text("\n".join([*header, *(f"{chars}  # {number}" for chars, number in groups)]) + "\n",
                   encoding="utf-8")
    print(f"{len(groups)} groups, {sum(len(c) for c, _ in groups)} characters -> {OUT}")


if __name__ == "__main__":
    main()
