"""The cache never runs code, never trusts a folder another user can write, and never fails a run."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from hashlib import sha256

import pytest

from djscore import cache
from djscore.cache import cache_dir, cached, entry_path, from_plain, read_private, to_plain

from .conftest import DATA, EXAMPLES

FULL = str(EXAMPLES / "full-four-pillars.txt")
POSIX = hasattr(os, "getuid")
posix_only = pytest.mark.skipif(not POSIX, reason="owners and mode bits are POSIX")


class Payload:
    """Unpickling this creates the marker file: what an attacker's pickle would do."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return open, (self.marker, "w")


@dataclass(frozen=True)
class Inner:
    name: str
    pairs: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Sample:
    inner: tuple[Inner, ...]
    index: dict[str, list[tuple[int, str]]]
    words: frozenset[str]
    weight: float
    optional: Inner | None = None


SAMPLE = Sample((Inner("甲", (("a", 1), ("b", 2))), Inner("乙", ())), {"党建": [(0, "党建工作")]},
                frozenset({"融入", "中心"}), 1.5, Inner("丙", (("c", 3),)))


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "djscore"


def counting_build():
    calls = []

    def build() -> Sample:
        calls.append(1)
        return SAMPLE
    return build, calls


def run_check(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-W", "error", "-m", "djscore", "check", FULL, "-f", "json",
                           *extra], capture_output=True, text=True, env=env, timeout=120)


def score(proc: subprocess.CompletedProcess[str]) -> float:
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)["results"][0]["score"]


# --- the attack ----------------------------------------------------------------------------

def test_a_planted_pickle_under_the_victims_cache_names_is_never_run(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    folder = tmp_path / "xdg" / "djscore"
    expected = score(run_check(env, "--segmenter", "jieba"))  # builds rubric, slips, jieba caches
    names = sorted(p.name for p in folder.iterdir())
    assert any(n.startswith("rubric-") for n in names) and any(n.startswith("slips-") for n in names)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Payload(str(marker)))
    for name in names:  # the attacker knows the names: same version, same rubric
        (folder / name).write_bytes(payload)
        (folder / (name.rsplit(".", 1)[0] + ".pickle")).write_bytes(payload)
    assert score(run_check(env, "--segmenter", "jieba")) == expected
    assert not marker.exists()
    assert all(b"pwned" not in (folder / n).read_bytes() for n in names)  # rebuilt and rewritten


@posix_only
def test_a_world_writable_fallback_folder_made_by_another_user_is_not_used(tmp_path):
    reference = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    expected = score(run_check(reference))
    names = [p.name for p in (tmp_path / "xdg" / "djscore").iterdir()]

    temp = tmp_path / "tmp"
    temp.mkdir()
    planted = temp / f"djscore-{os.getuid()}"
    planted.mkdir()
    planted.chmod(0o777)  # as `mkdir -m777` by the attacker
    marker = tmp_path / "pwned"
    for name in names:
        (planted / name).write_bytes(pickle.dumps(Payload(str(marker))))
    before = sorted(p.name for p in planted.iterdir())
    # HOME unusable: the cache folder cannot be made under it, so the temp fallback is tried.
    env = {**os.environ, "XDG_CACHE_HOME": os.devnull + "/cache", "TMPDIR": str(temp)}
    assert score(run_check(env)) == expected
    assert not marker.exists()
    assert sorted(p.name for p in planted.iterdir()) == before  # nothing read, nothing written


@posix_only
def test_only_a_private_folder_of_this_user_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    made = cache_dir()
    assert made == tmp_path / "xdg" / "djscore"
    assert stat.S_IMODE(made.stat().st_mode) & 0o077 == 0  # created 0700

    made.chmod(0o777)  # group/others may write: fall back to the temp folder, made private
    fallback = tmp_path / "tmp" / f"djscore-{os.getuid()}"
    assert cache_dir() == fallback
    assert stat.S_IMODE(fallback.stat().st_mode) & 0o077 == 0

    fallback.chmod(0o770)
    assert cache_dir() is None
    fallback.chmod(0o700)
    made.rmdir()
    made.symlink_to(fallback)  # a symlink is not used, even to a private folder
    assert cache_dir() == fallback
    fallback.rmdir()
    fallback.symlink_to(tmp_path / "tmp")
    assert cache_dir() is None

    fallback.unlink()
    made.unlink()
    monkeypatch.setattr(cache, "_uid", lambda: os.getuid() + 1)  # folders owned by someone else
    assert cache_dir() is None
    build, calls = counting_build()
    assert cached("sample", b"k", build, Sample) == SAMPLE  # no cache, no error
    assert cached("sample", b"k", build, Sample) == SAMPLE and len(calls) == 2


@posix_only
def test_a_fifo_in_place_of_the_cache_file_does_not_hang(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    expected = score(run_check(env))
    folder = tmp_path / "xdg" / "djscore"
    for path in list(folder.iterdir()):
        path.unlink()
        os.mkfifo(path)
    assert score(run_check(env)) == expected  # the timeout in run_check fails a hang
    assert read_private(folder / "nothing") is None


# --- corrupted, foreign, oversized ------------------------------------------------------------

SEALED = [marshal.dumps({"inner": [], "index": {}}), marshal.dumps(compile("open('x', 'w')", "x", "exec")),
          marshal.dumps([[[[]]]] * 3), marshal.dumps(10 ** 400), b"\x00garbage", b""]


@pytest.mark.parametrize("content", [
    b"", b"\x00", b"garbage \xff\xfe", pickle.dumps(SAMPLE), pickle.dumps([1, 2], protocol=5)[:-3],
    b"\x80\x09unsupported protocol", b"[" * 100_000,  # marshal: a list of 1.5 billion items, nested
    json.dumps(to_plain(SAMPLE), default=list).encode(), marshal.dumps(to_plain(SAMPLE)),  # unsealed
    *(b"djscore-cache-1\n" + sha256(data).digest() + data for data in SEALED),  # sealed, wrong shape
])
def test_a_corrupted_or_foreign_file_is_rebuilt(private_cache, content):
    build, calls = counting_build()
    assert cached("sample", b"key", build, Sample) == SAMPLE
    path = entry_path(private_cache, "sample", b"key", Sample)
    good = path.read_bytes()
    path.write_bytes(content)
    assert cached("sample", b"key", build, Sample) == SAMPLE
    assert len(calls) == 2
    assert path.read_bytes() == good  # rewritten
    for damaged in (good[:len(good) // 2], good[:-1] + bytes([good[-1] ^ 1])):  # truncated, one bit
        path.write_bytes(damaged)
        assert cached("sample", b"key", build, Sample) == SAMPLE
    assert len(calls) == 4


def test_wrong_types_inside_are_rejected():
    plain = to_plain(SAMPLE)
    for broken in ({**plain, "weight": "1.5"}, {**plain, "index": {"党建": [(0, 1)]}},
                   {**plain, "words": ["融入"]}, {**plain, "optional": {"name": 1, "pairs": ()}},
                   {**plain, "extra": 1}, {k: v for k, v in plain.items() if k != "weight"}):
        with pytest.raises((TypeError, ValueError)):
            from_plain(Sample, marshal.loads(marshal.dumps(broken)))


def test_oversized_and_non_regular_files_are_not_read(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 100)
    assert read_private(path, limit=100) == b"x" * 100
    assert read_private(path, limit=99) is None
    link = tmp_path / "link"
    link.symlink_to(path)
    assert read_private(link) is None
    assert read_private(tmp_path) is None


# --- the values cached -------------------------------------------------------------------------

def test_round_trip_gives_equal_objects(private_cache, rubric, mini_rubric):
    from djscore.rubric import Rubric
    from djscore.rules.mistyped import PhraseIndex, phrase_index

    index = phrase_index(("基层党组织",), 4)
    for value, kind in ((SAMPLE, Sample), (rubric, Rubric), (mini_rubric, Rubric), (index, PhraseIndex)):
        back = from_plain(kind, marshal.loads(marshal.dumps(to_plain(value))))
        assert back == value and type(back) is kind
        if kind is Rubric:
            assert back.rules == value.rules  # not part of ==
        calls: list[int] = []

        def build(v: object = value, calls: list[int] = calls) -> object:
            calls.append(1)
            return v
        first = cached("round", repr(value)[:200].encode(), build, kind)
        again = cached("round", repr(value)[:200].encode(), build, kind)
        assert first == again == value and len(calls) == 1  # the second came from the file


def test_load_rubric_uses_the_cache(private_cache):
    from djscore.rubric import load_rubric

    first = load_rubric(DATA / "mini-rubric.yaml")
    (entry,) = private_cache.glob("rubric-*.marshal")
    again = load_rubric(DATA / "mini-rubric.yaml")
    assert again == first and again.rules == first.rules
    assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0


def test_the_key_includes_the_dataclass_shape(private_cache):
    @dataclass(frozen=True)
    class Sample2:  # same name and fields as Inner, one type changed
        name: str
        pairs: tuple[tuple[str, str], ...]

    assert entry_path(private_cache, "k", b"k", Inner) != entry_path(private_cache, "k", b"k", Sample2)
    assert "pairs:" in cache.shape(Sample)


def test_the_slip_index_read_back_from_its_packed_cache_equals_the_one_built(private_cache, rubric):
    from djscore.packed import pack, unpack
    from djscore.rules import mistyped

    terms = tuple(form for p in rubric.pillars for c in p.criteria for t in c.terms for form in t.forms
                  if "+" not in form)
    built = mistyped.phrase_index(terms, 4)
    assert unpack(mistyped.PhraseIndex, pack(built)) == built
    mistyped._indexes.clear()
    first = mistyped._rubric_index(rubric, 4)  # built, written packed
    (entry,) = private_cache.glob("slips-packed-*.marshal")
    mistyped._indexes.clear()
    assert mistyped._rubric_index(rubric, 4) == first == built  # read back from the file
    entry.write_bytes(b"djscore-cache-1\n" + sha256(b"x").digest() + b"x")  # damaged: rebuilt
    mistyped._indexes.clear()
    assert mistyped._rubric_index(rubric, 4) == built


def test_a_slip_index_that_cannot_be_packed_is_cached_plain(private_cache, rubric, monkeypatch):
    from djscore.rules import mistyped

    monkeypatch.setattr(mistyped, "pack", lambda value: None)  # as for a rubric term holding \x1f
    monkeypatch.setattr(mistyped, "_indexes", {})
    first = mistyped._rubric_index(rubric, 4)
    assert list(private_cache.glob("slips-packed-*")) and list(private_cache.glob("slips-[0-9a-f]*"))
    monkeypatch.setattr(mistyped, "_indexes", {})
    assert mistyped._rubric_index(rubric, 4) == first  # read back from the plain entry


def test_data_that_would_not_come_back_exactly_is_not_packed():
    from djscore.packed import pack

    @dataclass(frozen=True)
    class Index:
        words: frozenset[str]
        lists: dict[str, list[str]]

    assert pack(Index(frozenset({"党建", "引领"}), {"a": ["党建", "引领"]})) is not None
    assert pack(Index(frozenset({"党\x1f建"}), {})) is None  # holds a separator
    assert pack(Index(frozenset(), {"a": []})) is None  # an empty list would come back as [""]
