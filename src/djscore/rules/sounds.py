"""Sound-alike characters and set phrases, generated from data rather than listed by hand.

- Readings come from pypinyin (every reading of a character, tones dropped). Two characters
  are *same-sound* when they share a reading, *near-sound* when they share one after folding
  the pairs that input methods and dialects confuse (z/zh, c/ch, s/sh, n/l, an/ang, en/eng,
  in/ing, f/h).
- How common a character is comes from jieba's dict.txt (the summed frequency of the words
  that hold it): sound_table covers the ~3,500 common characters an input method offers
  first, rare_table the rest of the dictionary's characters (slips are written by hand too).
- Set phrases are jieba's 成语 (tag i) and 习用语 (tag l), filtered by frequency, and the
  idiom list (data/idioms.txt). dict.txt also holds misspellings at low frequency (谈笑风声
  beside 谈笑风生); set_phrases tells them apart (see its docstring).

Everything here returns plain containers (str, int, list, dict) so that it can be cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

CJK = re.compile(r"[\u4e00-\u9fff]+")
# Folding of near sounds: initials first (longest first), then finals.
INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"))
FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))
COMMON_CHAR = 800  # summed dict.txt frequency: about the 3,500 most common characters
PHRASE_MIN_FREQ = {"i": 3, "l": 20}  # 成语 / 习用语 at least this frequent are protected
PHRASE_LENGTHS = (4, 5, 6, 7, 8)
MISSPELLING_RATIO = 10
MISSPELLING_MAX_FREQ = 10
MISSPELLING_MIN_TARGET = 20
# The idiom list holds common misspellings as idioms of their own (趋之若骛 beside 趋之若鹜,
# 相形见拙 beside 相形见绌): of two set phrases one alike character apart, the one jieba holds at
# least VARIANT_RATIO times as often (and at least VARIANT_MIN_TARGET) is the right one.
VARIANT_RATIO = 3
VARIANT_MIN_TARGET = 10  # below this a jieba frequency says little (MISSPELLING_MAX_FREQ)


def jieba_entries() -> Iterator[tuple[str, int, str]]:
    """(word, frequency, tag) of every entry of jieba's own dict.txt."""
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            yield parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""


# dict.txt frequency of an ordinary word (远处, 一股, 权利): the written character's word needs
# COMMON_WORD, the words beside it FREQUENT_WORD. Chosen on real published text, where 令人心碎 /
# 身体发福 (one sound from the idioms 令人心醉 / 身体发肤; 心碎 52, 发福 21) are meant as written,
# while 莫测 or 毕露 hardly stand outside their idioms (变幻莫测, 原形毕露).
COMMON_WORD = 20
FREQUENT_WORD = 300


def common_words(least: int = COMMON_WORD) -> list[str]:
    """Words of two or three characters that are common in general Chinese."""
    return sorted({word for word, freq, _ in jieba_entries()
                   if freq >= least and len(word) in (2, 3) and CJK.fullmatch(word)})


def fold(syllable: str) -> str:
    """The near-sound class of a toneless syllable: zhong -> zon, lan -> nan, hu -> fu."""
    for long, short in INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long):]
            break
    for long, short in FINALS:
        if syllable.endswith(long):
            syllable = syllable[: -len(long)] + short
            break
    return syllable


def sound_table() -> dict[str, list[str]]:
    """char -> [toneless reading, "~" + folded reading, "#frequency"] for the characters common
    enough (COMMON_CHAR) to be offered early by an input method."""
    from pypinyin import Style, pinyin

    frequency: dict[str, int] = {}
    for word, freq, _ in jieba_entries():
        if CJK.fullmatch(word):
            for char in set(word):
                frequency[char] = frequency.get(char, 0) + freq
    table: dict[str, list[str]] = {}
    for char in sorted(c for c, freq in frequency.items() if freq >= COMMON_CHAR):
        # One character at a time (a string would be read as words), its usual reading only:
        # pypinyin's other readings include rare ones (仅 fu) that no input method offers first.
        readings = pinyin(char, style=Style.NORMAL, errors="ignore")
        plain = sorted({p for options in readings for p in options if p.isalpha()})
        if not plain:
            continue
        table[char] = [*plain, *sorted({"~" + fold(p) for p in plain}), f"#{frequency[char]}"]
    return table


def rare_table(common: dict[str, list[str]]) -> dict[str, list[str]]:
    """Like sound_table, for the characters of jieba's dictionary below COMMON_CHAR: a rare
    character is seldom typed by mistake, but slip lists show it written by hand (磬竹难书)."""
    from pypinyin import Style, pinyin

    chars = {char for word, _, _ in jieba_entries() if CJK.fullmatch(word) for char in word}
    table: dict[str, list[str]] = {}
    for char in sorted(chars - common.keys()):
        readings = pinyin(char, style=Style.NORMAL, errors="ignore")
        plain = sorted({p for options in readings for p in options if p.isalpha()})
        if plain:
            table[char] = [*plain, *sorted({"~" + fold(p) for p in plain}), "#0"]
    return table


def lookalike_groups(lines: list[str]) -> dict[str, list[str]]:
    """char -> the characters that share a phonetic component with it (data/lookalike.txt)."""
    groups: dict[str, set[str]] = {}
    for group in lines:
        for char in group:
            groups.setdefault(char, set()).update(set(group) - {char})
    return {char: sorted(others) for char, others in sorted(groups.items())}


def phrase_readings(phrases: list[str]) -> dict[str, list[str]]:
    """phrase -> the folded reading of each character, the phrase read as a whole."""
    from pypinyin import Style, lazy_pinyin

    readings = {}
    for phrase in phrases:
        plain = lazy_pinyin(phrase, style=Style.NORMAL, errors="ignore")
        if len(plain) == len(phrase) and all(p.isalpha() for p in plain):
            readings[phrase] = [fold(p) for p in plain]
    return readings


def relation(table: dict[str, list[str]], a: str, b: str) -> str | None:
    """"same" (shared toneless reading), "near" (shared folded reading) or None."""
    ra, rb = table.get(a), table.get(b)
    if ra is None or rb is None or a == b:
        return None
    sa, sb = set(ra[:-1]), set(rb[:-1])
    if {r for r in sa if r[0] != "~"} & {r for r in sb if r[0] != "~"}:
        return "same"
    if {r for r in sa if r[0] == "~"} & {r for r in sb if r[0] == "~"}:
        return "near"
    return None


def set_phrases(table: dict[str, list[str]], allowed: set[str], idioms: set[str] = frozenset(),
                lookalike: dict[str, list[str]] | None = None) -> tuple[list[str], dict[str, str]]:
    """Protected 成语 and 习用语 of jieba's dictionary and of the idiom list (`idioms`,
    data/idioms.txt), and jieba's misspelled entries (misspelling -> intended entry). The
    intended entry may carry any tag (甘拜下风 is tagged ns); `allowed` lists entries that are
    right although a commoner variant exists. A low-frequency entry that the idiom list lacks,
    one sound-alike or look-alike character away from one that it holds, is a misspelling
    whatever the two frequencies (食不裹腹 2, 食不果腹 6), and a listed idiom is never one of an
    unlisted entry (天赋异禀 beside 天赋异柄); of two set phrases so close, the rarer is one
    when the commoner is VARIANT_RATIO times as frequent."""
    lookalike = lookalike or {}

    def alike(a: str, b: str) -> bool:
        return bool(relation(table, a, b)) or b in lookalike.get(a, ())

    frequent = set(common_words(FREQUENT_WORD))
    entries = {}
    set_phrase, kept = set(), set()
    for word, freq, tag in jieba_entries():
        if len(word) in PHRASE_LENGTHS and CJK.fullmatch(word):
            entries[word] = max(freq, entries.get(word, 0))
            if tag in PHRASE_MIN_FREQ or word in idioms:
                set_phrase.add(word)
                # jieba's rarest 成语 that the idiom list lacks are often misspellings (天赋异柄 3)
                if freq > PHRASE_MIN_FREQ.get(tag, 0) or (freq == PHRASE_MIN_FREQ.get(tag, 0)
                                                          and (word in idioms or not idioms)):
                    kept.add(word)
    for idiom in idioms:
        entries.setdefault(idiom, 0)  # a listed idiom that jieba lacks: frequency 0
    set_phrase |= idioms
    masked: dict[str, list[str]] = {}
    for word in entries:
        for at in range(len(word)):
            masked.setdefault(word[:at] + "?" + word[at + 1:], []).append(word)
            if word[at:at + 1] == word[at + 1:at + 2]:  # a doubled character (虎视眈眈 / 虎视耽耽)
                masked.setdefault(word[:at] + "??" + word[at + 2:], []).append(word)
    misspelled: dict[str, str] = {}
    for key, group in masked.items():
        if len(group) < 2:
            continue
        at = key.index("?")
        for low in group:
            # jieba tags idioms, right and misspelled, n, nz, nr or ns too (人情事故, 甘拜下风): a
            # 成语 or 习用语 may be a misspelling of any entry, any entry one of a 成语 or 习用语.
            if low in allowed or entries[low] > MISSPELLING_MAX_FREQ:
                continue
            best = max((w for w in group if w != low and (low in set_phrase or w in set_phrase)
                        and alike(low[at], w[at]) and (w in idioms or low not in idioms)),
                       key=lambda w: (w in idioms, entries[w]), default=None)
            if best is None:
                continue
            # Without a tenfold lead only a same sound or a look-alike counts: 一字千金 is no
            # slip for 一掷千金 (zi / zhi, a near sound).
            close = relation(table, low[at], best[at]) == "same" or best[at] in lookalike.get(low[at], ())
            # Two frequent words side by side are a phrase of their own (毫无意义 beside 毫无疑义).
            close = close and not (len(low) == 4 and low[:2] in frequent and low[2:] in frequent)
            listed = best in idioms and low not in idioms and entries[best] > entries[low]
            variant = (low in set_phrase and best in set_phrase
                       and entries[best] >= max(VARIANT_MIN_TARGET, VARIANT_RATIO * entries[low]))
            if (entries[best] >= max(MISSPELLING_MIN_TARGET, MISSPELLING_RATIO * entries[low])
                    or (close and (listed or variant))):
                misspelled[low] = best
    protected = sorted((kept | idioms) - misspelled.keys())
    return protected, misspelled
