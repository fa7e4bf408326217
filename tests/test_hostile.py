"""Hostile and broken input (issue 14): nothing hangs, nothing is lost or overwritten, every
problem is one line on stderr with exit code 2 and no traceback."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djscore.inputs.files import find_inputs

from .conftest import EXAMPLES

FULL = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return {**os.environ, "XDG_CACHE_HOME": str(cache)}


def run(env, *args: str, cwd: Path | None = None, timeout: float = 60,
        **kwargs) -> subprocess.CompletedProcess:
    """djscore under `python -W error`; a hang fails the test through the timeout."""
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-W", "error", "-m", "djscore", *args],
                          env=env, cwd=cwd, timeout=timeout, **kwargs)


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("djscore: ")
    for needle in needles:
        assert needle in lines[0], err
    return lines[0]


# --- 2: file names that are not valid UTF-8 --------------------------------------------------

@pytest.mark.skipif(sys.platform == "darwin" or os.name == "nt", reason="needs byte file names")
def test_a_file_name_that_is_not_utf8_does_not_abort_the_batch(env, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(FULL, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"\xff.txt"), "w", encoding="utf-8") as handle:
        handle.write(FULL)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=False, capture_output=True)
    proc = run(env, "check", "d", "-j", "1", "--no-similarity", "-f", "csv", cwd=tmp_path)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert not err
    out = proc.stdout.decode("utf-8")
    assert "a.txt" in out and "\\xff.txt" in out  # the undecodable byte shown escaped


# --- 3: only regular files are read ----------------------------------------------------------

@needs_fifo
def test_a_fifo_as_argument_in_a_folder_or_as_rubric_is_an_error_not_a_hang(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(FULL, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "rubric.yaml")
    one_line_error(run(env, "check", "d/pipe.txt", cwd=tmp_path, timeout=30), "d/pipe.txt", "FIFO")
    proc = run(env, "check", "d", "-j", "1", "--no-similarity", cwd=tmp_path, timeout=30)
    assert "a.txt" in proc.stdout.decode()
    one_line_error(proc, "pipe.txt", "FIFO")
    one_line_error(run(env, "check", "ok.txt", "--rubric", "rubric.yaml", cwd=tmp_path, timeout=30),
                   "rubric.yaml", "FIFO")


@needs_fifo
def test_a_fifo_as_baseline_config_or_saved_result_is_an_error_not_a_hang(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    os.mkfifo(tmp_path / "saved.json")
    os.mkfifo(tmp_path / "djscore.toml")
    one_line_error(run(env, "check", "ok.txt", "--baseline", "saved.json", cwd=tmp_path, timeout=30),
                   "saved.json", "不是普通文件")
    one_line_error(run(env, "diff", "saved.json", "ok.txt", cwd=tmp_path, timeout=30),
                   "saved.json", "不是普通文件")
    one_line_error(run(env, "check", "ok.txt", "--config", "djscore.toml", cwd=tmp_path, timeout=30),
                   "djscore.toml", "不是普通文件")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_as_rubric_is_refused(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    one_line_error(run(env, "check", "ok.txt", "--rubric", "/dev/zero", cwd=tmp_path, timeout=30),
                   "/dev/zero", "设备文件")


# --- 7: unreadable folders -------------------------------------------------------------------

def test_a_folder_that_cannot_be_listed_is_an_error_row(tmp_path, monkeypatch):
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "a.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "d" / "locked" / "x.txt").write_text(FULL, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    found = find_inputs([str(tmp_path / "d")])
    errors = [c for c in found if c.error]
    assert [c.path for c in errors] == [str(tmp_path / "d" / "locked")]
    assert [c.path for c in found if not c.error] == [str(tmp_path / "d" / "a.txt")]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_gives_exit_code_2(env, tmp_path):
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "a.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "d" / "locked" / "x.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "d" / "locked").chmod(0)
    try:
        proc = run(env, "check", "d", "-j", "1", "--no-similarity", cwd=tmp_path)
    finally:
        (tmp_path / "d" / "locked").chmod(0o755)
    one_line_error(proc, "locked")


# --- 15: control characters are escaped in everything printed -----------------------------------

def test_printable_escapes_controls_surrogates_and_bidi_only():
    from djscore.printable import printable

    assert printable("材料/心得.txt") == "材料/心得.txt"
    assert printable("a\nb\x1b[31m\udcff\u202e.txt") == "a\\nb\\x1b[31m\\xff\\u202e.txt"


@pytest.mark.skipif(os.name == "nt", reason="needs newlines in file names")
def test_a_file_name_with_newline_and_escape_gives_one_escaped_line(env, tmp_path):
    name = "a\nb\x1b[31m.txt"
    (tmp_path / name).write_text("   \n", encoding="utf-8")
    line = one_line_error(run(env, "check", name, cwd=tmp_path), "文件为空")
    assert "a\\nb\\x1b[31m.txt" in line and "\x1b" not in line
    (tmp_path / name).write_text(FULL, encoding="utf-8")
    proc = run(env, "check", name, "-f", "markdown", "--no-similarity", "--fail-on", "never",
               cwd=tmp_path)
    assert b"\x1b" not in proc.stdout and b"a\\nb\\x1b[31m.txt" in proc.stdout


def test_escape_sequences_in_an_essay_do_not_reach_the_terminal(env, tmp_path):
    (tmp_path / "esc.txt").write_text("基层党组织要融入中心工作\x1b[31m红色\x1b]0;title\x07，"
                                      "党员要锤炼党性。\n" + FULL, encoding="utf-8")
    proc = run(env, "check", "-v", "esc.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout
    assert "␛[31m红色" in proc.stdout.decode()


# --- 8: reports survive a full disk; a full standard output is one line --------------------------

def _limit_file_size() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails (EFBIG) instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="needs RLIMIT_FSIZE")
def test_a_report_that_cannot_be_written_leaves_the_old_one_whole(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    run(env, "check", "ok.txt", cwd=tmp_path)  # the caches are written without the limit
    (tmp_path / "report.html").write_text("old report\n", encoding="utf-8")
    proc = run(env, "check", "ok.txt", "-f", "html", "-o", "report.html", cwd=tmp_path,
               preexec_fn=_limit_file_size)
    one_line_error(proc, "report.html", "无法写入")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.txt", "report.html"]  # no leftovers
    run(env, "check", "ok.txt", "-f", "html", "-o", "report.html", cwd=tmp_path)
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_standard_output_is_one_line_and_exit_code_2(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = run(env, "check", "ok.txt", cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
    one_line_error(proc, "标准输出", "无法写入")


def test_a_reader_that_stops_early_gets_no_complaint(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-W", "error", "-m", "djscore", "check", "-v", "ok.txt"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    proc.stdout.close()
    assert proc.wait(timeout=60) != 2
    assert proc.stderr.read() == b""
    proc.stderr.close()


# --- 6: -o never names a file the run reads ----------------------------------------------------

def test_output_may_not_name_any_file_the_run_reads(env, tmp_path):
    from djscore.rubric import packaged_rubric_path

    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "old.txt").write_text(FULL, encoding="utf-8")
    rubric = packaged_rubric_path().read_text(encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(rubric, encoding="utf-8")
    (tmp_path / "known").mkdir()
    (tmp_path / "known" / "sample.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / ".djscore.toml").write_text("fail-under = 10\n", encoding="utf-8")
    saved = tmp_path / "base.json"
    run(env, "check", "old.txt", "-f", "json", "-o", "base.json", cwd=tmp_path)
    base = saved.read_bytes()
    cases = [
        (["check", "ok.txt", "--rubric", "rubric.yaml", "-o", "rubric.yaml"], "rubric.yaml"),
        (["check", "ok.txt", "--baseline", "base.json", "-o", "base.json"], "base.json"),
        (["check", "ok.txt", "--against", "known", "-o", "known/sample.txt"], "known/sample.txt"),
        (["check", "ok.txt", "-o", ".djscore.toml"], ".djscore.toml"),
        (["check", "ok.txt", "--config", ".djscore.toml", "-o", ".djscore.toml"], ".djscore.toml"),
        (["check", "ok.txt", "-o", "ok.txt"], "ok.txt"),
        (["diff", "old.txt", "ok.txt", "--rubric", "rubric.yaml", "-o", "rubric.yaml"], "rubric.yaml"),
        (["diff", "base.json", "ok.txt", "-o", "base.json"], "base.json"),
    ]
    for args, target in cases:
        before = (tmp_path / target).read_bytes()
        one_line_error(run(env, *args, cwd=tmp_path), target, "--output")
        assert (tmp_path / target).read_bytes() == before, args
    assert saved.read_bytes() == base
    assert (tmp_path / "rubric.yaml").read_text(encoding="utf-8") == rubric


# --- 10 and 14: settings that used to end in a traceback ----------------------------------------

MINI = (Path(__file__).parent / "data" / "mini-rubric.yaml").read_text(encoding="utf-8")
HEART = "    name: 凝聚人心\n"


@pytest.mark.parametrize(("change", "expected"), [
    ((HEART, HEART + "    weight: 1" + "0" * 400 + "\n"), ":9: pillars[0].weight"),
    ((HEART, HEART + "    weight: .nan\n"), ":9: pillars[0].weight"),
    ((HEART, HEART + "    weight: .inf\n"), ":9: pillars[0].weight"),
    (("version: \"1\"\n", "version: \"1\"\ndated: 5\n"), ":6: dated"),
    (("version: \"1\"\n", "version: \"1\"\n? [a]\n: 1\n? [a]\n: 2\n"), ":6:3:"),
    (("version: \"1\"\n", "version: \"1\"\nrules: " + "[" * 900 + "]" * 900 + "\n"), "嵌套过深"),
    (("          - 党心\n", "          - " + "党" * 500 + "\n"), "过长"),
    (("          - 党心\n", "          - '---'\n          - '·'\n          - '_'\n"), "须含汉字或字母"),
    (("version: \"1\"\n", "version: \"1\"\n\x1b: 1\n"), "控制字符"),
])
def test_bad_rubric_settings_are_one_line_problems_with_file_and_line(change, expected):
    from djscore.rubric import RubricError, parse_rubric

    old, new = change
    assert old in MINI
    with pytest.raises(RubricError) as caught:
        parse_rubric(MINI.replace(old, new, 1), "r.yaml")
    problems = caught.value.problems
    assert all("\n" not in p and p.startswith("r.yaml") for p in problems), problems
    assert any(expected in p for p in problems), problems


def test_bad_rubric_on_the_command_line_is_one_line(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(MINI.replace("          - 党心\n", "          - " + "党" * 500 + "\n"),
                                     encoding="utf-8")
    one_line_error(run(env, "check", "ok.txt", "--rubric", "r.yaml", cwd=tmp_path), "r.yaml:", "过长")


@pytest.mark.parametrize(("name", "text", "expected"), [
    (".djscore.toml", "tool = 5\n", ".djscore.toml:1: tool"),
    ("pyproject.toml", "[tool]\ndjscore = 5\n", "pyproject.toml:2: tool.djscore"),
    (".djscore.toml", "jobs = 2\nmax-size = 99999999999999\n", ".djscore.toml:2: max-size"),
    (".djscore.toml", "[rules.long-sentence]\nmax_chars = -3\n", "long-sentence.max_chars"),
])
def test_bad_config_values_are_one_line_errors(env, tmp_path, name, text, expected):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the config search stops here
    (tmp_path / name).write_text(text, encoding="utf-8")
    one_line_error(run(env, "check", "ok.txt", cwd=tmp_path), expected)


def test_max_size_has_a_ceiling(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    proc = run(env, "check", "ok.txt", "--max-size", "99999999999999", cwd=tmp_path)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"100000000" in proc.stderr


def test_an_encoding_that_makes_lone_surrogates_is_refused(env, tmp_path):
    (tmp_path / "u.txt").write_bytes("党建\\ud800 基层党组织建设\n".encode())
    one_line_error(run(env, "check", "u.txt", "--encoding", "unicode_escape", cwd=tmp_path),
                   "u.txt", "U+D800")


# --- 11: malformed saved JSON for diff and --baseline ---------------------------------------------

@pytest.fixture(scope="module")
def saved_document(rubric):
    from dataclasses import replace

    from djscore.pipeline import check_path
    from djscore.report.jsondoc import render_json

    result = check_path(str(EXAMPLES / "full-four-pillars.txt"), rubric)
    return json.loads(render_json([replace(result, fingerprint=None)], rubric))


def _mutations(document):
    """(where, value) replacements that break the documented schema in every place diff reads."""
    pillar = "results.0.pillars.0"
    criterion = f"{pillar}.criteria.0"
    return [("results.0", 5), ("results.0.path", 3), ("results.0.score", "x"),
            ("results.0.score", float("nan")), ("results.0.error", 5), ("results.0.findings", 7),
            ("results.0.findings", [3]), ("results.0.pillars", {}), ("results.0.pillars", [1]),
            (f"{pillar}.id", None), (f"{pillar}.name", []), (f"{pillar}.score", None),
            (f"{pillar}.criteria", "x"), (f"{pillar}.criteria", [None]), (f"{criterion}.id", 1),
            (f"{criterion}.status", "done"), (f"{criterion}.terms_found", [1]),
            (f"{criterion}.terms_found", 5), (f"{criterion}.score", "1"), ("rubric", 5),
            ("rubric.sha256", 5), ("results.0.verdict", 1)]


def _put(document, where, value):
    import copy

    document = copy.deepcopy(document)
    *parents, last = where.split(".")
    node = document
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[int(last) if isinstance(node, list) else last] = value
    return document


def test_malformed_saved_results_are_one_line_errors(saved_document):
    from djscore.review.diff import DiffInputError, check_result, compare, results_from_document

    good = check_result(results_from_document(saved_document)[0])
    for where, value in _mutations(saved_document):
        document = _put(saved_document, where, value)
        with pytest.raises(DiffInputError) as caught:
            result = check_result(results_from_document(document)[0])
            compare(result, good)
        assert "\n" not in str(caught.value), where


@given(st.lists(st.tuples(st.integers(0, 200), st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=3),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))),
    min_size=1, max_size=4))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_randomly_damaged_saved_results_never_crash_diff(saved_document, damage):
    from djscore.review.diff import DiffInputError, check_result, compare, results_from_document, to_dict

    def paths_in(node, prefix="", found=None):
        found = [] if found is None else found
        if prefix:
            found.append(prefix)
        items = enumerate(node) if isinstance(node, list) else node.items() if isinstance(node, dict) else ()
        for key, child in items:
            if len(found) < 400:
                paths_in(child, f"{prefix}.{key}" if prefix else str(key), found)
        return found

    document = saved_document
    for index, value in damage:  # each step replaces a part of what the last one left
        paths = paths_in(document)
        if paths:
            document = _put(document, paths[index % len(paths)], value)
    try:
        result = check_result(results_from_document(document)[0])
        to_dict(compare(result, result))
    except DiffInputError as exc:
        assert "\n" not in str(exc)


def test_diff_and_baseline_with_deeply_nested_json_are_one_line(env, tmp_path):
    (tmp_path / "ok.txt").write_text(FULL, encoding="utf-8")
    deep = '{"schema_version": 2, "results": ' + "[" * 100000 + "]" * 100000 + "}"
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"schema_version": 2, "results": [{"path": "a", "score": 50, '
                                       '"pillars": [{"id": 1}]}]}', encoding="utf-8")
    for name in ("deep.json", "bad.json"):
        one_line_error(run(env, "diff", name, "ok.txt", cwd=tmp_path), name)
        one_line_error(run(env, "check", "ok.txt", "--baseline", name, cwd=tmp_path), name)


# --- 13: CSV cells are never formulas ----------------------------------------------------------

def test_csv_cells_that_look_like_formulas_are_neutralised(env, tmp_path):
    import csv
    import io

    names = ["=HYPERLINK(\"x\",\"y\").txt", "+1.txt", "-2.txt", "@SUM(A1).txt", "普通.txt"]
    for name in names:
        (tmp_path / name).write_text(FULL, encoding="utf-8")
    proc = run(env, "check", "-f", "csv", "--no-similarity", "-j", "1", "--", *names, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8-sig"))))[1:]
    assert [r[0] for r in rows] == ["'" + n for n in names[:4]] + ["普通.txt"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


# --- 12: the config search stays within the user's own files -----------------------------------

def test_config_search_stops_at_the_home_folder(tmp_path, monkeypatch):
    from djscore.config import discover

    (tmp_path / ".djscore.toml").write_text("fail-under = 99\n", encoding="utf-8")
    (tmp_path / "home" / "essays").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert discover(tmp_path / "home" / "essays") is None
    (tmp_path / "home" / ".djscore.toml").write_text("fail-under = 50\n", encoding="utf-8")
    assert discover(tmp_path / "home" / "essays") == (tmp_path / "home" / ".djscore.toml").resolve()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs file owners")
def test_a_config_file_of_another_user_is_ignored_with_a_note(tmp_path, monkeypatch, capsys):
    from djscore import config

    (tmp_path / ".git").mkdir()
    (tmp_path / ".djscore.toml").write_text("fail-under = 99\n", encoding="utf-8")
    (tmp_path / "essays").mkdir()
    owner = (tmp_path / ".djscore.toml").stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)  # as another user would run it
    assert config.discover(tmp_path / "essays") is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".djscore.toml" in err and "其他用户" in err
    monkeypatch.setattr(os, "getuid", lambda: owner)
    assert config.discover(tmp_path / "essays") == (tmp_path / ".djscore.toml").resolve()


# --- 9: a terminating signal to djscore ends its workers --------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc") or os.name == "nt", reason="needs /proc and POSIX signals")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_terminating_signal_ends_the_worker_processes(env, tmp_path, signame):
    import signal
    import time

    for index in range(200):
        (tmp_path / f"{index:03}.txt").write_text(FULL * 3, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "djscore", "check", ".", "-j", "2", "--no-similarity"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the workers did not start"
        proc.send_signal(getattr(signal, signame))
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _running(w)], "workers outlived their parent"
        assert b"Traceback" not in proc.stderr.read()
    finally:
        for pid in [proc.pid, *workers]:  # only what this test started
            if _running(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, 9)
        proc.stderr.close()


# --- 4: .docx bombs ------------------------------------------------------------------------------

def _docx_error(data: bytes, tmp_path) -> str:
    from djscore.inputs import InputError, read_document

    path = tmp_path / "稿件.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_docx_part_that_expands_a_hundredfold_is_refused(tmp_path):
    from .docx_builder import docx_bytes, paragraph

    data = docx_bytes(paragraph("基层党组织") * 60_000)  # ~3 MB of XML in a few KB
    assert len(data) < 100_000
    assert "压缩比" in _docx_error(data, tmp_path)


def test_the_text_taken_from_a_docx_is_limited(tmp_path, monkeypatch):
    import importlib

    from .docx_builder import docx_bytes, paragraph

    monkeypatch.setattr(importlib.import_module("djscore.inputs.docx"), "MAX_TEXT_CHARS", 5_000)
    assert "拒绝读取" in _docx_error(docx_bytes(paragraph("党建引领" * 2_000)), tmp_path)


def test_a_dtd_in_a_utf16_docx_part_is_refused(tmp_path):
    from .docx_builder import W, docx_bytes

    bomb = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY a "党建党建">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    data = docx_bytes("", {"word/document.xml": "\ufeff".encode("utf-16-le") + bomb.encode("utf-16-le")})
    assert "DTD" in _docx_error(data, tmp_path)
