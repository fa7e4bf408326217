"""Batch checking: folders, ranking, exports, bad files, parallel workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from djscore.cli import app
from djscore.inputs.files import find_inputs

from .conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import write_corpus

runner = CliRunner()
FULL = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
TRAVEL = (EXAMPLES / "offtopic-travel.txt").read_text(encoding="utf-8")


def make_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "a" / "travel.md").write_text(TRAVEL, encoding="utf-8")
    (tmp_path / "a" / "notes.rst").write_text(FULL, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "draft.txt").write_text(TRAVEL, encoding="utf-8")
    return tmp_path


def test_folders_are_walked_with_include_exclude_and_hidden_skipped(tmp_path, monkeypatch):
    make_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = [c.path for c in find_inputs(["."])]
    assert found == [os.path.join(".", "a", "good.txt"), os.path.join(".", "a", "travel.md"),
                     os.path.join(".", "b", "draft.txt")]
    assert [c.path for c in find_inputs(["a"], include=("*.rst",))] == [os.path.join("a", "notes.rst")]
    assert [c.path for c in find_inputs(["."], exclude=("b",))] == found[:2]
    assert [c.path for c in find_inputs(["."], exclude=("*.md",))] == [found[0], found[2]]


def test_gitignored_files_are_skipped_inside_a_work_tree(tmp_path, monkeypatch):
    make_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / ".gitignore").write_text("b/\n*.md\n")
    assert [c.path for c in find_inputs(["."])] == [os.path.join(".", "a", "good.txt")]


def test_empty_folder_is_an_error_row(tmp_path):
    (tmp_path / "empty").mkdir()
    (candidate,) = find_inputs([str(tmp_path / "empty")])
    assert candidate.error and "没有" in candidate.error


def test_batch_table_ranks_and_totals(tmp_path, monkeypatch):
    make_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "a", "b", "--sort", "score", "--fail-under", "60", "-j", "1"])
    assert result.exit_code == 1
    out = result.stdout
    table = out[out.index("字数"):]  # the essays that fail, and why, come before the table
    assert table.index("good.txt") < table.index("travel.md")
    assert "共 3 篇：" in out and "出错 0 篇" in out
    assert "未达标 2 篇（总分低于 60、有错误级写作问题）" in out


def test_csv_has_bom_and_a_column_per_pillar(tmp_path):
    make_folder(tmp_path)
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["check", str(tmp_path / "a"), "-f", "csv", "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0].split(",")[:7] == ["文件", "字数", "总分", "融入中心", "形成核心", "锤炼党性", "凝聚人心"]
    assert len(rows) == 3


def test_markdown_table(tmp_path):
    make_folder(tmp_path)
    result = runner.invoke(app, ["check", str(tmp_path / "a"), "-f", "markdown"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| 文件 | 字数 | 总分 |")
    assert lines[1].startswith("|---|---:|")
    assert "共 2 篇" in result.stdout


def test_output_may_not_overwrite_an_input(tmp_path):
    essay = tmp_path / "e.txt"
    essay.write_text(FULL, encoding="utf-8")
    before = essay.read_bytes()
    result = runner.invoke(app, ["check", str(essay), "-o", str(essay)])
    assert result.exit_code == 2
    assert essay.read_bytes() == before


def test_quiet_mode_prints_one_line_per_failing_file_only(tmp_path):
    make_folder(tmp_path)
    good, bad = str(tmp_path / "a" / "good.txt"), str(tmp_path / "b" / "draft.txt")
    assert runner.invoke(app, ["check", "-q", good, "--fail-under", "60"]).stdout == ""
    result = runner.invoke(app, ["check", "-q", good, bad, "--fail-under", "60"])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(bad) and "低于 60" in line


def test_200_essays_with_bad_files_same_json_for_one_and_two_jobs(tmp_path):
    folder = tmp_path / "essays"
    paths = write_corpus(folder, 197, target_chars=1500)
    (folder / "essay-0050.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (folder / "zz-empty.txt").write_text("")
    (folder / "zz-gbk.txt").write_bytes(FULL.encode("gb18030"))
    (folder / "zz-img.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert len(paths) == 197  # one of them now binary, plus three more files: 200

    def run(jobs: str) -> tuple[int, dict]:
        proc = subprocess.run(
            [sys.executable, "-m", "djscore", "check", str(folder), "-f", "json", "-j", jobs],
            capture_output=True, text=True, timeout=600,
        )
        return proc.returncode, json.loads(proc.stdout)

    code1, doc1 = run("1")
    code2, doc2 = run("2")
    assert code1 == code2 == 2
    assert doc1 == doc2
    results = doc1["results"]
    assert len(results) == 200
    errors = {os.path.basename(r["path"]) for r in results if r["error"]}
    assert errors == {"essay-0050.txt", "zz-empty.txt", "zz-img.txt"}
    gbk = next(r for r in results if r["path"].endswith("zz-gbk.txt"))
    assert gbk["encoding"] == "gb18030" and gbk["score"] > 50


def test_a_pdf_or_image_in_a_folder_is_an_error_row_not_silently_skipped(tmp_path):
    (tmp_path / "张三.txt").write_text("支部开展谈心谈话。", encoding="utf-8")
    (tmp_path / "李四.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (tmp_path / "王五.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 20)
    (tmp_path / "notes.py").write_text("x = 1", encoding="utf-8")
    found = [os.path.basename(c.path) for c in find_inputs([str(tmp_path)])]
    assert found == ["张三.txt", "李四.pdf", "王五.jpg"]
    result = runner.invoke(app, ["check", str(tmp_path), "-f", "csv"])
    assert result.exit_code == 2
    assert "李四.pdf" in result.stdout and "不支持 PDF" in result.stdout
    assert "王五.jpg" in result.stdout and "图片" in result.stdout
    only_text = [os.path.basename(c.path) for c in find_inputs([str(tmp_path)], include=("*.txt",))]
    assert only_text == ["张三.txt"]


def test_summary_counts_verdicts_and_names_the_standard_it_judged_by(tmp_path):
    for name in ("full-four-pillars.txt", "offtopic-travel.txt"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    plain = runner.invoke(app, ["check", str(tmp_path), "--fail-on", "never"]).stdout
    assert "优秀 1 篇" in plain and "需加强 1 篇" in plain
    assert "达标" not in plain  # no standard was set: nothing is said to pass or fail it
    judged = runner.invoke(app, ["check", str(tmp_path), "--fail-under", "60", "--fail-on", "never"])
    assert "未达标 1 篇（总分低于 60）" in judged.stdout


def test_the_parent_of_a_batch_never_loads_the_segmenter(tmp_path):
    # The workers segment; the parent only collects their results, and stays small (issue 13:
    # the dictionary is ~35 MB).
    write_corpus(tmp_path, 24, target_chars=600)
    code = ("import sys\n"
            "from djscore.inputs.files import find_inputs\n"
            "from djscore.pipeline import CheckOptions, check_all\n"
            "from djscore.rubric import load_rubric\n"
            "results = list(check_all(find_inputs([sys.argv[1]]), CheckOptions(load_rubric()), jobs=2))\n"
            "print(len(results), all(r.score > 0 for r in results), 'rjieba' in sys.modules,"
            " 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-W", "error", "-c", code, str(tmp_path)], capture_output=True,
                         text=True, check=True, timeout=300)
    assert out.stdout.split() == ["24", "True", "False", "False"]
    assert out.stderr == ""
