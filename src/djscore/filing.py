"""Which criterion an evidence sentence is shown under. Pure functions, no I/O.

Every hit counts towards its pillar's score (djscore.depth); this module only decides where a
sentence is *filed* for the reader of the report, because readers judged our evidence lists
(validation/evidence/) and said no most often to two kinds of filing:

- a sentence that names terms of two criteria filed under both, when it speaks to one
  (考核……为民办实事的分值提上去 is about evaluation, not about serving the people);
- a sentence filed under a criterion for an everyday word alone (a cue such as 党员, or a
  word of the unit's business), or for a sentence that only introduces: a question, a
  speaker's self-introduction, a header line of minutes.

So a sentence is filed under one criterion: the one whose strongest hit in it is strongest (a
rubric term before a cue, a word before an a+b pair, then weight, then length). A sentence with
cues only, or one that introduces, is filed under no criterion: it is listed with its pillar as a related
sentence, as is a sentence whose term of this pillar lost to another pillar's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

HitT = TypeVar("HitT")
Place = tuple[int, int]  # (pillar index, criterion index)

QUESTION_ENDS = ("？", "?")
QUESTION_STARTS = ("问：", "问:", "Q：", "Q:")
CLOSING_QUOTES = "”’」』\"')）"


@dataclass(frozen=True, slots=True)
class FiledHit(Generic[HitT]):
    sentence: int  # index of its sentence in the text
    place: Place
    hit: HitT
    strength: tuple[bool, bool, float, int]  # term (not cue), single word, weight, length


def strength(cue: bool, pair: bool, weight: float, form: str) -> tuple[bool, bool, float, int]:
    return (not cue, not pair, weight, len(form))


def is_question(sentence: str) -> bool:
    """An interview question or a rhetorical one: it names a topic; its answer discusses it."""
    stripped = sentence.strip()
    return stripped.rstrip(CLOSING_QUOTES).endswith(QUESTION_ENDS) or stripped.startswith(QUESTION_STARTS)


# Sentences that introduce rather than discuss, which readers said no to under any criterion:
# the minutes' header lines (列席：入党积极分子2人), a speaker's self-introduction (我是……预备党员),
# a speaker line in brackets (（党员快递员，41岁）) and a sentence that announces a list (……如下：).
# Also a speech's opening or closing about the occasion itself (今天这堂党课，我不打算照着文件念),
# said no to three times out of three, and a sentence that announces the points to come
# (最后，我提几点要求。现将……情况报告如下。), the same as one ending in a colon.
MINUTES_LABEL = re.compile(r"^(?:时间|地点|参加人员|参会人员|出席(?:人员)?|列席(?:人员)?|缺席(?:人员)?|"
                           r"主持人?|记录人?|应到|实到|会议议程|议程)[：:]")
SELF_INTRODUCTION = re.compile(r"^(?:大家好[，,！!]?)?我(?:是|叫)[^。！？；]{0,40}"
                               r"(?:党员|书记|支书|委员|积极分子)")
BRACKETED_SPEAKER = re.compile(r"^[”\"」]?[（(][^（）()]{0,30}[）)][。]?$")
OCCASION = re.compile(r"^(?:今天|今日|这次|本次)(?:这堂|这次|这个|的)?党课|^今天(?:轮到|让|由)我|^今天是"
                      r"|讲到这里[，,]?(?:谢谢大家)?[。！!]?$")
ANNOUNCES_POINTS = re.compile(r"(?:几点|几件事|几个方面|几方面|几项工作|以下问题|以下建议|以下工作|如下)"
                              r"(?:意见|要求|希望|体会|建议)?[。.]$")


def introduces(sentence: str) -> bool:
    stripped = sentence.strip()
    return bool(MINUTES_LABEL.match(stripped) or SELF_INTRODUCTION.match(stripped)
                or BRACKETED_SPEAKER.match(stripped) or OCCASION.search(stripped)
                or announces_points(stripped) or stripped.endswith(("：", ":")))


def announces_points(sentence: str) -> bool:
    """……报告如下。 after at most a short lead-in or one 按照……要求 clause: a sentence that
    states its substance first (车间党支部坚持……，产量创新高，主要做法如下。) still discusses."""
    if not ANNOUNCES_POINTS.search(sentence):
        return False
    *before, _ = re.split(r"[，,]", sentence)
    lead = "".join(before)
    return len(lead) <= 20 or (len(before) == 1 and lead.startswith(("按照", "根据")))


def file_hits(filed: list[FiledHit[HitT]], introductions: set[int]
              ) -> tuple[dict[Place, list[HitT]], dict[int, list[HitT]]]:
    """(hits shown under each criterion, hits shown as related sentences of each pillar), both
    in the order given. `introductions`: indexes of the sentences that only introduce
    (questions and the like: `is_question`, `introduces`)."""
    home: dict[int, FiledHit[HitT]] = {}
    for item in filed:
        if item.strength[0] and item.sentence not in introductions:
            best = home.get(item.sentence)
            if best is None or item.strength > best.strength:
                home[item.sentence] = item
    by_criterion: dict[Place, list[HitT]] = {}
    related: dict[int, list[HitT]] = {}
    for item in filed:
        best = home.get(item.sentence)
        if best is not None and best.place == item.place:
            by_criterion.setdefault(item.place, []).append(item.hit)
        elif best is None or best.place[0] != item.place[0]:
            related.setdefault(item.place[0], []).append(item.hit)
    return by_criterion, related
