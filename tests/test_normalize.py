"""Normalisation: one character for one character, Traditional script included."""

from __future__ import annotations

import pytest

from djscore import segment
from djscore.normalize import GB2312_TRADITIONAL, TO_SIMPLIFIED, TRADITIONAL, normalize
from djscore.rubric import load_rubric, packaged_rubric_path
from djscore.score import score_text

from .conftest import EXAMPLES

# One Traditional form per simplified character, to write test essays in Traditional script.
TO_TRADITIONAL: dict[str, str] = {}
for _traditional, _simplified in TO_SIMPLIFIED.items():
    TO_TRADITIONAL.setdefault(_simplified, _traditional)


def traditional(text: str) -> str:
    return "".join(TO_TRADITIONAL.get(ch, ch) for ch in text)


def encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("raw, expected", [
    ("ＡＢＣ１２３ａｂｃ", "ABC123abc"),
    ("党\u00a0建\u3000工作", "党 建\u3000工作"),
    ("党\u200b建\ufeff", "党建"),
    ("「党建」『引领』", "“党建”‘引领’"),
    ("甲―乙─丙–丁", "甲—乙—丙-丁"),
    ("一\r\n二\r三\u2028四\x0c五", "一\n二\n三\n四\n五"),
])
def test_existing_normalisations(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("黨建", "党建"),
    ("聯繫羣眾", "联系群众"),
    ("聯繫群眾", "联系群众"),
    ("堅持黨管幹部原則，發揮組織的戰鬥堡壘作用", "坚持党管干部原则，发挥组织的战斗堡垒作用"),
    ("書記帶頭講黨課，領導幹部接受監督", "书记带头讲党课，领导干部接受监督"),
    ("為民辦實事，關心體貼困難黨員", "为民办实事，关心体贴困难党员"),
    ("學習經濟知識，團結設計", "学习经济知识，团结设计"),
    ("置身於中心工作，瞭解群眾", "置身于中心工作，了解群众"),
    ("爲人民服務、衆志成城、綫上、裏外", "为人民服务、众志成城、线上、里外"),
])
def test_traditional_becomes_simplified(raw, expected):
    assert normalize(raw) == expected


def test_pdf_radicals_and_compatibility_ideographs_become_ordinary_characters():
    assert normalize("⽀部⼯作 ⾨") == "支部工作 门"  # Kangxi radicals U+2F40, U+2F2F, U+2FA8
    assert normalize("\uf900") == "岂"  # a compatibility ideograph for 豈


def test_table_is_one_to_one_and_safe_for_simplified_text():
    pairs = TRADITIONAL.split()
    assert all(len(pair) == 2 for pair in pairs)
    assert len({pair[0] for pair in pairs}) == len(pairs), "a Traditional form is listed twice"
    for traditional_form, simplified in TO_SIMPLIFIED.items():
        assert traditional_form != simplified and simplified not in TO_SIMPLIFIED
        assert encodable(simplified, "gb2312"), simplified
        # Forms inside GB2312 can occur in simplified text; each is reviewed and listed.
        assert not encodable(traditional_form, "gb2312") or traditional_form in GB2312_TRADITIONAL


def test_simplified_text_is_never_changed():
    hanzi = b"".join(bytes((row, cell)) for row in range(0xB0, 0xF8) for cell in range(0xA1, 0xFF))
    gb2312 = hanzi.decode("gb2312", errors="ignore")  # every level-1 and level-2 hanzi
    unchanged = "".join(ch for ch in gb2312 if ch not in GB2312_TRADITIONAL)
    assert len(unchanged) > 6700 and normalize(unchanged) == unchanged
    for path in EXAMPLES.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        changed = {a for a, b in zip(text, normalize(text), strict=True) if a != b}
        assert not {ch for ch in changed if "\u4e00" <= ch <= "\u9fff"}, path.name


def test_every_rubric_term_in_traditional_script_maps_back():
    rubric = load_rubric(packaged_rubric_path())
    words = sorted(set(rubric.all_words()))
    # A character that Big5 (the Traditional set) lacks is simplified-only: it needs a mapping.
    unmapped = {ch for w in words for ch in w if not encodable(ch, "big5")} - set(TO_TRADITIONAL)
    assert not unmapped, f"add Traditional forms for {''.join(sorted(unmapped))} to normalize.TRADITIONAL"
    converted = [traditional(w) for w in words]
    assert sum(c != w for c, w in zip(converted, words, strict=True)) > len(words) // 2
    assert [normalize(c) for c in converted] == words


def test_traditional_essay_scores_like_its_simplified_original(rubric):
    text = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
    converted = traditional(text)
    assert converted != text
    simplified_result = score_text(normalize(text), rubric, segment.words)
    traditional_result = score_text(normalize(converted), rubric, segment.words)
    assert traditional_result == simplified_result


def test_normalisation_keeps_lines():
    text = "甲\u2028乙\r\n丙\r丁\x0b戊"
    assert normalize(text).split("\n") == ["甲", "乙", "丙", "丁", "戊"]
