"""The public library interface: what __all__ promises, and docs/api.md's examples run."""

from __future__ import annotations

import json
import re

import djscore
from djscore.report.jsondoc import render_json

from .conftest import EXAMPLES, ROOT


def test_public_names_are_exactly_the_documented_ones():
    assert sorted(djscore.__all__) == sorted([
        "CriterionResult", "EssayResult", "Finding", "Hit", "PillarEvidence", "PillarResult", "Rubric",
        "RubricError", "Section", "__version__", "check_file", "check_files", "check_text", "load_rubric"])
    for name in djscore.__all__:
        assert getattr(djscore, name) is not None
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert all(f"`{name}" in doc for name in djscore.__all__ if name != "__version__")


def test_every_example_in_the_api_page_runs():
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
    assert len(blocks) >= 3
    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), {})


def test_to_dict_is_exactly_a_result_of_the_json_document():
    result = djscore.check_file(EXAMPLES / "village-report.md")
    document = json.loads(render_json([result], djscore.load_rubric()))
    assert result.to_dict() == document["results"][0]


def test_library_and_command_line_agree_and_errors_are_results(tmp_path):
    text = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
    from_text = djscore.check_text(text, path=str(EXAMPLES / "full-four-pillars.txt"))
    from_file = djscore.check_file(EXAMPLES / "full-four-pillars.txt")
    assert from_text.pillars == from_file.pillars and from_text.score == from_file.score
    assert djscore.check_text(text, rules=False).findings == ()
    missing = djscore.check_file(tmp_path / "没有这个文件.txt")
    assert missing.error


def test_batch_results_come_back_in_input_order():
    paths = sorted(EXAMPLES.glob("*.txt")) * 2
    results = djscore.check_files(paths, jobs=2)
    assert [r.path for r in results] == [str(p) for p in paths]


def test_version_names_the_packaged_rubric_and_the_segmenter():
    from typer.testing import CliRunner

    from djscore.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    rubric = djscore.load_rubric()
    assert djscore.__version__ in result.stdout
    assert rubric.id in result.stdout and rubric.version in result.stdout
    assert "分词器：" in result.stdout and ("rjieba" in result.stdout or "jieba" in result.stdout)


def test_a_large_batch_is_written_in_pieces_exactly_as_one_document():
    # Batches over INDENT_UP_TO results are streamed one result at a time (issue 13): the
    # pieces must make the very bytes json.dumps writes for the whole document.
    from djscore.gate import Gate
    from djscore.report.jsondoc import INDENT_UP_TO, document, gate_dict, json_chunks
    from djscore.score import error_result

    rubric = djscore.load_rubric()
    checked = [djscore.check_file(path) for path in sorted(EXAMPLES.glob("*.txt"))[:4]]
    results = [*(checked * 8)[:INDENT_UP_TO + 5], error_result("missing.txt", "无法读取")]
    gate = Gate(70.0, None, "warning")
    extra = {"similar_clusters": [{"members": [{"path": "a.txt", "similarity": 1.0}],
                                   "shared_passage": "两学一做"}]}
    chunks = list(json_chunks(results, rubric, extra, gate))
    assert len(chunks) > len(results)
    whole = {**{k: v for k, v in document(results, rubric).items() if k != "results"},
             "gate": gate_dict(results, gate), "results": [r.to_dict() for r in results], **extra}
    assert "".join(chunks) == json.dumps(whole, ensure_ascii=False) + "\n"
    assert "".join(chunks) == render_json(results, rubric, extra, gate)
