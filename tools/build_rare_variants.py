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

The same count also writes src/djscore/rules/data/short_slips.txt: jieba entries of two or three
characters that are one character away from another entry, written with the same reading (tone
included, each word read as a whole) and hardly used today while the other is common. jieba's own
frequencies cannot tell such a slip (震憾 26 beside 震撼 696) from a right word it counts low (台账,
民宿, 光伏); wordfreq counts how often jieba gave the word as a token in modern text, so a modern
word is not listed. Two tiers (SHORT_TIERS), set while reading the list and the benchmark's dev
misses: the changed character also shares a phonetic component with the intended one (防碍 /
妨碍, 震憾 / 震撼: data/lookalike.txt), or it only sounds the same and the word is all but absent
(Zipf <= 1.7) beside a very common one (Zipf >= 3.9, x200). Forms in allowed_variants.txt are
never listed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from wordfreq import get_frequency_dict  # type: ignore[import-not-found]

from djscore.rules import data_lines, mistyped, sounds

DATA = Path(__file__).resolve().parents[1] / "src" / "djscore" / "rules" / "data"
OUT = DATA / "rare_variants.txt"
SHORT_OUT = DATA / "short_slips.txt"
RARE = 1.3
COMMON = 1.5
GAP = 0.48  # log10(3)
ABSENT = 1.0  # wordfreq's large lists stop at Zipf 1.0
# Short words: (shares a phonetic component, most Zipf of the slip, least of the intended word,
# least gap). A gap of 1.4 is 25x, 2.3 200x.
SHORT_TIERS = ((True, 3.0, 3.5, 1.4), (False, 1.7, 3.9, 2.3))
# The slip must be written today (in the count at all: a word wordfreq lacks is as often one that
# its sources segment otherwise, 不在 / 不分 / 上有) and rare in jieba's count too.
SHORT_MAX_JIEBA = 30
# A numeral and a measure word make words of their own at will (三袋, 百颗, 一盅): not listed.
NUMERALS = frozenset("一二三四五六七八九十百千万亿两几半壹贰叁肆伍陆柒捌玖拾佰仟")


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
    short = short_slips(zipf, table, lookalike, allowed)
    header = [
        "# 罕用的短词误写：jieba 词典中两三个字的词条，与另一条只差一个读音（含声调）相同的字，",
        "# 今天几乎无人这样写（左），而另一条很常用（右）。由 tools/build_rare_variants.py 根据",
        "# wordfreq 3.1.1 的词频生成，请勿手改；规范的少见词写进 allowed_variants.txt 后重新生成。",
        "# 一行一条：误写、两个空格、通行写法；两字同声旁（形近）的报为错误，只是同音的第三栏写“音”，",
        "# 报为提示并给出两种读法。# 后是两者的 Zipf 词频。",
    ]
    lines = [f"{low}  {high}{'' if shared else '  音'}  # {zipf(low):.2f} / {zipf(high):.2f}"
             for low, (high, shared) in sorted(short.items())]
    SHORT_OUT.write_text("\n".join([*header, *lines]) + "\n", encoding="utf-8")
    print(f"{len(short)} short slips -> {SHORT_OUT}")


def short_slips(zipf: Callable[[str], float], table: dict[str, list[str]],
                lookalike: dict[str, list[str]], allowed: set[str]) -> dict[str, tuple[str, bool]]:
    """slip -> (intended word, whether the two characters share a phonetic component), for jieba's
    two- and three-character entries (SHORT_TIERS)."""
    from pypinyin import Style, lazy_pinyin

    frequency: dict[str, int] = {}
    for word, freq, _ in sounds.jieba_entries():
        if len(word) in (2, 3) and sounds.CJK.fullmatch(word):
            frequency[word] = max(freq, frequency.get(word, 0))
    entries = set(frequency)
    masked: dict[str, list[str]] = {}
    for word in sorted(entries):
        for at in range(len(word)):
            masked.setdefault(word[:at] + "?" + word[at + 1:], []).append(word)
    readings: dict[str, list[str]] = {}

    def reading(word: str) -> list[str]:
        if word not in readings:
            readings[word] = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
        return readings[word]

    found: dict[str, tuple[str, bool]] = {}
    for key, group in masked.items():
        at = key.index("?")
        for low in group:
            if (low in allowed or low[0] in NUMERALS or frequency[low] > SHORT_MAX_JIEBA
                    or not ABSENT < zipf(low) <= max(tier[1] for tier in SHORT_TIERS)):
                continue
            for high in group:
                if high == low or sounds.relation(table, low[at], high[at]) != "same":
                    continue
                shared = high[at] in lookalike.get(low[at], ())
                if not any((shared or not component) and zipf(low) <= rare and zipf(high) >= common
                           and zipf(high) - zipf(low) >= gap for component, rare, common, gap in SHORT_TIERS):
                    continue
                if reading(low)[at] != reading(high)[at]:
                    continue  # 西房 fang2 / 西方 fang1: not one reading
                if low not in found or zipf(high) > zipf(found[low][0]):
                    found[low] = high, shared
    return found


if __name__ == "__main__":
    main()
