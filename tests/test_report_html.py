"""The HTML report (`--format html`): one self-contained, well-formed page, parsed here with the
standard library's html.parser."""

from __future__ import annotations

from html.parser import HTMLParser
from importlib import resources

import pytest
from typer.testing import CliRunner

from djscore.cli import app
from djscore.pipeline import CheckOptions, analyse, check_path
from djscore.report.html import highlight, render_html
from djscore.report.rows import totals
from djscore.score import error_result

from .conftest import EXAMPLES
from .docx_builder import docx_from_text

runner = CliRunner()
FULL = EXAMPLES / "full-four-pillars.txt"
PILLARS = ("融入中心", "形成核心", "锤炼党性", "凝聚人心")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOSTILE = ("一、融入中心\n我们坚持融入中心<script>alert(1)</script>，推动党建与业务深度融合，"
           "加强基党层组织建设。\n")


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str, cls: str | None = None, **attrs: str) -> Node:
        (node,) = self.find_all(tag, cls, **attrs)
        return node


class Page(HTMLParser):
    """A small DOM; `problems` lists every end tag that does not close the open element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)
        self.problems: list[str] = []
        self.feed(page)
        self.close()
        if self.current is not self.root:
            self.problems.append(f"unclosed <{self.current.tag}>")

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if tag != self.current.tag:
            self.problems.append(f"</{tag}> closes <{self.current.tag}>")
            return
        self.current = self.current.parent or self.root

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Node:
    parsed = Page(page)
    assert parsed.problems == []
    return parsed.root


@pytest.fixture(scope="module")
def full(rubric):
    return check_path(str(FULL), rubric)


@pytest.fixture(scope="module")
def hostile(rubric):
    return analyse(HOSTILE, CheckOptions(rubric), "<img src=x onerror=alert(2)>.txt")


@pytest.fixture(scope="module")
def batch(rubric, hostile):
    essays = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")
    results = [check_path(str(p), rubric) for p in essays]
    return [*results, hostile, error_result("broken.txt", "无法解码（不是 UTF-8 或 GB18030 文本）")]


def assert_self_contained(page: str, doc: Node) -> None:
    (html,) = doc.find_all("html")
    assert html.attrs["lang"] == "zh-CN"
    assert [m.attrs.get("charset") for m in doc.find_all("meta") if "charset" in m.attrs] == ["utf-8"]
    for tag in ("head", "body", "style"):
        assert len(doc.find_all(tag)) == 1, tag
    assert len(doc.find("head").find_all("title")) == 1
    assert [n.tag for n in html.children if isinstance(n, Node)] == ["head", "body"]
    for node in doc.iter():
        assert node.tag not in ("link", "img", "iframe", "object", "embed", "base"), node.tag
        assert "src" not in node.attrs
        assert (node.attrs.get("href") or "#").startswith("#"), node.attrs["href"]
    style = doc.find("style").text()
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "://" not in page


def test_single_essay_page_is_well_formed_and_self_contained(rubric, full):
    page = render_html([full], rubric)
    doc = parse(page)
    assert_self_contained(page, doc)
    assert doc.find_all("script") == []  # nothing to sort on a single essay
    header = doc.find("section", id="essay-1")
    assert str(FULL) in header.find("h2").text()
    assert f"{full.score:.1f}" in header.find("div", "big").text()
    assert "优秀" in header.text() and f"{full.chars:,}" in header.text()


def test_pillar_chart_has_one_bar_per_pillar_with_its_score(rubric, full):
    doc = parse(render_html([full], rubric))
    chart = doc.find("svg", "pillars")
    bars = chart.find_all("rect", "bar")
    assert [b.attrs["data-pillar"] for b in bars] == [p.id for p in rubric.pillars]
    labels = [t.text() for t in chart.find_all("text")]
    for pillar in full.pillars:
        assert pillar.name in labels and f"{pillar.score:.1f}" in labels
    widths = [float(b.attrs["width"]) for b in bars]
    assert widths == [round(4 * p.score, 1) for p in full.pillars]
    assert [p.name for p in full.pillars] == list(PILLARS)


def test_criteria_table_and_evidence(rubric, full):
    doc = parse(render_html([full], rubric))
    table = doc.find("table", "criteria")
    assert "首次出现（行:列）" in table.find("thead").text()
    rows = table.find("thead").parent.find_all("tr")[1:]
    # one row per criterion, and one per pillar with related sentences (djscore.filing)
    assert len(rows) == sum(len(p.criteria) + bool(p.related) for p in full.pillars)
    assert [th.text() for th in table.find_all("th", scope="rowgroup")] == list(PILLARS)
    statuses = {s.text() for s in table.find_all("span", "badge")}
    assert statuses <= {"已覆盖", "部分", "缺失"} and "已覆盖" in statuses
    first = full.pillars[0].criteria[0].hits[0]
    assert f"{first.line}:{first.column}" in rows[0].text()
    # "a+b" forms: both words are marked in the evidence sentence
    combined = next(h for p in full.pillars for c in p.criteria for h in c.hits if "+" in h.form)
    item = next(li for ol in doc.find_all("ol", "evidence") for li in ol.find_all("li")
                if combined.sentence in li.text())
    marks = [m.text() for m in item.find_all("mark")]
    # each word is marked, on its own or inside a longer marked word (业务 in 业务里)
    assert all(any(word in mark for mark in marks) for word in combined.form.split("+"))


def test_highlight_escapes_and_marks_each_part():
    assert highlight("<b>党建&业务", ["党建+业务"]) == "&lt;b&gt;<mark>党建</mark>&amp;<mark>业务</mark>"
    longest = highlight("党建与业务深度融合", ["党建+业务", "党建与业务深度融合"])
    assert longest == "<mark>党建与业务深度融合</mark>"


def test_essay_text_and_file_names_are_escaped(rubric, hostile, batch):
    for page in (render_html([hostile], rubric), render_html(batch, rubric)):
        doc = parse(page)
        scripts = doc.find_all("script")
        assert [s.text().strip() for s in scripts] in (
            [], [(resources.files("djscore.report") / "html_assets" / "sort.js").read_text("utf-8").strip()])
        assert doc.find_all("img") == []
        assert "<script>alert(1)</script>" in doc.text() and "<img src=x" in doc.text()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_findings_table(rubric, hostile):
    doc = parse(render_html([hostile], rubric))
    rows = doc.find("table", "findings").find_all("tr")[1:]
    cells = {tuple(td.text() for td in r.find_all("td")) for r in rows}
    assert ("2:49", "错误", "mistyped", "“基党层组织”疑为“基层党组织”之误", "基层党组织") in cells
    assert len(rows) == len(hostile.findings)


def test_docx_results_count_paragraphs(rubric, tmp_path):
    path = tmp_path / "文章.docx"
    path.write_bytes(docx_from_text(FULL.read_text(encoding="utf-8")))
    result = check_path(str(path), rubric)
    assert result.line_unit == "paragraph"
    doc = parse(render_html([result], rubric))
    assert "首次出现（段:字）" in doc.find("table", "criteria").text()
    assert all(" 段" in span.text() for span in doc.find_all("span", "pos"))


def test_batch_matrix_links_histogram_and_totals(rubric, batch):
    doc = parse(render_html(batch, rubric))
    assert_self_contained(render_html(batch, rubric), doc)
    matrix = doc.find("table", "matrix")
    heads = matrix.find("thead").find_all("th")
    assert [h.text() for h in heads][:7] == ["文件", "字数", "总分", *PILLARS]
    assert all(h.find_all("button") for h in heads)
    rows = matrix.find("tbody").find_all("tr")
    assert len(rows) == len(batch)
    ids = {n.attrs["id"] for n in doc.iter() if "id" in n.attrs}
    for number, (result, tr) in enumerate(zip(batch, rows, strict=True), start=1):
        assert result.path in tr.text()
        links = tr.find_all("a")
        if result.error:
            assert links == [] and result.error in tr.text() and f"essay-{number}" not in ids
            continue
        assert [a.attrs["href"] for a in links] == [f"#essay-{number}"]
        assert f"essay-{number}" in ids
        cells = tr.find_all("td")
        score = cells[1]
        assert float(score.attrs["data-v"]) == result.score
        # the readers' scale: substantive from 60, touched on from 15
        assert score.classes() & {"hi", "mid", "lo"} == {"hi" if result.score >= 60 else
                                                       "mid" if result.score >= 15 else "lo"}
    numeric = [i for i, h in enumerate(heads) if h.attrs.get("data-type") == "num"]
    assert len(numeric) == 2 + 4 + 1 + 3  # 字数 总分, pillars, 评级 (by score), finding counts
    bars = doc.find("svg", "histogram").find_all("rect", "hbar")
    assert len(bars) == 10
    assert sum(int(b.attrs["data-count"]) for b in bars) == sum(1 for r in batch if not r.error)
    assert totals(batch, set()) in doc.find("p", "totals").text()
    assert doc.find_all("section", id="similar") == []


def test_similar_clusters_are_listed_only_when_given(rubric, batch):
    from djscore.review.similarity import ClusterMember, SimilarCluster

    members = (ClusterMember(batch[0].path, 1.0), ClusterMember(batch[1].path, 0.87),
               ClusterMember("往年/范文.txt", 0.61, known=True))
    cluster = SimilarCluster(members, "<b>相同</b>的段落" * 50)
    doc = parse(render_html(batch, rubric, similar_clusters=[cluster]))
    section = doc.find("section", id="similar")
    assert "1 组，共 3 篇" in section.find("h2").text()
    assert "这 2 篇文章大部分文字相同" in section.find("h3").text()
    rows = section.find("tbody").find_all("tr")
    assert [a.attrs["href"] for a in section.find_all("a")] == ["#essay-1", "#essay-2"]
    # The same 3 decimals as the terminal, Markdown and --similarity-threshold (issue 12.12)
    assert "中心" in rows[0].text() and "0.870" in rows[1].text() and "已知文本" in rows[2].text()
    assert "<b>相同</b>" in section.find("blockquote").text() and section.find_all("b") == []


def test_cli_writes_html_file_with_usual_exit_codes(tmp_path):
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["check", str(FULL), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    parse(page).find("svg", "pillars")
    weak = EXAMPLES / "partial-short.txt"
    failing = runner.invoke(app, ["check", str(weak), "-f", "html", "--fail-under", "60"])
    assert failing.exit_code == 1
    assert "未达标" in parse(failing.stdout).find("section", id="essay-1").text()


def test_batch_page_lists_similar_pairs_from_the_cli(tmp_path):
    text = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("。", "！", 3), encoding="utf-8")
    (tmp_path / "c.txt").write_text((EXAMPLES / "offtopic-travel.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["check", str(tmp_path), "-f", "html", "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "疑似雷同" in page and "a.txt" in page and "b.txt" in page
