"""What the reports show a writer and a secretary (issue 12, items 4-6, 8, 9 and 12): why an
essay falls short, advice that fits the essay, batch names that stay whole, Chinese line
breaking at 80 and 140 columns and piped, phone-width HTML."""

from __future__ import annotations

import io
import json
import re
from importlib import resources

import pytest
from rich.console import Console
from typer.testing import CliRunner

from djscore.advice import detect_setting, rank_gaps
from djscore.cli import app
from djscore.gate import Gate
from djscore.pipeline import CheckOptions, analyse, check_path
from djscore.report.cjk import NO_LINE_START, break_offsets
from djscore.report.html import render_html
from djscore.report.rows import display_paths, fit_name, problems
from djscore.report.terminal import essay_report, summary_table
from djscore.rubric import RubricError, load_rubric, parse_rubric

from .conftest import DATA, EXAMPLES
from .test_report_html import parse

runner = CliRunner()
UNITE = EXAMPLES / "single-pillar-unite-hearts.txt"  # a community (社区) essay, between 40 and 60
VILLAGE = EXAMPLES / "village-report.md"
SLIP = "我们的基党层组织坚持三会一课，党员带头为群众办实事，支部书记带头走访困难党员。\n"
CLOSING = "，。、；：？！）」』】》”’"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def terminal(renderable, width: int) -> str:
    """What a terminal of `width` columns shows (colours on, styles dropped)."""
    console = Console(width=width, record=True, force_terminal=True, color_system="standard",
                      file=io.StringIO(), highlight=False)
    console.print(renderable)
    return console.export_text()


def lines_starting_with_closing_punctuation(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and line.strip()[0] in CLOSING]


# --- 4: failing is explained, at the top, in every format ----------------------------------

GATE = Gate(fail_under=60, min_pillar=40)


@pytest.mark.parametrize("width", [80, 140])
def test_terminal_says_why_an_essay_fails_before_the_scores(rubric, width):
    result = check_path(str(UNITE), rubric)
    shown = terminal(essay_report(result, gate=GATE, rubric=rubric), width)
    top = shown[:shown.index("融入中心")]
    assert 40 < result.score < 60
    assert "未达标" in top and f"总分 {result.score:.1f} 低于 60" in top and "形成核心 0.0 低于 40" in top
    assert "未达标" not in terminal(essay_report(result, gate=Gate(fail_under=40), rubric=rubric), width)


def test_error_level_slips_fail_and_are_named_in_every_format(tmp_path):
    essay = tmp_path / "slip.txt"
    essay.write_text(SLIP, encoding="utf-8")
    piped = run("check", essay)
    assert piped.exit_code == 1
    first_lines = piped.stdout.splitlines()[:3]
    assert any("未达标" in line and "基党层组织" in line for line in first_lines), piped.stdout
    document = json.loads(run("check", essay, "-f", "json").stdout)
    assert list(document)[:5] == ["schema_version", "tool", "rubric", "gate", "results"]
    (failed,) = document["gate"]["failed"]
    assert failed["path"] == str(essay) and any("基党层组织" in r for r in failed["reasons"])
    assert document["gate"]["passed"] is False and document["gate"]["fail_on"] == "error"
    markdown = run("check", essay, "-f", "markdown").stdout
    assert markdown.startswith("**未达标 1 篇**") and "基党层组织" in markdown.split("|")[0]


def test_json_gate_lists_thresholds_and_passes_when_nothing_fails():
    document = json.loads(run("check", EXAMPLES / "full-four-pillars.txt", "-f", "json",
                              "--fail-under", "60").stdout)
    assert document["gate"] == {"fail_under": 60.0, "min_pillar": None, "fail_on": "error",
                                "standard": "总分低于 60、有错误级写作问题", "passed": True, "failed": []}


def test_html_gives_the_reasons_at_the_top_and_writing_problems_before_evidence(rubric, tmp_path):
    essay = tmp_path / "slip.txt"
    essay.write_text(SLIP, encoding="utf-8")
    result = check_path(str(essay), rubric)
    doc = parse(render_html([result], rubric, below={result.path}, gate=Gate(fail_under=60)))
    section = doc.find("section", "essay")
    failed = section.find("div", "failed")
    reasons = [li.text() for li in failed.find_all("li")]
    assert any("低于 60" in r for r in reasons) and any("基党层组织" in r for r in reasons)
    order = [node for node in section.iter() if node.tag in ("h3", "div") and
             (node.tag == "h3" or "failed" in node.classes())]
    titles = [n.text() if n.tag == "h3" else "未达标" for n in order]
    assert titles[0] == "未达标"
    assert titles.index(next(t for t in titles if t.startswith("写作问题"))) < titles.index("证据")


def test_html_batch_lists_failing_essays_with_reasons(rubric):
    results = [check_path(str(p), rubric) for p in (UNITE, EXAMPLES / "full-four-pillars.txt")]
    doc = parse(render_html(results, rubric, below={results[0].path}, gate=GATE))
    summary = doc.find("section", id="summary").find("div", "failed")
    (item,) = summary.find_all("li")
    assert f"总分 {results[0].score:.1f} 低于 60" in item.text()
    assert item.find("a").attrs["href"] == "#essay-1"


# --- 5: a few valuable gaps, in the essay's setting ---------------------------------------

def test_setting_is_detected_from_the_text():
    assert detect_setting(UNITE.read_text(encoding="utf-8")).name == "社区"
    assert detect_setting(VILLAGE.read_text(encoding="utf-8")).name == "村"
    for name, setting in (("full-four-pillars.txt", "医院"), ("single-pillar-form-core.txt", "企业")):
        assert detect_setting((EXAMPLES / name).read_text(encoding="utf-8")).name == setting
    assert detect_setting("今天天气很好。").name is None


def test_advice_lists_three_gaps_for_the_essays_setting_grouped_by_pillar(rubric):
    result = check_path(str(UNITE), rubric)
    assert result.setting == "社区"
    shown = terminal(essay_report(result, rubric=rubric), 140)
    advice = shown[shown.index("可补充的内容"):shown.index("结构")]
    assert "按文中所写的“社区”举例" in advice
    bullets = [line for line in advice.splitlines() if line.strip().startswith("·")]
    assert len(bullets) == 3
    gains = [int(re.search(r"约 \+(\d+) 分", line).group(1)) for line in bullets]
    # Grouped by pillar: the group with the biggest gain first, each group in descending order.
    assert gains[0] == max(gains)
    groups: list[list[int]] = []
    for line in advice.splitlines()[1:]:
        if line.startswith("  ") and not line.startswith("   ") and not line.strip().startswith("另有"):
            groups.append([])
        elif line.strip().startswith("·"):
            groups[-1].append(int(re.search(r"约 \+(\d+) 分", line).group(1)))
    assert all(group == sorted(group, reverse=True) for group in groups)
    assert [group[0] for group in groups] == sorted((group[0] for group in groups), reverse=True)
    assert advice.count("可以谈：") == 3 and advice.count("例如：") == 3
    # Examples of a community, not of a village or a state firm; no bare phrases to paste.
    assert "社区" in advice and "村务监督委员会" not in advice and "三重一大" not in advice
    assert "可用表述" not in advice and "-v 显示全部" in advice
    # Grouped: a pillar's name on its own line above its gaps.
    assert [line.strip() for line in advice.splitlines()].count("形成核心") == 1


def test_verbose_lists_every_gap_with_its_terms(rubric):
    result = check_path(str(UNITE), rubric)
    shown = terminal(essay_report(result, verbose=True, rubric=rubric), 140)
    advice = shown[shown.index("可补充的内容"):shown.index("结构")]
    missing = [c for p in result.pillars for c in p.criteria if c.status != "covered"]
    assert sum(line.strip().startswith("·") for line in advice.splitlines()) == len(missing) > 3
    assert "可用表述" in advice


def test_gaps_are_ranked_by_what_the_scoring_curve_gives(rubric):
    result = check_path(str(UNITE), rubric)
    gaps = rank_gaps(result, rubric, result.setting)
    assert len(gaps) == sum(c.status != "covered" for p in result.pillars for c in p.criteria)
    assert [g.gain for g in gaps] == sorted((g.gain for g in gaps), reverse=True)
    # The empty pillar (形成核心, 0.0) gains most; the pillar already argued thoroughly, least.
    assert gaps[0].pillar_name == "形成核心" and gaps[0].gain > 10
    assert all(g.example and g.example_setting == "社区" for g in gaps)


@pytest.mark.parametrize("essay", [UNITE, VILLAGE, EXAMPLES / "partial-short.txt"])
def test_the_first_gap_is_what_really_raises_the_score_most(rubric, essay):
    """Write each gap into the essay (two sentences with two of its terms), score it for real:
    the gap advised first gains about what was estimated, and about the most of all gaps."""
    options = CheckOptions(rubric)
    text = essay.read_text(encoding="utf-8")
    before = analyse(text, options, markdown=essay.suffix == ".md")
    terms = {c.id: [t.term for t in sorted((t for t in c.terms if not t.cue), key=lambda t: -t.weight)[:2]]
             for p in rubric.pillars for c in p.criteria}

    def real_gain(criterion_id: str) -> float:
        first, second = terms[criterion_id]
        added = f"\n\n我们支部坚持{first}，党员都参与进来。支部书记带头抓{second}，每月检查一次。\n"
        return analyse(text + added, options, markdown=essay.suffix == ".md").score - before.score

    gaps = rank_gaps(before, rubric, before.setting)
    real = {g.criterion.id: real_gain(g.criterion.id) for g in gaps}
    top = gaps[0]
    assert abs(real[top.criterion.id] - top.gain) <= 6, (top.gain, real)
    assert real[top.criterion.id] >= max(real.values()) - 2, real


def test_packaged_rubric_has_an_example_per_setting_and_bad_examples_are_refused():
    for pillar in load_rubric().pillars:
        for criterion in pillar.criteria:
            assert {s for s, _ in criterion.examples} == {"村", "企业", "机关", "学校", "医院", "社区"}
    text = (DATA / "mini-rubric.yaml").read_text(encoding="utf-8")
    bad = re.sub(r"(\n(\s+)min_hits:[^\n]*)", r"\1\n\2examples: [村]", text, count=1)
    assert bad != text
    with pytest.raises(RubricError) as caught:
        parse_rubric(bad, "bad.yaml")
    assert any("examples" in p for p in caught.value.problems)


# --- 6: batch names stay whole -----------------------------------------------------------

LONG = "县医院党委书记的党建论文-第二稿.txt"


def batch_folder(tmp_path):
    folder = tmp_path / "材料"
    (folder / "第一支部").mkdir(parents=True)
    (folder / "张三-心得体会.txt").write_text(UNITE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "第一支部" / LONG).write_text(VILLAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "english.txt").write_text("Just an English note about the weekend, nothing more.\n" * 3)
    return folder


@pytest.mark.parametrize("width", [120, 140])
def test_batch_names_are_relative_and_never_wrapped(rubric, tmp_path, width):
    folder = batch_folder(tmp_path)
    results = [check_path(str(p), rubric) for p in sorted(folder.rglob("*.txt"))]
    shown = terminal(summary_table(results, [p.name for p in rubric.pillars], set()), width)
    assert f"文件位于 {folder}/" in shown
    for name in ("张三-心得体会.txt", f"第一支部/{LONG}", "english.txt"):
        assert any(line.lstrip().startswith(name) for line in shown.splitlines()), shown
    assert str(folder) not in shown.replace(f"文件位于 {folder}/", "")


def test_a_really_narrow_terminal_shortens_names_in_the_middle(rubric, tmp_path):
    folder = batch_folder(tmp_path)
    results = [check_path(str(p), rubric) for p in sorted(folder.rglob("*.txt"))]
    shown = terminal(summary_table(results, [p.name for p in rubric.pillars], set()), 80)
    assert max(map(len, shown.splitlines())) <= 80
    (row,) = [line for line in shown.splitlines() if "…" in line and "第一" in line]
    assert row.split()[0].startswith("第一") and row.split()[0].endswith(".txt")
    assert fit_name(LONG, 10).endswith(".txt") and fit_name(LONG, 10).startswith("县")


def test_problems_cell_breaks_between_its_parts_at_80_columns(rubric):
    # 警 1；缺 10 项标准 folds after the semicolon, never inside 缺 10 项标准.
    paths = [EXAMPLES / "partial-short.txt", EXAMPLES / "single-pillar-form-core.txt", UNITE]
    results = [check_path(str(p), rubric) for p in paths]
    shown = terminal(summary_table(results, [p.name for p in rubric.pillars], set()), 80)
    wanted = [problems(r).rsplit("；", 1)[-1] for r in results]
    assert all("缺" in part for part in wanted)
    for part in wanted:
        assert any(part in line for line in shown.splitlines()), shown


def test_piped_batch_has_one_line_per_essay_and_full_paths_in_csv_and_json(tmp_path):
    folder = batch_folder(tmp_path)
    piped = run("check", folder, "--no-similarity").stdout
    rows = [line for line in piped.splitlines() if ".txt" in line]
    assert len(rows) == 3 and any(f"第一支部/{LONG}" in line for line in rows), piped
    csv = run("check", folder, "-f", "csv").stdout
    assert str(folder / "第一支部" / LONG) in csv
    paths = [r["path"] for r in json.loads(run("check", folder, "-f", "json").stdout)["results"]]
    assert str(folder / "第一支部" / LONG) in paths


def test_display_paths_take_the_shared_folder_off():
    assert display_paths(["材料/一组/a.txt", "材料/b.txt"]) == ("材料/", ["一组/a.txt", "b.txt"])
    assert display_paths(["a.txt", "b/c.txt"]) == ("", ["a.txt", "b/c.txt"])
    assert display_paths(["材料/a.txt"]) == ("", ["材料/a.txt"])


def test_html_matrix_shows_relative_names_whole_with_the_full_path(rubric, tmp_path):
    folder = batch_folder(tmp_path)
    results = [check_path(str(p), rubric) for p in sorted(folder.rglob("*.txt"))]
    doc = parse(render_html(results, rubric))
    names = {th.text(): th.attrs["title"] for th in doc.find("table", "matrix").find_all("th", scope="row")}
    assert names[f"第一支部/{LONG}"] == str(folder / "第一支部" / LONG)


# --- 8: Chinese line breaking -----------------------------------------------------------

def test_break_offsets_never_start_a_line_with_closing_punctuation():
    text = "论述党建要从围绕中心抓党建转向融入中心抓党建（与业务同谋划），深度融合、破解两张皮。" * 3
    for width in range(12, 60):  # continuation lines of at least four characters
        starts = break_offsets(text, width, indent=4)
        assert all(text[s] not in NO_LINE_START for s in starts), width
        assert all(text[s - 1] not in "（“《" for s in starts), width
    assert break_offsets("abc 17:11 rjieba", 8) == [4, 10]  # words and positions stay whole


@pytest.mark.parametrize("width", [80, 140])
def test_report_lines_indent_and_never_begin_with_closing_punctuation(rubric, width):
    result = check_path(str(VILLAGE), rubric)
    shown = terminal(essay_report(result, verbose=True, gate=GATE, rubric=rubric), width)
    assert lines_starting_with_closing_punctuation(shown) == []
    assert max(map(len, shown.splitlines())) <= width
    lines = shown.splitlines()
    assert not [line for line in lines if line.strip() == "·"]
    evidence = lines[lines.index("证据："):]
    note = next(i for i, line in enumerate(evidence) if line.startswith("  相关叙述："))
    assert all(line.startswith("    ") for line in evidence[note + 1:])  # the note about 相关叙述 comes last
    # Each sentence starts with its position; its continuation lines are indented under it.
    for line in evidence[1:note]:
        assert re.match(r"  \d+:\d+ \[", line) or line.startswith("      "), line


def test_piped_verbose_marks_matched_words_and_strips_markdown_headings():
    piped = run("check", "-v", VILLAGE).stdout
    evidence = piped[piped.index("证据："):]
    assert "【党建引领】" in evidence
    assert "##" not in evidence and "9:6 [指导思想由围绕中心转向融入中心] 一、【党建引领】" in evidence


def test_segment_continuation_lines_are_indented(tmp_path):
    essay = tmp_path / "e.txt"
    essay.write_text("通过学习，我认识到作为一名共产党员，首先要坚定理想信念，" * 4 + "\n", encoding="utf-8")
    out = run("segment", essay).stdout.splitlines()
    assert out[0].startswith("1 │ ") and len(out) > 1
    assert all(line.startswith("    ") for line in out[1:]), out


# --- 9: phone-width HTML --------------------------------------------------------------

def test_html_reflows_for_phones(rubric):
    result = check_path(str(UNITE), rubric)
    doc = parse(render_html([result], rubric))
    labels = {td.attrs.get("data-label") for td in doc.find("table", "criteria").find_all("td")}
    assert labels == {"标准", "状态", "得分", "命中词", "首次出现"}
    css = (resources.files("djscore.report") / "html_assets" / "report.css").read_text(encoding="utf-8")
    phone = css[css.index("@media (max-width: 640px)"):]
    assert "table.criteria td::before" in phone and "attr(data-label)" in phone
    assert re.search(r"table\.matrix tbody th[^{]*\{[^}]*position: sticky", css)
    assert re.search(r"svg \.tick, svg \.axis \{ font-size: 1[5-9]px", phone)


# --- 12: smaller points -------------------------------------------------------------------

def test_non_chinese_row_says_one_thing():
    english = "Just an English note about the weekend, nothing more. " * 5
    result = analyse(english, CheckOptions(load_rubric()))
    assert problems(result) == "汉字很少，得分没有参考意义"


def test_similarity_is_three_decimals_in_terminal_markdown_and_html(tmp_path):
    folder = tmp_path / "稿"
    folder.mkdir()
    text = VILLAGE.read_text(encoding="utf-8")
    (folder / "a.md").write_text(text, encoding="utf-8")
    (folder / "b.md").write_text(text.replace("石桥", "石门"), encoding="utf-8")
    shown = run("check", folder).stdout
    markdown = run("check", folder, "-f", "markdown").stdout
    page = run("check", folder, "-f", "html").stdout
    value = re.search(r"\n\s+(0\.\d{3}|1\.000)\s+\S*b\.md", shown).group(1)
    assert f"| {value} |" in markdown and f">{value}<" in page and "%" not in value
    passage = markdown[markdown.index("最长相同段落"):]
    assert "##" not in passage.splitlines()[0]
