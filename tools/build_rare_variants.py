"""Build src/djscore/rules/data/rare_variants.txt: set phrases that jieba and the idiom list both
hold as right, although one of them is a slip of the other, told apart by how often each is
written today.

    pip install --target /tmp/wordfreq wordfreq==3.1.1       # build-time only
    PYTHONPATH=/tmp/wordfreq .venv/bin/python tools/build_rare_variants.py

The idiom list (data/idioms.txt, chinese-xinhua) lists misspelled forms as idioms of their own
(磬竹难书 beside 罄竹难书), and jieba's frequencies of such pairs are too small to decide (3 and 7).
Source of the decision: wordfreq 3.1.1 (Apache-2.0 code; its Chinese word list is built from
Wikipedia, subtitles, books, web text and social media, segmented with jieba; see its README),
an independent, modern count of written use. Of two protected phrases (the phrases `mistyped`
protects: jieba's 成语 / 习用语, the idiom list, data/phrases.txt) one same-sound or look-alike
character apart, the rarer is listed when it hardly occurs in that count (Zipf value <= RARE,
about 20 uses per billion words; a form absent from the list has a Zipf value below 1) while
the other occurs at least GAP (x3) more and at least COMMON. Forms in allowed_variants.txt
are never listed. `mistyped` reports a listed form as a slip of the other.
"""

from __future__ import annotations

import math
from pathlib import Path

from wordfreq import get_frequency_dict  # type: ignore[import-not-found]

from djscore.rules import data_lines, mistyped, sounds

OUT = Path(__file__).resolve().parents[1] / "src" / "djscore" / "rules" / "data" / "rare_variants.txt"
RARE = 1.3
COMMON = 1.5
GAP = 0.48  # log10(3)
ABSENT = 1.0  # wordfreq's large lists stop at Zipf 1.0


def main() -> None:
    counts = get_frequency_dict("zh", "large")

    def zipf(word: str) -> float:
        return math.log10(counts[word]) + 9 if word in counts else ABSENT

    index = mistyped.phrase_index((), mistyped.OPTIONS["min_length"])
    common = sounds.sound_table()
    table = {**common, **sounds.rare_table(common)}
    lookalike = sounds.lookalike_groups(data_lines("lookalike.txt"))
    allowed = set(data_lines("allowed_variants.txt"))
    masked: dict[str, list[str]] = {}
    listed = {line.split()[0] for line in data_lines("rare_variants.txt")} if OUT.exists() else set()
    for phrase in sorted((index.known | listed) - allowed):
        for at in range(len(phrase)):
            masked.setdefault(phrase[:at] + "?" + phrase[at + 1:], []).append(phrase)
    rare: dict[str, str] = {}
    for key, group in masked.items():
        at = key.index("?")
        for low in group:
            if zipf(low) > RARE:
                continue
            for high in group:
                alike = (sounds.relation(table, low[at], high[at]) == "same"
                         or high[at] in lookalike.get(low[at], ()))
                if (high != low and alike and zipf(high) >= max(COMMON, zipf(low) + GAP)
                        and (low not in rare or zipf(high) > zipf(rare[low]))):
                    rare[low] = high
    header = [
        "# 罕用的误写：受保护短语中与另一条只差一个同音或形近字、而今天几乎无人这样写的一条（左），",
        "# 及其通行写法（右）。由 tools/build_rare_variants.py 根据 wordfreq 3.1.1 的词频生成，请勿手改；",
        "# 两种写法都规范的写进 allowed_variants.txt。",
        "# 一行一条：误写、两个空格、通行写法；# 后是两者的 Zipf 词频。",
    ]
    lines = [f"{low}  {high}  # {zipf(low):.2f} / {zipf(high):.2f}" for low, high in sorted(rare.items())]
    OUT.write_text("\n".join([*header, *lines]) + "\n", encoding="utf-8")
    print(f"{len(rare)} rare variants -> {OUT}")


if __name__ == "__main__":
    main()
