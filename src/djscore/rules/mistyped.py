"""Near-misses of known phrases: one character substituted, or two adjacent characters
swapped (基党层组织 for 基层党组织). Known phrases are data/phrases.txt plus the rubric's
terms of four or more characters.

To keep precision high a substitution is reported only when the two characters are in a
confusion group (data/confusables.txt: sound-, shape- and input-method-alike characters) or,
in a set phrase of five or more characters, when the changed character (not a particle) no
longer forms a word with its neighbours; a swap only when it breaks the words. A window that
is itself a dictionary word or a known phrase is never reported.

Sound-alike slips (一股作气 for 一鼓作气) are found from data (sounds.py): a window that differs
from a set phrase (a 成语 or 习用语 of jieba's dictionary, an idiom of data/idioms.txt, or a
known phrase) in one character that sounds the same or nearly so (pypinyin) is a slip; the text
is searched with each character of jieba's dictionary replaced by its sound class. Look-alike
slips (病入膏盲 for 病入膏肓) are searched the same way with the look-alike groups of
data/lookalike.txt (a shared phonetic component, from Unihan). A doubled character written wrong
twice (忧心冲冲) is one slip. jieba's own misspelled entries (谈笑风声) are not taken for words, nor
are forms both sources hold that today's usage all but lacks (data/rare_variants.txt: 磬竹难书).
When the written character makes an ordinary word with its neighbours (权利 for 权力) the
finding is a warning that gives both readings. Short words: jieba entries of two or three
characters that today's usage all but lacks beside a common word one same-reading character away
(data/short_slips.txt: 防碍 for 妨碍) are reported where the segmenter keeps them whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import add

from ..cache import cached
from ..cache import shape as cache_shape
from ..matching import WordFinder
from ..normalize import normalize
from ..packed import LAYOUT as packed_layout
from ..packed import Packed, pack, unpack
from ..rubric import PART_SEPARATOR, Rubric
from ..score import Finding
from . import Essay, data_lines, data_text, sounds

ID = "mistyped"
TITLE = "关键提法错别字"
SEVERITY = "error"
OPTIONS = {"min_length": 4}
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
MUST_TRIGGER = [
    "努力使基党层组织成为团结带领群众的坚强集体。",
    "召开领导干部廉诘从政专题民主生活会。",
    "让共产党员的先进性远处不在。",
    "始终坚持民主集中治原则。",
    "大家一股作气完成了任务。",
    "他谈笑风声，毫无惧色。",
    "对群众的困难漠不关心，甚至走头无路也不管。",
]
MUST_NOT = [
    "努力使基层党组织成为团结带领群众的坚强集体。",
    "那片远处不在视线之内。",
    "加强课堂内监督。",
    "召开领导干部廉洁从政专题民主生活会。",
    "共产党员的先进性无处不在。",
    "组建党员先锋队冲在抗洪一线。",
    "此处不在讨论之列。",
    "大家一鼓作气完成了任务。",
    "他谈笑风生，毫无惧色。",
    "一股力量推动我们前进。",
    "赓续红色根脉，勇担时代使命。",
]


CONTEXT = 2  # characters of context on each side when segmenting a suspect window
LONG_PHRASE = 5  # any-character substitutions are checked in set phrases this long
FUNCTION_CHARS = frozenset("的地得了着过之和与及或在是为把被将对从于以而并且也都就还又")


@dataclass(frozen=True)
class PhraseIndex:
    known: frozenset[str]
    # Every swap and every confusable substitution of a known phrase, spelled out:
    # typo -> "phrase swap|substitution position" (one string: fewer objects, the cache
    # loads faster), found through the bigram that holds the changed character (rare in
    # correct text, so few places to look at).
    typos: dict[str, str]
    typos_by_bigram: dict[str, list[tuple[int, str]]]
    # Any-character substitutions in long set phrases: the phrase's first or last three
    # characters are still intact. trigram -> (offset in phrase, phrase).
    anchors: dict[str, list[tuple[int, str]]]
    # Sound-alike search over set phrases: each common character stands for its sound class
    # (one private-use character per folded reading, sounds.fold), so a same- or near-sound
    # slip reads exactly like the phrase. class_of: char -> class; by_sound: the classes of a
    # phrase's first four characters -> the phrases, space-separated (as by_shape below).
    # sounds: char -> [reading, folded, frequency].
    class_of: dict[str, str]
    by_sound: dict[str, str]
    phrase_sounds: dict[str, str]  # phrase -> its classes, read as a whole
    sounds: dict[str, list[str]]  # the common characters (sounds.sound_table)
    misspelled: dict[str, str]
    common: frozenset[str]  # ordinary words (sounds.common_words)
    frequent: frozenset[str]  # frequent ones (sounds.common_words(sounds.FREQUENT_WORD))
    # Look-alike search over set phrases, as the sound search: shape_groups: char -> the
    # classes of its look-alike groups (data/lookalike.txt), shape_of: the first of them;
    # by_shape: a phrase's first four characters so classed, one changed character matched by
    # any of its groups -> the phrases, space-separated (fewer objects: the cache loads faster).
    shape_groups: dict[str, str]
    shape_of: dict[str, str]
    by_shape: dict[str, str]
    # Short words (data/short_slips.txt: 防碍, 震憾): slip -> intended word (+ " ?": only a same
    # sound, reported as a warning with both readings), found through their first two characters
    # (bigram -> the slips, space-separated).
    short_slips: dict[str, str]
    short_by_bigram: dict[str, str]


@cache
def phrase_index(extra: tuple[str, ...], min_length: int) -> PhraseIndex:
    curated = {p for p in data_lines("phrases.txt") if len(p) >= min_length and CJK_ONLY.fullmatch(p)}
    phrases = curated | {p for p in extra if len(p) >= min_length and CJK_ONLY.fullmatch(p)}
    confusable: dict[str, set[str]] = {}
    for group in data_lines("confusables.txt"):
        for char in group:
            confusable.setdefault(char, set()).update(set(group) - {char})
    typos: dict[str, tuple[str, str, int]] = {}
    for phrase in sorted(phrases):
        for at in range(len(phrase) - 1):
            if phrase[at] != phrase[at + 1]:
                typos.setdefault(phrase[:at] + phrase[at + 1] + phrase[at] + phrase[at + 2:],
                                 (phrase, "swap", at))
        for at, char in enumerate(phrase):
            for other in sorted(confusable.get(char, ())):
                typos.setdefault(phrase[:at] + other + phrase[at + 1:], (phrase, "substitution", at))
    by_bigram: dict[str, list[tuple[int, str]]] = {}
    for typo, (_, _, at) in typos.items():
        if typo not in phrases:
            offset = min(at, len(typo) - 2)
            by_bigram.setdefault(typo[offset:offset + 2], []).append((offset, typo))
    anchors: dict[str, list[tuple[int, str]]] = {}
    for phrase in sorted(p for p in curated if len(p) >= LONG_PHRASE):
        for offset in (0, len(phrase) - 3):
            anchors.setdefault(phrase[offset:offset + 3], []).append((offset, phrase))
    common_table = sounds.sound_table()
    table = {**common_table, **sounds.rare_table(common_table)}
    allowed = set(data_lines("allowed_variants.txt"))
    lookalike = sounds.lookalike_groups(data_lines("lookalike.txt"))
    idioms, misspelled = sounds.set_phrases(table, allowed, set(data_lines("idioms.txt")), lookalike)
    # Forms both sources hold as right that today's usage all but lacks (磬竹难书 beside 罄竹难书).
    rare = {low: high for low, high in map(str.split, data_lines("rare_variants.txt")) if low not in allowed}
    idioms = [p for p in idioms if p not in rare]
    misspelled = {**rare, **misspelled}
    # Phrases are read as the normalised text is (its Traditional -> Simplified step turns 乾坤
    # into 干坤): a phrase written right must match itself.
    idioms = sorted({normalize(p) for p in idioms})
    misspelled = {normalize(k): normalize(v) for k, v in misspelled.items()
                  if k not in phrases and normalize(k) != normalize(v)}
    protected = phrases | set(idioms)
    # Each phrase is read as a whole (发人深省: xing), each character of the text alone.
    readings = sounds.phrase_readings(sorted(protected | set(misspelled)))
    folded = {v[1][1:] for v in table.values()} | {r for rs in readings.values() for r in rs}
    classes = {f: chr(0xE000 + n) for n, f in enumerate(sorted(folded))}
    class_of = {char: classes[v[1][1:]] for char, v in table.items()}
    # Look-alike classes follow the sound classes in the private-use area.
    group_lines = data_lines("lookalike.txt")
    group_class = {group: chr(0xE000 + len(classes) + n) for n, group in enumerate(group_lines)}
    groups_of: dict[str, list[str]] = {}
    for group in group_lines:
        for char in group:
            groups_of.setdefault(char, []).append(group_class[group])
    shape_of = {char: found[0] for char, found in groups_of.items()}
    by_shape: dict[str, list[str]] = {}
    for phrase in sorted(protected):
        if not any(c in shape_of for c in phrase[:4]):
            continue  # nothing in the first four characters looks like another character
        base = "".join(shape_of.get(c, c) for c in phrase[:4])
        keys = {base}
        for key in keys:
            by_shape.setdefault(key, []).append(phrase)
    phrase_sounds = {p: "".join(map(classes.__getitem__, rs)) for p, rs in readings.items()}
    # slip -> intended word, followed by " ?" when the two characters only sound alike (a warning).
    short = {normalize(low): " ".join([normalize(high), *("?" * len(sound))])
             for low, high, *sound in map(str.split, data_lines("short_slips.txt"))
             if low not in allowed and normalize(low) != normalize(high)}
    short_by_bigram: dict[str, list[str]] = {}
    for low in sorted(short):
        short_by_bigram.setdefault(low[:2], []).append(low)
    by_sound: dict[str, list[str]] = {}
    for phrase, whole in sorted(phrase_sounds.items()):
        # The text is read character by character: a slip keeps the other characters' own
        # readings and gives the changed one the phrase's reading or the character's own.
        alone = "".join(class_of.get(c, c) for c in phrase[:4])
        for key in {alone, *(alone[:j] + whole[j] + alone[j + 1:] for j in range(4))}:
            by_sound.setdefault(key, []).append(phrase)
    return PhraseIndex(frozenset(protected | {a for a in allowed if len(a) >= min_length}),
                       {typo: f"{phrase} {kind} {at}" for typo, (phrase, kind, at) in typos.items()},
                       by_bigram, anchors, class_of,
                       {key: " ".join(found) for key, found in by_sound.items()},
                       phrase_sounds, common_table, misspelled, frozenset(sounds.common_words()),
                       frozenset(sounds.common_words(sounds.FREQUENT_WORD)),
                       {char: "".join(found) for char, found in groups_of.items()}, shape_of,
                       {key: " ".join(found) for key, found in by_shape.items()},
                       short, {key: " ".join(found) for key, found in short_by_bigram.items()})


def _places(text: str, keys: Iterable[str], index: dict[str, list[tuple[int, str]]],
            ) -> Iterator[tuple[int, str]]:
    """(start, word) for each word of the index whose key (one of `keys`) occurs in text."""
    for key in keys:
        at = text.find(key)
        while at >= 0:
            for offset, word in index[key]:
                if at - offset >= 0:
                    yield at - offset, word
            at = text.find(key, at + 1)


class _Finders:
    """The index's search keys as automata: every typo, every anchor and every sound key found
    in one native pass each. Building them takes ~0.1 s, about what the key-by-key search
    (`_places`) costs on 15-20 essays, so they are built for batches only (`use_finders`,
    or after AUTOMATA_AFTER texts in one process); both searches find the same places, in the
    same order."""

    def __init__(self, index: PhraseIndex) -> None:
        # The order in which the key-by-key search meets a typo: by its bigram, then the
        # bigram's place in the text, then the typo's place in that bigram's list.
        self.typo_order = {typo: (key, offset, rank) for key, found in index.typos_by_bigram.items()
                           for rank, (offset, typo) in enumerate(found)}
        self.typos = WordFinder(self.typo_order)
        self.anchor_rank = {key: rank for rank, key in enumerate(index.anchors)}
        self.anchors = WordFinder(index.anchors)
        self.sounds = WordFinder(index.by_sound)
        self.shapes = WordFinder(index.by_shape)
        self.short = WordFinder(index.short_slips)

    def typo_places(self, text: str) -> list[tuple[int, str]]:
        order = self.typo_order
        found = []
        for start, typo in self.typos.every(text):
            key, offset, rank = order[typo]
            found.append((key, start + offset, rank, start, typo))
        found.sort()
        return [(start, typo) for *_, start, typo in found]

    def anchor_places(self, text: str, anchors: dict[str, list[tuple[int, str]]]) -> list[tuple[int, str]]:
        found = []
        for at, key in self.anchors.every(text):
            rank = self.anchor_rank[key]
            found += [(rank, at, n, at - offset, phrase) for n, (offset, phrase) in enumerate(anchors[key])
                      if at - offset >= 0]
        found.sort()
        return [(start, phrase) for *_, start, phrase in found]


AUTOMATA_AFTER = 16  # texts checked in one process before the automata are built
_finders: dict[int, _Finders] = {}
_texts_checked = 0


def use_finders(rubric: Rubric, min_length: int = OPTIONS["min_length"]) -> None:
    """Build the automata for this rubric now (a batch: before the worker processes start)."""
    index = _rubric_index(rubric, min_length)
    if id(index) not in _finders:
        _finders[id(index)] = _Finders(index)


def _finders_for(index: PhraseIndex) -> _Finders | None:
    global _texts_checked
    _texts_checked += 1
    found = _finders.get(id(index))
    if found is None and _texts_checked > AUTOMATA_AFTER:
        found = _finders[id(index)] = _Finders(index)
    return found


def _occurrences(text: str, keys: Iterable[str]) -> Iterator[tuple[int, str]]:
    for key in keys:
        at = text.find(key)
        while at >= 0:
            yield at, key
            at = text.find(key, at + 1)


def _near_miss(window: str, phrase: str) -> tuple[str, int] | None:
    diffs = [i for i, (a, b) in enumerate(zip(window, phrase, strict=True)) if a != b]
    if len(diffs) == 1:
        return "substitution", diffs[0]
    # A doubled character written wrong twice (虎视耽耽 for 虎视眈眈) is one slip.
    if (len(diffs) == 2 and window[diffs[0]] == window[diffs[1]] and phrase[diffs[0]] == phrase[diffs[1]]
            and diffs[1] == diffs[0] + 1):
        return "substitution", diffs[0]
    if (len(diffs) == 2 and diffs[1] == diffs[0] + 1
            and window[diffs[0]] == phrase[diffs[1]] and window[diffs[1]] == phrase[diffs[0]]):
        return "swap", diffs[0]
    return None


_indexes: dict[tuple[str, int], PhraseIndex] = {}
INDEX_LAYOUT = 30
NOT_PACKED = Packed(())


def _rubric_index(rubric: Rubric, min_length: int) -> PhraseIndex:
    key = (rubric.sha256, min_length)
    if key not in _indexes:
        terms = tuple(form for p in rubric.pillars for c in p.criteria for t in c.terms
                      for form in t.forms if PART_SEPARATOR not in form)
        # Building the index (~12,000 spelled-out slips) costs more than reading it back.
        data = "\n".join((f";{INDEX_LAYOUT}", data_text("phrases.txt"), data_text("confusables.txt"),
                           data_text("allowed_variants.txt"), data_text("idioms.txt"),
                           data_text("lookalike.txt"), data_text("rare_variants.txt"),
                           data_text("short_slips.txt"), *terms))
        cache_key = f"{min_length}\n{data}".encode()
        # Packed into a few long strings (djscore.packed): read back in ~2/3 of the time.
        layout = f"{packed_layout}\n{cache_shape(PhraseIndex)}\n".encode()
        packed = cached("slips-packed", layout + cache_key,
                        lambda: pack(phrase_index(terms, min_length)) or NOT_PACKED, Packed)
        try:
            _indexes[key] = unpack(PhraseIndex, packed)
        except (ValueError, TypeError, KeyError):  # data that cannot be packed: kept plain
            _indexes[key] = cached("slips", cache_key, lambda: phrase_index(terms, min_length), PhraseIndex)
    return _indexes[key]


def _context_tokens(line: str, start: int, length: int,
                    words: Callable[[str], list[str]]) -> list[tuple[int, str]]:
    """(offset in line, token) of the tokens that overlap the window, segmented with
    CONTEXT characters on each side."""
    left = max(0, start - CONTEXT)
    tokens, offset = [], left
    for token in words(line[left:start + length + CONTEXT]):
        if offset < start + length and offset + len(token) > start:
            tokens.append((offset, token))
        offset += len(token)
    return tokens


def _fits_words(line: str, start: int, length: int, position: int,
                words: Callable[[str], list[str]] | None) -> bool:
    """False when the window cuts through a word of its context (堂内监督 in 课堂内监督), or
    when the changed character makes an ordinary word with a neighbour inside a running
    clause (远处 in 远处不在视线之内): only a window that ends its clause (先进性远处不在。)
    is then taken for a slip."""
    if words is None:
        return True
    tokens = _context_tokens(line, start, length, words)
    first, last = tokens[0], tokens[-1]
    if first[0] != start or last[0] + len(last[1]) != start + length:
        return False
    changed = next(token for offset, token in tokens if offset <= start + position < offset + len(token))
    if len(changed) > 1:
        following = line[start + length:start + length + 1]
        return not following or not CJK_ONLY.match(following)
    return True


def _breaks_words(line: str, start: int, length: int, position: int,
                  words: Callable[[str], list[str]] | None, min_singles: int = 2) -> bool:
    """True when the character at `position` of the window stands alone and the window falls
    apart into single characters (基/党/层/组织, 廉/诘/从政) rather than other words."""
    if words is None:
        return False
    tokens = _context_tokens(line, start, length, words)
    alone = any(len(token) == 1 and offset == start + position for offset, token in tokens)
    return alone and sum(1 for _, token in tokens if len(token) == 1) >= min_singles


def check(essay: Essay, options: dict) -> Iterator[Finding]:
    index = _rubric_index(essay.rubric, options["min_length"])
    text = "\n".join(essay.lines)  # one pass over the whole text; windows never span lines

    def is_word(window: str) -> bool:
        if window in index.misspelled:
            return False
        return window in index.known or bool(essay.words and essay.words(window) == [window])

    finders = _finders_for(index)
    if finders is None:
        bigrams = set(map(add, text, text[1:]))
        typo_places: Iterable[tuple[int, str]] = _places(
            text, sorted(bigrams & index.typos_by_bigram.keys()), index.typos_by_bigram)
        anchors = [key for key in index.anchors if key[:2] in bigrams]  # a few hundred keys
        anchor_places: Iterable[tuple[int, str]] = _places(text, anchors, index.anchors)
        short_keys = bigrams & index.short_by_bigram.keys()
        short_places: Iterable[tuple[int, str]] = _occurrences(
            text, (slip for key in short_keys for slip in index.short_by_bigram[key].split()))
    else:
        typo_places = finders.typo_places(text)
        anchor_places = finders.anchor_places(text, index.anchors)
        short_places = finders.short.every(text)
    slips: dict[int, tuple[str, str]] = {}  # start -> (as written, intended)
    readings: dict[int, tuple[str, str, str]] = {}  # start -> (as written, intended, word written)
    for start, typo in typo_places:
        if not text.startswith(typo, start) or is_word(typo):
            continue
        phrase, kind, position = index.typos[typo].split()
        at = int(position)
        if not _fits_words(text, start, len(typo), at, essay.words):
            continue
        # A confusable substitution is a slip as it stands; a swap only if it breaks words.
        if kind == "substitution" or any(
                _breaks_words(text, start, len(typo), p, essay.words) for p in (at, at + 1)):
            slips.setdefault(start, (typo, phrase))
    for start, phrase in anchor_places:
        window = text[start:start + len(phrase)]
        miss = _near_miss(window, phrase) if len(window) == len(phrase) else None
        if miss is None or miss[0] != "substitution":
            continue
        at = miss[1]
        # Any other character only when it is not a particle and the phrase falls apart
        # into three or more single characters: 党的先进性 is not a slip for 党员先进性,
        # nor 村看集体经济 for 村级集体经济.
        if (start not in slips and CJK_ONLY.fullmatch(window) and window[at] not in FUNCTION_CHARS
                and not is_word(window)
                and _breaks_words(text, start, len(window), at, essay.words, min_singles=3)):
            slips[start] = (window, phrase)
    for shape in (False, True):
        for start, window, phrase, word in _sound_slips(text, index, is_word, essay.words, finders, shape):
            if start in slips or start in readings:
                continue
            if word:
                readings[start] = (window, phrase, word)
            else:
                slips[start] = (window, phrase)
    for start, window in _short_slips(text, short_places, essay.words):
        intended, *sound = index.short_slips[window].split()
        if start not in slips and start not in readings:
            if sound:
                readings[start] = (window, intended, window)
            else:
                slips[start] = (window, intended)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for start in sorted(slips.keys() | readings.keys()):
        line = bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        if start in slips:
            window, phrase = slips[start]
            yield Finding(ID, options["severity"], line, column, f"“{window}”疑为“{phrase}”之误", phrase)
        else:
            window, phrase, word = readings[start]
            yield Finding(ID, "warning", line, column,
                          f"“{window}”：如指“{phrase}”，应写作“{phrase}”；如“{word}”是本意，可不改", phrase)


# The commonest surnames: a short slip right after one standing alone reads as a given name
# (马/建义, 刘/国利), not as a word.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘"
                     "袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟"
                     "秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文")


def _short_slips(text: str, places: Iterable[tuple[int, str]],
                 words: Callable[[str], list[str]] | None) -> Iterator[tuple[int, str]]:
    """(start, slip) for the places of listed short slips (防碍) that the segmenter keeps whole
    in their context (in 以防碍事 the characters belong to other words) and that do not follow a
    surname; at one start the longest slip first."""
    for at, slip in sorted(set(places), key=lambda place: (place[0], -len(place[1]))):
        if words is None:
            yield at, slip
            continue
        left = max(0, at - 2 * CONTEXT)  # 代理人/马/建义: the surname's own left context
        tokens = words(text[left:at + len(slip) + CONTEXT])
        ends = list(accumulate(map(len, tokens), initial=left))
        if at in ends and ends[ends.index(at) + 1] == at + len(slip):
            before = tokens[ends.index(at) - 1] if at > left else ""
            if before not in SURNAMES:
                yield at, slip


_tables: dict[tuple[int, bool], dict[int, str]] = {}


def _translation(index: PhraseIndex, shape: bool) -> dict[int, str]:
    """str.translate's table for the sound (or look-alike) classes of the index's characters."""
    key = (id(index), shape)
    if key not in _tables:
        _tables[key] = {ord(c): cls for c, cls in (index.shape_of if shape else index.class_of).items()}
    return _tables[key]


def _sound_slips(text: str, index: PhraseIndex, is_word: Callable[[str], bool],
                 words: Callable[[str], list[str]] | None,
                 finders: _Finders | None = None, shape: bool = False) -> Iterator[tuple[int, str, str, str]]:
    """(start, as written, intended, word) for windows that differ from a set phrase in one
    character of the same or a near sound: the text, with each common character replaced by
    its sound class, holds the phrase's classes there. `word` is the ordinary word the written
    character makes with its neighbours (权利 in 权利运行), or "" when it makes none."""
    by_key = index.by_shape if shape else index.by_sound
    sounded = text.translate(_translation(index, shape))
    if finders is None:
        pairs = list(map(add, sounded, sounded[1:]))
        keys = filter(by_key.__contains__, set(map(add, pairs, pairs[2:])))
        places: Iterable[tuple[int, str]] = _occurrences(sounded, keys)
    else:
        places = (finders.shapes if shape else finders.sounds).every(sounded)
    candidates = set()
    for at, key in places:
        found = by_key[key]
        candidates.update((at, phrase) for phrase in found.split()
                          if phrase in index.misspelled or not text.startswith(phrase, at))
    for start, phrase in sorted(candidates):
        window = text[start:start + len(phrase)]
        if len(window) != len(phrase) or not CJK_ONLY.fullmatch(window):
            continue
        if window in index.misspelled:
            yield start, window, index.misspelled[window], ""
            continue
        if phrase in index.misspelled:
            continue  # near a misspelling is not near the intended phrase (亮成一片, 联成一片)
        miss = _near_miss(window, phrase)
        if miss is None or miss[0] != "substitution":
            continue
        at = miss[1]
        if shape:
            groups = index.shape_groups
            unlike = not set(groups.get(window[at], "")) & set(groups.get(phrase[at], ""))
        else:
            unlike = (window[at] not in index.class_of
                      or sounded[start + at] not in (index.phrase_sounds[phrase][at],
                                                     index.class_of.get(phrase[at])))
        if window[at] in FUNCTION_CHARS or unlike or is_word(window):
            continue
        if words is None:
            yield start, window, phrase, ""
            continue
        tokens = _context_tokens(text, start, len(window), words)
        if tokens[0][0] != start or tokens[-1][0] + len(tokens[-1][1]) != start + len(window):
            continue  # the window cuts through a word of its context
        offset, changed = next((offset, token) for offset, token in tokens
                               if offset <= start + at < offset + len(token))
        rest = (window[:offset - start], window[offset - start + len(changed):])
        if len(changed) == 1:
            # A character standing as a word of its own among frequent words and known phrases
            # reads as meant too (但/支部书记 beside 党支部书记, 这样/的/活 beside 这样的话).
            slip = not all(token in FUNCTION_CHARS or (len(token) > 1 and (
                token in index.frequent or token in index.known)) for at_, token in tokens if at_ != offset)
        else:
            slip = changed not in index.common or not all(
                len(part) < 2 or part in index.frequent for part in rest)
        if slip:
            yield start, window, phrase, ""  # 一股作气: 一股 is a word, 作气 is none
        elif not CJK_ONLY.match(text[start + len(window):start + len(window) + 1]):
            # Ordinary words throughout inside a running clause (远处/不在 in 远处不在视线之内)
            # read as meant; when they end the clause both readings are given.
            yield start, window, phrase, changed
