"""Must show: one essay scores the same however it was saved; bad files in a batch are reported
one line each while the rest are scored; and no run ever changes an input."""

from __future__ import annotations

import codecs
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from djscore.inputs import read_document
from djscore.pipeline import check_path

from .conftest import EXAMPLES
from .docx_builder import deleted, docx_bytes, docx_from_text, paragraph, table

ESSAY = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
SAVED_AS = {
    "utf8.txt": ESSAY.encode("utf-8"),
    "utf8-bom.txt": codecs.BOM_UTF8 + ESSAY.encode("utf-8"),
    "gb18030.txt": ESSAY.encode("gb18030"),
    "utf16.txt": ESSAY.encode("utf-16"),  # with a BOM, as Word's "Unicode text" saves it
    "utf16-no-bom.txt": ESSAY.encode("utf-16-le"),
    "crlf.txt": ESSAY.replace("\n", "\r\n").encode("utf-8"),
    "essay.docx": docx_from_text(ESSAY),
}


def evidence(result):
    return [(c.id, c.score, [(h.term, h.form, h.line, h.column) for h in c.hits])
            for p in result.pillars for c in p.criteria]


def test_same_essay_same_score_however_saved(tmp_path, rubric):
    results = {}
    for name, data in SAVED_AS.items():
        (tmp_path / name).write_bytes(data)
        results[name] = check_path(str(tmp_path / name), rubric)
    reference = results["utf8.txt"]
    assert reference.error is None and reference.score > 0
    for name, result in results.items():
        assert result.error is None, (name, result.error)
        assert (result.score, result.chars, result.sections) == (reference.score, reference.chars,
                                                                 reference.sections), name
        assert evidence(result) == evidence(reference), name
    assert results["gb18030.txt"].encoding == "gb18030"
    assert results["utf16.txt"].encoding == "utf-16-le (BOM)"
    assert (results["essay.docx"].encoding, results["essay.docx"].line_unit) == ("docx", "paragraph")


def test_docx_with_a_table_and_a_deleted_change_scores_its_visible_text(tmp_path, rubric):
    lines = ESSAY.split("\n")
    body = (paragraph(lines[0]) + paragraph(deleted("这句话已被删除，两张皮、融入中心、凝聚党心都不算。"))
            + table([["年度", "做法"], ["2024", "支部结对共建"]])
            + "".join(paragraph(line) for line in lines[1:]))
    (tmp_path / "tracked.docx").write_bytes(docx_bytes(body))
    document = read_document(str(tmp_path / "tracked.docx"))
    assert document.text.split("\n")[:6] == [lines[0], "", "年度", "做法", "2024", "支部结对共建"]
    with_changes = check_path(str(tmp_path / "tracked.docx"), rubric)
    plain_text = "\n".join([lines[0], "", "年度", "做法", "2024", "支部结对共建", *lines[1:]])
    (tmp_path / "plain.txt").write_text(plain_text, encoding="utf-8")
    assert evidence(with_changes) == evidence(check_path(str(tmp_path / "plain.txt"), rubric))


# --- through the real command line ----------------------------------------------------------

@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return {**os.environ, "XDG_CACHE_HOME": str(cache)}


def djscore(env, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "djscore", "check", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def bad_batch(folder: Path) -> list[Path]:
    files = {
        "报告.pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "照片 1.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        "空白.txt": b"   \r\n",
        "心得 GB18030.txt": ESSAY.encode("gb18030"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def test_pdf_png_empty_and_gb18030_three_errors_one_score(tmp_path, cli_env):
    pdf, png, empty, essay = bad_batch(tmp_path)
    proc = djscore(cli_env, str(pdf), str(png), str(empty), str(essay), "--format", "json")
    assert proc.returncode == 2
    errors = proc.stderr.strip().split("\n")
    assert errors == [f"djscore: {pdf}: 不支持 PDF 文件，请先另存为 .txt 或 .docx",
                      f"djscore: {png}: 这是 PNG 图片，不是文字稿；请提供 .txt、.docx 或 .md 文件",
                      f"djscore: {empty}: 文件为空"]
    results = json.loads(proc.stdout)["results"]
    assert [r["error"] is None for r in results] == [False, False, False, True]
    assert results[3]["encoding"] == "gb18030" and results[3]["score"] > 0


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(folder.iterdir())}


def test_nothing_is_lost(tmp_path, cli_env):
    folder = tmp_path / "稿件"
    folder.mkdir()
    bad_batch(folder)
    for name, data in SAVED_AS.items():
        (folder / name).write_bytes(data)
    (folder / "村报告.md").write_bytes((EXAMPLES / "village-report.md").read_bytes())
    past = 1_600_000_000
    for path in folder.iterdir():
        os.utime(path, (past, past))  # an mtime a rewrite could not keep by accident
    broken_rubric = tmp_path / "broken.yaml"
    broken_rubric.write_text("id: x\npillars: [\n", encoding="utf-8")
    before = snapshot(folder)
    inputs = [str(p) for p in sorted(folder.iterdir())]

    runs = [
        djscore(cli_env, *inputs),
        djscore(cli_env, *inputs, "--format", "json", "-v"),
        djscore(cli_env, *inputs, "--rubric", str(broken_rubric)),  # fails before reading
        djscore(cli_env, *inputs, "--encoding", "utf-16"),  # most files fail to decode
        djscore(cli_env, *[p.name for p in sorted(folder.iterdir())], cwd=folder),
    ]
    assert [r.returncode for r in runs] == [2, 2, 2, 2, 2]
    assert all("Traceback" not in r.stderr for r in runs)
    assert snapshot(folder) == before


def test_reading_never_opens_for_writing(tmp_path, monkeypatch):
    decode_module = importlib.import_module("djscore.inputs.decode")
    modes = []

    def recording_open(file, mode="r", *args, **kwargs):
        modes.append(mode)
        return open(file, mode, *args, **kwargs)

    monkeypatch.setattr(decode_module, "open", recording_open, raising=False)
    for name, data in SAVED_AS.items():
        (tmp_path / name).write_bytes(data)
        read_document(str(tmp_path / name))
    assert modes and set(modes) == {"rb"}
