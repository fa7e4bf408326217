"""Finding the files to check: paths as given, folders walked, hidden and git-ignored skipped."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import PurePath

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.docx")
# What a secretary counts as a submission although djscore cannot read it: with the default
# patterns such files in a folder are listed too, so that reading them reports why (a PDF, an
# image, an old Word file) instead of their silently going missing from the table.
SUBMISSIONS = ("*.pdf", "*.doc", "*.wps", "*.rtf", "*.odt", "*.pages", "*.jpg", "*.jpeg", "*.png",
               "*.gif", "*.bmp", "*.heic", "*.tif", "*.tiff", "*.webp")


@dataclass(frozen=True)
class Candidate:
    """A path to check as the user will see it, or the reason it cannot be checked."""

    path: str
    error: str | None = None


def _matches(path: str, patterns: Iterable[str]) -> bool:
    name = os.path.basename(path)
    posix = PurePath(path).as_posix()
    return any(fnmatch(name, p) or fnmatch(posix, p) or fnmatch(posix, f"*/{p}") for p in patterns)


def _walk(folder: str, include: tuple[str, ...], exclude: tuple[str, ...],
          unreadable: list[str] | None = None) -> list[str]:
    """Matching files under folder; folders that cannot be listed are added to `unreadable`."""
    found = []

    def failed(exc: OSError) -> None:
        if unreadable is not None and exc.filename is not None:
            unreadable.append(os.fsdecode(exc.filename))

    # followlinks=False: a symlinked folder is not entered, so symlink loops cannot recur.
    for root, dirs, files in os.walk(folder, onerror=failed, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not _matches(os.path.join(root, d), exclude))
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.startswith(".") and _matches(name, include) and not _matches(path, exclude):
                found.append(path)
    return found


def git_ignored(paths: list[str]) -> set[str]:
    """The paths git would ignore, when run inside a work tree; empty when git is unavailable."""
    if not paths:
        return set()
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            # os.fsencode: a file name that is not valid UTF-8 goes back to git as the same bytes.
            input=b"\0".join(os.fsencode(p) for p in paths) + b"\0", capture_output=True,
            timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    return {os.fsdecode(p) for p in proc.stdout.split(b"\0") if p}


def find_inputs(paths: Iterable[str], include: tuple[str, ...] = DEFAULT_INCLUDE,
                exclude: tuple[str, ...] = ()) -> list[Candidate]:
    """Files named on the command line are taken as they are (unless excluded); folders are
    walked recursively for files matching `include`. Order: as given, then sorted within folders."""
    candidates: list[Candidate] = []
    for given in paths:
        if given == "-":
            candidates.append(Candidate("-"))
        elif os.path.isdir(given):
            unreadable: list[str] = []
            walked = include + SUBMISSIONS if include == DEFAULT_INCLUDE else include
            found = _walk(given, walked, exclude, unreadable)
            ignored = git_ignored(found)
            found = [f for f in found if f not in ignored]
            candidates.extend(Candidate(f, "无法读取此文件夹（没有权限或已不存在），其中的文件未检查")
                              for f in unreadable)
            if found:
                candidates.extend(Candidate(f) for f in found)
            elif not unreadable:
                patterns = "、".join(include)
                candidates.append(Candidate(given, f"文件夹中没有可检查的文件（{patterns}）"))
        elif not _matches(given, exclude):
            candidates.append(Candidate(given))  # reading it reports a missing file or a loop
    return candidates
