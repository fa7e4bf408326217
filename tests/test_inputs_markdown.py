"""Markdown: only prose is scored, headings feed sections, and lines stay the source's lines."""

from __future__ import annotations

import subprocess
import sys

import pytest

from djscore.inputs import read_document
from djscore.inputs.markdown import markdown_to_text
from djscore.pipeline import check_path

from .conftest import EXAMPLES


def convert(source: str) -> list[str]:
    out = markdown_to_text(source).split("\n")
    assert len(out) == len(source.split("\n"))
    return out


@pytest.mark.parametrize("source, expected", [
    ("## 一、融入中心 ##", "## 一、融入中心"),
    ("### （一）具体做法", "### （一）具体做法"),
    ("#没有空格不是标题", "#没有空格不是标题"),
    ("正文**加粗**、__加粗__、*斜体*、`代码`、~~删除线~~。", "正文加粗、加粗、斜体、代码、删除线。"),
    ("见[党建网](https://example.com/a_(b) \"标题\")和![活动照片](img/p.png)。", "见党建网和活动照片。"),
    ("[引用式链接][1]与脚注[^1]。", "引用式链接与脚注。"),
    ("网址 https://example.com/x?q=1 与<https://example.com>及见http://a.cn/b。", "网址  与及见。"),
    ("<span style=\"color:red\">党建</span><br/>引领", "党建引领"),
    ("前<!-- 注释 -->后", "前后"),
    ("- 列表项", "列表项"),
    ("  * [x] 已完成的任务", "已完成的任务"),
    ("1. 有序列表保留序号", "1. 有序列表保留序号"),
    ("> 引用的话", "引用的话"),
    ("| 单位 | 做法 |", "  单位   做法  "),
    ("|:---|---:|", ""),
    ("[1]: https://example.com \"参考\"", ""),
    ("[^1]: 脚注的内容", "脚注的内容"),
    ("---", ""),
    ("转义\\*星号\\*与反斜杠换行\\", "转义*星号*与反斜杠换行"),
    ("&lt;党建&gt;&nbsp;引领&#10;同一行", "<党建>\xa0引领 同一行"),
])
def test_single_lines(source, expected):
    assert convert(source) == [expected]


def test_front_matter_is_blanked():
    source = "---\ntitle: 党建引领\ntags: [党建]\n---\n正文"
    assert convert(source) == ["", "", "", "", "正文"]
    assert convert("+++\ntitle = '党建'\n+++\n正文") == ["", "", "", "正文"]
    assert convert("---\n没有结束的分隔线") == ["", "没有结束的分隔线"]


def test_fenced_code_blocks_are_blanked():
    source = "前\n```python\nx = '党建'\n~~~\n```\n后\n~~~~\n```\n~~~~\n尾"
    assert convert(source) == ["前", "", "", "", "", "后", "", "", "", "尾"]
    assert convert("```\n没有结束的代码块\n仍是代码") == ["", "", ""]


def test_indented_code_is_blanked_but_indented_chinese_paragraphs_are_kept():
    source = "段落\n\n    x = 1  # 党建\n    print(x)\n\n    我们坚持党建引领，把支部建在网格上。\n"
    assert convert(source) == ["段落", "", "", "", "", "我们坚持党建引领，把支部建在网格上。", ""]


def test_indented_lines_inside_lists_are_not_code():
    source = "- 第一项\n\n    第一项的续段 code\n"
    assert convert(source) == ["第一项", "", "第一项的续段 code", ""]


def test_multi_line_comments_and_scripts():
    source = "甲<!-- 开始\n党建\n结束 -->乙\n<script>\nvar a = '党建';\n</script>丙"
    assert convert(source) == ["甲", "", "乙", "", "", "丙"]


def test_setext_headings_become_atx():
    source = "一级标题\n===\n\n二级标题\n---\n\n---\n正文"
    assert convert(source) == ["# 一级标题", "", "", "## 二级标题", "", "", "", "正文"]


# CommonMark cases a line-by-line reader gets wrong.

def test_code_in_nested_lists_and_quotes_is_blanked():
    source = "1. 第一项\n   - 子项\n\n         x = \"党建引领\"\n   - 子项二\n\n> ```\n> 党建 = 1\n> ```\n"
    assert convert(source) == ["1. 第一项", "子项", "", "", "子项二", "", "", "", "", ""]
    # A list item's heading does not make a later indented block prose.
    assert convert("- 项目\n## 标题\n\n    x = '党建'") == ["项目", "## 标题", "", ""]


def test_html_blocks_show_only_their_text():
    source = "\n".join([
        "<pre>", "x = '党建'", "</pre>",
        "<div align=\"center\">", "<img src=\"a.png\"", "     alt=\"活动照片\">", "<p>党建&amp;引领</p>",
        "</div>",
        "", "<!-- 多行注释", "党建", "-->",
    ])
    assert convert(source) == ["", "", "", "", "", "", "党建&引领", "", "", "", "", ""]


def test_reference_definitions_are_blanked_even_over_several_lines():
    source = "见[党建网][dj]。\n\n[dj]:\n  https://example.com/dangjian\n  \"党建网 标题\"\n"
    assert convert(source) == ["见党建网。", "", "", "", "", ""]


def test_setext_heading_over_two_lines():
    assert convert("第一部分\n工作回顾\n========\n正文") == ["# 第一部分 工作回顾", "", "", "正文"]


def test_lazy_continuation_is_not_a_setext_heading():
    # "继续" continues the quote's (or item's) paragraph lazily; the "---" after it is a rule.
    assert convert("> 引用第一行\n继续引用\n---\n正文") == ["引用第一行", "继续引用", "", "正文"]
    assert convert("- 列表项\n继续\n---") == ["列表项", "继续", ""]


def test_tables_with_escaped_pipes():
    source = ("| 做法 | 说明 |\n|---|:--:|\n| 三会一课 | 每月\\|每季，`a\\|b` |\n"
              "| [支部](http://a.cn/x) | <b>好</b> |")
    assert convert(source) == ["做法 说明", "", "三会一课 每月|每季，a|b", "支部 好"]


def test_emphasis_next_to_chinese_punctuation_loses_its_markers():
    # CommonMark leaves these ** standing (a closing run after punctuation, before a letter).
    assert convert("**一、党建引领。**正文从这里开始。") == ["一、党建引领。正文从这里开始。"]


def test_directives_in_html_blocks_and_list_items():
    source = ("- 正文\n  <!-- djscore: ignore long-sentence -->\n\n"
              "<!-- djscore: ignore-file -->\n前<!-- djscore: ignore -->")
    assert convert(source) == ["正文", "[djscore: ignore long-sentence]", "", "[djscore: ignore-file]", "前"]


def test_code_span_over_two_lines_keeps_later_text_on_its_line():
    source = "甲`代码\n续`乙\n丙[链接](\nhttps://a.cn)丁\n戊"
    assert convert(source) == ["甲代码", "续乙", "丙链接", "丁", "戊"]


def test_line_endings_do_not_change_the_result():
    source = "# 标题\n正文[链接](http://a.com)\n```\ncode\n```\n尾"
    expected = markdown_to_text(source)
    assert markdown_to_text(source.replace("\n", "\r\n")) == expected
    assert markdown_to_text(source.replace("\n", "\r")) == expected


def test_characters_that_normalise_to_line_breaks_do_not_add_lines():
    assert convert("甲\x0c乙\u2028丙") == ["甲 乙 丙"]


def test_read_document_uses_markdown_for_md_files_only(tmp_path):
    source = "# 标题\n\n**党建**引领\n"
    (tmp_path / "a.md").write_text(source, encoding="utf-8")
    (tmp_path / "a.txt").write_text(source, encoding="utf-8")
    assert read_document(str(tmp_path / "a.md")).text == "# 标题\n\n党建引领\n"
    assert read_document(str(tmp_path / "a.txt")).text == source


def test_markdown_without_prose(tmp_path):
    (tmp_path / "code.md").write_text("```\n党建\n```\n<!-- 注释 -->\n", encoding="utf-8")
    with pytest.raises(Exception, match="没有可评分的正文"):
        read_document(str(tmp_path / "code.md"))


def test_evidence_lines_are_source_lines(tmp_path, rubric):
    term = next(t.term for c in rubric.pillars[-1].criteria for t in c.terms if "+" not in t.term)
    source = "\n".join([
        "---", f"title: {term}", "---",                     # 1-3 front matter
        "# 一、标题", "",                                    # 4-5
        "```", f"{term}。", "```",                          # 6-8 code
        f"<!-- {term}。", "-->",                            # 9-10 comment
        f"[链接](https://example.com/{term})", "",          # 11-12 link target
        "正文第一段。", "",                                  # 13-14
        f"- **{term}**。",                                  # 15: the one real occurrence
        "",
    ])
    path = tmp_path / "essay.md"
    path.write_text(source, encoding="utf-8")
    result = check_path(str(path), rubric)
    hits = [hit for p in result.pillars for c in p.criteria for hit in c.hits if hit.term == term]
    assert [(hit.line, hit.column) for hit in hits] == [(15, 1)]
    assert [s.line for s in result.sections] == [4]


def test_headings_feed_section_detection(tmp_path, rubric):
    source = "前言\n\n## 一、第一部分\n\n正文。\n\n第二部分\n--------\n\n### （一）小节\n\n正文。\n"
    path = tmp_path / "essay.md"
    path.write_text(source, encoding="utf-8")
    sections = check_path(str(path), rubric).sections
    assert [(s.line, s.level, s.heading) for s in sections] == [
        (3, 1, "一、第一部分"), (7, 1, "第二部分"), (10, 2, "（一）小节")]


def test_example_report_keeps_every_line():
    source = (EXAMPLES / "village-report.md").read_text(encoding="utf-8")
    out = convert(source)
    assert out[8] == "## 一、党建引领产业发展，集体经济有了起色"
    assert out[12].startswith("茶叶合作社扩面。 支部领办")


@pytest.mark.parametrize("name, kind", [("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("a.txt", "text")])
def test_document_kind(tmp_path, name, kind):
    (tmp_path / name).write_text("# 标题\n正文\n", encoding="utf-8")
    assert read_document(str(tmp_path / name)).kind == kind


def test_only_markdown_files_load_the_markdown_parser(tmp_path):
    # The parser costs tens of milliseconds to import: a plain-text check must not pay for it.
    loaded = {}
    for name in ("a.txt", "a.md"):
        (tmp_path / name).write_text("# 标题\n\n党建引领。\n", encoding="utf-8")
        command = [sys.executable, "-X", "importtime", "-m", "djscore", "check", str(tmp_path / name)]
        loaded[name] = "markdown_it" in subprocess.run(command, capture_output=True, text=True).stderr
    assert loaded == {"a.txt": False, "a.md": True}
