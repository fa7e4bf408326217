""".docx read with the standard library: document order, tables, tracked changes, bad files."""

from __future__ import annotations

import importlib
import io
import random
import zipfile

import pytest

from djscore.inputs import InputError, read_document
from djscore.pipeline import check_path

from .docx_builder import (
    W,
    deleted,
    docx_bytes,
    docx_from_text,
    inserted,
    paragraph,
    run,
    table,
    write_docx,
)

docx = importlib.import_module("djscore.inputs.docx")


def lines_of(body: str) -> list[str]:
    return docx.read_docx(docx_bytes(body)).split("\n")


def error_of(data: bytes, tmp_path, name: str = "稿件.docx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert "\n" not in str(caught.value) and str(path) not in str(caught.value)
    return str(caught.value)


def test_paragraphs_and_table_cells_in_document_order():
    body = (paragraph("一、加强党建引领", style="Heading1")
            + paragraph("表格之前。")
            + table([["单位", "做法"], ["一支部", ["结对帮扶。", "走访群众。"]]])
            + paragraph("表格之后。"))
    assert lines_of(body) == ["一、加强党建引领", "表格之前。", "单位", "做法", "一支部",
                              "结对帮扶。", "走访群众。", "表格之后。"]


def test_tracked_changes_are_accepted():
    body = paragraph("坚持", deleted("围绕中心"), inserted("融入中心"), "抓党建。")
    assert lines_of(body) == ["坚持融入中心抓党建。"]


def test_moved_text_appears_once_at_its_new_place():
    move_from = '<w:moveFrom w:id="5" w:author="a">' + run("挪走的") + "</w:moveFrom>"
    move_to = '<w:moveTo w:id="6" w:author="a">' + run("挪走的") + "</w:moveTo>"
    assert lines_of(paragraph("甲", move_from) + paragraph("乙", move_to)) == ["甲", "乙挪走的"]


def test_deleted_paragraph_mark_joins_the_next_paragraph():
    mark = '<w:pPr><w:rPr><w:del w:id="7" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    body = f"<w:p>{mark}{run('前半句，')}</w:p>" + paragraph("后半句。") + paragraph("下一段。")
    assert lines_of(body) == ["前半句，后半句。", "下一段。"]


def test_tabs_breaks_and_one_line_per_paragraph():
    pieces = '<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r>'
    tab_stops = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    assert lines_of(f"<w:p>{tab_stops}{pieces}</w:p>" + paragraph("下一段")) == ["甲\t乙 丙 丁", "下一段"]
    assert lines_of(paragraph("第一\u2028第二\x85第三")) == ["第一 第二 第三"]


def test_hidden_text_and_field_codes_are_not_text():
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("3") +
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    shown = run("也看得见", '<w:vanish w:val="false"/>')
    body = paragraph("看得见", run("看不见", "<w:vanish/>"), shown, field)
    assert lines_of(body) == ["看得见也看得见3"]


def test_links_content_controls_and_empty_paragraphs_keep_their_place():
    link = f'<w:hyperlink w:history="1">{run("党建网")}</w:hyperlink>'
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{paragraph('控件里的段落')}</w:sdtContent></w:sdt>"
    assert lines_of(paragraph("见", link) + "<w:p/>" + control) == ["见党建网", "", "控件里的段落"]


def test_text_box_is_read_once_not_twice():
    box = (f'<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           f'<mc:Choice Requires="wps"><w:drawing><w:txbxContent>{paragraph("文本框")}</w:txbxContent>'
           f'</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{paragraph("文本框")}'
           f'</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    assert lines_of(paragraph("正文", box)) == ["文本框", "正文"]


def test_strict_ooxml_namespace():
    strict = docx_bytes(paragraph("严格格式")).replace(W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    assert docx.read_docx(strict) == "严格格式"


def test_read_document_reports_paragraphs(tmp_path):
    document = read_document(str(write_docx(tmp_path / "a.docx", paragraph("党建引领。"))))
    assert (document.text, document.encoding, document.line_unit) == ("党建引领。", "docx", "paragraph")


def test_docx_is_recognised_by_content_whatever_its_name(tmp_path):
    path = tmp_path / "其实是Word.txt"
    path.write_bytes(docx_bytes(paragraph("党建引领。")))
    assert read_document(str(path)).line_unit == "paragraph"


def test_evidence_lines_are_paragraph_numbers(tmp_path, rubric):
    term = next(t.term for c in rubric.pillars[0].criteria for t in c.terms if "+" not in t.term)
    body = (paragraph("一、标题") + table([["甲", "乙"]]) + paragraph(deleted(f"{term}。"))
            + paragraph("无关的一段。") + paragraph(f"{term}。"))
    result = check_path(str(write_docx(tmp_path / "a.docx", body)), rubric)
    lines = {hit.line for p in result.pillars for c in p.criteria for hit in c.hits if hit.term == term}
    assert lines == {6} and result.line_unit == "paragraph"


# --- bad files ------------------------------------------------------------------------------

def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_corrupt_zip(tmp_path):
    data = docx_bytes(paragraph("党建"))
    assert "ZIP 结构损坏" in error_of(data[: len(data) // 2], tmp_path)


def test_corrupt_compressed_data(tmp_path):
    data = bytearray(docx_bytes(paragraph("党建" * 200)))
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 10:start + 40] = b"\x00" * 30
    assert "损坏" in error_of(bytes(data), tmp_path)


def test_missing_document_part(tmp_path):
    data = zip_of({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<w:styles/>"})
    assert "缺少正文部分" in error_of(data, tmp_path)


@pytest.mark.parametrize("files, expected", [
    ({"readme.txt": "hello"}, "这是 ZIP 压缩包，不是 .docx 文件"),
    ({"xl/workbook.xml": "<workbook/>"}, "Excel"),
    ({"ppt/presentation.xml": "<p/>"}, "PowerPoint"),
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, ".odt"),
])
def test_other_zip_files(tmp_path, files, expected):
    assert expected in error_of(zip_of(files), tmp_path, "资料.zip")


def test_empty_document(tmp_path):
    assert error_of(docx_bytes("<w:p/>"), tmp_path).startswith("文件为空")


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(docx, "MAX_PART_BYTES", 10_000)
    assert "拒绝读取" in error_of(docx_bytes(paragraph("党" * 20_000)), tmp_path)


def test_dtd_and_malformed_xml_are_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "党建党建">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>')
    assert "DTD" in error_of(docx_bytes("", {"word/document.xml": bomb}), tmp_path)
    broken = f'<w:document xmlns:w="{W}"><w:body>\n<w:p><w:r><w:t>党建</w:r></w:p>'
    assert "XML 格式错误（第 2 行）" in error_of(docx_bytes("", {"word/document.xml": broken}), tmp_path)


def test_docx_from_text_round_trip():
    text = "一、标题\n\n正文第一段。\n\t缩进的第二段。"
    assert docx.read_docx(docx_from_text(text)) == text


def test_a_docx_made_big_by_pictures_is_still_read(tmp_path, monkeypatch):
    picture = random.Random(0).randbytes(100_000)  # incompressible, like a photo
    path = tmp_path / "带照片的述职报告.docx"
    path.write_bytes(docx_bytes(paragraph("党建引领。"), {"word/media/image1.png": picture}))
    assert path.stat().st_size > 100_000
    document = read_document(str(path), max_bytes=50_000)
    assert (document.text, document.line_unit) == ("党建引领。", "paragraph")
    decode_module = importlib.import_module("djscore.inputs.decode")
    monkeypatch.setattr(decode_module, "DOCX_MAX_BYTES", 90_000)
    with pytest.raises(InputError, match="文件过大"):
        read_document(str(path), max_bytes=50_000)
    text = tmp_path / "大.txt"
    text.write_bytes("党建".encode() * 20_000)
    with pytest.raises(InputError, match="文件过大"):
        read_document(str(text), max_bytes=50_000)
