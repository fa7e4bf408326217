"""Property-based tests (hypothesis): the scorer and the readers on arbitrary text."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djscore import segment
from djscore.inputs import InputError, decode, read_document
from djscore.inputs.docx import read_docx
from djscore.inputs.markdown import LINE_BREAK, markdown_to_text
from djscore.normalize import normalize
from djscore.rubric import load_rubric, packaged_rubric_path
from djscore.score import StuffingLimits, score_text

from .docx_builder import docx_bytes, run

RUBRIC = load_rubric(packaged_rubric_path())
# Cues count only in text about Party work, so they are not among the terms appended below.
TERMS = sorted({t.term for p in RUBRIC.pillars for c in p.criteria for t in c.terms
                if "+" not in t.term and not t.cue})
FORMS = sorted({f.replace("+", "") for p in RUBRIC.pillars for c in p.criteria for t in c.terms
                for f in t.forms})
PIECES = [*FORMS, "。", "，", "；", "\n", "\r\n", "\r", " ", "\u3000", "一、", "（一）", "## ", "1.",
          "入党心得", "人民主体", "黨建", "聯繫羣眾", "\u200b", "Ａ", "「", "」", "the ", "123"]

fast = settings(max_examples=60, deadline=None)
# Arbitrary Unicode, and text built from rubric wording so that hits actually happen.
essays = st.one_of(st.text(max_size=300),
                   st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=60).map("".join))


@pytest.fixture(scope="module", autouse=True)
def _prepared():
    segment.add_words(RUBRIC.all_words())


def score(text: str, limits: StuffingLimits | None = None):
    return score_text(normalize(text), RUBRIC, segment.words, limits=limits or StuffingLimits())


# The anti-stuffing cap is deliberately not monotone: a tenth distinct term in a dense essay
# turns every paragraph into a "listed" one. So: one more term never lowers a score, unless
# it turns the text into a word list (which the stuffing rule then reports); and with the cap
# lifted (the stuffing rule off) never at all.
NO_CAP = StuffingLimits(listed_credit=float("inf"))


def criterion_scores(result) -> dict[str, float]:
    return {c.id: c.score for p in result.pillars for c in p.criteria}


@fast
@given(essays)
def test_any_text_scores_within_0_to_100(text):
    result = score(text)
    assert 0 <= result.score <= 100
    for pillar in result.pillars:
        assert 0 <= pillar.score <= 100
        assert all(0 <= c.score <= 100 for c in pillar.criteria)


@fast
@given(essays, st.sampled_from(TERMS))
def test_one_more_occurrence_of_a_term_never_lowers_a_score(text, term):
    for limits in (StuffingLimits(), NO_CAP):
        before = criterion_scores(score(text, limits))
        more = score(f"{text}\n{term}。\n", limits)
        if more.stuffed_lines and limits.listed_credit != NO_CAP.listed_credit:
            continue
        assert all(criterion_scores(more)[key] >= value for key, value in before.items())
        assert any(term in c.terms_found for p in more.pillars for c in p.criteria)


@fast
@given(essays.map(lambda t: t.replace("\r", "")))
def test_line_ending_style_does_not_matter(text):
    expected = score(text)
    assert score(text.replace("\n", "\r\n")) == expected
    assert score(text.replace("\n", "\r")) == expected


@fast
@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["#", "## ", "```", "~~~", "    ", "- ", "> ", "<!--", "-->", "<b>", "[", "](", ")", "http://a.b",
     "---", "===", "|", "*", "_", "`", "\\", "&amp;", "党建", "\n", "\r\n", "\r", "\x0c", "\u2028"]),
    max_size=40).map("".join))
def test_markdown_keeps_every_line_whatever_the_line_endings(source):
    out = markdown_to_text(source)
    assert out.count("\n") == len(LINE_BREAK.findall(source))
    assert normalize(out).count("\n") == out.count("\n")
    assert markdown_to_text(LINE_BREAK.sub("\n", source)) == out
    assert markdown_to_text(LINE_BREAK.sub("\r\n", source)) == out


@fast
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200),
       st.sampled_from([("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                        ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
                        ("utf-32-be", codecs.BOM_UTF32_BE)]))
def test_decoding_round_trips(text, encoding):
    codec, bom = encoding
    assert decode(bom + text.encode(codec))[0] == text


# Characters XML 1.0 can carry; line separators are turned into spaces inside a paragraph.
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
                                 "\u2028\u2029\x85"), max_size=40)


@fast
@given(st.lists(xml_text, min_size=1, max_size=12))
def test_docx_gives_back_its_paragraphs(texts):
    body = "".join(f"<w:p>{run(t)}</w:p>" for t in texts)
    assert read_docx(docx_bytes(body)) == "\n".join(texts)


VALID_DOCX = docx_bytes("".join(f"<w:p>{run(t)}</w:p>" for t in ("一、标题", "党建引领。", "正文。")))


@st.composite
def damaged_inputs(draw) -> bytes:
    """Arbitrary bytes, or a valid .docx / GB18030 / UTF-16 file with some bytes overwritten."""
    base = draw(st.sampled_from([b"", VALID_DOCX, "党建引领，凝聚人心。\n".encode("gb18030") * 20,
                                 "党建引领\n".encode("utf-16")]))
    data = bytearray(base or draw(st.binary(max_size=400)))
    for _ in range(draw(st.integers(0, 6)) if data else 0):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[:draw(st.integers(0, len(data)))] if draw(st.booleans()) else data)


@fast
@given(damaged_inputs(), st.sampled_from([".txt", ".md", ".docx", ""]))
def test_any_bytes_give_a_document_or_an_input_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"稿件{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(str(path))
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert document.text.strip()
