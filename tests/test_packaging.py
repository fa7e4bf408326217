"""A pip-installed user gets the default rubric inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_ships_the_default_rubric(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "djscore/rubrics/dangjian-neihan.yaml" in names
    assert "djscore/cli/__init__.py" in names
    assert any(n.startswith("djscore/rules/data/") for n in names)
